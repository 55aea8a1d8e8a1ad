// Bad disks, proven with the fault VFS (fault_vfs.hpp): a real server opens its database
// through the shim, a fixed sequence of ten ticket actions runs against it, and for every N
// the N-th write, sync or truncate of the sequence fails (an I/O error), or the N-th write
// finds the disk full. Each time: the request that hit the fault is answered with
// storage_error, the server keeps running, the same request retried afterwards succeeds, and
// the database ends exactly as in a run without faults (same tickets, numbers, states and
// events; integrity_check ok). Disks that stay full or broken, and read-only databases, are
// covered after that.
//
// The choice for a read-only database: the server refuses to START on a database it cannot
// write, with a clear message (store.cpp); a database that stops taking writes while the
// server runs (disk full, I/O errors, a file system remounted read-only) gets storage_error
// per request, and the server serves again once the condition clears.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include "common/request_client.hpp"
#include "fault_vfs.hpp"
#include "security_hall.hpp"

using json = nlohmann::json;
using hall::proto::MessageType;
using hall::server::Database;
using hall::server::Statement;
using hall::test::Fault;
using hall::test::FaultVfs;
using hall::test::LogCapture;
using hall::test::SecurityHall;

namespace {

const std::string kSatu = "contoh-dinas.layanan-satu";  // prefix A
const std::string kDua = "contoh-dinas.layanan-dua";    // prefix A
const std::string kTiga = "contoh-dinas.layanan-tiga";  // prefix C

struct Step {
    const char* who;  // "kiosk" or "counter"
    MessageType type;
    json body;
};

// Issue, log in, call, serve, finish, issue, call, report a print, no-show, issue: every kind
// of write the hall makes in a day, each its own request and so its own commit.
std::vector<Step> sequence() {
    json counter{{"counter", "loket-1"}};
    return {
        {"kiosk", MessageType::issue_ticket, {{"service", kSatu}}},
        {"kiosk", MessageType::issue_ticket, {{"service", kDua}, {"priority", "elderly"}}},
        {"counter", MessageType::login, {{"officer", "budi"}, {"pin", "123456"}, {"counter", "loket-1"}}},
        {"counter", MessageType::call_next, counter},
        {"counter", MessageType::start_serving, counter},
        {"counter", MessageType::finish, counter},
        {"kiosk", MessageType::issue_ticket, {{"service", kTiga}}},
        {"counter", MessageType::call_next, counter},
        {"kiosk", MessageType::report_print, {{"ticket", "A-001"}, {"printed", true}}},
        {"counter", MessageType::no_show, counter},
    };
}

struct Outcome {
    int storage_errors = 0;          // replies with storage_error (each retried until ok)
    std::vector<std::string> messages;  // their messages
    std::vector<json> acknowledged;  // every ok reply's ticket, as the client saw it
    bool all_ok = true;              // every step was acknowledged in the end
};

// Runs the sequence; a step answered with storage_error is retried with the same request
// number (as a kiosk's retry would be) up to `retries` times.
Outcome run_sequence(SecurityHall& hall, int retries = 3) {
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    hall::RequestClient counter(hall.options("counter-1"));
    Outcome out;
    for (const Step& step : sequence()) {
        hall::RequestClient& c = std::string(step.who) == "kiosk" ? kiosk : counter;
        std::int64_t req = c.reserve_request_number();
        bool done = false;
        for (int attempt = 0; attempt <= retries && !done; ++attempt) {
            auto r = c.call_with(req, step.type, step.body);
            if (!r) break;  // no reply at all: the server died; all_ok stays false below
            if (r->ok) {
                if (r->body.contains("ticket")) out.acknowledged.push_back(r->body["ticket"]);
                done = true;
            } else if (r->error_code == "storage_error") {
                ++out.storage_errors;
                out.messages.push_back(r->error_message);
            } else {
                break;  // any other error is a wrong answer
            }
        }
        out.all_ok = out.all_ok && done;
    }
    return out;
}

// What the database holds, without times and tokens: comparable between runs.
struct Contents {
    std::string integrity;
    std::vector<std::string> tickets;  // "number service state counter"
    std::vector<std::string> events;   // "seq action"
    std::vector<std::string> tokens;   // by ticket number order
    int replies = 0;
    bool operator==(const Contents& o) const {
        return integrity == o.integrity && tickets == o.tickets && events == o.events && replies == o.replies;
    }
};

Contents read_contents(const std::filesystem::path& file) {
    auto db = Database::open(file);
    REQUIRE(db);
    Contents c;
    {
        Statement q(*db, "PRAGMA integrity_check");
        while (q.step()) c.integrity += q.column_text(0);
    }
    {
        Statement q(*db, "SELECT number, service, state, COALESCE(counter, '-'), token FROM tickets ORDER BY id");
        while (q.step()) {
            c.tickets.push_back(q.column_text(0) + " " + q.column_text(1) + " " + q.column_text(2) + " " +
                                q.column_text(3));
            c.tokens.push_back(q.column_text(4));
        }
    }
    {
        Statement q(*db, "SELECT seq, action FROM events ORDER BY seq");
        while (q.step()) c.events.push_back(std::to_string(q.column_int(0)) + " " + q.column_text(1));
    }
    {
        Statement q(*db, "SELECT COUNT(*) FROM replies");
        if (q.step()) c.replies = static_cast<int>(q.column_int(0));
    }
    return c;
}

// A fresh hall on the fault VFS with officer budi enrolled, served.
void prepare(SecurityHall& hall) {
    REQUIRE_FALSE(hall.start());
    hall::RequestClient admin(hall.options("admin-1"));
    auto added = admin.call(MessageType::officer_add, {{"officer", "budi"}, {"name", "Budi"}, {"pin", "123456"}});
    REQUIRE(added);
    REQUIRE(added->ok);
}

// Runs the sequence without faults, counting the calls of `fault`'s kind it makes.
std::pair<int, Contents> baseline(Fault fault) {
    FaultVfs& vfs = FaultVfs::instance();
    SecurityHall hall(FaultVfs::kName, /*in_memory_fs=*/true);
    prepare(hall);
    vfs.arm(fault, 0);
    Outcome out = run_sequence(hall);
    int calls = vfs.calls();
    vfs.disarm();
    REQUIRE(out.all_ok);
    REQUIRE(out.storage_errors == 0);
    hall.stop();
    return {calls, read_contents(hall.database())};
}

// For every N in 1..calls: fail the N-th call, then check the hall as described at the top.
void every_nth(Fault fault) {
    FaultVfs& vfs = FaultVfs::instance();
    auto [calls, expected] = baseline(fault);
    INFO("calls of the sequence: " << calls);
    REQUIRE(calls >= 10);  // at least one per commit
    REQUIRE(expected.integrity == "ok");
    REQUIRE(expected.tickets ==
            std::vector<std::string>{"A-001 " + kSatu + " done loket-1", "A-002 " + kDua + " no_show loket-1",
                                     "C-001 " + kTiga + " waiting -"});
    int answered_with_error = 0;
    for (int n = 1; n <= calls; ++n) {
        INFO("failing call " << n << " of " << calls);
        SecurityHall hall(FaultVfs::kName, /*in_memory_fs=*/true);
        prepare(hall);
        vfs.arm(fault, n);
        Outcome out = run_sequence(hall);
        int failures = vfs.failures();
        vfs.disarm();
        // The fault happened, reached the client as storage_error, and the retry succeeded.
        CHECK(failures == 1);
        CHECK(out.all_ok);
        CHECK(out.storage_errors == failures);
        answered_with_error += out.storage_errors;
        for (const std::string& m : out.messages)
            CHECK_THAT(m, Catch::Matchers::Contains("I/O error") || Catch::Matchers::Contains("disk is full"));
        // The server still serves a fresh client.
        hall::RequestClient kiosk(hall.options("kiosk-1"));
        auto snap = kiosk.call(MessageType::snapshot);
        REQUIRE(snap);
        REQUIRE(snap->ok);
        CHECK(snap->body["tickets"].size() == 3);
        hall.stop();
        // Nothing lost, nothing extra, nothing numbered twice; the file is sound.
        Contents got = read_contents(hall.database());
        CHECK(got.integrity == "ok");
        CHECK(got.tickets == expected.tickets);
        CHECK(got.events == expected.events);
        CHECK(got.replies == expected.replies);
        // Every ticket a client was told about is in the database, as told.
        for (const json& t : out.acknowledged)
            CHECK(std::find(got.tokens.begin(), got.tokens.end(), t["token"].get<std::string>()) != got.tokens.end());
    }
    CHECK(answered_with_error == calls);
    WARN("fault injection (" << (fault == Fault::disk_full ? "disk full" : "I/O error") << "): failed each call N = 1.."
                             << calls << " of the sequence, " << answered_with_error
                             << " storage_error replies, every one retried successfully");
}

}  // namespace

TEST_CASE("an I/O error on any write, sync or truncate is a storage_error and loses nothing",
          "[security][fault]") {
    every_nth(Fault::io_error);
}

TEST_CASE("a full disk on any write is a storage_error and loses nothing", "[security][fault]") {
    every_nth(Fault::disk_full);
}

TEST_CASE("a disk that stays full refuses every change clearly, then serves again once it clears",
          "[security][fault]") {
    FaultVfs& vfs = FaultVfs::instance();
    for (Fault fault : {Fault::disk_full, Fault::io_error}) {
        INFO((fault == Fault::disk_full ? "disk full" : "I/O error"));
        SecurityHall hall(FaultVfs::kName, /*in_memory_fs=*/true);
        LogCapture log;
        REQUIRE_FALSE(hall.start());
        hall::RequestClient kiosk(hall.options("kiosk-1"));
        auto first = kiosk.call(MessageType::issue_ticket, {{"service", kSatu}});
        REQUIRE(first);
        REQUIRE(first->ok);
        vfs.arm(fault, 1, /*sticky=*/true);
        for (int i = 0; i < 5; ++i) {
            auto r = kiosk.call(MessageType::issue_ticket, {{"service", kSatu}});
            REQUIRE(r);  // answered, not silent
            CHECK_FALSE(r->ok);
            CHECK(r->error_code == "storage_error");
            if (fault == Fault::disk_full) CHECK_THAT(r->error_message, Catch::Matchers::Contains("full"));
            // Reads still work while the disk refuses writes.
            auto snap = kiosk.call(MessageType::snapshot);
            REQUIRE(snap);
            CHECK(snap->ok);
            CHECK(snap->body["tickets"].size() == 1);
        }
        CHECK(vfs.failures() >= 5);
        CHECK(log.count({"commit failed"}) >= 5);
        vfs.disarm();
        // The condition clears: the next ticket follows the last acknowledged one, no gap.
        auto again = kiosk.call(MessageType::issue_ticket, {{"service", kSatu}});
        REQUIRE(again);
        REQUIRE(again->ok);
        CHECK(again->body["ticket"]["number"] == "A-002");
        hall.stop();
        Contents got = read_contents(hall.database());
        CHECK(got.integrity == "ok");
        CHECK(got.tickets.size() == 2);
    }
}

TEST_CASE("a read-only database is refused at start with a clear message", "[security][fault]") {
    FaultVfs& vfs = FaultVfs::instance();
    SecurityHall hall(FaultVfs::kName, /*in_memory_fs=*/true);
    REQUIRE_FALSE(hall.start());
    {
        hall::RequestClient kiosk(hall.options("kiosk-1"));
        REQUIRE(kiosk.call(MessageType::issue_ticket, {{"service", kSatu}})->ok);
    }
    hall.stop();

    SECTION("through Database::open") {
        vfs.set_read_only(true);
        auto db = Database::open(hall.database(), FaultVfs::kName);
        vfs.set_read_only(false);
        REQUIRE_FALSE(db);
        CHECK(db.error().code == "storage_error");
        CHECK_THAT(db.error().message, Catch::Matchers::Contains("read-only"));
    }
    SECTION("through the server, which then starts once the file is writable again") {
        vfs.set_read_only(true);
        auto refused = hall.start();
        vfs.set_read_only(false);
        REQUIRE(refused);
        CHECK(refused->code == "storage_error");
        CHECK_THAT(refused->message, Catch::Matchers::Contains("is read-only"));
        CHECK_THAT(refused->message, Catch::Matchers::Contains("permissions"));
        REQUIRE_FALSE(hall.start());
        hall::RequestClient kiosk(hall.options("kiosk-1"));
        auto r = kiosk.call(MessageType::issue_ticket, {{"service", kSatu}});
        REQUIRE(r);
        REQUIRE(r->ok);
        CHECK(r->body["ticket"]["number"] == "A-002");
    }
    SECTION("a write-protected file (chmod), when not running as root") {
        if (geteuid() == 0) {
            WARN("running as root, who may write a write-protected file: the shim stands in for chmod above");
            return;
        }
        REQUIRE(chmod(hall.database().c_str(), 0444) == 0);
        auto refused = hall.start();
        chmod(hall.database().c_str(), 0644);
        REQUIRE(refused);
        CHECK_THAT(refused->message, Catch::Matchers::Contains("read-only"));
    }
}
