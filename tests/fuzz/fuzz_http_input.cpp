// libFuzzer target: the web pages' input validation (queue_server/http_input.cpp and the survey
// reader of queue_server/skm.cpp) on any bytes. Nothing may throw or crash; whatever is accepted
// must be what the handlers rely on: answers 1..4, a bounded suggestion without control bytes,
// dates that survive a round trip through day numbers, escaped HTML without markup characters.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "queue_server/http_input.hpp"
#include "queue_server/skm.hpp"

using hall::fuzz::require;
using namespace hall::web;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);

    auto survey = parse_survey_body(bytes);
    if (survey) {
        for (int a : survey->answers) require(a >= 1 && a <= 4);
        if (survey->age) require(*survey->age >= hall::skm::kMinAge && *survey->age <= hall::skm::kMaxAge);
        if (survey->suggestion) {
            require(!survey->suggestion->empty());
            require(survey->suggestion->size() <= hall::skm::kMaxSuggestionBytes);
            for (unsigned char c : *survey->suggestion) require(c >= 0x20 || c == '\n' || c == '\t' || c == '\r');
        }
        for (const auto* f : {&survey->sex, &survey->education, &survey->occupation})
            if (*f) require(!(*f)->empty());
    } else {
        require(survey.error().code == "bad_request");
    }

    if (auto date = parse_date(bytes)) require(civil_from_days(days_from_civil(*date)) == *date);
    const auto half = bytes.size() / 2;
    if (auto range = parse_range(bytes.substr(0, half), bytes.substr(half))) {
        require(range->from <= range->to);
        require(days_from_civil(range->to) - days_from_civil(range->from) < kMaxReportDays);
    }
    if (is_token(bytes)) require(bytes.size() == 32 || bytes.size() == 24);
    if (is_pin(bytes)) require(bytes.size() >= 4 && bytes.size() <= 12);
    (void)is_officer_id(bytes);
    const std::string escaped = html_escape(bytes);
    require(escaped.find_first_of("<>\"'") == std::string::npos);
    return 0;
}
