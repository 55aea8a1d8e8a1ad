// Calendar arithmetic uses the days-from-civil algorithm (proleptic Gregorian calendar), so no
// time zone database and no locale is involved: the hall's offset comes from its config.
#include "display/board_text.hpp"

#include <cstdio>

#include "common/format.hpp"
#include "display/display_strings.hpp"

namespace hall::display {

namespace {

// Days since 1970-01-01 of a civil date.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::string clock_text(std::int64_t wall_ms, int utc_offset_minutes) {
    const std::int64_t local_min = floor_div(wall_ms, 60000) + utc_offset_minutes;
    const std::int64_t minute_of_day = local_min - floor_div(local_min, 1440) * 1440;
    char text[32];
    std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minute_of_day / 60), static_cast<int>(minute_of_day % 60));
    return text;
}

std::string local_date(std::int64_t wall_ms, int utc_offset_minutes) {
    const std::int64_t local_min = floor_div(wall_ms, 60000) + utc_offset_minutes;
    std::int64_t y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civil_from_days(floor_div(local_min, 1440), y, m, d);
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(y), m, d);
    return text;
}

std::string date_text(std::string_view iso_date, i18n::Lang lang) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    const std::string owned(iso_date);
    if (owned.size() != 10 || std::sscanf(owned.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
        d > 31)
        return owned;
    const std::int64_t days = days_from_civil(y, m, d);
    const std::int64_t weekday = ((days % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday: 0 = Monday
    return std::string(tr("display.day_" + std::to_string(weekday), lang)) + ", " + std::to_string(d) + " " +
           std::string(tr("display.month_" + std::to_string(m), lang)) + " " + std::to_string(y);
}

std::string age_text(std::int64_t ms, i18n::Lang lang) {
    const std::int64_t seconds = std::max<std::int64_t>(0, ms / 1000);
    if (seconds == 1) return std::string(tr("display.one_second", lang));
    if (seconds < 60) return fill(tr("display.seconds", lang), "n", std::to_string(seconds));
    return format::minutes(seconds / 60, lang);
}

std::vector<std::string> ticker_messages(const std::vector<TickerItem>& items, i18n::Lang lang) {
    std::vector<std::string> out;
    for (const TickerItem& item : items) {
        switch (item.kind) {
            case TickerKind::message:
                out.push_back(item.text);
                break;
            case TickerKind::pledge:
                out.push_back(fill(tr("display.ticker_pledge", lang), "agency", item.title) + " " + item.text);
                break;
            case TickerKind::service_status:
                if (item.title == "closed") {
                    out.push_back(item.text.empty() ? std::string(tr("display.ticker_closed_day", lang))
                                                    : fill(tr("display.ticker_closed", lang), "detail", item.text));
                } else if (item.title == "break") {
                    out.push_back(fill(tr("display.ticker_break", lang), "detail", item.text));
                } else if (item.title == "holiday") {
                    out.push_back(fill(tr("display.ticker_holiday", lang), "detail", item.text));
                } else if (item.title == "quota_reached") {
                    out.push_back(fill(tr("display.ticker_quota", lang), "detail", item.text));
                }
                break;
        }
    }
    return out;
}

}  // namespace hall::display
