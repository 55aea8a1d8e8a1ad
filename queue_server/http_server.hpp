// The hall's HTTP pages on the LAN: the visitor's ticket page (/t/TOKEN) and its SKM survey,
// and, behind an admin login, the supervisor's live hall and reports. Runs on threads of its
// own (cpp-httplib's pool) in the queue server's process.
//
// The server loop stays the single writer: every write (a survey, a login's PIN check) and every
// read of the live hall goes to the loop as a JSON request through `LoopCall`; only the reports
// read the database directly, on a read-only connection of their own.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/result.hpp"

namespace hall::web {

using json = nlohmann::json;

// Sends one request to the server loop and waits for its answer (an Error when the loop does
// not answer in time or is stopping). Called from several HTTP threads at once.
using LoopCall = std::function<Result<json>(const json& request)>;

struct HttpSettings {
    std::string bind_address = "127.0.0.1";
    int port = 8080;  // 0 = any free port (tests)
    std::filesystem::path database;  // read-only connection for reports
    const HallConfig* config = nullptr;
    const Catalog* catalog = nullptr;
    std::function<std::int64_t()> clock;  // wall-clock ms (the server's, tests inject one)
};

class HttpServer {
public:
    // Binds the port and starts serving. port_in_use (one clear line) when the port is taken.
    static Result<std::unique_ptr<HttpServer>> start(const HttpSettings& settings, LoopCall loop);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    int port() const;
    // Stops accepting, finishes the requests in progress and joins every HTTP thread. Idempotent.
    void stop();

    // Guessing limits: unknown ticket tokens per client address per minute, and failed admin
    // logins per client address per 15 minutes (officers also lock after 5 wrong PINs).
    static constexpr int kMaxUnknownTokens = 20;
    static constexpr std::int64_t kTokenWindowMs = 60 * 1000;
    static constexpr int kMaxFailedLogins = 10;
    static constexpr std::int64_t kLoginWindowMs = 15 * 60 * 1000;
    // An admin session lasts this long after login.
    static constexpr std::int64_t kSessionMs = 12LL * 3600 * 1000;
    // The name of the admin session cookie.
    static constexpr const char* kSessionCookie = "hall_admin";
    // A ticket page works for this many days after the ticket's date (the survey too).
    static constexpr int kTicketPageDays = 7;

    struct Impl;

private:
    explicit HttpServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// The loop's side of the web requests, for the server loop (and tests): `{"op": ...}`.
//   ticket   {"token"}                      -> ticket_info of the engine + "answered", "today", "now"
//   snapshot {}                             -> the engine's snapshot + "now"
//   survey   {"token", "survey": {...}}     -> stores the survey (skm::parse_response's format)
//   login    {"officer", "pin", "address"}  -> {"officer": {"id","name"}}; login_failed,
//                                              login_locked, forbidden (not an admin)
// Replies on the wire between threads: {"ok":true,"body":...} or {"ok":false,"code","message"}.
json loop_reply(const Result<json>& result);
Result<json> parse_loop_reply(const json& reply);

}  // namespace hall::web
