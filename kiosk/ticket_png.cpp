// Two passes over the layout: the first measures (wrapping every text element into lines at the
// pixel width of its font), the second paints. Glyphs are composited as coverage onto white
// paper, so the picture is pure grey levels, as a thermal print is black and white.
#include "kiosk/ticket_png.hpp"

#include <stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <vector>

#include "common/ui/fonts.hpp"
#include "kiosk/escpos.hpp"
#include "kiosk/qr_code.hpp"

namespace hall::kiosk {

struct TicketFonts::Face {
    std::vector<unsigned char> bytes;
    stbtt_fontinfo info{};
};

namespace {

constexpr int kDotsPerScale = 24;   // ESC/POS font A is 24 dots high
constexpr int kSmallDots = 17;      // font B
constexpr int kLineGap = 6;         // the printer's default line spacing is 30 dots
constexpr int kMargin = 16;

Result<std::unique_ptr<TicketFonts::Face>> read_face(const std::filesystem::path& file) {
    auto face = std::make_unique<TicketFonts::Face>();
    std::ifstream in(file, std::ios::binary);
    face->bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (face->bytes.empty()) return make_error("font_unreadable", "cannot read " + file.string());
    const int offset = stbtt_GetFontOffsetForIndex(face->bytes.data(), 0);
    if (offset < 0 || !stbtt_InitFont(&face->info, face->bytes.data(), offset)) {
        return make_error("font_unreadable", file.string() + " is not a TrueType font");
    }
    return face;
}

struct Line {
    std::string text;
    const TicketFonts::Face* face = nullptr;
    float pixels = 0;  // font pixel height
    Align align = Align::center;
    int top = 0;
};

float text_width(const TicketFonts::Face& face, float pixels, std::string_view text) {
    const float scale = stbtt_ScaleForPixelHeight(&face.info, pixels);
    float width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        int advance = 0;
        int bearing = 0;
        stbtt_GetCodepointHMetrics(&face.info, static_cast<unsigned char>(text[i]), &advance, &bearing);
        width += static_cast<float>(advance) * scale;
        if (i + 1 < text.size()) {
            width += static_cast<float>(stbtt_GetCodepointKernAdvance(&face.info, static_cast<unsigned char>(text[i]),
                                                                      static_cast<unsigned char>(text[i + 1]))) *
                     scale;
        }
    }
    return width;
}

// Word wrap by measured width (ASCII text: one byte per character).
std::vector<std::string> wrap_pixels(const TicketFonts::Face& face, float pixels, const std::string& text, float width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = text.find(' ', i);
        if (end == std::string::npos) end = text.size();
        std::string word = text.substr(i, end - i);
        i = end + 1;
        if (word.empty()) continue;
        std::string candidate = line.empty() ? word : line + " " + word;
        if (line.empty() || text_width(face, pixels, candidate) <= width) {
            line = std::move(candidate);
        } else {
            lines.push_back(line);
            line = std::move(word);
        }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

class Paper {
public:
    Paper(int width, int height) : m_image{width, height, {}} {
        m_image.rgb.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3, 0xFF);
    }
    // Darkens a pixel by `coverage` (0..255).
    void ink(int x, int y, int coverage) {
        if (x < 0 || y < 0 || x >= m_image.width || y >= m_image.height || coverage <= 0) return;
        const std::size_t at = (static_cast<std::size_t>(y) * static_cast<std::size_t>(m_image.width) + static_cast<std::size_t>(x)) * 3;
        const int value = std::max(0, static_cast<int>(m_image.rgb[at]) - std::min(255, coverage));
        m_image.rgb[at] = m_image.rgb[at + 1] = m_image.rgb[at + 2] = static_cast<std::uint8_t>(value);
    }
    void fill(int x0, int y0, int w, int h) {
        for (int y = y0; y < y0 + h; ++y)
            for (int x = x0; x < x0 + w; ++x) ink(x, y, 255);
    }
    void text(const Line& line) {
        const stbtt_fontinfo& info = line.face->info;
        const float scale = stbtt_ScaleForPixelHeight(&info, line.pixels);
        int ascent = 0;
        int descent = 0;
        int gap = 0;
        stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
        const float baseline = static_cast<float>(line.top) + static_cast<float>(ascent) * scale;
        const float width = text_width(*line.face, line.pixels, line.text);
        float x = line.align == Align::center ? (static_cast<float>(m_image.width) - width) / 2.0f
                                              : static_cast<float>(kMargin);
        for (std::size_t i = 0; i < line.text.size(); ++i) {
            const int code = static_cast<unsigned char>(line.text[i]);
            int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            stbtt_GetCodepointBitmapBox(&info, code, scale, scale, &x0, &y0, &x1, &y1);
            const int w = x1 - x0;
            const int h = y1 - y0;
            if (w > 0 && h > 0) {
                std::vector<unsigned char> glyph(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
                stbtt_MakeCodepointBitmap(&info, glyph.data(), w, h, w, scale, scale, code);
                const int left = static_cast<int>(std::lround(x)) + x0;
                const int top = static_cast<int>(std::lround(baseline)) + y0;
                for (int gy = 0; gy < h; ++gy)
                    for (int gx = 0; gx < w; ++gx) ink(left + gx, top + gy, glyph[static_cast<std::size_t>(gy * w + gx)]);
            }
            int advance = 0;
            int bearing = 0;
            stbtt_GetCodepointHMetrics(&info, code, &advance, &bearing);
            x += static_cast<float>(advance) * scale;
            if (i + 1 < line.text.size()) {
                x += static_cast<float>(stbtt_GetCodepointKernAdvance(&info, code, static_cast<unsigned char>(line.text[i + 1]))) *
                     scale;
            }
        }
    }
    ui::Image take() { return std::move(m_image); }

private:
    ui::Image m_image;
};

}  // namespace

TicketFonts::~TicketFonts() = default;

Result<std::shared_ptr<const TicketFonts>> TicketFonts::load() {
    std::optional<ui::FontFiles> files = ui::find_fonts();
    if (!files) {
        return make_error("font_missing",
                          "no font for the ticket picture: install fonts-dejavu-core or fonts-noto-core (./hall setup)");
    }
    std::shared_ptr<TicketFonts> fonts(new TicketFonts());
    auto regular = read_face(files->regular);
    if (!regular) return regular.error();
    auto bold = read_face(files->bold);
    if (!bold) return bold.error();
    fonts->m_regular = std::move(*regular);
    fonts->m_bold = std::move(*bold);
    return std::shared_ptr<const TicketFonts>(std::move(fonts));
}

Result<ui::Image> render_ticket_image(const TicketLayout& layout, int width_dots, const TicketFonts& fonts) {
    const int width = std::max(64, width_dots);
    const EscposOptions printer{width, QrMode::raster, 0};
    const int module = qr_module_dots(printer);

    struct Block {
        TicketElement::Kind kind;
        std::vector<Line> lines;
        int top = 0;
        int height = 0;
        const TicketElement* element = nullptr;
        std::optional<QrMatrix> qr;
        int module = 1;
    };
    std::vector<Block> blocks;
    int y = kMargin;
    for (const TicketElement& e : layout.elements) {
        Block block{e.kind, {}, y, 0, &e, std::nullopt, module};
        switch (e.kind) {
            case TicketElement::Kind::text: {
                const int scale = std::clamp(e.scale, 1, 8);
                const float pixels = static_cast<float>((e.small ? kSmallDots : kDotsPerScale) * scale);
                const TicketFonts::Face& face = fonts.face(e.bold);
                for (const std::string& text : wrap_pixels(face, pixels, printer_text(e.text),
                                                          static_cast<float>(width - 2 * kMargin))) {
                    block.lines.push_back(Line{text, &face, pixels, e.align, y + block.height});
                    block.height += static_cast<int>(pixels) + kLineGap;
                }
                break;
            }
            case TicketElement::Kind::rule:
                block.height = kDotsPerScale + kLineGap;
                break;
            case TicketElement::Kind::feed:
                block.height = std::clamp(e.lines, 0, 20) * (kDotsPerScale + kLineGap);
                break;
            case TicketElement::Kind::qr: {
                Result<QrMatrix> matrix = encode_qr(e.text, QrLevel::medium);
                if (!matrix) return matrix.error();
                const int modules = matrix->size + 2 * kQrQuietModules;
                while (block.module > 1 && modules * block.module > width) --block.module;
                block.height = modules * block.module;
                block.qr = std::move(*matrix);
                break;
            }
        }
        y += block.height;
        blocks.push_back(std::move(block));
    }

    Paper paper(width, y + kMargin);
    for (const Block& block : blocks) {
        switch (block.kind) {
            case TicketElement::Kind::text:
                for (const Line& line : block.lines) paper.text(line);
                break;
            case TicketElement::Kind::rule:
                for (int x = kMargin; x < width - kMargin; x += 12) paper.fill(x, block.top + kDotsPerScale / 2, 8, 2);
                break;
            case TicketElement::Kind::feed:
                break;
            case TicketElement::Kind::qr: {
                const QrMatrix& qr = *block.qr;
                const int side = (qr.size + 2 * kQrQuietModules) * block.module;
                const int left = (width - side) / 2 + kQrQuietModules * block.module;
                const int top = block.top + kQrQuietModules * block.module;
                for (int my = 0; my < qr.size; ++my)
                    for (int mx = 0; mx < qr.size; ++mx)
                        if (qr.dark(mx, my)) paper.fill(left + mx * block.module, top + my * block.module, block.module, block.module);
                break;
            }
        }
    }
    return paper.take();
}

Status write_ticket_png(const TicketLayout& layout, int width_dots, const TicketFonts& fonts,
                        const std::filesystem::path& file) {
    Result<ui::Image> image = render_ticket_image(layout, width_dots, fonts);
    if (!image) return image.error();
    return ui::write_png(*image, file);
}

}  // namespace hall::kiosk
