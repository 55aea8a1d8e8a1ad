// Keeping data: `queue_server backup` copies a serving hall's database consistently, and
// `queue_server restore` puts it into a stopped server's data dir, after which the server finds
// every ticket; a restore refuses to run under a serving server and refuses a bad file; the
// server's scheduled backups keep the newest few; the [backup] config table is read strictly.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <set>
#include <thread>

#include "queue_server/backup.hpp"
#include "queue_server/store.hpp"
#include "reliability_hall.hpp"

using hall::proto::MessageType;
using hall::reliability::ClockHall;
using hall::reliability::eventually;
using hall::reliability::local_ms;
using hall::reliability::run_queue_server;
using hall::reliability::ServeProcess;
using hall::reliability::TempDir;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

json ok(hall::RequestClient& c, MessageType type, const json& body = json::object()) {
    auto r = c.call(type, body);
    REQUIRE(r);
    INFO(r->error_code << ": " << r->error_message);
    REQUIRE(r->ok);
    return r->body;
}

// The first value of `sql` on a database opened read-only (a backup is looked at, not changed).
std::int64_t count(const fs::path& db_file, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    std::int64_t value = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
    INFO(sql);
    REQUIRE(value >= 0);
    return value;
}

// A hall made with queue_server's own commands: keys for a kiosk, a counter and an admin, and
// officer budi.
struct ProcessHall {
    TempDir tmp;
    fs::path config = tmp.path() / "hall.toml";
    fs::path data = tmp.path() / "data";
    fs::path log = tmp.path() / "server.log";

    ProcessHall() {
        std::ofstream(config) << hall::reliability::all_day_toml(
            (hall::reliability::source_dir() / "tests/fixtures/catalog").string(), hall::reliability::noon_utc_offset());
        REQUIRE(cli({"keys", "init"}).status == 0);
        for (const char* role : {"kiosk", "counter", "admin"})
            REQUIRE(cli({"keys", "add", "--role", role, "--name", std::string(role) + "-1", "--out", key_dir(std::string(role) + "-1").string()})
                        .status == 0);
        REQUIRE(cli({"officer", "add", "--id", "budi", "--name", "Budi", "--pin", "1234"}).status == 0);
    }
    fs::path key_dir(const std::string& name) const { return tmp.path() / "keys" / name; }
    hall::reliability::Run cli(std::vector<std::string> args) const {
        for (const auto& extra : {std::string("--config"), config.string(), std::string("--data"), data.string()})
            args.push_back(extra);
        return run_queue_server(args);
    }
    hall::ClientOptions options(const std::string& name, int port) const {
        hall::ClientOptions o;
        o.port = port;
        auto keys = hall::load_client_keys(key_dir(name));
        REQUIRE(keys);
        o.keys = *keys;
        return o;
    }
};

// The tickets of a snapshot by id.
std::map<std::int64_t, json> tickets_of(const json& snapshot) {
    std::map<std::int64_t, json> out;
    for (const json& t : snapshot["tickets"]) out[t["id"].get<std::int64_t>()] = t;
    return out;
}

}  // namespace

TEST_CASE("a backup taken while serving, restored into the stopped server's data dir, has every ticket",
          "[reliability][backup]") {
    ProcessHall h;
    fs::path backup = h.tmp.path() / "copies" / "morning.db";
    json before;
    {
        ServeProcess server(h.config, h.data, h.log);
        hall::RequestClient kiosk(h.options("kiosk-1", server.request_port()));
        hall::RequestClient counter(h.options("counter-1", server.request_port()));
        hall::RequestClient admin(h.options("admin-1", server.request_port()));
        for (int i = 0; i < 30; ++i)
            ok(kiosk, MessageType::issue_ticket, {{"service", i % 3 == 2 ? "contoh-dinas.layanan-tiga" : "contoh-dinas.layanan-satu"}});
        ok(counter, MessageType::login, {{"officer", "budi"}, {"pin", "1234"}, {"counter", "loket-1"}});
        for (int i = 0; i < 4; ++i) {
            ok(counter, MessageType::call_next, {{"counter", "loket-1"}});
            ok(counter, MessageType::start_serving, {{"counter", "loket-1"}});
            ok(counter, MessageType::finish, {{"counter", "loket-1"}});
        }
        ok(counter, MessageType::call_next, {{"counter", "loket-1"}});
        before = ok(admin, MessageType::snapshot);

        auto made = h.cli({"backup", "--out", backup.string()});
        INFO(made.output);
        REQUIRE(made.status == 0);
        CHECK(made.output.find("backup written to " + backup.string() + ": 30 tickets") != std::string::npos);
        // Never over an existing file.
        auto again = h.cli({"backup", "--out", backup.string()});
        CHECK(again.status != 0);
        CHECK(again.output.find("already exists") != std::string::npos);

        // The afternoon goes on after the backup...
        for (int i = 0; i < 5; ++i) ok(kiosk, MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}});
        // ...and a restore under a serving server is refused, changing nothing.
        auto refused = h.cli({"restore", "--from", backup.string()});
        CHECK(refused.status != 0);
        CHECK(refused.output.find("another queue_server (or a restore) is using " + h.data.string() + ": stop it first") !=
              std::string::npos);
        CHECK(count(h.data / "hall.db", "SELECT COUNT(*) FROM tickets") == 35);
    }

    auto restored = h.cli({"restore", "--from", backup.string()});
    INFO(restored.output);
    REQUIRE(restored.status == 0);
    CHECK(restored.output.find("30 tickets") != std::string::npos);
    CHECK(restored.output.find("is kept as") != std::string::npos);
    std::vector<fs::path> kept;
    for (const auto& e : fs::directory_iterator(h.data))
        if (e.path().filename().string().rfind("hall.db.before-restore-", 0) == 0 &&
            e.path().filename().string().find("-wal") == std::string::npos &&
            e.path().filename().string().find("-shm") == std::string::npos)
            kept.push_back(e.path());
    REQUIRE(kept.size() == 1);
    CHECK(count(kept[0], "SELECT COUNT(*) FROM tickets") == 35);  // the replaced database, whole

    ServeProcess server(h.config, h.data, h.log);
    hall::RequestClient kiosk(h.options("kiosk-1", server.request_port()));
    hall::RequestClient admin(h.options("admin-1", server.request_port()));
    json after = ok(admin, MessageType::snapshot);
    auto was = tickets_of(before);
    auto is = tickets_of(after);
    REQUIRE(is.size() == 30);
    for (const auto& [id, ticket] : was) {
        INFO(ticket.dump());
        REQUIRE(is.count(id));
        CHECK(is[id] == ticket);  // every field: number, state, counter, times, token
        json by_token = ok(kiosk, MessageType::ticket_info, {{"token", ticket["token"]}});
        CHECK(by_token["ticket"]["number"] == ticket["number"]);
    }
    CHECK(after["seq"] == before["seq"]);
    // Numbering continues from the backup (tickets issued after it are gone with the restore).
    CHECK(ok(kiosk, MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}})["ticket"]["number"] == "A-021");
    // The audit log came back with the database, and records the restore itself.
    json audit = ok(admin, MessageType::audit_list);
    std::vector<std::string> actions;
    for (const json& e : audit["entries"]) actions.push_back(e["action"].get<std::string>());
    CHECK(actions.front() == "restore");
    CHECK(audit["entries"][0]["device"].get<std::string>().rfind("cli:", 0) == 0);
    CHECK(audit["entries"][0]["detail"]["tickets"] == 30);
    CHECK(std::count(actions.begin(), actions.end(), "keys_add") == 3);
    CHECK(std::count(actions.begin(), actions.end(), "officer_add") == 1);
    CHECK(std::count(actions.begin(), actions.end(), "login") == 1);
    CHECK(std::count(actions.begin(), actions.end(), "backup") == 0);  // written after the copy was taken
}

TEST_CASE("restore refuses a damaged or foreign file and leaves the data dir as it was", "[reliability][backup]") {
    ProcessHall h;
    {
        ServeProcess server(h.config, h.data, h.log);
        hall::RequestClient kiosk(h.options("kiosk-1", server.request_port()));
        for (int i = 0; i < 3; ++i) ok(kiosk, MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}});
    }
    fs::path garbage = h.tmp.path() / "garbage.db";
    std::ofstream(garbage) << std::string(8192, 'x');
    fs::path empty = h.tmp.path() / "empty.db";
    {
        auto db = hall::server::Database::open(empty);  // a hall schema...
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA user_version = 99"));  // ...from a newer server
    }
    fs::path damaged = h.tmp.path() / "damaged.db";
    REQUIRE(h.cli({"backup", "--out", damaged.string()}).status == 0);
    {
        // Every page but the first (which holds the schema pointing at them) overwritten.
        const auto size = fs::file_size(damaged);
        REQUIRE(size > 4096);
        std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096);
        f << std::string(size - 4096, '\x7f');
    }
    struct Case {
        fs::path file;
        std::string says;
    };
    for (const Case& c : {Case{garbage, "is damaged"}, Case{empty, "newer than this server"},
                          Case{damaged, "is damaged"}, Case{h.tmp.path() / "nothing.db", "no backup file at"}}) {
        auto r = h.cli({"restore", "--from", c.file.string()});
        INFO(r.output);
        CHECK(r.status != 0);
        CHECK(r.output.find(c.says) != std::string::npos);
    }
    CHECK(count(h.data / "hall.db", "SELECT COUNT(*) FROM tickets") == 3);
    for (const auto& e : fs::directory_iterator(h.data))
        CHECK(e.path().filename().string().find("before-restore") == std::string::npos);
}

TEST_CASE("scheduled backups follow the server's clock, keep the newest, and survive restarts without repeating",
          "[reliability][backup]") {
    ClockHall h(local_ms(0, 9, 0), "\n[backup]\ninterval_minutes = 10\nkeep = 2\ndir = \"cadangan\"\n");
    const fs::path dir = h.data_dir() / "cadangan";
    auto backups = [&] { return hall::server::list_backups(dir); };
    auto names = [&] {
        std::vector<std::string> out;
        for (const auto& p : backups()) out.push_back(p.filename().string());
        return out;
    };
    // None existed: the first is made at once.
    REQUIRE(eventually([&] { return backups().size() == 1; }));
    CHECK(names()[0].rfind("hall-20261123-0900", 0) == 0);
    hall::RequestClient kiosk(h.options("kiosk-1"));
    for (int i = 0; i < 3; ++i) ok(kiosk, MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}});

    h.set_time(local_ms(0, 9, 10, 30));
    REQUIRE(eventually([&] { return backups().size() == 2; }));
    CHECK(count(backups().back(), "SELECT COUNT(*) FROM tickets") == 3);
    ok(kiosk, MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}});

    h.set_time(local_ms(0, 9, 21));
    REQUIRE(eventually([&] { return names().size() == 2 && names()[1].rfind("hall-20261123-0921", 0) == 0; }));
    CHECK(names()[0].rfind("hall-20261123-0910", 0) == 0);  // the oldest went
    CHECK(count(backups().back(), "SELECT COUNT(*) FROM tickets") == 4);
    for (const auto& p : backups()) CHECK(count(p, "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1);

    // A restart within the interval does not back up again.
    auto before = names();
    h.stop();
    h.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(names() == before);
    h.set_time(local_ms(0, 9, 31, 30));
    // The new one is written first; only then is the oldest let go.
    CHECK(eventually([&] { return names().size() == 2 && names().back().rfind("hall-20261123-0931", 0) == 0; }));
}

TEST_CASE("an online backup taken while kiosks issue is a consistent snapshot", "[reliability][backup]") {
    ClockHall h(local_ms(0, 10, 0));
    h.enrol("kiosk-2", "kiosk");
    std::atomic<bool> stop{false};
    auto issuing = [&](const std::string& name) {
        hall::RequestClient c(h.options(name));
        while (!stop) (void)c.call(MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}});
    };
    std::thread a(issuing, "kiosk-1"), b(issuing, "kiosk-2");
    TempDir out;
    std::vector<fs::path> copies;
    for (int i = 0; i < 6; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(60));
        fs::path copy = out.path() / ("copy-" + std::to_string(i) + ".db");
        auto made = hall::server::backup_database(h.database(), copy);
        INFO((made ? std::string() : made.error().message));
        REQUIRE(made);
        copies.push_back(copy);
    }
    stop = true;
    a.join();
    b.join();
    std::int64_t previous = -1;
    for (const auto& copy : copies) {
        const std::int64_t tickets = count(copy, "SELECT COUNT(*) FROM tickets");
        INFO(copy << ": " << tickets << " tickets");
        CHECK(tickets >= previous);
        previous = tickets;
        // Whatever moment it caught, it caught whole transactions: numbers 1..n, each with its
        // issue event and its stored reply, and the sequence where the tickets end.
        CHECK(count(copy, "SELECT COALESCE(MAX(seq), 0) FROM tickets") == tickets);
        CHECK(count(copy, "SELECT COALESCE(MAX(last), 0) FROM number_seq") == tickets);
        CHECK(count(copy, "SELECT COUNT(*) FROM events WHERE action = 'issue'") == tickets);
        CHECK(count(copy, "SELECT COUNT(*) FROM replies") == tickets);
        CHECK(count(copy, "SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode = 'delete'") == 1);
    }
    CHECK(previous > 0);
}

TEST_CASE("hall config: the [backup] table", "[reliability][backup][hall_config]") {
    const fs::path fixtures = hall::reliability::source_dir() / "tests/fixtures";
    auto parse = [&](const std::string& extra) {
        return hall::parse_hall_config(hall::reliability::all_day_toml("catalog", "+07:00", extra), "hall.toml", fixtures);
    };
    auto error_of = [&](const std::string& extra) {
        auto r = parse(extra);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "config_invalid");
        return r.error().message;
    };
    auto absent = parse("");
    REQUIRE(absent);
    CHECK(absent->backup.interval_minutes == 0);
    CHECK(absent->backup.keep == 7);
    CHECK(absent->backup.dir == "backups");
    auto given = parse("\n[backup]\ninterval_minutes = 60\nkeep = 48\ndir = \"/srv/hall-backups\"\n");
    REQUIRE(given);
    CHECK(given->backup.interval_minutes == 60);
    CHECK(given->backup.keep == 48);
    CHECK(given->backup.dir == "/srv/hall-backups");

    const std::string base = hall::reliability::all_day_toml("catalog");
    const auto key_line = std::count(base.begin(), base.end(), '\n') + 3;  // after "\n[backup]\n"
    CHECK_THAT(error_of("\n[backup]\ninterval_minute = 60\n"),
               Catch::Matchers::Contains("hall.toml:" + std::to_string(key_line) +
                                         ": [backup] interval_minute: unknown key (did you mean \"interval_minutes\"?)"));
    CHECK_THAT(error_of("\n[backup]\ninterval_minutes = -5\n"),
               Catch::Matchers::Contains("[backup] interval_minutes: -5 is out of range (0 to 10080)"));
    CHECK_THAT(error_of("\n[backup]\nkeep = 0\n"), Catch::Matchers::Contains("[backup] keep: 0 is out of range (1 to 1000)"));
    CHECK_THAT(error_of("\n[backup]\nkeep = \"7\"\n"), Catch::Matchers::Contains("[backup] keep: expected an integer"));
    CHECK_THAT(error_of("\n[backup]\ndir = \" \"\n"), Catch::Matchers::Contains("[backup] dir: must not be empty"));
    CHECK_THAT(error_of("\n[[backup]]\nkeep = 3\n"), Catch::Matchers::Contains("[backup]: expected a table"));
    CHECK_THAT(error_of("\n[backups]\nkeep = 3\n"), Catch::Matchers::Contains("unknown table (did you mean [backup]?)"));
}
