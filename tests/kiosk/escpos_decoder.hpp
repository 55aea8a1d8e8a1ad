// A small ESC/POS reader for the tests: it walks the commands the kiosk sends, the way a printer
// does (lengths first, so bitmap and QR data are never mistaken for commands), and gives back
// the printed text lines with their size, weight and alignment, the stored QR payloads, the
// raster images, and whether the paper was cut. The fake network printer uses the same walk to
// find status requests in the stream.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ui/png_image.hpp"

namespace hall::kiosk::test {

struct DecodedLine {
    std::string text;
    int width = 1;   // character size multipliers (GS !)
    int height = 1;
    bool bold = false;
    bool small = false;  // font B (ESC M 1)
    int align = 0;   // 0 left, 1 centre, 2 right
};

struct RasterImage {
    int width_bytes = 0;
    int height = 0;
    std::vector<std::uint8_t> bits;  // width_bytes * height, MSB first, 1 = black
    bool dark(int x, int y) const {
        return (bits[static_cast<std::size_t>(y * width_bytes + x / 8)] >> (7 - x % 8)) & 1;
    }
};

struct DecodedTicket {
    bool initialised = false;
    std::vector<DecodedLine> lines;
    std::vector<std::string> qr_stored;  // GS ( k fn 180 payloads
    int qr_printed = 0;                  // GS ( k fn 181 count
    int qr_model = 0;                    // fn 165
    int qr_module = 0;                   // fn 167
    int qr_level = 0;                    // fn 169 (48 L .. 51 H)
    std::vector<RasterImage> rasters;
    bool cut = false;
    std::vector<int> status_requests;    // DLE EOT n
    std::string error;                   // empty when every byte was understood

    // The text of every line joined with '\n'.
    std::string text() const {
        std::string out;
        for (const DecodedLine& l : lines) out += l.text + "\n";
        return out;
    }
    const DecodedLine* find(std::string_view needle) const {
        for (const DecodedLine& l : lines)
            if (l.text.find(needle) != std::string::npos) return &l;
        return nullptr;
    }
};

// The length of the command (or text byte) at `pos`: nullopt when the bytes end before it
// does, 0 for a byte this reader does not know.
inline std::optional<std::size_t> command_length(std::string_view b, std::size_t pos) {
    auto at = [&](std::size_t i) -> int { return static_cast<unsigned char>(b[pos + i]); };
    auto have = [&](std::size_t n) { return pos + n <= b.size(); };
    if (!have(1)) return std::nullopt;
    const int c = at(0);
    if (c == 0x0A || (c >= 0x20 && c < 0x7F)) return 1;
    if (c == 0x10) {
        if (!have(3)) return std::nullopt;
        return at(1) == 0x04 ? std::optional<std::size_t>(3) : std::optional<std::size_t>(0);
    }
    if (c == 0x1B) {
        if (!have(2)) return std::nullopt;
        if (at(1) == '@') return 2;
        if (at(1) == 'a' || at(1) == 'E' || at(1) == 'd' || at(1) == 'M') return have(3) ? std::optional<std::size_t>(3) : std::nullopt;
        return 0;
    }
    if (c == 0x1D) {
        if (!have(2)) return std::nullopt;
        if (at(1) == '!') return have(3) ? std::optional<std::size_t>(3) : std::nullopt;
        if (at(1) == 'V') {
            if (!have(3)) return std::nullopt;
            return at(2) >= 65 ? (have(4) ? std::optional<std::size_t>(4) : std::nullopt) : std::optional<std::size_t>(3);
        }
        if (at(1) == '(') {
            if (!have(5)) return std::nullopt;
            if (at(2) != 'k') return 0;
            const std::size_t n = 5 + static_cast<std::size_t>(at(3) + 256 * at(4));
            return have(n) ? std::optional<std::size_t>(n) : std::nullopt;
        }
        if (at(1) == 'v') {
            if (!have(8)) return std::nullopt;
            if (at(2) != '0') return 0;
            const std::size_t n = 8 + static_cast<std::size_t>(at(4) + 256 * at(5)) * static_cast<std::size_t>(at(6) + 256 * at(7));
            return have(n) ? std::optional<std::size_t>(n) : std::nullopt;
        }
        return 0;
    }
    return 0;
}

inline DecodedTicket decode_escpos(std::string_view b) {
    DecodedTicket out;
    DecodedLine current;
    std::string text;
    std::size_t pos = 0;
    while (pos < b.size()) {
        const std::optional<std::size_t> length = command_length(b, pos);
        if (!length) {
            out.error = "truncated command at byte " + std::to_string(pos);
            break;
        }
        if (*length == 0) {
            out.error = "unknown byte " + std::to_string(static_cast<unsigned char>(b[pos])) + " at " + std::to_string(pos);
            break;
        }
        auto at = [&](std::size_t i) -> int { return static_cast<unsigned char>(b[pos + i]); };
        const int c = at(0);
        if (c >= 0x20 && c < 0x7F) {
            text += static_cast<char>(c);
        } else if (c == 0x0A) {
            current.text = text;
            out.lines.push_back(current);
            text.clear();
        } else if (c == 0x10) {
            out.status_requests.push_back(at(2));
        } else if (c == 0x1B) {
            if (at(1) == '@') {
                out.initialised = true;
                current = DecodedLine{};
            } else if (at(1) == 'a') {
                current.align = at(2);
            } else if (at(1) == 'E') {
                current.bold = at(2) != 0;
            } else if (at(1) == 'M') {
                current.small = (at(2) & 1) != 0;
            } else if (at(1) == 'd') {
                for (int i = 0; i < at(2); ++i) out.lines.push_back(DecodedLine{});
            }
        } else if (c == 0x1D) {
            if (at(1) == '!') {
                current.width = ((at(2) >> 4) & 7) + 1;
                current.height = (at(2) & 7) + 1;
            } else if (at(1) == 'V') {
                out.cut = true;
            } else if (at(1) == '(') {
                const int fn = at(6);
                if (at(5) == '1') {
                    if (fn == 'A') out.qr_model = at(7);
                    if (fn == 'C') out.qr_module = at(7);
                    if (fn == 'E') out.qr_level = at(7);
                    if (fn == 'P') out.qr_stored.emplace_back(b.substr(pos + 8, *length - 8));
                    if (fn == 'Q') ++out.qr_printed;
                }
            } else if (at(1) == 'v') {
                RasterImage image;
                image.width_bytes = at(4) + 256 * at(5);
                image.height = at(6) + 256 * at(7);
                image.bits.assign(b.begin() + static_cast<std::ptrdiff_t>(pos + 8),
                                  b.begin() + static_cast<std::ptrdiff_t>(pos + *length));
                out.rasters.push_back(std::move(image));
            }
        }
        pos += *length;
    }
    if (!text.empty()) {
        current.text = text;
        out.lines.push_back(current);
    }
    return out;
}

// A raster image as a picture (black on white, with a white margin), for zbarimg.
inline ui::Image raster_picture(const RasterImage& raster, int margin = 32) {
    ui::Image image;
    image.width = raster.width_bytes * 8 + 2 * margin;
    image.height = raster.height + 2 * margin;
    image.rgb.assign(static_cast<std::size_t>(image.width * image.height * 3), 0xFF);
    for (int y = 0; y < raster.height; ++y) {
        for (int x = 0; x < raster.width_bytes * 8; ++x) {
            if (!raster.dark(x, y)) continue;
            const std::size_t at = static_cast<std::size_t>(((y + margin) * image.width + x + margin) * 3);
            image.rgb[at] = image.rgb[at + 1] = image.rgb[at + 2] = 0;
        }
    }
    return image;
}

}  // namespace hall::kiosk::test
