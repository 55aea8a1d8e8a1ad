// The security and fault tests' hall: a real server on 127.0.0.1 ephemeral ports like
// tests/server/test_hall.hpp's TestHall (same fixture config and keys), plus what those tests
// need on top: a database opened through a named SQLite VFS (the fault shim), a clock the test
// can move forward, raw frames from any key or none, and the server's log lines captured.
#pragma once
#include <zmq_addon.hpp>

#include <unistd.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "../server/test_hall.hpp"
#include "common/keys.hpp"
#include "common/log.hpp"

namespace hall::test {

// Captures every log line written while it lives (the server logs on its own thread).
class LogCapture {
public:
    LogCapture() {
        log::set_capture([this](std::string_view line) {
            std::lock_guard lock(m_mutex);
            m_lines.emplace_back(line);
        });
    }
    ~LogCapture() { log::set_capture({}); }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    // Lines containing every one of `needles`.
    int count(std::initializer_list<std::string_view> needles) const {
        std::lock_guard lock(m_mutex);
        int n = 0;
        for (const std::string& line : m_lines) {
            bool all = true;
            for (std::string_view s : needles) all = all && line.find(s) != std::string::npos;
            n += all ? 1 : 0;
        }
        return n;
    }
    // Waits up to `ms` for a line containing every one of `needles`.
    bool wait_for(std::initializer_list<std::string_view> needles, int ms = 3000) const {
        for (int waited = 0; waited <= ms; waited += 10) {
            if (count(needles) > 0) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    }
    std::string dump() const {
        std::lock_guard lock(m_mutex);
        std::string out;
        for (const std::string& line : m_lines) out += line + "\n";
        return out;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

class SecurityHall {
public:
    // `vfs_name`: the SQLite VFS the server opens its database with (nullptr: the default).
    // `in_memory_fs`: keep the data dir on /dev/shm when there is one, where fsync costs
    // nothing; for tests whose disk is the fault shim anyway and that run a hall many times.
    explicit SecurityHall(const char* vfs_name = nullptr, bool in_memory_fs = false) : m_vfs(vfs_name) {
        std::random_device rd;
        std::error_code ec;
        std::filesystem::path base = std::filesystem::temp_directory_path();
        if (in_memory_fs && std::filesystem::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0)
            base = "/dev/shm";
        m_dir = base / ("hall-security-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_dir);
        auto config = parse_hall_config(fixture_config_toml(), "test.toml", source_dir() / "tests/fixtures", &m_catalog);
        if (!config) throw std::runtime_error(config.error().message);
        m_config = *config;
        m_offset = monday_nine_offset();
        if (!server::init_server_keys(data_dir())) throw std::runtime_error("keys init failed");
        for (const char* role : {"kiosk", "counter", "display", "admin"}) enrol(std::string(role) + "-1", role);
    }
    ~SecurityHall() {
        stop();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    SecurityHall(const SecurityHall&) = delete;
    SecurityHall& operator=(const SecurityHall&) = delete;

    std::filesystem::path data_dir() const { return m_dir / "data"; }
    std::filesystem::path database() const { return data_dir() / server::kDatabaseFile; }

    ClientKeys enrol(const std::string& name, const std::string& role) {
        auto keys = server::enrol_client(data_dir(), name, role);
        if (!keys) throw std::runtime_error(keys.error().message);
        m_keys[name] = *keys;
        return *keys;
    }
    const ClientKeys& keys(const std::string& name) const { return m_keys.at(name); }

    // Starts the server (on the ports of the first start, when restarted); the error if it
    // refuses to start.
    std::optional<Error> start() {
        if (m_request_port) {
            m_config.server.request_port = m_request_port;
            m_config.server.publish_port = m_publish_port;
        }
        auto server = server::Server::create(m_config, m_catalog, data_dir(), [this] { return now(); }, m_vfs);
        if (!server) return server.error();
        m_server = std::move(*server);
        m_request_port = m_server->request_port();
        m_publish_port = m_server->publish_port();
        m_stop = false;
        m_thread = std::thread([this] { m_server->run(m_stop); });
        return std::nullopt;
    }
    void stop() {
        if (!m_thread.joinable()) return;
        m_stop = true;
        {
            // The loop checks `stop` every 100 ms or when a socket stirs: a connecting client
            // wakes it now (a test may run many halls in a row).
            zmq::context_t ctx(1);
            zmq::socket_t s(ctx, zmq::socket_type::dealer);
            s.set(zmq::sockopt::linger, 0);
            apply_curve_client(s, m_keys.at("kiosk-1"));
            s.connect("tcp://127.0.0.1:" + std::to_string(m_request_port));
            m_thread.join();
        }
        m_server.reset();
    }

    // The server's clock: Monday 09:00 at the hall when the hall was made, plus real time,
    // plus whatever advance() added.
    std::int64_t now() const { return server::system_clock_ms() + m_offset + m_advanced.load(); }
    void advance(std::int64_t ms) { m_advanced += ms; }

    ClientOptions options(const std::string& name, int timeout_ms = 2000, int attempts = 3) const {
        ClientOptions o;
        o.host = "127.0.0.1";
        o.port = m_request_port;
        o.keys = m_keys.at(name);
        o.timeout_ms = timeout_ms;
        o.attempts = attempts;
        return o;
    }
    int request_port() const { return m_request_port; }
    int publish_port() const { return m_publish_port; }

    // Sends one frame from a DEALER with `keys` (CURVE unless `curve` is false) and returns the
    // reply frame, if one comes within `timeout_ms`.
    std::optional<std::string> raw_request(const ClientKeys& keys, const std::string& frame, bool curve = true,
                                           int timeout_ms = 1000) const {
        zmq::context_t ctx(1);
        zmq::socket_t s(ctx, zmq::socket_type::dealer);
        s.set(zmq::sockopt::linger, 0);
        if (curve) apply_curve_client(s, keys);
        s.connect("tcp://127.0.0.1:" + std::to_string(m_request_port));
        s.send(zmq::buffer(frame), zmq::send_flags::none);
        zmq::pollitem_t item{s.handle(), 0, ZMQ_POLLIN, 0};
        zmq::poll(&item, 1, std::chrono::milliseconds(timeout_ms));
        if (!(item.revents & ZMQ_POLLIN)) return std::nullopt;
        zmq::message_t m;
        (void)s.recv(m);
        return m.to_string();
    }

private:
    const char* m_vfs;
    std::filesystem::path m_dir;
    HallConfig m_config;
    Catalog m_catalog;
    std::map<std::string, ClientKeys> m_keys;
    std::unique_ptr<server::Server> m_server;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    int m_request_port = 0;
    int m_publish_port = 0;
    std::int64_t m_offset = 0;
    std::atomic<std::int64_t> m_advanced{0};
};

}  // namespace hall::test
