// The rules of DESIGN.md ("The ticket's life", "Call-next", "Estimated wait"), kept free of I/O.
#include "queue_server/ticket_rules.hpp"

#include <cmath>
#include <cstdio>

namespace hall::server {

std::optional<TicketState> next_state(TicketState from, TicketAction action) {
    using S = TicketState;
    switch (action) {
    case TicketAction::call:
        if (from == S::waiting || from == S::transferred || from == S::on_hold) return S::called;
        return std::nullopt;
    case TicketAction::recall:
        if (from == S::called) return S::called;
        return std::nullopt;
    case TicketAction::start_serving:
        if (from == S::called) return S::serving;
        return std::nullopt;
    case TicketAction::finish:
        if (from == S::serving) return S::done;
        return std::nullopt;
    case TicketAction::no_show:
        if (from == S::called) return S::no_show;
        return std::nullopt;
    case TicketAction::transfer:
        if (from == S::called || from == S::serving) return S::transferred;
        return std::nullopt;
    case TicketAction::hold:
        // Waiting tickets may be set aside; a visitor at the counter may be sent to complete
        // missing documents and come back.
        if (from == S::waiting || from == S::transferred || from == S::called || from == S::serving)
            return S::on_hold;
        return std::nullopt;
    case TicketAction::release:
        if (from == S::on_hold) return S::waiting;
        return std::nullopt;
    case TicketAction::cancel:
        if (from == S::waiting || from == S::transferred || from == S::on_hold) return S::cancelled;
        return std::nullopt;
    }
    return std::nullopt;
}

LocalTime local_time(std::int64_t unix_ms, int utc_offset_minutes) {
    std::int64_t local_minutes = unix_ms / 60000 + utc_offset_minutes;
    if (unix_ms < 0 && unix_ms % 60000 != 0) --local_minutes;
    std::int64_t days = local_minutes / 1440;
    std::int64_t minute = local_minutes % 1440;
    if (minute < 0) {
        minute += 1440;
        --days;
    }
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm, a published formula).
    std::int64_t z = days + 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    std::int64_t doe = z - era * 146097;
    std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    std::int64_t mp = (5 * doy + 2) / 153;
    std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
    LocalTime t;
    t.date = buf;
    // 1970-01-01 was a Thursday (weekday 3 with Monday = 0).
    t.weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);
    t.minute = static_cast<int>(minute);
    return t;
}

namespace {
std::string hhmm(int minute) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return buf;
}
}  // namespace

ScheduleStatus schedule_status(const HallConfig& config, const LocalTime& t) {
    if (const Holiday* h = config.find_holiday(t.date)) return {HallStatus::holiday, h->name};
    const DaySchedule& day = config.week[static_cast<std::size_t>(t.weekday)];
    if (!day.open) return {HallStatus::closed, ""};
    std::string hours = hhmm(day.hours.start_minute) + "-" + hhmm(day.hours.end_minute);
    if (!day.hours.contains(t.minute)) return {HallStatus::closed, hours};
    for (const BreakPeriod& b : day.breaks)
        if (b.time.contains(t.minute))
            return {HallStatus::on_break, b.name + " " + hhmm(b.time.start_minute) + "-" + hhmm(b.time.end_minute)};
    return {HallStatus::open, hours};
}

std::string hall_status_name(HallStatus s) {
    switch (s) {
    case HallStatus::open: return "open";
    case HallStatus::closed: return "closed";
    case HallStatus::on_break: return "break";
    case HallStatus::holiday: return "holiday";
    }
    return "closed";
}

std::optional<Pick> pick_next(const std::vector<Candidate>& candidates, const PriorityPolicy& policy,
                              int regular_streak) {
    std::optional<std::size_t> first_priority;
    std::optional<std::size_t> first_regular;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (candidates[i].priority) {
            if (!first_priority) first_priority = i;
        } else if (!first_regular) {
            first_regular = i;
        }
    }
    if (!first_priority && !first_regular) return std::nullopt;
    bool take_priority = false;
    if (first_priority) {
        if (policy.mode == PriorityMode::strict || !first_regular)
            take_priority = true;
        else
            take_priority = regular_streak >= policy.regular_per_priority;
    }
    if (take_priority) return Pick{*first_priority, 0};
    return Pick{*first_regular, regular_streak + 1};
}

std::string format_number(const std::string& prefix, std::int64_t seq) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%03lld", static_cast<long long>(seq));
    return prefix + "-" + buf;
}

int estimate_wait_minutes(int people_ahead, double average_service_seconds, int counters_serving) {
    if (people_ahead <= 0) return 0;
    if (counters_serving < 1) counters_serving = 1;
    double minutes = people_ahead * average_service_seconds / 60.0 / counters_serving;
    return static_cast<int>(std::ceil(minutes - 1e-9));
}

}  // namespace hall::server
