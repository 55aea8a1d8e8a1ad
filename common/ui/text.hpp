// Text drawing for big public screens: word-wrapped paragraphs in a chosen font, centred
// lines, and the measuring both need. Text is UTF-8 and taken as std::string_view, so catalog
// strings are drawn without copies; nothing here is formatted with printf (a '%' in a service
// name is just a character).
#pragma once
#include <string_view>
#include <vector>

#include <imgui.h>

#include "common/ui/theme.hpp"

namespace hall::ui {

// The distance from the top of one line of a paragraph to the next: the font's size and a
// fifth more, a looser leading than ImGui's default, for readers who are not young.
float line_height(ImFont* font);

// The size `text` takes in `font` at its own pixel size; wrapped to `wrap_width` when > 0.
ImVec2 text_size(ImFont* font, std::string_view text, float wrap_width = 0.0f);

// `text` split into the lines it takes when wrapped at word boundaries to `width` pixels in
// `font`; '\n' always breaks. Lines point into `text` and carry no trailing spaces. An empty
// text has no lines.
std::vector<std::string_view> wrap_lines(ImFont* font, std::string_view text, float width);

// A paragraph at the cursor, wrapped to `width` (0 = the available width), in `font`
// (nullptr = the current font) and `color`.
void text_wrapped(std::string_view text, ImFont* font = nullptr, float width = 0.0f, ImU32 color = colors::text);

// Like text_wrapped, with every line centred in `width` (0 = the available width).
void text_centered(std::string_view text, ImFont* font = nullptr, float width = 0.0f, ImU32 color = colors::text);

}  // namespace hall::ui
