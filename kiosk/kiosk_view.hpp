// The kiosk's screens in Dear ImGui: it draws a KioskModel and returns what the visitor asked
// for as intents; it never changes the model itself. Portrait 1080x1920, every touch target at
// least ui::kMinTouchHeight high, long lists scroll by dragging with a finger, and a bar at the
// top of every screen carries the ID/EN and text-size toggles.
//
// The only state kept here is how the screen is being touched (a drag in progress) and a cache
// of the last QR code drawn.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "common/result.hpp"
#include "common/ui/imgui_session.hpp"
#include "kiosk/kiosk_model.hpp"
#include "kiosk/qr_code.hpp"

namespace hall::kiosk {

// The fonts of one text size.
struct Typography {
    ImFont* text = nullptr;     // running text
    ImFont* strong = nullptr;   // bold running text, list labels, button labels of long lists
    ImFont* heading = nullptr;  // section headings, big button labels
    ImFont* title = nullptr;    // screen titles
    ImFont* giant = nullptr;    // the ticket number
};

class KioskView {
public:
    // Adds the "large text" fonts (1.3 times the session's) to the current ImGui context's
    // atlas and uploads it again through the SDL_Renderer backend. Call once after the session
    // exists and before its first frame (after Shell::open, or after Offscreen::create). On
    // failure large text uses the normal fonts, and the error is returned for the log.
    Status prepare_fonts(const ui::Fonts& fonts);

    // Draws the model's screen into the current frame; returns the visitor's intents.
    std::vector<Intent> draw(const KioskModel& model, const ui::Frame& frame);

private:
    struct Drag {
        bool armed = false;
        bool dragging = false;
        float start_y = 0;
        float start_scroll = 0;
        ImGuiID window = 0;
    };

    Typography typography(const KioskModel& model, const ui::Fonts& fonts) const;
    void emit(Intent::Type type, std::string text = {}, int index = -1);
    void drag_scroll();
    bool top_bar(const KioskModel& model, bool back_and_home);
    void welcome(const KioskModel& model);
    void agency(const KioskModel& model);
    void keyboard(const KioskModel& model);
    void service(const KioskModel& model);
    void service_components(const KioskModel& model, const Service& service);
    void priority(const KioskModel& model);
    void ticket(const KioskModel& model);
    void ticket_body(const KioskModel& model, const IssuedTicket& ticket, float width);
    void error(const KioskModel& model);
    void survey_number(const KioskModel& model);
    void survey_questions(const KioskModel& model);
    void survey_thanks(const KioskModel& model);
    void survey_refusal(const KioskModel& model);
    void idle_overlay(const KioskModel& model, int seconds);
    void busy_overlay(const KioskModel& model);
    void offline_banner(const KioskModel& model);
    void draw_qr(const std::string& payload, float side);
    float scroll_hint_height(const KioskModel& model, float width) const;
    void scroll_hint(const KioskModel& model, bool more_below, float width);
    std::string reason_sentence(const KioskModel& model, const TakeBlock& block) const;

    Typography m_normal;
    Typography m_large;
    bool m_large_ready = false;
    Typography m_t;  // this frame's
    const ui::Frame* m_frame = nullptr;
    std::vector<Intent> m_intents;
    Drag m_drag;
    std::string m_qr_payload;
    std::optional<QrMatrix> m_qr;
};

}  // namespace hall::kiosk
