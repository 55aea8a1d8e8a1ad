// Validation of what the web pages receive: tokens, dates and ranges, login fields, survey
// bodies, and the guessing throttle.
#include <catch2/catch.hpp>

#include "queue_server/http_input.hpp"

using namespace hall::web;

TEST_CASE("http input: ticket tokens are 32 (or 24) lowercase hex digits", "[web]") {
    CHECK(is_token("0123456789abcdef0123456789abcdef"));
    CHECK(is_token("0123456789abcdef01234567"));
    CHECK_FALSE(is_token(""));
    CHECK_FALSE(is_token("0123456789ABCDEF0123456789abcdef"));
    CHECK_FALSE(is_token("0123456789abcdef0123456789abcde"));
    CHECK_FALSE(is_token("../../etc/passwd"));
    CHECK_FALSE(is_token("0123456789abcdef0123456789abcdeg"));
}

TEST_CASE("http input: dates and report ranges", "[web]") {
    CHECK(parse_date("2026-11-23"));
    CHECK(parse_date("2028-02-29"));
    CHECK_FALSE(parse_date("2026-02-29"));
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("2026-1-01"));
    CHECK_FALSE(parse_date("2026-11-23'"));
    CHECK_FALSE(parse_date("1999-12-31"));
    CHECK(days_from_civil("1970-01-01") == 0);
    CHECK(civil_from_days(days_from_civil("2026-11-23")) == "2026-11-23");
    CHECK(civil_from_days(days_from_civil("2028-02-29") + 1) == "2028-03-01");
    CHECK(parse_range("2026-11-01", "2026-11-30"));
    CHECK_FALSE(parse_range("2026-11-30", "2026-11-01"));
    CHECK(parse_range("2026-01-01", "2026-12-31"));
    CHECK_FALSE(parse_range("2026-01-01", "2027-01-02"));
    CHECK_FALSE(parse_range("", "2026-11-01"));
}

TEST_CASE("http input: login fields", "[web]") {
    CHECK(is_officer_id("siti"));
    CHECK_FALSE(is_officer_id(""));
    CHECK_FALSE(is_officer_id("siti aminah"));
    CHECK_FALSE(is_officer_id(std::string(65, 'a')));
    CHECK(is_pin("1234"));
    CHECK(is_pin("123456789012"));
    CHECK_FALSE(is_pin("123"));
    CHECK_FALSE(is_pin("1234567890123"));
    CHECK_FALSE(is_pin("12a4"));
}

TEST_CASE("http input: survey bodies", "[web]") {
    CHECK(parse_survey_body(R"({"answers":[4,4,4,4,4,4,4,4,4]})"));
    CHECK_FALSE(parse_survey_body("not json"));
    CHECK_FALSE(parse_survey_body(""));
    CHECK_FALSE(parse_survey_body(std::string(kMaxSurveyBytes + 1, ' ')));
    CHECK_FALSE(parse_survey_body(R"({"answers":[4,4,4,4,4,4,4,4,4],"suggestion":7})"));
}

TEST_CASE("http input: the throttle blocks a key after the limit and forgets old failures", "[web]") {
    Throttle t(3, 1000);
    CHECK_FALSE(t.blocked("a", 0));
    CHECK_FALSE(t.note_failure("a", 0));
    CHECK_FALSE(t.note_failure("a", 10));
    CHECK(t.note_failure("a", 20));  // the third failure blocks
    CHECK(t.blocked("a", 30));
    CHECK_FALSE(t.blocked("b", 30));  // per key
    CHECK(t.blocked("a", 999));
    CHECK_FALSE(t.blocked("a", 1001));  // the first failure left the window
    CHECK_FALSE(t.blocked("a", -5000));  // a clock set back forgets, rather than blocks forever
}

TEST_CASE("http input: html_escape", "[web]") {
    CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}
