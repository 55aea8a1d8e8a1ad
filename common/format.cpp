// Formatting of money and time for people. The unit words live here, next to the grammar that
// uses them (English plurals; Indonesian has none), rather than in the i18n key table: they are
// not sentences but parts of a number's spelling.
#include "common/format.hpp"

#include <cmath>
#include <string_view>

namespace hall::format {

namespace {

struct UnitWords {
    std::string_view id;
    std::string_view en_one;
    std::string_view en_many;
};

UnitWords unit_words(DurationUnit unit) {
    switch (unit) {
        case DurationUnit::minute: return {"menit", "minute", "minutes"};
        case DurationUnit::hour: return {"jam", "hour", "hours"};
        case DurationUnit::day: return {"hari", "day", "days"};
        case DurationUnit::working_day: return {"hari kerja", "working day", "working days"};
    }
    return {"", "", ""};  // defensive: every enumerator is handled above
}

std::string_view unit_word(DurationUnit unit, double value, i18n::Lang lang) {
    UnitWords words = unit_words(unit);
    if (lang == i18n::Lang::id) return words.id;
    return value == 1.0 ? words.en_one : words.en_many;
}

// Groups the digits of a non-negative integer with `separator` every three digits.
std::string group_digits(unsigned long long value, char separator) {
    std::string digits = std::to_string(value);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return out;
}

// |value| without overflow for the most negative long long.
unsigned long long magnitude(long long value) {
    return value < 0 ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
}

}  // namespace

std::string grouped(long long value) {
    std::string out = group_digits(magnitude(value), '.');
    return value < 0 ? "-" + out : out;
}

std::string rupiah(long long amount) {
    std::string out = "Rp " + group_digits(magnitude(amount), '.');
    return amount < 0 ? "-" + out : out;
}

std::string fee(const Fee& service_fee, i18n::Lang lang) {
    if (!service_fee.rupiah) return service_fee.text;
    if (*service_fee.rupiah == 0) return lang == i18n::Lang::id ? "Gratis" : "Free";
    return rupiah(*service_fee.rupiah);
}

std::string number(double value, i18n::Lang lang) {
    if (!std::isfinite(value)) return "-";
    const bool indonesian = lang == i18n::Lang::id;
    // Work in hundredths so that 1.005 and 0.1 + 0.2 print as a person expects.
    const double hundredths_d = std::round(std::fabs(value) * 100.0);
    if (hundredths_d > 9.0e17) return "-";  // defensive: far beyond any amount of time or money
    const auto hundredths = static_cast<unsigned long long>(hundredths_d);
    std::string out = group_digits(hundredths / 100, indonesian ? '.' : ',');
    if (unsigned long long cents = hundredths % 100; cents != 0) {
        out += indonesian ? ',' : '.';
        out += static_cast<char>('0' + cents / 10);
        if (cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
    }
    return (value < 0 && hundredths != 0) ? "-" + out : out;
}

std::string quantity(double value, DurationUnit unit, i18n::Lang lang) {
    return number(value, lang) + " " + std::string(unit_word(unit, value, lang));
}

std::string duration(const Duration& service_time, i18n::Lang lang) {
    if (!service_time.value || !service_time.unit) return service_time.text;
    if (service_time.max && *service_time.max != *service_time.value) {
        // "9–21 hari kerja": the unit agrees with the upper bound.
        return number(*service_time.value, lang) + "\u2013" + number(*service_time.max, lang) + " " +
               std::string(unit_word(*service_time.unit, *service_time.max, lang));
    }
    return quantity(*service_time.value, *service_time.unit, lang);
}

std::string minutes(long long total, i18n::Lang lang) {
    if (total < 0) total = 0;
    const long long hours = total / 60;
    const long long rest = total % 60;
    if (hours == 0) return quantity(static_cast<double>(rest), DurationUnit::minute, lang);
    std::string out = quantity(static_cast<double>(hours), DurationUnit::hour, lang);
    if (rest != 0) out += " " + quantity(static_cast<double>(rest), DurationUnit::minute, lang);
    return out;
}

}  // namespace hall::format
