// Lazy Pirate client (see the ZeroMQ guide, chapter 4). Late replies to an earlier attempt carry
// an older request number and are dropped.
#include "common/request_client.hpp"

#include <chrono>

namespace hall {

void parse_server_address(const std::string& address, ClientOptions& options) {
    std::string a = address;
    if (a.rfind("tcp://", 0) == 0) a = a.substr(6);
    auto colon = a.rfind(':');
    if (colon != std::string::npos) {
        options.host = a.substr(0, colon);
        try {
            options.port = std::stoi(a.substr(colon + 1));
        } catch (const std::exception&) {
            options.port = 5555;
        }
    } else {
        options.host = a;
    }
}

void apply_curve_client(zmq::socket_t& socket, const ClientKeys& keys) {
    socket.set(zmq::sockopt::curve_serverkey, keys.server_public_key);
    socket.set(zmq::sockopt::curve_publickey, keys.keys.public_key);
    socket.set(zmq::sockopt::curve_secretkey, keys.keys.secret_key);
}

RequestClient::RequestClient(ClientOptions options, std::shared_ptr<zmq::context_t> context)
    : m_options(std::move(options)),
      m_context(context ? std::move(context) : std::make_shared<zmq::context_t>(1)),
      m_client_id(m_options.keys.name + "-" + random_hex(6)) {}

RequestClient::~RequestClient() = default;

void RequestClient::connect() {
    m_socket = std::make_unique<zmq::socket_t>(*m_context, zmq::socket_type::dealer);
    m_socket->set(zmq::sockopt::linger, 0);
    m_socket->set(zmq::sockopt::maxmsgsize, std::int64_t{16} << 20);
    apply_curve_client(*m_socket, m_options.keys);
    m_socket->connect("tcp://" + m_options.host + ":" + std::to_string(m_options.port));
}

Result<proto::Reply> RequestClient::call(proto::MessageType type, const nlohmann::json& body) {
    return call_with(reserve_request_number(), type, body);
}

Result<proto::Reply> RequestClient::call_with(std::int64_t req, proto::MessageType type, const nlohmann::json& body) {
    proto::Request r;
    r.type = type;
    r.client = m_client_id;
    r.req = req;
    r.body = body;
    std::string frame = proto::encode_request(r);
    try {
        for (int attempt = 0; attempt < m_options.attempts; ++attempt) {
            if (!m_socket) connect();
            m_socket->send(zmq::buffer(frame), zmq::send_flags::dontwait);
            auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_options.timeout_ms);
            while (true) {
                auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
                if (left.count() <= 0) break;
                zmq::pollitem_t item{m_socket->handle(), 0, ZMQ_POLLIN, 0};
                zmq::poll(&item, 1, left);
                if (!(item.revents & ZMQ_POLLIN)) continue;
                zmq::message_t msg;
                if (!m_socket->recv(msg, zmq::recv_flags::dontwait)) continue;
                auto reply = proto::decode_reply(msg.to_string_view());
                if (!reply) return reply.error();
                if (reply->req != req && reply->req != 0) continue;  // a late reply to an older request
                return reply;
            }
            // Silence: the connection may be dead or the server restarting. Start over.
            m_socket.reset();
        }
    } catch (const zmq::error_t& e) {
        m_socket.reset();
        return make_error("unreachable", std::string("socket error: ") + e.what());
    }
    return make_error("unreachable", "no reply from " + m_options.host + ":" + std::to_string(m_options.port) +
                                         " after " + std::to_string(m_options.attempts) + " attempts");
}

}  // namespace hall
