// A hall for measuring: a folder with a config derived from the example hall
// (assets/hall.example.toml), a data dir with server keys, enrolled client keys and officers,
// and the real queue_server run on it as a separate process on free ports of 127.0.0.1.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/keys.hpp"
#include "common/request_client.hpp"
#include "common/result.hpp"
#include "tools/bench/bench_util.hpp"

namespace hall::bench {

// How the example hall is changed for a measurement.
struct ConfigChoice {
    bool open_all_day = true;  // every day 00:00-24:00, no breaks or holidays (runs at any hour)
    bool no_quotas = true;     // daily quotas off (a throughput run issues thousands)
    bool keep_breaks = false;  // keep the example's breaks and holidays (the simulated day)
    // Replaces the example's [[counter]] tables when not empty (TOML text of the new ones).
    std::string counters_toml;
};

// The example config, changed as `choice` says; ports 0 (the kernel picks), no backups.
Result<std::string> bench_config_toml(const ConfigChoice& choice);

class BenchHall {
public:
    // Creates `dir` (which must not exist yet, or be empty) with hall.toml, data/ (server keys)
    // and one enrolled key folder per entry of `clients` (name -> role).
    static Result<BenchHall> create(const std::filesystem::path& dir, const std::string& config_toml,
                                    const std::map<std::string, std::string>& clients);
    // Opens a folder made by create() (for example a cached one), reading its client keys.
    static Result<BenchHall> open(const std::filesystem::path& dir);

    // Adds an officer with a PIN, as `queue_server officer add` does.
    Status add_officer(const std::string& id, const std::string& name, const std::string& pin);

    std::filesystem::path dir() const { return m_dir; }
    std::filesystem::path config_file() const { return m_dir / "hall.toml"; }
    std::filesystem::path data_dir() const { return m_dir / "data"; }
    std::filesystem::path key_dir(const std::string& name) const { return m_dir / "keys" / name; }
    const ClientKeys& keys(const std::string& name) const { return m_keys.at(name); }

private:
    std::filesystem::path m_dir;
    std::map<std::string, ClientKeys> m_keys;
};

// `queue_server serve` on a BenchHall, as a separate process.
class ServerProcess {
public:
    // Starts the server and waits for its ready line (ports). The log goes to dir/server.log.
    Status start(const BenchHall& hall, int ready_timeout_ms = 30000);
    // SIGTERM and wait: the server commits and closes its database.
    void stop() { m_child.stop(10000); }

    int request_port() const { return m_request_port; }
    int publish_port() const { return m_publish_port; }
    pid_t pid() const { return m_child.pid(); }
    // CLOCK_MONOTONIC ns when the process was started, and when its ready line was read.
    std::int64_t started_ns() const { return m_started_ns; }
    std::int64_t ready_ns() const { return m_ready_ns; }

    // Client options for one of the hall's keys against this server.
    ClientOptions options(const BenchHall& hall, const std::string& name, int timeout_ms = 5000,
                          int attempts = 3) const;

private:
    Child m_child;
    int m_request_port = 0;
    int m_publish_port = 0;
    std::int64_t m_started_ns = 0;
    std::int64_t m_ready_ns = 0;
};

}  // namespace hall::bench
