// Fixtures of the reliability tests: an in-process server whose clock the test sets (jumps
// forward and back, midnights), a hall open all day, and helpers to run queue_server as a real
// process (for backup and restore, which are commands of the program).
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/request_client.hpp"
#include "queue_server/server.hpp"

extern char** environ;

namespace hall::reliability {

namespace fs = std::filesystem;
using json = nlohmann::json;

inline fs::path source_dir() {
    const char* env = std::getenv("HALL_SOURCE_DIR");
    return env && *env ? fs::path(env) : fs::path(HALL_SOURCE_DIR);
}

// Monday 2026-11-23 00:00 at +07:00 (day 20780 since the epoch; local midnight is 17:00 UTC
// of the day before).
constexpr std::int64_t kMondayMidnight = 20780LL * 86400000 - 7LL * 3600000;
// Wall-clock milliseconds of a local time in that week: day 0 is Monday 2026-11-23.
constexpr std::int64_t local_ms(int day, int hour, int minute, int second = 0) {
    return kMondayMidnight + ((day * 24LL + hour) * 60 + minute) * 60000 + second * 1000LL;
}

// A hall open every day around the clock, on the fixture catalog: services layanan-satu and
// layanan-dua share prefix A, layanan-tiga has C; loket-1 serves all, loket-2 serves
// layanan-dua. `utc_offset` in "+HH:MM"; `extra` is appended (e.g. a [backup] table).
inline std::string all_day_toml(const std::string& catalog, const std::string& utc_offset = "+07:00",
                                const std::string& extra = "", int request_port = 0) {
    std::string toml = "[hall]\nname = \"Mal Uji Keandalan\"\nutc_offset = \"" + utc_offset + "\"\ncatalog = \"" +
                       catalog + "\"\n\n[server]\nbind = \"127.0.0.1\"\nrequest_port = " + std::to_string(request_port) +
                       "\npublish_port = 0\nhttp_port = 0\n\n[hours]\n";
    for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
        toml += std::string(day) + " = \"00:00-24:00\"\n";
    toml += R"(
[[agency]]
id = "contoh-dinas"
prefix = "A"

[[agency.service]]
id = "contoh-dinas.layanan-tiga"
prefix = "C"

[[counter]]
id = "loket-1"
name = "Loket 1"
services = ["contoh-dinas.*"]

[[counter]]
id = "loket-2"
name = "Loket 2"
services = ["contoh-dinas.layanan-dua"]
)";
    return toml + extra;
}

// A temporary folder, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = fs::temp_directory_path() / ("hall-reliability-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
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

// An in-process server whose clock runs in real time from a time the test sets, and jumps
// whenever the test sets it again.
class ClockHall {
public:
    explicit ClockHall(std::int64_t start_ms, const std::string& extra_toml = "") {
        set_time(start_ms);
        auto config = parse_hall_config(all_day_toml("catalog", "+07:00", extra_toml), "test.toml",
                                        source_dir() / "tests/fixtures", &m_catalog);
        if (!config) throw std::runtime_error(config.error().message);
        m_config = *config;
        if (!server::init_server_keys(data_dir())) throw std::runtime_error("keys init failed");
        for (const char* role : {"kiosk", "counter", "display", "admin"}) enrol(std::string(role) + "-1", role);
        start();
    }
    ~ClockHall() { stop(); }
    ClockHall(const ClockHall&) = delete;
    ClockHall& operator=(const ClockHall&) = delete;

    fs::path data_dir() const { return m_tmp.path() / "data"; }
    fs::path database() const { return data_dir() / server::kDatabaseFile; }

    ClientKeys enrol(const std::string& name, const std::string& role) {
        auto keys = server::enrol_client(data_dir(), name, role);
        if (!keys) throw std::runtime_error(keys.error().message);
        m_keys[name] = *keys;
        (void)save_client_keys(m_tmp.path() / "keys" / name, *keys);
        return *keys;
    }
    fs::path key_dir(const std::string& name) const { return m_tmp.path() / "keys" / name; }

    // The server's clock.
    std::int64_t now() const { return server::system_clock_ms() + m_offset.load(); }
    void set_time(std::int64_t ms) { m_offset = ms - server::system_clock_ms(); }

    void start() {
        if (m_request_port) {
            m_config.server.request_port = m_request_port;
            m_config.server.publish_port = m_publish_port;
        }
        auto server = server::Server::create(m_config, m_catalog, data_dir(), [this] { return now(); });
        if (!server) throw std::runtime_error(server.error().message);
        m_server = std::move(*server);
        m_request_port = m_server->request_port();
        m_publish_port = m_server->publish_port();
        m_stop = false;
        m_thread = std::thread([this] { m_server->run(m_stop); });
    }
    void stop() {
        if (!m_thread.joinable()) return;
        m_stop = true;
        m_thread.join();
        m_server.reset();
    }

    ClientOptions options(const std::string& name, int timeout_ms = 3000, int attempts = 3) const {
        ClientOptions o;
        o.host = "127.0.0.1";
        o.port = m_request_port;
        o.keys = m_keys.at(name);
        o.timeout_ms = timeout_ms;
        o.attempts = attempts;
        return o;
    }
    int request_port() const { return m_request_port; }

private:
    TempDir m_tmp;
    HallConfig m_config;
    Catalog m_catalog;
    std::map<std::string, ClientKeys> m_keys;
    std::unique_ptr<server::Server> m_server;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<std::int64_t> m_offset{0};
    int m_request_port = 0;
    int m_publish_port = 0;
};

// Waits until `pred` holds, up to `ms` milliseconds.
template <class Pred>
bool eventually(Pred pred, int ms = 5000) {
    for (int i = 0; i < ms / 10; ++i) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return pred();
}

// ---- queue_server as a process ----

struct Run {
    int status = -1;
    std::string output;  // stdout and stderr together
};

// Runs HALL_BIN_DIR/queue_server with `args` to completion.
inline Run run_queue_server(const std::vector<std::string>& args) {
    std::string cmd = std::string(HALL_BIN_DIR) + "/queue_server";
    for (const auto& a : args) cmd += " '" + a + "'";
    cmd += " 2>&1";
    Run r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    char buf[1024];
    while (fgets(buf, sizeof buf, p)) r.output += buf;
    int rc = pclose(p);
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return r;
}

// `queue_server serve` in its own process, on free ports.
class ServeProcess {
public:
    ServeProcess(const fs::path& config, const fs::path& data, const fs::path& log) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        std::vector<std::string> args{std::string(HALL_BIN_DIR) + "/queue_server", "serve", "--config", config.string(),
                                      "--data", data.string()};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        int rc = posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        if (rc != 0) throw std::runtime_error("cannot start queue_server");
        std::string out;
        for (int i = 0; i < 200 && out.find('\n') == std::string::npos; ++i) {
            pollfd p{fds[0], POLLIN, 0};
            ::poll(&p, 1, 50);
            if (p.revents) {
                char buf[256];
                ssize_t n = ::read(fds[0], buf, sizeof buf);
                if (n <= 0) break;
                out.append(buf, static_cast<std::size_t>(n));
            }
        }
        ::close(fds[0]);
        if (std::sscanf(out.c_str(), "ready request_port=%d publish_port=%d", &m_request_port, &m_publish_port) != 2) {
            stop();
            throw std::runtime_error("queue_server did not start: " + out);
        }
    }
    ~ServeProcess() { stop(); }
    void stop() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
    int request_port() const { return m_request_port; }

private:
    pid_t m_pid = -1;
    int m_request_port = 0;
    int m_publish_port = 0;
};

// The UTC offset ("+HH:00") that puts the hall's local time near noon now, so a test using
// the real clock never straddles the hall's midnight.
inline std::string noon_utc_offset() {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    int hours = 12 - utc.tm_hour;
    char text[32];
    std::snprintf(text, sizeof text, "%c%02d:00", hours < 0 ? '-' : '+', hours < 0 ? -hours : hours);
    return text;
}

}  // namespace hall::reliability
