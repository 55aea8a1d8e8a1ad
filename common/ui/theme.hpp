// The look of every hall screen: a high-contrast light theme for public screens (near-black
// text on white, strong accent colours, generous rounding and padding sized from the body font)
// and the big touch button the kiosk and counter screens are made of. Colours meet WCAG AA
// (4.5:1) for their text on their background; accents and their white labels meet it too.
#pragma once
#include <string_view>

#include <imgui.h>

namespace hall::ui {

// The palette; views draw custom shapes with these, never with ad-hoc colours.
namespace colors {
constexpr ImU32 background = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);  // screen
constexpr ImU32 surface = IM_COL32(0xF1, 0xF3, 0xF6, 0xFF);     // panels, cards, input fields
constexpr ImU32 border = IM_COL32(0x6B, 0x72, 0x80, 0xFF);
constexpr ImU32 text = IM_COL32(0x11, 0x18, 0x27, 0xFF);        // 17.7:1 on white
constexpr ImU32 text_muted = IM_COL32(0x4B, 0x55, 0x63, 0xFF);  // 7.6:1 on white
constexpr ImU32 text_on_accent = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
constexpr ImU32 accent = IM_COL32(0x0B, 0x4F, 0x9C, 0xFF);      // deep blue, 8.0:1 with white
constexpr ImU32 accent_pressed = IM_COL32(0x07, 0x35, 0x6A, 0xFF);
constexpr ImU32 accent_light = IM_COL32(0xDB, 0xE8, 0xF7, 0xFF);  // selection, highlights
constexpr ImU32 success = IM_COL32(0x0F, 0x6E, 0x35, 0xFF);     // green, 6.3:1 with white
constexpr ImU32 success_pressed = IM_COL32(0x0A, 0x4D, 0x25, 0xFF);
constexpr ImU32 danger = IM_COL32(0xB4, 0x23, 0x18, 0xFF);      // red, 6.5:1 with white
constexpr ImU32 danger_pressed = IM_COL32(0x80, 0x19, 0x11, 0xFF);
constexpr ImU32 warning = IM_COL32(0x9A, 0x3D, 0x07, 0xFF);     // dark amber, 6.9:1 with white
constexpr ImU32 secondary = IM_COL32(0xE5, 0xE7, 0xEB, 0xFF);   // grey button with dark text
constexpr ImU32 secondary_pressed = IM_COL32(0xC9, 0xCD, 0xD4, 0xFF);
constexpr ImU32 disabled = IM_COL32(0xE5, 0xE7, 0xEB, 0xFF);
constexpr ImU32 disabled_text = IM_COL32(0x5F, 0x66, 0x73, 0xFF);  // 4.7:1 on the disabled grey
}  // namespace colors

// The smallest height of a touch target, in pixels (a fingertip on a 1080x1920 kiosk panel).
constexpr float kMinTouchHeight = 120.0f;

// Applies the theme to the current ImGui context; paddings, spacing and rounding scale with
// the body font's pixel size.
void apply_theme(float body_px);

enum class ButtonKind { primary, secondary, success, danger };
enum class TextAlign { left, center };

// One big touch button.
struct BigButton {
    std::string_view label;        // bold, large, wrapped to the button's width
    std::string_view detail = {};  // optional second text in body size, under the label
    ButtonKind kind = ButtonKind::primary;
    TextAlign align = TextAlign::center;
    float width = 0;   // 0 = the full available width
    float height = 0;  // 0 = fit the text; never less than kMinTouchHeight
    bool enabled = true;
    ImFont* label_font = nullptr;   // nullptr = the session's large font
    ImFont* detail_font = nullptr;  // nullptr = the session's body font
};

// Draws `button` at the cursor; true on the frame the finger lifts inside it (never when
// disabled). `id` must be unique in the current ImGui ID scope; it is not shown.
bool big_button(const char* id, const BigButton& button);

}  // namespace hall::ui
