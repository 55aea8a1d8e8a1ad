// The officer's desk on screen (Dear ImGui): the login form, the main desk (current ticket,
// the seven actions with their function keys, the requirement checklist and the service's
// standard, the queue with the scan field, today's figures), the transfer and pause dialogs,
// and the paused screen. It draws a CounterModel and returns the officer's intents; it keeps
// only the text being typed into its fields.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/ui/imgui_session.hpp"
#include "common/ui/theme.hpp"
#include "counter_client/counter_model.hpp"

namespace hall::counter {

class CounterView {
public:
    // Draws one frame of `model`; returns what the officer asked for during it (in order).
    std::vector<Intent> draw(const CounterModel& model, const ui::Frame& frame);

    // Fills the transfer dialog when it next opens (screenshots show it in use).
    void preset_transfer(std::string service, std::string note);
    // Fills the login form's officer id and chosen counter.
    void preset_login(std::string officer, std::string counter);

private:
    void draw_top_bar(const CounterModel& model, float width);
    void draw_status_row(const CounterModel& model, float width);
    void draw_login(const CounterModel& model, float width, float height);
    void draw_main(const CounterModel& model, float width, float height);
    void draw_paused(const CounterModel& model, float width, float height);
    void draw_ticket_card(const CounterModel& model, float width);
    void draw_actions(const CounterModel& model, float width, float height);
    void draw_service_panel(const CounterModel& model, float width, float height);
    void draw_queue_panel(const CounterModel& model, float width, float height);
    void draw_transfer_dialog(const CounterModel& model);
    void draw_pause_dialog(const CounterModel& model);
    void handle_keys(const CounterModel& model);
    // A modal dialog shown while `wanted` (the model's dialog); `open` remembers it across
    // frames, `opened` says it opened this frame. True when its contents are to be drawn (then
    // the caller ends it with ImGui::EndPopup). A `size` of height 0 fits the contents.
    bool begin_dialog(const char* id, bool wanted, bool& open, ImVec2 size, bool& opened);

    // A desk button: key cap, label, an optional count at the right; when disabled, hovering
    // it shows why. True when clicked (never when disabled).
    bool desk_button(const char* id, std::string_view keycap, std::string_view label, std::string_view extra,
                     ui::ButtonKind kind, const Availability& availability, float width, float height);
    // One line of text; too long, it ends in "…" and shows whole in a tooltip.
    void text_clipped(std::string_view text, ImFont* font, float width, ImU32 color);
    // A paragraph of at most `max_lines` lines; the last one shown ends in "…" when cut.
    void text_wrapped_max(std::string_view text, ImFont* font, float width, int max_lines, ImU32 color);
    // A small coloured label in the text flow.
    void pill(std::string_view text, ImU32 fill, ImU32 color, ImFont* font);
    void tooltip(const std::string& text);
    std::string t(std::string_view key) const;
    // A wait in the desk's short form: "23 mnt", "1 j 5 mnt".
    std::string short_minutes(long long minutes) const;
    std::string t(const Text& text) const;
    void emit(Intent intent) { m_intents.push_back(std::move(intent)); }

    std::vector<Intent> m_intents;
    const ui::Fonts* m_fonts = nullptr;
    i18n::Lang m_lang = i18n::Lang::id;
    float m_width = 0;
    float m_height = 0;

    // Text being typed.
    std::array<char, 65> m_officer{};
    std::array<char, 16> m_pin{};
    std::string m_counter;
    bool m_focus_login = true;
    std::array<char, 256> m_scan{};
    std::array<char, 64> m_filter{};
    std::string m_target;
    std::array<char, 200> m_note{};
    std::array<char, 64> m_other_reason{};
    std::string m_preset_target;
    std::string m_preset_note;
    bool m_transfer_open = false;
    bool m_pause_open = false;
};

}  // namespace hall::counter
