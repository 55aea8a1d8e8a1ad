// Everything from the network is checked here before it reaches the server loop or a query;
// the handlers only ever see values these functions accepted.
#include "queue_server/http_input.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace hall::web {

bool is_token(std::string_view s) {
    if (s.size() != 32 && s.size() != 24) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<std::string> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return std::nullopt;
    auto num = [&](int at, int len) {
        int v = 0;
        for (int i = 0; i < len; ++i) v = v * 10 + (s[static_cast<std::size_t>(at + i)] - '0');
        return v;
    };
    const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
    return std::string(s);
}

// Howard Hinnant's civil-date algorithms (public domain formulas, written out here).
std::int64_t days_from_civil(std::string_view date) {
    int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
    const int m = (date[5] - '0') * 10 + (date[6] - '0');
    const int d = (date[8] - '0') * 10 + (date[9] - '0');
    y -= m <= 2;
    const int era = y / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

std::string civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
    return buf;
}

Result<DateRange> parse_range(std::string_view from, std::string_view to) {
    auto f = parse_date(from);
    auto t = parse_date(to);
    if (!f) return make_error("bad_request", "the start date must be a date like 2026-11-23");
    if (!t) return make_error("bad_request", "the end date must be a date like 2026-11-23");
    if (*f > *t) return make_error("bad_request", "the start date is after the end date");
    if (days_from_civil(*t) - days_from_civil(*f) + 1 > kMaxReportDays)
        return make_error("bad_request", "a report covers at most " + std::to_string(kMaxReportDays) + " days");
    return DateRange{*f, *t};
}

bool is_officer_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (c <= ' ' || c > '~') return false;
    return true;
}

bool is_pin(std::string_view s) {
    if (s.size() < 4 || s.size() > 12) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

Result<skm::Response> parse_survey_body(std::string_view body) {
    if (body.size() > kMaxSurveyBytes) return make_error("bad_request", "the survey is too large");
    nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return make_error("bad_request", "the survey is not valid JSON");
    return skm::parse_response(j);
}

void Throttle::prune(std::deque<std::int64_t>& times, std::int64_t now_ms) const {
    // A clock set back makes old entries lie in the future: they go too.
    while (!times.empty() && (times.front() <= now_ms - m_window_ms || times.front() > now_ms)) times.pop_front();
}

bool Throttle::blocked(const std::string& key, std::int64_t now_ms) {
    std::lock_guard lock(m_mutex);
    auto it = m_failures.find(key);
    if (it == m_failures.end()) return false;
    prune(it->second, now_ms);
    if (it->second.empty()) {
        m_failures.erase(it);
        return false;
    }
    return static_cast<int>(it->second.size()) >= m_limit;
}

bool Throttle::note_failure(const std::string& key, std::int64_t now_ms) {
    std::lock_guard lock(m_mutex);
    if (m_failures.size() >= kMaxKeys && !m_failures.count(key)) {
        for (auto it = m_failures.begin(); it != m_failures.end();) {
            prune(it->second, now_ms);
            it = it->second.empty() ? m_failures.erase(it) : std::next(it);
        }
        if (m_failures.size() >= kMaxKeys) m_failures.erase(m_failures.begin());
    }
    auto& times = m_failures[key];
    prune(times, now_ms);
    times.push_back(now_ms);
    return static_cast<int>(times.size()) == m_limit;
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

}  // namespace hall::web
