// The kiosk's own words, in Bahasa Indonesia and English (common/i18n.hpp holds the tables),
// and the small text helpers every part of the kiosk uses: a lookup, "{0}" placeholders, and
// dates and times in the hall's local time written the way each language writes them.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "common/i18n.hpp"

namespace hall::kiosk {

using i18n::Lang;

// Registers the kiosk's string table (idempotent). Every entry point of the kiosk calls it.
void register_strings();

// The text of `key` in `lang` (the key itself when it is missing; the tests forbid that).
std::string tr(std::string_view key, Lang lang);

// `pattern` with "{0}", "{1}", ... replaced by the arguments; other braces stay as they are.
std::string fill(std::string_view pattern, std::initializer_list<std::string> args);

// A civil date and time in the hall's local time.
struct LocalTime {
    int year = 1970;
    int month = 1;    // 1-12
    int day = 1;      // 1-31
    int weekday = 3;  // 0 = Monday ... 6 = Sunday
    int hour = 0;
    int minute = 0;
    int second = 0;
};
// `epoch_ms` (UTC) seen at `utc_offset_minutes` east of UTC.
LocalTime local_time(std::int64_t epoch_ms, int utc_offset_minutes);

// "Senin, 23 November 2026" / "Monday, 23 November 2026".
std::string long_date(const LocalTime& t, Lang lang);
// "23-11-2026" (both languages; tickets are read in Indonesia).
std::string short_date(const LocalTime& t);
// "2026-11-23".
std::string iso_date(const LocalTime& t);
// "09:05".
std::string clock_text(const LocalTime& t);

// Folds `text` for searching: ASCII letters to lower case, Latin-1 letters with accents to
// their base letter, everything that is not a letter or digit to a space.
std::string search_fold(std::string_view text);

}  // namespace hall::kiosk
