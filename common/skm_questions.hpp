// The SKM questionnaire of PermenPAN-RB 14/2017 (Survei Kepuasan Masyarakat): the nine service
// elements in the regulation's order, each with its question and the four usual answer labels
// (1 = worst, 4 = best), and the optional respondent fields. Shared by the phone page (served by
// queue_server) and the kiosk, so both ask exactly the same questions.
#pragma once
#include <array>
#include <string_view>

#include "common/i18n.hpp"

namespace hall::skm {

constexpr int kElementCount = 9;
constexpr int kMinAnswer = 1;
constexpr int kMaxAnswer = 4;

struct Element {
    std::string_view code;         // "U1".."U9", as SKM reports name the elements
    std::string_view name_id;      // "Persyaratan"
    std::string_view name_en;      // "Requirements"
    std::string_view question_id;  // the question as the visitor reads it
    std::string_view question_en;
    std::array<std::string_view, 4> labels_id;  // answers 1..4
    std::array<std::string_view, 4> labels_en;
};

// The nine elements, U1..U9, in the regulation's order.
const std::array<Element, kElementCount>& elements();

// A respondent field with a fixed list of choices (sex, education, occupation). Age is a number.
struct Choice {
    std::string_view value;  // stored in the database, e.g. "sma"
    std::string_view id;
    std::string_view en;
};
struct ChoiceField {
    std::string_view key;  // "sex", "education", "occupation"
    std::string_view label_id;
    std::string_view label_en;
    const Choice* choices;
    int count;
};
const std::array<ChoiceField, 3>& choice_fields();
// True when `value` is one of the field's choices.
bool is_choice(std::string_view field_key, std::string_view value);

constexpr int kMinAge = 10;
constexpr int kMaxAge = 120;
constexpr std::size_t kMaxSuggestionBytes = 1000;

inline std::string_view element_name(const Element& e, i18n::Lang lang) {
    return lang == i18n::Lang::id ? e.name_id : e.name_en;
}

}  // namespace hall::skm
