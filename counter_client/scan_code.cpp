// The scanner's keyboard may add a CR or LF, and Caps Lock turns the hex digits upper case;
// both are harmless. A URL must name the ticket page (/t/) so a scanned product barcode or a
// different QR code is refused instead of being searched for.
#include "counter_client/scan_code.hpp"

#include <algorithm>
#include <cctype>

namespace hall::counter {

namespace {

constexpr std::size_t kTokenLength = 32;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

std::optional<std::string> token_of(std::string_view s) {
    if (s.size() != kTokenLength) return std::nullopt;
    std::string token;
    for (char c : s) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
        token += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return token;
}

std::optional<std::string> number_of(std::string_view s) {
    std::size_t letters = 0;
    while (letters < s.size() && std::isalpha(static_cast<unsigned char>(s[letters]))) ++letters;
    if (letters < 1 || letters > 3) return std::nullopt;
    std::string_view rest = s.substr(letters);
    if (!rest.empty() && rest.front() == '-') rest.remove_prefix(1);
    if (rest.empty() || rest.size() > 4) return std::nullopt;
    if (!std::all_of(rest.begin(), rest.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return std::nullopt;
    // At least three digits, as the server writes them: "7" -> "007", "0012" -> "012".
    std::size_t first = 0;
    while (rest.size() - first > 3 && rest[first] == '0') ++first;
    rest.remove_prefix(first);
    const std::string digits = std::string(rest.size() < 3 ? 3 - rest.size() : 0, '0') + std::string(rest);
    std::string number;
    for (char c : s.substr(0, letters)) number += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return number + "-" + digits;
}

}  // namespace

std::optional<ScanCode> parse_scan(std::string_view text) {
    const std::string_view s = trim(text);
    if (s.empty()) return std::nullopt;
    if (const std::size_t scheme = s.find("://"); scheme != std::string_view::npos) {
        const std::size_t path = s.find('/', scheme + 3);
        if (path == std::string_view::npos) return std::nullopt;
        std::string_view rest = s.substr(path);
        if (rest.size() < 3 || (rest.substr(0, 3) != "/t/" && rest.substr(0, 3) != "/T/")) return std::nullopt;
        rest.remove_prefix(3);
        rest = rest.substr(0, rest.find_first_of("?#"));
        if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
        if (auto token = token_of(rest)) return ScanCode{ScanCode::Kind::token, *token};
        return std::nullopt;
    }
    if (auto token = token_of(s)) return ScanCode{ScanCode::Kind::token, *token};
    if (auto number = number_of(s)) return ScanCode{ScanCode::Kind::number, *number};
    return std::nullopt;
}

}  // namespace hall::counter
