// Tests of the hall's pure rules (queue_server/ticket_rules): the ticket's state machine against
// an explicit table of all 8 states × 9 actions, the hall's local calendar, whether the hall is
// open, which ticket call-next picks, how numbers look, and how the wait is estimated.
// Every expectation here is written out by hand so a change of a rule shows up as a failing test.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "queue_server/ticket_rules.hpp"

using hall::HallConfig;
using hall::PriorityMode;
using hall::PriorityPolicy;
using hall::server::Candidate;
using hall::server::HallStatus;
using hall::server::LocalTime;
using hall::server::TicketAction;
using hall::server::TicketState;

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr int kWib = 7 * 60;  // +07:00

// Wall-clock instants, worked out independently of the code under test (Python's datetime).
constexpr std::int64_t kMonday20260302Midnight = 1772384400000;  // 2026-03-02 00:00 +07:00
constexpr std::int64_t kMonday20260302At0900 = 1772416800000;    // 2026-03-02 09:00 +07:00
constexpr std::int64_t k20280228At2359 = 1835369940000;          // 2028-02-28 23:59 +07:00 (Monday)
constexpr std::int64_t k20280229Midnight = 1835370000000;        // 2028-02-29 00:00 +07:00 (Tuesday)
constexpr std::int64_t k20280301Midnight = 1835456400000;        // 2028-03-01 00:00 +07:00 (Wednesday)
constexpr std::int64_t k20261231At2359 = 1798736340000;          // 2026-12-31 23:59 +07:00 (Thursday)

constexpr std::array<TicketState, 8> kStates{TicketState::waiting, TicketState::called,    TicketState::serving,
                                             TicketState::done,    TicketState::no_show,   TicketState::transferred,
                                             TicketState::on_hold, TicketState::cancelled};
constexpr std::array<TicketAction, 9> kActions{TicketAction::call,     TicketAction::recall,  TicketAction::start_serving,
                                               TicketAction::finish,   TicketAction::no_show, TicketAction::transfer,
                                               TicketAction::hold,     TicketAction::release, TicketAction::cancel};

const char* action_label(TicketAction a) {
    switch (a) {
    case TicketAction::call: return "call";
    case TicketAction::recall: return "recall";
    case TicketAction::start_serving: return "start_serving";
    case TicketAction::finish: return "finish";
    case TicketAction::no_show: return "no_show";
    case TicketAction::transfer: return "transfer";
    case TicketAction::hold: return "hold";
    case TicketAction::release: return "release";
    case TicketAction::cancel: return "cancel";
    }
    return "?";
}

std::string state_label(std::optional<TicketState> s) {
    return s ? std::string(hall::proto::ticket_state_name(*s)) : std::string("(refused)");
}

// The ticket's life (DESIGN.md), one row per state in enum order, one column per action in
// kActions order. Beyond DESIGN.md's diagram the code deliberately allows: calling a held or
// transferred ticket, holding a ticket at the counter (visitor sent to fetch a document) or a
// transferred one, and cancelling a held or transferred ticket.
using Row = std::array<std::optional<TicketState>, 9>;
constexpr std::optional<TicketState> X = std::nullopt;
constexpr TicketState W = TicketState::waiting;
constexpr TicketState C = TicketState::called;
constexpr TicketState S = TicketState::serving;
constexpr TicketState D = TicketState::done;
constexpr TicketState N = TicketState::no_show;
constexpr TicketState T = TicketState::transferred;
constexpr TicketState H = TicketState::on_hold;
constexpr TicketState K = TicketState::cancelled;
const std::array<Row, 8> kExpected{{
    //        call recall start finish no_show transfer hold release cancel
    /* waiting     */ {C, X, X, X, X, X, H, X, K},
    /* called      */ {X, C, S, X, N, T, H, X, X},
    /* serving     */ {X, X, X, D, X, T, H, X, X},
    /* done        */ {X, X, X, X, X, X, X, X, X},
    /* no_show     */ {X, X, X, X, X, X, X, X, X},
    /* transferred */ {C, X, X, X, X, X, H, X, K},
    /* on_hold     */ {C, X, X, X, X, X, X, W, K},
    /* cancelled   */ {X, X, X, X, X, X, X, X, X},
}};

HallConfig weekday_hall() {
    HallConfig c;
    for (std::size_t day = 0; day < 5; ++day) {
        c.week[day].open = true;
        c.week[day].hours = {8 * 60, 15 * 60};
        if (day < 4)
            c.week[day].breaks.push_back({"Istirahat", {12 * 60, 13 * 60}});
        else
            c.week[day].breaks.push_back({"Sholat Jumat", {11 * 60 + 30, 13 * 60}});
    }
    c.holidays.push_back({"2026-03-19", "Hari Suci Nyepi"});
    c.holidays.push_back({"2026-03-21", "Idul Fitri"});  // a Saturday
    return c;
}

LocalTime at(const std::string& date, int weekday, int hour, int minute) { return {date, weekday, hour * 60 + minute}; }

}  // namespace

// ---- next_state ----

TEST_CASE("next_state: every (state, action) pair matches the table", "[rules][state]") {
    static_assert(kStates.size() == static_cast<std::size_t>(hall::proto::kTicketStateCount));
    int legal = 0;
    for (std::size_t s = 0; s < kStates.size(); ++s) {
        REQUIRE(static_cast<std::size_t>(kStates[s]) == s);
        for (std::size_t a = 0; a < kActions.size(); ++a) {
            const auto got = hall::server::next_state(kStates[s], kActions[a]);
            const auto& want = kExpected[s][a];
            INFO(hall::proto::ticket_state_name(kStates[s]) << " --" << action_label(kActions[a]) << "--> expected "
                                                            << state_label(want) << ", got " << state_label(got));
            CHECK(got.has_value() == want.has_value());
            if (got && want) CHECK(*got == *want);
            if (want) ++legal;
        }
    }
    CHECK(legal == 17);
}

TEST_CASE("next_state: final states accept no action", "[rules][state]") {
    for (TicketState s : kStates) {
        if (!hall::proto::is_final(s)) continue;
        for (TicketAction a : kActions) {
            INFO(hall::proto::ticket_state_name(s) << " " << action_label(a));
            CHECK_FALSE(hall::server::next_state(s, a).has_value());
        }
    }
}

TEST_CASE("next_state: the ticket's life from DESIGN.md", "[rules][state]") {
    using hall::server::next_state;
    CHECK(next_state(W, TicketAction::call) == C);
    CHECK(next_state(C, TicketAction::start_serving) == S);
    CHECK(next_state(S, TicketAction::finish) == D);
    CHECK(next_state(C, TicketAction::no_show) == N);
    CHECK(next_state(C, TicketAction::transfer) == T);
    CHECK(next_state(S, TicketAction::transfer) == T);
    CHECK(next_state(W, TicketAction::hold) == H);
    CHECK(next_state(H, TicketAction::release) == W);
    CHECK(next_state(W, TicketAction::cancel) == K);
    // Recall repeats the call and keeps the state.
    CHECK(next_state(C, TicketAction::recall) == C);
    // A transferred ticket waits in its new queue and is called like any waiting one.
    CHECK(next_state(T, TicketAction::call) == C);
    // No skipping: a waiting ticket cannot be served or finished without being called.
    CHECK_FALSE(next_state(W, TicketAction::start_serving));
    CHECK_FALSE(next_state(W, TicketAction::finish));
    CHECK_FALSE(next_state(C, TicketAction::finish));
    CHECK_FALSE(next_state(S, TicketAction::no_show));
    CHECK_FALSE(next_state(S, TicketAction::recall));
    CHECK_FALSE(next_state(C, TicketAction::call));
    CHECK_FALSE(next_state(C, TicketAction::cancel));
}

// ---- local_time ----

TEST_CASE("local_time: Monday 09:00 WIB", "[rules][time]") {
    LocalTime t = hall::server::local_time(kMonday20260302At0900, kWib);
    CHECK(t.date == "2026-03-02");
    CHECK(t.weekday == 0);
    CHECK(t.minute == 9 * 60);
}

TEST_CASE("local_time: the date rolls over at local midnight, not UTC midnight", "[rules][time]") {
    // 23:59 +07:00 is 16:59 UTC the same day; 00:00 +07:00 is 17:00 UTC the previous UTC day.
    LocalTime before = hall::server::local_time(kMonday20260302Midnight - kMinuteMs, kWib);
    CHECK(before.date == "2026-03-01");
    CHECK(before.weekday == 6);  // Sunday
    CHECK(before.minute == 23 * 60 + 59);

    LocalTime midnight = hall::server::local_time(kMonday20260302Midnight, kWib);
    CHECK(midnight.date == "2026-03-02");
    CHECK(midnight.weekday == 0);
    CHECK(midnight.minute == 0);

    LocalTime one_ms_before = hall::server::local_time(kMonday20260302Midnight - 1, kWib);
    CHECK(one_ms_before.date == "2026-03-01");
    CHECK(one_ms_before.minute == 23 * 60 + 59);

    LocalTime after = hall::server::local_time(kMonday20260302Midnight + kMinuteMs, kWib);
    CHECK(after.date == "2026-03-02");
    CHECK(after.minute == 1);

    // The same instant is still Sunday 2026-03-01 17:00 in UTC.
    LocalTime utc = hall::server::local_time(kMonday20260302Midnight, 0);
    CHECK(utc.date == "2026-03-01");
    CHECK(utc.weekday == 6);
    CHECK(utc.minute == 17 * 60);
}

TEST_CASE("local_time: weekdays through a whole week", "[rules][time]") {
    const char* dates[] = {"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05",
                           "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"};
    for (int day = 0; day < 8; ++day) {
        LocalTime t = hall::server::local_time(kMonday20260302At0900 + day * 24 * kHourMs, kWib);
        INFO(day);
        CHECK(t.date == dates[day]);
        CHECK(t.weekday == day % 7);
        CHECK(t.minute == 9 * 60);
    }
}

TEST_CASE("local_time: year end", "[rules][time]") {
    LocalTime eve = hall::server::local_time(k20261231At2359, kWib);
    CHECK(eve.date == "2026-12-31");
    CHECK(eve.weekday == 3);
    CHECK(eve.minute == 23 * 60 + 59);
    LocalTime new_year = hall::server::local_time(k20261231At2359 + kMinuteMs, kWib);
    CHECK(new_year.date == "2027-01-01");
    CHECK(new_year.weekday == 4);
    CHECK(new_year.minute == 0);
}

TEST_CASE("local_time: leap day 2028-02-29", "[rules][time]") {
    LocalTime before = hall::server::local_time(k20280228At2359, kWib);
    CHECK(before.date == "2028-02-28");
    CHECK(before.weekday == 0);
    LocalTime leap = hall::server::local_time(k20280229Midnight, kWib);
    CHECK(leap.date == "2028-02-29");
    CHECK(leap.weekday == 1);
    CHECK(leap.minute == 0);
    LocalTime leap_end = hall::server::local_time(k20280301Midnight - 1, kWib);
    CHECK(leap_end.date == "2028-02-29");
    CHECK(leap_end.minute == 23 * 60 + 59);
    LocalTime march = hall::server::local_time(k20280301Midnight, kWib);
    CHECK(march.date == "2028-03-01");
    CHECK(march.weekday == 2);
}

TEST_CASE("local_time: negative UTC offsets", "[rules][time]") {
    // Monday 09:00 WIB is 02:00 UTC, which is Sunday 21:00 at -05:00 and Sunday 22:30 at -03:30.
    LocalTime minus5 = hall::server::local_time(kMonday20260302At0900, -5 * 60);
    CHECK(minus5.date == "2026-03-01");
    CHECK(minus5.weekday == 6);
    CHECK(minus5.minute == 21 * 60);
    LocalTime minus330 = hall::server::local_time(kMonday20260302At0900, -210);
    CHECK(minus330.date == "2026-03-01");
    CHECK(minus330.weekday == 6);
    CHECK(minus330.minute == 22 * 60 + 30);
    // At -12:00 a UTC morning is still the previous day.
    LocalTime minus12 = hall::server::local_time(kMonday20260302At0900, -12 * 60);
    CHECK(minus12.date == "2026-03-01");
    CHECK(minus12.minute == 14 * 60);
}

TEST_CASE("local_time: around and before the epoch", "[rules][time]") {
    LocalTime epoch = hall::server::local_time(0, 0);
    CHECK(epoch.date == "1970-01-01");
    CHECK(epoch.weekday == 3);  // Thursday
    CHECK(epoch.minute == 0);

    LocalTime epoch_minus = hall::server::local_time(0, -210);
    CHECK(epoch_minus.date == "1969-12-31");
    CHECK(epoch_minus.weekday == 2);  // Wednesday
    CHECK(epoch_minus.minute == 20 * 60 + 30);

    // One millisecond before the epoch is still in the minute 23:59 of 1969-12-31.
    LocalTime just_before = hall::server::local_time(-1, 0);
    CHECK(just_before.date == "1969-12-31");
    CHECK(just_before.weekday == 2);
    CHECK(just_before.minute == 23 * 60 + 59);

    LocalTime exact_minute = hall::server::local_time(-kMinuteMs, 0);
    CHECK(exact_minute.date == "1969-12-31");
    CHECK(exact_minute.minute == 23 * 60 + 59);
}

// ---- schedule_status ----

TEST_CASE("schedule_status: open within hours, with the hours as detail", "[rules][schedule]") {
    const HallConfig c = weekday_hall();
    auto open = hall::server::schedule_status(c, at("2026-03-02", 0, 9, 0));
    CHECK(open.status == HallStatus::open);
    CHECK(open.detail == "08:00-15:00");
    CHECK(hall::server::schedule_status(c, at("2026-03-02", 0, 8, 0)).status == HallStatus::open);
    CHECK(hall::server::schedule_status(c, at("2026-03-02", 0, 14, 59)).status == HallStatus::open);
    CHECK(hall::server::schedule_status(c, at("2026-03-02", 0, 11, 59)).status == HallStatus::open);
    CHECK(hall::server::schedule_status(c, at("2026-03-02", 0, 13, 0)).status == HallStatus::open);
    // Through the wall clock too.
    CHECK(hall::server::schedule_status(c, hall::server::local_time(kMonday20260302At0900, kWib)).status ==
          HallStatus::open);
}

TEST_CASE("schedule_status: closed before opening and from closing time", "[rules][schedule]") {
    const HallConfig c = weekday_hall();
    auto early = hall::server::schedule_status(c, at("2026-03-02", 0, 7, 59));
    CHECK(early.status == HallStatus::closed);
    CHECK(early.detail == "08:00-15:00");
    auto closing = hall::server::schedule_status(c, at("2026-03-02", 0, 15, 0));
    CHECK(closing.status == HallStatus::closed);
    CHECK(closing.detail == "08:00-15:00");
    CHECK(hall::server::schedule_status(c, at("2026-03-02", 0, 0, 0)).status == HallStatus::closed);
    CHECK(hall::server::schedule_status(c, at("2026-03-02", 0, 23, 59)).status == HallStatus::closed);
}

TEST_CASE("schedule_status: lunch break", "[rules][schedule]") {
    const HallConfig c = weekday_hall();
    for (int minute : {12 * 60, 12 * 60 + 30, 12 * 60 + 59}) {
        INFO(minute);
        auto s = hall::server::schedule_status(c, {"2026-03-04", 2, minute});
        CHECK(s.status == HallStatus::on_break);
        CHECK(s.detail == "Istirahat 12:00-13:00");
    }
}

TEST_CASE("schedule_status: Friday prayer break", "[rules][schedule]") {
    const HallConfig c = weekday_hall();
    CHECK(hall::server::schedule_status(c, at("2026-03-06", 4, 11, 29)).status == HallStatus::open);
    for (int minute : {11 * 60 + 30, 12 * 60, 12 * 60 + 59}) {
        INFO(minute);
        auto s = hall::server::schedule_status(c, {"2026-03-06", 4, minute});
        CHECK(s.status == HallStatus::on_break);
        CHECK(s.detail == "Sholat Jumat 11:30-13:00");
    }
    CHECK(hall::server::schedule_status(c, at("2026-03-06", 4, 13, 0)).status == HallStatus::open);
    // Thursday has no prayer break at 11:30.
    CHECK(hall::server::schedule_status(c, at("2026-03-05", 3, 11, 30)).status == HallStatus::open);
}

TEST_CASE("schedule_status: holiday wins over hours", "[rules][schedule]") {
    const HallConfig c = weekday_hall();
    auto h = hall::server::schedule_status(c, at("2026-03-19", 3, 9, 0));
    CHECK(h.status == HallStatus::holiday);
    CHECK(h.detail == "Hari Suci Nyepi");
    CHECK(hall::server::schedule_status(c, at("2026-03-19", 3, 7, 0)).status == HallStatus::holiday);
    CHECK(hall::server::schedule_status(c, at("2026-03-19", 3, 12, 30)).status == HallStatus::holiday);
    // A holiday on a closed day is still reported as the holiday.
    CHECK(hall::server::schedule_status(c, at("2026-03-21", 5, 9, 0)).status == HallStatus::holiday);
    // The day after is an ordinary Friday.
    CHECK(hall::server::schedule_status(c, at("2026-03-20", 4, 9, 0)).status == HallStatus::open);
}

TEST_CASE("schedule_status: closed days", "[rules][schedule]") {
    const HallConfig c = weekday_hall();
    auto saturday = hall::server::schedule_status(c, at("2026-03-07", 5, 9, 0));
    CHECK(saturday.status == HallStatus::closed);
    CHECK(saturday.detail.empty());
    auto sunday = hall::server::schedule_status(c, at("2026-03-08", 6, 12, 30));
    CHECK(sunday.status == HallStatus::closed);
    CHECK(sunday.detail.empty());
}

TEST_CASE("hall_status_name: wire names", "[rules][schedule]") {
    CHECK(hall::server::hall_status_name(HallStatus::open) == "open");
    CHECK(hall::server::hall_status_name(HallStatus::closed) == "closed");
    CHECK(hall::server::hall_status_name(HallStatus::on_break) == "break");
    CHECK(hall::server::hall_status_name(HallStatus::holiday) == "holiday");
}

// ---- pick_next ----

namespace {

// Ids < 100 are regular tickets, ids >= 100 priority ones; the vector is in arrival order.
std::vector<Candidate> queue_of(std::initializer_list<std::int64_t> ids) {
    std::vector<Candidate> q;
    for (std::int64_t id : ids) q.push_back({id, id >= 100});
    return q;
}

// Calls tickets one after another as a counter would, and returns the ids in call order.
std::vector<std::int64_t> call_all(std::vector<Candidate> queue, const PriorityPolicy& policy, int streak = 0) {
    std::vector<std::int64_t> order;
    while (auto pick = hall::server::pick_next(queue, policy, streak)) {
        REQUIRE(pick->index < queue.size());
        order.push_back(queue[pick->index].id);
        streak = pick->regular_streak;
        queue.erase(queue.begin() + static_cast<std::ptrdiff_t>(pick->index));
    }
    return order;
}

PriorityPolicy interleave(int ratio) { return {PriorityMode::interleave, ratio}; }
PriorityPolicy strict() { return {PriorityMode::strict, 1}; }

using Ids = std::vector<std::int64_t>;

}  // namespace

TEST_CASE("pick_next: empty queue", "[rules][pick]") {
    CHECK_FALSE(hall::server::pick_next({}, interleave(1), 0));
    CHECK_FALSE(hall::server::pick_next({}, strict(), 3));
}

TEST_CASE("pick_next: strict serves every priority ticket first, each class in arrival order", "[rules][pick]") {
    auto q = queue_of({1, 2, 100, 3, 101, 4, 102});
    CHECK(call_all(q, strict()) == Ids{100, 101, 102, 1, 2, 3, 4});
    auto first = hall::server::pick_next(q, strict(), 0);
    REQUIRE(first);
    CHECK(first->index == 2);
    CHECK(first->regular_streak == 0);
    // Strict ignores the streak.
    auto again = hall::server::pick_next(q, strict(), 7);
    REQUIRE(again);
    CHECK(again->index == 2);
}

TEST_CASE("pick_next: interleave with ratio 1 gives R P R P ...", "[rules][pick]") {
    auto q = queue_of({100, 1, 2, 101, 3, 102, 4});
    CHECK(call_all(q, interleave(1)) == Ids{1, 100, 2, 101, 3, 102, 4});
    // The same when every priority ticket arrived first.
    CHECK(call_all(queue_of({100, 101, 102, 1, 2, 3}), interleave(1)) == Ids{1, 100, 2, 101, 3, 102});
}

TEST_CASE("pick_next: interleave with ratio 2 gives R R P ...", "[rules][pick]") {
    auto q = queue_of({100, 101, 102, 1, 2, 3, 4, 5, 6});
    CHECK(call_all(q, interleave(2)) == Ids{1, 2, 100, 3, 4, 101, 5, 6, 102});
    CHECK(call_all(queue_of({1, 2, 3, 4, 100, 101}), interleave(3)) == Ids{1, 2, 3, 100, 4, 101});
}

TEST_CASE("pick_next: interleave streak bookkeeping", "[rules][pick]") {
    auto q = queue_of({1, 100});
    auto regular = hall::server::pick_next(q, interleave(2), 1);
    REQUIRE(regular);
    CHECK(regular->index == 0);
    CHECK(regular->regular_streak == 2);
    auto priority = hall::server::pick_next(q, interleave(2), 2);
    REQUIRE(priority);
    CHECK(priority->index == 1);
    CHECK(priority->regular_streak == 0);
    // A streak beyond the ratio (e.g. after the ratio was lowered) still gives the priority turn.
    auto over = hall::server::pick_next(q, interleave(2), 5);
    REQUIRE(over);
    CHECK(over->index == 1);
}

TEST_CASE("pick_next: only priority tickets waiting", "[rules][pick]") {
    auto q = queue_of({100, 101, 102});
    for (const PriorityPolicy& p : {interleave(1), interleave(3), strict()}) {
        auto pick = hall::server::pick_next(q, p, 0);
        REQUIRE(pick);
        CHECK(pick->index == 0);
        CHECK(pick->regular_streak == 0);
        CHECK(call_all(q, p) == Ids{100, 101, 102});
    }
}

TEST_CASE("pick_next: only regular tickets waiting", "[rules][pick]") {
    auto q = queue_of({1, 2, 3});
    for (const PriorityPolicy& p : {interleave(1), interleave(2), strict()}) {
        auto pick = hall::server::pick_next(q, p, 4);
        REQUIRE(pick);
        CHECK(pick->index == 0);
        CHECK(pick->regular_streak == 5);
        CHECK(call_all(q, p) == Ids{1, 2, 3});
    }
}

TEST_CASE("pick_next: first come first served within a class", "[rules][pick]") {
    // Candidates arrive sorted by arrival; ids are not in arrival order.
    std::vector<Candidate> q{{9, false}, {7, true}, {3, false}, {5, true}, {1, false}};
    auto regular = hall::server::pick_next(q, interleave(1), 0);
    REQUIRE(regular);
    CHECK(regular->index == 0);  // id 9, the oldest regular
    auto priority = hall::server::pick_next(q, interleave(1), 1);
    REQUIRE(priority);
    CHECK(priority->index == 1);  // id 7, the oldest priority
    auto strict_pick = hall::server::pick_next(q, strict(), 0);
    REQUIRE(strict_pick);
    CHECK(strict_pick->index == 1);
    CHECK(call_all(q, interleave(1)) == Ids{9, 7, 3, 5, 1});
}

// ---- format_number ----

TEST_CASE("format_number: prefix, dash, at least three digits", "[rules][number]") {
    CHECK(hall::server::format_number("A", 1) == "A-001");
    CHECK(hall::server::format_number("A", 42) == "A-042");
    CHECK(hall::server::format_number("A", 999) == "A-999");
    CHECK(hall::server::format_number("A", 1000) == "A-1000");
    CHECK(hall::server::format_number("A", 12345) == "A-12345");
    CHECK(hall::server::format_number("BC", 7) == "BC-007");
    CHECK(hall::server::format_number("XYZ", 100) == "XYZ-100");
}

// ---- estimate_wait_minutes ----

TEST_CASE("estimate_wait_minutes: people ahead x average / counters, rounded up", "[rules][wait]") {
    using hall::server::estimate_wait_minutes;
    CHECK(estimate_wait_minutes(1, 300, 1) == 5);
    CHECK(estimate_wait_minutes(3, 300, 2) == 8);   // 7.5
    CHECK(estimate_wait_minutes(6, 300, 2) == 15);  // exact: not bumped up
    CHECK(estimate_wait_minutes(10, 60, 3) == 4);   // 3.33
    CHECK(estimate_wait_minutes(1, 61, 1) == 2);    // 1.02
    CHECK(estimate_wait_minutes(1, 30, 1) == 1);    // 0.5
    CHECK(estimate_wait_minutes(2, 30, 1) == 1);    // exact
    CHECK(estimate_wait_minutes(4, 300, 4) == 5);
    CHECK(estimate_wait_minutes(1, 1, 1) == 1);  // any wait at all is at least a minute
}

TEST_CASE("estimate_wait_minutes: nobody ahead is zero", "[rules][wait]") {
    using hall::server::estimate_wait_minutes;
    CHECK(estimate_wait_minutes(0, 300, 1) == 0);
    CHECK(estimate_wait_minutes(0, 300, 0) == 0);
    CHECK(estimate_wait_minutes(-1, 300, 2) == 0);
}

TEST_CASE("estimate_wait_minutes: zero counters count as one", "[rules][wait]") {
    using hall::server::estimate_wait_minutes;
    CHECK(estimate_wait_minutes(3, 300, 0) == 15);
    CHECK(estimate_wait_minutes(3, 300, 0) == estimate_wait_minutes(3, 300, 1));
    CHECK(estimate_wait_minutes(3, 300, -2) == 15);
}

TEST_CASE("kDefaultServiceSeconds is five minutes", "[rules][wait]") {
    CHECK(hall::server::kDefaultServiceSeconds == 300.0);
}
