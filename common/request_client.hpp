// A request client in the Lazy Pirate style: send, wait with a timeout, and on silence close the
// socket, reconnect and resend the SAME request number, a few times, before giving up. The
// server answers a repeated request number with its stored reply, so a retry never applies an
// action twice.
//
// One RequestClient belongs to one thread. UIs never call it directly: HallLink runs it on its
// own thread.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "common/keys.hpp"
#include "common/protocol/protocol.hpp"
#include "common/result.hpp"

namespace hall {

struct ClientOptions {
    std::string host = "127.0.0.1";
    int port = 5555;
    ClientKeys keys;
    int timeout_ms = 2000;  // per attempt
    int attempts = 3;       // attempts before the server is declared unreachable
};

// Parses "HOST" or "HOST:PORT" into options (port defaults to 5555).
void parse_server_address(const std::string& address, ClientOptions& options);

class RequestClient {
public:
    explicit RequestClient(ClientOptions options, std::shared_ptr<zmq::context_t> context = nullptr);
    ~RequestClient();
    RequestClient(const RequestClient&) = delete;
    RequestClient& operator=(const RequestClient&) = delete;

    // Sends a request with a fresh request number. An error reply from the server is still a
    // successful call (Reply.ok == false); the Result fails only when no reply came
    // (code "unreachable") or the reply could not be decoded.
    Result<proto::Reply> call(proto::MessageType type, const nlohmann::json& body = nlohmann::json::object());
    // Same, with a request number reserved earlier (for a user action retried later).
    Result<proto::Reply> call_with(std::int64_t req, proto::MessageType type, const nlohmann::json& body);
    // Reserves the next request number.
    std::int64_t reserve_request_number() { return ++m_last_req; }

    const std::string& client_id() const { return m_client_id; }
    const ClientOptions& options() const { return m_options; }
    std::shared_ptr<zmq::context_t> context() const { return m_context; }

private:
    void connect();
    ClientOptions m_options;
    std::shared_ptr<zmq::context_t> m_context;
    std::unique_ptr<zmq::socket_t> m_socket;
    std::string m_client_id;
    std::int64_t m_last_req = 0;
};

// Sets CURVE client options on a socket from the client's keys.
void apply_curve_client(zmq::socket_t& socket, const ClientKeys& keys);

}  // namespace hall
