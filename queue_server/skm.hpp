// SKM (Survei Kepuasan Masyarakat, PermenPAN-RB 14/2017): a visitor's answers, their
// validation, and the IKM (Indeks Kepuasan Masyarakat) exactly as DESIGN.md gives it:
// IKM = 25 x (sum of all answers) / (respondents x 9), rounded to two decimals before grading.
// Pure functions: no database, no network (the fuzz build compiles this file on its own).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "common/skm_questions.hpp"

namespace hall::skm {

// One visitor's survey: nine answers 1..4 (U1..U9) and the optional respondent fields.
struct Response {
    std::array<int, kElementCount> answers{};
    std::optional<int> age;
    std::optional<std::string> sex;         // a value of choice_fields() "sex"
    std::optional<std::string> education;
    std::optional<std::string> occupation;
    std::optional<std::string> suggestion;  // trimmed, at most kMaxSuggestionBytes, valid UTF-8
};

// Reads a survey from JSON: {"answers":[9 integers 1..4], "age":int|null, "sex":..., "education":...,
// "occupation":..., "suggestion":...}. Optional fields may be absent, null or "". Unknown keys,
// wrong types, out-of-range answers and invalid UTF-8 are refused with bad_request naming the
// field. Never throws.
Result<Response> parse_response(const nlohmann::json& body);

// The grade of an IKM given in hundredths (8831 = 88.31).
struct Grade {
    char letter;              // 'A'..'D'
    std::string_view label_id;  // "Sangat Baik"
    std::string_view label_en;  // "Very good"
};
Grade grade_of(std::int64_t ikm_hundredths);

// The IKM of a set of responses, from its totals.
struct Ikm {
    std::int64_t respondents = 0;
    std::array<std::int64_t, kElementCount> element_sums{};
    std::int64_t ikm_hundredths = 0;  // 25..100 as 2500..10000; 0 without respondents
    // The mean answer of element `i` (NRR), 1..4; 0 without respondents.
    double nrr(int i) const;
    // "88.31" (two decimals, point), or "-" without respondents.
    std::string ikm_text() const;
    Grade grade() const { return grade_of(ikm_hundredths); }
};

// Accumulates responses and computes the IKM with exact integer arithmetic (round half up).
class IkmAccumulator {
public:
    void add(const std::array<int, kElementCount>& answers);
    // Adds totals read from the database: `n` respondents whose answers to element i sum to sums[i].
    void add_totals(std::int64_t n, const std::array<std::int64_t, kElementCount>& sums);
    Ikm result() const;

private:
    std::int64_t m_n = 0;
    std::array<std::int64_t, kElementCount> m_sums{};
};

// The IKM in hundredths from the grand total of answers and the number of respondents:
// round(2500 x sum / (9 x n)), halves up. 0 when n is 0.
std::int64_t ikm_hundredths(std::int64_t answer_sum, std::int64_t respondents);

}  // namespace hall::skm
