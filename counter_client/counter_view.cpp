// Layout at 1366x768 with the hall's 28 px body text: a top bar, a status row (the red banner
// when the server is unreachable), then three columns: the current ticket above the seven
// action buttons (each with its key cap: the officer works with F1..F7), the service's
// standard in tabs with the requirement checklist first, and the queue under the scan field.
// Widths are fixed where text must fit (a button label, a ticket number) and the requirement
// column takes what is left, so a wider screen gives the reading column the room.
#include "counter_client/counter_view.hpp"

#include <SDL_scancode.h>

#include <algorithm>
#include <cstring>

#include "common/format.hpp"
#include "common/ui/text.hpp"

namespace hall::counter {

namespace {

namespace colors = ui::colors;

constexpr ImGuiWindowFlags kFixedChild = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

template <std::size_t N>
void copy_into(std::array<char, N>& buffer, std::string_view text) {
    buffer.fill('\0');
    std::memcpy(buffer.data(), text.data(), std::min(text.size(), N - 1));
}

template <std::size_t N>
std::string text_of(const std::array<char, N>& buffer) {
    return std::string(buffer.data(), strnlen(buffer.data(), N));
}

ImVec2 operator+(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }

float text_width(ImFont* font, std::string_view text) { return ui::text_size(font, text).x; }

// The hall's local clock time of a server timestamp, "HH:MM".
std::string local_time(std::int64_t ms, int utc_offset_minutes) {
    long long minutes = (ms / 60000 + utc_offset_minutes) % (24 * 60);
    if (minutes < 0) minutes += 24 * 60;
    auto two = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    return two(minutes / 60) + ":" + two(minutes % 60);
}

std::string priority_short_key(const std::string& priority) { return "desk.prio." + priority; }

bool key_pressed(int scancode) { return ImGui::IsKeyPressed(scancode, false); }
bool escape_pressed() { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false); }

// Draws a component's items (a numbered list with nested lists) wrapped to `width`.
void draw_content(const Content& content, ImFont* font, float width, int depth) {
    const float indent = 26.0f * static_cast<float>(depth);
    for (const ContentNode& node : content) {
        std::string line = node.label.empty() ? node.text : node.label + " " + node.text;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
        ui::text_wrapped(line, font, std::max(40.0f, width - indent));
        if (!node.items.empty()) draw_content(node.items, font, width, depth + 1);
    }
}

}  // namespace

std::string CounterView::t(std::string_view key) const { return tr(key, m_lang); }
std::string CounterView::t(const Text& text) const { return render(text, m_lang); }

void CounterView::preset_transfer(std::string service, std::string note) {
    m_preset_target = std::move(service);
    m_preset_note = std::move(note);
}

void CounterView::preset_login(std::string officer, std::string counter) {
    copy_into(m_officer, officer);
    m_counter = std::move(counter);
}

void CounterView::tooltip(const std::string& text) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(m_fonts->body->FontSize * 18.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void CounterView::pill(std::string_view text, ImU32 fill, ImU32 color, ImFont* font) {
    const ImVec2 pad(font->FontSize * 0.35f, font->FontSize * 0.1f);
    const ImVec2 size = ui::text_size(font, text) + ImVec2(pad.x * 2, pad.y * 2);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, p + size, fill, font->FontSize * 0.25f);
    dl->AddText(font, font->FontSize, p + pad, color, text.data(), text.data() + text.size());
    ImGui::Dummy(size);
}

bool CounterView::desk_button(const char* id, std::string_view keycap, std::string_view label, std::string_view extra,
                              ui::ButtonKind kind, const Availability& availability, float width, float height) {
    const bool enabled = availability.allowed;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(width, height));
    ImGui::EndDisabled();
    const bool hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled);
    const bool held = ImGui::IsItemActive();

    ImU32 fill = colors::disabled;
    ImU32 color = colors::disabled_text;
    ImU32 border = colors::secondary_pressed;
    if (enabled) {
        switch (kind) {
            case ui::ButtonKind::primary: fill = held ? colors::accent_pressed : colors::accent; color = colors::text_on_accent; border = colors::accent_pressed; break;
            case ui::ButtonKind::success: fill = held ? colors::success_pressed : colors::success; color = colors::text_on_accent; border = colors::success_pressed; break;
            case ui::ButtonKind::danger: fill = held ? colors::danger_pressed : colors::danger; color = colors::text_on_accent; border = colors::danger_pressed; break;
            // White with a dark edge: an enabled plain button must not look like a disabled grey one.
            case ui::ButtonKind::secondary: fill = held ? colors::secondary_pressed : colors::background; color = colors::text; border = colors::text; break;
        }
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float rounding = 8.0f;
    const ImVec2 q(p.x + width, p.y + height);
    dl->AddRectFilled(p, q, fill, rounding);
    dl->AddRect(p, q, border, rounding, 0, 2.0f);
    ImFont* bold = m_fonts->bold;
    const float pad = 10.0f;
    float x = p.x + pad;
    if (!keycap.empty()) {
        // The key cap: a white key with the key's name, like the one on the keyboard.
        const float cap_w = text_width(bold, "F7") + 16.0f;
        const float cap_h = std::min(height - 12.0f, bold->FontSize + 10.0f);
        const ImVec2 c0(x, p.y + (height - cap_h) * 0.5f);
        const ImVec2 c1(x + cap_w, c0.y + cap_h);
        dl->AddRectFilled(c0, c1, enabled ? colors::background : colors::surface, 6.0f);
        dl->AddRect(c0, c1, enabled ? colors::text : colors::disabled_text, 6.0f, 0, 1.5f);
        const float kw = text_width(bold, keycap);
        dl->AddText(bold, bold->FontSize, ImVec2(x + (cap_w - kw) * 0.5f, c0.y + (cap_h - bold->FontSize) * 0.5f),
                    enabled ? colors::text : colors::disabled_text, keycap.data(), keycap.data() + keycap.size());
        x += cap_w + 12.0f;
    }
    const float extra_w = extra.empty() ? 0.0f : text_width(bold, extra) + pad;
    if (keycap.empty()) x = std::max(x, p.x + (width - text_width(bold, label)) * 0.5f);  // a plain button: centred
    dl->PushClipRect(p, ImVec2(q.x - extra_w - pad * 0.5f, q.y), true);
    dl->AddText(bold, bold->FontSize, ImVec2(x, p.y + (height - bold->FontSize) * 0.5f), color, label.data(),
                label.data() + label.size());
    dl->PopClipRect();
    if (!extra.empty())
        dl->AddText(bold, bold->FontSize, ImVec2(q.x - extra_w, p.y + (height - bold->FontSize) * 0.5f), color,
                    extra.data(), extra.data() + extra.size());
    if (hovered && !enabled && !availability.reason.empty()) tooltip(t(availability.reason));
    return pressed && enabled;
}

std::vector<Intent> CounterView::draw(const CounterModel& model, const ui::Frame& frame) {
    m_intents.clear();
    m_fonts = &frame.fonts;
    m_lang = model.lang();
    m_width = static_cast<float>(frame.width);
    m_height = static_cast<float>(frame.height);
    const float width = ImGui::GetContentRegionAvail().x;

    draw_top_bar(model, width);
    draw_status_row(model, width);
    const float height = ImGui::GetContentRegionAvail().y;
    switch (model.screen()) {
        case Screen::login: draw_login(model, width, height); break;
        case Screen::main: draw_main(model, width, height); break;
        case Screen::paused: draw_paused(model, width, height); break;
    }
    draw_transfer_dialog(model);
    draw_pause_dialog(model);
    handle_keys(model);
    return m_intents;
}

void CounterView::handle_keys(const CounterModel& model) {
    if (!model.session() || model.dialog() != Dialog::none) return;
    for (int n = 1; n <= kActionCount; ++n)
        if (key_pressed(SDL_SCANCODE_F1 + n - 1)) emit(Intent::of_number(IntentKind::function_key, n));
}

// --- Top bar and status row ---------------------------------------------------------------

void CounterView::draw_top_bar(const CounterModel& model, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float button_h = m_fonts->body->FontSize + style.FramePadding.y * 2;
    const float h = std::max(m_fonts->large->FontSize, button_h) + 6.0f;
    ImGui::BeginChild("##top", ImVec2(width, h), false, kFixedChild);
    auto centre_y = [&](float item_h) { ImGui::SetCursorPosY((h - item_h) * 0.5f); };

    // Right, from the edge inwards: log out, pause, language, connection, clock.
    const std::string clock = local_time(model.server_now(), model.config().utc_offset_minutes);
    const std::string link = model.connected() ? "\u2713 " + t("desk.connected") : "\u2716 " + t("desk.disconnected");
    const std::string lang = t("desk.lang.switch");
    const std::string pause = t("desk.pause");
    const std::string logout = t("desk.logout");
    auto button_w = [&](const std::string& label) { return text_width(m_fonts->body, label) + style.FramePadding.x * 2; };
    const float gap = style.ItemSpacing.x;
    const float pill_pad = m_fonts->bold->FontSize * 0.35f;
    float right = button_w(lang) + gap + text_width(m_fonts->bold, link) + pill_pad * 2 + gap +
                  text_width(m_fonts->bold, clock);
    const bool desk = model.session() && model.screen() == Screen::main;
    if (model.session()) right += button_w(logout) + gap;
    if (desk) right += button_w(pause) + gap;
    // Left: who and where (or the hall, before login), clipped to what the right side leaves.
    const float left_w = std::max(0.0f, width - right - gap * 2);
    centre_y(m_fonts->large->FontSize);
    const std::string title = model.session() ? model.counter_name() : t("desk.title");
    text_clipped(title, m_fonts->large, left_w, colors::text);
    ImGui::SameLine();
    const float rest_w = std::max(0.0f, left_w - text_width(m_fonts->large, title) - gap);
    if (model.session()) {
        centre_y(m_fonts->bold->FontSize);
        const auto& s = *model.session();
        text_clipped(s.officer_name.empty() ? s.officer : s.officer_name, m_fonts->bold, rest_w, colors::text);
    } else {
        centre_y(m_fonts->body->FontSize);
        text_clipped(model.hall_name(), m_fonts->body, rest_w, colors::text_muted);
    }
    ImGui::SameLine(std::max(0.0f, width - right));

    centre_y(m_fonts->bold->FontSize);
    ImGui::PushFont(m_fonts->bold);
    ImGui::TextUnformatted(clock.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    centre_y(m_fonts->bold->FontSize * 1.2f);
    pill(link, model.connected() ? colors::success : colors::danger, colors::text_on_accent, m_fonts->bold);
    ImGui::SameLine();

    ImGui::PushStyleColor(ImGuiCol_Button, colors::secondary);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors::secondary);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, colors::secondary_pressed);
    ImGui::PushStyleColor(ImGuiCol_Text, colors::text);
    centre_y(button_h);
    if (ImGui::Button((lang + "##lang").c_str()))
        emit(Intent::of_number(IntentKind::set_language, m_lang == i18n::Lang::id ? 1 : 0));
    if (desk) {
        ImGui::SameLine();
        centre_y(button_h);
        Availability a = model.can_pause();
        ImGui::BeginDisabled(!a.allowed);
        if (ImGui::Button((pause + "##pause").c_str())) emit(Intent::of(IntentKind::open_pause));
        ImGui::EndDisabled();
        if (!a.allowed && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip(t(a.reason));
    }
    if (model.session()) {
        ImGui::SameLine();
        centre_y(button_h);
        Availability a = model.can_logout();
        ImGui::BeginDisabled(!a.allowed);
        if (ImGui::Button((logout + "##logout").c_str())) emit(Intent::of(IntentKind::logout));
        ImGui::EndDisabled();
        if (!a.allowed && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip(t(a.reason));
    }
    ImGui::PopStyleColor(4);
    ImGui::EndChild();
}

namespace {
struct StatusLine {
    std::string text;
    ImFont* font;
    int max_lines;
};
struct StatusLook {
    ImU32 fill;
    ImU32 color;
    std::vector<StatusLine> lines;
};
}  // namespace

void CounterView::draw_status_row(const CounterModel& model, float width) {
    StatusLook look{colors::surface, colors::text_muted, {}};
    const auto& notice = model.notice();
    std::string notice_text;
    if (notice) {
        notice_text = t(notice->text);
        if (!notice->detail.empty()) notice_text += " " + t(notice->detail);
    }
    if (!model.connected()) {
        look = {colors::danger, colors::text_on_accent, {{t("desk.banner.disconnected"), m_fonts->bold, 1}}};
        if (notice && notice->kind == NoticeKind::error) look.lines.push_back({notice_text, m_fonts->body, 1});
    } else if (model.busy()) {
        look = {colors::accent_light, colors::text, {{t("desk.busy"), m_fonts->bold, 1}}};
    } else if (notice) {
        switch (notice->kind) {
            case NoticeKind::error: look = {colors::danger, colors::text_on_accent, {}}; break;
            case NoticeKind::success: look = {colors::success, colors::text_on_accent, {}}; break;
            case NoticeKind::info: look = {colors::accent_light, colors::text, {}}; break;
        }
        look.lines.push_back({notice_text, m_fonts->bold, 2});
    } else if (model.session()) {
        // Nothing to report: today's figures of this officer at this counter.
        const Figures f = model.figures();
        const std::string average =
            f.average_service_s ? format::minutes((*f.average_service_s + 30) / 60, m_lang) : std::string("\u2013");
        look = {colors::surface, colors::text, {}};
        look.lines.push_back({render(Text{"desk.fig.line", {lit(std::to_string(f.served)), lit(average),
                                                            lit(std::to_string(f.no_shows))}}, m_lang),
                              m_fonts->body, 1});
    } else {
        look.lines.push_back({t("desk.login.hint"), m_fonts->body, 1});
    }

    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = 10.0f;
    const bool retry = model.has_unconfirmed() && model.connected() && !model.busy();
    const std::string retry_label =
        retry ? render(Text{"desk.retry", {key(model.unconfirmed_label_key())}}, m_lang) : std::string();
    const float retry_w = retry ? text_width(m_fonts->body, retry_label) + style.FramePadding.x * 2 + pad : 0.0f;
    const float close_w = notice && model.connected() && !model.busy() ? m_fonts->body->FontSize + style.FramePadding.x * 2 + pad : 0.0f;
    const float text_w = std::max(100.0f, width - 2 * pad - retry_w - close_w);
    float text_h = 0.0f;
    for (const StatusLine& line : look.lines) {
        const std::size_t n = std::max<std::size_t>(1, ui::wrap_lines(line.font, line.text, text_w).size());
        text_h += static_cast<float>(std::min<std::size_t>(n, static_cast<std::size_t>(line.max_lines))) * ui::line_height(line.font);
    }
    const float button_h = m_fonts->body->FontSize + style.FramePadding.y * 2;
    const float h = std::max(text_h, button_h) + 2 * pad;

    ImGui::PushStyleColor(ImGuiCol_ChildBg, look.fill);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 8.0f);
    ImGui::BeginChild("##status", ImVec2(width, h), false, kFixedChild);
    ImGui::SetCursorPos(ImVec2(pad, (h - text_h) * 0.5f + 2.0f));
    ImGui::BeginGroup();
    for (const StatusLine& line : look.lines) text_wrapped_max(line.text, line.font, text_w, line.max_lines, look.color);
    ImGui::EndGroup();
    float x = width - pad;
    if (close_w > 0) {
        x -= close_w - pad;
        ImGui::SetCursorPos(ImVec2(x, (h - button_h) * 0.5f));
        ImGui::PushStyleColor(ImGuiCol_Button, colors::secondary);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors::secondary);
        ImGui::PushStyleColor(ImGuiCol_Text, colors::text);
        if (ImGui::Button("\u2715##dismiss")) emit(Intent::of(IntentKind::dismiss_notice));
        ImGui::PopStyleColor(3);
        x -= pad;
    }
    if (retry) {
        x -= retry_w - pad;
        ImGui::SetCursorPos(ImVec2(x, (h - button_h) * 0.5f));
        ImGui::PushStyleColor(ImGuiCol_Button, colors::background);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors::background);
        ImGui::PushStyleColor(ImGuiCol_Text, colors::text);
        if (ImGui::Button((retry_label + "##retry").c_str())) emit(Intent::of(IntentKind::retry));
        ImGui::PopStyleColor(3);
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

// --- Login --------------------------------------------------------------------------------

void CounterView::draw_login(const CounterModel& model, float width, float height) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float panel_w = std::min(width, 980.0f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - panel_w) * 0.5f);
    ImGui::BeginChild("##login", ImVec2(panel_w, height), true, kFixedChild);
    const float inner = ImGui::GetContentRegionAvail().x;
    ui::text_wrapped(t("desk.login.title"), m_fonts->large, inner);

    const std::string officer_label = t("desk.login.officer");
    const std::string pin_label = t("desk.login.pin");
    const float label_w = std::max(text_width(m_fonts->bold, officer_label), text_width(m_fonts->bold, pin_label)) + 24.0f;
    const float field_x = ImGui::GetCursorPosX() + label_w;
    const float field_w = std::min(420.0f, inner - label_w);
    bool submit = false;

    ImGui::AlignTextToFramePadding();
    ImGui::PushFont(m_fonts->bold);
    ImGui::TextUnformatted(officer_label.c_str());
    ImGui::PopFont();
    ImGui::SameLine(field_x);
    ImGui::SetNextItemWidth(field_w);
    if (m_focus_login) {
        ImGui::SetKeyboardFocusHere();
        m_focus_login = false;
    }
    const bool next = ImGui::InputText("##officer", m_officer.data(), m_officer.size(),
                                       ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsNoBlank);
    ImGui::AlignTextToFramePadding();
    ImGui::PushFont(m_fonts->bold);
    ImGui::TextUnformatted(pin_label.c_str());
    ImGui::PopFont();
    ImGui::SameLine(field_x);
    ImGui::SetNextItemWidth(field_w);
    if (next) ImGui::SetKeyboardFocusHere();
    if (ImGui::InputText("##pin", m_pin.data(), m_pin.size(),
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue))
        submit = true;

    ImGui::Spacing();
    const auto counters = model.counter_choices();
    if (m_counter.empty() && counters.size() == 1) m_counter = counters.front().id;
    ui::text_wrapped(t(model.preset_counter() ? "desk.login.counter_preset" : "desk.login.counter"), m_fonts->bold, inner);
    const int per_row = std::max(1, static_cast<int>(inner / 220.0f));
    const float tile_w = (inner - style.ItemSpacing.x * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
    const float tile_h = m_fonts->bold->FontSize + m_fonts->body->FontSize * 1.2f + 20.0f;
    int i = 0;
    for (const CounterChoice& c : counters) {
        if (i % per_row != 0) ImGui::SameLine();
        ++i;
        ImGui::PushID(c.id.c_str());
        const ImVec2 p = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("##tile", ImVec2(tile_w, tile_h))) m_counter = c.id;
        const bool chosen = m_counter == c.id;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 q(p.x + tile_w, p.y + tile_h);
        dl->AddRectFilled(p, q, chosen ? colors::accent : colors::surface, 8.0f);
        dl->AddRect(p, q, chosen ? colors::accent_pressed : colors::border, 8.0f, 0, chosen ? 3.0f : 1.5f);
        const ImU32 ink = chosen ? colors::text_on_accent : colors::text;
        const std::string name = (chosen ? "\u2713 " : "") + c.name;
        dl->AddText(m_fonts->bold, m_fonts->bold->FontSize, p + ImVec2(12, 8), ink, name.c_str());
        // Who is there, by first name: a tile is narrow, and colleagues know each other.
        std::string who = c.officer_name.empty() ? c.officer : c.officer_name;
        who = who.substr(0, who.find(' '));
        std::string state = t("desk.login.counter_free");
        if (c.state == "open" || c.state == "paused")
            state = render(Text{c.state == "paused" ? "desk.login.counter_paused" : "desk.login.counter_used", {lit(who)}}, m_lang);
        dl->PushClipRect(p, q, true);
        dl->AddText(m_fonts->body, m_fonts->body->FontSize, p + ImVec2(12, 12 + m_fonts->bold->FontSize),
                    chosen ? colors::text_on_accent : colors::text_muted, state.c_str());
        dl->PopClipRect();
        ImGui::PopID();
    }
    ImGui::Spacing();
    ImGui::Spacing();
    const Availability can = model.can_login();
    if (desk_button("##login_button", "", t("desk.login.button") + "  (Enter)", "", ui::ButtonKind::primary, can,
                    std::min(inner, 420.0f), m_fonts->bold->FontSize + 32.0f))
        submit = true;
    if (submit) {
        emit(Intent::of_text(IntentKind::login, text_of(m_officer), text_of(m_pin), m_counter));
        m_pin.fill('\0');  // a PIN never stays on screen or in memory longer than one try
        m_focus_login = text_of(m_officer).empty();
    }
    ImGui::EndChild();
}

// --- Main desk ----------------------------------------------------------------------------

void CounterView::draw_main(const CounterModel& model, float width, float height) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float col_a = std::clamp(width * 0.28f, 370.0f, 520.0f);
    const float col_c = std::clamp(width * 0.27f, 360.0f, 520.0f);
    const float col_b = std::max(200.0f, width - col_a - col_c - 2 * gap);

    ImGui::BeginChild("##desk_a", ImVec2(col_a, height), false, kFixedChild);
    draw_ticket_card(model, col_a);
    draw_actions(model, col_a, ImGui::GetContentRegionAvail().y);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12.0f, 12.0f));
    draw_service_panel(model, col_b, height);
    ImGui::SameLine();
    draw_queue_panel(model, col_c, height);
    ImGui::PopStyleVar();
}

void CounterView::text_clipped(std::string_view text, ImFont* font, float width, ImU32 color) {
    // One line; a text too long for it ends in "…" (the full text is in the tooltip).
    std::string shown(text);
    if (text_width(font, shown) > width) {
        const std::string ellipsis = "\u2026";
        while (!shown.empty() && text_width(font, shown + ellipsis) > width) {
            shown.pop_back();
            while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
            if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
        }
        shown += ellipsis;
    }
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(shown.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    if (shown.size() != text.size() && ImGui::IsItemHovered()) tooltip(std::string(text));
}

std::string CounterView::short_minutes(long long minutes) const {
    minutes = std::max(0LL, minutes);
    if (minutes < 60) return render(Text{"desk.queue.minutes", {lit(std::to_string(minutes))}}, m_lang);
    return render(Text{"desk.unit.hours_minutes", {lit(std::to_string(minutes / 60)), lit(std::to_string(minutes % 60))}}, m_lang);
}

void CounterView::text_wrapped_max(std::string_view text, ImFont* font, float width, int max_lines, ImU32 color) {
    std::vector<std::string_view> lines = ui::wrap_lines(font, text, width);
    if (static_cast<int>(lines.size()) <= max_lines) {
        ui::text_wrapped(text, font, width, color);
        return;
    }
    // Too long: the last line shown ends in "…"; the whole text is in the tooltip.
    ImGui::BeginGroup();
    const float x = ImGui::GetCursorPosX();
    for (int i = 0; i < max_lines; ++i) {
        ImGui::SetCursorPosX(x);
        const std::string_view line = lines[static_cast<std::size_t>(i)];
        const bool last = i + 1 == max_lines;
        const std::string_view shown = last ? text.substr(static_cast<std::size_t>(line.data() - text.data())) : line;
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, ui::line_height(font) - font->FontSize));
        text_clipped(shown, font, width, color);
        ImGui::PopStyleVar();
    }
    ImGui::EndGroup();
    if (ImGui::IsItemHovered()) tooltip(std::string(text));
}

void CounterView::draw_ticket_card(const CounterModel& model, float width) {
    const float pad = 14.0f;
    const float inner = width - 2 * pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    auto ticket = model.current_ticket();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(p0 + ImVec2(pad, pad));
    ImGui::BeginGroup();
    ImU32 fill = colors::surface;
    ImU32 edge = colors::border;
    if (!ticket) {
        ui::text_wrapped(t("desk.ticket.none"), m_fonts->bold, inner, colors::text_muted);
        ui::text_wrapped(render(Text{"desk.ticket.none_hint", {lit(std::to_string(model.waiting_count()))}}, m_lang),
                         m_fonts->body, inner);
    } else {
        // Green while serving, blue while called: the state reads from across the desk.
        const bool serving = ticket->state == "serving";
        fill = serving ? IM_COL32(0xE3, 0xF4, 0xE8, 0xFF) : colors::accent_light;
        edge = serving ? colors::success : colors::accent;
        const ImU32 ink = serving ? colors::success : colors::accent;
        // The number, big, and at the right the state with its timer.
        const std::int64_t now = model.server_now();
        const std::int64_t since = serving ? ticket->serving_at.value_or(now) : ticket->called_at.value_or(now);
        const std::string timer = clock_text((now - since) / 1000);
        const std::string caption = t(serving ? "desk.ticket.serving_for" : "desk.ticket.called_for");
        const float number_y = ImGui::GetCursorPosY();
        ImGui::PushFont(m_fonts->huge);
        ImGui::TextUnformatted(ticket->number.c_str());
        ImGui::PopFont();
        const float after_number = ImGui::GetCursorPosY();
        const float right_w = std::max(text_width(m_fonts->bold, caption), text_width(m_fonts->large, timer));
        ImGui::SetCursorPos(ImVec2(pad + inner - right_w, number_y + 2.0f));
        ImGui::BeginGroup();
        ImGui::PushFont(m_fonts->bold);
        ImGui::PushStyleColor(ImGuiCol_Text, ink);
        ImGui::SetCursorPosX(pad + inner - text_width(m_fonts->bold, caption));
        ImGui::TextUnformatted(caption.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::PushFont(m_fonts->large);
        ImGui::SetCursorPosX(pad + inner - text_width(m_fonts->large, timer));
        ImGui::TextUnformatted(timer.c_str());
        ImGui::PopFont();
        ImGui::EndGroup();
        ImGui::SetCursorPos(ImVec2(pad, std::max(after_number, ImGui::GetCursorPosY())));
        // The service; then the priority mark and how long the visitor waited.
        const std::string service = ticket->service_name.empty() ? model.service_name(ticket->service) : ticket->service_name;
        text_wrapped_max(service, m_fonts->bold, inner, 2, colors::text);
        const std::string waited = ticket->called_at
            ? render(Text{"desk.ticket.waited", {lit(short_minutes((*ticket->called_at - ticket->issued_at) / 60000))}}, m_lang)
            : std::string();
        if (ticket->is_priority()) {
            pill("\u2756 " + t(priority_short_key(ticket->priority)), colors::warning, colors::text_on_accent, m_fonts->bold);
            ImGui::SameLine();  // one line for both, so the action buttons keep their room
        }
        if (!waited.empty()) text_clipped(waited, m_fonts->body, pad + inner - ImGui::GetCursorPosX(), colors::text);
        // Where a transferred visitor comes from, and the other desk's note: one line (all of
        // it in the tooltip), so the action buttons keep their room.
        std::string from;
        if (ticket->transfers > 0 && !ticket->original_service.empty() && ticket->original_service != ticket->service)
            from = render(Text{"desk.ticket.transferred", {lit(model.service_name(ticket->original_service))}}, m_lang);
        if (!ticket->note.empty())
            from += (from.empty() ? "" : ": ") + render(Text{from.empty() ? "desk.ticket.note" : "desk.ticket.note_short", {lit(ticket->note)}}, m_lang);
        if (!from.empty()) text_clipped(from, m_fonts->body, inner, colors::warning);
    }
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y + pad;
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(p0, ImVec2(p0.x + width, bottom), fill, 10.0f);
    dl->AddRect(p0, ImVec2(p0.x + width, bottom), edge, 10.0f, 0, 2.0f);
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(p0.x, bottom));
    ImGui::Dummy(ImVec2(width, 0.0f));
}

void CounterView::draw_actions(const CounterModel& model, float width, float height) {
    const float gap = 6.0f;
    const float button_h = std::clamp((height - gap * (kActionCount - 1)) / kActionCount, m_fonts->bold->FontSize + 8.0f, 66.0f);
    auto ticket = model.current_ticket();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (Action action : kActions) {
        const int key = function_key_of(action);
        ui::ButtonKind kind = ui::ButtonKind::secondary;
        if (action == Action::call_next) kind = ui::ButtonKind::primary;
        if (action == Action::start_serving || action == Action::finish) kind = ui::ButtonKind::success;
        if (action == Action::no_show) kind = ui::ButtonKind::danger;
        std::string extra;
        if (action == Action::recall && ticket && ticket->recalls > 0) extra = std::to_string(ticket->recalls) + "\u00d7";
        const std::string id = "##action" + std::to_string(key);
        if (desk_button(id.c_str(), "F" + std::to_string(key), t(action_label_key(action)), extra, kind,
                        model.availability(action), width, button_h))
            emit(Intent::of_action(action));
    }
    ImGui::PopStyleVar();
}

void CounterView::draw_service_panel(const CounterModel& model, float width, float height) {
    ImGui::BeginChild("##service", ImVec2(width, height), true, kFixedChild);
    const float inner = ImGui::GetContentRegionAvail().x;
    const Service* service = model.shown_service();
    auto current = model.current_ticket();
    const bool checklist = current && service && current->service == service->id;
    if (!service) {
        ui::text_wrapped(t("desk.req.none"), m_fonts->bold, inner, colors::text_muted);
        ImGui::EndChild();
        return;
    }
    if (!checklist) {
        auto selected = model.selected_ticket() ? model.ticket(*model.selected_ticket()) : std::nullopt;
        ui::text_wrapped(render(Text{"desk.req.preview", {lit(selected ? selected->number : "")}}, m_lang), m_fonts->body,
                         inner, colors::text_muted);
    }
    ui::text_wrapped(service->name, m_fonts->bold, inner, colors::accent);
    const Content& requirements = service->component(Component::persyaratan);
    // Tabs with a slimmer padding than buttons, so the three titles fit a 1366-wide screen
    // (ImGui lays tabs out with the padding in force at the bar, so it spans the whole bar).
    auto tab = [](const std::string& label) { return ImGui::BeginTabItem(label.c_str()); };
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8.0f, 7.0f));
    if (!ImGui::BeginTabBar("##tabs", ImGuiTabBarFlags_FittingPolicyResizeDown)) {
        ImGui::PopStyleVar();
        ImGui::EndChild();
        return;
    }
    if (tab(t("desk.tab.requirements") + "###req")) {
        ImGui::BeginChild("##req_list", ImVec2(inner, ImGui::GetContentRegionAvail().y), false);
        const float w = ImGui::GetContentRegionAvail().x;
        const auto& checked = model.checked();
        if (checklist) {
            const bool complete = !requirements.empty() && model.checked_count() == static_cast<int>(requirements.size());
            if (complete)
                ui::text_wrapped("\u2713 " + t("desk.req.complete"), m_fonts->bold, w, colors::success);
            else
                ui::text_wrapped(render(Text{"desk.req.checked", {lit(std::to_string(model.checked_count())),
                                                                  lit(std::to_string(requirements.size()))}}, m_lang),
                                 m_fonts->body, w, colors::text_muted);
        }
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4.0f, 3.0f));
        for (std::size_t i = 0; i < requirements.size(); ++i) {
            const ContentNode& node = requirements[i];
            ImGui::PushID(static_cast<int>(i));
            const std::string text = node.label.empty() ? node.text : node.label + " " + node.text;
            if (checklist && i < checked.size()) {
                bool value = checked[i];
                if (ImGui::Checkbox("##check", &value)) emit(Intent::of_number(IntentKind::toggle_requirement, static_cast<int>(i)));
                ImGui::SameLine();
                const float x = ImGui::GetCursorPosX();
                ImGui::BeginGroup();
                ui::text_wrapped(text, m_fonts->body, w - x, checked[i] ? colors::success : colors::text);
                ImGui::EndGroup();
                if (ImGui::IsItemClicked()) emit(Intent::of_number(IntentKind::toggle_requirement, static_cast<int>(i)));
            } else {
                ui::text_wrapped(text, m_fonts->body, w);
            }
            if (!node.items.empty()) draw_content(node.items, m_fonts->body, w, 2);
            ImGui::PopID();
        }
        ImGui::PopStyleVar();
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    if (tab(t("desk.tab.procedure") + "###proc")) {
        ImGui::BeginChild("##proc_list", ImVec2(inner, ImGui::GetContentRegionAvail().y), false);
        const float w = ImGui::GetContentRegionAvail().x;
        draw_content(service->component(Component::prosedur), m_fonts->body, w, 0);
        ImGui::Spacing();
        ui::text_wrapped(t("desk.proc.time") + ": " + format::duration(service->duration, m_lang), m_fonts->bold, w);
        ui::text_wrapped(t("desk.proc.fee") + ": " + format::fee(service->fee, m_lang), m_fonts->bold, w);
        for (const ContentNode& node : service->component(Component::produk))
            ui::text_wrapped(t("desk.proc.product") + ": " + node.text, m_fonts->bold, w);
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    if (tab(t("desk.tab.management") + "###mgmt")) {
        ImGui::BeginChild("##mgmt_list", ImVec2(inner, ImGui::GetContentRegionAvail().y), false);
        const float w = ImGui::GetContentRegionAvail().x;
        for (int c = static_cast<int>(Component::dasar_hukum); c < kComponentCount; ++c) {
            const auto component = static_cast<Component>(c);
            const std::string_view title = m_lang == i18n::Lang::id ? component_title_id(component) : component_title_en(component);
            ui::text_wrapped(title, m_fonts->bold, w, colors::accent);
            draw_content(service->component(component), m_fonts->body, w, 0);
            ImGui::Spacing();
        }
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    ImGui::PopStyleVar();
    ImGui::EndChild();
}

void CounterView::draw_queue_panel(const CounterModel& model, float width, float height) {
    ImGui::BeginChild("##queue", ImVec2(width, height), true, kFixedChild);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float inner = ImGui::GetContentRegionAvail().x;

    // The scan field keeps the keyboard whenever nothing else has it, so a scanner's typing
    // always lands here.
    ImGui::SetNextItemWidth(inner);
    if (model.dialog() == Dialog::none && !ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    if (ImGui::InputTextWithHint("##scan", t("desk.scan.hint").c_str(), m_scan.data(), m_scan.size(),
                                 ImGuiInputTextFlags_EnterReturnsTrue)) {
        emit(Intent::of_text(IntentKind::scan, text_of(m_scan)));
        m_scan.fill('\0');
    }

    // The selected ticket, with its call button.
    std::optional<TicketInfo> selected;
    if (model.selected_ticket()) selected = model.ticket(*model.selected_ticket());
    if (selected) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        dl->ChannelsSplit(2);
        dl->ChannelsSetCurrent(1);
        ImGui::SetCursorScreenPos(p0 + ImVec2(10, 8));
        ImGui::BeginGroup();
        std::string head = selected->number + "  \u2022  " + t("state." + selected->state);
        if (selected->is_priority()) head += "  \u2022  " + t(priority_short_key(selected->priority));
        ui::text_wrapped(head, m_fonts->bold, inner - 20);
        const std::string service = selected->service_name.empty() ? model.service_name(selected->service) : selected->service_name;
        text_clipped(service, m_fonts->body, inner - 20, colors::text_muted);
        Availability can = model.can_call_ticket(selected->id);
        const std::string call = render(Text{"desk.selected.call", {lit(selected->number)}}, m_lang);
        const float close_w = m_fonts->bold->FontSize + 20.0f;
        if (desk_button("##call_selected", "", call, "", ui::ButtonKind::primary, can, inner - 20 - close_w - 8,
                        m_fonts->bold->FontSize + 18))
            emit(Intent::of_ticket(IntentKind::call_ticket, selected->id));
        ImGui::SameLine(0, 8);
        if (desk_button("##clear_selected", "", "\u2715", "", ui::ButtonKind::secondary, Availability{true, {}}, close_w,
                        m_fonts->bold->FontSize + 18))
            emit(Intent::of_ticket(IntentKind::select_ticket, 0));
        ImGui::EndGroup();
        const float bottom = ImGui::GetItemRectMax().y + 8;
        dl->ChannelsSetCurrent(0);
        dl->AddRectFilled(p0, ImVec2(p0.x + inner, bottom), colors::accent_light, 8.0f);
        dl->AddRect(p0, ImVec2(p0.x + inner, bottom), colors::accent, 8.0f, 0, 2.0f);
        dl->ChannelsMerge();
        ImGui::SetCursorScreenPos(ImVec2(p0.x, bottom));
        ImGui::Dummy(ImVec2(inner, 0));
    }

    const auto rows = model.queue();
    const int waiting = model.waiting_count();
    ui::text_wrapped(render(Text{"desk.queue.title", {lit(std::to_string(waiting))}}, m_lang), m_fonts->bold, inner);
    const float list_h = std::max(60.0f, ImGui::GetContentRegionAvail().y);
    if (rows.empty()) {
        ui::text_wrapped(t("desk.queue.empty"), m_fonts->body, inner, colors::text_muted);
        ImGui::EndChild();
        return;
    }
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                       ImGuiTableFlags_SizingFixedFit;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(6.0f, 5.0f));
    if (ImGui::BeginTable("##rows", 3, kFlags, ImVec2(inner, list_h))) {
        ImGui::TableSetupColumn("number", ImGuiTableColumnFlags_WidthFixed, text_width(m_fonts->bold, "SSS-000") + 8.0f);
        ImGui::TableSetupColumn("mark", ImGuiTableColumnFlags_WidthFixed, text_width(m_fonts->bold, "\u2756 P") + 16.0f);
        ImGui::TableSetupColumn("minutes", ImGuiTableColumnFlags_WidthStretch);
        bool held_header = false;
        for (const QueueRow& row : rows) {
            if (row.on_hold && !held_header) {
                held_header = true;
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::PushFont(m_fonts->bold);
                ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
                ImGui::TextUnformatted(t("desk.queue.on_hold").c_str());
                ImGui::PopStyleColor();
                ImGui::PopFont();
            }
            ImGui::TableNextRow();
            ImGui::PushID(static_cast<int>(row.ticket.id));
            ImGui::TableSetColumnIndex(0);
            const bool is_selected = model.selected_ticket() && *model.selected_ticket() == row.ticket.id;
            ImGui::PushFont(m_fonts->bold);
            ImGui::PushStyleColor(ImGuiCol_Text, row.on_hold ? colors::text_muted : colors::text);
            if (ImGui::Selectable(row.ticket.number.c_str(), is_selected,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                if (ImGui::IsMouseDoubleClicked(0) && row.call.allowed)
                    emit(Intent::of_ticket(IntentKind::call_ticket, row.ticket.id));
                else
                    emit(Intent::of_ticket(IntentKind::select_ticket, row.ticket.id));
            }
            ImGui::PopStyleColor();
            ImGui::PopFont();
            if (ImGui::IsItemHovered()) {
                std::string about = row.ticket.service_name.empty() ? model.service_name(row.ticket.service) : row.ticket.service_name;
                if (row.ticket.is_priority()) about += "\n\u2756 " + t("priority." + row.ticket.priority);
                if (row.ticket.state == "transferred") about += "\n" + t("desk.queue.transferred");
                if (!row.ticket.note.empty()) about += "\n" + render(Text{"desk.ticket.note", {lit(row.ticket.note)}}, m_lang);
                if (!row.call.allowed) about += "\n" + t(row.call.reason);
                tooltip(about);
            }
            ImGui::TableSetColumnIndex(1);
            // The priority mark (its class is in the tooltip and the selection card); a
            // transferred ticket says so, it may carry a note.
            if (row.ticket.is_priority()) {
                pill("\u2756 P", colors::warning, colors::text_on_accent, m_fonts->bold);
            } else if (row.ticket.state == "transferred") {
                ImGui::PushStyleColor(ImGuiCol_Text, colors::text_muted);
                ImGui::TextUnformatted("\u2192");
                ImGui::PopStyleColor();
            }
            ImGui::TableSetColumnIndex(2);
            const std::string minutes = short_minutes(row.minutes_waited);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - text_width(m_fonts->body, minutes)));
            ImGui::TextUnformatted(minutes.c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
    (void)style;
    ImGui::EndChild();
}

// --- Paused -------------------------------------------------------------------------------

void CounterView::draw_paused(const CounterModel& model, float width, float height) {
    const float panel_w = std::min(width, 900.0f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - panel_w) * 0.5f);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colors::surface);
    ImGui::BeginChild("##paused", ImVec2(panel_w, height), true, kFixedChild);
    const float inner = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(0, 12));
    ui::text_centered(render(Text{"desk.paused.title", {lit(model.counter_name())}}, m_lang), m_fonts->huge, inner, colors::warning);
    const std::string reason = model.pause_reason();
    ui::text_centered(reason.empty() ? t("desk.paused.no_reason") : reason, m_fonts->large, inner);
    if (auto since = model.paused_since()) {
        const long long minutes = std::max<long long>(0, (model.server_now() - *since) / 60000);
        ui::text_centered(render(Text{"desk.paused.since", {lit(local_time(*since, model.config().utc_offset_minutes)),
                                                            lit(format::minutes(minutes, m_lang))}}, m_lang),
                          m_fonts->body, inner, colors::text_muted);
    }
    ImGui::Spacing();
    ui::text_centered(render(Text{"desk.paused.waiting", {lit(std::to_string(model.waiting_count()))}}, m_lang),
                      m_fonts->bold, inner);
    ui::text_centered(t("desk.paused.explain"), m_fonts->body, inner, colors::text_muted);
    ImGui::Spacing();
    Availability can = model.can_resume();
    const float button_w = std::min(inner, 560.0f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (inner - button_w) * 0.5f);
    const std::string label = t("desk.resume");
    const std::string detail = t("desk.key.enter");
    ui::BigButton resume{.label = label, .detail = detail, .kind = ui::ButtonKind::success, .width = button_w, .enabled = can.allowed};
    if (ui::big_button("##resume", resume)) emit(Intent::of(IntentKind::resume));
    if (!can.allowed && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip(t(can.reason));
    if (can.allowed && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) emit(Intent::of(IntentKind::resume));
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// --- Dialogs ------------------------------------------------------------------------------

bool CounterView::begin_dialog(const char* id, bool wanted, bool& open, ImVec2 size, bool& opened) {
    opened = wanted && !open;
    if (opened) ImGui::OpenPopup(id);
    open = wanted;
    ImGui::SetNextWindowSize(size);
    ImGui::SetNextWindowPos(ImVec2(m_width * 0.5f, m_height * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove;
    if (size.y <= 0.0f) flags |= ImGuiWindowFlags_AlwaysAutoResize;
    if (!ImGui::BeginPopupModal(id, nullptr, flags)) return false;
    if (!wanted) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return false;
    }
    return true;
}

void CounterView::draw_transfer_dialog(const CounterModel& model) {
    const ImVec2 size(std::min(m_width - 40.0f, 1100.0f), m_height - 60.0f);
    bool opened = false;
    if (!begin_dialog("##transfer_dialog", model.dialog() == Dialog::transfer, m_transfer_open, size, opened)) return;
    if (opened) {
        m_filter.fill('\0');
        m_target = m_preset_target;
        copy_into(m_note, m_preset_note);
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float inner = ImGui::GetContentRegionAvail().x;
    auto ticket = model.current_ticket();
    ui::text_wrapped(render(Text{"desk.transfer.title", {lit(ticket ? ticket->number : "")}}, m_lang), m_fonts->large, inner);
    if (ticket) {
        const std::string from = ticket->service_name.empty() ? model.service_name(ticket->service) : ticket->service_name;
        ui::text_wrapped(render(Text{"desk.transfer.from", {lit(from)}}, m_lang), m_fonts->body, inner, colors::text_muted);
    }
    ImGui::SetNextItemWidth(inner);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputTextWithHint("##filter", t("desk.transfer.filter").c_str(), m_filter.data(), m_filter.size());

    const auto targets = model.transfer_targets(text_of(m_filter));
    const float button_h = m_fonts->large->FontSize + 30.0f;
    const float note_h = m_fonts->bold->FontSize * 1.2f + ImGui::GetFrameHeightWithSpacing();
    const float list_h = std::max(100.0f, ImGui::GetContentRegionAvail().y - note_h - button_h - style.ItemSpacing.y * 3);
    ImGui::BeginChild("##targets", ImVec2(inner, list_h), true);
    std::string agency;
    std::string target_name;
    for (const ServiceChoice& choice : targets) {
        if (choice.agency_id != agency) {
            agency = choice.agency_id;
            ui::text_wrapped(choice.agency_name, m_fonts->bold, ImGui::GetContentRegionAvail().x, colors::accent);
        }
        ImGui::PushID(choice.id.c_str());
        const std::string label = choice.prefix + "   " + choice.name;
        const bool chosen = m_target == choice.id;
        if (chosen) target_name = choice.name;
        const std::string waiting = render(Text{"desk.transfer.waiting", {lit(std::to_string(choice.waiting))}}, m_lang);
        const float waiting_w = text_width(m_fonts->body, waiting);
        const float row_w = ImGui::GetContentRegionAvail().x;
        if (ImGui::Selectable("##choice", chosen, 0, ImVec2(row_w, m_fonts->body->FontSize))) m_target = choice.id;
        if (chosen && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY(0.3f);
        const ImVec2 r0 = ImGui::GetItemRectMin();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->PushClipRect(r0, ImVec2(r0.x + row_w - waiting_w - 16, r0.y + m_fonts->body->FontSize + 4), true);
        dl->AddText(m_fonts->body, m_fonts->body->FontSize, ImVec2(r0.x + 4, r0.y), colors::text, label.c_str());
        dl->PopClipRect();
        dl->AddText(m_fonts->body, m_fonts->body->FontSize, ImVec2(r0.x + row_w - waiting_w, r0.y), colors::text_muted,
                    waiting.c_str());
        ImGui::PopID();
    }
    if (targets.empty()) ui::text_wrapped(t("desk.transfer.none"), m_fonts->body, 0.0f, colors::text_muted);
    ImGui::EndChild();
    if (target_name.empty())
        for (const ServiceChoice& c : model.transfer_targets())
            if (c.id == m_target) target_name = c.name;

    ui::text_wrapped(t("desk.transfer.note"), m_fonts->bold, inner);
    ImGui::SetNextItemWidth(inner);
    const bool enter = ImGui::InputText("##note", m_note.data(), m_note.size(), ImGuiInputTextFlags_EnterReturnsTrue);

    const std::string confirm = m_target.empty() ? t("desk.transfer.choose")
                                                 : render(Text{"desk.transfer.confirm", {lit(target_name)}}, m_lang);
    Availability can = model.availability(Action::transfer);
    if (m_target.empty()) can = Availability{false, Text{"desk.transfer.pick_service", {}}};
    const float cancel_w = text_width(m_fonts->bold, t("desk.cancel")) + 40.0f;
    if (desk_button("##confirm", "", confirm, "", ui::ButtonKind::primary, can, inner - cancel_w - style.ItemSpacing.x, button_h) ||
        (enter && can.allowed))
        emit(Intent::of_text(IntentKind::transfer, m_target, text_of(m_note)));
    ImGui::SameLine();
    if (desk_button("##cancel", "", t("desk.cancel"), "", ui::ButtonKind::secondary, Availability{true, {}}, cancel_w, button_h) ||
        escape_pressed())
        emit(Intent::of(IntentKind::close_dialog));
    ImGui::EndPopup();
}

void CounterView::draw_pause_dialog(const CounterModel& model) {
    bool opened = false;
    if (!begin_dialog("##pause_dialog", model.dialog() == Dialog::pause, m_pause_open,
                      ImVec2(std::min(m_width - 40.0f, 760.0f), 0.0f), opened))
        return;
    if (opened) m_other_reason.fill('\0');
    const float inner = ImGui::GetContentRegionAvail().x;
    ui::text_wrapped(t("desk.pause.title"), m_fonts->large, inner);
    ui::text_wrapped(t("desk.pause.hint"), m_fonts->body, inner, colors::text_muted);
    ImGui::Spacing();
    const float half = (inner - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const float button_h = m_fonts->large->FontSize + 30.0f;
    const char* reasons[] = {"desk.reason.break", "desk.reason.prayer", "desk.reason.meeting", "desk.reason.errand"};
    int i = 0;
    for (const char* reason : reasons) {
        if (i++ % 2 == 1) ImGui::SameLine();
        // The reason is sent in Bahasa Indonesia: the waiting-room displays show it to visitors.
        if (desk_button(reason, "", t(reason), "", ui::ButtonKind::primary, model.can_pause(), half, button_h))
            emit(Intent::of_text(IntentKind::pause, tr(reason, i18n::Lang::id)));
    }
    ImGui::Spacing();
    ui::text_wrapped(t("desk.reason.other"), m_fonts->bold, inner);
    ImGui::SetNextItemWidth(half);
    const bool enter = ImGui::InputText("##other", m_other_reason.data(), m_other_reason.size(), ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    Availability can = model.can_pause();
    if (text_of(m_other_reason).empty()) can = Availability{false, Text{"desk.pause.need_reason", {}}};
    if (desk_button("##other_ok", "", t("desk.pause.with_other"), "", ui::ButtonKind::primary, can, half, ImGui::GetFrameHeight()) ||
        (enter && can.allowed))
        emit(Intent::of_text(IntentKind::pause, text_of(m_other_reason)));
    ImGui::Spacing();
    if (desk_button("##pause_cancel", "", t("desk.cancel"), "", ui::ButtonKind::secondary, Availability{true, {}}, inner, button_h) ||
        escape_pressed())
        emit(Intent::of(IntentKind::close_dialog));
    ImGui::EndPopup();
}

}  // namespace hall::counter
