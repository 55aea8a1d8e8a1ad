// The display program's steps, each one call for main(): its command line, the hall it shows
// (config, catalog, zone, language, voice), the link to the server, the screenshot's state,
// and the --say check. Kept out of main.cpp so that main stays a short list of steps.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/hall_link.hpp"
#include "common/i18n.hpp"
#include "common/result.hpp"
#include "common/ui/shell.hpp"
#include "display/announcer.hpp"
#include "display/board_model.hpp"

namespace hall::display {

struct DisplayOptions {
    std::optional<std::filesystem::path> config;  // --config FILE
    std::optional<std::filesystem::path> keys;    // --keys DIR
    std::string zone;                             // --zone Z ("" = every zone)
    std::optional<i18n::Lang> lang;               // --lang id|en (default: the config's first)
    bool help = false;                            // --help
    // --say NUMBER COUNTER [--recall] [--wav FILE]
    bool say = false;
    std::string say_number;
    std::string say_counter;
    bool say_recall = false;
    std::optional<std::filesystem::path> wav;
};

// The shell's defaults for a TV: 1920x1080, fullscreen, redrawn on each kBoardTickMs tick.
ui::ShellOptions default_shell_options();
// Parses what parse_shell_args left; "bad_argument" with an English message on a mistake.
Result<DisplayOptions> parse_display_options(const std::vector<std::string>& args);
// Prints the usage (both languages) to stdout; returns 0.
int print_usage();
// Prints a command-line or set-up error for people (both languages) and in English; returns 2.
int print_error(const Error& error);

// --say: prints the announcement's sentence and, with --wav, writes its sound (chime and speech,
// at the config's volume when --config is given); returns the exit code.
int run_say(const DisplayOptions& options);

// What the board shows and how it sounds.
struct DisplaySetup {
    HallConfig config;
    Catalog catalog;
    BoardConfig board;
    i18n::Lang lang = i18n::Lang::id;
    VoiceSettings voice;
    std::optional<ClientOptions> client;  // nullopt when no usable --keys were given
};
// Loads --config (or, without it, the example hall shipped in assets/), checks --zone, and
// reads --keys. Unreadable keys are logged, not fatal: the board then shows the banner.
Result<DisplaySetup> load_setup(const DisplayOptions& options);

// Starts a link to the server feeding `model` (see board_feed.hpp); nullptr without a client.
std::unique_ptr<HallLink> connect_board(const DisplaySetup& setup, BoardModel& model, std::function<void()> wake);

// For --screenshot: waits a few seconds for the live server's state; when it does not come,
// stops the link (if any) and loads the built-in sample into `model`. Returns true for live.
bool prepare_screenshot(BoardModel& model, HallLink* link, const DisplaySetup& setup);

// Milliseconds since the Unix epoch, now.
std::int64_t wall_clock_ms();

}  // namespace hall::display
