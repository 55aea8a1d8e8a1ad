// The waiting-room display: shows the calls of its zone on a TV and announces each one aloud in
// Bahasa Indonesia. main() only wires the steps together; they live in display_core.
#include "common/log.hpp"
#include "common/ui/shell.hpp"
#include "display/announcer.hpp"
#include "display/board_model.hpp"
#include "display/board_view.hpp"
#include "display/display_app.hpp"
#include "display/display_strings.hpp"

int main(int argc, char** argv) {
    using namespace hall;
    // Strings first: every message below may need them.
    display::register_display_strings();

    // The shell's flags (--windowed, --size, --screenshot, --fps60), then the display's own.
    ui::ShellOptions shell_options = display::default_shell_options();
    auto rest = ui::parse_shell_args(argc, argv, shell_options);
    if (!rest) return display::print_error(rest.error());
    auto options = display::parse_display_options(*rest);
    if (!options) return display::print_error(options.error());
    if (options->help) return display::print_usage();

    // --say: the sentence (and its WAV) only, without a window or a server.
    if (options->say) return display::run_say(*options);

    // The hall: config, catalog, zone, language, voice, keys.
    auto setup = display::load_setup(*options);
    if (!setup) return display::print_error(setup.error());

    // The board's model, and the link to the server that feeds it (none without keys).
    display::BoardModel model(setup->board);
    ui::Shell shell(shell_options);
    auto link = display::connect_board(*setup, model, [&shell] { shell.wake(); });

    // A screenshot shows the live server's state if it answers soon, else the sample hall.
    if (shell_options.screenshot) display::prepare_screenshot(model, link.get(), *setup);

    // The window, or the headless surface of a screenshot.
    if (!shell.open()) return 1;

    // The voice: the zone's calls, one at a time, on the announcer's own thread.
    display::Announcer announcer(model.announcements(), setup->voice,
                                 shell_options.screenshot ? nullptr : display::make_sound_card_output());
    if (!shell_options.screenshot) announcer.start();

    // The frame loop: it draws on a change, a wake-up or the clock's tick, and sleeps otherwise;
    // the tick is as slow as what the board shows by the clock allows.
    const int code = shell.run([&](const ui::Frame& frame) {
        const int period_ms = display::draw_board(model.snapshot(), {setup->lang, display::wall_clock_ms()}, frame);
        shell.set_tick(std::chrono::milliseconds(period_ms));
    });

    // The voice and the link stop before the model and the window go.
    announcer.stop();
    if (link) link->stop();
    return code;
}
