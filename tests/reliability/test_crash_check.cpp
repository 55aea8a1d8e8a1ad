// The crash tool's database checker finds what it claims to find. A clean hall passes; copies of
// it with one kind of damage each (a lost ticket, a skipped or doubled number, a lost event, a
// lost stored reply, a state without its event) fail with a message that names the damage.
// Without this, 50 passing crash cycles would prove only that the checker is quiet.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "reliability_hall.hpp"
#include "tools/crash/crash_check.hpp"

using hall::crash::Ack;
using hall::crash::DatabaseChecker;
using hall::proto::MessageType;
using hall::reliability::ClockHall;
using hall::reliability::local_ms;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A small hall's day, with every acknowledged reply recorded as the crash tool records them.
struct CleanHall {
    hall::reliability::TempDir tmp;
    fs::path clean = tmp.path() / "clean.db";
    std::vector<Ack> acks;

    CleanHall() {
        ClockHall h(local_ms(0, 10, 0));
        hall::RequestClient kiosk(h.options("kiosk-1")), counter(h.options("counter-1")), admin(h.options("admin-1"));
        auto send = [&](hall::RequestClient& c, const std::string& device, MessageType type, const json& body) {
            std::int64_t req = c.reserve_request_number();
            auto r = c.call_with(req, type, body);
            REQUIRE(r);
            INFO(r->error_code << " " << r->error_message);
            REQUIRE(r->ok);
            acks.push_back(Ack{device, c.client_id(), req, std::string(hall::proto::message_info(type).name), r->body});
        };
        send(admin, "admin-1", MessageType::officer_add, {{"officer", "budi"}, {"name", "Budi"}, {"pin", "1234"}});
        send(counter, "counter-1", MessageType::login, {{"officer", "budi"}, {"pin", "1234"}, {"counter", "loket-1"}});
        for (int i = 0; i < 4; ++i) send(kiosk, "kiosk-1", MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}});
        send(counter, "counter-1", MessageType::call_next, {{"counter", "loket-1"}});
        send(counter, "counter-1", MessageType::start_serving, {{"counter", "loket-1"}});
        send(counter, "counter-1", MessageType::finish, {{"counter", "loket-1"}});
        send(counter, "counter-1", MessageType::cancel, {{"ticket", "A-003"}});
        h.stop();
        fs::copy_file(h.database(), clean);
    }

    // A copy of the clean database with `sql` applied (the audit triggers do not matter here).
    fs::path damaged(const std::string& sql) {
        static int serial = 0;
        fs::path copy = tmp.path() / ("damaged-" + std::to_string(++serial) + ".db");
        fs::copy_file(clean, copy);
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(copy.c_str(), &db) == SQLITE_OK);
        char* error = nullptr;
        int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
        INFO(sql << ": " << (error ? error : ""));
        sqlite3_free(error);
        sqlite3_close(db);
        REQUIRE(rc == SQLITE_OK);
        return copy;
    }
};

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& line : v) s += line + "\n";
    return s;
}

}  // namespace

TEST_CASE("crash checker: a clean hall passes every check", "[reliability][crash]") {
    CleanHall hall;
    DatabaseChecker checker;
    auto found = checker.check(hall.clean, hall.acks, true);
    INFO(joined(found));
    CHECK(found.empty());
    CHECK(checker.figures().tickets == 4);
    CHECK(checker.figures().cancelled == 1);
    // Checked again, incrementally and from scratch: still clean.
    CHECK(checker.check(hall.clean, hall.acks, false).empty());
    CHECK(checker.check(hall.clean, hall.acks, true).empty());
}

TEST_CASE("crash checker: each kind of damage is found and named", "[reliability][crash]") {
    CleanHall hall;
    struct Case {
        std::string sql;
        std::string finds;
    };
    const std::vector<Case> cases{
        {"DELETE FROM tickets WHERE number = 'A-004'", "issue_ticket kiosk-1/"},
        {"DELETE FROM tickets WHERE number = 'A-004'", "is not in the tickets table as issued"},
        {"DELETE FROM tickets WHERE number = 'A-002'", "numbers skip (3 tickets numbered 1 to 4)"},
        {"UPDATE number_seq SET last = last + 1", "a number allocated without its ticket"},
        {"UPDATE tickets SET number = 'A-001' WHERE seq = 2", "number A-001 was issued 2 times"},
        {"DELETE FROM events WHERE action = 'finish'", "event sequence numbers have gaps"},
        {"DELETE FROM events WHERE action = 'finish'", "acknowledged finish counter-1/"},
        {"DELETE FROM events WHERE action = 'finish'", "is done but its last event says serving"},
        {"UPDATE tickets SET state = 'done' WHERE number = 'A-004'", "ticket A-004 is done but its last event says waiting"},
        {"DELETE FROM replies WHERE reply LIKE '%\"state\":\"serving\"%'", "its reply is not stored as it was sent"},
        {"UPDATE replies SET reply = replace(reply, '\"A-002\"', '\"A-009\"')", "its reply is not stored as it was sent"},
        {"DELETE FROM replies WHERE reply LIKE '%\"ahead\"%' AND reply LIKE '%A-001%'",
         "4 tickets but 3 stored issue replies"},
        {"INSERT INTO events (at, action, payload) SELECT at, action, payload FROM events WHERE action = 'issue' LIMIT 1; "
         "DELETE FROM events WHERE seq = (SELECT MIN(seq) FROM events WHERE action = 'issue')",
         "ticket A-001"},
    };
    for (const Case& c : cases) {
        DatabaseChecker checker;
        auto found = checker.check(hall.damaged(c.sql), hall.acks, true);
        INFO(c.sql << "\n" << joined(found));
        CHECK_THAT(joined(found), Catch::Matchers::Contains(c.finds));
    }
}

TEST_CASE("crash checker: tickets that vanish between two checks are found", "[reliability][crash]") {
    CleanHall hall;
    DatabaseChecker checker;
    REQUIRE(checker.check(hall.clean, hall.acks, false).empty());
    auto found = checker.check(hall.damaged("DELETE FROM tickets WHERE number = 'A-004'"), hall.acks, false);
    CHECK_THAT(joined(found), Catch::Matchers::Contains("tickets vanished: the last check saw 4, now 3"));
}
