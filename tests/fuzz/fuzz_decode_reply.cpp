// libFuzzer target: proto::decode_reply on any bytes (a client decodes what arrives on its
// socket). It must never throw or crash, and what it accepts must encode and decode back.
#include <cstddef>
#include <cstdint>

#include "common/protocol/protocol.hpp"
#include "fuzz_check.hpp"

using namespace hall::proto;

using hall::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto decoded = decode_reply(bytes);
    if (!decoded) {
        require(decoded.error().code == "malformed");
        return 0;
    }
    const Reply& r = *decoded;
    if (r.ok) {
        require(r.body.is_object());
        auto again = decode_reply(encode_ok(r.req, r.body));
        require(again && again->ok && again->req == r.req && again->body == r.body);
    } else {
        auto again = decode_reply(encode_error(r.req, r.error_code, r.error_message));
        require(again && !again->ok && again->req == r.req && again->error_code == r.error_code);
    }
    return 0;
}
