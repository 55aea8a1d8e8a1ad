// The audit log: every officer and admin action is recorded with who (officer, device key),
// what (action, ticket, counter), when, and from where (address); kiosks' tickets are not;
// refused actions leave no entry; the table refuses UPDATE and DELETE; only admins read it,
// through audit_list and `hallctl audit`.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <limits>

#include "../server/test_hall.hpp"
#include "queue_server/audit.hpp"
#include "queue_server/store.hpp"

using json = nlohmann::json;
using hall::proto::MessageType;
using hall::test::TestHall;

namespace {

json ok(hall::RequestClient& c, MessageType type, const json& body = json::object()) {
    auto r = c.call(type, body);
    REQUIRE(r);
    INFO(hall::proto::message_info(type).name << ": " << r->error_code << ": " << r->error_message);
    REQUIRE(r->ok);
    return r->body;
}

std::string refused(hall::RequestClient& c, MessageType type, const json& body = json::object()) {
    auto r = c.call(type, body);
    REQUIRE(r);
    REQUIRE_FALSE(r->ok);
    return r->error_code;
}

std::vector<std::string> actions_of(const json& entries) {
    std::vector<std::string> out;
    for (const json& e : entries) out.push_back(e["action"].get<std::string>());
    return out;
}

// A counter's working morning, by officer budi at loket-1 from counter-1, with an admin.
void morning(TestHall& hall) {
    hall::RequestClient admin(hall.options("admin-1")), counter(hall.options("counter-1")), kiosk(hall.options("kiosk-1"));
    ok(admin, MessageType::officer_add, {{"officer", "budi"}, {"name", "Budi Santoso"}, {"pin", "482913"}});
    CHECK(refused(counter, MessageType::login, {{"officer", "budi"}, {"pin", "111111"}, {"counter", "loket-1"}}) ==
          "login_failed");
    ok(counter, MessageType::login, {{"officer", "budi"}, {"pin", "482913"}, {"counter", "loket-1"}});
    for (int i = 0; i < 3; ++i) ok(kiosk, MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}});
    ok(admin, MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}, {"priority", "elderly"}});
    ok(counter, MessageType::call_next, {{"counter", "loket-1"}});
    ok(counter, MessageType::recall, {{"counter", "loket-1"}});
    ok(counter, MessageType::start_serving, {{"counter", "loket-1"}});
    ok(counter, MessageType::finish, {{"counter", "loket-1"}});
    CHECK(refused(counter, MessageType::finish, {{"counter", "loket-1"}}) == "illegal_transition");  // not recorded
    ok(counter, MessageType::call_next, {{"counter", "loket-1"}});  // A-004 (priority after one regular)
    ok(counter, MessageType::transfer,
       {{"counter", "loket-1"}, {"service", "contoh-dinas.layanan-dua"}, {"note", "berkas di layanan dua"}});
    ok(counter, MessageType::pause, {{"counter", "loket-1"}, {"reason", "Istirahat"}});
    ok(counter, MessageType::resume, {{"counter", "loket-1"}});
    ok(counter, MessageType::cancel, {{"ticket", "A-003"}, {"note", "pulang"}});
    ok(counter, MessageType::hold, {{"ticket", "A-002"}});
    ok(counter, MessageType::release, {{"ticket", "A-002"}});
    ok(counter, MessageType::logout, {{"counter", "loket-1"}});
}

}  // namespace

TEST_CASE("every officer and admin action is in the audit log: who, what, when, from where", "[reliability][audit]") {
    TestHall hall;
    const std::int64_t before = hall::server::system_clock_ms() + hall.clock_offset();
    morning(hall);
    const std::int64_t after = hall::server::system_clock_ms() + hall.clock_offset();
    hall::RequestClient admin(hall.options("admin-1"));
    json page = ok(admin, MessageType::audit_list, {{"limit", 100}});
    CHECK(page["more"] == false);
    const json& entries = page["entries"];
    // Newest first; kiosk tickets and the refused finish are not there.
    CHECK(actions_of(entries) == std::vector<std::string>{"logout", "release", "hold", "cancel", "resume", "pause",
                                                          "transfer", "call_next", "finish", "start_serving", "recall",
                                                          "call_next", "issue_ticket", "login", "login", "officer_add"});
    std::int64_t last_id = std::numeric_limits<std::int64_t>::max();
    for (const json& e : entries) {
        INFO(e.dump());
        CHECK(e["id"].get<std::int64_t>() < last_id);
        last_id = e["id"].get<std::int64_t>();
        CHECK(e["at"].get<std::int64_t>() >= before);
        CHECK(e["at"].get<std::int64_t>() <= after);
        CHECK(e["address"] == "127.0.0.1");
        CHECK(e.dump().find("482913") == std::string::npos);  // never a PIN
        CHECK(e.dump().find("111111") == std::string::npos);
        if (e["device"] == "counter-1") {
            CHECK(e["role"] == "counter");
            CHECK(e["officer"] == "budi");
        } else {
            CHECK(e["device"] == "admin-1");
            CHECK(e["role"] == "admin");
            CHECK(e["officer"].is_null());
        }
    }
    auto entry = [&](std::size_t i) -> const json& { return entries[entries.size() - 1 - i]; };  // oldest first
    CHECK(entry(0)["detail"] == json{{"officer", "budi"}, {"name", "Budi Santoso"}});
    CHECK(entry(1)["outcome"] == "wrong_pin");
    CHECK(entry(1)["counter"] == "loket-1");
    CHECK(entry(2)["outcome"] == "ok");
    CHECK(entry(3)["ticket"] == "A-004");
    CHECK(entry(3)["detail"]["priority"] == "elderly");
    for (std::size_t i : {4u, 5u, 6u, 7u}) {
        CHECK(entry(i)["ticket"] == "A-001");
        CHECK(entry(i)["counter"] == "loket-1");
    }
    CHECK(entry(8)["ticket"] == "A-004");
    CHECK(entry(9)["detail"] == json{{"service", "contoh-dinas.layanan-dua"}, {"note", "berkas di layanan dua"}});
    CHECK(entry(10)["detail"]["reason"] == "Istirahat");
    CHECK(entry(12)["ticket"] == "A-003");
    CHECK(entry(12)["detail"]["note"] == "pulang");
    CHECK(entry(15)["counter"] == "loket-1");
}

TEST_CASE("the audit log is append-only in the database itself", "[reliability][audit]") {
    TestHall hall;
    morning(hall);
    auto db = hall::server::Database::open(hall.data_dir() / hall::server::kDatabaseFile);
    REQUIRE(db);
    auto count = [&] {
        hall::server::Statement q(*db, "SELECT COUNT(*), MAX(id) FROM audit");
        REQUIRE(q.step());
        return std::make_pair(q.column_int(0), q.column_int(1));
    };
    auto before = count();
    CHECK(before.first == 16);
    for (const char* sql : {"UPDATE audit SET officer = 'someone-else'", "UPDATE audit SET action = 'x' WHERE id = 3",
                            "DELETE FROM audit WHERE id = 1", "DELETE FROM audit"}) {
        INFO(sql);
        auto s = db->exec(sql);
        REQUIRE_FALSE(s);
        CHECK_THAT(s.error().message, Catch::Matchers::Contains("append-only"));
    }
    CHECK(count() == before);
    {
        hall::server::Statement q(*db, "SELECT COUNT(*) FROM audit WHERE officer = 'someone-else'");
        REQUIRE(q.step());
        CHECK(q.column_int(0) == 0);
    }
    // Appending still works, and the server goes on recording.
    hall::RequestClient admin(hall.options("admin-1"));
    ok(admin, MessageType::officer_add, {{"officer", "sari"}, {"name", "Sari"}, {"pin", "1234"}});
    CHECK(count().first == before.first + 1);
}

TEST_CASE("only admins read the audit log, page by page", "[reliability][audit]") {
    TestHall hall;
    morning(hall);
    for (const char* name : {"kiosk-1", "counter-1", "display-1"}) {
        hall::RequestClient c(hall.options(name));
        CHECK(refused(c, MessageType::audit_list) == "forbidden");
    }
    hall::RequestClient admin(hall.options("admin-1"));
    json first = ok(admin, MessageType::audit_list, {{"limit", 5}});
    REQUIRE(first["entries"].size() == 5);
    CHECK(first["more"] == true);
    std::vector<std::int64_t> ids;
    json page = first;
    while (true) {
        for (const json& e : page["entries"]) ids.push_back(e["id"].get<std::int64_t>());
        if (!page["more"].get<bool>()) break;
        page = ok(admin, MessageType::audit_list, {{"limit", 5}, {"before", ids.back()}});
    }
    CHECK(ids.size() == 16);
    CHECK(std::is_sorted(ids.rbegin(), ids.rend()));
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());

    json budi = ok(admin, MessageType::audit_list, {{"officer", "budi"}});
    CHECK(budi["entries"].size() == 14);  // every counter-1 action, the wrong PIN included
    json admins = ok(admin, MessageType::audit_list, {{"device", "admin-1"}});
    CHECK(actions_of(admins["entries"]) == std::vector<std::string>{"issue_ticket", "officer_add"});
    for (const json& bad : {json{{"limit", 0}}, json{{"limit", 5000}}, json{{"limit", "10"}}, json{{"before", "x"}},
                            json{{"officer", 7}}, json{{"device", ""}}})
        CHECK(refused(admin, MessageType::audit_list, bad) == "bad_request");
}

TEST_CASE("hallctl audit shows the log to an admin and is refused to a counter", "[reliability][audit]") {
    TestHall hall;
    morning(hall);
    auto run = [&](const std::string& key, const std::string& args) {
        std::string cmd = std::string(HALL_BIN_DIR) + "/hallctl --server 127.0.0.1:" + std::to_string(hall.request_port()) +
                          " --keys " + hall.key_dir(key).string() + " " + args + " 2>&1";
        FILE* p = popen(cmd.c_str(), "r");
        REQUIRE(p);
        std::string out;
        std::array<char, 512> buf{};
        while (fgets(buf.data(), buf.size(), p)) out += buf.data();
        int rc = pclose(p);
        return std::make_pair(WEXITSTATUS(rc), out);
    };
    auto [status, out] = run("admin-1", "audit --limit 3");
    INFO(out);
    CHECK(status == 0);
    CHECK(out.find("logout") != std::string::npos);
    CHECK(out.find("release") != std::string::npos);
    CHECK(out.find("officer=budi") != std::string::npos);
    CHECK(out.find("counter-1@127.0.0.1") != std::string::npos);
    CHECK(out.find("older entries: --before") != std::string::npos);
    auto [json_status, json_out] = run("admin-1", "--json audit --officer budi --limit 1");
    CHECK(json_status == 0);
    json parsed = json::parse(json_out, nullptr, false);
    REQUIRE(parsed.is_object());
    CHECK(parsed["entries"][0]["action"] == "logout");
    auto [counter_status, counter_out] = run("counter-1", "audit");
    CHECK(counter_status != 0);
    CHECK(counter_out.find("forbidden") != std::string::npos);
}
