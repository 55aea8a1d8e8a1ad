// Validation of everything the HTTP pages receive: ticket tokens, dates and date ranges, the
// login form, survey bodies, and the throttle that slows down guessing. Pure functions and one
// small class, no network: the fuzz build compiles this file on its own.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "queue_server/skm.hpp"

namespace hall::web {

// A ticket token as the server issues it: 32 lowercase hex digits (128 bits); 24 digits for
// tickets issued by older servers.
bool is_token(std::string_view s);

// A calendar date "YYYY-MM-DD" (years 2000-2999), or nullopt.
std::optional<std::string> parse_date(std::string_view s);
// Days since 1970-01-01 of a valid date from parse_date.
std::int64_t days_from_civil(std::string_view date);
// The date `days` days after 1970-01-01.
std::string civil_from_days(std::int64_t days);

struct DateRange {
    std::string from;  // inclusive
    std::string to;    // inclusive
};
constexpr int kMaxReportDays = 366;
// Both dates valid, from <= to, at most kMaxReportDays days. bad_request otherwise.
Result<DateRange> parse_range(std::string_view from, std::string_view to);

// An officer id as typed in the login form: 1 to 64 printable ASCII characters, no spaces.
bool is_officer_id(std::string_view s);
// A PIN: 4 to 12 digits.
bool is_pin(std::string_view s);

// A survey sent by the phone page: a JSON object as skm::parse_response reads it, at most
// kMaxSurveyBytes. Never throws.
constexpr std::size_t kMaxSurveyBytes = 8 * 1024;
Result<skm::Response> parse_survey_body(std::string_view body);

// Counts failures per key (a client's address) in a sliding window; a key with `limit`
// failures inside the window is blocked until older failures leave it. Thread-safe. Holds at
// most kMaxKeys keys: under a flood of addresses the oldest are forgotten first.
class Throttle {
public:
    Throttle(int limit, std::int64_t window_ms) : m_limit(limit), m_window_ms(window_ms) {}
    bool blocked(const std::string& key, std::int64_t now_ms);
    // Records a failure; returns true when this failure made the key blocked.
    bool note_failure(const std::string& key, std::int64_t now_ms);
    static constexpr std::size_t kMaxKeys = 10000;

private:
    void prune(std::deque<std::int64_t>& times, std::int64_t now_ms) const;
    const int m_limit;
    const std::int64_t m_window_ms;
    std::mutex m_mutex;
    std::map<std::string, std::deque<std::int64_t>> m_failures;
};

// Escapes text for HTML element content and attribute values.
std::string html_escape(std::string_view s);

}  // namespace hall::web
