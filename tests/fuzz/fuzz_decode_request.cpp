// libFuzzer target: proto::decode_request on any bytes. It must never throw or crash; what it
// accepts must satisfy the envelope's rules (PROTOCOL.md section 3) and survive a round trip
// through encode_request; what it refuses must carry a known error code that encodes.
#include <cstddef>
#include <cstdint>

#include "common/protocol/protocol.hpp"
#include "fuzz_check.hpp"

using namespace hall::proto;

using hall::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto decoded = decode_request(bytes);
    if (!decoded) {
        require(parse_error_code(decoded.error().code).has_value());
        auto reply = decode_reply(encode_error(0, decoded.error().code, decoded.error().message));
        require(reply && !reply->ok && reply->error_code == decoded.error().code);
        return 0;
    }
    const Request& r = *decoded;
    require(r.version == kProtocolVersion);
    // Accepted means the frame's own `v` is exactly 1, not a number that narrows to 1.
    require(json::parse(bytes, nullptr, false)["v"].dump() == "1");
    require(r.req > 0);
    require(!r.client.empty() && r.client.size() <= 128);
    require(r.body.is_object());
    // The body accessors the engine uses never throw, whatever the body holds.
    for (const char* key : {"service", "counter", "ticket", "token", "officer", "pin", "note", "priority"}) {
        (void)body_string(r.body, key);
        (void)body_int(r.body, key);
        (void)body_optional_string(r.body, key);
    }
    auto again = decode_request(encode_request(r));
    require(again.ok());
    require(again->type == r.type && again->req == r.req && again->client == r.client && again->body == r.body);
    return 0;
}
