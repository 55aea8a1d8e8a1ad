// Integer arithmetic for the IKM: floating point could put 88.305 on either side of a grade
// boundary; hundredths computed exactly cannot.
#include "queue_server/skm.hpp"

#include <cstdio>

namespace hall::skm {

namespace {

Error bad(std::string message) { return make_error("bad_request", std::move(message)); }

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        int extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
        else return false;
        if (i + extra >= s.size()) return false;
        for (int k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        i += extra + 1;
    }
    return true;
}

std::string trim(std::string_view s) {
    const char* ws = " \t\r\n";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(ws);
    return std::string(s.substr(b, e - b + 1));
}

// An optional string field: absent, null or "" is "not given".
Result<std::optional<std::string>> optional_text(const nlohmann::json& body, const char* key) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) return std::optional<std::string>{};
    if (!it->is_string()) return bad(std::string("field '") + key + "' must be a string");
    std::string v = trim(it->get_ref<const std::string&>());
    if (v.empty()) return std::optional<std::string>{};
    return std::optional<std::string>{std::move(v)};
}

}  // namespace

Result<Response> parse_response(const nlohmann::json& body) {
    if (!body.is_object()) return bad("the survey must be a JSON object");
    for (const auto& [key, value] : body.items()) {
        (void)value;
        if (key != "answers" && key != "age" && key != "sex" && key != "education" && key != "occupation" &&
            key != "suggestion")
            return bad("unknown field '" + key + "'");
    }
    Response r;
    auto answers = body.find("answers");
    if (answers == body.end() || !answers->is_array() || answers->size() != kElementCount)
        return bad("field 'answers' must be a list of 9 answers (1 to 4), one per element U1..U9");
    for (int i = 0; i < kElementCount; ++i) {
        const auto& a = (*answers)[static_cast<std::size_t>(i)];
        if (!a.is_number_integer() || a.get<std::int64_t>() < kMinAnswer || a.get<std::int64_t>() > kMaxAnswer)
            return bad("answer " + std::string(elements()[static_cast<std::size_t>(i)].code) + " must be 1, 2, 3 or 4");
        r.answers[static_cast<std::size_t>(i)] = static_cast<int>(a.get<std::int64_t>());
    }
    if (auto age = body.find("age"); age != body.end() && !age->is_null() && !(age->is_string() && age->get_ref<const std::string&>().empty())) {
        if (!age->is_number_integer() || age->get<std::int64_t>() < kMinAge || age->get<std::int64_t>() > kMaxAge)
            return bad("field 'age' must be a whole number from " + std::to_string(kMinAge) + " to " +
                       std::to_string(kMaxAge));
        r.age = static_cast<int>(age->get<std::int64_t>());
    }
    for (auto [key, target] : {std::pair{"sex", &r.sex}, std::pair{"education", &r.education},
                               std::pair{"occupation", &r.occupation}}) {
        auto v = optional_text(body, key);
        if (!v) return v.error();
        if (*v && !is_choice(key, **v)) return bad(std::string("field '") + key + "' has an unknown value");
        *target = *v;
    }
    auto suggestion = optional_text(body, "suggestion");
    if (!suggestion) return suggestion.error();
    if (*suggestion) {
        if ((*suggestion)->size() > kMaxSuggestionBytes)
            return bad("field 'suggestion' is longer than " + std::to_string(kMaxSuggestionBytes) + " bytes");
        if (!valid_utf8(**suggestion)) return bad("field 'suggestion' is not valid UTF-8 text");
        for (unsigned char c : **suggestion)
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') return bad("field 'suggestion' holds control characters");
    }
    r.suggestion = *suggestion;
    return r;
}

Grade grade_of(std::int64_t h) {
    if (h >= 8831) return {'A', "Sangat Baik", "Very good"};
    if (h >= 7661) return {'B', "Baik", "Good"};
    if (h >= 6500) return {'C', "Kurang Baik", "Fair"};
    return {'D', "Tidak Baik", "Poor"};
}

std::int64_t ikm_hundredths(std::int64_t sum, std::int64_t n) {
    if (n <= 0) return 0;
    const std::int64_t den = 9 * n;
    return (2 * 2500 * sum + den) / (2 * den);
}

double Ikm::nrr(int i) const {
    if (respondents <= 0 || i < 0 || i >= kElementCount) return 0.0;
    return static_cast<double>(element_sums[static_cast<std::size_t>(i)]) / static_cast<double>(respondents);
}

std::string Ikm::ikm_text() const {
    if (respondents <= 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(ikm_hundredths / 100),
                  static_cast<long long>(ikm_hundredths % 100));
    return buf;
}

void IkmAccumulator::add(const std::array<int, kElementCount>& answers) {
    ++m_n;
    for (std::size_t i = 0; i < answers.size(); ++i) m_sums[i] += answers[i];
}

void IkmAccumulator::add_totals(std::int64_t n, const std::array<std::int64_t, kElementCount>& sums) {
    m_n += n;
    for (std::size_t i = 0; i < sums.size(); ++i) m_sums[i] += sums[i];
}

Ikm IkmAccumulator::result() const {
    Ikm r;
    r.respondents = m_n;
    r.element_sums = m_sums;
    std::int64_t total = 0;
    for (auto s : m_sums) total += s;
    r.ikm_hundredths = ikm_hundredths(total, m_n);
    return r;
}

}  // namespace hall::skm
