// The kiosk's screens rendered headless (the offscreen path of --screenshot): every screen in
// both languages and both text sizes comes out as a full 1080x1920 picture that is not blank;
// the Sekretariat Daerah's Bantuan Hibah requirements (32 items) fit the width and scroll by
// dragging, and a drag never ticks an item while a tap does; a tap on an agency tile opens it;
// and `kiosk --screenshot` works from the command line.
// Set KIOSK_SHOTS=DIR to keep the pictures.
#include <catch2/catch.hpp>

#include <imgui_internal.h>

#include <set>

#include "common/ui/offscreen.hpp"
#include "common/ui/theme.hpp"
#include "kiosk/kiosk_model.hpp"
#include "kiosk/kiosk_view.hpp"
#include "tests/kiosk/kiosk_test_support.hpp"

namespace hall::kiosk::test {

namespace {

using T = Intent::Type;
constexpr std::int64_t kMonday = 20780LL * 86400000 + 2LL * 3600000;
constexpr const char* kHibah = "setda-pasuruan.bantuan-hibah-tempat-ibadah-lembaga";

std::uint32_t rgb_of(ImU32 c) { return ((c & 0xFF) << 16) | (c & 0xFF00) | ((c >> 16) & 0xFF); }

std::set<std::uint32_t> colours_of(const ui::Image& image) {
    std::set<std::uint32_t> colours;
    for (int y = 0; y < image.height; y += 3)
        for (int x = 0; x < image.width; x += 3) colours.insert(image.pixel(x, y));
    return colours;
}

struct Screen1080 {
    const ExampleHall& hall = example_hall();
    FakeBackend backend;
    FakePrinterPort printer;
    KioskModel model;
    KioskView view;
    std::unique_ptr<ui::Offscreen> offscreen;
    std::vector<Intent> seen;

    Screen1080()
        : model(KioskModel::settings_from(example_hall().config), example_hall().config, example_hall().catalog, backend,
                printer) {
        (void)backend.hall.load_snapshot(sample_snapshot(hall.config, hall.catalog, kMonday));
        auto created = ui::Offscreen::create(1080, 1920);
        if (!created) throw std::runtime_error(created.error().message);
        offscreen = std::move(*created);
        Status fonts = view.prepare_fonts(offscreen->fonts());
        if (!fonts) throw std::runtime_error(fonts.error().message);
        model.update(kMonday);
    }
    // Renders frames as the kiosk does: update, draw, apply the intents.
    void frames(int count = 1) {
        for (int i = 0; i < count; ++i) {
            offscreen->render([&](const ui::Frame& frame) {
                model.update(kMonday);
                for (const Intent& intent : view.draw(model, frame)) {
                    seen.push_back(intent);
                    model.apply(intent);
                }
            });
        }
    }
    void apply(Intent intent) { model.apply(intent); }
    int count(T type) const {
        return static_cast<int>(std::count_if(seen.begin(), seen.end(), [&](const Intent& i) { return i.type == type; }));
    }
    ImGuiWindow* child(const char* name) const {
        for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
            if (std::string_view(window->Name).find(name) != std::string_view::npos) return window;
        return nullptr;
    }
    ui::Image picture(const TempDir& temp, const std::string& name) {
        frames(3);
        Result<ui::Image> image = offscreen->capture();
        if (!image) throw std::runtime_error(image.error().message);
        (void)ui::write_png(*image, shot_path(temp, name));
        return *image;
    }
};

}  // namespace

TEST_CASE("every screen renders in both languages and both text sizes", "[kiosk][view]") {
    TempDir temp;
    Screen1080 s;
    s.backend.set_status("setda-pasuruan.konsultasi", "quota_reached", "08:00-15:00");
    for (const char* lang : {"id", "en"}) {
        for (TextSize size : {TextSize::normal, TextSize::large}) {
            const std::string suffix = std::string("_") + lang + (size == TextSize::large ? "_large" : "") + ".png";
            auto reset = [&] {
                s.apply(Intent{T::home, {}, -1});
                s.apply(Intent{T::set_language, lang, -1});
                if (s.model.text_size() != size) s.apply(Intent{T::toggle_text_size, {}, -1});
            };
            auto check = [&](const std::string& name, Screen expected) {
                CAPTURE(name);
                REQUIRE(s.model.screen() == expected);
                const ui::Image image = s.picture(temp, name + suffix);
                CHECK(image.width == 1080);
                CHECK(image.height == 1920);
                const std::set<std::uint32_t> colours = colours_of(image);
                CHECK(colours.size() > 8);  // text, buttons and panels, not a blank screen
                CHECK(colours.count(rgb_of(ui::colors::background)) == 1);
                CHECK(colours.count(rgb_of(ui::colors::text)) == 1);
                return colours;
            };
            reset();
            CHECK(check("welcome", Screen::welcome).count(rgb_of(ui::colors::accent)) == 1);
            s.apply(Intent{T::open_agency, "setda-pasuruan", -1});
            check("agency", Screen::agency);
            s.apply(Intent{T::open_keyboard, {}, -1});
            s.apply(Intent{T::type_text, "HUKUM", -1});
            check("agency_search", Screen::agency);
            s.apply(Intent{T::open_service, kHibah, -1});
            CHECK(check("service", Screen::service).count(rgb_of(ui::colors::success)) == 1);  // the big green button
            s.apply(Intent{T::back, {}, -1});
            s.apply(Intent{T::open_service, "setda-pasuruan.konsultasi", -1});
            CHECK(check("service_quota", Screen::service).count(rgb_of(ui::colors::danger)) == 1);  // the reason
            s.apply(Intent{T::back, {}, -1});
            s.apply(Intent{T::open_service, kHibah, -1});
            s.apply(Intent{T::take_number, {}, -1});
            check("priority", Screen::priority);
            s.model.show_ticket(sample_ticket("http://192.168.1.10:8080", kMonday), PrintState::printed);
            check("ticket", Screen::ticket);
            s.model.show_ticket(sample_ticket("http://192.168.1.10:8080", kMonday), PrintState::failed);
            check("ticket_unprinted", Screen::ticket);
            reset();
            s.apply(Intent{T::open_agency, "setda-pasuruan", -1});
            s.apply(Intent{T::open_service, kHibah, -1});
            s.model.show_problem(Problem{"paper_out", "", true, kHibah});
            check("error", Screen::error);
        }
    }
}

TEST_CASE("the Bantuan Hibah requirements fit the width and scroll by dragging", "[kiosk][view]") {
    Screen1080 s;
    s.apply(Intent{T::open_agency, "setda-pasuruan", -1});
    s.apply(Intent{T::open_service, kHibah, -1});
    REQUIRE(s.model.requirements().size() == 32);
    s.frames(3);
    ImGuiWindow* list = s.child("components");
    REQUIRE(list);
    CHECK(list->Scroll.y == 0.0f);
    CHECK(list->ScrollMax.x == 0.0f);       // nothing sticks out sideways
    CHECK(list->ScrollMax.y > 3000.0f);     // 32 items and five more sections: it scrolls
    const ImVec2 middle(list->Pos.x + list->Size.x * 0.5f, list->Pos.y + list->Size.y * 0.8f);

    // A finger drags the list up by 700 px.
    s.offscreen->set_pointer(middle.x, middle.y, true);
    s.frames(1);
    for (int step = 1; step <= 14; ++step) {
        s.offscreen->set_pointer(middle.x, middle.y - 50.0f * static_cast<float>(step), true);
        s.frames(1);
    }
    s.offscreen->set_pointer(middle.x, middle.y - 700.0f, false);
    s.frames(2);
    list = s.child("components");
    REQUIRE(list);
    CHECK(list->Scroll.y > 600.0f);
    CHECK(s.count(T::toggle_requirement) == 0);  // a drag is not a tap
    CHECK(s.model.checked_count() == 0);

    // A tap (down and up in place) ticks the item under the finger.
    s.offscreen->set_pointer(middle.x, middle.y - 200.0f, true);
    s.frames(1);
    s.offscreen->set_pointer(middle.x, middle.y - 200.0f, false);
    s.frames(2);
    CHECK(s.count(T::toggle_requirement) == 1);
    CHECK(s.model.checked_count() == 1);

    // Dragged all the way down, the last section is reached.
    for (int drag = 0; drag < 12; ++drag) {
        s.offscreen->set_pointer(middle.x, middle.y, true);
        s.frames(1);
        for (int step = 1; step <= 8; ++step) {
            s.offscreen->set_pointer(middle.x, middle.y - 100.0f * static_cast<float>(step), true);
            s.frames(1);
        }
        s.offscreen->set_pointer(middle.x, middle.y - 800.0f, false);
        s.frames(1);
    }
    s.frames(2);
    list = s.child("components");
    REQUIRE(list);
    CHECK(list->Scroll.y == Approx(list->ScrollMax.y));
}

TEST_CASE("a tap on an agency tile opens it, a tap on the green button goes on", "[kiosk][view]") {
    Screen1080 s;
    s.frames(3);
    ImGuiWindow* tiles = s.child("agencies");
    REQUIRE(tiles);
    const ImVec2 first(tiles->Pos.x + 300.0f, tiles->Pos.y + 60.0f);
    s.offscreen->set_pointer(first.x, first.y, true);
    s.frames(1);
    s.offscreen->set_pointer(first.x, first.y, false);
    s.frames(2);
    CHECK(s.model.screen() == Screen::agency);
    REQUIRE(s.model.current_agency());
    CHECK(s.model.current_agency()->id == "disperindag-pasuruan");

    s.apply(Intent{T::open_service, "disperindag-pasuruan.surat-keterangan-asal", -1});
    s.frames(3);
    // The take button sits at the bottom of the screen, always in the same place.
    s.offscreen->set_pointer(540.0f, 1920.0f - 100.0f, true);
    s.frames(1);
    s.offscreen->set_pointer(540.0f, 1920.0f - 100.0f, false);
    s.frames(2);
    CHECK(s.model.screen() == Screen::priority);
}

TEST_CASE("the QR code on the ticket screen scans to the ticket's link", "[kiosk][view]") {
    TempDir temp;
    Screen1080 s;
    const IssuedTicket ticket = sample_ticket("http://192.168.1.10:8080", kMonday);
    for (PrintState state : {PrintState::printed, PrintState::failed}) {
        s.model.show_ticket(ticket, state);
        const std::string name = state == PrintState::failed ? "ticket_qr_failed.png" : "ticket_qr.png";
        (void)s.picture(temp, name);
        CHECK(zbar_decode(shot_path(temp, name)) == ticket.url);
    }
}

TEST_CASE("without a server the screens say so in red, and the service has no button", "[kiosk][view]") {
    TempDir temp;
    Screen1080 s;
    s.backend.is_connected = false;
    s.backend.hall = HallState{};
    ++s.backend.changes;
    s.model.update(kMonday);
    CHECK(colours_of(s.picture(temp, "offline_welcome_id.png")).count(rgb_of(ui::colors::danger)) == 1);
    s.apply(Intent{T::open_agency, "disperindag-pasuruan", -1});
    s.apply(Intent{T::open_service, "disperindag-pasuruan.surat-keterangan-asal", -1});
    const std::set<std::uint32_t> colours = colours_of(s.picture(temp, "offline_service_id.png"));
    CHECK(colours.count(rgb_of(ui::colors::danger)) == 1);
    CHECK(colours.count(rgb_of(ui::colors::success)) == 0);  // no "Ambil Nomor Antrian"
}

TEST_CASE("the idle countdown covers the screen", "[kiosk][view]") {
    TempDir temp;
    Screen1080 s;
    s.apply(Intent{T::open_agency, "setda-pasuruan", -1});
    s.model.update(kMonday + s.model.settings().idle_seconds * 1000LL + 2000);
    // The frames below update the model at kMonday again: keep the countdown by updating later.
    s.offscreen->render([&](const ui::Frame& frame) {
        s.model.update(kMonday + s.model.settings().idle_seconds * 1000LL + 2000);
        s.view.draw(s.model, frame);
    });
    REQUIRE(s.model.idle_countdown());
    s.offscreen->render([&](const ui::Frame& frame) { s.view.draw(s.model, frame); });
    Result<ui::Image> image = s.offscreen->capture();
    REQUIRE(image);
    (void)ui::write_png(*image, shot_path(temp, "idle_id.png"));
    CHECK(colours_of(*image).count(rgb_of(ui::colors::success)) == 1);  // "Ya, saya masih di sini"
}

TEST_CASE("kiosk --screenshot renders every screen from the sample hall", "[kiosk][view][cli]") {
    TempDir temp;
    for (const char* screen : {"welcome", "agency", "service", "priority", "ticket", "error"}) {
        for (const char* lang : {"id", "en"}) {
            CAPTURE(screen, lang);
            const fs::path file = shot_path(temp, std::string("cli_") + screen + "_" + lang + ".png");
            const std::string command = std::string(HALL_BIN_DIR) + "/kiosk --screenshot '" + file.string() +
                                        "' --screen " + screen + " --lang " + lang + " 2>/dev/null";
            REQUIRE(std::system(command.c_str()) == 0);
            Result<ui::Image> image = ui::read_png(file);
            REQUIRE(image);
            CHECK(image->width == 1080);
            CHECK(image->height == 1920);
            CHECK(colours_of(*image).size() > 8);
        }
    }
    const std::string bad = std::string(HALL_BIN_DIR) + "/kiosk --screenshot x.png --screen nowhere 2>/dev/null";
    CHECK(std::system(bad.c_str()) != 0);
}

}  // namespace hall::kiosk::test
