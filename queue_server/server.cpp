// Socket loop of the queue server. Library exceptions (cppzmq) are caught here, at the edge,
// and turned into log lines or error replies; the loop itself never dies on a bad message.
#include "queue_server/server.hpp"

#include <zmq.h>

#include <chrono>
#include <cstring>
#include <tuple>

#include "common/log.hpp"

namespace hall::server {

namespace fs = std::filesystem;
using proto::ErrorCode;

namespace {

constexpr const char* kZapEndpoint = "inproc://zeromq.zap.01";
constexpr const char* kZapDomain = "hall";
constexpr int kPublishHighWaterMark = 100000;

int bound_port(zmq::socket_t& socket) {
    std::string endpoint = socket.get(zmq::sockopt::last_endpoint);
    auto colon = endpoint.rfind(':');
    return colon == std::string::npos ? 0 : std::stoi(endpoint.substr(colon + 1));
}

std::string endpoint_for(const std::string& address, int port) {
    return "tcp://" + address + ":" + (port == 0 ? std::string("*") : std::to_string(port));
}

}  // namespace

Result<KeyPair> init_server_keys(const fs::path& data_dir) {
    std::error_code ec;
    fs::create_directories(data_dir, ec);
    if (fs::exists(data_dir / "server.key"))
        return make_error("keys_exist", "server keys already exist in " + data_dir.string() + " (not overwritten)");
    auto keys = generate_key_pair();
    if (!keys) return keys;
    if (auto s = save_server_keys(data_dir, *keys); !s) return s.error();
    return keys;
}

Result<ClientKeys> enrol_client(const fs::path& data_dir, const std::string& name, const std::string& role) {
    if (!proto::parse_role(role)) return make_error("bad_role", "unknown role '" + role + "' (kiosk, counter, display, admin)");
    if (name.empty() || name.size() > 64) return make_error("bad_name", "a client name is 1 to 64 characters");
    auto server_keys = load_server_keys(data_dir);
    if (!server_keys) return server_keys.error();
    auto db = Database::open(data_dir / kDatabaseFile);
    if (!db) return db.error();
    {
        Statement exists(*db, "SELECT role FROM clients WHERE name = ?1");
        exists.bind(1, name);
        if (exists.step())
            return make_error("name_taken", "a device named '" + name + "' is already enrolled (role " +
                                                exists.column_text(0) + "): choose another --name");
    }
    auto keys = generate_key_pair();
    if (!keys) return keys.error();
    Statement q(*db, "INSERT INTO clients (name, public_key, role, created_at) VALUES (?1, ?2, ?3, ?4)");
    q.bind(1, name).bind(2, keys->public_key).bind(3, role).bind(4, system_clock_ms());
    if (!q.run()) return make_error("enrol_failed", "cannot enrol '" + name + "': " + q.error());
    return ClientKeys{name, role, *keys, server_keys->public_key};
}

Server::Server(const HallConfig& config, const Catalog& catalog, Database db, Clock clock)
    : m_config(config), m_db(std::move(db)), m_engine(m_db, config, catalog, clock), m_clock(std::move(clock)),
      m_context(1), m_zap(m_context, zmq::socket_type::rep), m_router(m_context, zmq::socket_type::router),
      m_publisher(m_context, zmq::socket_type::pub) {}

Server::~Server() {
    stop_web();
    m_router.set(zmq::sockopt::linger, 0);
    m_publisher.set(zmq::sockopt::linger, 500);
}

Result<std::unique_ptr<Server>> Server::create(const HallConfig& config, const Catalog& catalog,
                                               const fs::path& data_dir, Clock clock, const char* vfs_name) {
    if (!fs::is_directory(data_dir))
        return make_error("no_data_dir", "data dir " + data_dir.string() + " does not exist (run: queue_server keys init)");
    // A second server on the same data dir would be a second writer of the hall's state.
    auto lock = DataDirLock::acquire(data_dir);
    if (!lock) return lock.error();
    auto keys = load_server_keys(data_dir);
    if (!keys) return make_error(keys.error().code, keys.error().message + " (run: queue_server keys init)");
    auto db = Database::open(data_dir / kDatabaseFile, vfs_name);
    if (!db) return db.error();
    {
        // CURVE without an allow-list would admit anyone who knows the server's public key.
        Statement q(*db, "SELECT COUNT(*) FROM clients WHERE revoked = 0");
        if (!q.step() || q.column_int(0) == 0)
            return make_error("no_allow_list", "no client keys are enrolled: refusing to serve "
                                               "(run: queue_server keys add --role R ...)");
    }
    std::unique_ptr<Server> server(new Server(config, catalog, std::move(*db), std::move(clock)));
    server->m_keys = *keys;
    server->m_lock = std::move(*lock);
    auto checkpointer = Checkpointer::start(server->m_db, data_dir / kDatabaseFile, vfs_name);
    if (!checkpointer) return checkpointer.error();
    server->m_checkpointer = std::move(*checkpointer);
    server->m_engine.set_day_rule(DayRule::guard_jumps);
    if (auto s = server->m_engine.prepare(); !s) return s.error();
    if (config.backup.interval_minutes > 0)
        server->m_backups = std::make_unique<BackupScheduler>(data_dir / kDatabaseFile, data_dir / config.backup.dir,
                                                              config.backup, config.utc_offset_minutes);
    if (auto s = server->bind_sockets(); !s) return s.error();
    server->m_seq = server->m_engine.last_seq();
    if (auto s = server->start_web(catalog, data_dir); !s) return s.error();
    return server;
}

Status Server::bind_sockets() {
    try {
        m_zap.bind(kZapEndpoint);
        for (zmq::socket_t* s : {&m_router, &m_publisher}) {
            s->set(zmq::sockopt::curve_server, 1);
            s->set(zmq::sockopt::curve_secretkey, m_keys.secret_key);
            s->set(zmq::sockopt::zap_domain, kZapDomain);
            s->set(zmq::sockopt::maxmsgsize, proto::kMaxMessageBytes);
            s->set(zmq::sockopt::linger, 0);
        }
        m_router.set(zmq::sockopt::router_mandatory, 0);
        m_publisher.set(zmq::sockopt::sndhwm, kPublishHighWaterMark);
    } catch (const zmq::error_t& e) {
        return make_error("socket_error", std::string("cannot set up sockets: ") + e.what());
    }
    const auto& ep = m_config.server;
    try {
        m_router.bind(endpoint_for(ep.bind_address, ep.request_port));
    } catch (const zmq::error_t& e) {
        return make_error("port_in_use", "cannot listen for requests on " + endpoint_for(ep.bind_address, ep.request_port) +
                                             ": " + e.what());
    }
    try {
        m_publisher.bind(endpoint_for(ep.bind_address, ep.publish_port));
    } catch (const zmq::error_t& e) {
        return make_error("port_in_use", "cannot publish on " + endpoint_for(ep.bind_address, ep.publish_port) + ": " +
                                             e.what());
    }
    m_request_port = bound_port(m_router);
    m_publish_port = bound_port(m_publisher);
    // A client without CURVE fails the handshake before ZAP sees it; only a monitor tells.
    try {
        const int events = ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
        const std::string tag = std::to_string(reinterpret_cast<std::uintptr_t>(this));
        for (auto [socket, monitor, name] : {std::tuple{&m_router, &m_router_monitor, "router"},
                                             std::tuple{&m_publisher, &m_publisher_monitor, "publisher"}}) {
            std::string endpoint = "inproc://hall.monitor." + std::string(name) + "." + tag;
            if (zmq_socket_monitor(socket->handle(), endpoint.c_str(), events) != 0) throw zmq::error_t();
            *monitor = zmq::socket_t(m_context, zmq::socket_type::pair);
            monitor->connect(endpoint);
        }
    } catch (const zmq::error_t& e) {
        return make_error("socket_error", std::string("cannot monitor the sockets: ") + e.what());
    }
    return ok_status();
}

void Server::run(const std::atomic<bool>& stop) {
    log::info("server", "serving requests on port " + std::to_string(m_request_port) + ", updates on port " +
                            std::to_string(m_publish_port) + ", sequence " + std::to_string(m_seq));
    while (!stop.load()) {
        zmq::pollitem_t items[] = {{m_zap.handle(), 0, ZMQ_POLLIN, 0},
                                   {m_router.handle(), 0, ZMQ_POLLIN, 0},
                                   {m_router_monitor.handle(), 0, ZMQ_POLLIN, 0},
                                   {m_publisher_monitor.handle(), 0, ZMQ_POLLIN, 0},
                                   {m_web.handle(), 0, ZMQ_POLLIN, 0}};
        try {
            zmq::poll(items, 5, std::chrono::milliseconds(100));
        } catch (const zmq::error_t& e) {
            if (e.num() == EINTR) continue;
            log::error("server", std::string("poll failed: ") + e.what());
            break;
        }
        if (items[0].revents & ZMQ_POLLIN) handle_zap();
        if (items[1].revents & ZMQ_POLLIN) handle_batch();
        if (items[2].revents & ZMQ_POLLIN) handle_monitor(m_router_monitor, "request");
        if (items[3].revents & ZMQ_POLLIN) handle_monitor(m_publisher_monitor, "update");
        if (items[4].revents & ZMQ_POLLIN) handle_web();
        tick();
    }
    stop_web();
    {
        // The devices heard since the last minute's flush, so `doctor` sees them after a stop.
        Transaction tx(m_db);
        if (tx.began()) {
            flush_seen(m_clock());
            (void)tx.commit();
        }
    }
    log::info("server", "stopped at sequence " + std::to_string(m_seq));
}

void Server::handle_zap() {
    try {
        std::vector<zmq::message_t> frames;
        (void)zmq::recv_multipart(m_zap, std::back_inserter(frames), zmq::recv_flags::dontwait);
        if (frames.size() < 6) return;
        std::string request_id = frames[1].to_string();
        std::string mechanism = frames[5].to_string();
        std::string status = "400";
        std::string text = "unknown key";
        std::string user;
        if (mechanism == "CURVE" && frames.size() >= 7 && frames[6].size() == 32) {
            char z85[41] = {0};
            zmq_z85_encode(z85, static_cast<const std::uint8_t*>(frames[6].data()), 32);
            Statement q(m_db, "SELECT name, role FROM clients WHERE public_key = ?1 AND revoked = 0");
            q.bind(1, std::string(z85));
            if (q.step()) {
                user = q.column_text(0);
                auto role = proto::parse_role(q.column_text(1));
                if (role) {
                    m_roles[user] = *role;
                    note_seen(user, frames[3].to_string());
                    status = "200";
                    text = "OK";
                }
            } else {
                log::warn("zap", std::string("refused unknown client key ") + z85 + " from " + frames[3].to_string());
            }
        } else {
            text = "CURVE required";
            log::warn("zap", "refused a " + mechanism + " connection from " + frames[3].to_string());
        }
        std::array<zmq::const_buffer, 6> reply{zmq::str_buffer("1.0"), zmq::buffer(request_id), zmq::buffer(status),
                                               zmq::buffer(text), zmq::buffer(user), zmq::const_buffer()};
        zmq::send_multipart(m_zap, reply);
    } catch (const zmq::error_t& e) {
        log::error("zap", std::string("handler error: ") + e.what());
    }
}

void Server::handle_monitor(zmq::socket_t& monitor, const char* socket_name) {
    try {
        std::vector<zmq::message_t> frames;
        (void)zmq::recv_multipart(monitor, std::back_inserter(frames), zmq::recv_flags::dontwait);
        if (frames.size() < 2 || frames[0].size() < 6) return;
        std::uint16_t event = 0;
        std::uint32_t value = 0;
        std::memcpy(&event, frames[0].data(), sizeof event);
        std::memcpy(&value, static_cast<const char*>(frames[0].data()) + 2, sizeof value);
        // A client without CURVE shows as a mismatch when the server reads its greeting first,
        // and as a failure without detail when the client noticed first and hung up.
        std::string why = "the handshake failed (the client did not complete CURVE)";
        if (event == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL)
            why = value == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH
                      ? "the client does not use CURVE (security mechanism mismatch)"
                      : "handshake protocol error " + std::to_string(value);
        log::warn("server", std::string("refused a connection on the ") + socket_name + " socket " +
                                frames[1].to_string() + ": " + why);
    } catch (const zmq::error_t& e) {
        log::error("server", std::string("monitor error: ") + e.what());
    }
}

bool Server::token_lookups_throttled(const std::string& user) {
    auto it = m_token_misses.find(user);
    if (it == m_token_misses.end()) return false;
    std::int64_t now = m_clock();
    auto& misses = it->second;
    while (!misses.empty() && (misses.front() <= now - kUnknownTokenWindowMs || misses.front() > now)) misses.pop_front();
    return static_cast<int>(misses.size()) >= kMaxUnknownTokens;
}

void Server::note_unknown_token(const std::string& user) {
    auto& misses = m_token_misses[user];
    misses.push_back(m_clock());
    if (static_cast<int>(misses.size()) == kMaxUnknownTokens)
        log::warn("server", "ticket-token guessing from " + user + ": " + std::to_string(kMaxUnknownTokens) +
                                " unknown tokens within a minute; its token look-ups are refused for now");
}

void Server::handle_batch() {
    struct Pending {
        zmq::message_t identity;
        std::string reply;
        bool mutating = false;
        bool stored = false;
    };
    std::vector<Pending> batch;
    std::vector<json> events;
    Transaction tx(m_db);
    if (!tx.began()) log::error("store", "cannot begin a transaction: " + m_db.last_error());

    for (int n = 0; n < kMaxBatch; ++n) {
        std::vector<zmq::message_t> frames;
        try {
            auto got = zmq::recv_multipart(m_router, std::back_inserter(frames), zmq::recv_flags::dontwait);
            if (!got) break;
        } catch (const zmq::error_t& e) {
            log::error("server", std::string("receive failed: ") + e.what());
            break;
        }
        if (frames.size() < 2) continue;
        Pending p;
        p.identity = std::move(frames[0]);
        zmq::message_t& payload = frames.back();
        const char* user_id = payload.gets("User-Id");
        std::string user = user_id ? user_id : "";
        auto role_it = m_roles.find(user);

        auto decoded = proto::decode_request(payload.to_string_view());
        if (frames.size() != 2) decoded = make_error("malformed", "a request is exactly one frame");
        if (!decoded) {
            std::int64_t req = 0;
            json j = json::parse(payload.to_string_view(), nullptr, false);
            if (j.is_object() && j.contains("req") && j["req"].is_number_integer()) req = j["req"].get<std::int64_t>();
            p.reply = proto::encode_error(req, decoded.error().code, decoded.error().message);
            log::warn("server", "bad request from " + user + ": " + decoded.error().message);
            batch.push_back(std::move(p));
            continue;
        }
        const proto::Request& r = *decoded;
        const auto& info = proto::message_info(r.type);
        if (role_it == m_roles.end() || !(info.roles & proto::role_bit(role_it->second))) {
            p.reply = proto::encode_error(r.req, ErrorCode::forbidden,
                                          "client '" + user + "' may not send " + std::string(info.name));
            log::warn("server", "forbidden " + std::string(info.name) + " from " + user);
            batch.push_back(std::move(p));
            continue;
        }
        std::string address;  // for the audit log: which machine the device is on
        try {
            if (const char* peer = payload.gets("Peer-Address")) address = peer;
        } catch (const zmq::error_t&) {
        }
        Caller caller{user, role_it->second, address};
        note_seen(user, address);
        const bool token_lookup = r.type == proto::MessageType::ticket_info && r.body.contains("token") &&
                                  r.body["token"].is_string();
        if (token_lookup && token_lookups_throttled(user)) {
            p.reply = proto::encode_error(r.req, ErrorCode::rate_limited,
                                          "too many unknown ticket tokens from this device: wait a minute");
            log::debug("server", "ticket_info by token from " + user + " refused: rate_limited");
            batch.push_back(std::move(p));
            continue;
        }
        std::string idem_client = user + "/" + r.client;
        p.mutating = info.mutating;
        if (info.mutating && tx.began()) {
            Statement q(m_db, "SELECT reply FROM replies WHERE client = ?1 AND req = ?2");
            q.bind(1, idem_client).bind(2, r.req);
            if (q.step()) {
                p.reply = q.column_text(0);
                log::info("server", "duplicate " + std::string(info.name) + " " + idem_client + "#" +
                                        std::to_string(r.req) + ": stored reply sent again");
                batch.push_back(std::move(p));
                continue;
            }
        }
        if (info.mutating && !tx.began()) {
            p.reply = proto::encode_error(r.req, ErrorCode::storage_error, "the database is unavailable");
            batch.push_back(std::move(p));
            continue;
        }
        Savepoint sp(m_db, "request");
        std::vector<json> request_events;
        Result<json> result = make_error("internal_error", "not handled");
        try {
            result = m_engine.handle(r, caller, request_events);
        } catch (const std::exception& e) {
            result = make_error("internal_error", e.what());
        }
        if (result && result->contains("login_failed")) {
            // A wrong PIN is an error for the client, but its failure count must be kept.
            bool locked = (*result)["locked"].get<bool>();
            log::warn("server", "wrong PIN for officer '" + proto::body_optional_string(r.body, "officer").value_or("") +
                                    "' from " + user + (locked ? ": the officer is now locked" : ""));
            p.reply = proto::encode_error(
                r.req, locked ? ErrorCode::login_locked : ErrorCode::login_failed,
                locked ? std::string("too many wrong PINs: the officer is locked for a while")
                       : "unknown officer or wrong PIN (" + std::to_string((*result)["attempts_left"].get<int>()) +
                             " attempt(s) left before a lock)");
        } else if (result) {
            if (r.type == proto::MessageType::hello) {
                (*result)["pub_port"] = m_publish_port;
                (*result)["seq"] = m_seq;
            }
            p.reply = proto::encode_ok(r.req, *result);
        } else {
            sp.rollback();
            if (token_lookup && result.error().code == proto::error_code_name(ErrorCode::unknown_ticket))
                note_unknown_token(user);
            p.reply = proto::encode_error(r.req, result.error().code, result.error().message);
            if (info.mutating)
                log::info("server", std::string(info.name) + " from " + user + " refused: " + result.error().code +
                                        ": " + result.error().message);
            batch.push_back(std::move(p));
            continue;
        }
        if (info.mutating) {
            Statement q(m_db, "INSERT INTO replies (client, req, at, reply) VALUES (?1, ?2, ?3, ?4)");
            q.bind(1, idem_client).bind(2, r.req).bind(3, m_clock()).bind(4, p.reply);
            if (!q.run()) {
                sp.rollback();
                p.reply = proto::encode_error(r.req, ErrorCode::storage_error, "cannot store the reply: " + q.error());
                batch.push_back(std::move(p));
                continue;
            }
            p.stored = true;
        }
        (void)sp.release();
        for (auto& e : request_events) events.push_back(std::move(e));
        batch.push_back(std::move(p));
    }
    if (batch.empty()) return;

    if (tx.began()) {
        if (auto s = tx.commit(); !s) {
            log::error("store", "commit failed: " + s.error().message + ": " + std::to_string(batch.size()) +
                                    " request(s) answered with storage_error");
            events.clear();
            // Every reply of the batch may reflect the rolled-back changes (a snapshot too).
            for (auto& p : batch) {
                auto decoded = proto::decode_reply(p.reply);
                p.reply = proto::encode_error(decoded ? decoded->req : 0, ErrorCode::storage_error,
                                              "the database could not save the change: " + s.error().message);
            }
        }
    }
    for (auto& p : batch) {
        try {
            std::array<zmq::const_buffer, 2> out{zmq::buffer(p.identity.data(), p.identity.size()), zmq::buffer(p.reply)};
            zmq::send_multipart(m_router, out, zmq::send_flags::dontwait);
        } catch (const zmq::error_t& e) {
            log::warn("server", std::string("reply not delivered: ") + e.what());
        }
    }
    publish(events);
}

void Server::publish(const std::vector<json>& events) {
    for (const json& e : events) {
        m_seq = std::max(m_seq, e.value("seq", std::int64_t{0}));
        if (m_publish_drop && m_publish_drop(e)) continue;
        std::string body = e.dump(-1, ' ', false, json::error_handler_t::replace);
        std::array<zmq::const_buffer, 2> out{zmq::buffer(proto::kTopicEvent), zmq::buffer(body)};
        try {
            zmq::send_multipart(m_publisher, out, zmq::send_flags::dontwait);
        } catch (const zmq::error_t& err) {
            log::warn("server", std::string("publish failed: ") + err.what());
        }
        if (e.contains("ticket") && e["ticket"].is_object())
            log::info("event", "#" + std::to_string(e["seq"].get<std::int64_t>()) + " " + e["action"].get<std::string>() +
                                   " " + e["ticket"]["number"].get<std::string>() + " " +
                                   e["ticket"]["state"].get<std::string>());
        else
            log::info("event", "#" + std::to_string(e["seq"].get<std::int64_t>()) + " " + e["action"].get<std::string>());
    }
}

void Server::publish_heartbeat() {
    json hb{{"seq", m_seq}, {"at", m_clock()}, {"date", m_engine.now_local().date}};
    std::string body = hb.dump();
    std::array<zmq::const_buffer, 2> out{zmq::buffer(proto::kTopicHeartbeat), zmq::buffer(body)};
    try {
        zmq::send_multipart(m_publisher, out, zmq::send_flags::dontwait);
    } catch (const zmq::error_t&) {
    }
}

void Server::tick() {
    std::int64_t now = m_clock();
    // A test clock may jump backwards; treat that as "time to beat".
    if (now - m_last_heartbeat < proto::kHeartbeatMs && now >= m_last_heartbeat) return;
    m_last_heartbeat = now;
    if (m_backups) m_backups->tick(now);
    std::vector<json> events;
    {
        Transaction tx(m_db);
        if (tx.began()) {
            events = m_engine.tick();
            if (now - m_last_prune > 3600 * 1000) {
                m_last_prune = now;
                Statement q(m_db, "DELETE FROM replies WHERE at < ?1");
                q.bind(1, static_cast<std::int64_t>(now - std::int64_t{48} * 3600 * 1000));
                q.run();
            }
            if (now - m_last_seen_flush >= 60 * 1000 || now < m_last_seen_flush) flush_seen(now);
            if (!tx.commit()) events.clear();
        }
    }
    publish(events);
    publish_heartbeat();
}

void Server::note_seen(const std::string& user, const std::string& address) {
    if (user.empty()) return;
    Seen& seen = m_seen[user];
    seen.at = m_clock();
    if (!address.empty()) seen.address = address;
    seen.dirty = true;
}

void Server::flush_seen(std::int64_t now) {
    m_last_seen_flush = now;
    Statement q(m_db, "UPDATE clients SET last_seen = ?1, last_address = ?2 WHERE name = ?3");
    for (auto& [name, seen] : m_seen) {
        if (!seen.dirty) continue;
        q.reset();
        q.bind(1, seen.at).bind(2, seen.address).bind(3, name);
        if (q.run()) seen.dirty = false;
    }
}

}  // namespace hall::server
