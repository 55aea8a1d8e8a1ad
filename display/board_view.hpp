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
// Returns how often (ms) the board must be redrawn while nothing happens so that what it shows by
// the clock stays right: kBoardTickMs while waiting counts page, the connection banner counts or
// a new call is highlighted; kTickerPageSeconds while only the running text pages; else
// kClockTickMs, the clock's minute.
int draw_board(const BoardSnapshot& board, const BoardViewOptions& options, const ui::Frame& frame);

// The board's redraw periods when nothing happens (the fastest, kBoardTickMs, and the clock's
// minute), and how long each page of the running text and of the waiting counts stays on screen
// (multiples of the fastest, so that pages turn on a redraw).
constexpr int kBoardTickMs = 6000;
constexpr int kTickerPageSeconds = 12;
constexpr int kWaitingPageSeconds = 6;
constexpr int kClockTickMs = 60000;
static_assert(kTickerPageSeconds * 1000 % kBoardTickMs == 0 && kWaitingPageSeconds * 1000 % kBoardTickMs == 0,
              "pages turn on the clock's tick");
static_assert(kClockTickMs % kBoardTickMs == 0 && kClockTickMs % (kTickerPageSeconds * 1000) == 0,
              "the clock's minute turns on a tick");

}  // namespace hall::display
