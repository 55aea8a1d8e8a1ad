// Time: the day rolls over at the hall's local midnight, end to end (server, replica, numbers),
// and a clock that jumps backward or forward never repeats or restarts the numbers of the day
// in progress. The server runs in-process with a clock the test sets (ClockHall).
#include <catch2/catch.hpp>

#include <set>

#include "common/hall_link.hpp"
#include "common/hall_state.hpp"
#include "queue_server/hall_engine.hpp"
#include "reliability_hall.hpp"

using hall::json;
using hall::proto::MessageType;
using hall::reliability::ClockHall;
using hall::reliability::eventually;
using hall::reliability::local_ms;

namespace {

const std::string kSatu = "contoh-dinas.layanan-satu";  // prefix A
const std::string kTiga = "contoh-dinas.layanan-tiga";  // prefix C

json ok(hall::RequestClient& c, MessageType type, const json& body = json::object()) {
    auto r = c.call(type, body);
    REQUIRE(r);
    INFO(r->error_code << ": " << r->error_message);
    REQUIRE(r->ok);
    return r->body;
}

json issue(hall::RequestClient& kiosk, const std::string& service = kSatu) {
    return ok(kiosk, MessageType::issue_ticket, {{"service", service}})["ticket"];
}

std::string number_and_date(const json& ticket) {
    return ticket["number"].get<std::string>() + " " + ticket["date"].get<std::string>();
}

// Adds officer budi and logs him in at loket-1 from counter-1.
void open_counter(hall::RequestClient& admin, hall::RequestClient& counter) {
    ok(admin, MessageType::officer_add, {{"officer", "budi"}, {"name", "Budi"}, {"pin", "1234"}});
    ok(counter, MessageType::login, {{"officer", "budi"}, {"pin", "1234"}, {"counter", "loket-1"}});
}

// Every ticket of the database: numbers per date must be unique and run 1..n per prefix.
void check_numbering(ClockHall& h) {
    auto db = hall::server::Database::open(h.database());
    REQUIRE(db);
    hall::server::Statement dup(*db, "SELECT date, number FROM tickets GROUP BY date, number HAVING COUNT(*) > 1");
    CHECK_FALSE(dup.step());
    hall::server::Statement gaps(*db, "SELECT date, prefix, COUNT(*), MAX(seq) FROM tickets GROUP BY date, prefix");
    while (gaps.step()) {
        INFO(gaps.column_text(0) << " " << gaps.column_text(1));
        CHECK(gaps.column_int(2) == gaps.column_int(3));
    }
}

}  // namespace

TEST_CASE("the day rolls over at the hall's local midnight, end to end", "[reliability][time]") {
    // Monday 23:59:58 at +07:00 is 16:59:58 UTC; the hall's midnight comes seven hours before UTC's.
    ClockHall h(local_ms(0, 23, 59, 58));
    hall::RequestClient kiosk(h.options("kiosk-1")), admin(h.options("admin-1")), counter(h.options("counter-1"));
    std::vector<json> seen;
    std::mutex seen_mutex;
    hall::HallLink display(h.options("display-1"));
    display.start({}, [&](const json& e) {
        std::lock_guard lock(seen_mutex);
        seen.push_back(e);
    });
    REQUIRE(eventually([&] { return display.connected(); }));
    open_counter(admin, counter);

    json monday = issue(kiosk);
    CHECK(number_and_date(monday) == "A-001 2026-11-23");
    CHECK(number_and_date(issue(kiosk)) == "A-002 2026-11-23");
    CHECK(number_and_date(issue(kiosk, kTiga)) == "C-001 2026-11-23");

    // Midnight passes (a two-second step, as a running clock takes it): a new day, new numbers,
    // although Monday's tickets still wait.
    h.set_time(local_ms(1, 0, 0, 1));
    json tuesday = issue(kiosk);
    CHECK(number_and_date(tuesday) == "A-001 2026-11-24");
    CHECK(tuesday["issued_at"].get<std::int64_t>() / 86400000 == 20780);  // still Monday in UTC
    CHECK(number_and_date(issue(kiosk, kTiga)) == "C-001 2026-11-24");

    json snap = ok(admin, MessageType::snapshot);
    CHECK(snap["date"] == "2026-11-24");
    CHECK(snap["tickets"].size() == 2);
    // The replica follows: the `day` event came before the first ticket of the new day, so the
    // new tickets are kept when the day event empties the list.
    REQUIRE(eventually([&] { return display.state().seq() == snap["seq"].get<std::int64_t>(); }));
    CHECK(display.state().date() == "2026-11-24");
    CHECK(display.state().tickets().size() == 2);
    CHECK(display.state().canonical() == [&] {
        hall::HallState s;
        s.load_snapshot(snap);
        return s.canonical();
    }());
    {
        std::lock_guard lock(seen_mutex);
        auto day = std::find_if(seen.begin(), seen.end(), [](const json& e) { return e["action"] == "day"; });
        REQUIRE(day != seen.end());
        CHECK((*day)["date"] == "2026-11-24");
        auto first_new = std::find_if(seen.begin(), seen.end(), [](const json& e) {
            return e.contains("ticket") && e["ticket"]["date"] == "2026-11-24";
        });
        REQUIRE(first_new != seen.end());
        CHECK((*day)["seq"].get<std::int64_t>() < (*first_new)["seq"].get<std::int64_t>());
    }

    // Call-next takes the new day's tickets; yesterday's ticket is still there by id.
    CHECK(number_and_date(ok(counter, MessageType::call_next, {{"counter", "loket-1"}})["ticket"]) == "A-001 2026-11-24");
    json old = ok(admin, MessageType::ticket_info, {{"ticket", monday["id"]}})["ticket"];
    CHECK(number_and_date(old) == "A-001 2026-11-23");
    CHECK(old["state"] == "waiting");
    display.stop();
    check_numbering(h);
}

TEST_CASE("a clock set back or forward within the day never restarts or repeats numbers", "[reliability][time]") {
    ClockHall h(local_ms(0, 10, 0));
    hall::RequestClient kiosk(h.options("kiosk-1"));
    std::vector<std::string> numbers;
    for (int i = 0; i < 3; ++i) numbers.push_back(number_and_date(issue(kiosk)));
    for (auto t : {local_ms(0, 9, 0), local_ms(0, 14, 0), local_ms(0, 0, 5), local_ms(0, 23, 59)}) {
        h.set_time(t);
        numbers.push_back(number_and_date(issue(kiosk)));
    }
    CHECK(numbers == std::vector<std::string>{"A-001 2026-11-23", "A-002 2026-11-23", "A-003 2026-11-23",
                                              "A-004 2026-11-23", "A-005 2026-11-23", "A-006 2026-11-23",
                                              "A-007 2026-11-23"});
    check_numbering(h);
}

TEST_CASE("a clock set back over midnight keeps the later day and its numbering, also after a restart",
          "[reliability][time]") {
    ClockHall h(local_ms(0, 23, 59, 58));
    hall::RequestClient kiosk(h.options("kiosk-1")), admin(h.options("admin-1"));
    hall::HallLink display(h.options("display-1"));
    display.start();
    CHECK(number_and_date(issue(kiosk)) == "A-001 2026-11-23");
    h.set_time(local_ms(1, 0, 0, 1));
    CHECK(number_and_date(issue(kiosk)) == "A-001 2026-11-24");
    CHECK(number_and_date(issue(kiosk)) == "A-002 2026-11-24");

    // Back into Monday, a date that already has tickets: Tuesday stays the hall's day; Monday's
    // sequence does not resume (its A-002 would meet Tuesday's A-002 in the hall).
    h.set_time(local_ms(0, 23, 50));
    CHECK(number_and_date(issue(kiosk)) == "A-003 2026-11-24");
    json snap = ok(admin, MessageType::snapshot);
    CHECK(snap["date"] == "2026-11-24");
    CHECK(snap["tickets"].size() == 3);
    REQUIRE(eventually([&] { return display.state().seq() == snap["seq"].get<std::int64_t>(); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // heartbeats and ticks pass: no `day` back
    CHECK(display.state().date() == "2026-11-24");
    CHECK(display.state().tickets().size() == 3);

    // A restart while the clock still reads Monday: the latest date with tickets wins.
    h.stop();
    h.start();
    CHECK(number_and_date(issue(kiosk)) == "A-004 2026-11-24");
    CHECK(ok(admin, MessageType::snapshot)["date"] == "2026-11-24");

    // The clock catches up: Tuesday goes on, and the next midnight starts Wednesday.
    h.set_time(local_ms(1, 0, 0, 1));
    CHECK(number_and_date(issue(kiosk)) == "A-005 2026-11-24");
    h.set_time(local_ms(1, 23, 59, 59));
    ok(admin, MessageType::hello);  // the server reads its clock on every request
    h.set_time(local_ms(2, 0, 0, 1));
    CHECK(number_and_date(issue(kiosk)) == "A-001 2026-11-25");
    display.stop();
    check_numbering(h);
}

TEST_CASE("a clock leaping forward over midnight keeps the day in progress while its tickets are open",
          "[reliability][time]") {
    ClockHall h(local_ms(0, 10, 0));
    hall::RequestClient kiosk(h.options("kiosk-1")), admin(h.options("admin-1")), counter(h.options("counter-1"));
    open_counter(admin, counter);
    for (int i = 0; i < 3; ++i) issue(kiosk);

    // A whole day ahead (a clock set to the wrong date, then put right, or the reverse).
    h.set_time(local_ms(1, 10, 0));
    CHECK(number_and_date(issue(kiosk)) == "A-004 2026-11-23");
    CHECK(ok(admin, MessageType::snapshot)["date"] == "2026-11-23");
    // Monday's visitors are still called, in order.
    CHECK(number_and_date(ok(counter, MessageType::call_next, {{"counter", "loket-1"}})["ticket"]) == "A-001 2026-11-23");
    ok(counter, MessageType::start_serving, {{"counter", "loket-1"}});
    ok(counter, MessageType::finish, {{"counter", "loket-1"}});
    for (const char* number : {"A-002", "A-003"}) ok(admin, MessageType::cancel, {{"ticket", number}});
    CHECK(ok(admin, MessageType::snapshot)["date"] == "2026-11-23");  // A-004 still waits
    ok(admin, MessageType::cancel, {{"ticket", "A-004"}});

    // Nothing of Monday is open any more: the hall moves to the clock's date.
    json tuesday = issue(kiosk);
    CHECK(number_and_date(tuesday) == "A-001 2026-11-24");
    json snap = ok(admin, MessageType::snapshot);
    CHECK(snap["date"] == "2026-11-24");
    CHECK(snap["tickets"].size() == 1);
    check_numbering(h);
}

TEST_CASE("a forward leap with no ticket open starts the new day at once", "[reliability][time]") {
    ClockHall h(local_ms(0, 10, 0));
    hall::RequestClient kiosk(h.options("kiosk-1")), admin(h.options("admin-1"));
    issue(kiosk);
    ok(admin, MessageType::cancel, {{"ticket", "A-001"}});
    h.set_time(local_ms(3, 10, 0));
    CHECK(number_and_date(issue(kiosk)) == "A-001 2026-11-26");
    check_numbering(h);
}

TEST_CASE("engine, follow_clock: a forward leap starts the new date, a backward one keeps the later date",
          "[reliability][time]") {
    hall::reliability::TempDir tmp;
    hall::Catalog catalog;
    auto config = hall::parse_hall_config(hall::reliability::all_day_toml("catalog"), "t.toml",
                                          hall::reliability::source_dir() / "tests/fixtures", &catalog);
    REQUIRE(config);
    auto db = hall::server::Database::open(tmp.path() / "hall.db");
    REQUIRE(db);
    std::int64_t now = local_ms(0, 10, 0);
    hall::server::HallEngine engine(*db, *config, catalog, [&] { return now; });
    REQUIRE(engine.prepare());
    auto issue_number = [&] {
        hall::server::Transaction tx(*db);
        hall::proto::Request r;
        r.type = MessageType::issue_ticket;
        r.client = "t";
        r.req = 1;
        r.body = {{"service", kSatu}};
        std::vector<json> events;
        auto result = engine.handle(r, hall::server::Caller("kiosk-1", hall::proto::Role::kiosk), events);
        REQUIRE(result);
        REQUIRE(tx.commit());
        return number_and_date((*result)["ticket"]);
    };
    CHECK(issue_number() == "A-001 2026-11-23");
    now = local_ms(1, 10, 0);  // the engine's default rule follows a leap at once
    CHECK(engine.today() == "2026-11-24");
    CHECK(issue_number() == "A-001 2026-11-24");
    now = local_ms(0, 11, 0);  // but never goes back
    CHECK(engine.today() == "2026-11-24");
    CHECK(issue_number() == "A-002 2026-11-24");
}
