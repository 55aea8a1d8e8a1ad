// Reads the hall configuration (TOML) into HallConfig and checks it against the catalog.
// The file is written by hand by the hall's admin, so the reader is strict and talkative:
// every problem becomes one line "file:line: <table> <key>: <what is wrong>", all problems of
// the file are reported at once (sorted by line), unknown tables and keys are errors (a typo
// must not silently fall back to a default), and only keys that are absent take defaults.
// The format itself is documented in assets/hall.example.toml.
#include "common/hall_config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

namespace hall {
namespace fs = std::filesystem;

namespace {

using Line = std::uint32_t;

constexpr std::array<std::string_view, 7> kDayNames{"monday", "tuesday",  "wednesday", "thursday",
                                                    "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 7> kDayShort{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

constexpr std::size_t kMaxReportedProblems = 50;
constexpr std::uintmax_t kMaxConfigBytes = 4u << 20;  // a hand-written config is a few KB

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string clock_text(int minute) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return buf;
}

std::string range_text(const TimeRange& r) {
    return clock_text(r.start_minute) + "-" + clock_text(r.end_minute);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "H:MM" or "HH:MM" to minutes since midnight; "24:00" only when `allow_midnight_end`.
std::optional<int> parse_clock(std::string_view s, bool allow_midnight_end) {
    if (s.size() != 4 && s.size() != 5) return std::nullopt;
    const std::size_t colon = s.size() - 3;
    if (s[colon] != ':') return std::nullopt;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (i != colon && !is_digit(s[i])) return std::nullopt;
    int hours = 0;
    for (std::size_t i = 0; i < colon; ++i) hours = hours * 10 + (s[i] - '0');
    const int minutes = (s[colon + 1] - '0') * 10 + (s[colon + 2] - '0');
    if (minutes > 59 || hours > 24) return std::nullopt;
    if (hours == 24 && (minutes != 0 || !allow_midnight_end)) return std::nullopt;
    return hours * 60 + minutes;
}

// "08:00-15:00" (spaces around the dash allowed). On failure, `why` says what is wrong.
std::optional<TimeRange> parse_range(std::string_view s, std::string& why) {
    const auto dash = s.find('-');
    if (dash == std::string_view::npos || s.find('-', dash + 1) != std::string_view::npos) {
        why = "bad time range " + in_quotes(s) + " (use \"HH:MM-HH:MM\", e.g. \"08:00-15:00\")";
        return std::nullopt;
    }
    const auto first = trim(s.substr(0, dash));
    const auto second = trim(s.substr(dash + 1));
    const auto start = parse_clock(first, false);
    const auto end = parse_clock(second, true);
    if (!start || !end) {
        why = "bad time " + in_quotes(!start ? first : second) + " in " + in_quotes(s) +
              " (times are HH:MM from 00:00 to 23:59; an end may be 24:00)";
        return std::nullopt;
    }
    if (*end <= *start) {
        why = "bad time range " + in_quotes(s) + ": the end must be after the start";
        return std::nullopt;
    }
    return TimeRange{*start, *end};
}

// "+07:00" / "-03:30" to minutes east of UTC.
std::optional<int> parse_utc_offset(std::string_view s) {
    if (s.size() != 6 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    const auto clock = parse_clock(s.substr(1), false);
    if (!clock) return std::nullopt;
    const int minutes = s[0] == '-' ? -*clock : *clock;
    if (minutes < -12 * 60 || minutes > 14 * 60) return std::nullopt;
    return minutes;
}

std::optional<int> parse_weekday(std::string_view s) {
    for (int i = 0; i < 7; ++i)
        if (s == kDayNames[static_cast<std::size_t>(i)] || s == kDayShort[static_cast<std::size_t>(i)])
            return i;
    return std::nullopt;
}

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool is_valid_date(int y, int m, int d) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
    const int days = kDays[m - 1] + ((m == 2 && is_leap_year(y)) ? 1 : 0);
    return d <= days;
}

// "yyyy-mm-dd" with a real calendar date.
std::optional<std::string> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (i != 4 && i != 7 && !is_digit(s[i])) return std::nullopt;
    auto num = [&](std::size_t pos, std::size_t len) {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    if (!is_valid_date(num(0, 4), num(5, 2), num(8, 2))) return std::nullopt;
    return std::string(s);
}

bool is_slug(std::string_view s) {
    if (s.empty()) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || is_digit(c) || c == '-';
    });
}

bool is_prefix(std::string_view s) {
    if (s.empty() || s.size() > 3) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The closest allowed word, when it is close enough to be a likely typo.
std::string suggestion(std::string_view word, std::initializer_list<std::string_view> allowed) {
    std::string best;
    std::size_t best_distance = 3;
    for (auto candidate : allowed) {
        const auto d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = std::string(candidate);
        }
    }
    return best;
}

std::string type_phrase(const toml::node& n) {
    std::string phrase;
    switch (n.type()) {
        case toml::node_type::none: return "nothing";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: phrase = "a string"; break;
        case toml::node_type::integer: phrase = "an integer"; break;
        case toml::node_type::floating_point: phrase = "a float"; break;
        case toml::node_type::boolean: phrase = "a boolean"; break;
        case toml::node_type::date: phrase = "a date"; break;
        case toml::node_type::time: phrase = "a time"; break;
        case toml::node_type::date_time: phrase = "a date-time"; break;
    }
    std::string value;
    if (const auto* s = n.as_string()) {
        value = in_quotes(s->get());
    } else {
        std::ostringstream text;
        n.visit([&](auto&& v) { text << v; });
        value = text.str();
    }
    if (value.size() > 40) value = value.substr(0, 37) + "...";
    return phrase + " (" + value + ")";
}

Line line_of(const toml::node& n) { return n.source().begin.line; }

// Where a table starts; an implicit table (created by a dotted key or [a.b]) may carry no
// position, then its first entry stands in for it.
Line line_of_table(const toml::table& t) {
    if (t.source().begin.line > 0) return t.source().begin.line;
    Line first = 0;
    for (auto&& [key, value] : t) {
        (void)value;
        const Line l = key.source().begin.line;
        if (l > 0 && (first == 0 || l < first)) first = l;
    }
    return first > 0 ? first : 1;
}

struct Problem {
    Line line;
    std::string text;
};

// One reading of one file: collects problems, builds the config, never throws past read().
class ConfigReader {
public:
    ConfigReader(std::string source_name, fs::path base_dir)
        : m_source(std::move(source_name)), m_base_dir(std::move(base_dir)) {}

    Result<HallConfig> read(std::string_view text, Catalog* catalog_out);

private:
    // --- reporting -------------------------------------------------------------------------
    void report(Line line, std::string_view where, std::string_view key, std::string what) {
        std::string text;
        if (!where.empty()) text += where;
        if (!key.empty()) {
            if (!text.empty()) text += ' ';
            text += key;
        }
        text += ": ";
        text += what;
        m_problems.push_back({line == 0 ? 1 : line, std::move(text)});
    }

    void check_keys(const toml::table& t, std::string_view where,
                    std::initializer_list<std::string_view> allowed) {
        for (auto&& [key, value] : t) {
            (void)value;
            const std::string_view k = key.str();
            if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
            std::string what = "unknown key";
            const auto near = suggestion(k, allowed);
            if (!near.empty()) what += " (did you mean " + in_quotes(near) + "?)";
            else {
                what += " (allowed:";
                for (auto a : allowed) what += " " + std::string(a);
                what += ")";
            }
            report(key.source().begin.line, where, k, what);
        }
    }

    // --- typed access: each reports a wrong type and returns nullopt when absent or wrong ----
    std::optional<std::string> opt_string(const toml::table& t, std::string_view where,
                                          std::string_view key) {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (const auto* s = n->as_string()) return s->get();
        report(line_of(*n), where, key, "expected a string, found " + type_phrase(*n));
        return std::nullopt;
    }

    // A non-empty string that must be present.
    std::optional<std::string> req_string(const toml::table& t, std::string_view where,
                                          std::string_view key) {
        const toml::node* n = t.get(key);
        if (!n) {
            report(line_of_table(t), where, key, "missing (required)");
            return std::nullopt;
        }
        auto s = opt_string(t, where, key);
        if (s && trim(*s).empty()) {
            report(line_of(*n), where, key, "must not be empty");
            return std::nullopt;
        }
        return s;
    }

    std::optional<int> opt_int(const toml::table& t, std::string_view where, std::string_view key,
                               std::int64_t min, std::int64_t max) {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        const auto* i = n->as_integer();
        if (!i) {
            report(line_of(*n), where, key, "expected an integer, found " + type_phrase(*n));
            return std::nullopt;
        }
        const std::int64_t v = i->get();
        if (v < min || v > max) {
            report(line_of(*n), where, key,
                   std::to_string(v) + " is out of range (" + std::to_string(min) + " to " +
                       std::to_string(max) + ")");
            return std::nullopt;
        }
        return static_cast<int>(v);
    }

    std::optional<bool> opt_bool(const toml::table& t, std::string_view where, std::string_view key) {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (const auto* b = n->as_boolean()) return b->get();
        report(line_of(*n), where, key, "expected true or false, found " + type_phrase(*n));
        return std::nullopt;
    }

    // A top-level [name] table; reports a value of another kind.
    const toml::table* section(const toml::table& root, std::string_view name) {
        const toml::node* n = root.get(name);
        if (!n) return nullptr;
        if (const auto* t = n->as_table()) return t;
        report(line_of(*n), "[" + std::string(name) + "]", "", "expected a table, found " + type_phrase(*n));
        return nullptr;
    }

    // The tables of an array of tables: `key` inside `t`, written as `header` ("[[counter]]").
    // Reports anything else.
    std::vector<const toml::table*> table_list(const toml::table& t, std::string_view key,
                                               std::string_view header) {
        std::vector<const toml::table*> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        const auto* arr = n->as_array();
        if (!arr || !arr->is_array_of_tables()) {
            report(line_of(*n), header, "",
                   "expected an array of tables (start each entry with its own " + std::string(header) +
                       " header), found " + type_phrase(*n));
            return out;
        }
        for (const auto& element : *arr) out.push_back(element.as_table());
        return out;
    }

    // " (did you mean "x"?)" when a catalog service id is close to `id`, else "".
    std::string service_hint(std::string_view id) const {
        std::string best;
        std::size_t best_distance = std::max<std::size_t>(3, id.size() / 8);
        for (const auto& agency : m_catalog.agencies())
            for (const auto& service : agency.services) {
                const auto d = edit_distance(id, service.id);
                if (d < best_distance) {
                    best_distance = d;
                    best = service.id;
                }
            }
        return best.empty() ? "" : " (did you mean " + in_quotes(best) + "?)";
    }

    // --- sections ----------------------------------------------------------------------------
    void read_top_level(const toml::table& root);
    void read_hall(const toml::table* t);
    void read_languages(const toml::node& n);
    void load_catalog(const std::string& folder, Line line, std::string_view key);
    void read_server(const toml::table* t);
    void read_hours(const toml::table* t);
    void read_break(const toml::table& t);
    void check_break_overlaps();
    void read_holidays(const toml::table& root);
    void read_priority(const toml::table* t);
    void read_agencies(const toml::table& root);
    void read_agency(const toml::table& t);
    void read_zones(const toml::table& root);
    void read_counters(const toml::table& root);
    void read_counter(const toml::table& t);
    void read_printer(const toml::table* t);
    void read_kiosk(const toml::table* t);
    void read_display(const toml::table* t);
    void read_backup(const toml::table* t);
    void check_whole();

    struct BreakAt {
        int day;
        std::size_t index;  // in m_config.week[day].breaks
        Line line;
    };
    struct PrefixOwner {
        std::string agency_id;
        Line line;
    };

    std::string m_source;
    fs::path m_base_dir;
    std::vector<Problem> m_problems;
    HallConfig m_config;
    Catalog m_catalog;
    bool m_catalog_loaded = false;
    bool m_counter_dropped = false;     // a [[counter]] with errors is left out of m_config
    std::array<bool, 7> m_day_wrong{};  // days whose hours are reported as wrong
    std::vector<BreakAt> m_break_lines;
    std::map<std::string, Line> m_agency_lines;          // offered agency id -> its [[agency]] line
    std::map<std::string, PrefixOwner> m_prefix_owners;  // prefix -> first agency using it
    std::map<std::string, Line> m_counter_lines;
    std::map<std::string, Line> m_zone_lines;
};

Result<HallConfig> ConfigReader::read(std::string_view text, Catalog* catalog_out) {
    toml::table root;
    try {
        root = toml::parse(text, std::string_view{m_source});
    } catch (const toml::parse_error& e) {
        const auto& pos = e.source().begin;
        return make_error("config_invalid", m_source + ":" + std::to_string(pos.line) +
                                                ": TOML syntax error (column " +
                                                std::to_string(pos.column) + "): " +
                                                std::string(e.description()));
    }

    read_top_level(root);

    if (!m_problems.empty()) {
        std::stable_sort(m_problems.begin(), m_problems.end(),
                         [](const Problem& a, const Problem& b) { return a.line < b.line; });
        std::string message;
        std::size_t shown = 0;
        for (const auto& p : m_problems) {
            if (shown == kMaxReportedProblems) {
                message += "\n(" + std::to_string(m_problems.size() - shown) + " more problems)";
                break;
            }
            if (!message.empty()) message += '\n';
            message += m_source + ":" + std::to_string(p.line) + ": " + p.text;
            ++shown;
        }
        return make_error("config_invalid", message);
    }
    if (catalog_out) *catalog_out = std::move(m_catalog);
    return std::move(m_config);
}

void ConfigReader::read_top_level(const toml::table& root) {
    const std::initializer_list<std::string_view> kTables{
        "hall", "server", "hours", "holiday", "priority", "agency",
        "counter", "zone", "printer", "kiosk", "display", "backup"};
    for (auto&& [key, value] : root) {
        const std::string_view k = key.str();
        if (std::find(kTables.begin(), kTables.end(), k) != kTables.end()) continue;
        const auto near = suggestion(k, kTables);
        const std::string hint = near.empty() ? "" : " (did you mean [" + near + "]?)";
        if (value.is_table() || value.is_array_of_tables())
            report(key.source().begin.line, "", "[" + std::string(k) + "]", "unknown table" + hint);
        else
            report(key.source().begin.line, "", k,
                   "unknown top-level key; settings belong under a table such as [hall]" + hint);
    }

    if (!root.get("hall"))
        report(1, "[hall]", "", "missing (required: a [hall] table with at least name = \"...\")");
    read_hall(section(root, "hall"));
    read_server(section(root, "server"));
    read_hours(section(root, "hours"));
    read_holidays(root);
    read_priority(section(root, "priority"));
    read_agencies(root);
    read_zones(root);
    read_counters(root);
    read_printer(section(root, "printer"));
    read_kiosk(section(root, "kiosk"));
    read_display(section(root, "display"));
    read_backup(section(root, "backup"));
    check_whole();
}

void ConfigReader::read_hall(const toml::table* t) {
    static constexpr std::string_view kWhere = "[hall]";
    std::string catalog_folder = "catalog";
    Line catalog_line = 1;
    std::string_view catalog_key = "catalog (default \"catalog\")";
    bool catalog_usable = true;
    if (t) {
        check_keys(*t, kWhere, {"name", "utc_offset", "catalog", "languages"});
        if (auto name = req_string(*t, kWhere, "name")) m_config.hall_name = std::string(trim(*name));

        if (auto offset = opt_string(*t, kWhere, "utc_offset")) {
            if (auto minutes = parse_utc_offset(*offset))
                m_config.utc_offset_minutes = *minutes;
            else
                report(line_of(*t->get("utc_offset")), kWhere, "utc_offset",
                       "bad offset " + in_quotes(*offset) +
                           " (use \"+HH:MM\" or \"-HH:MM\" between -12:00 and +14:00, e.g. "
                           "\"+07:00\" for WIB)");
        }

        catalog_line = line_of_table(*t);
        if (const toml::node* n = t->get("catalog")) {
            catalog_line = line_of(*n);
            catalog_key = "catalog";
            auto folder = opt_string(*t, kWhere, "catalog");
            if (!folder) {
                catalog_usable = false;  // wrong type, reported
            } else if (trim(*folder).empty()) {
                report(catalog_line, kWhere, "catalog", "must not be empty");
                catalog_usable = false;
            } else {
                catalog_folder = *folder;
            }
        }

        if (const toml::node* n = t->get("languages")) read_languages(*n);
    }
    // Without a catalog the reference checks below are skipped; the reason is reported.
    if (catalog_usable) load_catalog(catalog_folder, catalog_line, catalog_key);
}

void ConfigReader::read_languages(const toml::node& n) {
    static constexpr std::string_view kWhere = "[hall]";
    const auto* arr = n.as_array();
    if (!arr) {
        report(line_of(n), kWhere, "languages", "expected a list such as [\"id\", \"en\"], found " + type_phrase(n));
        return;
    }
    if (arr->empty()) {
        report(line_of(n), kWhere, "languages", "must list at least one language");
        return;
    }
    std::vector<std::string> languages;
    for (const auto& element : *arr) {
        const auto* s = element.as_string();
        if (!s) {
            report(line_of(element), kWhere, "languages", "expected a language code, found " + type_phrase(element));
            continue;
        }
        const std::string& code = s->get();
        if (code != "id" && code != "en")
            report(line_of(element), kWhere, "languages",
                   "unsupported language " + in_quotes(code) + " (supported: \"id\" Bahasa Indonesia, \"en\" English)");
        else if (std::find(languages.begin(), languages.end(), code) != languages.end())
            report(line_of(element), kWhere, "languages", "duplicate language " + in_quotes(code));
        else
            languages.push_back(code);
    }
    m_config.languages = std::move(languages);
}

void ConfigReader::load_catalog(const std::string& folder, Line line, std::string_view key) {
    fs::path dir(folder);
    if (dir.is_relative()) dir = m_base_dir / dir;
    std::error_code ec;
    fs::path absolute = fs::absolute(dir, ec);
    if (!ec) dir = absolute;
    dir = dir.lexically_normal();
    m_config.catalog_dir = dir;

    if (!fs::is_directory(dir, ec)) {
        report(line, "[hall]", key, "catalog folder " + in_quotes(dir.string()) + " does not exist");
        return;
    }
    auto loaded = Catalog::load(dir);
    if (!loaded) {
        std::string details = loaded.error().message;
        std::string indented;
        std::istringstream lines(details);
        for (std::string l; std::getline(lines, l);) indented += "\n    " + l;
        report(line, "[hall]", key, "cannot load the catalog from " + in_quotes(dir.string()) + ":" + indented);
        return;
    }
    m_catalog = std::move(loaded.value());
    m_catalog_loaded = true;
}

void ConfigReader::read_server(const toml::table* t) {
    static constexpr std::string_view kWhere = "[server]";
    auto& s = m_config.server;
    bool url_given = false;
    if (t) {
        check_keys(*t, kWhere,
                   {"bind", "request_port", "publish_port", "http_port", "server_host", "public_url"});
        if (auto bind = opt_string(*t, kWhere, "bind")) {
            if (trim(*bind).empty()) report(line_of(*t->get("bind")), kWhere, "bind", "must not be empty");
            else s.bind_address = *bind;
        }
        if (auto host = opt_string(*t, kWhere, "server_host")) {
            if (trim(*host).empty())
                report(line_of(*t->get("server_host")), kWhere, "server_host", "must not be empty");
            else s.server_host = *host;
        }
        if (auto v = opt_int(*t, kWhere, "request_port", 0, 65535)) s.request_port = *v;
        if (auto v = opt_int(*t, kWhere, "publish_port", 0, 65535)) s.publish_port = *v;
        if (auto v = opt_int(*t, kWhere, "http_port", 0, 65535)) s.http_port = *v;

        // Two sockets cannot share one port (0 means "any free port" and never clashes).
        const std::pair<std::string_view, int> ports[] = {
            {"request_port", s.request_port}, {"publish_port", s.publish_port}, {"http_port", s.http_port}};
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (ports[i].second != 0 && ports[i].second == ports[j].second) {
                    const toml::node* n = t->get(ports[i].first);
                    report(n ? line_of(*n) : line_of_table(*t), kWhere, ports[i].first,
                           "port " + std::to_string(ports[i].second) + " is also the " +
                               std::string(ports[j].first));
                }

        if (auto url = opt_string(*t, kWhere, "public_url")) {
            url_given = true;
            if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0)
                report(line_of(*t->get("public_url")), kWhere, "public_url",
                       "bad URL " + in_quotes(*url) + " (must start with http:// or https://)");
            else
                s.public_url = *url;
        }
    }
    if (!url_given) s.public_url = "http://" + s.server_host + ":" + std::to_string(s.http_port);
}

void ConfigReader::read_hours(const toml::table* t) {
    static constexpr std::string_view kWhere = "[hours]";
    if (!t) {
        report(1, kWhere, "", "missing: the hall is never open (add [hours] with e.g. "
                              "monday = \"08:00-15:00\")");
        return;
    }
    check_keys(*t, kWhere, {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                            "sunday", "break"});
    bool any_open = false;
    bool any_wrong = false;
    for (std::size_t day = 0; day < 7; ++day) {
        const std::string_view key = kDayNames[day];
        const toml::node* n = t->get(key);
        if (!n) continue;  // absent: closed
        auto value = opt_string(*t, kWhere, key);
        if (!value) {
            any_wrong = m_day_wrong[day] = true;
            continue;
        }
        if (trim(*value) == "closed") continue;
        std::string why;
        if (auto range = parse_range(*value, why)) {
            m_config.week[day].open = true;
            m_config.week[day].hours = *range;
            any_open = true;
        } else {
            report(line_of(*n), kWhere, key, why + "; or write \"closed\"");
            any_wrong = m_day_wrong[day] = true;
        }
    }
    for (const toml::table* b : table_list(*t, "break", "[[hours.break]]")) read_break(*b);
    check_break_overlaps();
    if (!any_open && !any_wrong)
        report(line_of_table(*t), kWhere, "", "no day is open (give at least one of monday..sunday "
                                              "as \"HH:MM-HH:MM\")");
}

void ConfigReader::read_break(const toml::table& t) {
    static constexpr std::string_view kWhere = "[[hours.break]]";
    check_keys(t, kWhere, {"name", "days", "time"});
    std::string name = "Istirahat";
    if (auto given = opt_string(t, kWhere, "name")) {
        if (trim(*given).empty()) report(line_of(*t.get("name")), kWhere, "name", "must not be empty");
        else name = std::string(trim(*given));
    }

    std::optional<TimeRange> time;
    if (auto text = req_string(t, kWhere, "time")) {
        std::string why;
        time = parse_range(*text, why);
        if (!time) report(line_of(*t.get("time")), kWhere, "time", why);
    }

    // Which days: explicit day names must be open days; a group ("all", "weekdays") takes the
    // open days among its members.
    std::vector<int> days;
    bool days_ok = true;
    auto add_group = [&](std::string_view word, Line line) {
        if (word == "all" || word == "weekdays") {
            const int last = word == "all" ? 6 : 4;
            for (int d = 0; d <= last; ++d)
                if (m_config.week[static_cast<std::size_t>(d)].open) days.push_back(d);
            return;
        }
        if (auto d = parse_weekday(word)) {
            if (m_day_wrong[static_cast<std::size_t>(*d)]) {
                days_ok = false;  // the day's own hours are wrong, and reported
            } else if (!m_config.week[static_cast<std::size_t>(*d)].open) {
                report(line, kWhere, "days",
                       in_quotes(word) + " is a closed day in [hours]; a break needs an open day");
                days_ok = false;
            } else {
                days.push_back(*d);
            }
            return;
        }
        report(line, kWhere, "days",
               "unknown weekday " + in_quotes(word) +
                   " (use mon..sun or monday..sunday, or \"weekdays\" or \"all\")");
        days_ok = false;
    };
    if (const toml::node* n = t.get("days")) {
        if (const auto* s = n->as_string()) {
            add_group(s->get(), line_of(*n));
        } else if (const auto* arr = n->as_array()) {
            if (arr->empty()) {
                report(line_of(*n), kWhere, "days", "must name at least one day");
                days_ok = false;
            }
            for (const auto& element : *arr) {
                if (const auto* es = element.as_string()) {
                    if (es->get() == "all" || es->get() == "weekdays") {
                        report(line_of(element), kWhere, "days",
                               in_quotes(es->get()) + " cannot be mixed into a list; write days = " +
                                   in_quotes(es->get()));
                        days_ok = false;
                    } else {
                        add_group(es->get(), line_of(element));
                    }
                } else {
                    report(line_of(element), kWhere, "days", "expected a weekday, found " + type_phrase(element));
                    days_ok = false;
                }
            }
        } else {
            report(line_of(*n), kWhere, "days",
                   "expected a list of weekdays or \"weekdays\" / \"all\", found " + type_phrase(*n));
            days_ok = false;
        }
    } else {
        add_group("all", line_of_table(t));
    }
    if (!time || !days_ok) return;
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    if (days.empty()) {
        report(t.get("days") ? line_of(*t.get("days")) : line_of_table(t), kWhere, "days",
               "none of these days is open in [hours]");
        return;
    }

    std::string outside;
    for (int d : days) {
        const auto& hours = m_config.week[static_cast<std::size_t>(d)].hours;
        if (time->start_minute < hours.start_minute || time->end_minute > hours.end_minute)
            outside += (outside.empty() ? "" : ", ") + std::string(kDayNames[static_cast<std::size_t>(d)]) +
                       " " + range_text(hours);
    }
    if (!outside.empty()) {
        report(line_of(*t.get("time")), kWhere, "time",
               "break " + range_text(*time) + " is outside the opening hours (" + outside + ")");
        return;
    }
    for (int d : days) {
        auto& breaks = m_config.week[static_cast<std::size_t>(d)].breaks;
        m_break_lines.push_back({d, breaks.size(), line_of(*t.get("time"))});
        breaks.push_back({name, *time});
    }
}

void ConfigReader::check_break_overlaps() {
    for (std::size_t i = 0; i < m_break_lines.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            const auto& a = m_break_lines[i];
            const auto& b = m_break_lines[j];
            if (a.day != b.day) continue;
            const auto& day = m_config.week[static_cast<std::size_t>(a.day)];
            const auto& ta = day.breaks[a.index].time;
            const auto& tb = day.breaks[b.index].time;
            if (ta.start_minute < tb.end_minute && tb.start_minute < ta.end_minute)
                report(a.line, "[[hours.break]]", "time",
                       "break " + in_quotes(day.breaks[a.index].name) + " " + range_text(ta) +
                           " overlaps break " + in_quotes(day.breaks[b.index].name) + " " +
                           range_text(tb) + " on " + std::string(kDayNames[static_cast<std::size_t>(a.day)]));
        }
    }
    for (auto& day : m_config.week)
        std::stable_sort(day.breaks.begin(), day.breaks.end(), [](const BreakPeriod& x, const BreakPeriod& y) {
            return x.time.start_minute < y.time.start_minute;
        });
}

void ConfigReader::read_holidays(const toml::table& root) {
    static constexpr std::string_view kWhere = "[[holiday]]";
    std::map<std::string, Line> seen;
    for (const toml::table* t : table_list(root, "holiday", kWhere)) {
        check_keys(*t, kWhere, {"date", "name"});
        const auto name = req_string(*t, kWhere, "name");
        const toml::node* n = t->get("date");
        if (!n) {
            report(line_of_table(*t), kWhere, "date", "missing (required, e.g. date = 2026-12-25)");
            continue;
        }
        std::optional<std::string> date;
        if (const auto* d = n->as_date()) {
            const auto& v = d->get();
            if (is_valid_date(v.year, v.month, v.day)) {
                char buf[40];
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(v.year),
                              static_cast<int>(v.month), static_cast<int>(v.day));
                date = buf;
            }
        } else if (const auto* s = n->as_string()) {
            date = parse_iso_date(s->get());
        } else {
            report(line_of(*n), kWhere, "date", "expected a date such as 2026-12-25, found " + type_phrase(*n));
            continue;
        }
        if (!date) {
            std::string shown;
            if (const auto* s = n->as_string()) {
                shown = in_quotes(s->get());
            } else {
                std::ostringstream text;
                n->visit([&](auto&& v) { text << v; });
                shown = text.str();
            }
            report(line_of(*n), kWhere, "date",
                   "bad date " + shown + " (use yyyy-mm-dd, a real date between 2000 and 2100)");
            continue;
        }
        if (auto [it, inserted] = seen.emplace(*date, line_of(*n)); !inserted) {
            report(line_of(*n), kWhere, "date",
                   "duplicate holiday " + *date + " (first at line " + std::to_string(it->second) + ")");
            continue;
        }
        if (name) m_config.holidays.push_back({*date, std::string(trim(*name))});
    }
}

void ConfigReader::read_priority(const toml::table* t) {
    static constexpr std::string_view kWhere = "[priority]";
    if (!t) return;
    check_keys(*t, kWhere, {"mode", "regular_per_priority"});
    if (auto mode = opt_string(*t, kWhere, "mode")) {
        if (*mode == "interleave") m_config.priority.mode = PriorityMode::interleave;
        else if (*mode == "strict") m_config.priority.mode = PriorityMode::strict;
        else
            report(line_of(*t->get("mode")), kWhere, "mode",
                   "unknown mode " + in_quotes(*mode) + " (use \"interleave\" or \"strict\")");
    }
    if (auto n = opt_int(*t, kWhere, "regular_per_priority", 1, 100)) m_config.priority.regular_per_priority = *n;
}

void ConfigReader::read_agencies(const toml::table& root) {
    for (const toml::table* t : table_list(root, "agency", "[[agency]]")) read_agency(*t);
}

void ConfigReader::read_agency(const toml::table& t) {
    static constexpr std::string_view kWhere = "[[agency]]";
    static constexpr std::string_view kOverride = "[[agency.service]]";
    check_keys(t, kWhere, {"id", "prefix", "daily_quota", "services", "service"});

    const auto id = req_string(t, kWhere, "id");
    const Agency* agency = nullptr;
    if (id) {
        const Line id_line = line_of(*t.get("id"));
        if (m_catalog_loaded) {
            agency = m_catalog.find_agency(*id);
            if (!agency) {
                std::string known;
                for (const auto& a : m_catalog.agencies()) known += (known.empty() ? "" : ", ") + a.id;
                report(id_line, kWhere, "id", "unknown agency " + in_quotes(*id) + " (the catalog has: " + known + ")");
            }
        }
        if (auto [it, inserted] = m_agency_lines.emplace(*id, id_line); !inserted) {
            report(id_line, kWhere, "id",
                   "agency " + in_quotes(*id) + " is already offered at line " + std::to_string(it->second));
            agency = nullptr;
        }
    }

    std::optional<std::string> prefix = req_string(t, kWhere, "prefix");
    if (prefix && !is_prefix(*prefix)) {
        report(line_of(*t.get("prefix")), kWhere, "prefix",
               "bad prefix " + in_quotes(*prefix) + " (1 to 3 capital letters A-Z, e.g. \"A\")");
        prefix.reset();
    }
    const int quota = opt_int(t, kWhere, "daily_quota", 0, 100000).value_or(0);

    // Which services: "all" (catalog order) or a list of this agency's service ids.
    std::vector<std::pair<const Service*, Line>> chosen;
    bool services_ok = true;
    if (const toml::node* n = t.get("services")) {
        if (const auto* s = n->as_string()) {
            if (s->get() != "all") {
                report(line_of(*n), kWhere, "services",
                       "expected \"all\" or a list of service ids, found " + in_quotes(s->get()));
                services_ok = false;
            } else if (agency) {
                for (const auto& service : agency->services) chosen.emplace_back(&service, line_of(*n));
            }
        } else if (const auto* arr = n->as_array()) {
            if (arr->empty()) {
                report(line_of(*n), kWhere, "services",
                       "lists no service (write \"all\", list service ids, or remove this [[agency]])");
                services_ok = false;
            }
            std::set<std::string> listed;
            for (const auto& element : *arr) {
                const auto* es = element.as_string();
                if (!es) {
                    report(line_of(element), kWhere, "services", "expected a service id, found " + type_phrase(element));
                    services_ok = false;
                    continue;
                }
                const std::string& sid = es->get();
                if (!listed.insert(sid).second) {
                    report(line_of(element), kWhere, "services", "service " + in_quotes(sid) + " is listed twice");
                    continue;
                }
                if (!m_catalog_loaded || !id) continue;
                const Service* service = m_catalog.find_service(sid);
                if (!service) {
                    report(line_of(element), kWhere, "services", "unknown service " + in_quotes(sid) + service_hint(sid));
                    services_ok = false;
                } else if (service->agency_id != *id) {
                    report(line_of(element), kWhere, "services",
                           "service " + in_quotes(sid) + " belongs to agency " + in_quotes(service->agency_id) +
                               ", not " + in_quotes(*id));
                    services_ok = false;
                } else if (agency) {
                    chosen.emplace_back(service, line_of(element));
                }
            }
        } else {
            report(line_of(*n), kWhere, "services",
                   "expected \"all\" or a list of service ids, found " + type_phrase(*n));
            services_ok = false;
        }
    } else if (agency) {
        for (const auto& service : agency->services) chosen.emplace_back(&service, line_of_table(t));
    }

    std::vector<OfferedService> offered;
    std::vector<Line> prefix_lines;  // where each offered service's prefix was set
    const Line agency_prefix_line = t.get("prefix") ? line_of(*t.get("prefix")) : line_of_table(t);
    for (const auto& [service, line] : chosen) {
        (void)line;
        offered.push_back({service->id, service->agency_id, prefix.value_or(""), quota});
        prefix_lines.push_back(agency_prefix_line);
    }

    // Per-service overrides.
    std::set<std::string> overridden;
    for (const toml::table* o : table_list(t, "service", kOverride)) {
        check_keys(*o, kOverride, {"id", "prefix", "daily_quota"});
        const auto sid = req_string(*o, kOverride, "id");
        std::optional<std::string> own_prefix = opt_string(*o, kOverride, "prefix");
        if (own_prefix && !is_prefix(*own_prefix)) {
            report(line_of(*o->get("prefix")), kOverride, "prefix",
                   "bad prefix " + in_quotes(*own_prefix) + " (1 to 3 capital letters A-Z, e.g. \"A\")");
            own_prefix.reset();
        }
        const auto own_quota = opt_int(*o, kOverride, "daily_quota", 0, 100000);
        if (!sid || !id || !m_catalog_loaded) continue;
        const Line sid_line = line_of(*o->get("id"));
        if (!overridden.insert(*sid).second) {
            report(sid_line, kOverride, "id", "service " + in_quotes(*sid) + " already has an override");
            continue;
        }
        const Service* service = m_catalog.find_service(*sid);
        if (!service) {
            report(sid_line, kOverride, "id", "unknown service " + in_quotes(*sid) + service_hint(*sid));
            continue;
        }
        if (service->agency_id != *id) {
            report(sid_line, kOverride, "id",
                   "service " + in_quotes(*sid) + " belongs to agency " + in_quotes(service->agency_id) +
                       ", not " + in_quotes(*id));
            continue;
        }
        auto it = std::find_if(offered.begin(), offered.end(),
                               [&](const OfferedService& s) { return s.service_id == *sid; });
        if (it == offered.end()) {
            if (services_ok && agency)
                report(sid_line, kOverride, "id",
                       "service " + in_quotes(*sid) + " is not offered (add it to services of this [[agency]])");
            continue;
        }
        if (own_prefix) {
            it->prefix = *own_prefix;
            prefix_lines[static_cast<std::size_t>(it - offered.begin())] = line_of(*o->get("prefix"));
        }
        if (own_quota) it->daily_quota = *own_quota;
    }

    // A prefix may be shared by services of one agency only: numbers must say whose queue it is.
    for (std::size_t i = 0; i < offered.size(); ++i) {
        const auto& s = offered[i];
        if (s.prefix.empty()) continue;  // the missing agency prefix is already reported
        auto [it, inserted] = m_prefix_owners.emplace(s.prefix, PrefixOwner{s.agency_id, prefix_lines[i]});
        if (!inserted && it->second.agency_id != s.agency_id) {
            const bool at_agency_level = prefix_lines[i] == agency_prefix_line;
            report(prefix_lines[i], at_agency_level ? kWhere : kOverride, "prefix",
                   "prefix " + in_quotes(s.prefix) + " is already used by agency " +
                       in_quotes(it->second.agency_id) + " (line " + std::to_string(it->second.line) +
                       "); a prefix may be shared only by services of the same agency");
            // One report per prefix and agency is enough.
            for (std::size_t j = i + 1; j < offered.size(); ++j)
                if (offered[j].prefix == s.prefix) offered[j].prefix.clear();
        }
    }
    for (auto& s : offered) m_config.services.push_back(std::move(s));
}

void ConfigReader::read_zones(const toml::table& root) {
    static constexpr std::string_view kWhere = "[[zone]]";
    for (const toml::table* t : table_list(root, "zone", kWhere)) {
        check_keys(*t, kWhere, {"id", "name"});
        const auto id = req_string(*t, kWhere, "id");
        const auto name = req_string(*t, kWhere, "name");
        if (!id) continue;
        const Line id_line = line_of(*t->get("id"));
        if (!is_slug(*id)) {
            report(id_line, kWhere, "id", "bad id " + in_quotes(*id) + " (lowercase letters, digits and -)");
            continue;
        }
        if (auto [it, inserted] = m_zone_lines.emplace(*id, id_line); !inserted) {
            report(id_line, kWhere, "id",
                   "duplicate zone id " + in_quotes(*id) + " (first at line " + std::to_string(it->second) + ")");
            continue;
        }
        if (name) m_config.zones.push_back({*id, std::string(trim(*name))});
    }
}

void ConfigReader::read_counters(const toml::table& root) {
    for (const toml::table* t : table_list(root, "counter", "[[counter]]")) read_counter(*t);
}

void ConfigReader::read_counter(const toml::table& t) {
    static constexpr std::string_view kWhere = "[[counter]]";
    check_keys(t, kWhere, {"id", "name", "zone", "services"});
    CounterConfig counter;
    bool ok = true;

    if (auto id = req_string(t, kWhere, "id")) {
        const Line id_line = line_of(*t.get("id"));
        if (!is_slug(*id)) {
            report(id_line, kWhere, "id", "bad id " + in_quotes(*id) + " (lowercase letters, digits and -, e.g. \"loket-1\")");
            ok = false;
        } else if (auto [it, inserted] = m_counter_lines.emplace(*id, id_line); !inserted) {
            report(id_line, kWhere, "id",
                   "duplicate counter id " + in_quotes(*id) + " (first at line " + std::to_string(it->second) + ")");
            ok = false;
        }
        counter.id = *id;
    } else {
        ok = false;
    }
    if (auto name = req_string(t, kWhere, "name")) counter.name = std::string(trim(*name));
    else ok = false;

    if (auto zone = opt_string(t, kWhere, "zone")) {
        if (m_zone_lines.count(*zone) == 0) {
            report(line_of(*t.get("zone")), kWhere, "zone",
                   "unknown zone " + in_quotes(*zone) +
                       (m_zone_lines.empty() ? " (no [[zone]] is defined)" : " (define it with [[zone]])"));
            ok = false;
        }
        counter.zone = *zone;
    } else if (!t.get("zone") && !m_zone_lines.empty()) {
        report(line_of_table(t), kWhere, "zone", "missing (required when [[zone]] tables are defined)");
        ok = false;
    } else if (t.get("zone")) {
        ok = false;  // wrong type, reported
    }

    const toml::node* n = t.get("services");
    if (!n) {
        report(line_of_table(t), kWhere, "services", "missing (required: the services this counter calls)");
        ok = false;
    } else if (const auto* arr = n->as_array(); !arr) {
        report(line_of(*n), kWhere, "services",
               "expected a list such as [\"agency-id.*\"], found " + type_phrase(*n));
        ok = false;
    } else if (arr->empty()) {
        report(line_of(*n), kWhere, "services", "lists no service");
        ok = false;
    } else {
        auto add = [&](const std::string& sid) {
            if (std::find(counter.services.begin(), counter.services.end(), sid) == counter.services.end())
                counter.services.push_back(sid);
        };
        for (const auto& element : *arr) {
            const auto* es = element.as_string();
            if (!es) {
                report(line_of(element), kWhere, "services", "expected a service id, found " + type_phrase(element));
                ok = false;
                continue;
            }
            const std::string& entry = es->get();
            if (!m_catalog_loaded) continue;  // nothing to resolve against; already reported
            if (entry == "*") {
                for (const auto& s : m_config.services) add(s.service_id);
                continue;
            }
            if (entry.size() > 2 && entry.compare(entry.size() - 2, 2, ".*") == 0) {
                const std::string agency_id = entry.substr(0, entry.size() - 2);
                if (!m_catalog.find_agency(agency_id)) {
                    report(line_of(element), kWhere, "services", "unknown agency " + in_quotes(agency_id) + " in " + in_quotes(entry));
                    ok = false;
                } else if (m_agency_lines.count(agency_id) == 0) {
                    report(line_of(element), kWhere, "services",
                           "agency " + in_quotes(agency_id) + " is not offered by the hall (add an [[agency]] for it)");
                    ok = false;
                } else {
                    for (const auto& s : m_config.services)
                        if (s.agency_id == agency_id) add(s.service_id);
                }
                continue;
            }
            const Service* service = m_catalog.find_service(entry);
            if (!service) {
                report(line_of(element), kWhere, "services", "unknown service " + in_quotes(entry) + service_hint(entry));
                ok = false;
            } else if (!m_config.find_service(entry)) {
                report(line_of(element), kWhere, "services",
                       "service " + in_quotes(entry) + " is not offered by the hall" +
                           (m_agency_lines.count(service->agency_id)
                                ? " (add it to services of [[agency]] " + in_quotes(service->agency_id) + ")"
                                : " (agency " + in_quotes(service->agency_id) + " has no [[agency]])"));
                ok = false;
            } else {
                add(entry);
            }
        }
    }
    if (ok) m_config.counters.push_back(std::move(counter));
    else m_counter_dropped = true;
}

void ConfigReader::read_printer(const toml::table* t) {
    static constexpr std::string_view kWhere = "[printer]";
    auto& p = m_config.printer;
    p.path = "tickets";
    if (!t) return;
    check_keys(*t, kWhere, {"sink", "path", "host", "port", "paper_width_dots"});
    if (auto sink = opt_string(*t, kWhere, "sink")) {
        if (*sink == "file") p.sink = PrinterSink::file;
        else if (*sink == "device") p.sink = PrinterSink::device;
        else if (*sink == "network") p.sink = PrinterSink::network;
        else if (*sink == "none") p.sink = PrinterSink::none;
        else {
            report(line_of(*t->get("sink")), kWhere, "sink",
                   "unknown sink " + in_quotes(*sink) + " (use \"file\", \"device\", \"network\" or \"none\")");
            return;
        }
    }
    const auto path = opt_string(*t, kWhere, "path");
    const auto host = opt_string(*t, kWhere, "host");
    const auto port = opt_int(*t, kWhere, "port", 1, 65535);
    if (auto width = opt_int(*t, kWhere, "paper_width_dots", 128, 1024)) {
        if (*width % 8 != 0)
            report(line_of(*t->get("paper_width_dots")), kWhere, "paper_width_dots",
                   std::to_string(*width) + " is not a multiple of 8 (576 for 80 mm paper, 384 for 58 mm)");
        else
            p.paper_width_dots = *width;
    }
    if (path) p.path = *path;
    if (host) p.host = *host;
    if (port) p.port = *port;

    // A key the chosen sink does not use is most likely a mistake; "none" keeps them all so a
    // printer can be switched off without deleting its settings.
    auto unused = [&](std::string_view key, std::string_view used_by) {
        if (const toml::node* n = t->get(key))
            report(line_of(*n), kWhere, key, "only used with sink = " + std::string(used_by));
    };
    switch (p.sink) {
        case PrinterSink::file:
            if (path && trim(*path).empty()) report(line_of(*t->get("path")), kWhere, "path", "must not be empty");
            unused("host", "\"network\"");
            unused("port", "\"network\"");
            break;
        case PrinterSink::device:
            if (!t->get("path"))
                report(line_of_table(*t), kWhere, "path", "missing (required for sink = \"device\", e.g. \"/dev/usb/lp0\")");
            else if (path && trim(*path).empty())
                report(line_of(*t->get("path")), kWhere, "path", "must not be empty");
            unused("host", "\"network\"");
            unused("port", "\"network\"");
            break;
        case PrinterSink::network:
            if (!t->get("host"))
                report(line_of_table(*t), kWhere, "host", "missing (required for sink = \"network\")");
            else if (host && trim(*host).empty())
                report(line_of(*t->get("host")), kWhere, "host", "must not be empty");
            unused("path", "\"file\" or \"device\"");
            break;
        case PrinterSink::none:
            break;
    }
}

void ConfigReader::read_kiosk(const toml::table* t) {
    static constexpr std::string_view kWhere = "[kiosk]";
    if (!t) return;
    check_keys(*t, kWhere, {"idle_seconds", "countdown_seconds"});
    if (auto v = opt_int(*t, kWhere, "idle_seconds", 10, 3600)) m_config.kiosk.idle_seconds = *v;
    if (auto v = opt_int(*t, kWhere, "countdown_seconds", 1, 600)) m_config.kiosk.countdown_seconds = *v;
}

void ConfigReader::read_display(const toml::table* t) {
    static constexpr std::string_view kWhere = "[display]";
    if (!t) return;
    check_keys(*t, kWhere, {"volume", "mute", "running_text"});
    if (auto v = opt_int(*t, kWhere, "volume", 0, 100)) m_config.display.volume = *v;
    if (auto v = opt_bool(*t, kWhere, "mute")) m_config.display.mute = *v;
    if (auto v = opt_string(*t, kWhere, "running_text")) m_config.display.running_text = *v;
}

void ConfigReader::read_backup(const toml::table* t) {
    static constexpr std::string_view kWhere = "[backup]";
    if (!t) return;
    check_keys(*t, kWhere, {"interval_minutes", "keep", "dir"});
    // At most a week apart: a hall that wants fewer backups than that wants none (0).
    if (auto v = opt_int(*t, kWhere, "interval_minutes", 0, 7 * 24 * 60)) m_config.backup.interval_minutes = *v;
    if (auto v = opt_int(*t, kWhere, "keep", 1, 1000)) m_config.backup.keep = *v;
    if (auto dir = opt_string(*t, kWhere, "dir")) {
        if (trim(*dir).empty()) report(line_of(*t->get("dir")), kWhere, "dir", "must not be empty");
        else m_config.backup.dir = *dir;
    }
}

// Rules about the file as a whole: something to offer, someone to offer it, and no offered
// service that no counter would ever call.
void ConfigReader::check_whole() {
    if (!m_catalog_loaded) return;  // every reference check depends on the catalog
    if (m_config.services.empty() && m_agency_lines.empty())
        report(1, "[[agency]]", "", "missing: the hall offers no service (add at least one [[agency]])");
    if (m_config.counters.empty() && m_counter_lines.empty())
        report(1, "[[counter]]", "", "missing: the hall has no counter (add at least one [[counter]])");
    // A counter left out for its own errors would make its services look unserved.
    if (m_config.counters.empty() || m_counter_dropped) return;

    std::set<std::string> served;
    for (const auto& c : m_config.counters) served.insert(c.services.begin(), c.services.end());
    std::map<std::string, std::vector<std::string>> unserved;  // agency -> services
    for (const auto& s : m_config.services)
        if (!served.count(s.service_id)) unserved[s.agency_id].push_back(s.service_id);
    for (const auto& [agency_id, ids] : unserved) {
        std::string list;
        for (const auto& sid : ids) list += (list.empty() ? "" : ", ") + sid;
        report(m_agency_lines[agency_id], "[[agency]]", "services",
               std::to_string(ids.size()) + " offered service(s) of " + in_quotes(agency_id) +
                   " are served by no [[counter]]: " + list);
    }
}

}  // namespace

const OfferedService* HallConfig::find_service(std::string_view service_id) const {
    for (const auto& s : services)
        if (s.service_id == service_id) return &s;
    return nullptr;
}

const CounterConfig* HallConfig::find_counter(std::string_view counter_id) const {
    for (const auto& c : counters)
        if (c.id == counter_id) return &c;
    return nullptr;
}

const Holiday* HallConfig::find_holiday(std::string_view date) const {
    for (const auto& h : holidays)
        if (h.date == date) return &h;
    return nullptr;
}

Result<HallConfig> parse_hall_config(std::string_view toml_text, const std::string& source_name,
                                     const std::filesystem::path& base_dir, Catalog* catalog_out) {
    try {
        ConfigReader reader(source_name, base_dir);
        return reader.read(toml_text, catalog_out);
    } catch (const std::exception& e) {
        // Defensive: the reader reports problems as values; this is out-of-memory and the like.
        return make_error("config_invalid", source_name + ": cannot read the configuration: " + e.what());
    }
}

Result<HallConfig> load_hall_config(const std::filesystem::path& file, Catalog* catalog_out) {
    try {
        std::error_code ec;
        const auto size = fs::file_size(file, ec);
        if (ec) return make_error("config_invalid", file.string() + ": cannot read: " + ec.message());
        if (size > kMaxConfigBytes)
            return make_error("config_invalid", file.string() + ": too large for a hall configuration (" +
                                                    std::to_string(size) + " bytes)");
        std::ifstream in(file, std::ios::binary);
        if (!in) return make_error("config_invalid", file.string() + ": cannot open");
        std::ostringstream text;
        text << in.rdbuf();
        if (in.bad()) return make_error("config_invalid", file.string() + ": read error");
        fs::path base = file.parent_path();
        if (base.empty()) base = ".";
        return parse_hall_config(text.str(), file.string(), base, catalog_out);
    } catch (const std::exception& e) {
        return make_error("config_invalid", file.string() + ": cannot read the configuration: " + e.what());
    }
}

}  // namespace hall
