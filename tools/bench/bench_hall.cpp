// The bench's hall is the example hall (every service of the five agencies, its counters and
// prefixes), so the figures describe the hall people run, changed only where a measurement
// needs it (hours, quotas, ports).
#include "tools/bench/bench_hall.hpp"

#include <fstream>
#include <regex>
#include <sstream>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "queue_server/hall_engine.hpp"
#include "queue_server/server.hpp"
#include "queue_server/store.hpp"

namespace hall::bench {

namespace fs = std::filesystem;

Result<std::string> bench_config_toml(const ConfigChoice& choice) {
    const fs::path example = source_dir() / "assets" / "hall.example.toml";
    std::ifstream in(example);
    if (!in) return make_error("no_example", "cannot read " + example.string());
    static const std::regex day_line(R"(^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*=.*)");
    static const std::regex quota_line(R"(^daily_quota\s*=.*)");
    static const std::regex port_line(R"(^(request_port|publish_port|http_port)\s*=.*)");
    std::ostringstream out;
    std::string line;
    bool skipping = false;
    bool counters_written = false;
    while (std::getline(in, line)) {
        const bool table = !line.empty() && line[0] == '[';
        if (table) {
            skipping = false;
            const bool is_break = line.rfind("[[hours.break]]", 0) == 0 || line.rfind("[[holiday]]", 0) == 0;
            if ((is_break && !choice.keep_breaks) || line.rfind("[backup]", 0) == 0) skipping = true;
            if (line.rfind("[[counter]]", 0) == 0 && !choice.counters_toml.empty()) {
                skipping = true;
                if (!counters_written) out << choice.counters_toml << "\n";
                counters_written = true;
            }
        }
        if (skipping) continue;
        std::smatch m;
        if (line.rfind("catalog", 0) == 0 && line.find('=') != std::string::npos) {
            out << "catalog = \"" << (source_dir() / "assets" / "catalog").string() << "\"\n";
        } else if (choice.open_all_day && std::regex_match(line, m, day_line)) {
            out << m[1] << " = \"00:00-24:00\"\n";
        } else if (choice.no_quotas && std::regex_match(line, quota_line)) {
            out << "daily_quota = 0\n";
        } else if (std::regex_match(line, m, port_line)) {
            out << m[1] << " = 0\n";
        } else {
            out << line << "\n";
        }
    }
    return out.str();
}

Result<BenchHall> BenchHall::create(const fs::path& dir, const std::string& config_toml,
                                    const std::map<std::string, std::string>& clients) {
    std::error_code ec;
    fs::create_directories(dir / "data", ec);
    if (ec) return make_error("bench_dir", "cannot create " + dir.string() + ": " + ec.message());
    {
        std::ofstream out(dir / "hall.toml");
        out << config_toml;
        if (!out) return make_error("bench_dir", "cannot write " + (dir / "hall.toml").string());
    }
    // The config must load (and its catalog with it) before anything is enrolled.
    Catalog catalog;
    auto config = load_hall_config(dir / "hall.toml", &catalog);
    if (!config) return config.error();
    auto keys = server::init_server_keys(dir / "data");
    if (!keys) return keys.error();
    BenchHall hall;
    hall.m_dir = dir;
    for (const auto& [name, role] : clients) {
        auto client = server::enrol_client(dir / "data", name, role);
        if (!client) return client.error();
        if (auto s = save_client_keys(dir / "keys" / name, *client); !s) return s.error();
        hall.m_keys[name] = *client;
    }
    return hall;
}

Result<BenchHall> BenchHall::open(const fs::path& dir) {
    BenchHall hall;
    hall.m_dir = dir;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / "keys", ec)) {
        auto keys = load_client_keys(entry.path());
        if (!keys) return keys.error();
        hall.m_keys[entry.path().filename().string()] = *keys;
    }
    if (ec) return make_error("bench_dir", "cannot read " + (dir / "keys").string() + ": " + ec.message());
    return hall;
}

Status BenchHall::add_officer(const std::string& id, const std::string& name, const std::string& pin) {
    Catalog catalog;
    auto config = load_hall_config(config_file(), &catalog);
    if (!config) return config.error();
    auto db = server::Database::open(data_dir() / server::kDatabaseFile);
    if (!db) return db.error();
    server::HallEngine engine(*db, *config, catalog, server::system_clock_ms);
    if (auto s = engine.prepare(); !s) return s;
    server::Transaction tx(*db);
    auto added = engine.add_officer(id, name, pin);
    if (!added) return added.error();
    return tx.commit();
}

Status ServerProcess::start(const BenchHall& hall, int ready_timeout_ms) {
    const fs::path server = bin_dir() / "queue_server";
    std::string error;
    m_started_ns = now_ns();
    if (!m_child.start({server.string(), "serve", "--config", hall.config_file().string(), "--data",
                        hall.data_dir().string()},
                       hall.dir() / "server.log", {}, error))
        return make_error("server_start", "cannot start " + server.string() + ": " + error);
    auto line = m_child.read_line(ready_timeout_ms);
    m_ready_ns = now_ns();
    int request = 0, publish = 0;
    if (!line || std::sscanf(line->c_str(), "ready request_port=%d publish_port=%d", &request, &publish) != 2) {
        m_child.stop(2000);
        return make_error("server_start", "queue_server did not become ready (see " +
                                              (hall.dir() / "server.log").string() + ")");
    }
    m_request_port = request;
    m_publish_port = publish;
    return ok_status();
}

ClientOptions ServerProcess::options(const BenchHall& hall, const std::string& name, int timeout_ms,
                                     int attempts) const {
    ClientOptions o;
    o.host = "127.0.0.1";
    o.port = m_request_port;
    o.keys = hall.keys(name);
    o.timeout_ms = timeout_ms;
    o.attempts = attempts;
    return o;
}

}  // namespace hall::bench
