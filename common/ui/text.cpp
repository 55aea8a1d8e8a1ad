// Wrapping is done once, here, with ImGui's own word-wrap rule, and both the left-aligned and
// the centred paragraph draw the lines it returns, so a text wraps the same way in every
// alignment and in big_button. ImGui treats a null end pointer as "up to the NUL", so empty
// views are never handed to it as (nullptr, nullptr).
#include "common/ui/text.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstddef>

namespace hall::ui {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// The start of the UTF-8 character after the one at `s` (never past `end`; a stray
// continuation byte counts as one character).
const char* next_char(const char* s, const char* end) {
    const auto lead = static_cast<unsigned char>(*s);
    std::ptrdiff_t length = 1;
    if (lead >= 0xF0) length = 4;
    else if (lead >= 0xE0) length = 3;
    else if (lead >= 0xC0) length = 2;
    return s + std::min(length, end - s);
}

// Appends the wrapped lines of one paragraph (no '\n' inside).
void wrap_paragraph(ImFont* font, const char* begin, const char* end, float width,
                    std::vector<std::string_view>& lines) {
    if (begin == end) {
        lines.emplace_back();
        return;
    }
    const char* s = begin;
    while (s < end) {
        const char* eol = font->CalcWordWrapPositionA(1.0f, s, end, width);
        if (eol <= s) eol = next_char(s, end);  // not even one character fits: show one anyway
        const char* line_end = eol;
        while (line_end > s && is_blank(line_end[-1])) --line_end;
        lines.emplace_back(s, static_cast<std::size_t>(line_end - s));
        s = eol;
        while (s < end && is_blank(*s)) ++s;
    }
}

void draw_lines(std::string_view text, ImFont* font, float width, ImU32 color, bool centered) {
    if (!font) font = ImGui::GetFont();
    if (width <= 0.0f) width = ImGui::GetContentRegionAvail().x;
    width = std::max(1.0f, width);
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    const float x0 = ImGui::GetCursorPosX();
    const std::vector<std::string_view> lines = wrap_lines(font, text, width);
    // Lines of one paragraph are one line_height apart; the usual item spacing follows the last.
    const ImVec2 line_spacing(ImGui::GetStyle().ItemSpacing.x, line_height(font) - font->FontSize);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        float x = x0;
        if (centered) x += std::max(0.0f, (width - text_size(font, line).x) * 0.5f);
        ImGui::SetCursorPosX(x);
        const char* begin = line.empty() ? "" : line.data();
        const bool last = i + 1 == lines.size();
        if (!last) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, line_spacing);
        ImGui::TextUnformatted(begin, begin + line.size());
        if (!last) ImGui::PopStyleVar();
    }
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

}  // namespace

float line_height(ImFont* font) {
    if (!font) font = ImGui::GetFont();
    return std::round(font->FontSize * 1.2f);
}

ImVec2 text_size(ImFont* font, std::string_view text, float wrap_width) {
    if (!font) font = ImGui::GetFont();
    if (text.empty()) return ImVec2(0.0f, font->FontSize);
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, std::max(0.0f, wrap_width), text.data(),
                               text.data() + text.size());
}

std::vector<std::string_view> wrap_lines(ImFont* font, std::string_view text, float width) {
    std::vector<std::string_view> lines;
    if (text.empty()) return lines;
    if (!font) font = ImGui::GetFont();
    width = std::max(1.0f, width);
    const char* s = text.data();
    const char* end = text.data() + text.size();
    while (true) {
        const char* newline = std::find(s, end, '\n');
        wrap_paragraph(font, s, newline, width, lines);
        if (newline == end) break;
        s = newline + 1;
    }
    return lines;
}

void text_wrapped(std::string_view text, ImFont* font, float width, ImU32 color) {
    draw_lines(text, font, width, color, false);
}

void text_centered(std::string_view text, ImFont* font, float width, ImU32 color) {
    draw_lines(text, font, width, color, true);
}

}  // namespace hall::ui
