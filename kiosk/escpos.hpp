// ESC/POS, the command language of receipt printers: a pure function that turns a ticket
// layout into the bytes an 80 mm (576 dots) or 58 mm (384 dots) printer prints, and the
// real-time status query (DLE EOT) the kiosk sends before it issues a number.
//
// Commands used (Epson's ESC/POS reference):
//   ESC @            initialise            ESC a n     justify (0 left, 1 centre)
//   ESC E n          bold on/off           GS ! n      character size (width-1)<<4 | (height-1)
//   ESC M n          font A (12x24) or B (9x17)
//   LF               print and feed        GS ( k      QR code: fn 165 model, 167 module size,
//   GS v 0 m xL xH yL yH d...  raster bit image      169 error level, 180 store, 181 print
//   GS V 66 n        feed and partial cut  DLE EOT n   real-time status (1 printer, 2 offline
//                                                      cause, 4 roll paper sensor)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ticket.hpp"

namespace hall::kiosk {

// How the QR code is printed: the printer's own QR command, or a bitmap drawn from
// libqrencode's matrix for printers that lack GS ( k.
enum class QrMode { native, raster };

struct EscposOptions {
    int width_dots = 576;      // 576 for 80 mm paper, 384 for 58 mm; a multiple of 8
    QrMode qr = QrMode::native;
    int qr_module_dots = 0;    // 0 = 8 dots on 80 mm paper, 6 on 58 mm
};

// The module size used for `options` (resolves 0 to the paper's default).
int qr_module_dots(const EscposOptions& options);

// The ticket as ESC/POS bytes: initialise, the elements top to bottom, then a partial cut.
// Text is transliterated to ASCII (printers' code pages differ; ASCII prints everywhere) and
// wrapped at word boundaries to the columns of its size. Fails only when the QR payload cannot
// be encoded in raster mode ("qr_encode").
Result<std::string> render_escpos(const TicketLayout& layout, const EscposOptions& options);

// UTF-8 to printable ASCII: dashes, quotes, bullets and accented letters become their plain
// forms; anything else unprintable becomes '?'. Control characters are dropped.
std::string printer_text(std::string_view utf8);

// `text` wrapped at spaces to lines of at most `columns` characters; a longer word is cut,
// after its last '/' that fits when it has one (a link breaks between its parts).
std::vector<std::string> wrap_columns(const std::string& text, int columns);

// The 3-byte real-time status request DLE EOT n (n = 1, 2 or 4).
std::string status_request(int n);

// What the printer's status bytes say.
enum class PrinterHealth { ready, paper_out, offline, unknown };
struct StatusReport {
    PrinterHealth health = PrinterHealth::unknown;
    bool paper_near_end = false;
    std::string detail;  // English, for logs
};

// Interprets the answers to DLE EOT 1 (printer), 2 (offline cause) and 4 (paper sensor);
// a missing answer is nullopt. A byte that is not a status byte (fixed bits wrong) counts as
// missing. No answer at all gives `unknown`.
StatusReport interpret_status(std::optional<std::uint8_t> printer, std::optional<std::uint8_t> offline_cause,
                              std::optional<std::uint8_t> paper);

}  // namespace hall::kiosk
