// The hall's rules as pure functions, with no database and no sockets, so each rule is locked by
// unit tests: which transitions a ticket may make, which ticket call-next picks, whether the
// hall is open, how numbers look, and how the wait is estimated.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/hall_config.hpp"
#include "common/protocol/protocol.hpp"

namespace hall::server {

using proto::Priority;
using proto::TicketState;

// Actions an officer or a kiosk takes on a ticket.
enum class TicketAction { call, recall, start_serving, finish, no_show, transfer, hold, release, cancel };

// The state a ticket moves to when `action` is applied in `from`, or nullopt when the
// transition is illegal. (Recall keeps `called`.)
std::optional<TicketState> next_state(TicketState from, TicketAction action);

// The hall's local calendar position for a wall-clock time.
struct LocalTime {
    std::string date;  // yyyy-mm-dd
    int weekday = 0;   // 0 = Monday ... 6 = Sunday
    int minute = 0;    // minutes since local midnight
};
LocalTime local_time(std::int64_t unix_ms, int utc_offset_minutes);

enum class HallStatus { open, closed, on_break, holiday };
struct ScheduleStatus {
    HallStatus status = HallStatus::closed;
    std::string detail;  // break or holiday name, or the opening hours ("08:00-15:00")
};
// Whether the hall takes tickets at this local time.
ScheduleStatus schedule_status(const HallConfig& config, const LocalTime& t);
std::string hall_status_name(HallStatus s);

// A ticket that call-next may pick, in first-come-first-served order.
struct Candidate {
    std::int64_t id = 0;
    bool priority = false;
};
struct Pick {
    std::size_t index = 0;     // into the candidates
    int regular_streak = 0;    // the counter's streak after this pick
};
// Picks among candidates sorted by arrival. `regular_streak` is the number of regular tickets
// the counter called since its last priority ticket.
// - strict: the oldest priority ticket first, else the oldest regular one;
// - interleave (ratio N): a priority ticket when one waits and the counter has called N regular
//   tickets since its last priority one, or when no regular ticket waits; else the oldest
//   regular ticket.
std::optional<Pick> pick_next(const std::vector<Candidate>& candidates, const PriorityPolicy& policy,
                              int regular_streak);

// "A-001": the prefix, a dash, and the daily sequence with at least three digits.
std::string format_number(const std::string& prefix, std::int64_t seq);

// People ahead × average service time ÷ counters serving, in whole minutes, rounded up.
int estimate_wait_minutes(int people_ahead, double average_service_seconds, int counters_serving);

// The service time assumed before a service has finished any ticket today.
constexpr double kDefaultServiceSeconds = 300.0;

}  // namespace hall::server
