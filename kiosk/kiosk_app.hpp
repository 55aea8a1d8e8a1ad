// The kiosk program's wiring, kept out of main.cpp: its command line, loading the hall config
// and catalog, and the three ways it runs (the kiosk on screen, one screen to a PNG, the paper
// ticket to a PNG).
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/keys.hpp"
#include "common/result.hpp"
#include "common/ui/shell.hpp"
#include "kiosk/escpos.hpp"
#include "kiosk/kiosk_model.hpp"

namespace hall::kiosk {

struct KioskOptions {
    std::optional<std::filesystem::path> config;  // --config FILE
    std::optional<std::filesystem::path> keys;    // --keys DIR
    std::filesystem::path data_dir = ".";         // --data DIR: base of [printer] path for sink = "file"
    QrMode qr = QrMode::native;                   // --printer-qr native|raster
    // Screenshots (with the shell's --screenshot FILE).
    Screen screen = Screen::welcome;              // --screen NAME
    std::string agency;                           // --agency ID
    std::string service;                          // --service ID
    std::optional<Lang> lang;                     // --lang id|en
    std::string error = "unreachable";            // --error CODE
    TextSize text = TextSize::normal;             // --text normal|large
    std::string service_status;                   // --service-status closed|break|holiday|quota_reached
    PrintState print_state = PrintState::printed; // --print printed|failed|printing
    // The paper ticket.
    std::optional<std::filesystem::path> ticket_png;    // --ticket-png FILE
    std::optional<std::filesystem::path> ticket_escpos; // --ticket-escpos FILE (the printer's bytes)
    std::string ticket_number;                           // --ticket NUMBER (default: today's latest)
    // A scripted visitor (with --screenshot and --screen ticket): walks agency -> service ->
    // take a number -> regular, on the live server, prints on the configured printer, and the
    // screenshot shows what the visitor then sees. Used by the headless demo.
    bool visit = false;                                  // --visit
    bool print_test = false;                             // --print-test: a test ticket on the printer
    bool help = false;
};

// The kiosk's usage text (shell flags included).
const char* kiosk_usage();

// Parses the arguments left after ui::parse_shell_args; "bad_argument" with an English message.
Result<KioskOptions> parse_kiosk_args(const std::vector<std::string>& args);

// The hall config (--config, else assets/hall.example.toml of the source tree) with its
// catalog, and the enrolled keys when --keys is given.
struct KioskSetup {
    HallConfig config;
    Catalog catalog;
    std::optional<ClientKeys> keys;
};
Result<KioskSetup> load_setup(const KioskOptions& options);

// `kiosk --ticket-png FILE`: today's latest ticket (or --ticket NUMBER) from a live server, or
// a sample ticket, rendered as the printer would print it. Returns the exit code.
int run_ticket_png(const KioskOptions& options, const KioskSetup& setup);

// Prints a sample ticket on the configured [printer] and says (in both languages) whether it
// came out: 0 when it did, 1 when not.
int run_print_test(const KioskOptions& options, const KioskSetup& setup);

// The kiosk: a window (or fullscreen), or with --screenshot one screen to a PNG. Returns the
// exit code.
int run_kiosk(const KioskOptions& options, const KioskSetup& setup, ui::ShellOptions shell_options);

}  // namespace hall::kiosk
