// The server loop's side of the web pages. HTTP threads never touch the write connection: they
// send JSON requests over an inproc ROUTER socket; the loop applies a batch of them in one
// transaction (a savepoint each, one commit), answers only after the commit, then publishes the
// events, exactly like the requests of the devices.
#include <sodium.h>

#include <chrono>

#include "common/log.hpp"
#include "queue_server/audit.hpp"
#include "queue_server/http_input.hpp"
#include "queue_server/server.hpp"
#include "queue_server/survey_store.hpp"

namespace hall::server {

namespace {

constexpr int kWebReplyTimeoutMs = 5000;
// The same limits as an officer's login at a desk: both count in the officers table.
constexpr int kMaxPinFailures = 5;
constexpr std::int64_t kLockMs = 5 * 60 * 1000;

// The HTTP threads' end of the inproc pipe: one DEALER per call (sockets are not shared between
// threads), a reply within the timeout, or an error; stops waiting when the loop closes.
web::LoopCall make_loop_call(zmq::context_t& context, std::string endpoint, const std::atomic<bool>& closing) {
    return [&context, endpoint = std::move(endpoint), &closing](const json& request) -> Result<json> {
        if (closing.load()) return make_error("unavailable", "the server is stopping");
        try {
            zmq::socket_t socket(context, zmq::socket_type::dealer);
            socket.set(zmq::sockopt::linger, 0);
            socket.connect(endpoint);
            const std::string body = request.dump(-1, ' ', false, json::error_handler_t::replace);
            socket.send(zmq::buffer(body), zmq::send_flags::none);
            for (int waited = 0; waited < kWebReplyTimeoutMs && !closing.load(); waited += 100) {
                zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
                zmq::poll(&item, 1, std::chrono::milliseconds(100));
                if (!(item.revents & ZMQ_POLLIN)) continue;
                zmq::message_t reply;
                if (!socket.recv(reply, zmq::recv_flags::dontwait)) continue;
                json j = json::parse(reply.to_string_view(), nullptr, false);
                return web::parse_loop_reply(j);
            }
        } catch (const zmq::error_t& e) {
            return make_error("unavailable", std::string("server loop unreachable: ") + e.what());
        }
        return make_error("unavailable", "the server did not answer in time");
    };
}

std::optional<std::int64_t> ticket_by_token(Database& db, const std::string& token) {
    Statement q(db, "SELECT id FROM tickets WHERE token = ?1");
    q.bind(1, token);
    if (q.step()) return q.column_int(0);
    return std::nullopt;
}

}  // namespace

Status Server::start_web(const Catalog& catalog, const std::filesystem::path& data_dir) {
    const std::string endpoint = "inproc://hall.web." + std::to_string(reinterpret_cast<std::uintptr_t>(this));
    try {
        m_web = zmq::socket_t(m_context, zmq::socket_type::router);
        m_web.set(zmq::sockopt::linger, 0);
        m_web.bind(endpoint);
    } catch (const zmq::error_t& e) {
        return make_error("socket_error", std::string("cannot set up the web pipe: ") + e.what());
    }
    web::HttpSettings settings;
    settings.bind_address = m_config.server.bind_address;
    settings.port = m_config.server.http_port;
    settings.database = data_dir / kDatabaseFile;
    settings.config = &m_config;
    settings.catalog = &catalog;
    settings.clock = m_clock;
    auto http = web::HttpServer::start(settings, make_loop_call(m_context, endpoint, m_web_closing));
    if (!http) return http.error();
    m_http = std::move(*http);
    return ok_status();
}

void Server::stop_web() {
    m_web_closing = true;
    if (m_http) m_http->stop();
}

void Server::handle_web() {
    struct Pending {
        zmq::message_t identity;
        Result<json> result = make_error("internal_error", "not handled");
    };
    std::vector<Pending> batch;
    std::vector<json> events;
    Transaction tx(m_db);
    for (int n = 0; n < kMaxBatch; ++n) {
        std::vector<zmq::message_t> frames;
        try {
            if (!zmq::recv_multipart(m_web, std::back_inserter(frames), zmq::recv_flags::dontwait)) break;
        } catch (const zmq::error_t& e) {
            log::error("http", std::string("receive failed: ") + e.what());
            break;
        }
        if (frames.size() != 2) continue;
        Pending p;
        p.identity = std::move(frames[0]);
        json request = json::parse(frames[1].to_string_view(), nullptr, false);
        if (!tx.began()) {
            p.result = make_error("storage_error", "the database is unavailable");
        } else if (!request.is_object() || !request.contains("op") || !request["op"].is_string()) {
            p.result = make_error("bad_request", "malformed web request");
        } else {
            Savepoint sp(m_db, "web");
            std::vector<json> request_events;
            try {
                p.result = web_request(request, request_events);
            } catch (const std::exception& e) {
                p.result = make_error("internal_error", e.what());
            }
            // A failed login keeps its count of wrong PINs: its writes stand even as an error.
            if (p.result || request["op"] == "login") {
                (void)sp.release();
                for (auto& e : request_events) events.push_back(std::move(e));
            } else {
                sp.rollback();
            }
        }
        batch.push_back(std::move(p));
    }
    if (batch.empty()) return;
    if (tx.began()) {
        if (auto s = tx.commit(); !s) {
            log::error("store", "commit of web requests failed: " + s.error().message);
            events.clear();
            for (auto& p : batch) p.result = make_error("storage_error", "the database could not save the change");
        }
    }
    for (auto& p : batch) {
        const std::string body = web::loop_reply(p.result).dump(-1, ' ', false, json::error_handler_t::replace);
        try {
            std::array<zmq::const_buffer, 2> out{zmq::buffer(p.identity.data(), p.identity.size()), zmq::buffer(body)};
            zmq::send_multipart(m_web, out, zmq::send_flags::dontwait);
        } catch (const zmq::error_t& e) {
            log::warn("http", std::string("web reply not delivered: ") + e.what());
        }
    }
    publish(events);
}

Result<json> Server::web_request(const json& request, std::vector<json>& events) {
    const std::string op = request["op"].get<std::string>();
    const Caller web_caller{"web", proto::Role::display};
    if (op == "ticket") {
        const std::string token = request.value("token", "");
        if (!web::is_token(token)) return make_error("unknown_ticket", "no ticket with that token");
        proto::Request r;
        r.type = proto::MessageType::ticket_info;
        r.body = json{{"token", token}};
        auto info = m_engine.handle(r, web_caller, events);
        if (!info) return info;
        (*info)["answered"] = survey_answered(m_db, (*info)["ticket"]["id"].get<std::int64_t>());
        (*info)["today"] = m_engine.today();
        (*info)["now"] = m_clock();
        return info;
    }
    if (op == "snapshot") {
        proto::Request r;
        r.type = proto::MessageType::snapshot;
        auto snap = m_engine.handle(r, web_caller, events);
        if (snap) (*snap)["now"] = m_clock();
        return snap;
    }
    if (op == "survey") {
        const std::string token = request.value("token", "");
        auto id = web::is_token(token) ? ticket_by_token(m_db, token) : std::nullopt;
        if (!id) return make_error("unknown_ticket", "no ticket with that token");
        auto response = skm::parse_response(request.contains("survey") ? request["survey"] : json());
        if (!response) return response.error();
        auto stored = store_survey(m_db, *id, *response, SurveyChannel::web, m_clock());
        if (stored) log::info("http", "survey stored for ticket " + (*stored)["ticket"]["number"].get<std::string>());
        return stored;
    }
    if (op == "login") return web_login(request);
    return make_error("bad_request", "unknown web request '" + op + "'");
}

// An admin's login to the supervisor's pages: the officer's PIN, the same lock as at a desk,
// and the admin role. Every attempt for a known officer is audited.
Result<json> Server::web_login(const json& request) {
    const std::string officer = request.value("officer", "");
    const std::string pin = request.value("pin", "");
    const std::string address = request.value("address", "");
    if (!web::is_officer_id(officer) || !web::is_pin(pin)) return make_error("login_failed", "unknown officer or wrong PIN");
    std::string hash, name, role;
    std::int64_t failed = 0, locked_until = 0;
    {
        Statement q(m_db, "SELECT pin_hash, failed, locked_until, name, role FROM officers WHERE id = ?1");
        q.bind(1, officer);
        if (!q.step()) return make_error("login_failed", "unknown officer or wrong PIN");
        hash = q.column_text(0);
        failed = q.column_int(1);
        locked_until = q.column_int(2);
        name = q.column_text(3);
        role = q.column_text(4);
    }
    const std::int64_t now = m_clock();
    AuditEntry e;
    e.at = now;
    e.device = "web";
    e.role = "web";
    if (!address.empty()) e.address = address;
    e.officer = officer;
    e.action = "web_login";
    if (locked_until > now) {
        e.outcome = "locked";
        (void)append_audit(m_db, e);
        return make_error("login_locked", "too many wrong PINs: the officer is locked for a while");
    }
    if (crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) != 0) {
        ++failed;
        const bool lock = failed >= kMaxPinFailures;
        Statement q(m_db, "UPDATE officers SET failed = ?2, locked_until = ?3 WHERE id = ?1");
        q.bind(1, officer).bind(2, lock ? 0 : failed).bind(3, lock ? now + kLockMs : 0);
        if (!q.run()) return make_error("storage_error", q.error());
        e.outcome = lock ? "locked" : "wrong_pin";
        if (auto s = append_audit(m_db, e); !s) return s.error();
        log::warn("http", "wrong PIN for officer '" + officer + "' on the web login from " + address +
                              (lock ? ": the officer is now locked" : ""));
        return make_error(lock ? "login_locked" : "login_failed", "unknown officer or wrong PIN");
    }
    {
        Statement q(m_db, "UPDATE officers SET failed = 0, locked_until = 0 WHERE id = ?1");
        q.bind(1, officer);
        if (!q.run()) return make_error("storage_error", q.error());
    }
    if (role != "admin") {
        e.outcome = "not_admin";
        if (auto s = append_audit(m_db, e); !s) return s.error();
        return make_error("forbidden", "officer '" + officer + "' does not have the admin role");
    }
    if (auto s = append_audit(m_db, e); !s) return s.error();
    return json{{"officer", {{"id", officer}, {"name", name}}}};
}

}  // namespace hall::server
