// The queue server: a ROUTER for requests and a PUB for updates, both under CURVE with a ZAP
// handler that admits only keys on the hall's allow-list. One thread owns the sockets, the
// database and the engine.
//
// Group commit: the loop takes every request already waiting (up to a batch limit), applies
// each in its own savepoint inside one transaction, commits once, and only then sends the
// replies and publishes the events. No client sees a ticket that is not durable.
#pragma once
#include <atomic>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/keys.hpp"
#include "queue_server/backup.hpp"
#include "queue_server/hall_engine.hpp"
#include "queue_server/http_server.hpp"
#include "queue_server/store.hpp"

namespace hall::server {

// File names inside the data dir.
constexpr const char* kDatabaseFile = "hall.db";

// Enrols a client key on the allow-list of the database in `data_dir`.
Result<ClientKeys> enrol_client(const std::filesystem::path& data_dir, const std::string& name,
                                const std::string& role);
// Creates the server key pair in `data_dir` (refuses to overwrite an existing one).
Result<KeyPair> init_server_keys(const std::filesystem::path& data_dir);

class Server {
public:
    // Opens the store, loads the keys and the allow-list, and binds both sockets. Each failure
    // is one clear English line in the error. `vfs_name` (tests only) opens the database
    // through a registered SQLite VFS, e.g. one that injects disk faults.
    static Result<std::unique_ptr<Server>> create(const HallConfig& config, const Catalog& catalog,
                                                  const std::filesystem::path& data_dir, Clock clock = system_clock_ms,
                                                  const char* vfs_name = nullptr);
    ~Server();

    // Serves until `stop` becomes true (checked at least every 100 ms).
    void run(const std::atomic<bool>& stop);

    // Tests only: an event for which `drop` returns true is not sent, as if the network had
    // lost it. It is still committed, counted in the heartbeat's seq and in every snapshot.
    // Set before run().
    void set_publish_drop(std::function<bool(const json& event)> drop) { m_publish_drop = std::move(drop); }

    int request_port() const { return m_request_port; }
    int publish_port() const { return m_publish_port; }
    const std::string& public_key() const { return m_keys.public_key; }
    // The port of the HTTP pages (ticket page, survey, supervisor's pages).
    int http_port() const { return m_http ? m_http->port() : 0; }

    // Largest number of requests applied in one transaction.
    static constexpr int kMaxBatch = 256;
    // Ticket-token guessing: a key with this many unknown tokens in `ticket_info` within the
    // window gets `rate_limited` for its token look-ups until older misses leave the window.
    static constexpr int kMaxUnknownTokens = 20;
    static constexpr std::int64_t kUnknownTokenWindowMs = 60 * 1000;

private:
    Server(const HallConfig& config, const Catalog& catalog, Database db, Clock clock);
    Status bind_sockets();
    void handle_zap();
    // Logs connections refused before ZAP (a client without CURVE), read from a socket monitor.
    void handle_monitor(zmq::socket_t& monitor, const char* socket_name);
    void handle_batch();
    // Ticket-token guessing: true while `user` has had too many unknown tokens in the window.
    bool token_lookups_throttled(const std::string& user);
    void note_unknown_token(const std::string& user);
    void tick();
    // Devices heard since the last flush (name -> when, from where), written to `clients` at
    // most once a minute inside the heartbeat's transaction.
    void note_seen(const std::string& user, const std::string& address);
    void flush_seen(std::int64_t now);
    void publish(const std::vector<json>& events);
    void publish_heartbeat();
    // The web pages' side of the loop (queue_server/http_loop.cpp): the HTTP threads send their
    // reads and writes here, over an inproc socket, and the loop applies them like requests.
    Status start_web(const Catalog& catalog, const std::filesystem::path& data_dir);
    void handle_web();
    Result<json> web_request(const json& request, std::vector<json>& events);
    Result<json> web_login(const json& request);
    void stop_web();

    const HallConfig& m_config;
    DataDirLock m_lock;  // one server per data dir; released after m_db is closed
    Database m_db;
    std::unique_ptr<Checkpointer> m_checkpointer;  // stops before m_db closes
    HallEngine m_engine;
    Clock m_clock;
    KeyPair m_keys;
    zmq::context_t m_context;
    zmq::socket_t m_zap;
    zmq::socket_t m_router;
    zmq::socket_t m_publisher;
    zmq::socket_t m_router_monitor;
    zmq::socket_t m_publisher_monitor;
    int m_request_port = 0;
    int m_publish_port = 0;
    std::unordered_map<std::string, proto::Role> m_roles;  // key name -> role, from ZAP
    std::unordered_map<std::string, std::deque<std::int64_t>> m_token_misses;  // key name -> times
    std::int64_t m_last_heartbeat = 0;
    std::int64_t m_last_prune = 0;
    struct Seen {
        std::int64_t at = 0;
        std::string address;
        bool dirty = false;
    };
    std::unordered_map<std::string, Seen> m_seen;
    std::int64_t m_last_seen_flush = 0;
    std::int64_t m_seq = 0;
    std::unique_ptr<BackupScheduler> m_backups;
    std::function<bool(const json& event)> m_publish_drop;  // tests only  // null when [backup] interval_minutes = 0
    zmq::socket_t m_web;                      // ROUTER on inproc: requests of the HTTP threads
    std::atomic<bool> m_web_closing{false};   // the loop is stopping: HTTP threads stop waiting
    std::unique_ptr<web::HttpServer> m_http;  // last member: its threads stop before the rest goes
};

}  // namespace hall::server
