// The theme is one function over ImGui's style table plus the big button, drawn by hand: an
// ImGui::Button cannot wrap a long service name, nor carry a second line, nor keep the hover
// highlight that a touch screen leaves behind after the finger has gone from looking pressed.
#include "common/ui/theme.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "common/ui/imgui_session.hpp"
#include "common/ui/text.hpp"

namespace hall::ui {

namespace {

ImVec4 vec(ImU32 color) { return ImGui::ColorConvertU32ToFloat4(color); }

struct ButtonColors {
    ImU32 fill;
    ImU32 fill_pressed;
    ImU32 text;
    ImU32 border;
};

ButtonColors button_colors(ButtonKind kind, bool enabled) {
    if (!enabled) return {colors::disabled, colors::disabled, colors::disabled_text, colors::disabled};
    switch (kind) {
        case ButtonKind::primary:
            return {colors::accent, colors::accent_pressed, colors::text_on_accent, colors::accent_pressed};
        case ButtonKind::secondary:
            return {colors::secondary, colors::secondary_pressed, colors::text, colors::border};
        case ButtonKind::success:
            return {colors::success, colors::success_pressed, colors::text_on_accent, colors::success_pressed};
        case ButtonKind::danger:
            return {colors::danger, colors::danger_pressed, colors::text_on_accent, colors::danger_pressed};
    }
    return {colors::accent, colors::accent_pressed, colors::text_on_accent, colors::accent_pressed};  // defensive
}

// Lines of `text` in `font`, each with its width, wrapped to `width`.
struct Block {
    ImFont* font = nullptr;
    std::vector<std::string_view> lines;
    float height = 0;
};

Block layout_block(ImFont* font, std::string_view text, float width) {
    Block block;
    block.font = font;
    if (text.empty()) return block;
    block.lines = wrap_lines(font, text, width);
    if (block.lines.empty()) return block;
    block.height = static_cast<float>(block.lines.size() - 1) * line_height(font) + font->FontSize;
    return block;
}

void draw_block(ImDrawList* draw_list, const Block& block, ImVec2 top_left, float width, TextAlign align,
                ImU32 color) {
    float y = top_left.y;
    for (std::string_view line : block.lines) {
        float x = top_left.x;
        if (align == TextAlign::center) {
            const float line_width = text_size(block.font, line).x;
            x += std::max(0.0f, (width - line_width) * 0.5f);
        }
        draw_list->AddText(block.font, block.font->FontSize, ImVec2(x, y), color, line.data(),
                           line.data() + line.size());
        y += line_height(block.font);
    }
}

}  // namespace

void apply_theme(float body_px) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    const float unit = std::max(8.0f, body_px);

    style.WindowPadding = ImVec2(unit * 0.8f, unit * 0.8f);
    style.FramePadding = ImVec2(unit * 0.6f, unit * 0.4f);
    style.CellPadding = ImVec2(unit * 0.4f, unit * 0.25f);
    style.ItemSpacing = ImVec2(unit * 0.6f, unit * 0.5f);
    style.ItemInnerSpacing = ImVec2(unit * 0.4f, unit * 0.3f);
    style.TouchExtraPadding = ImVec2(4.0f, 4.0f);
    style.IndentSpacing = unit * 1.2f;
    style.ScrollbarSize = unit * 0.9f;  // wide enough for a finger
    style.GrabMinSize = unit * 1.2f;
    style.WindowBorderSize = 0.0f;
    style.ChildBorderSize = 2.0f;
    style.PopupBorderSize = 2.0f;
    style.FrameBorderSize = 2.0f;
    style.WindowRounding = unit * 0.4f;
    style.ChildRounding = unit * 0.4f;
    style.FrameRounding = unit * 0.35f;
    style.PopupRounding = unit * 0.4f;
    style.ScrollbarRounding = unit * 0.45f;
    style.GrabRounding = unit * 0.35f;
    style.TabRounding = unit * 0.35f;
    style.WindowTitleAlign = ImVec2(0.5f, 0.5f);
    style.ButtonTextAlign = ImVec2(0.5f, 0.5f);
    // Textured anti-aliased lines need bilinear sampling; SDL_Renderer samples nearest pixels.
    style.AntiAliasedLinesUseTex = false;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = vec(colors::text);
    c[ImGuiCol_TextDisabled] = vec(colors::disabled_text);
    c[ImGuiCol_WindowBg] = vec(colors::background);
    c[ImGuiCol_ChildBg] = vec(colors::background);
    c[ImGuiCol_PopupBg] = vec(colors::background);
    c[ImGuiCol_Border] = vec(colors::border);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = vec(colors::surface);
    c[ImGuiCol_FrameBgHovered] = vec(colors::surface);
    c[ImGuiCol_FrameBgActive] = vec(colors::accent_light);
    c[ImGuiCol_TitleBg] = vec(colors::accent);
    c[ImGuiCol_TitleBgActive] = vec(colors::accent);
    c[ImGuiCol_TitleBgCollapsed] = vec(colors::accent);
    c[ImGuiCol_MenuBarBg] = vec(colors::surface);
    c[ImGuiCol_ScrollbarBg] = vec(colors::surface);
    c[ImGuiCol_ScrollbarGrab] = vec(colors::border);
    c[ImGuiCol_ScrollbarGrabHovered] = vec(colors::text_muted);
    c[ImGuiCol_ScrollbarGrabActive] = vec(colors::text);
    c[ImGuiCol_CheckMark] = vec(colors::accent);
    c[ImGuiCol_SliderGrab] = vec(colors::accent);
    c[ImGuiCol_SliderGrabActive] = vec(colors::accent_pressed);
    // A touch leaves the pointer where the finger was, so "hovered" must look like "idle".
    c[ImGuiCol_Button] = vec(colors::accent);
    c[ImGuiCol_ButtonHovered] = vec(colors::accent);
    c[ImGuiCol_ButtonActive] = vec(colors::accent_pressed);
    c[ImGuiCol_Header] = vec(colors::accent_light);
    c[ImGuiCol_HeaderHovered] = vec(colors::accent_light);
    c[ImGuiCol_HeaderActive] = vec(colors::accent_light);
    c[ImGuiCol_Separator] = vec(colors::border);
    c[ImGuiCol_SeparatorHovered] = vec(colors::border);
    c[ImGuiCol_SeparatorActive] = vec(colors::accent);
    c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ResizeGripHovered] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ResizeGripActive] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Tab] = vec(colors::surface);
    c[ImGuiCol_TabHovered] = vec(colors::surface);
    c[ImGuiCol_TabActive] = vec(colors::accent_light);
    c[ImGuiCol_TabUnfocused] = vec(colors::surface);
    c[ImGuiCol_TabUnfocusedActive] = vec(colors::accent_light);
    c[ImGuiCol_TableHeaderBg] = vec(colors::surface);
    c[ImGuiCol_TableBorderStrong] = vec(colors::border);
    c[ImGuiCol_TableBorderLight] = vec(colors::secondary_pressed);
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = vec(colors::surface);
    c[ImGuiCol_TextSelectedBg] = vec(colors::accent_light);
    c[ImGuiCol_NavHighlight] = vec(colors::accent);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.07f, 0.09f, 0.15f, 0.55f);
}

bool big_button(const char* id, const BigButton& button) {
    const Fonts* fonts = current_fonts();
    ImFont* label_font = button.label_font ? button.label_font : (fonts ? fonts->large : ImGui::GetFont());
    ImFont* detail_font = button.detail_font ? button.detail_font : (fonts ? fonts->body : ImGui::GetFont());
    const ImGuiStyle& style = ImGui::GetStyle();

    const float available = ImGui::GetContentRegionAvail().x;
    const float width = std::max(1.0f, button.width > 0 ? button.width : available);
    const ImVec2 padding(std::max(style.FramePadding.x, label_font->FontSize * 0.5f),
                         std::max(style.FramePadding.y, label_font->FontSize * 0.3f));
    const float text_width = std::max(1.0f, width - 2.0f * padding.x);
    const Block label = layout_block(label_font, button.label, text_width);
    const Block detail = layout_block(detail_font, button.detail, text_width);
    const float gap = detail.lines.empty() ? 0.0f : detail_font->FontSize * 0.25f;
    const float content_height = label.height + gap + detail.height;
    const float height = std::max({kMinTouchHeight, button.height, content_height + 2.0f * padding.y});

    ImGui::BeginDisabled(!button.enabled);
    const ImVec2 top_left = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
    ImGui::EndDisabled();

    const ButtonColors palette = button_colors(button.kind, button.enabled);
    const ImVec2 bottom_right(top_left.x + width, top_left.y + height);
    const float rounding = std::max(style.FrameRounding, label_font->FontSize * 0.3f);
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    draw_list->AddRectFilled(top_left, bottom_right, held ? palette.fill_pressed : palette.fill, rounding);
    draw_list->AddRect(top_left, bottom_right, palette.border, rounding, 0, 2.0f);

    // Centre the text block vertically; keep a long label inside the button's width.
    const float text_top = top_left.y + std::max(padding.y, (height - content_height) * 0.5f);
    const ImVec2 text_origin(top_left.x + padding.x, text_top);
    draw_list->PushClipRect(top_left, bottom_right, true);
    draw_block(draw_list, label, text_origin, text_width, button.align, palette.text);
    draw_block(draw_list, detail, ImVec2(text_origin.x, text_top + label.height + gap), text_width, button.align,
               palette.text);
    draw_list->PopClipRect();
    return pressed && button.enabled;
}

}  // namespace hall::ui
