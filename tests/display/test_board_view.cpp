// The board's view rendered headless (software surface, no X server) for every state a TV
// shows, in both languages and at two screen sizes: each picture has the screen's size, is not
// blank, and shows the colours of what it must show (the highlighted call, the red banner).
// Set HALL_DISPLAY_SHOTS=DIR to keep the pictures in DIR for a person to look at.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <string>

#include "common/hall_config.hpp"
#include "common/ui/offscreen.hpp"
#include "common/ui/png_image.hpp"
#include "common/ui/theme.hpp"
#include "display/board_model.hpp"
#include "display/board_view.hpp"
#include "display/display_strings.hpp"
#include "display/sample_board.hpp"

using namespace hall::display;
namespace fs = std::filesystem;
namespace ui = hall::ui;
using hall::i18n::Lang;
using hall::json;

namespace {

// 2026-11-23 09:41:30 WIB.
constexpr std::int64_t kNow = (20780LL * 86400 + 2 * 3600 + 41 * 60 + 30) * 1000;

fs::path shot_dir() {
    if (const char* dir = std::getenv("HALL_DISPLAY_SHOTS"); dir && *dir) {
        fs::create_directories(dir);
        return dir;
    }
    // One folder per test process, removed when the process ends.
    struct TempDir {
        fs::path path;
        TempDir() {
            std::random_device rd;
            path = fs::temp_directory_path() / ("hall_display_shots_" + std::to_string(rd()) + std::to_string(rd()));
            fs::create_directories(path);
        }
        ~TempDir() {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    };
    static const TempDir temp;
    return temp.path;
}

constexpr std::uint32_t rgb_of(ImU32 colour) {
    return ((colour & 0xFFu) << 16) | (colour & 0xFF00u) | ((colour >> 16) & 0xFFu);
}

// Renders `board` and returns the picture's colours (every other pixel).
std::set<std::uint32_t> render(const BoardSnapshot& board, Lang lang, int width, int height, const std::string& name) {
    const fs::path file = shot_dir() / name;
    auto offscreen = ui::Offscreen::create(width, height);
    REQUIRE(offscreen);
    CHECK((*offscreen)->fonts().giant->FontSize >= height / 4.0f);  // the call number: a quarter of the screen
    REQUIRE((*offscreen)->screenshot([&](const ui::Frame& frame) { draw_board(board, {lang, kNow}, frame); }, file));
    auto image = ui::read_png(file);
    REQUIRE(image);
    CHECK(image->width == width);
    CHECK(image->height == height);
    std::set<std::uint32_t> colours;
    for (int y = 0; y < image->height; y += 2)
        for (int x = 0; x < image->width; x += 2) colours.insert(image->pixel(x, y));
    CHECK(colours.size() > 8);  // not blank
    return colours;
}

struct ExampleHall {
    hall::HallConfig config;
    hall::Catalog catalog;
};

const ExampleHall& example_hall() {
    static const ExampleHall hall = [] {
        ExampleHall h;
        auto config = hall::load_hall_config(fs::path(HALL_SOURCE_DIR) / "assets/hall.example.toml", &h.catalog);
        if (!config) throw std::runtime_error(config.error().message);
        h.config = *config;
        return h;
    }();
    return hall;
}

BoardSnapshot sample_board(const std::string& zone, std::int64_t* clock = nullptr) {
    const ExampleHall& hall = example_hall();
    static std::int64_t fixed = 0;
    BoardModel model(*board_config(hall.config, hall.catalog, zone), [clock] { return clock ? *clock : fixed; });
    load_sample(model, hall.config, hall.catalog, kNow);
    return model.snapshot();
}

}  // namespace

TEST_CASE("the board renders a busy hall in both languages and sizes", "[display][view]") {
    register_display_strings();
    for (Lang lang : {Lang::id, Lang::en}) {
        const std::string suffix = lang == Lang::id ? "id" : "en";
        for (const std::string zone : {"", "zona-a", "zona-b"}) {
            CAPTURE(suffix, zone);
            BoardSnapshot board = sample_board(zone);
            REQUIRE(board.latest_is_new);
            const std::string name = "board_" + (zone.empty() ? std::string("all") : zone) + "_" + suffix;
            auto colours = render(board, lang, 1920, 1080, name + "_1920x1080.png");
            CHECK(colours.count(rgb_of(ui::colors::accent)));   // the highlighted call, the header
            CHECK(colours.count(rgb_of(ui::colors::warning)));  // its frame, a counter on a break
            CHECK(colours.count(rgb_of(ui::colors::text)));     // the running text's strip
            CHECK_FALSE(colours.count(rgb_of(ui::colors::danger)));  // connected: no banner
        }
        render(sample_board("zona-a"), lang, 1280, 720, "board_zona-a_" + suffix + "_1280x720.png");
    }
}

TEST_CASE("the board renders a call that is no longer new, without the highlight", "[display][view]") {
    register_display_strings();
    std::int64_t clock = 0;
    const ExampleHall& hall = example_hall();
    BoardModel model(*board_config(hall.config, hall.catalog, "zona-a"), [&clock] { return clock; });
    load_sample(model, hall.config, hall.catalog, kNow);
    clock += 60000;
    BoardSnapshot board = model.snapshot();
    REQUIRE(board.latest);
    REQUIRE_FALSE(board.latest_is_new);
    render(board, Lang::id, 1920, 1080, "board_zona-a_settled_id_1920x1080.png");
}

TEST_CASE("the board keeps its last state under the red banner when the server is lost", "[display][view]") {
    register_display_strings();
    std::int64_t clock = 0;
    const ExampleHall& hall = example_hall();
    BoardModel model(*board_config(hall.config, hall.catalog, "zona-a"), [&clock] { return clock; });
    load_sample(model, hall.config, hall.catalog, kNow);
    clock += 30000;
    model.set_connected(false);
    clock += 125000;
    for (Lang lang : {Lang::id, Lang::en}) {
        BoardSnapshot board = model.snapshot();
        REQUIRE_FALSE(board.connected);
        REQUIRE(board.latest);
        auto colours = render(board, lang, 1920, 1080,
                              std::string("board_offline_") + (lang == Lang::id ? "id" : "en") + "_1920x1080.png");
        CHECK(colours.count(rgb_of(ui::colors::danger)));
    }
}

TEST_CASE("a board that has never reached the server says so and waits", "[display][view]") {
    register_display_strings();
    std::int64_t clock = 0;
    const ExampleHall& hall = example_hall();
    BoardModel model(*board_config(hall.config, hall.catalog, ""), [&clock] { return clock; });
    clock += 7000;
    for (Lang lang : {Lang::id, Lang::en}) {
        auto colours = render(model.snapshot(), lang, 1920, 1080,
                              std::string("board_never_connected_") + (lang == Lang::id ? "id" : "en") + "_1920x1080.png");
        CHECK(colours.count(rgb_of(ui::colors::danger)));
    }
}

TEST_CASE("a quiet morning: connected, nobody called yet", "[display][view]") {
    register_display_strings();
    const ExampleHall& hall = example_hall();
    BoardModel model(*board_config(hall.config, hall.catalog, "zona-b"));
    SampleHall sample = sample_hall(hall.config, hall.catalog, kNow);
    json snapshot = sample.snapshot;
    snapshot["tickets"] = json::array();
    for (json& counter : snapshot["counters"]) counter["ticket"] = nullptr;
    REQUIRE(model.load_snapshot(snapshot));
    model.set_connected(true);
    for (Lang lang : {Lang::id, Lang::en}) {
        BoardSnapshot board = model.snapshot();
        REQUIRE_FALSE(board.latest);
        render(board, lang, 1920, 1080, std::string("board_no_calls_") + (lang == Lang::id ? "id" : "en") + "_1920x1080.png");
    }
}

TEST_CASE("the board asks to be redrawn only as often as what it shows by the clock changes", "[display][view]") {
    register_display_strings();
    auto offscreen = ui::Offscreen::create(1920, 1080);
    REQUIRE(offscreen);
    auto period = [&](const BoardSnapshot& board) {
        int ms = 0;
        const fs::path file = shot_dir() / "board_period.png";
        REQUIRE((*offscreen)->screenshot([&](const ui::Frame& frame) { ms = draw_board(board, {Lang::id, kNow}, frame); },
                                         file));
        return ms;
    };

    // A quiet hall: connected, no new call, a short running text, two services waiting.
    BoardSnapshot quiet;
    quiet.hall_name = "Mal Pelayanan Publik";
    quiet.date = "2026-11-23";
    quiet.loaded = true;
    quiet.connected = true;
    quiet.counters.push_back({"loket-1", "Loket 1", "open", "", "", ""});
    quiet.waiting.push_back({"s1", "A", "Layanan Satu", 3});
    quiet.waiting.push_back({"s2", "B", "Layanan Dua", 1});
    quiet.waiting_total = 4;
    quiet.ticker.push_back({TickerKind::message, "", "Selamat datang."});
    CHECK(period(quiet) == kClockTickMs);

    // A running text longer than one line turns its lines every kTickerPageSeconds.
    BoardSnapshot long_text = quiet;
    std::string text;
    for (int i = 0; i < 30; ++i) text += "Siapkan berkas persyaratan sebelum dipanggil. ";
    long_text.ticker = {{TickerKind::message, "", text}};
    CHECK(period(long_text) == kTickerPageSeconds * 1000);

    // More services waiting than fit on one page: the pages turn every kWaitingPageSeconds.
    BoardSnapshot many = quiet;
    for (int i = 0; i < 12; ++i)
        many.waiting.push_back({"x" + std::to_string(i), "C", "Layanan " + std::to_string(i), 1});
    CHECK(period(many) == kBoardTickMs);

    // A new call's highlight ends by the clock, and so does the banner's age.
    BoardSnapshot called = quiet;
    called.latest = BoardCall{1, "A-001", "Layanan Satu", "loket-1", "Loket 1", "called", false, kNow, 0};
    called.latest_is_new = true;
    CHECK(period(called) == kBoardTickMs);
    called.latest_is_new = false;
    CHECK(period(called) == kClockTickMs);

    BoardSnapshot offline = quiet;
    offline.connected = false;
    offline.offline_ms = 15000;
    CHECK(period(offline) == kBoardTickMs);
}
