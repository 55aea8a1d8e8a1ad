// The board's words that depend on time and language, as pure functions: the hall's clock and
// date ("09:41", "Senin, 23 November 2026"), the connection banner's age ("sejak 45 detik"),
// and the running text's messages in the board's language.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/i18n.hpp"
#include "display/board_model.hpp"

namespace hall::display {

// "HH:MM" of `wall_ms` (ms since the Unix epoch) in the hall's time zone.
std::string clock_text(std::int64_t wall_ms, int utc_offset_minutes);
// "YYYY-MM-DD" of `wall_ms` in the hall's time zone.
std::string local_date(std::int64_t wall_ms, int utc_offset_minutes);
// A "YYYY-MM-DD" date in words with its weekday: "Senin, 23 November 2026" /
// "Monday, 23 November 2026". The input itself when it is not such a date.
std::string date_text(std::string_view iso_date, i18n::Lang lang);
// How long something has lasted, in words: "45 detik", "2 menit", "1 jam 5 menit".
std::string age_text(std::int64_t ms, i18n::Lang lang);
// The running text's messages, each one paragraph in `lang` (the hall's own text and the
// pledges are the hall's and the agencies' own words, in their language).
std::vector<std::string> ticker_messages(const std::vector<TickerItem>& items, i18n::Lang lang);

}  // namespace hall::display
