// How amounts of money and time read on the hall's screens, tickets and phone pages: rupiah with
// Indonesian digit grouping ("Rp 25.000"), "Gratis" for free services, and durations in words
// ("1 hari kerja", "10 menit", "9–21 hari kerja"). Pure functions, no ImGui, usable everywhere.
#pragma once
#include <string>

#include "common/catalog.hpp"
#include "common/i18n.hpp"

namespace hall::format {

// Digits grouped by thousands with a dot, as Indonesians write them: 1234567 -> "1.234.567".
std::string grouped(long long value);

// An amount of money: 25000 -> "Rp 25.000", 0 -> "Rp 0", -5000 -> "-Rp 5.000". Same in both
// languages (the rupiah is written the Indonesian way on every screen).
std::string rupiah(long long amount);

// A service's fee for the public: "Gratis"/"Free" when it costs nothing, "Rp 25.000" when it has
// one amount, otherwise the source's own text (it defers to a regulation or an appraisal).
std::string fee(const Fee& service_fee, i18n::Lang lang);

// A number as a person writes it: integers without decimals, others with at most two decimals
// and the language's decimal mark: 1.5 -> "1,5" (id) or "1.5" (en); 1000 -> "1.000" / "1,000".
std::string number(double value, i18n::Lang lang);

// A count with its unit: (1, minute) -> "1 menit" / "1 minute"; (3, working_day) ->
// "3 hari kerja" / "3 working days".
std::string quantity(double value, DurationUnit unit, i18n::Lang lang);

// A service's completion time: "1 hari kerja", a range "9–21 hari kerja" (en dash), or the
// source's own text when the catalog has no usable number ("3 (tiga) bulan").
std::string duration(const Duration& service_time, i18n::Lang lang);

// A wait or an elapsed time given in whole minutes, in the largest sensible units:
// 0 -> "0 menit", 10 -> "10 menit", 60 -> "1 jam", 75 -> "1 jam 15 menit" (en: "1 hour 15 minutes").
// Negative values read as 0.
std::string minutes(long long total, i18n::Lang lang);

}  // namespace hall::format
