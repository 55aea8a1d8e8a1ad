// Every size change is undone after its element (GS ! 0, ESC E 0, ESC a 0), so each element
// stands alone: a printer that drops one command (a paper jam mid-ticket) does not print the
// rest of the ticket five times too big. The raster QR spans the paper's full width with the
// code centred in it, because not every printer applies ESC a to raster images.
#include "kiosk/escpos.hpp"

#include <algorithm>
#include <cctype>

#include "kiosk/qr_code.hpp"

namespace hall::kiosk {

namespace {

constexpr char ESC = 0x1B;
constexpr char GS = 0x1D;
constexpr char DLE = 0x10;
constexpr char EOT = 0x04;
constexpr char LF = 0x0A;
constexpr int kFontDots = 12;
constexpr int kSmallFontDots = 9;

char byte(int value) { return static_cast<char>(static_cast<unsigned char>(value & 0xFF)); }

void justify(std::string& out, Align align) {
    out += ESC;
    out += 'a';
    out += byte(align == Align::center ? 1 : 0);
}

void bold(std::string& out, bool on) {
    out += ESC;
    out += 'E';
    out += byte(on ? 1 : 0);
}

void font(std::string& out, bool small) {
    out += ESC;
    out += 'M';
    out += byte(small ? 1 : 0);
}

void char_size(std::string& out, int scale) {
    const int s = std::clamp(scale, 1, 8) - 1;
    out += GS;
    out += '!';
    out += byte((s << 4) | s);
}

// GS ( k with its two-byte parameter length: cn = 49 ('1', QR), then fn and the data.
void qr_function(std::string& out, char fn, std::string_view data) {
    const std::size_t length = data.size() + 2;  // cn and fn
    out += GS;
    out += '(';
    out += 'k';
    out += byte(static_cast<int>(length & 0xFF));
    out += byte(static_cast<int>((length >> 8) & 0xFF));
    out += '1';
    out += fn;
    out.append(data);
}

void native_qr(std::string& out, const std::string& payload, int module_dots) {
    qr_function(out, 'A', std::string{'2', '\0'});                   // fn 165: model 2
    qr_function(out, 'C', std::string(1, byte(module_dots)));         // fn 167: module size
    qr_function(out, 'E', std::string(1, '1'));                       // fn 169: level M (49)
    qr_function(out, 'P', "0" + payload);                             // fn 180: store (m = 48)
    qr_function(out, 'Q', std::string(1, '0'));                       // fn 181: print (m = 48)
}

Status raster_qr(std::string& out, const std::string& payload, int module_dots, int width_dots) {
    Result<QrMatrix> matrix = encode_qr(payload, QrLevel::medium);
    if (!matrix) return matrix.error();
    const int modules = matrix->size + 2 * kQrQuietModules;
    int module = module_dots;
    while (module > 1 && modules * module > width_dots) --module;  // never wider than the paper
    const int side = modules * module;
    const int bytes_per_row = width_dots / 8;
    const int left = (bytes_per_row * 8 - side) / 2;
    out += GS;
    out += 'v';
    out += '0';
    out += byte(0);  // normal density
    out += byte(bytes_per_row & 0xFF);
    out += byte(bytes_per_row >> 8);
    out += byte(side & 0xFF);
    out += byte(side >> 8);
    for (int y = 0; y < side; ++y) {
        const int my = y / module - kQrQuietModules;
        for (int bx = 0; bx < bytes_per_row; ++bx) {
            int bits = 0;
            for (int bit = 0; bit < 8; ++bit) {
                const int x = bx * 8 + bit - left;
                const int mx = x / module - kQrQuietModules;
                const bool dark = x >= 0 && x < side && mx >= 0 && my >= 0 && mx < matrix->size && my < matrix->size &&
                                  matrix->dark(mx, my);
                if (dark) bits |= 0x80 >> bit;
            }
            out += byte(bits);
        }
    }
    return ok_status();
}

// Decodes one UTF-8 code point at `i` (advancing it); invalid bytes read as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i++]);
    if (c < 0x80) return c;
    int extra = 0;
    char32_t code = 0;
    if ((c & 0xE0) == 0xC0) { extra = 1; code = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; code = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; code = c & 0x07; }
    else return 0xFFFD;
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
        code = (code << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return code;
}

std::string_view ascii_for(char32_t code) {
    switch (code) {
        case 0x00A0: return " ";
        case 0x00A9: return "(c)";
        case 0x00AB: return "<<";
        case 0x00AE: return "(R)";
        case 0x00B0: return "o";
        case 0x00B2: return "2";
        case 0x00B7: return ".";
        case 0x00BB: return ">>";
        case 0x00D7: return "x";
        case 0x00DF: return "ss";
        case 0x00F7: return "/";
        case 0x2013: case 0x2014: case 0x2212: return "-";
        case 0x2018: case 0x2019: case 0x201A: return "'";
        case 0x201C: case 0x201D: case 0x201E: return "\"";
        case 0x2022: return "*";
        case 0x2026: return "...";
        case 0x2190: return "<-";
        case 0x2192: return "->";
        case 0x2191: return "^";
        case 0x2193: return "v";
        case 0x2264: return "<=";
        case 0x2265: return ">=";
        case 0x260E: return "Tel.";
        case 0x2709: return "Email";
        case 0x2713: case 0x2714: return "v";
        default: return {};
    }
}

char latin1_letter(char32_t code) {
    static constexpr char kBase[] =
        "AAAAAAACEEEEIIIIDNOOOOO\0OUUUUYT\0"
        "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
    if (code < 0xC0 || code > 0xFF) return 0;
    return kBase[code - 0xC0];
}

}  // namespace

int qr_module_dots(const EscposOptions& options) {
    if (options.qr_module_dots > 0) return std::clamp(options.qr_module_dots, 1, 16);
    return options.width_dots >= 576 ? 8 : 6;
}

std::string printer_text(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        const char32_t code = next_code_point(utf8, i);
        if (code == '\t' || code == '\n' || code == '\r') {
            out += ' ';
        } else if (code < 0x20 || code == 0x7F) {
            continue;  // control characters would be printer commands
        } else if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (std::string_view plain = ascii_for(code); !plain.empty()) {
            out.append(plain);
        } else if (char letter = latin1_letter(code)) {
            out += letter;
        } else {
            out += '?';
        }
    }
    return out;
}

std::vector<std::string> wrap_columns(const std::string& text, int columns) {
    std::vector<std::string> lines;
    const std::size_t width = static_cast<std::size_t>(std::max(1, columns));
    std::string line;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        std::size_t end = text.find(' ', i);
        if (end == std::string::npos) end = text.size();
        std::string word = text.substr(i, end - i);
        i = end;
        if (word.empty()) continue;
        while (word.size() > width) {  // a word longer than the line is cut
            if (!line.empty()) {
                lines.push_back(line);
                line.clear();
            }
            std::size_t cut = word.rfind('/', width - 1);
            cut = cut == std::string::npos || cut == 0 ? width : cut + 1;
            lines.push_back(word.substr(0, cut));
            word.erase(0, cut);
        }
        if (line.empty()) {
            line = word;
        } else if (line.size() + 1 + word.size() <= width) {
            line += ' ';
            line += word;
        } else {
            lines.push_back(line);
            line = word;
        }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

Result<std::string> render_escpos(const TicketLayout& layout, const EscposOptions& options) {
    const int width = std::max(8, options.width_dots - options.width_dots % 8);
    std::string out;
    out += ESC;
    out += '@';
    for (const TicketElement& e : layout.elements) {
        switch (e.kind) {
            case TicketElement::Kind::text: {
                const int scale = std::clamp(e.scale, 1, 8);
                justify(out, e.align);
                bold(out, e.bold);
                if (e.small) font(out, true);
                char_size(out, scale);
                const int dots = e.small ? kSmallFontDots : kFontDots;
                for (const std::string& line : wrap_columns(printer_text(e.text), width / (dots * scale))) {
                    out += line;
                    out += LF;
                }
                char_size(out, 1);
                if (e.small) font(out, false);
                bold(out, false);
                justify(out, Align::left);
                break;
            }
            case TicketElement::Kind::rule:
                out += std::string(static_cast<std::size_t>(width / kFontDots), '-');
                out += LF;
                break;
            case TicketElement::Kind::feed:
                out += std::string(static_cast<std::size_t>(std::clamp(e.lines, 0, 20)), LF);
                break;
            case TicketElement::Kind::qr:
                if (options.qr == QrMode::native) {
                    justify(out, Align::center);
                    native_qr(out, e.text, qr_module_dots(options));
                    out += LF;
                    justify(out, Align::left);
                } else {
                    Status drawn = raster_qr(out, e.text, qr_module_dots(options), width);
                    if (!drawn) return drawn.error();
                }
                break;
        }
    }
    out += GS;
    out += 'V';
    out += byte(66);  // feed to the cutter, then a partial cut
    out += byte(0);
    return out;
}

std::string status_request(int n) { return std::string{DLE, EOT, byte(n)}; }

StatusReport interpret_status(std::optional<std::uint8_t> printer_byte, std::optional<std::uint8_t> offline_byte,
                              std::optional<std::uint8_t> paper_byte) {
    // Bits 1 and 4 are always set and bits 0 and 7 always clear in a status byte; -1 = no answer.
    auto valid = [](std::optional<std::uint8_t> b) -> int { return b && (*b & 0x93) == 0x12 ? *b : -1; };
    const int printer = valid(printer_byte);
    const int offline_cause = valid(offline_byte);
    const int paper = valid(paper_byte);
    StatusReport report;
    if (printer < 0 && offline_cause < 0 && paper < 0) {
        report.health = PrinterHealth::unknown;
        report.detail = "the printer did not answer the status request";
        return report;
    }
    report.paper_near_end = paper >= 0 && (paper & 0x0C) == 0x0C;
    if ((paper >= 0 && (paper & 0x60) == 0x60) || (offline_cause >= 0 && (offline_cause & 0x20))) {
        report.health = PrinterHealth::paper_out;
        report.detail = "paper end";
        return report;
    }
    if (printer >= 0 && (printer & 0x08)) {
        report.health = PrinterHealth::offline;
        report.detail = "the printer is offline";
        if (offline_cause >= 0 && (offline_cause & 0x04)) report.detail += " (cover open)";
        if (offline_cause >= 0 && (offline_cause & 0x40)) report.detail += " (error)";
        return report;
    }
    if (offline_cause >= 0 && (offline_cause & 0x44)) {
        report.health = PrinterHealth::offline;
        report.detail = (offline_cause & 0x04) ? "the cover is open" : "the printer reports an error";
        return report;
    }
    report.health = PrinterHealth::ready;
    report.detail = report.paper_near_end ? "ready, paper near its end" : "ready";
    return report;
}

}  // namespace hall::kiosk
