// The one protocol header: every message type, every error code, the protocol version, and
// the codec of the request/reply envelope. common/protocol/PROTOCOL.md describes the same
// protocol for people and for clients written in other languages; keep the two in step.
//
// Decoding never throws: bad bytes become an Error that the server sends back as an error
// reply.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.hpp"

namespace hall::proto {

using json = nlohmann::json;

// Bumped on any incompatible change of a message's shape or meaning.
constexpr int kProtocolVersion = 1;
// Largest frame either side accepts (ZMQ_MAXMSGSIZE on the server's sockets).
constexpr std::int64_t kMaxMessageBytes = 64 * 1024;
// Heartbeat period on the PUB socket, and how long a client waits before it declares the
// server unreachable.
constexpr int kHeartbeatMs = 1000;
constexpr int kHeartbeatLossMs = 3000;
// PUB topics (first frame of every published message).
constexpr std::string_view kTopicEvent = "ev";
constexpr std::string_view kTopicHeartbeat = "hb";

// Client roles; a key on the allow-list has exactly one.
enum class Role : std::uint8_t { kiosk, counter, display, admin };
constexpr int kRoleCount = 4;
std::string_view role_name(Role r);
std::optional<Role> parse_role(std::string_view name);
constexpr std::uint8_t role_bit(Role r) { return static_cast<std::uint8_t>(1u << static_cast<int>(r)); }

// Every request type. The table in protocol.cpp gives each its wire name, the roles allowed to
// send it, and whether it changes state (and so carries an idempotency key).
enum class MessageType : std::uint8_t {
    hello,
    snapshot,
    ticket_info,
    issue_ticket,
    call_next,
    call_ticket,
    recall,
    start_serving,
    finish,
    no_show,
    transfer,
    hold,
    release,
    cancel,
    login,
    logout,
    pause,
    resume,
    officer_add,
    officer_list,
    report_print,
    audit_list,
    survey_lookup,
    survey_submit,
};
constexpr int kMessageTypeCount = 24;

struct MessageInfo {
    MessageType type;
    std::string_view name;
    std::uint8_t roles;  // bit set of role_bit()
    bool mutating;
};
const MessageInfo& message_info(MessageType t);
std::optional<MessageType> parse_message_type(std::string_view name);

// Every error code a reply may carry. The wire form is the snake_case name.
enum class ErrorCode : std::uint8_t {
    malformed,            // not JSON, or the envelope is wrong
    too_large,            // frame over kMaxMessageBytes
    version_mismatch,     // the client speaks another protocol version
    unknown_type,         // no such message type
    bad_request,          // body fields missing or of the wrong type
    forbidden,            // the client's role may not send this message
    unknown_service,
    unknown_counter,
    unknown_ticket,
    unknown_officer,
    illegal_transition,   // the ticket's state does not allow this action
    queue_empty,          // call-next found no waiting ticket
    counter_closed,       // no officer logged in at the counter
    counter_paused,
    counter_busy,         // the counter still has a called or serving ticket
    not_your_ticket,      // the ticket belongs to another counter
    service_not_served,   // the counter does not serve the ticket's service
    hall_closed,          // outside opening hours
    on_break,
    holiday,
    quota_reached,
    login_failed,
    login_locked,         // too many failed PIN attempts: wait
    rate_limited,         // too many unknown ticket tokens from this device: wait
    officer_exists,
    survey_not_done,      // the ticket is not done yet: it cannot be rated
    survey_answered,      // the ticket already has its one survey response
    storage_error,        // the database refused the write (disk full, I/O error)
    internal_error,
};
constexpr int kErrorCodeCount = 29;
std::string_view error_code_name(ErrorCode c);
std::optional<ErrorCode> parse_error_code(std::string_view name);

// Priority classes of UU 25/2009 Pasal 29, plus regular.
enum class Priority : std::uint8_t { regular, elderly, disability, pregnant, child };
constexpr int kPriorityCount = 5;
std::string_view priority_name(Priority p);
std::optional<Priority> parse_priority(std::string_view name);

// The ticket's life: see DESIGN.md.
enum class TicketState : std::uint8_t {
    waiting, called, serving, done, no_show, transferred, on_hold, cancelled,
};
constexpr int kTicketStateCount = 8;
std::string_view ticket_state_name(TicketState s);
std::optional<TicketState> parse_ticket_state(std::string_view name);
// True for states a ticket never leaves.
bool is_final(TicketState s);
// True when the ticket waits in a service's queue (waiting, or transferred into it).
bool is_queued(TicketState s);

enum class CounterState : std::uint8_t { closed, open, paused };
std::string_view counter_state_name(CounterState s);

// A decoded request envelope.
struct Request {
    int version = kProtocolVersion;
    MessageType type = MessageType::hello;
    std::string client;   // the client's instance id (idempotency scope)
    std::int64_t req = 0; // the client's request number (idempotency key), > 0
    json body = json::object();
};

// Decodes one request frame. Never throws.
Result<Request> decode_request(std::string_view bytes);
// Encodes a request frame.
std::string encode_request(const Request& r);

// A decoded reply envelope.
struct Reply {
    std::int64_t req = 0;
    bool ok = false;
    json body = json::object();      // when ok
    std::string error_code;          // when !ok
    std::string error_message;       // when !ok, English
};
std::string encode_ok(std::int64_t req, const json& body);
std::string encode_error(std::int64_t req, ErrorCode code, std::string_view message);
std::string encode_error(std::int64_t req, std::string_view code, std::string_view message);
// Decodes one reply frame. Never throws.
Result<Reply> decode_reply(std::string_view bytes);

// Reads a field of a request body, or says which field is missing or of the wrong type.
Result<std::string> body_string(const json& body, std::string_view key);
Result<std::int64_t> body_int(const json& body, std::string_view key);
std::optional<std::string> body_optional_string(const json& body, std::string_view key);

}  // namespace hall::proto
