// Tests of HallEngine, the hall's domain operations over the store. Each test builds a hall from a
// TOML config on the fixture catalog (tests/fixtures/catalog), a database in a temporary folder
// and a test clock it moves by hand, and drives the engine with decoded requests inside a
// transaction and a savepoint, as Server::handle_batch does. What is locked here: numbering,
// call-next order and priority, specific calls, the ticket's life through the engine, errors,
// quotas and hours, transfers, hold/release/cancel, officers' PINs, counters, events, snapshots
// and the estimated wait.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "common/hall_config.hpp"
#include "queue_server/hall_engine.hpp"
#include "queue_server/store.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using hall::proto::MessageType;
using hall::proto::Role;
using hall::server::Caller;
using hall::server::Database;
using hall::server::HallEngine;
using hall::server::Statement;
using hall::server::TicketAction;
using hall::server::TicketState;
using hall::server::Transaction;
using json = nlohmann::json;

namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
// Monday 2026-03-02 00:00 +07:00 (worked out with Python's datetime).
constexpr std::int64_t kMondayMidnight = 1772384400000;

// Local wall-clock time in the test week: day 0 is Monday 2026-03-02.
constexpr std::int64_t at(int day, int hour, int minute) {
    return kMondayMidnight + day * kDay + hour * kHour + minute * kMinute;
}
constexpr int kTuesday = 1;
constexpr int kFriday = 4;
constexpr int kSaturday = 5;
constexpr int kNyepi = 17;  // Thursday 2026-03-19, a holiday in the config

const std::string kSatu = "contoh-dinas.layanan-satu";  // prefix A, served by loket-1 and loket-3
const std::string kDua = "contoh-dinas.layanan-dua";    // prefix B, quota 3, loket-1 and loket-2
const std::string kTiga = "contoh-dinas.layanan-tiga";  // prefix C, loket-2

const Caller kKiosk{"kiosk-1", Role::kiosk};
const Caller kCounterClient{"counter-1", Role::counter};
const Caller kAdmin{"admin-1", Role::admin};

const std::string kWeekdayHours = R"(monday = "08:00-15:00"
tuesday = "08:00-15:00"
wednesday = "08:00-15:00"
thursday = "08:00-15:00"
friday = "08:00-15:00"

[[hours.break]]
name = "Istirahat"
days = "weekdays"
time = "12:00-13:00"
)";

const std::string kAlwaysOpen = R"(monday = "00:00-24:00"
tuesday = "00:00-24:00"
wednesday = "00:00-24:00"
thursday = "00:00-24:00"
friday = "00:00-24:00"
saturday = "00:00-24:00"
sunday = "00:00-24:00"
)";

struct HallSetup {
    std::string hours = kWeekdayHours;
    std::string priority = "mode = \"interleave\"\nregular_per_priority = 1\n";
    bool tiga_has_own_prefix = true;
};

std::string hall_toml(const HallSetup& setup) {
    std::string text = R"([hall]
name = "Mal Pelayanan Uji"
utc_offset = "+07:00"
catalog = "catalog"

[hours]
)" + setup.hours + R"(
[[holiday]]
date = 2026-03-19
name = "Hari Suci Nyepi"

[priority]
)" + setup.priority + R"(
[[agency]]
id = "contoh-dinas"
prefix = "A"

[[agency.service]]
id = "contoh-dinas.layanan-dua"
prefix = "B"
daily_quota = 3
)";
    if (setup.tiga_has_own_prefix) text += "\n[[agency.service]]\nid = \"contoh-dinas.layanan-tiga\"\nprefix = \"C\"\n";
    text += R"(
[[counter]]
id = "loket-1"
name = "Loket 1"
services = ["contoh-dinas.layanan-satu", "contoh-dinas.layanan-dua"]

[[counter]]
id = "loket-2"
name = "Loket 2"
services = ["contoh-dinas.layanan-dua", "contoh-dinas.layanan-tiga"]

[[counter]]
id = "loket-3"
name = "Loket 3"
services = ["contoh-dinas.layanan-satu"]
)";
    return text;
}

fs::path source_dir() {
    if (const char* env = std::getenv("HALL_SOURCE_DIR"); env && *env) return env;
    return HALL_SOURCE_DIR;
}

// A folder removed with everything in it (the database and its WAL files) at the end.
class TempDir {
public:
    TempDir() {
        static int serial = 0;
        std::random_device rd;
        m_path = fs::temp_directory_path() / ("hall-engine-test-" + std::to_string(::getpid()) + "-" +
                                              std::to_string(++serial) + "-" + std::to_string(rd()));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

// A hall: config, catalog, database, engine and a clock the test sets through `now`.
class TestHall {
public:
    explicit TestHall(const HallSetup& setup = {}, std::int64_t start = at(0, 9, 0)) : now(start) {
        auto parsed = hall::parse_hall_config(hall_toml(setup), "test-hall.toml", source_dir() / "tests" / "fixtures",
                                              &m_catalog);
        INFO((parsed.ok() ? std::string() : parsed.error().message));
        REQUIRE(parsed.ok());
        m_config = std::move(parsed.value());
        auto opened = Database::open(m_tmp.path() / "hall.db");
        INFO((opened.ok() ? std::string() : opened.error().message));
        REQUIRE(opened.ok());
        m_db.emplace(std::move(opened.value()));
        m_engine = std::make_unique<HallEngine>(*m_db, m_config, m_catalog, [this] { return now; });
        auto prepared = m_engine->prepare();
        REQUIRE(prepared.ok());
    }
    TestHall(const TestHall&) = delete;
    TestHall& operator=(const TestHall&) = delete;

    std::int64_t now;
    std::vector<json> events;  // every event of every successful request, in order

    HallEngine& engine() { return *m_engine; }
    Database& db() { return *m_db; }

    // One request, applied as the server applies it: in a transaction, within a savepoint that
    // is rolled back when the engine refuses. A wrong PIN is an OK result the server keeps.
    hall::Result<json> send(MessageType type, json body) {
        hall::proto::Request r;
        r.type = type;
        r.client = "test-client";
        r.req = ++m_req;
        r.body = std::move(body);
        Transaction tx(*m_db);
        REQUIRE(tx.began());
        std::vector<json> request_events;
        hall::Result<json> result = hall::make_error("internal_error", "not handled");
        {
            hall::server::Savepoint sp(*m_db, "request");
            result = m_engine->handle(r, caller_for(type), request_events);
            if (result) {
                REQUIRE(sp.release().ok());
            } else {
                sp.rollback();
                request_events.clear();
            }
        }
        REQUIRE(tx.commit().ok());
        for (auto& e : request_events) events.push_back(std::move(e));
        return result;
    }

    // A request that must succeed; its reply body.
    json ok(MessageType type, json body) {
        auto result = send(type, std::move(body));
        INFO((result.ok() ? std::string() : result.error().code + ": " + result.error().message));
        REQUIRE(result.ok());
        return *result;
    }

    // A request that must fail; its error code.
    std::string refused(MessageType type, json body) {
        auto result = send(type, std::move(body));
        INFO((result.ok() ? "accepted: " + result->dump() : std::string()));
        REQUIRE_FALSE(result.ok());
        return result.error().code;
    }

    json issue(const std::string& service, const std::string& priority = "regular") {
        return ok(MessageType::issue_ticket, {{"service", service}, {"priority", priority}})["ticket"];
    }
    std::string issue_number(const std::string& service, const std::string& priority = "regular") {
        return issue(service, priority)["number"].get<std::string>();
    }

    void add_officer(const std::string& id, const std::string& pin = "1234") {
        ok(MessageType::officer_add, {{"officer", id}, {"name", "Petugas " + id}, {"pin", pin}});
    }
    json login(const std::string& officer, const std::string& counter, const std::string& pin = "1234") {
        return send_login(officer, counter, pin);
    }
    json send_login(const std::string& officer, const std::string& counter, const std::string& pin) {
        return ok(MessageType::login, {{"officer", officer}, {"pin", pin}, {"counter", counter}});
    }
    // Adds an officer and logs them in at the counter.
    void open_counter(const std::string& counter, const std::string& officer) {
        add_officer(officer);
        json reply = login(officer, counter);
        REQUIRE(reply["counter"]["state"] == "open");
    }

    json call_next(const std::string& counter) {
        return ok(MessageType::call_next, {{"counter", counter}})["ticket"];
    }
    std::string call_next_number(const std::string& counter) {
        return call_next(counter)["number"].get<std::string>();
    }
    json at_counter(MessageType type, const std::string& counter, json body = json::object()) {
        body["counter"] = counter;
        return ok(type, std::move(body))["ticket"];
    }

    // ticket_info by id or today's number.
    json info(const json& ref) { return ok(MessageType::ticket_info, {{"ticket", ref}}); }
    json ticket(const json& ref) { return info(ref)["ticket"]; }
    std::string state_of(const json& ref) { return ticket(ref)["state"].get<std::string>(); }

    json counter_row(const std::string& counter) {
        json snap = snapshot();
        for (const json& c : snap["counters"])
            if (c["id"] == counter) return c;
        FAIL("no counter " << counter << " in the snapshot");
        return nullptr;
    }
    json service_row(const std::string& service) {
        json snap = snapshot();
        for (const json& s : snap["services"])
            if (s["id"] == service) return s;
        FAIL("no service " << service << " in the snapshot");
        return nullptr;
    }

    json snapshot() { return m_engine->snapshot(); }

    std::int64_t count(const std::string& sql) {
        Statement q(*m_db, sql);
        REQUIRE(q.step());
        return q.column_int(0);
    }

private:
    static const Caller& caller_for(MessageType type) {
        if (type == MessageType::issue_ticket) return kKiosk;
        if (type == MessageType::officer_add || type == MessageType::officer_list) return kAdmin;
        return kCounterClient;
    }

    TempDir m_tmp;
    hall::Catalog m_catalog;
    hall::HallConfig m_config;
    std::optional<Database> m_db;
    std::unique_ptr<HallEngine> m_engine;
    std::int64_t m_req = 0;
};

std::vector<std::string> numbers_of(const json& tickets) {
    std::vector<std::string> out;
    for (const json& t : tickets) out.push_back(t["number"].get<std::string>());
    return out;
}

using Numbers = std::vector<std::string>;

}  // namespace

// ---- numbering ----

TEST_CASE("engine: numbers run per prefix per day and restart on the next local date", "[engine][number]") {
    TestHall h;
    json first = h.issue(kSatu);
    CHECK(first["number"] == "A-001");
    CHECK(first["prefix"] == "A");
    CHECK(first["seq"] == 1);
    CHECK(first["date"] == "2026-03-02");
    CHECK(first["state"] == "waiting");
    CHECK(first["priority"] == "regular");
    CHECK(first["service"] == kSatu);
    CHECK(first["original_service"] == kSatu);
    CHECK(first["issued_at"] == h.now);
    CHECK(first["queued_at"] == h.now);
    CHECK(first["counter"].is_null());
    CHECK(first["recalls"] == 0);
    CHECK(first["transfers"] == 0);
    CHECK(first["token"].get<std::string>().size() == 32);

    CHECK(h.issue_number(kSatu) == "A-002");
    CHECK(h.issue_number(kDua) == "B-001");
    CHECK(h.issue_number(kTiga) == "C-001");
    CHECK(h.issue_number(kSatu, "elderly") == "A-003");  // priority tickets share the sequence
    CHECK(h.issue_number(kDua) == "B-002");

    h.now = at(kTuesday, 9, 0);
    json tuesday = h.issue(kSatu);
    CHECK(tuesday["number"] == "A-001");
    CHECK(tuesday["date"] == "2026-03-03");
    CHECK(h.issue_number(kDua) == "B-001");
    CHECK(h.issue_number(kTiga) == "C-001");
    // A number names today's ticket.
    CHECK(h.ticket("A-001")["id"] == tuesday["id"]);
    CHECK(h.count("SELECT COUNT(*) FROM tickets WHERE number = 'A-001'") == 2);
}

TEST_CASE("engine: services sharing a prefix share the daily sequence", "[engine][number]") {
    HallSetup setup;
    setup.tiga_has_own_prefix = false;  // layanan-tiga takes the agency's prefix A
    TestHall h(setup);
    CHECK(h.issue_number(kSatu) == "A-001");
    CHECK(h.issue_number(kTiga) == "A-002");
    CHECK(h.issue_number(kDua) == "B-001");
    CHECK(h.issue_number(kSatu) == "A-003");
}

TEST_CASE("engine: a ticket at 23:59 and one at 00:01 local are on different days", "[engine][number]") {
    HallSetup setup;
    setup.hours = kAlwaysOpen;
    TestHall h(setup, at(0, 23, 59));
    json late = h.issue(kSatu);
    CHECK(late["number"] == "A-001");
    CHECK(late["date"] == "2026-03-02");
    CHECK(h.issue_number(kSatu) == "A-002");
    // 00:01 +07:00 is still Monday 17:01 in UTC: the hall's local date decides.
    h.now = at(kTuesday, 0, 1);
    json early = h.issue(kSatu);
    CHECK(early["number"] == "A-001");
    CHECK(early["date"] == "2026-03-03");
    CHECK(h.issue_number(kSatu) == "A-002");
    CHECK(h.snapshot()["tickets"].size() == 2);
}

// ---- call-next ----

TEST_CASE("engine: call-next serves a multi-service counter strictly by arrival", "[engine][call]") {
    TestHall h;
    h.issue(kSatu);  // A-001 09:00
    h.now += kMinute;
    h.issue(kDua);  // B-001 09:01
    h.now += kMinute;
    h.issue(kTiga);  // C-001 09:02, not served by loket-1
    h.now += kMinute;
    h.issue(kDua);  // B-002 09:03
    h.now += kMinute;
    h.issue(kSatu);  // A-002 09:04
    h.open_counter("loket-1", "budi");

    Numbers order;
    for (int i = 0; i < 4; ++i) {
        h.now += kMinute;
        json t = h.call_next("loket-1");
        CHECK(t["state"] == "called");
        CHECK(t["counter"] == "loket-1");
        CHECK(t["officer"] == "budi");
        CHECK(t["called_at"] == h.now);
        order.push_back(t["number"].get<std::string>());
        h.at_counter(MessageType::no_show, "loket-1");
    }
    CHECK(order == Numbers{"A-001", "B-001", "B-002", "A-002"});
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-1"}}) == "queue_empty");
    CHECK(h.state_of("C-001") == "waiting");
}

TEST_CASE("engine: tickets issued in the same millisecond are called in issue order", "[engine][call]") {
    TestHall h;
    h.issue(kDua);
    h.issue(kSatu);
    h.issue(kDua);
    h.open_counter("loket-1", "budi");
    Numbers order;
    for (int i = 0; i < 3; ++i) {
        order.push_back(h.call_next_number("loket-1"));
        h.at_counter(MessageType::no_show, "loket-1");
    }
    CHECK(order == Numbers{"B-001", "A-001", "B-002"});
}

TEST_CASE("engine: call-next only takes today's tickets", "[engine][call]") {
    TestHall h;
    h.issue(kSatu);
    h.now = at(kTuesday, 9, 0);
    h.issue(kSatu);
    h.open_counter("loket-3", "sari");
    json t = h.call_next("loket-3");
    CHECK(t["date"] == "2026-03-03");
    h.at_counter(MessageType::no_show, "loket-3");
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-3"}}) == "queue_empty");
}

namespace {

// Seven tickets of layanan-satu a minute apart: priority A-001 and A-002, regular A-003 to A-005,
// priority A-006 and A-007. Returns the order in which loket-3 calls them all.
Numbers priority_call_order(const HallSetup& setup) {
    TestHall h(setup);
    for (const char* p : {"elderly", "disability", "regular", "regular", "regular", "pregnant", "child"}) {
        h.issue(kSatu, p);
        h.now += kMinute;
    }
    h.open_counter("loket-3", "sari");
    Numbers order;
    for (int i = 0; i < 7; ++i) {
        order.push_back(h.call_next_number("loket-3"));
        h.at_counter(MessageType::start_serving, "loket-3");
        h.at_counter(MessageType::finish, "loket-3");
    }
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-3"}}) == "queue_empty");
    return order;
}

}  // namespace

TEST_CASE("engine: priority interleaving, ratio 1", "[engine][call][priority]") {
    HallSetup setup;
    setup.priority = "mode = \"interleave\"\nregular_per_priority = 1\n";
    CHECK(priority_call_order(setup) == Numbers{"A-003", "A-001", "A-004", "A-002", "A-005", "A-006", "A-007"});
}

TEST_CASE("engine: priority interleaving, ratio 2", "[engine][call][priority]") {
    HallSetup setup;
    setup.priority = "mode = \"interleave\"\nregular_per_priority = 2\n";
    CHECK(priority_call_order(setup) == Numbers{"A-003", "A-004", "A-001", "A-005", "A-002", "A-006", "A-007"});
}

TEST_CASE("engine: priority strict mode serves every priority ticket first", "[engine][call][priority]") {
    HallSetup setup;
    setup.priority = "mode = \"strict\"\n";
    CHECK(priority_call_order(setup) == Numbers{"A-001", "A-002", "A-006", "A-007", "A-003", "A-004", "A-005"});
}

TEST_CASE("engine: the interleave streak is kept per counter and reset by a specific priority call",
          "[engine][call][priority]") {
    TestHall h;  // ratio 1
    h.issue(kSatu, "elderly");  // A-001
    h.now += kMinute;
    h.issue(kSatu);  // A-002
    h.now += kMinute;
    h.issue(kSatu);  // A-003
    h.now += kMinute;
    h.issue(kSatu, "child");  // A-004
    h.now += kMinute;
    h.issue(kSatu);  // A-005
    h.now += kMinute;
    h.issue(kSatu, "pregnant");  // A-006
    h.open_counter("loket-1", "budi");
    h.open_counter("loket-3", "sari");
    // loket-1 calls a regular ticket: its own streak is 1, loket-3's is still 0.
    CHECK(h.call_next_number("loket-1") == "A-002");
    CHECK(h.call_next_number("loket-3") == "A-003");
    h.at_counter(MessageType::no_show, "loket-1");
    h.at_counter(MessageType::no_show, "loket-3");
    // loket-1 now owes a priority ticket; loket-3 calls the priority A-004 by number.
    h.ok(MessageType::call_ticket, {{"counter", "loket-3"}, {"ticket", "A-004"}});
    h.at_counter(MessageType::no_show, "loket-3");
    CHECK(h.call_next_number("loket-1") == "A-001");
    h.at_counter(MessageType::no_show, "loket-1");
    // loket-3's streak was reset by its priority call: a regular ticket is next although the
    // priority A-006 waits (with a streak of 2 it would have been A-006).
    CHECK(h.call_next_number("loket-3") == "A-005");
    h.at_counter(MessageType::no_show, "loket-3");
    CHECK(h.call_next_number("loket-3") == "A-006");
}

// ---- calling a specific ticket ----

TEST_CASE("engine: call a specific ticket", "[engine][call]") {
    TestHall h;
    json a1 = h.issue(kSatu);
    h.issue(kSatu);  // A-002
    h.issue(kSatu);  // A-003
    json b1 = h.issue(kDua);
    h.issue(kTiga);  // C-001
    h.open_counter("loket-1", "budi");

    SECTION("by number, out of turn") {
        json reply = h.ok(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", "A-003"}});
        CHECK(reply["ticket"]["number"] == "A-003");
        CHECK(reply["ticket"]["state"] == "called");
        CHECK(reply["ticket"]["counter"] == "loket-1");
        CHECK(reply["counter"]["ticket"] == reply["ticket"]["id"]);
        CHECK(h.events.back()["action"] == "call");
        // The rest of the queue keeps its order.
        h.at_counter(MessageType::no_show, "loket-1");
        CHECK(h.call_next_number("loket-1") == "A-001");
    }
    SECTION("by id") {
        json t = h.ok(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", b1["id"]}})["ticket"];
        CHECK(t["number"] == "B-001");
        CHECK(t["state"] == "called");
    }
    SECTION("an on_hold ticket") {
        h.ok(MessageType::hold, {{"ticket", "A-002"}});
        CHECK(h.state_of("A-002") == "on_hold");
        json t = h.ok(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", "A-002"}})["ticket"];
        CHECK(t["state"] == "called");
        CHECK(t["counter"] == "loket-1");
    }
    SECTION("refusals") {
        json before = h.snapshot();
        CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", "C-001"}}) ==
              "service_not_served");
        CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", "Z-999"}}) == "unknown_ticket");
        CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", 999999}}) == "unknown_ticket");
        CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", true}}) == "bad_request");
        CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-1"}}) == "bad_request");
        CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-9"}, {"ticket", "A-001"}}) == "unknown_counter");
        CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-2"}, {"ticket", "B-001"}}) == "counter_closed");
        CHECK(h.snapshot() == before);

        h.ok(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", "A-001"}});
        CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", "A-002"}}) == "counter_busy");
        // A ticket called at one counter cannot be called at another.
        h.open_counter("loket-3", "sari");
        CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-3"}, {"ticket", a1["id"]}}) ==
              "illegal_transition");
        h.at_counter(MessageType::start_serving, "loket-1");
        h.at_counter(MessageType::finish, "loket-1");
        CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-3"}, {"ticket", "A-001"}}) ==
              "illegal_transition");
        CHECK(h.state_of("A-001") == "done");
    }
}

TEST_CASE("engine: recall repeats the call and counts", "[engine][call]") {
    TestHall h;
    h.issue(kSatu);
    h.open_counter("loket-1", "budi");
    CHECK(h.refused(MessageType::recall, {{"counter", "loket-1"}}) == "illegal_transition");  // nothing called
    json called = h.call_next("loket-1");
    CHECK(called["recalls"] == 0);
    h.now += 30 * kSecond;
    json once = h.at_counter(MessageType::recall, "loket-1");
    CHECK(once["recalls"] == 1);
    CHECK(once["state"] == "called");
    CHECK(once["called_at"] == called["called_at"]);
    CHECK(h.events.back()["action"] == "recall");
    CHECK(h.events.back()["ticket"]["recalls"] == 1);
    json twice = h.at_counter(MessageType::recall, "loket-1", {{"ticket", "A-001"}});
    CHECK(twice["recalls"] == 2);
    h.at_counter(MessageType::start_serving, "loket-1");
    CHECK(h.refused(MessageType::recall, {{"counter", "loket-1"}}) == "illegal_transition");
    CHECK(h.ticket("A-001")["recalls"] == 2);
}

// ---- the ticket's life through the engine ----

namespace {

constexpr TicketState kAllStates[] = {TicketState::waiting, TicketState::called,      TicketState::serving,
                                      TicketState::done,    TicketState::no_show,     TicketState::transferred,
                                      TicketState::on_hold, TicketState::cancelled};
constexpr TicketAction kAllActions[] = {TicketAction::call,     TicketAction::recall,  TicketAction::start_serving,
                                        TicketAction::finish,   TicketAction::no_show, TicketAction::transfer,
                                        TicketAction::hold,     TicketAction::release, TicketAction::cancel};

std::string state_name(TicketState s) { return std::string(hall::proto::ticket_state_name(s)); }

// The DESIGN.md table, as ticket_rules locks it; nullopt is a refusal.
std::optional<TicketState> expected_next(TicketState from, TicketAction action) {
    using S = TicketState;
    switch (action) {
    case TicketAction::call:
        if (from == S::waiting || from == S::transferred || from == S::on_hold) return S::called;
        return std::nullopt;
    case TicketAction::recall: return from == S::called ? std::optional(S::called) : std::nullopt;
    case TicketAction::start_serving: return from == S::called ? std::optional(S::serving) : std::nullopt;
    case TicketAction::finish: return from == S::serving ? std::optional(S::done) : std::nullopt;
    case TicketAction::no_show: return from == S::called ? std::optional(S::no_show) : std::nullopt;
    case TicketAction::transfer:
        if (from == S::called || from == S::serving) return S::transferred;
        return std::nullopt;
    case TicketAction::hold:
        if (from == S::waiting || from == S::called || from == S::serving || from == S::transferred) return S::on_hold;
        return std::nullopt;
    case TicketAction::release: return from == S::on_hold ? std::optional(S::waiting) : std::nullopt;
    case TicketAction::cancel:
        if (from == S::waiting || from == S::transferred || from == S::on_hold) return S::cancelled;
        return std::nullopt;
    }
    return std::nullopt;
}

// Issues A-001 (layanan-satu) and brings it to `state` with loket-1 (officer budi). Returns its id.
std::int64_t ticket_in_state(TestHall& h, TicketState state) {
    std::int64_t id = h.issue(kSatu)["id"].get<std::int64_t>();
    h.open_counter("loket-1", "budi");
    switch (state) {
    case TicketState::waiting: break;
    case TicketState::called: h.call_next("loket-1"); break;
    case TicketState::serving:
        h.call_next("loket-1");
        h.at_counter(MessageType::start_serving, "loket-1");
        break;
    case TicketState::done:
        h.call_next("loket-1");
        h.at_counter(MessageType::start_serving, "loket-1");
        h.at_counter(MessageType::finish, "loket-1");
        break;
    case TicketState::no_show:
        h.call_next("loket-1");
        h.at_counter(MessageType::no_show, "loket-1");
        break;
    case TicketState::transferred:
        h.call_next("loket-1");
        h.at_counter(MessageType::transfer, "loket-1", {{"service", kDua}});  // loket-1 serves dua too
        break;
    case TicketState::on_hold: h.ok(MessageType::hold, {{"ticket", id}}); break;
    case TicketState::cancelled: h.ok(MessageType::cancel, {{"ticket", id}}); break;
    }
    REQUIRE(h.state_of(id) == state_name(state));
    return id;
}

// Applies `action` to ticket `id` through the engine, as an officer at loket-1 would.
hall::Result<json> apply(TestHall& h, TicketAction action, std::int64_t id) {
    json ticket = id;
    switch (action) {
    case TicketAction::call: return h.send(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", ticket}});
    case TicketAction::recall: return h.send(MessageType::recall, {{"counter", "loket-1"}, {"ticket", ticket}});
    case TicketAction::start_serving:
        return h.send(MessageType::start_serving, {{"counter", "loket-1"}, {"ticket", ticket}});
    case TicketAction::finish: return h.send(MessageType::finish, {{"counter", "loket-1"}, {"ticket", ticket}});
    case TicketAction::no_show: return h.send(MessageType::no_show, {{"counter", "loket-1"}, {"ticket", ticket}});
    case TicketAction::transfer:
        return h.send(MessageType::transfer, {{"counter", "loket-1"}, {"ticket", ticket}, {"service", kTiga}});
    case TicketAction::hold: return h.send(MessageType::hold, {{"ticket", ticket}});
    case TicketAction::release: return h.send(MessageType::release, {{"ticket", ticket}});
    case TicketAction::cancel: return h.send(MessageType::cancel, {{"ticket", ticket}});
    }
    return hall::make_error("internal_error", "unknown action");
}

const char* action_name(TicketAction a) {
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

}  // namespace

TEST_CASE("engine: the expected table agrees with next_state", "[engine][state]") {
    for (TicketState s : kAllStates)
        for (TicketAction a : kAllActions) {
            INFO(state_name(s) << " " << action_name(a));
            CHECK(expected_next(s, a) == hall::server::next_state(s, a));
        }
}

TEST_CASE("engine: every illegal transition is refused and changes nothing", "[engine][state]") {
    int refusals = 0;
    for (TicketState s : kAllStates) {
        TestHall h;
        std::int64_t id = ticket_in_state(h, s);
        for (TicketAction a : kAllActions) {
            if (expected_next(s, a)) continue;
            INFO(state_name(s) << " --" << action_name(a) << "-->");
            json before = h.snapshot();
            std::size_t events_before = h.events.size();
            std::int64_t seq_before = h.engine().last_seq();
            h.now += kMinute;  // a change would stamp a new time
            auto result = apply(h, a, id);
            REQUIRE_FALSE(result.ok());
            CHECK(result.error().code == "illegal_transition");
            CHECK(h.events.size() == events_before);
            CHECK(h.engine().last_seq() == seq_before);
            h.now -= kMinute;
            CHECK(h.snapshot() == before);
            CHECK(h.state_of(id) == state_name(s));
            ++refusals;
        }
    }
    CHECK(refusals == 8 * 9 - 17);
}

TEST_CASE("engine: every legal transition gives the table's state", "[engine][state]") {
    int moves = 0;
    for (TicketState s : kAllStates) {
        for (TicketAction a : kAllActions) {
            auto want = expected_next(s, a);
            if (!want) continue;
            INFO(state_name(s) << " --" << action_name(a) << "--> " << state_name(*want));
            TestHall h;
            std::int64_t id = ticket_in_state(h, s);
            std::size_t events_before = h.events.size();
            auto result = apply(h, a, id);
            INFO((result.ok() ? std::string() : result.error().code + ": " + result.error().message));
            REQUIRE(result.ok());
            CHECK((*result)["ticket"]["state"] == state_name(*want));
            CHECK(h.state_of(id) == state_name(*want));
            REQUIRE(h.events.size() == events_before + 1);
            CHECK(h.events.back()["action"] == action_name(a));
            CHECK(h.events.back()["ticket"]["id"] == id);
            ++moves;
        }
    }
    CHECK(moves == 17);
}

// ---- errors ----

TEST_CASE("engine: counter and service errors", "[engine][errors]") {
    TestHall h;
    h.issue(kSatu);  // A-001
    h.issue(kSatu);  // A-002
    h.issue(kTiga);  // C-001

    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-1"}}) == "counter_closed");
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-9"}}) == "unknown_counter");
    CHECK(h.refused(MessageType::call_next, json::object()) == "bad_request");
    CHECK(h.refused(MessageType::issue_ticket, {{"service", "contoh-dinas.tidak-ada"}}) == "unknown_service");
    CHECK(h.refused(MessageType::issue_ticket, {{"service", "dinas-lain.layanan"}}) == "unknown_service");
    CHECK(h.refused(MessageType::issue_ticket, json::object()) == "bad_request");
    CHECK(h.refused(MessageType::issue_ticket, {{"service", kSatu}, {"priority", "vip"}}) == "bad_request");
    CHECK(h.refused(MessageType::ticket_info, {{"ticket", "A-404"}}) == "unknown_ticket");
    CHECK(h.refused(MessageType::hold, {{"ticket", 424242}}) == "unknown_ticket");
    CHECK(h.refused(MessageType::cancel, {{"ticket", "Q-001"}}) == "unknown_ticket");

    h.open_counter("loket-1", "budi");
    h.open_counter("loket-3", "sari");
    CHECK(h.call_next_number("loket-1") == "A-001");
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-1"}}) == "counter_busy");
    CHECK(h.refused(MessageType::pause, {{"counter", "loket-1"}}) == "counter_busy");
    CHECK(h.refused(MessageType::logout, {{"counter", "loket-1"}}) == "counter_busy");
    CHECK(h.call_next_number("loket-3") == "A-002");
    // A counter acts only on its own current ticket.
    CHECK(h.refused(MessageType::finish, {{"counter", "loket-1"}, {"ticket", "A-002"}}) == "not_your_ticket");
    CHECK(h.refused(MessageType::recall, {{"counter", "loket-9"}}) == "unknown_counter");
    // loket-3 serves only layanan-satu: nothing left for it, although C-001 waits.
    h.at_counter(MessageType::no_show, "loket-3");
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-3"}}) == "queue_empty");
    CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-3"}, {"ticket", "C-001"}}) == "service_not_served");

    h.ok(MessageType::pause, {{"counter", "loket-3"}, {"reason", "istirahat"}});
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-3"}}) == "counter_paused");
    CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-3"}, {"ticket", "A-001"}}) == "counter_paused");
    h.ok(MessageType::logout, {{"counter", "loket-3"}});
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-3"}}) == "counter_closed");

    // Transfer targets must be offered services other than the ticket's own.
    CHECK(h.refused(MessageType::transfer, {{"counter", "loket-1"}, {"service", "contoh-dinas.tidak-ada"}}) ==
          "unknown_service");
    CHECK(h.refused(MessageType::transfer, {{"counter", "loket-1"}, {"service", kSatu}}) == "bad_request");
    CHECK(h.refused(MessageType::transfer, {{"counter", "loket-1"}}) == "bad_request");
    CHECK(h.state_of("A-001") == "called");
}

TEST_CASE("engine: refused requests leave the hall as it was", "[engine][errors]") {
    TestHall h;
    h.issue(kSatu);
    h.open_counter("loket-1", "budi");
    h.call_next("loket-1");
    json before = h.snapshot();
    std::size_t events_before = h.events.size();
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-1"}}) == "counter_busy");
    CHECK(h.refused(MessageType::transfer, {{"counter", "loket-1"}, {"service", "x.y"}}) == "unknown_service");
    CHECK(h.refused(MessageType::issue_ticket, {{"service", "x.y"}}) == "unknown_service");
    CHECK(h.refused(MessageType::cancel, {{"ticket", "A-001"}}) == "illegal_transition");
    CHECK(h.snapshot() == before);
    CHECK(h.events.size() == events_before);
}

// ---- quotas and hours ----

TEST_CASE("engine: quota_reached at the daily quota", "[engine][quota]") {
    TestHall h;
    CHECK(h.issue_number(kDua) == "B-001");
    CHECK(h.issue_number(kDua) == "B-002");
    json third = h.ok(MessageType::issue_ticket, {{"service", kDua}});
    CHECK(third["ticket"]["number"] == "B-003");
    CHECK(third["service"]["status"] == "quota_reached");
    CHECK(third["service"]["issued_today"] == 3);
    CHECK(third["service"]["quota"] == 3);
    CHECK(h.service_row(kDua)["status"] == "quota_reached");
    CHECK(h.service_row(kSatu)["status"] == "open");

    auto refused = h.send(MessageType::issue_ticket, {{"service", kDua}});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "quota_reached");
    CHECK_THAT(refused.error().message, Contains("3"));
    CHECK(h.count("SELECT COUNT(*) FROM tickets WHERE service = 'contoh-dinas.layanan-dua'") == 3);
    // Other services are not limited by it.
    CHECK(h.issue_number(kSatu) == "A-001");
    // A cancelled ticket was still issued.
    h.ok(MessageType::cancel, {{"ticket", "B-001"}});
    CHECK(h.refused(MessageType::issue_ticket, {{"service", kDua}}) == "quota_reached");
    // A transfer into the service is not an issue.
    h.open_counter("loket-3", "sari");
    h.call_next("loket-3");
    json moved = h.at_counter(MessageType::transfer, "loket-3", {{"service", kDua}});
    CHECK(moved["state"] == "transferred");
    CHECK(h.refused(MessageType::issue_ticket, {{"service", kDua}}) == "quota_reached");
    // The quota is per day; no number was used up by the refusals.
    h.now = at(kTuesday, 9, 0);
    CHECK(h.service_row(kDua)["status"] == "open");
    CHECK(h.issue_number(kDua) == "B-001");
}

TEST_CASE("engine: tickets only within opening hours", "[engine][hours]") {
    TestHall h(HallSetup{}, at(0, 7, 59));
    auto early = h.send(MessageType::issue_ticket, {{"service", kSatu}});
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().code == "hall_closed");
    CHECK_THAT(early.error().message, Contains("08:00-15:00"));
    CHECK(h.service_row(kSatu)["status"] == "closed");
    CHECK(h.events.empty());

    h.now = at(0, 8, 0);
    CHECK(h.issue_number(kSatu) == "A-001");  // no number was used by the refusal
    CHECK(h.service_row(kSatu)["status"] == "open");

    h.now = at(0, 12, 0);
    auto lunch = h.send(MessageType::issue_ticket, {{"service", kSatu}});
    REQUIRE_FALSE(lunch.ok());
    CHECK(lunch.error().code == "on_break");
    CHECK_THAT(lunch.error().message, Contains("Istirahat"));
    CHECK(h.service_row(kSatu)["status"] == "break");
    h.now = at(0, 12, 59);
    CHECK(h.refused(MessageType::issue_ticket, {{"service", kDua}}) == "on_break");
    h.now = at(0, 13, 0);
    CHECK(h.issue_number(kSatu) == "A-002");
    h.now = at(0, 14, 59);
    CHECK(h.issue_number(kSatu) == "A-003");
    h.now = at(0, 15, 0);
    CHECK(h.refused(MessageType::issue_ticket, {{"service", kSatu}}) == "hall_closed");

    h.now = at(kFriday, 12, 30);
    CHECK(h.refused(MessageType::issue_ticket, {{"service", kSatu}}) == "on_break");

    h.now = at(kSaturday, 9, 0);
    auto saturday = h.send(MessageType::issue_ticket, {{"service", kSatu}});
    REQUIRE_FALSE(saturday.ok());
    CHECK(saturday.error().code == "hall_closed");
    CHECK_THAT(saturday.error().message, Contains("closed today"));

    h.now = at(kNyepi, 9, 0);
    auto holiday = h.send(MessageType::issue_ticket, {{"service", kTiga}});
    REQUIRE_FALSE(holiday.ok());
    CHECK(holiday.error().code == "holiday");
    CHECK_THAT(holiday.error().message, Contains("Hari Suci Nyepi"));
    CHECK(h.service_row(kTiga)["status"] == "holiday");
    CHECK(h.service_row(kTiga)["status_detail"] == "Hari Suci Nyepi");

    CHECK(h.count("SELECT COUNT(*) FROM tickets") == 3);
}

// ---- transfer ----

TEST_CASE("engine: transfer keeps the number and the place by original arrival", "[engine][transfer]") {
    TestHall h;
    json c1 = h.issue(kTiga);  // C-001 09:00
    h.now += kMinute;
    json a1 = h.issue(kSatu);  // A-001 09:01
    h.now += kMinute;
    h.issue(kTiga);  // C-002 09:02
    h.open_counter("loket-1", "budi");
    h.open_counter("loket-2", "sari");

    h.now = at(0, 9, 10);
    CHECK(h.call_next_number("loket-1") == "A-001");
    h.at_counter(MessageType::start_serving, "loket-1");
    h.now = at(0, 9, 15);
    json reply = h.ok(MessageType::transfer, {{"counter", "loket-1"}, {"service", kTiga}, {"note", "ke layanan tiga"}});
    json moved = reply["ticket"];
    CHECK(moved["id"] == a1["id"]);
    CHECK(moved["number"] == "A-001");
    CHECK(moved["state"] == "transferred");
    CHECK(moved["service"] == kTiga);
    CHECK(moved["original_service"] == kSatu);
    CHECK(moved["queued_at"] == a1["queued_at"]);
    CHECK(moved["counter"].is_null());
    CHECK(moved["called_at"].is_null());
    CHECK(moved["serving_at"].is_null());
    CHECK(moved["transfers"] == 1);
    CHECK(moved["note"] == "ke layanan tiga");
    CHECK(reply["counter"]["ticket"].is_null());

    const json& event = h.events.back();
    CHECK(event["action"] == "transfer");
    CHECK(event["from_service"] == kSatu);
    REQUIRE(event["services"].size() == 2);
    CHECK(event["services"][0]["id"] == kTiga);
    CHECK(event["services"][0]["waiting"] == 3);
    CHECK(event["services"][1]["id"] == kSatu);
    CHECK(event["services"][1]["waiting"] == 0);

    // It waits in the new queue between the tickets that arrived before and after it.
    CHECK(h.info("C-002")["ahead"] == 2);
    CHECK(h.info("A-001")["ahead"] == 1);
    // loket-1 does not serve layanan-tiga any more than it did before.
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-1"}}) == "queue_empty");
    CHECK(h.refused(MessageType::call_ticket, {{"counter", "loket-1"}, {"ticket", "A-001"}}) == "service_not_served");

    Numbers order;
    for (int i = 0; i < 3; ++i) {
        json t = h.call_next("loket-2");
        order.push_back(t["number"].get<std::string>());
        h.at_counter(MessageType::start_serving, "loket-2");
        h.at_counter(MessageType::finish, "loket-2");
    }
    CHECK(order == Numbers{"C-001", "A-001", "C-002"});
    json done = h.ticket(a1["id"]);
    CHECK(done["state"] == "done");
    CHECK(done["counter"] == "loket-2");
    CHECK(done["service"] == kTiga);
    CHECK(c1["number"] == "C-001");
}

TEST_CASE("engine: a called ticket can be transferred, then called by number there", "[engine][transfer]") {
    TestHall h;
    h.issue(kSatu);
    h.open_counter("loket-1", "budi");
    h.open_counter("loket-2", "sari");
    h.call_next("loket-1");
    json moved = h.at_counter(MessageType::transfer, "loket-1", {{"service", kDua}});
    CHECK(moved["state"] == "transferred");
    CHECK(moved["note"].is_null());
    // Both counters serve layanan-dua now; loket-2 calls it by its unchanged number.
    json called = h.ok(MessageType::call_ticket, {{"counter", "loket-2"}, {"ticket", "A-001"}})["ticket"];
    CHECK(called["state"] == "called");
    CHECK(called["counter"] == "loket-2");
    // A second transfer counts again.
    json again = h.at_counter(MessageType::transfer, "loket-2", {{"service", kTiga}});
    CHECK(again["transfers"] == 2);
    CHECK(again["original_service"] == kSatu);
}

// ---- hold, release, cancel ----

TEST_CASE("engine: hold, release and cancel", "[engine][hold]") {
    TestHall h;
    json a1 = h.issue(kSatu);  // 09:00
    h.now += kMinute;
    h.issue(kSatu);  // A-002 09:01
    h.now += kMinute;
    h.issue(kSatu);  // A-003 09:02
    h.open_counter("loket-3", "sari");

    json held = h.ok(MessageType::hold, {{"ticket", "A-001"}})["ticket"];
    CHECK(held["state"] == "on_hold");
    CHECK(h.events.back()["action"] == "hold");
    CHECK(h.service_row(kSatu)["waiting"] == 2);
    CHECK(h.info("A-002")["ahead"] == 0);
    // A held ticket is passed over.
    CHECK(h.call_next_number("loket-3") == "A-002");
    h.at_counter(MessageType::no_show, "loket-3");
    // Released, it is back at its old place, ahead of A-003.
    json released = h.ok(MessageType::release, {{"ticket", a1["id"]}})["ticket"];
    CHECK(released["state"] == "waiting");
    CHECK(released["queued_at"] == a1["queued_at"]);
    CHECK(h.info("A-003")["ahead"] == 1);
    CHECK(h.call_next_number("loket-3") == "A-001");

    SECTION("holding the ticket at the counter frees the counter") {
        json at_counter_hold = h.ok(MessageType::hold, {{"ticket", "A-001"}});
        CHECK(at_counter_hold["ticket"]["state"] == "on_hold");
        CHECK(at_counter_hold["ticket"]["counter"].is_null());
        CHECK(h.events.back()["counter"]["id"] == "loket-3");
        CHECK(h.events.back()["counter"]["ticket"].is_null());
        CHECK(h.counter_row("loket-3")["ticket"].is_null());
        CHECK(h.call_next_number("loket-3") == "A-003");
        h.at_counter(MessageType::no_show, "loket-3");
        CHECK(h.ok(MessageType::call_ticket, {{"counter", "loket-3"}, {"ticket", "A-001"}})["ticket"]["state"] ==
              "called");
    }
    SECTION("cancel a waiting and a held ticket") {
        h.at_counter(MessageType::no_show, "loket-3");
        h.now += kMinute;
        json cancelled = h.ok(MessageType::cancel, {{"ticket", "A-003"}, {"note", "pulang"}})["ticket"];
        CHECK(cancelled["state"] == "cancelled");
        CHECK(cancelled["finished_at"] == h.now);
        CHECK(cancelled["note"] == "pulang");
        CHECK(h.events.back()["action"] == "cancel");
        CHECK(h.refused(MessageType::cancel, {{"ticket", "A-003"}}) == "illegal_transition");
        CHECK(h.refused(MessageType::release, {{"ticket", "A-003"}}) == "illegal_transition");
        CHECK(h.refused(MessageType::call_next, {{"counter", "loket-3"}}) == "queue_empty");

        json b1 = h.issue(kDua);
        h.ok(MessageType::hold, {{"ticket", b1["id"]}});
        CHECK(h.refused(MessageType::hold, {{"ticket", b1["id"]}}) == "illegal_transition");
        CHECK(h.ok(MessageType::cancel, {{"ticket", "B-001"}})["ticket"]["state"] == "cancelled");
        CHECK(h.refused(MessageType::release, {{"ticket", "B-001"}}) == "illegal_transition");
    }
}

// ---- officers ----

TEST_CASE("engine: login with the right PIN opens the counter", "[engine][login]") {
    TestHall h;
    h.add_officer("budi", "4321");
    CHECK(h.events.back()["action"] == "officer");
    CHECK(h.refused(MessageType::officer_add, {{"officer", "budi"}, {"name", "x"}, {"pin", "1111"}}) ==
          "officer_exists");
    CHECK(h.refused(MessageType::officer_add, {{"officer", "ani"}, {"name", "Ani"}, {"pin", "12a4"}}) == "bad_request");
    CHECK(h.refused(MessageType::officer_add, {{"officer", "ani"}, {"name", "Ani"}, {"pin", "123"}}) == "bad_request");
    CHECK(h.count("SELECT COUNT(*) FROM officers WHERE pin_hash LIKE '$argon2%'") == 1);

    json reply = h.login("budi", "loket-1", "4321");
    CHECK(reply["officer"]["id"] == "budi");
    CHECK(reply["officer"]["name"] == "Petugas budi");
    CHECK(reply["counter"]["state"] == "open");
    CHECK(reply["counter"]["officer"] == "budi");
    CHECK(reply["counter"]["officer_name"] == "Petugas budi");
    CHECK(h.events.back()["action"] == "login");
    CHECK(h.events.back()["counter"]["id"] == "loket-1");
    CHECK(h.events.back()["services"].size() == 2);
    CHECK(h.refused(MessageType::login, {{"officer", "nobody"}, {"pin", "4321"}, {"counter", "loket-1"}}) ==
          "login_failed");
    CHECK(h.refused(MessageType::login, {{"officer", "budi"}, {"pin", "4321"}, {"counter", "loket-9"}}) ==
          "unknown_counter");
    json listed = h.ok(MessageType::officer_list, json::object());
    REQUIRE(listed["officers"].size() == 1);
    CHECK(listed["officers"][0]["counter"] == "loket-1");
}

TEST_CASE("engine: wrong PINs are counted and lock the officer after five", "[engine][login]") {
    TestHall h;
    h.add_officer("budi", "4321");
    std::size_t events_before = h.events.size();
    auto wrong = [&h] {
        return h.ok(MessageType::login, {{"officer", "budi"}, {"pin", "0000"}, {"counter", "loket-1"}});
    };
    auto failed_count = [&h] { return h.count("SELECT failed FROM officers WHERE id = 'budi'"); };

    // The engine answers a wrong PIN with an OK body flagged login_failed (the server turns it
    // into an error reply and keeps the count).
    for (int attempt = 1; attempt <= 4; ++attempt) {
        json r = wrong();
        INFO(attempt);
        CHECK(r["login_failed"] == true);
        CHECK(r["locked"] == false);
        CHECK(r["attempts_left"] == 5 - attempt);
        CHECK(failed_count() == attempt);
    }
    CHECK(h.counter_row("loket-1")["state"] == "closed");
    json fifth = wrong();
    CHECK(fifth["login_failed"] == true);
    CHECK(fifth["locked"] == true);
    CHECK(fifth["attempts_left"] == 0);
    CHECK(h.count("SELECT locked_until FROM officers WHERE id = 'budi'") == h.now + 5 * kMinute);
    CHECK(h.events.size() == events_before);  // failures publish nothing

    // Locked: even the right PIN is refused, until the lock runs out.
    json right = {{"officer", "budi"}, {"pin", "4321"}, {"counter", "loket-1"}};
    auto locked = h.send(MessageType::login, right);
    REQUIRE_FALSE(locked.ok());
    CHECK(locked.error().code == "login_locked");
    CHECK_THAT(locked.error().message, Contains("5 minute"));
    h.now += 5 * kMinute - 1;
    CHECK(h.refused(MessageType::login, right) == "login_locked");
    CHECK(h.refused(MessageType::login, {{"officer", "budi"}, {"pin", "0000"}, {"counter", "loket-1"}}) ==
          "login_locked");
    CHECK(h.counter_row("loket-1")["state"] == "closed");
    h.now += 1;
    json in = h.ok(MessageType::login, right);
    CHECK_FALSE(in.contains("login_failed"));
    CHECK(in["counter"]["state"] == "open");
    CHECK(failed_count() == 0);
}

TEST_CASE("engine: a right PIN resets the failure count", "[engine][login]") {
    TestHall h;
    h.add_officer("budi", "4321");
    json wrong = {{"officer", "budi"}, {"pin", "9999"}, {"counter", "loket-1"}};
    h.ok(MessageType::login, wrong);
    h.ok(MessageType::login, wrong);
    h.ok(MessageType::login, wrong);
    h.login("budi", "loket-1", "4321");
    CHECK(h.count("SELECT failed FROM officers WHERE id = 'budi'") == 0);
    for (int i = 0; i < 4; ++i) CHECK(h.ok(MessageType::login, wrong)["locked"] == false);
    CHECK(h.ok(MessageType::login, wrong)["locked"] == true);
}

TEST_CASE("engine: an officer moving to another counter closes the first", "[engine][login]") {
    TestHall h;
    h.open_counter("loket-1", "budi");
    h.issue(kSatu);
    std::size_t events_before = h.events.size();
    json reply = h.login("budi", "loket-3");
    CHECK(reply["counter"]["id"] == "loket-3");
    CHECK(reply["counter"]["state"] == "open");
    json first = h.counter_row("loket-1");
    CHECK(first["state"] == "closed");
    CHECK(first["officer"].is_null());
    REQUIRE(h.events.size() == events_before + 2);
    CHECK(h.events[events_before]["counter"]["id"] == "loket-3");
    CHECK(h.events[events_before + 1]["counter"]["id"] == "loket-1");
    CHECK(h.events[events_before + 1]["counter"]["state"] == "closed");

    // With a ticket still at the counter the officer cannot leave it.
    h.call_next("loket-3");
    json before = h.snapshot();
    CHECK(h.refused(MessageType::login, {{"officer", "budi"}, {"pin", "1234"}, {"counter", "loket-1"}}) ==
          "counter_busy");
    CHECK(h.snapshot() == before);
}

TEST_CASE("engine: pause and resume", "[engine][counter]") {
    TestHall h;
    h.issue(kSatu);
    CHECK(h.refused(MessageType::pause, {{"counter", "loket-1"}}) == "counter_closed");
    CHECK(h.refused(MessageType::resume, {{"counter", "loket-1"}}) == "counter_closed");
    h.open_counter("loket-1", "budi");
    CHECK(h.refused(MessageType::resume, {{"counter", "loket-1"}}) == "bad_request");

    json paused = h.ok(MessageType::pause, {{"counter", "loket-1"}, {"reason", "sholat"}})["counter"];
    CHECK(paused["state"] == "paused");
    CHECK(paused["pause_reason"] == "sholat");
    CHECK(paused["officer"] == "budi");
    CHECK(h.events.back()["action"] == "pause");
    CHECK(h.refused(MessageType::pause, {{"counter", "loket-1"}}) == "counter_paused");
    CHECK(h.refused(MessageType::call_next, {{"counter", "loket-1"}}) == "counter_paused");

    json resumed = h.ok(MessageType::resume, {{"counter", "loket-1"}})["counter"];
    CHECK(resumed["state"] == "open");
    CHECK(resumed["pause_reason"].is_null());
    CHECK(h.events.back()["action"] == "resume");
    CHECK(h.call_next_number("loket-1") == "A-001");
    h.at_counter(MessageType::no_show, "loket-1");

    json out = h.ok(MessageType::logout, {{"counter", "loket-1"}})["counter"];
    CHECK(out["state"] == "closed");
    CHECK(out["officer"].is_null());
    CHECK(h.events.back()["action"] == "logout");
}

// ---- events and snapshots ----

TEST_CASE("engine: events carry consecutive sequence numbers and what changed", "[engine][events]") {
    TestHall h;
    CHECK(h.engine().last_seq() == 0);
    h.add_officer("budi");
    h.login("budi", "loket-1");
    json a1 = h.issue(kSatu);
    CHECK(h.refused(MessageType::issue_ticket, {{"service", "x.y"}}) == "unknown_service");
    h.now += kMinute;
    h.issue(kDua);
    h.now += kMinute;
    h.call_next("loket-1");
    h.at_counter(MessageType::recall, "loket-1");
    h.at_counter(MessageType::start_serving, "loket-1");
    h.now += kMinute;
    h.at_counter(MessageType::finish, "loket-1");
    CHECK(h.refused(MessageType::finish, {{"counter", "loket-1"}}) == "illegal_transition");
    h.ok(MessageType::hold, {{"ticket", "B-001"}});

    const std::vector<std::string> actions{"officer", "login", "issue", "issue", "call",
                                           "recall",  "start_serving", "finish", "hold"};
    REQUIRE(h.events.size() == actions.size());
    for (std::size_t i = 0; i < actions.size(); ++i) {
        INFO(i);
        CHECK(h.events[i]["seq"] == static_cast<std::int64_t>(i + 1));
        CHECK(h.events[i]["action"] == actions[i]);
        CHECK(h.events[i]["at"].is_number_integer());
    }
    CHECK(h.engine().last_seq() == static_cast<std::int64_t>(actions.size()));

    // The events table holds the same sequence.
    {
        Statement q(h.db(), "SELECT seq, action, payload FROM events ORDER BY seq");
        std::size_t i = 0;
        while (q.step()) {
            REQUIRE(i < actions.size());
            CHECK(q.column_int(0) == static_cast<std::int64_t>(i + 1));
            CHECK(q.column_text(1) == actions[i]);
            json stored = json::parse(q.column_text(2));
            CHECK(stored["action"] == actions[i]);
            ++i;
        }
        CHECK(i == actions.size());
    }

    const json& issue = h.events[2];
    CHECK(issue["at"] == at(0, 9, 0));
    CHECK(issue["ticket"]["id"] == a1["id"]);
    CHECK(issue["ticket"]["number"] == "A-001");
    REQUIRE(issue["services"].size() == 1);
    CHECK(issue["services"][0]["id"] == kSatu);
    CHECK(issue["services"][0]["waiting"] == 1);

    const json& call = h.events[4];
    CHECK(call["ticket"]["number"] == "A-001");
    CHECK(call["ticket"]["state"] == "called");
    CHECK(call["counter"]["id"] == "loket-1");
    CHECK(call["counter"]["ticket"] == a1["id"]);
    CHECK(call["counter"]["officer"] == "budi");
    REQUIRE(call["services"].size() == 1);
    CHECK(call["services"][0]["id"] == kSatu);
    CHECK(call["services"][0]["waiting"] == 0);

    const json& finish = h.events[7];
    CHECK(finish["ticket"]["state"] == "done");
    CHECK(finish["counter"]["ticket"].is_null());
    CHECK(finish["at"] == at(0, 9, 3));

    const json& login = h.events[1];
    CHECK(login["counter"]["id"] == "loket-1");
    CHECK(login["counter"]["state"] == "open");
    REQUIRE(login["services"].size() == 2);
    CHECK(login["services"][0]["id"] == kSatu);
    CHECK(login["services"][1]["id"] == kDua);

    const json& hold = h.events[8];
    CHECK(hold["ticket"]["number"] == "B-001");
    CHECK(hold["services"][0]["id"] == kDua);
    CHECK_FALSE(hold.contains("counter"));
}

TEST_CASE("engine: the snapshot holds today's tickets and the sequence it reflects", "[engine][snapshot]") {
    TestHall h;
    h.issue(kSatu);
    h.issue(kDua);
    json monday = h.snapshot();
    CHECK(monday["date"] == "2026-03-02");
    CHECK(monday["seq"] == 2);
    CHECK(numbers_of(monday["tickets"]) == Numbers{"A-001", "B-001"});
    CHECK(monday["hall"]["name"] == "Mal Pelayanan Uji");

    h.now = at(kTuesday, 9, 0);
    json tuesday_ticket = h.issue(kTiga);
    h.open_counter("loket-2", "sari");
    json snap = h.snapshot();
    CHECK(snap["date"] == "2026-03-03");
    CHECK(snap["seq"] == h.engine().last_seq());
    CHECK(snap["seq"] == h.events.back()["seq"]);
    REQUIRE(snap["tickets"].size() == 1);
    CHECK(snap["tickets"][0]["id"] == tuesday_ticket["id"]);
    CHECK(snap["tickets"][0]["number"] == "C-001");

    REQUIRE(snap["counters"].size() == 3);
    CHECK(snap["counters"][0]["id"] == "loket-1");
    CHECK(snap["counters"][0]["state"] == "closed");
    CHECK(snap["counters"][1]["id"] == "loket-2");
    CHECK(snap["counters"][1]["state"] == "open");
    CHECK(snap["counters"][1]["officer"] == "sari");
    CHECK(snap["counters"][2]["id"] == "loket-3");

    REQUIRE(snap["services"].size() == 3);
    CHECK(snap["services"][0]["id"] == kSatu);
    CHECK(snap["services"][0]["waiting"] == 0);  // Monday's A-001 does not wait today
    CHECK(snap["services"][1]["id"] == kDua);
    CHECK(snap["services"][1]["issued_today"] == 0);
    CHECK(snap["services"][2]["id"] == kTiga);
    CHECK(snap["services"][2]["waiting"] == 1);
    CHECK(snap["services"][2]["counters_open"] == 1);
}

TEST_CASE("engine: tick announces a new day and schedule changes", "[engine][events]") {
    TestHall h;
    auto tick = [&h] {
        Transaction tx(h.db());
        REQUIRE(tx.began());
        auto out = h.engine().tick();
        REQUIRE(tx.commit().ok());
        return out;
    };
    CHECK(tick().empty());
    h.now = at(0, 12, 0);
    auto lunch = tick();
    REQUIRE(lunch.size() == 1);
    CHECK(lunch[0]["action"] == "schedule");
    CHECK(lunch[0]["services"][0]["status"] == "break");
    CHECK(tick().empty());
    h.now = at(kTuesday, 0, 0);
    auto night = tick();
    REQUIRE(night.size() == 2);
    CHECK(night[0]["action"] == "day");
    CHECK(night[0]["date"] == "2026-03-03");
    CHECK(night[1]["action"] == "schedule");
    CHECK(night[1]["seq"].get<std::int64_t>() == night[0]["seq"].get<std::int64_t>() + 1);
}

// ---- estimated wait ----

TEST_CASE("engine: estimated wait is people ahead x average service time / open counters", "[engine][wait]") {
    TestHall h;
    // layanan-satu is served by loket-1 and loket-3; none is open yet, so both are counted.
    json reply;
    for (int i = 0; i < 4; ++i) {
        reply = h.ok(MessageType::issue_ticket, {{"service", kSatu}});
        h.now += kMinute;
    }
    CHECK(reply["ahead"] == 3);
    CHECK(reply["service"]["avg_service_s"] == 300.0);
    CHECK(reply["service"]["counters_open"] == 0);
    CHECK(reply["service"]["counters_total"] == 2);
    CHECK(reply["est_wait_min"] == 8);  // 3 × 5 min ÷ 2 = 7.5
    CHECK(reply["service"]["est_wait_min"] == 10);  // 4 waiting

    h.open_counter("loket-1", "budi");
    reply = h.ok(MessageType::issue_ticket, {{"service", kSatu}});  // A-005
    CHECK(reply["ahead"] == 4);
    CHECK(reply["service"]["counters_open"] == 1);
    CHECK(reply["est_wait_min"] == 20);  // 4 × 5 min ÷ 1

    json info = h.info("A-005");
    CHECK(info["ahead"] == 4);
    CHECK(info["est_wait_min"] == 20);
    CHECK(h.info("A-001")["ahead"] == 0);
    CHECK(h.info("A-001")["est_wait_min"] == 0);

    h.open_counter("loket-3", "sari");
    CHECK(h.info("A-005")["est_wait_min"] == 10);  // 4 × 5 min ÷ 2

    // A ticket served in 2 minutes sets the average.
    h.now += kMinute;
    CHECK(h.call_next_number("loket-1") == "A-001");
    h.at_counter(MessageType::start_serving, "loket-1");
    h.now += 2 * kMinute;
    h.at_counter(MessageType::finish, "loket-1");
    CHECK(h.service_row(kSatu)["avg_service_s"] == 120.0);
    info = h.info("A-005");
    CHECK(info["ahead"] == 3);
    CHECK(info["est_wait_min"] == 3);  // 3 × 2 min ÷ 2

    // A paused counter does not serve.
    h.ok(MessageType::pause, {{"counter", "loket-3"}});
    CHECK(h.info("A-005")["est_wait_min"] == 6);  // 3 × 2 min ÷ 1

    // Another service's counters and times do not count.
    json b = h.ok(MessageType::issue_ticket, {{"service", kDua}});
    CHECK(b["service"]["avg_service_s"] == 300.0);
    CHECK(b["ahead"] == 0);
    CHECK(b["est_wait_min"] == 0);
}
