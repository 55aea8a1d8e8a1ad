// Everything is placed by hand on the root window's draw list (its clip rectangle widened to
// the whole screen) rather than with ImGui widgets: a TV board is a fixed composition, and
// absolute placement lets each text be measured and fitted to its box. Text that could be too
// long (service and counter names, the hall's name) is fitted by scaling it down a little, or
// cut with an ellipsis, never left to overflow its box. The running text changes page on the
// clock's tick instead of scrolling, so an idle board draws once a second, not sixty times.
#include "display/board_view.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "common/ui/text.hpp"
#include "common/ui/theme.hpp"
#include "display/board_text.hpp"
#include "display/display_strings.hpp"

namespace hall::display {

namespace {

namespace colors = ui::colors;

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
};

class Painter {
public:
    Painter(ImDrawList* list, const ui::Fonts& fonts) : m_list(list), m_fonts(fonts) {}

    const ui::Fonts& fonts() const { return m_fonts; }

    float width(ImFont* font, std::string_view text, float size = 0) const {
        const float w = ui::text_size(font, text).x;
        return size > 0 ? w * size / font->FontSize : w;
    }
    // The largest size up to the font's own at which `text` fits `max_width`.
    float fitted(ImFont* font, std::string_view text, float max_width) const {
        const float w = width(font, text);
        if (w <= max_width || w <= 0) return font->FontSize;
        return std::floor(font->FontSize * max_width / w);
    }
    void text(ImFont* font, float size, float x, float y, ImU32 color, std::string_view text) const {
        m_list->AddText(font, size, ImVec2(std::round(x), std::round(y)), color, text.data(), text.data() + text.size());
    }
    // `text` at its font's size, cut with "…" to fit `max_width`.
    std::string ellipsized(ImFont* font, std::string_view text, float max_width) const {
        if (width(font, text) <= max_width) return std::string(text);
        const std::string_view ellipsis = "\u2026";
        std::size_t end = text.size();
        while (end > 0) {
            do {
                --end;
            } while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);  // UTF-8 boundary
            std::string candidate(text.substr(0, end));
            while (!candidate.empty() && candidate.back() == ' ') candidate.pop_back();
            candidate += ellipsis;
            if (width(font, candidate) <= max_width) return candidate;
        }
        return std::string(ellipsis);
    }
    void fill(const Rect& r, ImU32 color, float rounding = 0) const {
        m_list->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), color, rounding);
    }
    void frame(const Rect& r, ImU32 color, float thickness, float rounding = 0) const {
        const float half = thickness * 0.5f;
        m_list->AddRect(ImVec2(r.x + half, r.y + half), ImVec2(r.right() - half, r.bottom() - half), color, rounding, 0,
                        thickness);
    }
    // A white card with a thin border.
    void card(const Rect& r, ImU32 fill_color = colors::background, ImU32 border = colors::border,
              float thickness = 2.0f) const {
        const float rounding = m_fonts.sizes.body * 0.3f;
        fill(r, fill_color, rounding);
        frame(r, border, thickness, rounding);
    }

private:
    ImDrawList* m_list;
    const ui::Fonts& m_fonts;
};

// Header: the hall's name, the zone and the date on the left; the clock on the right.
void draw_header(const Painter& p, const BoardSnapshot& board, const BoardViewOptions& options, const Rect& r,
                 float pad) {
    const ui::Fonts& f = p.fonts();
    p.fill(r, colors::accent);
    const std::string clock = clock_text(options.wall_ms, board.utc_offset_minutes);
    const float clock_w = p.width(f.huge, clock);
    const float clock_x = r.right() - pad - clock_w;
    p.text(f.huge, f.huge->FontSize, clock_x, r.y + (r.h - f.huge->FontSize) * 0.5f, colors::text_on_accent, clock);

    const float text_w = clock_x - r.x - 2 * pad;
    const float name_size = p.fitted(f.large, board.hall_name, text_w);
    const float top = r.y + (r.h - f.large->FontSize - f.body->FontSize * 1.1f) * 0.5f;
    p.text(f.large, name_size, r.x + pad, top + (f.large->FontSize - name_size), colors::text_on_accent, board.hall_name);

    std::string line;
    line += board.zone_name.empty() ? std::string(tr("display.all_zones", options.lang)) : board.zone_name;
    const std::string date = board.date.empty() ? local_date(options.wall_ms, board.utc_offset_minutes) : board.date;
    line += "   \u2022   " + date_text(date, options.lang);
    if (board.resyncing) line += "   \u2022   " + std::string(tr("display.resyncing", options.lang));
    p.text(f.body, f.body->FontSize, r.x + pad, top + f.large->FontSize * 1.05f, colors::text_on_accent,
           p.ellipsized(f.body, line, text_w));
}

// The top of a capital letter, measured from the top of the font's line, at `size`.
float cap_top(ImFont* font, float size) {
    const ImFontGlyph* glyph = font->FindGlyphNoFallback('H');
    if (!glyph) glyph = font->FindGlyphNoFallback('0');
    return (glyph ? glyph->Y0 : 0.0f) * size / font->FontSize;
}
float baseline(ImFont* font, float size) { return font->Ascent * size / font->FontSize; }

// The latest call: the number as large as the screen allows, and where to go. Lines are
// stacked by their visible ink (capital tops, baselines), not by their fonts' full line boxes,
// so the giant number's empty leading does not push the rest out of the card.
void draw_latest(const Painter& p, const BoardSnapshot& board, const BoardViewOptions& options, const Rect& r,
                 float pad) {
    const ui::Fonts& f = p.fonts();
    const bool highlight = board.latest && board.latest_is_new;
    const ImU32 fill = highlight ? colors::accent : colors::background;
    const ImU32 ink = highlight ? colors::text_on_accent : colors::text;
    const ImU32 number_ink = highlight ? colors::text_on_accent : colors::accent;
    const ImU32 quiet_ink = highlight ? colors::text_on_accent : colors::text_muted;
    p.card(r, fill, highlight ? colors::warning : colors::border, highlight ? pad * 0.5f : 2.0f);
    const float inner_w = r.w - 2 * pad;
    auto centred = [&](ImFont* font, float size, float y, ImU32 color, std::string_view text) {
        p.text(font, size, r.x + (r.w - p.width(font, text, size)) * 0.5f, y, color, text);
    };

    if (!board.latest) {
        const float block = f.huge->FontSize + f.body->FontSize * 1.6f;
        const float y = r.y + (r.h - block) * 0.5f;
        const std::string_view title = tr("display.no_calls", options.lang);
        centred(f.huge, p.fitted(f.huge, title, inner_w), y, colors::text_muted, title);
        const std::string hint = p.ellipsized(f.body, tr("display.no_calls_hint", options.lang), inner_w);
        centred(f.body, f.body->FontSize, y + f.huge->FontSize + f.body->FontSize * 0.6f, colors::text_muted, hint);
        return;
    }
    const BoardCall& call = *board.latest;
    const char* label_key = !highlight ? "display.queue_number" : call.recalls > 0 ? "display.recall" : "display.new_call";
    const std::string_view label = tr(label_key, options.lang);
    const float label_size = p.fitted(f.large, label, inner_w);
    const float number_size = p.fitted(f.giant, call.number, inner_w);
    const std::string_view go_to = tr("display.go_to", options.lang);
    const float go_w = p.width(f.large, go_to) + pad + p.width(f.huge, call.counter_name);
    const float go_scale = std::min(1.0f, inner_w / std::max(1.0f, go_w));
    const float name_size = f.huge->FontSize * go_scale;
    const std::string service = p.ellipsized(f.body, call.service_name, inner_w);

    // Visible heights: capitals and digits sit between cap top and baseline; the "go to" line
    // keeps its descenders ("menuju").
    const float label_h = baseline(f.large, label_size) - cap_top(f.large, label_size);
    const float number_h = baseline(f.giant, number_size) - cap_top(f.giant, number_size);
    const float go_h = name_size - cap_top(f.huge, name_size);
    const float big_gap = pad * 1.4f;
    const float small_gap = pad * 0.6f;
    float block = label_h + big_gap + number_h + big_gap + go_h;
    const bool with_service = !service.empty() && block + small_gap + f.body->FontSize <= r.h - 2 * pad;
    if (with_service) block += small_gap + f.body->FontSize;
    float y = r.y + std::max(pad, (r.h - block) * 0.5f);

    centred(f.large, label_size, y - cap_top(f.large, label_size), quiet_ink, label);
    y += label_h + big_gap;
    // The giant font has only capitals, digits and "-./:" (ticket numbers are exactly that).
    centred(f.giant, number_size, y - cap_top(f.giant, number_size), number_ink, call.number);
    y += number_h + big_gap;
    // "Silakan menuju  Loket 3", the two parts sharing a baseline.
    const float go_size = f.large->FontSize * go_scale;
    const float go_x = r.x + (r.w - go_w * go_scale) * 0.5f;
    const float name_top = y - cap_top(f.huge, name_size);
    const float line_baseline = name_top + baseline(f.huge, name_size);
    p.text(f.large, go_size, go_x, line_baseline - baseline(f.large, go_size), ink, go_to);
    p.text(f.huge, name_size, go_x + (p.width(f.large, go_to) + pad) * go_scale, name_top, number_ink,
           call.counter_name);
    y += go_h + small_gap;
    if (with_service) centred(f.body, f.body->FontSize, y, quiet_ink, service);
}

float previous_row_height(const ui::Fonts& f) { return std::round(f.large->FontSize * 1.22f); }

// The calls before the latest one, newest first.
void draw_previous(const Painter& p, const BoardSnapshot& board, const BoardViewOptions& options, const Rect& r,
                   float pad) {
    const ui::Fonts& f = p.fonts();
    p.card(r);
    p.text(f.bold, f.bold->FontSize, r.x + pad, r.y + pad * 0.7f, colors::text_muted, tr("display.previous", options.lang));
    const float top = r.y + pad * 0.7f + f.bold->FontSize + pad * 0.6f;
    const float row_h = previous_row_height(f);
    const int rows = std::max(0, static_cast<int>((r.bottom() - pad * 0.5f - top) / row_h));
    if (board.previous.empty()) {
        p.text(f.large, f.large->FontSize, r.x + pad, top + (row_h - f.large->FontSize) * 0.5f, colors::text_muted,
               tr("display.previous_none", options.lang));
        return;
    }
    const float inner_w = r.w - 2 * pad;
    for (int i = 0; i < rows && i < static_cast<int>(board.previous.size()); ++i) {
        const BoardCall& call = board.previous[static_cast<std::size_t>(i)];
        const float y = top + static_cast<float>(i) * row_h;
        if (i > 0) p.fill(Rect{r.x + pad, y - 1, inner_w, 2}, colors::secondary);
        const float text_y = y + (row_h - f.large->FontSize) * 0.5f;
        const float number_w = std::min(p.width(f.large, call.number), inner_w * 0.5f);
        p.text(f.large, p.fitted(f.large, call.number, inner_w * 0.5f), r.x + pad, text_y, colors::text, call.number);
        const float name_max = inner_w - number_w - pad;
        const float name_size = p.fitted(f.large, call.counter_name, name_max);
        p.text(f.large, name_size, r.right() - pad - p.width(f.large, call.counter_name, name_size),
               text_y + (f.large->FontSize - name_size), colors::accent, call.counter_name);
    }
}

// One tile per counter of the zone: its name, and the number it serves or why it does not.
void draw_counters(const Painter& p, const BoardSnapshot& board, const BoardViewOptions& options, const Rect& r,
                   int columns, float pad) {
    const ui::Fonts& f = p.fonts();
    const int count = static_cast<int>(board.counters.size());
    if (count == 0) return;
    const int rows = (count + columns - 1) / columns;
    const float gap = pad * 0.5f;
    const float tile_w = (r.w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float tile_h = (r.h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows);
    for (int i = 0; i < count; ++i) {
        const BoardCounter& c = board.counters[static_cast<std::size_t>(i)];
        const Rect tile{r.x + static_cast<float>(i % columns) * (tile_w + gap),
                        r.y + static_cast<float>(i / columns) * (tile_h + gap), tile_w, tile_h};
        ImU32 stripe = colors::border;
        ImU32 status_color = colors::text_muted;
        std::string status;
        ImFont* status_font = f.bold;
        if (c.state == "paused") {
            stripe = colors::warning;
            status_color = colors::warning;
            status = tr("display.counter_paused", options.lang);
        } else if (c.state == "open" && !c.ticket_number.empty()) {
            stripe = colors::success;
            status_color = colors::text;
            status = c.ticket_number;
            status_font = f.large;
        } else if (c.state == "open") {
            stripe = colors::success;
            status_color = colors::success;
            status = tr("display.counter_ready", options.lang);
        } else {
            status = tr("display.counter_closed", options.lang);
        }
        p.card(tile);
        const float stripe_w = std::max(6.0f, pad * 0.4f);
        p.fill(Rect{tile.x, tile.y, stripe_w, tile.h}, stripe, f.sizes.body * 0.3f);
        const float inner_x = tile.x + stripe_w + pad * 0.6f;
        const float inner_w = tile.right() - pad * 0.5f - inner_x;
        // Every tile has the same two lines, so names and statuses line up across the row.
        const float block = f.bold->FontSize + f.large->FontSize * 1.05f;
        const float y = tile.y + (tile.h - block) * 0.5f;
        p.text(f.bold, p.fitted(f.bold, c.name, inner_w), inner_x, y, colors::text, c.name);
        const float status_baseline = y + f.bold->FontSize * 1.05f + f.large->Ascent;
        if (status_font == f.large) {
            const float size = p.fitted(f.large, status, inner_w);
            p.text(f.large, size, inner_x, status_baseline - baseline(f.large, size), status_color, status);
        } else {
            p.text(f.bold, f.bold->FontSize, inner_x, status_baseline - f.bold->Ascent, status_color,
                   p.ellipsized(f.bold, status, inner_w));
        }
    }
}

constexpr int kWaitingRowsMost = 4;
float waiting_row_height(const ui::Fonts& f) { return std::round(f.body->FontSize * 1.3f); }

// How many people wait for each service of the zone, a page at a time. True when it has
// more than one page (they turn by the clock).
bool draw_waiting(const Painter& p, const BoardSnapshot& board, const BoardViewOptions& options, const Rect& r,
                  float pad) {
    const ui::Fonts& f = p.fonts();
    p.card(r);
    const float inner_w = r.w - 2 * pad;
    const float title_y = r.y + pad * 0.6f;
    p.text(f.bold, f.bold->FontSize, r.x + pad, title_y, colors::text_muted, tr("display.waiting_title", options.lang));
    const std::string total = fill(tr("display.waiting_total", options.lang), "n", std::to_string(board.waiting_total));
    p.text(f.bold, f.bold->FontSize, r.right() - pad - p.width(f.bold, total), title_y, colors::accent, total);
    const float top = title_y + f.bold->FontSize + pad * 0.5f;
    if (board.waiting.empty()) {
        p.text(f.body, f.body->FontSize, r.x + pad, top, colors::text_muted,
               p.ellipsized(f.body, tr("display.waiting_none", options.lang), inner_w));
        return false;
    }
    const float row_h = waiting_row_height(f);
    const int per_page = std::max(1, static_cast<int>((r.bottom() - pad * 0.4f - top) / row_h));
    const int count = static_cast<int>(board.waiting.size());
    const int pages = (count + per_page - 1) / per_page;
    const int page = pages > 1 ? static_cast<int>((options.wall_ms / 1000 / kWaitingPageSeconds) % pages) : 0;
    if (pages > 1) {
        std::string marker = fill(tr("display.page", options.lang), "i", std::to_string(page + 1));
        marker = fill(marker, "n", std::to_string(pages));
        const float title_w = p.width(f.bold, tr("display.waiting_title", options.lang));
        p.text(f.body, f.body->FontSize, r.x + pad + title_w + pad, title_y, colors::text_muted, marker);
    }
    const float badge_w = p.width(f.bold, "WWW") * 0.8f;
    for (int i = 0; i < per_page && page * per_page + i < count; ++i) {
        const BoardWaiting& w = board.waiting[static_cast<std::size_t>(page * per_page + i)];
        const float y = top + static_cast<float>(i) * row_h;
        const float text_y = y + (row_h - f.body->FontSize) * 0.5f;
        const Rect badge{r.x + pad, y + row_h * 0.08f, badge_w, row_h * 0.84f};
        p.fill(badge, colors::accent, f.sizes.body * 0.2f);
        const float prefix_size = p.fitted(f.bold, w.prefix, badge_w - 4);
        p.text(f.bold, prefix_size, badge.x + (badge_w - p.width(f.bold, w.prefix, prefix_size)) * 0.5f,
               text_y + (f.bold->FontSize - prefix_size) * 0.5f, colors::text_on_accent, w.prefix);
        const std::string count_text = std::to_string(w.waiting);
        const float count_w = p.width(f.bold, count_text);
        p.text(f.bold, f.bold->FontSize, r.right() - pad - count_w, text_y, colors::text, count_text);
        const float name_x = badge.right() + pad * 0.5f;
        p.text(f.body, f.body->FontSize, name_x, text_y, colors::text,
               p.ellipsized(f.body, w.name, r.right() - pad - count_w - pad * 0.5f - name_x));
    }
    return pages > 1;
}

// The running text: one line at a time, each shown for a few seconds. True when it has more
// than one line.
bool draw_ticker(const Painter& p, const BoardSnapshot& board, const BoardViewOptions& options, const Rect& r,
                 float pad) {
    const ui::Fonts& f = p.fonts();
    p.fill(r, colors::text);
    std::vector<std::string> messages = ticker_messages(board.ticker, options.lang);
    std::vector<std::string> lines;
    for (const std::string& message : messages)
        for (std::string_view line : ui::wrap_lines(f.body, message, r.w - 2 * pad)) lines.emplace_back(line);
    if (lines.empty()) return false;
    const std::size_t page = static_cast<std::size_t>(options.wall_ms / 1000 / kTickerPageSeconds) % lines.size();
    p.text(f.body, f.body->FontSize, r.x + pad, r.y + (r.h - f.body->FontSize) * 0.5f, colors::text_on_accent,
           lines[page]);
    return lines.size() > 1;
}

// The server is not heard: say so, and for how long, in red across the bottom.
void draw_banner(const Painter& p, const BoardSnapshot& board, const BoardViewOptions& options, const Rect& r,
                 float pad) {
    const ui::Fonts& f = p.fonts();
    p.fill(r, colors::danger);
    const std::string text = std::string(tr("display.banner", options.lang)) + "  (" +
                             fill(tr("display.banner_age", options.lang), "age", age_text(board.offline_ms, options.lang)) +
                             ")";
    ImFont* font = p.width(f.large, text) <= r.w - 2 * pad ? f.large : f.bold;
    const float size = p.fitted(font, text, r.w - 2 * pad);
    p.text(font, size, r.x + (r.w - p.width(font, text, size)) * 0.5f, r.y + (r.h - size) * 0.5f,
           colors::text_on_accent, text);
}

}  // namespace

int draw_board(const BoardSnapshot& board, const BoardViewOptions& options, const ui::Frame& frame) {
    const ui::Fonts& f = frame.fonts;
    const float W = static_cast<float>(frame.width);
    const float H = static_cast<float>(frame.height);
    const float pad = std::round(f.sizes.body * 0.5f);
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->PushClipRect(ImVec2(0, 0), ImVec2(W, H), false);
    Painter p(list, f);
    frame.background = colors::surface;  // the screen is cleared with it: no full-screen fill

    const Rect header{0, 0, W, std::round(f.large->FontSize + f.body->FontSize * 1.1f + pad * 1.6f)};
    draw_header(p, board, options, header, pad);

    // The bottom strip: the running text, or the connection banner in its place.
    const float strip_h = std::round(board.connected ? f.body->FontSize * 1.7f : f.large->FontSize * 1.4f);
    const Rect strip{0, H - strip_h, W, strip_h};
    bool ticker_pages = false;
    if (board.connected) {
        ticker_pages = draw_ticker(p, board, options, strip, pad);
    } else {
        draw_banner(p, board, options, strip, pad);
    }

    // Counters and waiting counts: up to four counters a row, two rows at most.
    const int counters = static_cast<int>(board.counters.size());
    const int columns = counters <= 4 ? std::max(1, counters) : (counters + 1) / 2;
    const int rows = counters <= 4 ? 1 : 2;
    const float tile_h = std::round(f.bold->FontSize + f.large->FontSize * 1.05f + pad * 1.4f);
    const float tiles_h = tile_h * static_cast<float>(rows) + pad * 0.5f * static_cast<float>(rows - 1);
    const int waiting_rows = std::clamp(static_cast<int>(board.waiting.size()), 3, kWaitingRowsMost);
    const float waiting_h = pad * 1.5f + f.bold->FontSize + waiting_row_height(f) * static_cast<float>(waiting_rows);
    // The calls keep room for the whole latest call and at least five earlier ones.
    const float calls_min = std::max(f.large->FontSize + f.giant->FontSize * 0.7f + f.huge->FontSize + pad * 4.5f,
                                     pad * 1.8f + f.bold->FontSize + 5 * previous_row_height(f));
    const float band_most = H - header.h - strip_h - 3 * pad - calls_min;
    const float band_h = std::round(std::max(tiles_h, std::min(waiting_h, band_most)));
    const float left_w = std::round((W - 3 * pad) * 0.6f);
    const float right_x = pad + left_w + pad;
    const float right_w = W - pad - right_x;
    const Rect band{pad, strip.y - pad - band_h, W - 2 * pad, band_h};
    draw_counters(p, board, options, Rect{band.x, band.y, left_w, band.h}, std::max(1, columns), pad);
    const bool waiting_pages = draw_waiting(p, board, options, Rect{right_x, band.y, right_w, band.h}, pad);

    // The calls: the latest very large on the left, the earlier ones on the right.
    const float main_top = header.bottom() + pad;
    const Rect main{pad, main_top, left_w, band.y - pad - main_top};
    draw_latest(p, board, options, main, pad);
    draw_previous(p, board, options, Rect{right_x, main.y, right_w, main.h}, pad);
    list->PopClipRect();

    // What changes on screen by the clock alone: waiting pages, the banner's age and a new call's
    // highlight every few seconds, running-text lines every kTickerPageSeconds, else the clock.
    if (waiting_pages || !board.connected || board.latest_is_new) return kBoardTickMs;
    if (ticker_pages) return kTickerPageSeconds * 1000;
    return kClockTickMs;
}

}  // namespace hall::display
