// The desk's screens drawn headless (SDL's software renderer into memory, no X server): every
// screen in both languages from the built-in sample, at the counter's 1366x768 and at full HD;
// the red banner only when the server is unreachable; a function key and a click on a button
// reach the model as the officer's intent.
// Set HALL_UI_SHOTS=DIR to keep the PNGs in DIR for a person to look at.
#include <catch2/catch.hpp>

#include <SDL_scancode.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>

#include "common/ui/offscreen.hpp"
#include "common/ui/png_image.hpp"
#include "common/ui/theme.hpp"
#include "counter_client/counter_app.hpp"
#include "counter_client/counter_text.hpp"
#include "counter_client/counter_view.hpp"
#include "counter_client/sample_hall.hpp"

namespace fs = std::filesystem;
namespace ui = hall::ui;
using hall::counter::CounterApp;
using hall::counter::CounterView;
using hall::counter::Intent;
using hall::counter::IntentKind;
using hall::counter::Scene;

namespace {

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = fs::temp_directory_path() / ("counter_view_test_" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    fs::path shot(const std::string& name) const {
        if (const char* dir = std::getenv("HALL_UI_SHOTS"); dir && *dir) {
            fs::create_directories(dir);
            return fs::path(dir) / name;
        }
        return m_path / name;
    }

private:
    fs::path m_path;
};

constexpr std::uint32_t rgb_of(ImU32 colour) {
    return ((colour & 0xFFu) << 16) | (colour & 0xFF00u) | ((colour >> 16) & 0xFFu);
}

// The desk of the sample in `scene`, drawn by `view`.
struct SampleDesk {
    CounterView view;
    std::unique_ptr<CounterApp> app;
    std::vector<Intent> intents;
    SampleDesk(Scene scene, hall::i18n::Lang lang) {
        hall::counter::register_counter_strings();
        hall::counter::CounterArgs args;
        args.lang = lang;
        auto made = hall::counter::make_screenshot_app(args, scene, view);
        REQUIRE(made);
        app = std::move(*made);
    }
    ui::DrawFn draw() {
        return [this](const ui::Frame& frame) {
            for (Intent& i : view.draw(app->model(), frame)) intents.push_back(std::move(i));
        };
    }
};

int count_of(const ui::Image& image, std::uint32_t colour, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) n += image.pixel(x, y) == colour;
    return n;
}

// The middle of the first solid block of `colour` at least 12 pixels high across x 300..340,
// right of the action buttons' labels (a button's fill, not a 2-pixel border); -1 when none.
int solid_block(const ui::Image& image, std::uint32_t colour) {
    for (int y = 150; y + 12 < image.height; ++y)
        if (count_of(image, colour, 300, y, 340, y + 12) == 40 * 12) return y + 6;
    return -1;
}

// A mouse click (down in one frame, up in the next) at x, y.
void click(ui::Offscreen& screen, SampleDesk& desk, int x, int y) {
    screen.set_pointer(static_cast<float>(x), static_cast<float>(y), true);
    screen.render(desk.draw());
    screen.set_pointer(static_cast<float>(x), static_cast<float>(y), false);
    screen.render(desk.draw());
}

}  // namespace

TEST_CASE("every screen draws in both languages, full-sized and not blank", "[counter][view]") {
    TempDir temp;
    for (Scene scene : {Scene::login, Scene::main, Scene::transfer, Scene::paused, Scene::disconnected}) {
        for (auto lang : {hall::i18n::Lang::id, hall::i18n::Lang::en}) {
            const std::string name = "counter-" + std::string(hall::counter::scene_name(scene)) + "-" +
                                     (lang == hall::i18n::Lang::id ? "id" : "en") + ".png";
            INFO(name);
            SampleDesk desk(scene, lang);
            auto offscreen = ui::Offscreen::create(1366, 768);
            REQUIRE(offscreen);
            const fs::path file = temp.shot(name);
            REQUIRE((*offscreen)->screenshot(desk.draw(), file));
            auto image = ui::read_png(file);
            REQUIRE(image);
            CHECK(image->width == 1366);
            CHECK(image->height == 768);
            std::set<std::uint32_t> colours;
            for (int y = 0; y < image->height; y += 3)
                for (int x = 0; x < image->width; x += 3) colours.insert(image->pixel(x, y));
            CHECK(colours.size() > 20);
            // The red banner (and the red "disconnected" mark) only when the server is unreachable;
            // the main desk has no red at all (no-show is off while the visitor is served).
            const int red = count_of(*image, rgb_of(ui::colors::danger), 0, 80, 1366, 170);
            if (scene == Scene::disconnected) CHECK(red > 20000);
            if (scene == Scene::main || scene == Scene::login) CHECK(red == 0);
            CHECK(desk.intents.empty());  // drawing alone asks for nothing
        }
    }
}

TEST_CASE("the desk also draws on a full HD screen", "[counter][view]") {
    TempDir temp;
    SampleDesk desk(Scene::main, hall::i18n::Lang::id);
    auto offscreen = ui::Offscreen::create(1920, 1080);
    REQUIRE(offscreen);
    const fs::path file = temp.shot("counter-main-1920.png");
    REQUIRE((*offscreen)->screenshot(desk.draw(), file));
    auto image = ui::read_png(file);
    REQUIRE(image);
    CHECK(image->width == 1920);
    CHECK(image->height == 1080);
}

TEST_CASE("a function key and a click on a button reach the model as intents", "[counter][view]") {
    SampleDesk desk(Scene::main, hall::i18n::Lang::id);
    auto created = ui::Offscreen::create(1366, 768);
    REQUIRE(created);
    ui::Offscreen& screen = **created;
    for (int i = 0; i < 3; ++i) screen.render(desk.draw());

    SECTION("F4 (Selesai)") {
        ImGui::GetIO().KeysDown[SDL_SCANCODE_F4] = true;
        screen.render(desk.draw());
        ImGui::GetIO().KeysDown[SDL_SCANCODE_F4] = false;
        screen.render(desk.draw());
        REQUIRE(desk.intents.size() == 1);
        CHECK(desk.intents[0].kind == IntentKind::function_key);
        CHECK(desk.intents[0].number == 4);
        desk.app->model().apply(desk.intents[0]);
        // The sample has no server behind it: the model sent "finish", and the answer that comes
        // back is "unreachable", which leaves the action unconfirmed, to retry.
        desk.app->pump(hall::counter::sample_now(Scene::main));
        CHECK(desk.app->model().has_unconfirmed());
        CHECK(desk.app->model().unconfirmed_label_key() == "desk.action.finish");
    }
    SECTION("a click on the green Selesai button") {
        auto image = screen.capture();
        REQUIRE(image);
        // The enabled "Selesai" button is the one bar of solid green in the left column.
        const int y_found = solid_block(*image, rgb_of(ui::colors::success));
        REQUIRE(y_found > 0);
        click(screen, desk, 320, y_found);
        REQUIRE(desk.intents.size() == 1);
        CHECK(desk.intents[0].kind == IntentKind::action);
        CHECK(desk.intents[0].action == hall::counter::Action::finish);
    }
    SECTION("a click on a grey (disabled) button asks for nothing") {
        // Panggil Berikutnya and Panggil Ulang are off while a visitor is served.
        auto image = screen.capture();
        REQUIRE(image);
        const int y_found = solid_block(*image, rgb_of(ui::colors::disabled));
        REQUIRE(y_found > 0);
        click(screen, desk, 320, y_found);
        CHECK(desk.intents.empty());
    }
}

TEST_CASE("keys do nothing on the login screen and while a dialog is open", "[counter][view]") {
    for (Scene scene : {Scene::login, Scene::transfer}) {
        SampleDesk desk(scene, hall::i18n::Lang::en);
        auto created = ui::Offscreen::create(1366, 768);
        REQUIRE(created);
        ui::Offscreen& screen = **created;
        for (int i = 0; i < 3; ++i) screen.render(desk.draw());
        ImGui::GetIO().KeysDown[SDL_SCANCODE_F1] = true;
        screen.render(desk.draw());
        ImGui::GetIO().KeysDown[SDL_SCANCODE_F1] = false;
        screen.render(desk.draw());
        for (const Intent& i : desk.intents) CHECK(i.kind != IntentKind::function_key);
    }
}

TEST_CASE("a scanned ticket shows in a card above the queue, with its call button", "[counter][view]") {
    TempDir temp;
    for (auto lang : {hall::i18n::Lang::id, hall::i18n::Lang::en}) {
        SampleDesk desk(Scene::main, lang);
        desk.app->model().scan("s-7");
        REQUIRE(desk.app->model().selected_ticket());
        auto offscreen = ui::Offscreen::create(1366, 768);
        REQUIRE(offscreen);
        const fs::path file = temp.shot(std::string("counter-main-selected-") + (lang == hall::i18n::Lang::id ? "id" : "en") + ".png");
        REQUIRE((*offscreen)->screenshot(desk.draw(), file));
        auto image = ui::read_png(file);
        REQUIRE(image);
        // The card is light blue, in the queue column.
        CHECK(count_of(*image, rgb_of(ui::colors::accent_light), 990, 240, 1330, 400) > 5000);
    }
}

TEST_CASE("the desk between visitors, and the pause dialog", "[counter][view]") {
    TempDir temp;
    for (auto lang : {hall::i18n::Lang::id, hall::i18n::Lang::en}) {
        const std::string suffix = lang == hall::i18n::Lang::id ? "id" : "en";
        SampleDesk desk(Scene::main, lang);
        auto& model = desk.app->model();
        // The SKA visitor is done: no one at the desk.
        hall::json snapshot = hall::counter::sample_snapshot(model.config(), desk.app->catalog(), Scene::main);
        for (hall::json& c : snapshot["counters"])
            if (c["id"] == "loket-1") c["ticket"] = nullptr;
        for (hall::json& t : snapshot["tickets"])
            if (t["state"] == "serving" && t["counter"] == "loket-1") {
                t["state"] = "done";
                t["finished_at"] = hall::counter::sample_now(Scene::main);
            }
        snapshot["seq"] = 413;
        hall::HallState state;
        REQUIRE(state.load_snapshot(snapshot));
        model.update(state, true);
        REQUIRE_FALSE(model.current_ticket());
        CHECK(model.availability(hall::counter::Action::call_next).allowed);

        auto offscreen = ui::Offscreen::create(1366, 768);
        REQUIRE(offscreen);
        REQUIRE((*offscreen)->screenshot(desk.draw(), temp.shot("counter-idle-" + suffix + ".png")));
        model.open_pause();
        REQUIRE(model.dialog() == hall::counter::Dialog::pause);
        const fs::path file = temp.shot("counter-pause-dialog-" + suffix + ".png");
        REQUIRE((*offscreen)->screenshot(desk.draw(), file));
        auto image = ui::read_png(file);
        REQUIRE(image);
        CHECK(image->width == 1366);
        CHECK(desk.intents.empty());
    }
}
