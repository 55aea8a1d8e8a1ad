// kiosk: the hall's touch screen where visitors read a service's requirements and take a
// numbered ticket. Everything lives in kiosk_core; this file only runs the steps in order.
#include <cstdio>
#include <string>
#include <vector>

#include "common/log.hpp"
#include "common/ui/shell.hpp"
#include "kiosk/kiosk_app.hpp"
#include "kiosk/kiosk_strings.hpp"

int main(int argc, char** argv) {
    using namespace hall;
    // 1. The kiosk's words, in Bahasa Indonesia and English.
    kiosk::register_strings();

    // 2. The shell's flags (window, screenshot, size): a portrait touch screen by default.
    ui::ShellOptions shell;
    shell.title = "Kiosk";
    shell.width = 1080;
    shell.height = 1920;
    Result<std::vector<std::string>> rest = ui::parse_shell_args(argc, argv, shell);
    if (!rest) {
        std::fprintf(stderr, "kiosk: %s\n%s", rest.error().message.c_str(), kiosk::kiosk_usage());
        return 2;
    }
    shell.hide_cursor = shell.display == ui::DisplayMode::fullscreen;  // a finger needs no pointer

    // 3. The kiosk's own flags.
    Result<kiosk::KioskOptions> options = kiosk::parse_kiosk_args(*rest);
    if (!options) {
        std::fprintf(stderr, "kiosk: %s\n%s", options.error().message.c_str(), kiosk::kiosk_usage());
        return 2;
    }
    if (options->help) {
        std::fputs(kiosk::kiosk_usage(), stdout);
        return 0;
    }

    // 4. The hall: config, catalog and this kiosk's keys.
    Result<kiosk::KioskSetup> setup = kiosk::load_setup(*options);
    if (!setup) {
        log::error("kiosk", setup.error().message);
        return 1;
    }

    // 5. A paper ticket to a PNG, or the kiosk itself (on screen or as a screenshot).
    if (options->ticket_png) return kiosk::run_ticket_png(*options, *setup);
    if (options->print_test) return kiosk::run_print_test(*options, *setup);
    return kiosk::run_kiosk(*options, *setup, shell);
}
