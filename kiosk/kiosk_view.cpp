// Layout: each screen is a fixed top bar, a fixed header, one scrolling region that takes the
// height left, and a fixed footer with the screen's main action, so the next step is always at
// the same place and never scrolled away. Custom tiles and checklist rows are drawn with the
// draw list over an InvisibleButton, like ui::big_button, because they carry several texts.
//
// Drag-to-scroll: ImGui 1.86 scrolls with the wheel only. A press inside a scrolling region
// arms a drag; once the finger has moved more than kDragThreshold the region follows it and
// the press is taken away from the item under the finger (ClearActiveID), so lifting the finger
// after a drag never taps a button.
#include "kiosk/kiosk_view.hpp"

#include <imgui_impl_sdlrenderer.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "common/format.hpp"
#include "common/log.hpp"
#include "common/skm_questions.hpp"
#include "common/ui/fonts.hpp"
#include "common/ui/text.hpp"
#include "common/ui/theme.hpp"

namespace hall::kiosk {

namespace {

namespace colors = ui::colors;
using T = Intent::Type;

constexpr float kLargeTextScale = 1.3f;
constexpr float kDragThreshold = 14.0f;
constexpr float kBarHeight = 146.0f;
constexpr ImU32 kCheckedFill = IM_COL32(0xDC, 0xF2, 0xE3, 0xFF);   // light green behind ticked rows
constexpr ImU32 kDangerLight = IM_COL32(0xFB, 0xE4, 0xE2, 0xFF);   // light red behind refusals
constexpr ImU32 kDim = IM_COL32(0x11, 0x18, 0x27, 0xB0);

float wrapped_height(ImFont* font, std::string_view text, float width) {
    const std::size_t lines = ui::wrap_lines(font, text, width).size();
    if (lines == 0) return 0.0f;
    return static_cast<float>(lines - 1) * ui::line_height(font) + font->FontSize;
}

// Draws `text` wrapped to `width` from `pos`; returns its height.
float draw_wrapped(ImDrawList* list, ImFont* font, ImVec2 pos, float width, std::string_view text, ImU32 color,
                   bool centered = false) {
    float y = pos.y;
    const std::vector<std::string_view> lines = ui::wrap_lines(font, text, width);
    for (std::string_view line : lines) {
        float x = pos.x;
        if (centered) x += std::max(0.0f, (width - ui::text_size(font, line).x) * 0.5f);
        if (!line.empty()) list->AddText(font, font->FontSize, ImVec2(x, y), color, line.data(), line.data() + line.size());
        y += ui::line_height(font);
    }
    return lines.empty() ? 0.0f : y - pos.y - ui::line_height(font) + font->FontSize;
}

// A panel with a coloured background around content drawn by `body` at the cursor.
template <class Body>
void panel(const char* id, ImU32 fill, ImU32 border, Body body) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->ChannelsSplit(2);
    list->ChannelsSetCurrent(1);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float pad = ImGui::GetStyle().WindowPadding.x * 0.75f;
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushID(id);
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(start.x + width - pad);
    body(width - 2.0f * pad);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::PopID();
    const ImVec2 end(start.x + width, ImGui::GetItemRectMax().y + pad);
    list->ChannelsSetCurrent(0);
    list->AddRectFilled(start, end, fill, ImGui::GetStyle().FrameRounding);
    if (border != fill) list->AddRect(start, end, border, ImGui::GetStyle().FrameRounding, 0, 3.0f);
    list->ChannelsMerge();
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(width, end.y - start.y));
}

// True when no word of `text` is wider than `width` in `font` (so wrapping never cuts a word).
bool words_fit(ImFont* font, std::string_view text, float width) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = text.find(' ', i);
        if (end == std::string_view::npos) end = text.size();
        if (ui::text_size(font, text.substr(i, end - i)).x > width) return false;
        i = end + 1;
    }
    return true;
}

std::string waiting_text(int waiting, Lang lang) {
    if (waiting == 1) return tr("kiosk.waiting.one", lang);
    return fill(tr("kiosk.waiting.many", lang), {std::to_string(waiting)});
}

// True when the server's refusal `code` is the status the replica shows (`reason` of a TakeBlock).
bool same_refusal(const std::string& code, const std::string& reason) {
    return (code == "hall_closed" && (reason == "closed" || reason == "closed_day")) ||
           (code == "on_break" && reason == "break") || (code == "holiday" && reason == "holiday") ||
           (code == "quota_reached" && reason == "quota");
}

// A source text cut at a word boundary for a one-line summary (the service page has it whole).
std::string shortened(const std::string& text, std::size_t limit = 44) {
    if (text.size() <= limit) return text;
    std::size_t cut = text.rfind(' ', limit);
    if (cut == std::string::npos || cut < limit / 2) cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // never inside a character
    return text.substr(0, cut) + "\u2026";
}

std::string component_title(Component c, Lang lang) {
    return std::string(lang == Lang::id ? component_title_id(c) : component_title_en(c));
}

}  // namespace

Status KioskView::prepare_fonts(const ui::Fonts& fonts) {
    m_normal = Typography{fonts.body, fonts.bold, fonts.large, fonts.huge, fonts.giant};
    m_large = m_normal;
    m_large_ready = false;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (fonts.files.regular.empty()) return make_error("font_missing", "no font files to scale for large text");
    auto add = [&](const std::filesystem::path& file, float size) -> ImFont* {
        ImFontConfig config;
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;
        ImFont* font = atlas->AddFontFromFileTTF(file.c_str(), std::round(size), &config, ui::text_glyph_ranges());
        // Symbols the family lacks come from its symbol fonts, as in the normal sizes.
        for (const std::filesystem::path& symbols : fonts.files.symbols) {
            ImFontConfig merge = config;
            merge.MergeMode = true;
            atlas->AddFontFromFileTTF(symbols.c_str(), std::round(size), &merge, ui::text_glyph_ranges() + 4);
        }
        return font;
    };
    Typography large;
    large.text = add(fonts.files.regular, fonts.sizes.body * kLargeTextScale);
    large.strong = add(fonts.files.bold, fonts.sizes.body * kLargeTextScale);
    large.heading = add(fonts.files.bold, fonts.sizes.large * kLargeTextScale);
    large.title = fonts.huge;
    large.giant = fonts.giant;
    if (!large.text || !large.strong || !large.heading || !atlas->Build()) {
        return make_error("font_atlas", "cannot add the large-text fonts to the atlas");
    }
    // The backend's texture holds the old atlas: upload the new one.
    if (ImGui::GetIO().BackendRendererUserData) {
        ImGui_ImplSDLRenderer_DestroyFontsTexture();
        if (!ImGui_ImplSDLRenderer_CreateFontsTexture()) {
            return make_error("font_atlas", "cannot upload the font atlas with the large-text fonts");
        }
    }
    m_large = large;
    m_large_ready = true;
    log::debug("kiosk", "font atlas " + std::to_string(atlas->TexWidth) + "x" + std::to_string(atlas->TexHeight));
    return ok_status();
}

Typography KioskView::typography(const KioskModel& model, const ui::Fonts& fonts) const {
    if (!m_normal.text) {
        return Typography{fonts.body, fonts.bold, fonts.large, fonts.huge, fonts.giant};  // prepare_fonts not called
    }
    return model.text_size() == TextSize::large && m_large_ready ? m_large : m_normal;
}

void KioskView::emit(Intent::Type type, std::string text, int index) {
    m_intents.push_back(Intent{type, std::move(text), index});
}

std::vector<Intent> KioskView::draw(const KioskModel& model, const ui::Frame& frame) {
    m_intents.clear();
    m_frame = &frame;
    m_t = typography(model, frame.fonts);
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(0) || io.MouseWheel != 0.0f || !io.InputQueueCharacters.empty()) emit(T::touch);

    const std::optional<int> idle = model.idle_countdown();
    const bool blocked = idle.has_value() || model.busy() != Busy::none || model.survey().waiting;
    ImGui::BeginDisabled(blocked);
    switch (model.screen()) {
        case Screen::welcome: welcome(model); break;
        case Screen::agency: agency(model); break;
        case Screen::service: service(model); break;
        case Screen::priority: priority(model); break;
        case Screen::ticket: ticket(model); break;
        case Screen::error: error(model); break;
        case Screen::survey_number: survey_number(model); break;
        case Screen::survey_questions: survey_questions(model); break;
        case Screen::survey_thanks: survey_thanks(model); break;
    }
    ImGui::EndDisabled();
    if (model.busy() != Busy::none) busy_overlay(model);
    else if (idle) idle_overlay(model, *idle);
    m_frame = nullptr;
    return m_intents;
}

void KioskView::drag_scroll() {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(0) &&
        ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
        m_drag = Drag{true, false, io.MousePos.y, ImGui::GetScrollY(), window->ID};
    }
    if (!m_drag.armed || m_drag.window != window->ID) return;
    if (!ImGui::IsMouseDown(0)) {
        m_drag = Drag{};
        return;
    }
    const float dy = io.MousePos.y - m_drag.start_y;
    if (!m_drag.dragging && std::fabs(dy) > kDragThreshold) {
        m_drag.dragging = true;
        ImGui::ClearActiveID();  // the finger scrolls; it no longer presses what it started on
    }
    if (m_drag.dragging) ImGui::SetScrollY(std::clamp(m_drag.start_scroll - dy, 0.0f, ImGui::GetScrollMaxY()));
}

bool KioskView::top_bar(const KioskModel& model, bool back_and_home) {
    const Lang lang = model.lang();
    const ui::Fonts& fonts = m_frame->fonts;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float x0 = ImGui::GetCursorPosX();
    const float y0 = ImGui::GetCursorPosY();
    // A button just wide enough for its text: big_button pads by half the label font's size.
    auto fit = [&](ImFont* label_font, float text_width) {
        return std::ceil(text_width + 2.0f * std::max(style.FramePadding.x, label_font->FontSize * 0.5f)) + 4.0f;
    };
    // The bar keeps the normal fonts in large-text mode, so it always fits on one line.
    const std::string back = tr("kiosk.bar.back", lang);
    const std::string home = tr("kiosk.bar.home", lang);
    const bool large = model.text_size() == TextSize::large;
    const std::string size_label = tr(large ? "kiosk.bar.text_normal" : "kiosk.bar.text_large", lang);
    const std::string size_detail = tr(large ? "kiosk.bar.text_normal_detail" : "kiosk.bar.text_large_detail", lang);
    const float back_width = fit(fonts.bold, ui::text_size(fonts.bold, back).x);
    const float home_width = fit(fonts.bold, ui::text_size(fonts.bold, home).x);
    const float lang_width =
        std::max(fit(fonts.bold, ui::text_size(fonts.bold, "ID").x), fit(fonts.bold, ui::text_size(fonts.bold, "EN").x));
    const float size_width =
        fit(fonts.large, std::max(ui::text_size(fonts.body, size_detail).x, ui::text_size(fonts.large, size_label).x));
    const float right_width = 2.0f * lang_width + style.ItemSpacing.x + size_width;
    const float available = ImGui::GetContentRegionAvail().x;
    // Defensive: with an unusually long translation, "home" gives way (back still gets there).
    const bool show_home = back_and_home && back_width + home_width + right_width + 2.0f * style.ItemSpacing.x <= available;

    if (back_and_home) {
        if (ui::big_button("bar_back", {.label = back, .kind = ui::ButtonKind::secondary, .width = back_width,
                                        .height = kBarHeight, .label_font = fonts.bold})) {
            emit(T::back);
        }
        if (show_home) {
            ImGui::SameLine();
            if (ui::big_button("bar_home", {.label = home, .kind = ui::ButtonKind::secondary, .width = home_width,
                                            .height = kBarHeight, .label_font = fonts.bold})) {
                emit(T::home);
            }
        }
    }
    // The toggles sit at the right edge, in the same place on every screen.
    ImGui::SetCursorPos(ImVec2(x0 + available - right_width, y0));
    if (ui::big_button("bar_id", {.label = tr("kiosk.bar.lang_id", lang),
                                  .kind = lang == Lang::id ? ui::ButtonKind::primary : ui::ButtonKind::secondary,
                                  .width = lang_width, .height = kBarHeight, .label_font = fonts.bold})) {
        emit(T::set_language, "id");
    }
    ImGui::SameLine(0.0f, 0.0f);
    if (ui::big_button("bar_en", {.label = tr("kiosk.bar.lang_en", lang),
                                  .kind = lang == Lang::en ? ui::ButtonKind::primary : ui::ButtonKind::secondary,
                                  .width = lang_width, .height = kBarHeight, .label_font = fonts.bold})) {
        emit(T::set_language, "en");
    }
    ImGui::SameLine();
    if (ui::big_button("bar_size", {.label = size_label, .detail = size_detail, .kind = ui::ButtonKind::secondary,
                                    .width = size_width, .height = kBarHeight, .label_font = fonts.large,
                                    .detail_font = fonts.body})) {
        emit(T::toggle_text_size);
    }
    ImGui::SetCursorPos(ImVec2(x0, y0 + kBarHeight + style.ItemSpacing.y));
    return true;
}

void KioskView::offline_banner(const KioskModel& model) {
    if (model.connected()) return;
    panel("offline", kDangerLight, colors::danger, [&](float width) {
        ui::text_wrapped(tr("kiosk.offline.banner", model.lang()), m_t.strong, width, colors::danger);
    });
}

void KioskView::welcome(const KioskModel& model) {
    const Lang lang = model.lang();
    top_bar(model, false);
    const float width = ImGui::GetContentRegionAvail().x;
    const LocalTime now = local_time(model.now_ms(), model.settings().utc_offset_minutes);

    // The hall's banner: greeting, name, date and clock on the accent colour.
    panel("banner", colors::accent, colors::accent, [&](float inner) {
        ui::text_centered(tr("kiosk.welcome.greeting", lang), m_t.strong, inner, colors::text_on_accent);
        ui::text_centered(model.hall_name(), m_frame->fonts.large, inner, colors::text_on_accent);
        ImGui::Spacing();
        ui::text_centered(long_date(now, lang) + "  \u2022  " + clock_text(now), m_t.strong, inner, colors::text_on_accent);
    });
    ImGui::Spacing();
    offline_banner(model);
    ui::text_wrapped(tr("kiosk.welcome.choose", lang), m_t.strong, width);

    // "Isi Survei" for visitors without a phone sits under the list, always in view.
    const float survey_button = ui::kMinTouchHeight * 1.5f;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 12.0f));
    ImGui::BeginChild("agencies",
                      ImVec2(0, -(scroll_hint_height(model, width) + survey_button + 3.0f * ImGui::GetStyle().ItemSpacing.y)),
                      false);
    drag_scroll();
    if (model.agencies().empty()) ui::text_wrapped(tr("kiosk.welcome.none", lang), m_t.strong);
    const float tile_width = ImGui::GetContentRegionAvail().x;
    const float pad = 20.0f;
    // Wide enough for "menunggu" in one piece at either text size.
    const float count_width = std::max(
        {220.0f, ui::text_size(m_t.text, tr("kiosk.tile.waiting.many", lang)).x + 32.0f,
         ui::text_size(m_t.text, tr("kiosk.tile.waiting.one", lang)).x + 32.0f});
    for (const AgencyEntry& entry : model.agencies()) {
        const Agency& agency = *entry.agency;
        const std::optional<int> waiting = model.agency_waiting(entry);
        const std::string services =
            entry.services.size() == 1
                ? tr("kiosk.welcome.services.one", lang)
                : fill(tr("kiosk.welcome.services.many", lang), {std::to_string(entry.services.size())});
        const std::string region = agency.region.empty() ? services : agency.region + "  \u2022  " + services;
        // Without a server the count is unknown: no box (the red banner above says why).
        const float text_width = tile_width - (waiting ? count_width + 3.0f * pad : 2.0f * pad);
        // The name keeps the normal heading size: in large text it would wrap word by word.
        ImFont* name_font = m_frame->fonts.large;
        const float name_height = wrapped_height(name_font, agency.name, text_width);
        const float region_height = wrapped_height(m_t.text, region, text_width);
        const float height = std::max(190.0f, name_height + region_height + 2.0f * pad + 6.0f);

        ImGui::PushID(entry.id.c_str());
        const ImVec2 top_left = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("tile", ImVec2(tile_width, height))) emit(T::open_agency, entry.id);
        const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
        ImGui::PopID();
        ImDrawList* list = ImGui::GetWindowDrawList();
        const ImVec2 bottom_right(top_left.x + tile_width, top_left.y + height);
        const float rounding = ImGui::GetStyle().FrameRounding;
        list->AddRectFilled(top_left, bottom_right, held ? colors::accent_light : colors::surface, rounding);
        list->AddRect(top_left, bottom_right, colors::accent, rounding, 0, 3.0f);
        float y = top_left.y + pad;
        y += draw_wrapped(list, name_font, ImVec2(top_left.x + pad, y), text_width, agency.name, colors::accent);
        draw_wrapped(list, m_t.text, ImVec2(top_left.x + pad, y + 6.0f), text_width, region, colors::text_muted);

        // The waiting count, big, in its own box at the right.
        if (waiting) {
            const ImVec2 box_min(bottom_right.x - count_width - pad, top_left.y + pad);
            const ImVec2 box_max(bottom_right.x - pad, bottom_right.y - pad);
            list->AddRectFilled(box_min, box_max, colors::background, rounding);
            const std::string words = tr(*waiting == 1 ? "kiosk.tile.waiting.one" : "kiosk.tile.waiting.many", lang);
            ImFont* big = m_frame->fonts.huge;
            const float words_height = wrapped_height(m_t.text, words, count_width - 16.0f);
            const float by = box_min.y + std::max(0.0f, (box_max.y - box_min.y - big->FontSize - words_height) * 0.5f);
            draw_wrapped(list, big, ImVec2(box_min.x, by), count_width, std::to_string(*waiting), colors::text, true);
            draw_wrapped(list, m_t.text, ImVec2(box_min.x + 8.0f, by + big->FontSize), count_width - 16.0f, words,
                         colors::text_muted, true);
        }
    }
    const bool more_below = ImGui::GetScrollY() < ImGui::GetScrollMaxY() - 2.0f;
    ImGui::EndChild();
    ImGui::PopStyleVar();
    scroll_hint(model, more_below, width);
    if (ui::big_button("survey", {.label = tr("kiosk.welcome.survey", lang), .detail = tr("kiosk.welcome.survey_detail", lang),
                                  .kind = ui::ButtonKind::secondary, .height = survey_button, .label_font = m_t.heading,
                                  .detail_font = m_t.text})) {
        emit(T::open_survey);
    }
}

void KioskView::agency(const KioskModel& model) {
    const Lang lang = model.lang();
    const AgencyEntry* entry = model.current_agency();
    top_bar(model, true);
    if (!entry) return;  // defensive: the model only opens agencies it has
    const float width = ImGui::GetContentRegionAvail().x;
    ui::text_wrapped(entry->agency->name, m_t.heading, width, colors::accent);
    if (!entry->agency->region.empty()) ui::text_wrapped(entry->agency->region, m_t.text, width, colors::text_muted);
    offline_banner(model);

    // The search field: a big touch target that opens the on-screen keyboard.
    const std::string& query = model.search();
    const std::string clear = tr("kiosk.agency.clear", lang);
    const float clear_width = query.empty() ? 0.0f : ui::text_size(m_t.strong, clear).x + 64.0f;
    const std::string field = query.empty() ? tr("kiosk.agency.search_hint", lang)
                                            : fill(tr("kiosk.agency.search_label", lang), {query + "_"});
    if (ui::big_button("search", {.label = field, .kind = ui::ButtonKind::secondary, .align = ui::TextAlign::left,
                                  .width = width - clear_width - (query.empty() ? 0.0f : ImGui::GetStyle().ItemSpacing.x),
                                  .label_font = m_t.strong})) {
        emit(model.keyboard_open() ? T::close_keyboard : T::open_keyboard);
    }
    if (!query.empty()) {
        ImGui::SameLine();
        if (ui::big_button("clear", {.label = clear, .kind = ui::ButtonKind::danger, .width = clear_width,
                                     .label_font = m_t.strong})) {
            emit(T::clear_search);
        }
        const int found = model.matching_services();
        ui::text_wrapped(found == 0   ? fill(tr("kiosk.agency.no_match", lang), {query})
                         : found == 1 ? tr("kiosk.agency.found.one", lang)
                                      : fill(tr("kiosk.agency.found.many", lang), {std::to_string(found)}),
                         m_t.strong, width, found == 0 ? colors::danger : colors::text);
    } else {
        ui::text_wrapped(tr("kiosk.agency.choose", lang), m_t.strong, width);
    }
    // A physical keyboard types into the search too.
    const ImGuiIO& io = ImGui::GetIO();
    std::string typed;
    for (ImWchar c : io.InputQueueCharacters)
        if (c >= 0x20 && c < 0x7F) typed += static_cast<char>(c);
    if (!typed.empty()) emit(T::type_text, typed);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) emit(T::backspace);

    const float keyboard_height = model.keyboard_open() ? 5.0f * ui::kMinTouchHeight + 5.0f * ImGui::GetStyle().ItemSpacing.y : 0.0f;
    const float hint = scroll_hint_height(model, width) + ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("services", ImVec2(0, -(keyboard_height + hint)), false);
    drag_scroll();
    for (const ServiceGroup& group : model.service_groups()) {
        const std::string title = group.general ? tr("kiosk.agency.general", lang) : group.title;
        if (!title.empty()) {
            ImGui::Spacing();
            panel(("group" + title).c_str(), colors::accent_light, colors::accent_light,
                  [&](float inner) { ui::text_wrapped(title, m_t.heading, inner, colors::accent_pressed); });
        }
        for (const Service* s : group.services) {
            const ServiceStatus status = model.status_of(s->id);
            std::string detail = fill(tr("kiosk.agency.time", lang), {shortened(format::duration(s->duration, lang))}) +
                                 "  \u2022  " + fill(tr("kiosk.agency.fee", lang), {shortened(format::fee(s->fee, lang))});
            if (status.known) {
                detail += "  \u2022  " + (status.waiting == 0 ? tr("kiosk.agency.no_queue", lang) : waiting_text(status.waiting, lang));
                if (status.status != "open") detail += "  \u2022  " + tr("service." + status.status, lang);
            }
            ImGui::PushID(s->id.c_str());
            if (ui::big_button("service", {.label = s->name, .detail = detail, .kind = ui::ButtonKind::primary,
                                           .align = ui::TextAlign::left, .label_font = m_t.strong,
                                           .detail_font = m_t.text})) {
                emit(T::open_service, s->id);
            }
            ImGui::PopID();
        }
    }
    ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y));
    const bool more_below = ImGui::GetScrollY() < ImGui::GetScrollMaxY() - 2.0f;
    ImGui::EndChild();
    scroll_hint(model, more_below, width);
    if (model.keyboard_open()) keyboard(model);
}

void KioskView::keyboard(const KioskModel& model) {
    const Lang lang = model.lang();
    const ui::Fonts& fonts = m_frame->fonts;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = 8.0f;
    const float key = (width - 9.0f * gap) / 10.0f;
    static constexpr const char* kRows[] = {"1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"};
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, style.ItemSpacing.y));
    for (int row = 0; row < 4; ++row) {
        const std::string_view keys = kRows[row];
        const float row_width = static_cast<float>(keys.size()) * key + static_cast<float>(keys.size() - 1) * gap;
        if (row < 3) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - row_width) * 0.5f);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const char label[2] = {keys[i], '\0'};
            ImGui::PushID(row * 16 + static_cast<int>(i));
            if (ui::big_button("key", {.label = label, .kind = ui::ButtonKind::secondary, .width = key,
                                       .label_font = fonts.large})) {
                emit(T::type_text, std::string(1, keys[i]));
            }
            ImGui::PopID();
            if (i + 1 < keys.size()) ImGui::SameLine();
        }
        if (row == 3) {
            ImGui::SameLine();
            if (ui::big_button("backspace", {.label = tr("kiosk.keyboard.delete", lang), .kind = ui::ButtonKind::danger,
                                             .width = ImGui::GetContentRegionAvail().x, .label_font = fonts.bold})) {
                emit(T::backspace);
            }
        }
    }
    if (ui::big_button("space", {.label = tr("kiosk.keyboard.space", lang), .kind = ui::ButtonKind::secondary,
                                 .width = width * 0.5f, .label_font = fonts.bold})) {
        emit(T::type_text, " ");
    }
    ImGui::SameLine();
    if (ui::big_button("done", {.label = tr("kiosk.keyboard.done", lang), .kind = ui::ButtonKind::primary,
                                .width = ImGui::GetContentRegionAvail().x, .label_font = fonts.bold})) {
        emit(T::close_keyboard);
    }
    ImGui::PopStyleVar();
}

float KioskView::scroll_hint_height(const KioskModel& model, float width) const {
    return wrapped_height(m_t.strong, tr("kiosk.service.scroll_hint", model.lang()), width);
}

void KioskView::scroll_hint(const KioskModel& model, bool more_below, float width) {
    // The line keeps its place when there is nothing more, so the button below never moves.
    if (more_below) ui::text_centered(tr("kiosk.service.scroll_hint", model.lang()), m_t.strong, width, colors::accent);
    else ImGui::Dummy(ImVec2(width, scroll_hint_height(model, width)));
}

std::string KioskView::reason_sentence(const KioskModel& model, const TakeBlock& block) const {
    const Lang lang = model.lang();
    if (block.reason == "offline") return tr("kiosk.reason.offline", lang);
    if (block.reason == "closed") return fill(tr("kiosk.reason.closed", lang), {block.detail});
    if (block.reason == "closed_day") return tr("kiosk.reason.closed_day", lang);
    if (block.reason == "break") return fill(tr("kiosk.reason.break", lang), {block.detail});
    if (block.reason == "holiday") return fill(tr("kiosk.reason.holiday", lang), {block.detail});
    if (block.reason == "quota") return fill(tr("kiosk.reason.quota", lang), {block.detail});
    return tr("kiosk.reason.unknown", lang);
}

void KioskView::service(const KioskModel& model) {
    const Lang lang = model.lang();
    const Service* s = model.current_service();
    top_bar(model, true);
    if (!s) return;  // defensive
    const float width = ImGui::GetContentRegionAvail().x;
    const ImGuiStyle& style = ImGui::GetStyle();
    // A very long name (the Bantuan Hibah one takes five lines) gives its room to the content.
    ImFont* name_font = ui::wrap_lines(m_t.heading, s->name, width).size() > 3 ? m_t.strong : m_t.heading;
    ui::text_wrapped(s->name, name_font, width, colors::accent);
    std::string where;
    if (const Agency* agency = model.agency_of(*s)) where = agency->name;
    if (!s->group.empty()) where += "  \u2022  " + s->group;
    ui::text_wrapped(where, m_t.text, width, colors::text_muted);

    // Today's queue for this service.
    const ServiceStatus status = model.status_of(s->id);
    const TakeBlock block = model.current_block();
    if (status.known && model.connected()) {
        panel("today", colors::surface, colors::surface, [&](float inner) {
            const std::string waiting = status.waiting == 0   ? tr("kiosk.service.nobody_waiting", lang)
                                        : status.waiting == 1 ? tr("kiosk.service.waiting_now.one", lang)
                                                              : fill(tr("kiosk.service.waiting_now.many", lang),
                                                                     {std::to_string(status.waiting)});
            ui::text_wrapped(waiting, m_t.strong, inner);
            std::string more;
            if (status.waiting > 0) more = fill(tr("kiosk.service.estimate", lang), {format::minutes(status.est_wait_min, lang)});
            if (status.status == "open" && !status.detail.empty()) {
                if (!more.empty()) more += "  \u2022  ";
                more += fill(tr("kiosk.service.open_hours", lang), {status.detail});
            }
            if (!more.empty()) ui::text_wrapped(more, m_t.text, inner);
        });
    }

    // The footer: the button, or why there is none. Measured first so the text scrolls above it.
    const std::string take = tr("kiosk.service.take", lang);
    const std::string take_detail = tr("kiosk.service.take_detail", lang);
    float footer = 0.0f;
    const float inner = width - 2.0f * style.WindowPadding.x * 0.75f;
    if (block) {
        footer = wrapped_height(m_t.strong, tr("kiosk.reason.title", lang), inner) +
                 wrapped_height(m_t.text, reason_sentence(model, block), inner) + style.ItemSpacing.y +
                 2.0f * style.WindowPadding.x * 0.75f;
    } else {
        footer = std::max(ui::kMinTouchHeight * 1.4f, m_t.heading->FontSize + m_t.text->FontSize + 60.0f);
    }
    const float hint = scroll_hint_height(model, width);
    ImGui::BeginChild("components", ImVec2(0, -(footer + hint + 2.0f * style.ItemSpacing.y)), false);
    drag_scroll();
    service_components(model, *s);
    const bool more_below = ImGui::GetScrollY() < ImGui::GetScrollMaxY() - 2.0f;
    ImGui::EndChild();
    scroll_hint(model, more_below, width);

    if (block) {
        panel("reason", kDangerLight, colors::danger, [&](float w) {
            ui::text_wrapped(tr("kiosk.reason.title", lang), m_t.strong, w, colors::danger);
            ui::text_wrapped(reason_sentence(model, block), m_t.text, w);
        });
    } else if (ui::big_button("take", {.label = take, .detail = take_detail, .kind = ui::ButtonKind::success,
                                       .height = footer, .label_font = m_t.heading, .detail_font = m_t.text})) {
        emit(T::take_number);
    }
}

void KioskView::service_components(const KioskModel& model, const Service& s) {
    const Lang lang = model.lang();
    const ImGuiStyle& style = ImGui::GetStyle();
    // Two pixels short of the edge: a wrapped line may round a pixel wider than asked.
    const float width = ImGui::GetContentRegionAvail().x - 2.0f;
    const float indent = m_t.text->FontSize * 1.2f;
    auto heading = [&](Component c) {
        ImGui::Spacing();
        ui::text_wrapped(component_title(c, lang), m_t.heading, width, colors::accent);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y - style.ItemSpacing.y * 0.5f),
                                                  ImVec2(p.x + width, p.y - style.ItemSpacing.y * 0.5f + 3.0f), colors::accent);
        ImGui::Dummy(ImVec2(0.0f, 2.0f));
    };
    auto lines = [&](const std::vector<ContentLine>& content) {
        for (const ContentLine& line : content) {
            const float left = indent * static_cast<float>(line.depth);
            const float label_width = line.label.empty() ? 0.0f : std::max(m_t.strong->FontSize * 1.6f,
                                                                           ui::text_size(m_t.strong, line.label).x + 12.0f);
            const float x = ImGui::GetCursorPosX();
            if (!line.label.empty()) {
                ImGui::SetCursorPosX(x + left);
                ui::text_wrapped(line.label, m_t.strong, label_width);
                ImGui::SameLine(x + left + label_width, 0.0f);
            } else {
                ImGui::SetCursorPosX(x + left);
            }
            ui::text_wrapped(line.text, m_t.text, width - left - label_width);
            ImGui::SetCursorPosX(x);
        }
    };

    // Persyaratan: the checklist.
    heading(Component::persyaratan);
    const std::vector<ContentLine>& requirements = model.requirements();
    if (model.checkable_count() > 0) {
        ui::text_wrapped(tr("kiosk.service.req_hint", lang), m_t.strong, width);
        ui::text_wrapped(fill(tr("kiosk.service.brought_count", lang),
                              {std::to_string(model.checked_count()), std::to_string(model.checkable_count())}),
                         m_t.text, width, model.checked_count() == model.checkable_count() ? colors::success : colors::text_muted);
    }
    const float box = std::max(56.0f, m_t.text->FontSize * 1.4f);
    const float pad = 18.0f;
    const std::string brought = tr("kiosk.service.brought", lang);
    for (std::size_t i = 0; i < requirements.size(); ++i) {
        const ContentLine& line = requirements[i];
        const bool checked = model.requirement_checked(static_cast<int>(i));
        const float left = indent * static_cast<float>(line.depth);
        if (!line.checkable) {
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
            ui::text_wrapped((line.label.empty() ? "" : line.label + " ") + line.text, m_t.strong, width - left);
            continue;
        }
        const float row_width = width - left;
        const float text_x = pad + box + pad;
        const std::string text = (line.label.empty() ? "" : line.label + " ") + line.text;
        const float text_width = row_width - text_x - pad;
        const float text_height = wrapped_height(m_t.text, text, text_width);
        const float brought_height = checked ? ui::line_height(m_t.strong) : 0.0f;
        const float height = std::max(ui::kMinTouchHeight, text_height + brought_height + 2.0f * pad);

        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
        const ImVec2 top_left = ImGui::GetCursorScreenPos();
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::InvisibleButton("requirement", ImVec2(row_width, height))) emit(T::toggle_requirement, {}, static_cast<int>(i));
        const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
        ImGui::PopID();
        ImDrawList* list = ImGui::GetWindowDrawList();
        const ImVec2 bottom_right(top_left.x + row_width, top_left.y + height);
        const float rounding = style.FrameRounding;
        list->AddRectFilled(top_left, bottom_right, held ? colors::accent_light : (checked ? kCheckedFill : colors::surface),
                            rounding);
        list->AddRect(top_left, bottom_right, checked ? colors::success : colors::border, rounding, 0, 2.0f);
        // Text centred in the row; the box beside its first line.
        const float text_y = top_left.y + std::max(pad, (height - text_height - brought_height) * 0.5f);
        const ImVec2 box_min(top_left.x + pad,
                             std::max(top_left.y + 8.0f, text_y + m_t.text->FontSize * 0.5f - box * 0.5f));
        const ImVec2 box_max(box_min.x + box, box_min.y + box);
        list->AddRectFilled(box_min, box_max, checked ? colors::success : colors::background, 6.0f);
        list->AddRect(box_min, box_max, checked ? colors::success : colors::text, 6.0f, 0, 3.0f);
        if (checked) {
            // A tick drawn as two thick strokes, legible at any font.
            const float u = box / 10.0f;
            list->AddLine(ImVec2(box_min.x + 2.2f * u, box_min.y + 5.2f * u), ImVec2(box_min.x + 4.2f * u, box_min.y + 7.4f * u),
                          colors::text_on_accent, 1.1f * u);
            list->AddLine(ImVec2(box_min.x + 4.2f * u, box_min.y + 7.4f * u), ImVec2(box_min.x + 8.0f * u, box_min.y + 2.8f * u),
                          colors::text_on_accent, 1.1f * u);
        }
        draw_wrapped(list, m_t.text, ImVec2(top_left.x + text_x, text_y), text_width, text, colors::text);
        if (checked) {
            draw_wrapped(list, m_t.strong, ImVec2(top_left.x + text_x, text_y + text_height + 6.0f), text_width, brought,
                         colors::success);
        }
    }

    // Prosedur: numbered steps.
    heading(Component::prosedur);
    lines(flatten_content(s.component(Component::prosedur), false));

    // Jangka waktu and Biaya: the figure first, then the source's own words when they differ.
    heading(Component::jangka_waktu);
    const std::string duration = format::duration(s.duration, lang);
    ui::text_wrapped(duration, m_t.strong, width);
    std::vector<ContentLine> time_lines = flatten_content(s.component(Component::jangka_waktu), false);
    if (!(time_lines.size() == 1 && time_lines.front().text == duration)) lines(time_lines);

    heading(Component::biaya);
    const std::string fee = format::fee(s.fee, lang);
    ui::text_wrapped(fee, m_t.strong, width);
    std::vector<ContentLine> fee_lines = flatten_content(s.component(Component::biaya), false);
    if (!(fee_lines.size() == 1 && fee_lines.front().text == fee)) lines(fee_lines);

    heading(Component::produk);
    lines(flatten_content(s.component(Component::produk), false));

    heading(Component::pengaduan);
    lines(flatten_content(s.component(Component::pengaduan), false));
    ImGui::Dummy(ImVec2(0.0f, style.ItemSpacing.y * 2.0f));
}

void KioskView::priority(const KioskModel& model) {
    const Lang lang = model.lang();
    top_bar(model, true);
    const float width = ImGui::GetContentRegionAvail().x;
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::Spacing();
    ui::text_centered(tr("kiosk.priority.title", lang), m_t.title, width, colors::accent);
    ImGui::Spacing();
    ui::text_wrapped(tr("kiosk.priority.explain", lang), m_t.text, width);
    if (const Service* s = model.current_service()) {
        ui::text_wrapped(fill(tr("kiosk.priority.for_service", lang), {s->name}), m_t.strong, width, colors::text_muted);
    }
    ImGui::Spacing();
    ImGui::Spacing();

    struct Choice {
        const char* priority;
        const char* detail_key;
    };
    static constexpr Choice kChoices[] = {
        {"elderly", "kiosk.priority.elderly_detail"}, {"disability", nullptr}, {"pregnant", nullptr}, {"child", nullptr}};
    const float half = (width - style.ItemSpacing.x) * 0.5f;
    const float height = std::max(ui::kMinTouchHeight * 1.7f, m_t.heading->FontSize * 2.0f + m_t.text->FontSize + 70.0f);
    for (int i = 0; i < 4; ++i) {
        const Choice& c = kChoices[i];
        const std::string label = tr(std::string("kiosk.priority.") + c.priority, lang);
        const std::string detail = c.detail_key ? tr(c.detail_key, lang) : std::string();
        // In large text a long word ("Penyandang") would be cut: such a label keeps the normal size.
        const float inner = half - 2.0f * std::max(style.FramePadding.x, m_t.heading->FontSize * 0.5f);
        ImFont* label_font = words_fit(m_t.heading, label, inner) ? m_t.heading : m_frame->fonts.large;
        if (ui::big_button(c.priority, {.label = label, .detail = detail, .kind = ui::ButtonKind::primary, .width = half,
                                        .height = height, .label_font = label_font, .detail_font = m_t.text})) {
            emit(T::choose_priority, c.priority);
        }
        if (i % 2 == 0) ImGui::SameLine();
    }
    ImGui::Spacing();
    ImGui::Spacing();
    if (ui::big_button("regular", {.label = tr("kiosk.priority.regular", lang),
                                   .detail = tr("kiosk.priority.regular_detail", lang), .kind = ui::ButtonKind::success,
                                   .height = height, .label_font = m_t.heading, .detail_font = m_t.text})) {
        emit(T::choose_priority, "regular");
    }
}

void KioskView::survey_refusal(const KioskModel& model) {
    const SurveyProgress& survey = model.survey();
    const Lang lang = model.lang();
    if (survey.waiting) {
        ImGui::Spacing();
        ui::text_centered(tr("kiosk.survey.waiting", lang), m_t.heading, 0.0f, colors::accent);
        return;
    }
    if (survey.refusal.empty()) return;
    const std::string arg = survey.refusal == "other" ? survey.detail : survey.number;
    const std::string text = fill(tr("kiosk.survey.refused." + survey.refusal, lang), {arg});
    ImGui::Spacing();
    panel("refusal", kDangerLight, colors::danger, [&](float inner) { ui::text_wrapped(text, m_t.heading, inner); });
}

// The ticket's number, typed on a keypad of the hall's prefix letters and the digits.
void KioskView::survey_number(const KioskModel& model) {
    const Lang lang = model.lang();
    const SurveyProgress& survey = model.survey();
    top_bar(model, true);
    const float width = ImGui::GetContentRegionAvail().x;
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::Spacing();
    ui::text_centered(tr("kiosk.survey.title", lang), m_t.title, width, colors::accent);
    ImGui::Spacing();
    ui::text_wrapped(tr("kiosk.survey.number.explain", lang), m_t.strong, width);
    ImGui::Spacing();
    const std::optional<std::string> number = ticket_number_from(survey.typed);
    const std::string shown = survey.typed.empty() ? std::string("_") : number ? *number : survey.typed;
    panel("number", colors::surface, colors::accent, [&](float inner) {
        ui::text_centered(tr("kiosk.survey.number.label", lang), m_t.strong, inner, colors::text_muted);
        ui::text_centered(shown, m_frame->fonts.giant, inner, colors::accent);
    });
    survey_refusal(model);

    // The keypad fills the lower part of the screen.
    const float key = ui::kMinTouchHeight * 1.35f;
    const std::string& letters = model.survey_letters();
    const int letter_rows = letters.empty() ? 0 : static_cast<int>((letters.size() + 5) / 6);
    const float keypad = static_cast<float>(letter_rows + 5) * (key + style.ItemSpacing.y) + style.ItemSpacing.y;
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY() + style.ItemSpacing.y,
                                  ImGui::GetWindowHeight() - style.WindowPadding.y - keypad));
    const int per_row = std::min<int>(6, std::max<int>(1, static_cast<int>(letters.size())));
    const float letter_width = (width - style.ItemSpacing.x * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
    for (std::size_t i = 0; i < letters.size(); ++i) {
        const std::string label(1, letters[i]);
        ImGui::PushID(static_cast<int>(i));
        if (ui::big_button("letter", {.label = label, .kind = ui::ButtonKind::primary, .width = letter_width,
                                      .height = key, .label_font = m_frame->fonts.huge})) {
            emit(T::survey_key, label);
        }
        ImGui::PopID();
        if ((i + 1) % 6 != 0 && i + 1 < letters.size()) ImGui::SameLine();
    }
    const float third = (width - 2.0f * style.ItemSpacing.x) / 3.0f;
    static constexpr const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
    for (int i = 0; i < 9; ++i) {
        if (ui::big_button(kDigits[i], {.label = kDigits[i], .kind = ui::ButtonKind::secondary, .width = third,
                                        .height = key, .label_font = m_frame->fonts.huge})) {
            emit(T::survey_key, kDigits[i]);
        }
        if (i % 3 != 2) ImGui::SameLine();
    }
    if (ui::big_button("delete", {.label = tr("kiosk.survey.delete", lang), .kind = ui::ButtonKind::danger, .width = third,
                                  .height = key, .label_font = m_t.heading})) {
        emit(T::survey_delete);
    }
    ImGui::SameLine();
    if (ui::big_button("0", {.label = "0", .kind = ui::ButtonKind::secondary, .width = third, .height = key,
                             .label_font = m_frame->fonts.huge})) {
        emit(T::survey_key, "0");
    }
    ImGui::SameLine();
    if (ui::big_button("find", {.label = tr("kiosk.survey.find", lang), .kind = ui::ButtonKind::success, .width = third,
                                .height = key, .enabled = !survey.typed.empty(), .label_font = m_t.heading})) {
        emit(T::survey_find);
    }
}

// One question per screen: the element, its question, and its four answers as big buttons.
void KioskView::survey_questions(const KioskModel& model) {
    const Lang lang = model.lang();
    const SurveyProgress& survey = model.survey();
    top_bar(model, true);
    const float width = ImGui::GetContentRegionAvail().x;
    const int index = std::clamp(survey.question, 0, skm::kElementCount - 1);
    const skm::Element& element = skm::elements()[static_cast<std::size_t>(index)];
    ImGui::Spacing();
    ui::text_wrapped(fill(tr("kiosk.survey.progress", lang), {std::to_string(index + 1)}) + "   \u2022   " +
                         fill(tr("kiosk.survey.for", lang), {survey.number, shortened(survey.service_name, 60)}),
                     m_t.strong, width, colors::text_muted);
    ImGui::Spacing();
    ui::text_wrapped(std::string(skm::element_name(element, lang)), m_t.title, width, colors::accent);
    ImGui::Spacing();
    ui::text_wrapped(std::string(lang == Lang::id ? element.question_id : element.question_en), m_t.heading, width);
    ImGui::Spacing();
    ui::text_wrapped(tr("kiosk.survey.choose", lang), m_t.text, width, colors::text_muted);
    ImGui::Spacing();
    const float height = std::max(ui::kMinTouchHeight * 1.6f, m_t.heading->FontSize * 2.4f);
    for (int answer = 1; answer <= 4; ++answer) {
        const auto& labels = lang == Lang::id ? element.labels_id : element.labels_en;
        const std::string label = std::to_string(answer) + "  \u2022  " + std::string(labels[static_cast<std::size_t>(answer - 1)]);
        const bool chosen = survey.answers[static_cast<std::size_t>(index)] == answer;
        ImGui::PushID(answer);
        if (ui::big_button("answer", {.label = label, .kind = chosen ? ui::ButtonKind::success : ui::ButtonKind::primary,
                                      .align = ui::TextAlign::left, .height = height, .label_font = m_t.heading})) {
            emit(T::survey_answer, {}, answer);
        }
        ImGui::PopID();
    }
    survey_refusal(model);
    if (!survey.waiting && survey.refusal == "unreachable" &&
        ui::big_button("send_again", {.label = tr("kiosk.survey.send_again", lang), .kind = ui::ButtonKind::success,
                                      .height = ui::kMinTouchHeight * 1.3f, .label_font = m_t.heading})) {
        emit(T::survey_send_again);
    }
}

void KioskView::survey_thanks(const KioskModel& model) {
    const Lang lang = model.lang();
    top_bar(model, false);
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(width, 160.0f));
    ui::text_centered(tr("kiosk.survey.thanks.title", lang), m_frame->fonts.huge, width, colors::success);
    ImGui::Spacing();
    ImGui::Spacing();
    panel("thanks", colors::surface, colors::success, [&](float inner) {
        ui::text_centered(fill(tr("kiosk.survey.thanks.text", lang), {model.survey().number}), m_t.heading, inner);
    });
    const ImGuiStyle& style = ImGui::GetStyle();
    const float button = ui::kMinTouchHeight * 1.3f;
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY() + style.ItemSpacing.y,
                                  ImGui::GetWindowHeight() - style.WindowPadding.y - button - style.ItemSpacing.y));
    if (ui::big_button("done", {.label = tr("kiosk.survey.thanks.done", lang), .kind = ui::ButtonKind::success,
                                .height = button, .label_font = m_t.heading})) {
        emit(T::home);
    }
}

void KioskView::draw_qr(const std::string& payload, float side) {
    if (payload != m_qr_payload) {
        m_qr_payload = payload;
        Result<QrMatrix> matrix = encode_qr(payload, QrLevel::medium);
        m_qr = matrix ? std::optional<QrMatrix>(std::move(*matrix)) : std::nullopt;
    }
    if (!m_qr) return;
    const int modules = m_qr->size + 2 * kQrQuietModules;
    const float module = std::floor(side / static_cast<float>(modules));
    const float real = module * static_cast<float>(modules);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddRectFilled(p, ImVec2(p.x + real, p.y + real), IM_COL32_WHITE);
    list->AddRect(p, ImVec2(p.x + real, p.y + real), colors::border, 0.0f, 0, 2.0f);
    for (int y = 0; y < m_qr->size; ++y) {
        for (int x = 0; x < m_qr->size; ++x) {
            if (!m_qr->dark(x, y)) continue;
            const ImVec2 a(p.x + static_cast<float>(x + kQrQuietModules) * module, p.y + static_cast<float>(y + kQrQuietModules) * module);
            list->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32_BLACK);
        }
    }
    ImGui::Dummy(ImVec2(real, real));
}

void KioskView::ticket(const KioskModel& model) {
    const Lang lang = model.lang();
    const IssuedTicket* t = model.ticket();
    top_bar(model, false);
    if (!t) return;  // defensive
    const float width = ImGui::GetContentRegionAvail().x;
    const ImGuiStyle& style = ImGui::GetStyle();
    const PrintState state = model.print_state();

    // The Done button stays at the bottom; what is above scrolls if large text needs more room.
    const float button = ui::kMinTouchHeight * 1.3f;
    const float countdown = state == PrintState::printed ? m_t.text->FontSize + style.ItemSpacing.y : 0.0f;
    ImGui::BeginChild("ticket_body", ImVec2(0, -(button + countdown + style.ItemSpacing.y)), false);
    drag_scroll();
    const float body_width = ImGui::GetContentRegionAvail().x - 2.0f;
    ticket_body(model, *t, body_width);
    ImGui::EndChild();
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - style.WindowPadding.y - button - countdown);
    if (state != PrintState::printing) {
        if (ui::big_button("done", {.label = tr("kiosk.ticket.done", lang), .kind = ui::ButtonKind::success, .height = button,
                                    .label_font = m_t.heading})) {
            emit(T::finish_ticket);
        }
    }
    if (const std::optional<int> left = model.ticket_return_countdown()) {
        ui::text_centered(fill(tr("kiosk.ticket.returning", lang), {std::to_string(*left)}), m_t.text, width,
                          colors::text_muted);
    }
}

void KioskView::ticket_body(const KioskModel& model, const IssuedTicket& ticket, float width) {
    const Lang lang = model.lang();
    const IssuedTicket* t = &ticket;
    const ImGuiStyle& style = ImGui::GetStyle();
    const PrintState state = model.print_state();
    ui::text_centered(tr("kiosk.ticket.your_number", lang), m_t.heading, width);
    panel("number", colors::background, colors::accent, [&](float inner) {
        ui::text_centered(t->number, m_t.giant, inner, colors::accent);
    });
    ui::text_centered(t->service_name, m_t.strong, width);
    if (!t->agency_name.empty()) ui::text_centered(t->agency_name, m_t.text, width, colors::text_muted);
    if (t->priority != "regular") {
        ui::text_centered(fill(tr("kiosk.ticket.priority", lang), {tr("kiosk.priority." + t->priority, lang)}), m_t.strong,
                          width, colors::warning);
    }
    ImGui::Spacing();

    switch (state) {
        case PrintState::printing:
            panel("print", colors::accent_light, colors::accent_light, [&](float inner) {
                ui::text_centered(tr("kiosk.ticket.printing", lang), m_t.strong, inner, colors::accent_pressed);
            });
            break;
        case PrintState::printed:
            panel("print", colors::success, colors::success, [&](float inner) {
                ui::text_centered(tr("kiosk.ticket.printed", lang), m_t.strong, inner, colors::text_on_accent);
            });
            break;
        case PrintState::failed:
            panel("print", kDangerLight, colors::danger, [&](float inner) {
                ui::text_wrapped(tr("kiosk.ticket.not_printed_title", lang),
                                 model.text_size() == TextSize::large ? m_t.strong : m_t.heading, inner, colors::danger);
                ui::text_wrapped(tr("kiosk.ticket.not_printed", lang), m_t.text, inner);
            });
            break;
    }
    ImGui::Spacing();

    // The QR code with, beside it, the queue ahead and what the code is for; the code as large as
    // the room left allows (larger when the paper did not come out: then it is the visitor's
    // only link to the queue).
    const std::string ahead = t->ahead <= 0   ? tr("kiosk.ticket.ahead.none", lang)
                              : t->ahead == 1 ? tr("kiosk.ticket.ahead.one", lang)
                                              : fill(tr("kiosk.ticket.ahead.many", lang), {std::to_string(t->ahead)});
    const std::string wait = fill(tr("kiosk.ticket.wait", lang), {format::minutes(t->est_wait_min, lang)});
    const std::string hint = tr("kiosk.ticket.qr_hint", lang);
    const float room = ImGui::GetContentRegionAvail().y - style.ItemSpacing.y;
    const float side = std::clamp(room, 300.0f, state == PrintState::failed ? 440.0f : 380.0f);
    const float x = ImGui::GetCursorPosX();
    const float y = ImGui::GetCursorPosY();
    draw_qr(t->url, side);
    const float after = ImGui::GetCursorPosY();
    const float text_x = x + side + style.ItemSpacing.x * 1.5f;
    const float text_width = width - (text_x - x);
    ImFont* ahead_font = model.text_size() == TextSize::large ? m_t.strong : m_t.heading;
    const float column = wrapped_height(ahead_font, ahead, text_width) + wrapped_height(m_t.text, wait, text_width) +
                         wrapped_height(m_t.text, hint, text_width) + 3.0f * style.ItemSpacing.y;
    ImGui::SetCursorPos(ImVec2(text_x, y + std::max(0.0f, (side - column) * 0.5f)));
    ui::text_wrapped(ahead, ahead_font, text_width);
    ImGui::SetCursorPosX(text_x);
    ui::text_wrapped(wait, m_t.text, text_width);
    ImGui::SetCursorPosX(text_x);
    ImGui::Dummy(ImVec2(0.0f, style.ItemSpacing.y));
    ImGui::SetCursorPosX(text_x);
    ui::text_wrapped(hint, m_t.text, text_width, colors::text_muted);
    ImGui::SetCursorPos(ImVec2(x, std::max(after, ImGui::GetCursorPosY())));
}

void KioskView::error(const KioskModel& model) {
    const Lang lang = model.lang();
    const Problem* problem = model.problem();
    top_bar(model, true);
    if (!problem) return;  // defensive
    const float width = ImGui::GetContentRegionAvail().x;
    const std::string code = problem->code;
    ImGui::Dummy(ImVec2(width, 40.0f));
    ui::text_centered(tr("kiosk.problem." + code + ".title", lang), m_t.title, width, colors::danger);
    ImGui::Spacing();
    ImGui::Spacing();

    // The service's own status says more than the generic sentence (the hours, the break).
    std::string text;
    const TakeBlock block = take_block(true, model.hall(), problem->service_id);
    if (block && same_refusal(code, block.reason)) text = reason_sentence(model, block);
    if (text.empty()) {
        text = code == "other" ? fill(tr("kiosk.problem.other.text", lang), {problem->detail})
                               : tr("kiosk.problem." + code + ".text", lang);
    }
    panel("problem", kDangerLight, colors::danger, [&](float inner) { ui::text_wrapped(text, m_t.heading, inner); });
    if (const Service* s = problem->service_id.empty() ? nullptr : model.current_service()) {
        ImGui::Spacing();
        ui::text_wrapped(fill(tr("kiosk.priority.for_service", lang), {s->name}), m_t.text, width, colors::text_muted);
    }

    // The buttons at the bottom, the way forward first.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float button = ui::kMinTouchHeight * 1.3f;
    const int count = (problem->retry ? 1 : 0) + (problem->service_id.empty() ? 0 : 1) + 1;
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY() + style.ItemSpacing.y,
                                  ImGui::GetWindowHeight() - style.WindowPadding.y -
                                      static_cast<float>(count) * (button + style.ItemSpacing.y)));
    if (problem->retry && ui::big_button("retry", {.label = tr("kiosk.problem.retry", lang), .kind = ui::ButtonKind::primary,
                                                   .height = button, .label_font = m_t.heading})) {
        emit(T::retry);
    }
    if (!problem->service_id.empty() &&
        ui::big_button("back", {.label = tr("kiosk.problem.back", lang), .kind = ui::ButtonKind::secondary,
                                .height = button, .label_font = m_t.heading})) {
        emit(T::back);
    }
    if (ui::big_button("home", {.label = tr("kiosk.problem.home", lang), .kind = ui::ButtonKind::secondary,
                                .height = button, .label_font = m_t.heading})) {
        emit(T::home);
    }
}

namespace {

// A window over the whole screen, dimmed, that takes every touch, with a white card in its
// middle; `body` draws the card's content and `height` is the content's height.
template <class Body>
void modal_card(const char* id, float height, Body body) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, kDim);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colors::background);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(48.0f, 48.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin(id, nullptr, kFlags);
    ImGui::SetWindowFocus();  // above the screen it covers
    const float width = viewport->Size.x * 0.86f;
    const float card = height + 2.0f * 48.0f;
    ImGui::SetCursorPos(ImVec2((viewport->Size.x - width) * 0.5f, std::max(0.0f, (viewport->Size.y - card) * 0.5f)));
    ImGui::BeginChild("card", ImVec2(width, card), false, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    body(ImGui::GetContentRegionAvail().x);
    ImGui::EndChild();
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
}

}  // namespace

void KioskView::busy_overlay(const KioskModel& model) {
    const std::string text = tr(model.busy() == Busy::checking_printer ? "kiosk.busy.printer" : "kiosk.busy.issue", model.lang());
    const float inner = ImGui::GetMainViewport()->Size.x * 0.86f - 96.0f;
    modal_card("##busy", wrapped_height(m_t.heading, text, inner) + 8.0f,
               [&](float width) { ui::text_centered(text, m_t.heading, width); });
}

void KioskView::idle_overlay(const KioskModel& model, int seconds) {
    const Lang lang = model.lang();
    const std::string title = tr("kiosk.idle.title", lang);
    const std::string text = fill(tr("kiosk.idle.text", lang), {std::to_string(seconds)});
    const float inner = ImGui::GetMainViewport()->Size.x * 0.86f - 96.0f;
    const float button = ui::kMinTouchHeight * 1.3f;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float height = wrapped_height(m_t.title, title, inner) + wrapped_height(m_t.heading, text, inner) + button +
                         3.0f * spacing + 2.0f * (ui::line_height(m_t.heading) - m_t.heading->FontSize);
    modal_card("##idle", height, [&](float width) {
        ui::text_centered(title, m_t.title, width, colors::accent);
        ImGui::Spacing();
        ui::text_centered(text, m_t.heading, width);
        ImGui::Spacing();
        if (ui::big_button("stay", {.label = tr("kiosk.idle.stay", lang), .kind = ui::ButtonKind::success,
                                    .height = button, .label_font = m_t.heading})) {
            emit(T::touch);
        }
    });
}

}  // namespace hall::kiosk
