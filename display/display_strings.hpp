// The display's own strings (Bahasa Indonesia first, English second), registered with the
// common i18n tables at start-up, and the small helpers that fill a template's {placeholder}.
// The spoken sentence is not here: the voice only speaks Indonesian (indonesian_speech.hpp).
#pragma once
#include <string>
#include <string_view>

#include "common/i18n.hpp"

namespace hall::display {

// Registers the display's table (harmless to call twice).
void register_display_strings();

// The display's text for `key` in `lang` (a "display." key).
std::string_view tr(std::string_view key, i18n::Lang lang);

// `text` with every "{name}" replaced by `value`.
std::string fill(std::string_view text, std::string_view name, std::string_view value);

}  // namespace hall::display
