// Errors found before the board is on screen (a wrong flag, an unreadable config, an unknown
// zone) end the program with a message in both languages; once the board runs, nothing ends
// it: a missing server or sound card is shown or logged and the board goes on.
#include "display/display_app.hpp"

#include "display/audio_output.hpp"

#include <chrono>
#include <iostream>
#include <thread>

#include "common/keys.hpp"
#include "common/log.hpp"
#include "display/board_feed.hpp"
#include "display/board_view.hpp"
#include "display/display_strings.hpp"
#include "display/indonesian_speech.hpp"
#include "display/sample_board.hpp"
#include "display/speech_synth.hpp"

namespace hall::display {

namespace {

constexpr int kScreenshotWaitMs = 5000;

std::filesystem::path example_config() {
    return std::filesystem::path(HALL_SOURCE_DIR) / "assets" / "hall.example.toml";
}

}  // namespace

ui::ShellOptions default_shell_options() {
    ui::ShellOptions options;
    options.title = std::string(tr("display.window_title", i18n::Lang::id));
    options.width = 1920;
    options.height = 1080;
    options.hide_cursor = true;  // nobody points at a TV
    // The clock shows minutes, and the running text and waiting counts turn their pages every
    // few seconds: the tick starts at 6 s (on the minute too, since 60 is a multiple of 6), and
    // each frame sets it to what the board then needs (draw_board's period), down to once a
    // minute when nothing pages, so that an idle TV with a software renderer stays well under 1%
    // of a core.
    options.tick = std::chrono::milliseconds(kBoardTickMs);
    return options;
}

Result<DisplayOptions> parse_display_options(const std::vector<std::string>& args) {
    DisplayOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](const char* what) -> Result<std::string> {
            if (i + 1 >= args.size() || args[i + 1].empty())
                return make_error("bad_argument", arg + " needs " + what);
            return args[++i];
        };
        if (arg == "--config") {
            auto v = value("a hall config file");
            if (!v) return v.error();
            options.config = *v;
        } else if (arg == "--keys") {
            auto v = value("a key folder");
            if (!v) return v.error();
            options.keys = *v;
        } else if (arg == "--zone") {
            auto v = value("a zone id");
            if (!v) return v.error();
            options.zone = *v;
        } else if (arg == "--lang") {
            auto v = value("id or en");
            if (!v) return v.error();
            if (*v != "id" && *v != "en") return make_error("bad_argument", "--lang must be id or en");
            options.lang = *v == "id" ? i18n::Lang::id : i18n::Lang::en;
        } else if (arg == "--say") {
            if (i + 2 >= args.size()) return make_error("bad_argument", "--say needs a ticket number and a counter name");
            options.say = true;
            options.say_number = args[++i];
            options.say_counter = args[++i];
            if (spoken_ticket(options.say_number).empty() || spoken_counter(options.say_counter).empty())
                return make_error("bad_argument", "--say needs a ticket number such as A-123 and a counter name such as \"Loket 3\"");
        } else if (arg == "--recall") {
            options.say_recall = true;
        } else if (arg == "--wav") {
            auto v = value("a WAV file name");
            if (!v) return v.error();
            options.wav = *v;
        } else if (arg == "--help" || arg == "-h") {
            options.help = true;
        } else {
            return make_error("bad_argument", "unknown argument " + arg);
        }
    }
    if ((options.wav || options.say_recall) && !options.say)
        return make_error("bad_argument", "--wav and --recall go with --say");
    return options;
}

int print_usage() {
    std::cout << tr("display.usage", i18n::Lang::id) << "\n\n" << tr("display.usage", i18n::Lang::en) << "\n";
    return 0;
}

int print_error(const Error& error) {
    const char* key = error.code == "bad_argument"   ? "display.error_arguments"
                      : error.code == "unknown_zone" ? "display.error_zone"
                      : error.code == "speech_unavailable" || error.code == "speech_failed" ? "display.error_speech"
                      : error.code == "wav_write"                                         ? "display.error_wav"
                                                                                          : "display.error_config";
    std::cerr << i18n::both(key) << "\n" << error.message << "\n";
    if (error.code == "bad_argument") std::cerr << "\n" << tr("display.usage", i18n::Lang::en) << "\n";
    return 2;
}

int run_say(const DisplayOptions& options) {
    const std::string sentence = announcement_sentence(
        options.say_number, options.say_counter, options.say_recall ? CallKind::recall : CallKind::call);
    std::cout << sentence << "\n";
    int volume = DisplayConfig{}.volume;
    if (options.config) {
        Result<HallConfig> config = load_hall_config(*options.config);
        if (!config) return print_error(config.error());
        volume = config->display.volume;
        if (config->display.mute) log::info("display", "the config mutes the board; the WAV is written all the same");
    }
    Result<Pcm> sound = announcement_sound(sentence, volume);
    if (!sound) return print_error(sound.error());
    if (!options.wav) {
        // Spoken on this machine's sound output: the technician's test of the TV's sound.
        std::unique_ptr<AudioOutput> output = make_sound_card_output();
        const std::atomic<bool> never{false};
        const bool silent = dynamic_cast<SilentOutput*>(output.get()) != nullptr;
        if (silent || !output->play(*sound, never)) {
            std::cerr << i18n::both("display.no_sound") << "\n";
            return 1;
        }
        std::cerr << i18n::both("display.spoke") << "\n";
        return 0;
    }
    Status written = write_wav(*sound, *options.wav);
    if (!written) return print_error(written.error());
    const PcmStats stats = measure(*sound);
    std::cerr << i18n::both("display.wrote_wav") << ": " << options.wav->string() << " (" << stats.seconds << " s, "
              << sound->sample_rate << " Hz, RMS " << stats.rms << ")\n";
    return 0;
}

Result<DisplaySetup> load_setup(const DisplayOptions& options) {
    DisplaySetup setup;
    const std::filesystem::path file = options.config ? *options.config : example_config();
    if (!options.config) log::info("display", "no --config: showing the example hall " + file.string());
    Result<HallConfig> config = load_hall_config(file, &setup.catalog);
    if (!config) return config.error();
    setup.config = std::move(*config);
    Result<BoardConfig> board = board_config(setup.config, setup.catalog, options.zone);
    if (!board) return board.error();
    setup.board = std::move(*board);
    setup.lang = options.lang ? *options.lang
                 : !setup.config.languages.empty() && setup.config.languages.front() == "en" ? i18n::Lang::en
                                                                                            : i18n::Lang::id;
    setup.voice = VoiceSettings{setup.config.display.volume, setup.config.display.mute};
    if (options.keys) {
        Result<ClientKeys> keys = load_client_keys(*options.keys);
        if (keys) {
            ClientOptions client;
            client.host = setup.config.server.server_host;
            client.port = setup.config.server.request_port;
            client.keys = std::move(*keys);
            setup.client = std::move(client);
        } else {
            log::error("display", "cannot read the keys in " + options.keys->string() + ": " + keys.error().message);
            std::cerr << i18n::both("display.error_keys") << "\n";
        }
    }
    return setup;
}

std::unique_ptr<HallLink> connect_board(const DisplaySetup& setup, BoardModel& model, std::function<void()> wake) {
    if (!setup.client) return nullptr;
    auto link = std::make_unique<HallLink>(*setup.client);
    start_board_feed(*link, model, std::move(wake));
    log::info("display", "connecting to " + setup.client->host + ":" + std::to_string(setup.client->port) + " as " +
                             setup.client->keys.name);
    return link;
}

bool prepare_screenshot(BoardModel& model, HallLink* link, const DisplaySetup& setup) {
    if (link) {
        for (int waited = 0; waited < kScreenshotWaitMs; waited += 50) {
            if (link->connected() && model.snapshot().loaded) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        log::warn("display", "the server did not answer: the screenshot shows the built-in sample");
        link->stop();
    }
    load_sample(model, setup.config, setup.catalog, wall_clock_ms());
    return false;
}

std::int64_t wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace hall::display
