// Clients under failure: a kiosk, a waiting-room display and a counter desk, each built from its
// program's own core over its own HallLink, connected to one hall at the same time.
//   - The server is a real queue_server process, killed with SIGKILL and started again on the
//     same data dir and ports: every client shows its disconnected state (and refuses what
//     cannot be done), then converges to the server's state after the restart.
//   - The server loses its published events on the way (the network drops them): every client
//     notices from the heartbeat's sequence number, fetches a snapshot, and converges.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "common/hall_link.hpp"
#include "common/request_client.hpp"
#include "counter_client/counter_app.hpp"
#include "counter_client/counter_text.hpp"
#include "display/board_feed.hpp"
#include "display/board_model.hpp"
#include "kiosk/hall_backend.hpp"
#include "kiosk/kiosk_model.hpp"
#include "kiosk/kiosk_strings.hpp"
#include "kiosk/printer.hpp"
#include "queue_server/server.hpp"
#include "tests/server/test_hall.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using hall::json;
using hall::proto::MessageType;

constexpr const char* kSatu = "contoh-dinas.layanan-satu";
constexpr const char* kOfficerPin = "482913";

std::int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

json call_ok(hall::RequestClient& client, MessageType type, json body = json::object()) {
    auto reply = client.call(type, body);
    REQUIRE(reply);
    INFO(reply->error_code << ": " << reply->error_message);
    REQUIRE(reply->ok);
    return reply->body;
}

// A real queue_server process over a data dir of its own. The fixture hall is open all day,
// every day, because the real server reads the real clock.
class ProcessHall {
public:
    ProcessHall() {
        std::random_device rd;
        m_dir = fs::temp_directory_path() / ("hall-failure-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(data_dir());
        write_config(0, 0);
        if (!hall::server::init_server_keys(data_dir())) throw std::runtime_error("server keys");
        for (const char* role : {"kiosk", "counter", "display", "admin"}) {
            auto keys = hall::server::enrol_client(data_dir(), std::string(role) + "-1", role);
            if (!keys) throw std::runtime_error(keys.error().message);
            m_keys[std::string(role) + "-1"] = *keys;
        }
        start();
        // Restarts come back on the same ports, as a hall's server does with its config.
        write_config(m_request_port, m_publish_port);
    }
    ~ProcessHall() {
        kill();
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

    fs::path data_dir() const { return m_dir / "data"; }
    fs::path config_file() const { return m_dir / "hall.toml"; }

    void start() {
        const std::string bin = std::string(HALL_BIN_DIR) + "/queue_server";
        const std::string out = (m_dir / "server.out").string();
        const std::string err = (m_dir / "server.log").string();
        const std::string config = config_file().string();
        const std::string data = data_dir().string();
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        std::vector<std::string> args = {bin, "serve", "--config", config, "--data", data};
        std::vector<char*> argv;
        for (std::string& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const int rc = posix_spawn(&m_pid, bin.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE(rc == 0);
        // The server prints "ready request_port=N publish_port=M" once it serves.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        std::string line;
        while (std::chrono::steady_clock::now() < deadline) {
            std::ifstream in(out);
            if (std::getline(in, line) && line.rfind("ready", 0) == 0) break;
            line.clear();
            int status = 0;
            if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_pid = -1;
                FAIL("queue_server exited at start; its log: " << err);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        REQUIRE(line.rfind("ready", 0) == 0);
        std::istringstream fields(line);
        std::string word;
        while (fields >> word) {
            if (word.rfind("request_port=", 0) == 0) m_request_port = std::stoi(word.substr(13));
            if (word.rfind("publish_port=", 0) == 0) m_publish_port = std::stoi(word.substr(13));
        }
        REQUIRE(m_request_port > 0);
    }

    // SIGKILL: no goodbye, no flush, exactly what a power cut does to the process.
    void kill() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGKILL);
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_pid = -1;
    }

    hall::ClientOptions options(const std::string& name) const {
        hall::ClientOptions o;
        o.host = "127.0.0.1";
        o.port = m_request_port;
        o.keys = m_keys.at(name);
        o.timeout_ms = 1000;
        o.attempts = 2;
        return o;
    }

private:
    void write_config(int request_port, int publish_port) {
        std::string toml = hall::test::fixture_config_toml();
        auto replace_all = [&toml](const std::string& from, const std::string& to) {
            for (std::size_t at = toml.find(from); at != std::string::npos; at = toml.find(from, at + to.size()))
                toml.replace(at, from.size(), to);
        };
        replace_all("08:00-15:00", "00:00-24:00");
        replace_all("[hours]\n", "[hours]\nsaturday = \"00:00-24:00\"\nsunday = \"00:00-24:00\"\n");
        replace_all("catalog = \"catalog\"",
                    "catalog = \"" + (hall::test::source_dir() / "tests/fixtures/catalog").string() + "\"");
        replace_all("request_port = 0", "request_port = " + std::to_string(request_port));
        replace_all("publish_port = 0", "publish_port = " + std::to_string(publish_port));
        std::ofstream(config_file()) << toml;
    }

    fs::path m_dir;
    std::map<std::string, hall::ClientKeys> m_keys;
    pid_t m_pid = -1;
    int m_request_port = 0;
    int m_publish_port = 0;
};

// The three front ends of one hall, each on its own key and link, pumped as their UI loops do.
struct Clients {
    hall::HallConfig config;
    hall::Catalog kiosk_catalog;
    hall::Catalog desk_catalog;
    // Kiosk
    hall::kiosk::LinkBackend kiosk_backend;
    hall::kiosk::PrinterWorker printer{hall::kiosk::make_null_sink()};
    std::unique_ptr<hall::kiosk::KioskModel> kiosk;
    // Display
    hall::display::BoardModel board;
    hall::HallLink board_link;
    // Counter desk
    std::unique_ptr<hall::counter::CounterApp> desk;

    Clients(const hall::HallConfig& hall_config, const hall::Catalog& catalog, hall::ClientOptions kiosk_options,
            hall::ClientOptions display_options, hall::ClientOptions counter_options)
        : config(hall_config),
          kiosk_catalog(catalog),
          desk_catalog(catalog),
          kiosk_backend(kiosk_options),
          board(board_config(hall_config, catalog)),
          board_link(display_options) {
        hall::kiosk::register_strings();
        hall::counter::register_counter_strings();
        kiosk = std::make_unique<hall::kiosk::KioskModel>(hall::kiosk::KioskModel::settings_from(config), config,
                                                          kiosk_catalog, kiosk_backend, printer);
        kiosk_backend.start({});
        hall::display::start_board_feed(board_link, board);
        desk = std::make_unique<hall::counter::CounterApp>(config, desk_catalog, counter_options,
                                                           hall::counter::CounterModel::Options{});
        desk->start();
    }
    ~Clients() {
        desk->stop();
        board_link.stop();
        kiosk_backend.stop();
    }

    static hall::display::BoardConfig board_config(const hall::HallConfig& config, const hall::Catalog& catalog) {
        auto board = hall::display::board_config(config, catalog, "");
        if (!board) throw std::runtime_error(board.error().message);
        return *board;
    }

    void pump() {
        kiosk->update(wall_ms());
        desk->pump(hall::counter::wall_clock_ms());
    }
    // Pumps every front end until `pred` holds; false after a generous minute (never timed).
    template <class Pred>
    bool until(Pred pred) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < deadline) {
            pump();
            if (pred()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        pump();
        return pred();
    }

    bool all_connected() {
        return kiosk->connected() && kiosk->hall().loaded() && board.snapshot().connected &&
               desk->model().connected();
    }
    bool none_connected() {
        return !kiosk->connected() && !board.snapshot().connected && !desk->model().connected();
    }

    void log_in() {
        desk->model().apply(hall::counter::Intent::of_text(hall::counter::IntentKind::login, "siti", kOfficerPin, "loket-1"));
        REQUIRE(until([&] { return !desk->model().busy(); }));
        REQUIRE(desk->model().session());
    }
    // A visitor takes a number for `service` at the kiosk's screen.
    std::string take_number(const std::string& service) {
        using T = hall::kiosk::Intent::Type;
        kiosk->apply(hall::kiosk::Intent{T::open_agency, "contoh-dinas", -1});
        kiosk->apply(hall::kiosk::Intent{T::open_service, service, -1});
        kiosk->apply(hall::kiosk::Intent{T::take_number, {}, -1});
        REQUIRE(kiosk->screen() == hall::kiosk::Screen::priority);
        kiosk->apply(hall::kiosk::Intent{T::choose_priority, "regular", -1});
        REQUIRE(until([&] { return kiosk->busy() == hall::kiosk::Busy::none && kiosk->ticket(); }));
        std::string number = kiosk->ticket()->number;
        kiosk->apply(hall::kiosk::Intent{T::finish_ticket, {}, -1});
        return number;
    }

    // Every front end agrees with the server's own snapshot: the kiosk's replica is the
    // server's state exactly; the board and the desk show its waiting count and its call.
    bool agree_with(const json& snapshot) {
        hall::HallState server;
        if (!server.load_snapshot(snapshot)) return false;
        int waiting = 0;
        std::string called;
        for (const json& t : snapshot["tickets"]) {
            if (t["state"] == "waiting" || t["state"] == "transferred") ++waiting;
            if (t["state"] == "called" && t["counter"] == "loket-1") called = t["number"].get<std::string>();
        }
        const hall::display::BoardSnapshot shown = board.snapshot();
        const auto current = desk->model().current_ticket();
        return kiosk->hall().canonical() == server.canonical() && shown.waiting_total == waiting &&
               (called.empty() || (shown.latest && shown.latest->number == called)) &&
               desk->model().waiting_count() == waiting &&
               (called.empty() ? !current : current && current->number == called);
    }
};

}  // namespace

TEST_CASE("a server killed and restarted: kiosk, display and desk show it, then converge",
          "[failure][kill]") {
    ProcessHall hall;
    hall::RequestClient admin(hall.options("admin-1"));
    call_ok(admin, MessageType::officer_add, {{"officer", "siti"}, {"name", "Siti Aminah"}, {"pin", kOfficerPin}});
    hall::Catalog catalog;
    auto config = hall::load_hall_config(hall.config_file(), &catalog);
    REQUIRE(config);
    Clients clients(*config, catalog, hall.options("kiosk-1"), hall.options("display-1"), hall.options("counter-1"));
    REQUIRE(clients.until([&] { return clients.all_connected(); }));
    clients.log_in();

    const std::string first = clients.take_number(kSatu);
    CHECK(first == "A-001");
    REQUIRE(clients.until([&] { return clients.agree_with(call_ok(admin, MessageType::snapshot)); }));
    CHECK(clients.board.snapshot().waiting_total == 1);

    // SIGKILL: every front end notices and says so.
    hall.kill();
    REQUIRE(clients.until([&] { return clients.none_connected(); }));
    // The kiosk refuses a number with the offline reason (and keeps the requirements on screen).
    using T = hall::kiosk::Intent::Type;
    clients.kiosk->apply(hall::kiosk::Intent{T::open_agency, "contoh-dinas", -1});
    clients.kiosk->apply(hall::kiosk::Intent{T::open_service, kSatu, -1});
    CHECK(clients.kiosk->current_block().reason == "offline");
    CHECK_FALSE(clients.kiosk->requirements().empty());
    clients.kiosk->apply(hall::kiosk::Intent{T::take_number, {}, -1});
    CHECK(clients.kiosk->screen() == hall::kiosk::Screen::service);
    clients.kiosk->apply(hall::kiosk::Intent{T::home, {}, -1});
    // The desk refuses a call and sends nothing; the board keeps its picture under a banner.
    clients.desk->model().press_function_key(1);
    REQUIRE(clients.desk->model().notice());
    CHECK(clients.desk->model().notice()->text.key == "desk.why.disconnected");
    CHECK_FALSE(clients.desk->model().busy());
    CHECK(clients.board.snapshot().loaded);
    CHECK(clients.board.snapshot().waiting_total == 1);

    // Back up on the same data: the ticket issued before the kill is there, a ticket issued
    // meanwhile by another kiosk reaches everyone, and the desk works again.
    hall.start();
    hall::RequestClient other_kiosk(hall.options("kiosk-1"));
    const json second = call_ok(other_kiosk, MessageType::issue_ticket, {{"service", kSatu}})["ticket"];
    CHECK(second["number"] == "A-002");
    REQUIRE(clients.until([&] { return clients.all_connected(); }));
    REQUIRE(clients.until([&] { return clients.agree_with(call_ok(admin, MessageType::snapshot)); }));
    CHECK(clients.board.snapshot().waiting_total == 2);

    REQUIRE(clients.desk->model().press_function_key(1));
    REQUIRE(clients.until([&] { return !clients.desk->model().busy() && clients.desk->model().current_ticket(); }));
    CHECK(clients.desk->model().current_ticket()->number == first);
    REQUIRE(clients.until([&] { return clients.agree_with(call_ok(admin, MessageType::snapshot)); }));
    CHECK(clients.board.announcements().pushed_count() == 1);
    // The kiosk issues again, with a number the server never gave before.
    CHECK(clients.take_number(kSatu) == "A-003");
}

TEST_CASE("events lost on the way: kiosk, display and desk resync from the heartbeat and converge",
          "[failure][drop]") {
    hall::test::TestHall hall;
    hall::RequestClient admin(hall.options("admin-1"));
    call_ok(admin, MessageType::officer_add, {{"officer", "siti"}, {"name", "Siti Aminah"}, {"pin", kOfficerPin}});
    hall::Catalog catalog;
    auto config = hall::parse_hall_config(hall::test::fixture_config_toml(), "test.toml",
                                          hall::test::source_dir() / "tests/fixtures", &catalog);
    REQUIRE(config);
    Clients clients(*config, catalog, hall.options("kiosk-1"), hall.options("display-1"), hall.options("counter-1"));
    REQUIRE(clients.until([&] { return clients.all_connected(); }));
    clients.log_in();
    REQUIRE(clients.until([&] { return clients.agree_with(call_ok(admin, MessageType::snapshot)); }));
    const int board_snapshots = clients.board_link.snapshots();

    // From now on no event reaches anyone; heartbeats (with the sequence number) still do.
    hall.drop_events(true);
    hall::RequestClient other_kiosk(hall.options("kiosk-1"));
    const json a1 = call_ok(other_kiosk, MessageType::issue_ticket, {{"service", kSatu}})["ticket"];
    call_ok(other_kiosk, MessageType::issue_ticket, {{"service", kSatu}});
    // The kiosk's own ticket: its reply comes on the request socket; its event is lost.
    const std::string mine = clients.take_number(kSatu);
    CHECK(mine == "A-003");
    // The desk calls: its reply is its own; the board never hears the call event.
    REQUIRE(clients.until([&] { return clients.desk->model().waiting_count() == 3; }));
    REQUIRE(clients.desk->model().press_function_key(1));
    REQUIRE(clients.until([&] { return !clients.desk->model().busy() && clients.desk->model().current_ticket(); }));
    CHECK(clients.desk->model().current_ticket()->number == a1["number"]);

    // Everyone converges through snapshots, with the events still lost.
    REQUIRE(clients.until([&] { return clients.agree_with(call_ok(admin, MessageType::snapshot)); }));
    CHECK(clients.board_link.snapshots() > board_snapshots);
    // The call the board never heard as an event is announced once, after its resync.
    REQUIRE(clients.until([&] { return clients.board.announcements().pushed_count() == 1; }));
    CHECK(clients.board.snapshot().latest->number == a1["number"]);
    CHECK(clients.board.snapshot().waiting_total == 2);

    // The network heals: events flow again and keep everyone in step.
    hall.drop_events(false);
    call_ok(other_kiosk, MessageType::issue_ticket, {{"service", kSatu}});
    REQUIRE(clients.until([&] { return clients.agree_with(call_ok(admin, MessageType::snapshot)); }));
    CHECK(clients.board.snapshot().waiting_total == 3);
    CHECK(clients.board.announcements().pushed_count() == 1);
}
