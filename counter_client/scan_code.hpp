// What the counter's scan field understands. A USB barcode scanner is a keyboard: it types the
// ticket's QR content, `http://HOST:PORT/t/TOKEN`, then Enter. An officer may also type a
// ticket number by hand ("S-7", "s007"). Everything else is refused, never guessed at.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hall::counter {

struct ScanCode {
    enum class Kind { token, number };
    Kind kind = Kind::token;
    std::string value;  // token: 32 lowercase hex digits; number: "S-007" (today's number form)
};

// Parses one scan: a ticket URL whose path is /t/TOKEN (any host, any case of the scheme and of
// the hex digits, an optional trailing '/', query or fragment), a bare 32-hex token, or a ticket
// number (1-3 letters, an optional '-', 1-4 digits; written back with at least three digits).
// Spaces, tabs, CR and LF around it are ignored. nullopt for anything else.
std::optional<ScanCode> parse_scan(std::string_view text);

}  // namespace hall::counter
