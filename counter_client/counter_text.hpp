// Words on the officer's screen: the counter program's own string table (Bahasa Indonesia first,
// English second) and a small message type that keeps a string's key and its values apart, so a
// message made in one language reads in the other after the officer switches.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/i18n.hpp"

namespace hall::counter {

// One value for a {1}, {2} ... placeholder: literal text, or the key of another string.
struct TextArg {
    std::string value;
    bool is_key = false;
};
inline TextArg lit(std::string value) { return TextArg{std::move(value), false}; }
inline TextArg key(std::string value) { return TextArg{std::move(value), true}; }

// A string of the tables with its values. An "error.<code>" key reads as the protocol error's
// text (an unknown code reads as internal_error's).
struct Text {
    std::string key;
    std::vector<TextArg> args;
    bool empty() const { return key.empty(); }
    bool operator==(const Text& other) const;
};

// Registers the counter's table with common/i18n (idempotent). Call once at start-up.
void register_counter_strings();

// The text of a key in `lang` (the table must be registered).
std::string tr(std::string_view key, i18n::Lang lang);
// `text` in `lang`, every {n} replaced by its argument (missing arguments read as "").
std::string render(const Text& text, i18n::Lang lang);

}  // namespace hall::counter
