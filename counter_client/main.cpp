// counter_client: the officer's desk. Everything lives in counter_core; this is the shell.
#include <cstdio>

#include "common/log.hpp"
#include "common/ui/shell.hpp"
#include "counter_client/counter_app.hpp"
#include "counter_client/counter_view.hpp"

using namespace hall;

int main(int argc, char** argv) {
    // The shell's flags; a desk shares its screen with the agency's own programs: windowed.
    ui::ShellOptions shell_options;
    shell_options.title = "Loket \u2013 Antrian";
    shell_options.width = 1366;
    shell_options.height = 768;
    shell_options.display = ui::DisplayMode::windowed;
    auto rest = ui::parse_shell_args(argc, argv, shell_options);
    if (!rest) {
        std::fprintf(stderr, "%s\n%s", rest.error().message.c_str(), counter::counter_usage().c_str());
        return 2;
    }
    // The desk's own flags.
    auto args = counter::parse_counter_args(*rest);
    if (!args) {
        std::fprintf(stderr, "%s\n%s", args.error().message.c_str(), counter::counter_usage().c_str());
        return 2;
    }
    // Its words, in both languages.
    counter::register_counter_strings();
    // The hall: the live server, or for a screenshot without one the built-in sample.
    counter::CounterView view;
    const bool screenshot = shell_options.screenshot.has_value();
    auto app = screenshot ? counter::make_screenshot_app(*args, args->screen.value_or(counter::Scene::main), view)
                          : counter::make_app(*args);
    if (!app) {
        log::error("counter", app.error().message);
        return 2;
    }
    counter::CounterApp& desk = **app;
    // The window (or the offscreen surface of a screenshot).
    ui::Shell shell(shell_options);
    if (!shell.open()) return 1;
    // Any change of the hall or the connection wakes the loop; otherwise it sleeps.
    if (!screenshot) desk.start([&shell] { shell.wake(); });
    // Each frame: take in the news, draw, then carry out what the officer asked for.
    const int code = shell.run([&](const ui::Frame& frame) {
        if (!screenshot) desk.pump(counter::wall_clock_ms());
        for (const counter::Intent& intent : view.draw(desk.model(), frame)) desk.model().apply(intent);
    });
    // The link stops before the shell it wakes goes away.
    desk.stop();
    return code;
}
