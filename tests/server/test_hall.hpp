// A real queue server for integration tests: a temporary data dir, server keys, enrolled client
// keys for every role, the fixture catalog, ephemeral ports on 127.0.0.1, and a clock that reads
// Monday 09:00 in the hall's time zone when the test starts (and then runs in real time).
#pragma once
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/request_client.hpp"
#include "queue_server/server.hpp"

namespace hall::test {

inline std::filesystem::path source_dir() {
    const char* env = std::getenv("HALL_SOURCE_DIR");
    return env ? std::filesystem::path(env) : std::filesystem::path(HALL_SOURCE_DIR);
}

// The fixture hall: three services, two counters, open every weekday 08:00-15:00.
inline std::string fixture_config_toml(const std::string& extra = "") {
    return R"([hall]
name = "Mal Uji"
utc_offset = "+07:00"
catalog = "catalog"

[server]
bind = "127.0.0.1"
request_port = 0
publish_port = 0
http_port = 0

[hours]
monday = "08:00-15:00"
tuesday = "08:00-15:00"
wednesday = "08:00-15:00"
thursday = "08:00-15:00"
friday = "08:00-15:00"

[priority]
mode = "interleave"
regular_per_priority = 1

[[agency]]
id = "contoh-dinas"
prefix = "A"

[[agency.service]]
id = "contoh-dinas.layanan-tiga"
prefix = "C"
daily_quota = 1000

[[counter]]
id = "loket-1"
name = "Loket 1"
services = ["contoh-dinas.*"]

[[counter]]
id = "loket-2"
name = "Loket 2"
services = ["contoh-dinas.layanan-dua"]
)" + extra;
}

// Milliseconds to add to the system clock so that "now" reads Monday 09:00 at +07:00.
inline std::int64_t monday_nine_offset() {
    using namespace std::chrono;
    std::int64_t now = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    // 2026-11-23 is a Monday (day 20780 since 1970-01-01); 09:00 at +07:00 is 02:00 UTC.
    const std::int64_t monday_nine = 20780LL * 86400000 + 2LL * 3600000;
    return monday_nine - now;
}

class TestHall {
public:
    explicit TestHall(const std::string& extra_toml = "") {
        std::random_device rd;
        m_dir = std::filesystem::temp_directory_path() / ("hall-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_dir);
        auto config = parse_hall_config(fixture_config_toml(extra_toml), "test.toml", source_dir() / "tests/fixtures",
                                        &m_catalog);
        if (!config) throw std::runtime_error(config.error().message);
        m_config = *config;
        m_offset = monday_nine_offset();
        if (!server::init_server_keys(data_dir())) throw std::runtime_error("keys init failed");
        for (const char* role : {"kiosk", "counter", "display", "admin"}) enrol(std::string(role) + "-1", role);
        start();
    }

    ~TestHall() {
        stop();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    std::filesystem::path data_dir() const { return m_dir / "data"; }
    const HallConfig& config() const { return m_config; }

    // Enrols a client key and returns its folder.
    ClientKeys enrol(const std::string& name, const std::string& role) {
        auto keys = server::enrol_client(data_dir(), name, role);
        if (!keys) throw std::runtime_error(keys.error().message);
        m_keys[name] = *keys;
        (void)save_client_keys(m_dir / "keys" / name, *keys);
        return *keys;
    }
    std::filesystem::path key_dir(const std::string& name) const { return m_dir / "keys" / name; }

    void start() {
        // Restarts reuse the ports of the first start so clients can reconnect.
        if (m_request_port) {
            m_config.server.request_port = m_request_port;
            m_config.server.publish_port = m_publish_port;
        }
        std::int64_t offset = m_offset;
        auto server = server::Server::create(m_config, m_catalog, data_dir(), [offset] {
            return server::system_clock_ms() + offset;
        });
        if (!server) throw std::runtime_error(server.error().message);
        m_server = std::move(*server);
        m_server->set_publish_drop([this](const nlohmann::json&) { return m_drop_events.load(); });
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

    ClientOptions options(const std::string& name, int timeout_ms = 2000, int attempts = 3) const {
        ClientOptions o;
        o.host = "127.0.0.1";
        o.port = m_request_port;
        o.keys = m_keys.at(name);
        o.timeout_ms = timeout_ms;
        o.attempts = attempts;
        return o;
    }
    // While on, the server publishes no events (heartbeats still go out), as if the network
    // lost them: clients must notice the gap and resync.
    void drop_events(bool on) { m_drop_events = on; }
    int request_port() const { return m_request_port; }
    int publish_port() const { return m_publish_port; }
    // The HTTP pages' port of the running server (a new ephemeral port after each start).
    int http_port() const { return m_server ? m_server->http_port() : 0; }
    std::int64_t clock_offset() const { return m_offset; }

private:
    std::filesystem::path m_dir;
    HallConfig m_config;
    Catalog m_catalog;
    std::map<std::string, ClientKeys> m_keys;
    std::unique_ptr<server::Server> m_server;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_drop_events{false};
    int m_request_port = 0;
    int m_publish_port = 0;
    std::int64_t m_offset = 0;
};

}  // namespace hall::test
