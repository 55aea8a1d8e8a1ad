// The paper ticket as a picture: the same layout the printer gets, one pixel per printer dot,
// drawn with stb_truetype (no ImGui, so it is safe on the printer's worker thread). Used by the
// "file" printer sink (a .png beside each .bin), by `kiosk --ticket-png FILE`, and by the tests
// that scan its QR code with zbarimg.
#pragma once
#include <filesystem>
#include <memory>

#include "common/result.hpp"
#include "common/ui/png_image.hpp"
#include "kiosk/ticket.hpp"

namespace hall::kiosk {

// The regular and bold faces of the hall's font (DejaVu Sans or Noto Sans from Debian).
class TicketFonts {
public:
    // Finds and reads the fonts; "font_missing" or "font_unreadable" when that fails.
    static Result<std::shared_ptr<const TicketFonts>> load();
    ~TicketFonts();
    TicketFonts(const TicketFonts&) = delete;
    TicketFonts& operator=(const TicketFonts&) = delete;

    struct Face;
    const Face& face(bool bold) const { return bold ? *m_bold : *m_regular; }

private:
    TicketFonts() = default;
    std::unique_ptr<Face> m_regular;
    std::unique_ptr<Face> m_bold;
};

// Draws `layout` on white paper `width_dots` wide; as tall as the content. Text is printed as
// the printer prints it (ASCII, 24 dots high per scale step), the QR code with the printer's
// module size.
Result<ui::Image> render_ticket_image(const TicketLayout& layout, int width_dots, const TicketFonts& fonts);

// render_ticket_image, then a PNG file.
Status write_ticket_png(const TicketLayout& layout, int width_dots, const TicketFonts& fonts,
                        const std::filesystem::path& file);

}  // namespace hall::kiosk
