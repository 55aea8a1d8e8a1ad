// The board's view: draws a BoardSnapshot on the whole screen with Dear ImGui's draw lists.
// The layout is computed from the screen's size and the session's fonts, so the same view fills
// a 1920x1080 TV, a 1280x720 one, or any other landscape screen. A TV takes no input, so the
// view reports no intents.
#pragma once
#include <cstdint>

#include "common/i18n.hpp"
#include "common/ui/imgui_session.hpp"
#include "display/board_model.hpp"

namespace hall::display {

struct BoardViewOptions {
    i18n::Lang lang = i18n::Lang::id;
    std::int64_t wall_ms = 0;  // the wall clock now (ms since the Unix epoch): the clock, the date
                               // before the server's is known, and which page of the running text
                               // and of the waiting counts is shown
};

// Draws the board: header (hall, zone, date, clock), the latest call very large (highlighted
// while new), the previous calls, each counter's status, the waiting counts, and at the bottom
// the running text, or the red connection banner with its age while the server is not heard.
void draw_board(const BoardSnapshot& board, const BoardViewOptions& options, const ui::Frame& frame);

// How often the board is redrawn when nothing happens (the clock's tick), and how long each
// page of the running text and of the waiting counts stays on screen (multiples of the tick).
constexpr int kBoardTickMs = 6000;
constexpr int kTickerPageSeconds = 12;
constexpr int kWaitingPageSeconds = 6;
static_assert(kTickerPageSeconds * 1000 % kBoardTickMs == 0 && kWaitingPageSeconds * 1000 % kBoardTickMs == 0,
              "pages turn on the clock's tick");
static_assert(60000 % kBoardTickMs == 0, "the clock's minute turns on a tick");

}  // namespace hall::display
