// Tests of the UI foundation, all without an X server: the font finder, an ImGui context with
// no window, the software-surface renderer writing and reading PNGs, the big button under a
// simulated finger, the text helpers, the shell's flags, its headless --screenshot mode, and
// its frame loop on SDL's dummy video driver (idle means no frames; wake() means two).
// Set HALL_UI_SHOTS=DIR to keep the sample screens as PNGs in DIR for a person to look at.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "common/format.hpp"
#include "common/ui/fonts.hpp"
#include "common/ui/imgui_session.hpp"
#include "common/ui/offscreen.hpp"
#include "common/ui/png_image.hpp"
#include "common/ui/shell.hpp"
#include "common/ui/text.hpp"
#include "common/ui/theme.hpp"

namespace fs = std::filesystem;
namespace ui = hall::ui;
using hall::i18n::Lang;

namespace {

// A fresh directory under the system's temporary folder, removed at the end of the test.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = fs::temp_directory_path() / ("hall_ui_test_" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

// Where a sample screen goes: HALL_UI_SHOTS if set, else the test's temporary folder.
fs::path shot_path(const TempDir& temp, const std::string& name) {
    if (const char* dir = std::getenv("HALL_UI_SHOTS"); dir && *dir) {
        fs::create_directories(dir);
        return fs::path(dir) / name;
    }
    return temp.path() / name;
}

// Options for a small window for the window-path tests. They run on SDL's dummy video driver
// (a real window and loop, no X server) unless HALL_UI_TEST_VIDEODRIVER names another, e.g.
// x11 under xvfb-run.
ui::ShellOptions test_window(const char* title, int width, int height, std::chrono::milliseconds tick) {
    const char* wanted = std::getenv("HALL_UI_TEST_VIDEODRIVER");
    setenv("SDL_VIDEODRIVER", wanted && *wanted ? wanted : "dummy", 1);
    ui::ShellOptions options;
    options.title = title;
    options.width = width;
    options.height = height;
    options.display = ui::DisplayMode::windowed;
    options.tick = tick;
    return options;
}

std::set<std::uint32_t> colours_of(const ui::Image& image) {
    std::set<std::uint32_t> colours;
    for (int y = 0; y < image.height; y += 2) {
        for (int x = 0; x < image.width; x += 2) colours.insert(image.pixel(x, y));
    }
    return colours;
}

constexpr std::uint32_t rgb_of(ImU32 colour) {
    // IM_COL32 packs A,B,G,R from the top byte down.
    return ((colour & 0xFFu) << 16) | (colour & 0xFF00u) | ((colour >> 16) & 0xFFu);
}

// A kiosk screen in Bahasa Indonesia: title, body text, a list, a giant number, two buttons.
void sample_kiosk_screen(const ui::Frame& frame) {
    const float width = ImGui::GetContentRegionAvail().x;
    ui::text_centered("Mal Pelayanan Publik", frame.fonts.huge);
    ui::text_centered("Kabupaten Pasuruan", frame.fonts.large, 0.0f, ui::colors::text_muted);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ui::text_wrapped("Surat Keterangan Asal Barang (SKA)", frame.fonts.large, width, ui::colors::accent);
    ui::text_wrapped(
        "Layanan ini diberikan kepada pelaku usaha yang akan mengekspor barang. Silakan siapkan berkas "
        "di bawah ini sebelum nomor antrian Anda dipanggil ke loket.",
        frame.fonts.body, width);
    ImGui::Spacing();
    ui::text_wrapped("Persyaratan", frame.fonts.bold);
    ui::text_wrapped("\u2022 Fotokopi KTP-el pemohon yang masih berlaku", frame.fonts.body);
    ui::text_wrapped("\u2022 Surat pengantar dari kelurahan/desa", frame.fonts.body);
    ui::text_wrapped("\u2022 Pas foto berwarna 3\u00d74 (2 lembar) \u2013 latar merah", frame.fonts.body);
    ui::text_wrapped("\u2713 Berkas lengkap \u2192 langsung diproses  \u260e 0343-123456", frame.fonts.body,
                     0.0f, ui::colors::success);
    ImGui::Spacing();
    hall::Duration duration{1, std::nullopt, hall::DurationUnit::working_day, "1 (satu) hari kerja"};
    hall::Fee fee{0, "Tidak dipungut biaya (Gratis)"};
    ui::text_wrapped("Jangka waktu: " + hall::format::duration(duration, Lang::id) +
                         "   \u2022   Biaya: " + hall::format::fee(fee, Lang::id) +
                         "   \u2022   Denda: " + hall::format::rupiah(25000),
                     frame.fonts.body);
    ImGui::Spacing();
    ui::text_centered("Nomor antrian Anda", frame.fonts.large);
    ui::text_centered("A-123", frame.fonts.giant, 0.0f, ui::colors::accent);
    ui::big_button("take", {.label = "Ambil Nomor Antrian",
                            .detail = "Perkiraan tunggu 25 menit \u2022 4 orang di depan Anda"});
    ImGui::Spacing();
    ui::big_button("back", {.label = "\u2190 Kembali", .kind = ui::ButtonKind::secondary, .width = width * 0.5f});
    ImGui::SameLine();
    ui::big_button("closed", {.label = "Kuota habis", .kind = ui::ButtonKind::danger, .enabled = false});
}

}  // namespace

TEST_CASE("the font finder finds a Debian font", "[ui][fonts]") {
    std::optional<ui::FontFiles> files = ui::find_fonts();
    REQUIRE(files);
    CHECK((files->family == "DejaVu Sans" || files->family == "Noto Sans"));
    CHECK(fs::is_regular_file(files->regular));
    CHECK(fs::is_regular_file(files->bold));
    CHECK(files->regular.string().find("/usr/share/fonts/") == 0);

    SECTION("Noto Sans, when preferred, brings symbol fonts for what it lacks") {
        std::optional<ui::FontFiles> noto = ui::find_fonts(ui::default_font_dirs(), ui::FontPreference::noto_first);
        REQUIRE(noto);
        CHECK(noto->family == "Noto Sans");
        CHECK(noto->regular.filename() == "NotoSans-Regular.ttf");
        CHECK_FALSE(noto->symbols.empty());
    }
    SECTION("an empty font folder finds nothing") {
        TempDir temp;
        CHECK_FALSE(ui::find_fonts({temp.path()}));
    }
    SECTION("a file that is not a font is refused with a clear error") {
        TempDir temp;
        fs::path bogus = temp.path() / "DejaVuSans.ttf";
        std::FILE* f = std::fopen(bogus.c_str(), "wb");
        REQUIRE(f);
        std::fputs("not a font", f);
        std::fclose(f);
        ImGuiContext* context = ImGui::CreateContext();
        hall::Result<ui::Fonts> fonts = ui::load_fonts(ui::FontFiles{"DejaVu Sans", bogus, bogus, {}}, ui::FontSizes{});
        CHECK_FALSE(fonts);
        if (!fonts) CHECK(fonts.error().code == "font_unreadable");
        ImGui::DestroyContext(context);
    }
}

TEST_CASE("font sizes follow the screen", "[ui][fonts]") {
    ui::FontSizes kiosk = ui::font_sizes_for(1080, 1920);
    CHECK(kiosk.body == 40);
    CHECK(kiosk.giant == 270);
    CHECK(ui::font_sizes_for(1920, 1080).giant == 270);  // a quarter of the board's height
    CHECK(kiosk.large > kiosk.body);
    CHECK(kiosk.huge > kiosk.large);
    ui::FontSizes counter = ui::font_sizes_for(1366, 768);
    CHECK(counter.body == 28);
    CHECK(ui::font_sizes_for(320, 240).body == 22);
}

TEST_CASE("an ImGui context without a window renders a frame", "[ui][session]") {
    auto session = ui::ImGuiSession::create(800, 600);
    REQUIRE(session);
    const ui::Fonts& fonts = (*session)->fonts();
    REQUIRE(fonts.body);
    REQUIRE(fonts.giant);
    CHECK(fonts.body->FontSize == fonts.sizes.body);
    CHECK(ui::current_fonts() == &fonts);
    // Latin-1 and the catalog's symbols are real glyphs, not the fallback '?'.
    for (ImWchar c : {ImWchar(0x00E9), ImWchar(0x2022), ImWchar(0x2013), ImWchar(0x2713), ImWchar(0x260E)}) {
        CAPTURE(c);
        CHECK(fonts.body->FindGlyphNoFallback(c) != nullptr);
    }
    CHECK(fonts.giant->FindGlyphNoFallback('7') != nullptr);

    bool drawn = false;
    ImDrawData* data = (*session)->build_frame([&](const ui::Frame& frame) {
        CHECK(frame.width == 800);
        CHECK(frame.height == 600);
        ui::text_wrapped("Selamat datang di Mal Pelayanan Publik", frame.fonts.large);
        ui::big_button("ok", {.label = "Ambil Nomor"});
        drawn = true;
    });
    CHECK(drawn);
    REQUIRE(data);
    CHECK(data->Valid);
    CHECK(data->CmdListsCount > 0);
    CHECK(data->TotalVtxCount > 0);
    CHECK(data->DisplaySize.x == 800.0f);
}

TEST_CASE("a view that throws does not escape the frame", "[ui][session]") {
    auto session = ui::ImGuiSession::create(400, 300);
    REQUIRE(session);
    ImDrawData* data = (*session)->build_frame([](const ui::Frame&) {
        ImGui::BeginChild("half-done");
        ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::danger);
        throw std::runtime_error("catalog entry missing");
    });
    CHECK(data != nullptr);
    // The next frame is whole again.
    bool drawn = false;
    data = (*session)->build_frame([&](const ui::Frame&) {
        ImGui::TextUnformatted("ok");
        drawn = true;
    });
    CHECK(drawn);
    CHECK(data->CmdListsCount > 0);
}

TEST_CASE("the software surface renders a screen to a PNG that reads back", "[ui][offscreen]") {
    TempDir temp;
    const fs::path file = shot_path(temp, "offscreen_640x480.png");
    hall::Status written = ui::render_png(640, 480, [](const ui::Frame& frame) {
        ui::text_centered("Loket 3", frame.fonts.huge);
        ui::text_wrapped("Silakan menuju loket yang dipanggil.", frame.fonts.body);
        ui::big_button("next", {.label = "Panggil Berikutnya"});
    }, file);
    REQUIRE(written);

    hall::Result<ui::Image> image = ui::read_png(file);
    REQUIRE(image);
    CHECK(image->width == 640);
    CHECK(image->height == 480);
    std::set<std::uint32_t> colours = colours_of(*image);
    CHECK(colours.size() > 1);
    CHECK(colours.count(rgb_of(ui::colors::background)) == 1);  // the screen
    CHECK(colours.count(rgb_of(ui::colors::accent)) == 1);      // the button
    CHECK(colours.count(rgb_of(ui::colors::text)) == 1);        // solid text pixels
}

TEST_CASE("the software surface is deterministic", "[ui][offscreen]") {
    auto offscreen = ui::Offscreen::create(320, 240);
    REQUIRE(offscreen);
    auto draw = [](const ui::Frame& frame) { ui::text_wrapped("Nomor A-001", frame.fonts.large); };
    (*offscreen)->render(draw);
    (*offscreen)->render(draw);
    hall::Result<ui::Image> first = (*offscreen)->capture();
    (*offscreen)->render(draw);
    hall::Result<ui::Image> second = (*offscreen)->capture();
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->rgb == second->rgb);
}

TEST_CASE("read_png reports a file that is not a PNG", "[ui][png]") {
    TempDir temp;
    hall::Result<ui::Image> missing = ui::read_png(temp.path() / "nothing.png");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == "png_read");
    CHECK_FALSE(ui::write_png(ui::Image{}, temp.path() / "empty.png"));
}

TEST_CASE("a big button answers a tap, is tall enough, and ignores taps when disabled", "[ui][theme]") {
    auto offscreen = ui::Offscreen::create(600, 800);
    REQUIRE(offscreen);
    ImVec2 min;
    ImVec2 max;
    int presses = 0;
    int disabled_presses = 0;
    auto draw = [&](const ui::Frame&) {
        if (ui::big_button("take", {.label = "Ambil Nomor Antrian", .detail = "Perkiraan tunggu 10 menit"})) ++presses;
        min = ImGui::GetItemRectMin();
        max = ImGui::GetItemRectMax();
        if (ui::big_button("off", {.label = "Tutup", .enabled = false})) ++disabled_presses;
    };
    (*offscreen)->render(draw);
    CHECK(max.y - min.y >= ui::kMinTouchHeight);
    CHECK(max.x - min.x > 500.0f);  // full width by default

    const float cx = (min.x + max.x) * 0.5f;
    const float cy = (min.y + max.y) * 0.5f;
    (*offscreen)->set_pointer(cx, cy, true);
    (*offscreen)->render(draw);
    CHECK(presses == 0);  // pressed on release, like a touch screen
    (*offscreen)->set_pointer(cx, cy, false);
    (*offscreen)->render(draw);
    CHECK(presses == 1);
    (*offscreen)->render(draw);
    CHECK(presses == 1);

    // A tap on the disabled button (just below the first one) does nothing.
    const float below = max.y + ImGui::GetStyle().ItemSpacing.y + ui::kMinTouchHeight * 0.5f;
    (*offscreen)->set_pointer(cx, below, true);
    (*offscreen)->render(draw);
    (*offscreen)->set_pointer(cx, below, false);
    (*offscreen)->render(draw);
    CHECK(disabled_presses == 0);
}

TEST_CASE("text wraps at word boundaries and on newlines", "[ui][text]") {
    auto session = ui::ImGuiSession::create(800, 600);
    REQUIRE(session);
    ImFont* font = (*session)->fonts().body;
    const std::string text = "Fotokopi KTP-el pemohon yang masih berlaku dan surat pengantar dari kelurahan";
    const float width = 300.0f;
    std::vector<std::string_view> lines = ui::wrap_lines(font, text, width);
    REQUIRE(lines.size() > 1);
    std::string joined;
    for (std::string_view line : lines) {
        CHECK(ui::text_size(font, line).x <= width);
        CHECK_FALSE(line.empty());
        CHECK(line.back() != ' ');
        joined += std::string(line) + " ";
    }
    joined.pop_back();
    CHECK(joined == text);  // nothing lost, only spaces at the breaks

    CHECK(ui::wrap_lines(font, "satu\ndua", 1000.0f) == std::vector<std::string_view>{"satu", "dua"});
    CHECK(ui::wrap_lines(font, "", 1000.0f).empty());
    // A word longer than the width still shows, one character per line at worst, never stuck.
    CHECK(ui::wrap_lines(font, "Pelayanan", 1.0f).size() == 9);
    CHECK(ui::text_size(font, "").y == font->FontSize);
}

TEST_CASE("the shell reads its own flags and leaves the rest", "[ui][shell]") {
    ui::ShellOptions options;
    const char* argv[] = {"kiosk", "--windowed", "--config", "hall.toml", "--fps60", "--screenshot", "out.png",
                          "--size=1080x1920"};
    auto rest = ui::parse_shell_args(8, argv, options);
    REQUIRE(rest);
    CHECK(*rest == std::vector<std::string>{"--config", "hall.toml"});
    CHECK(options.display == ui::DisplayMode::windowed);
    CHECK(options.redraw == ui::RedrawMode::continuous_60fps);
    REQUIRE(options.screenshot);
    CHECK(*options.screenshot == "out.png");
    CHECK(options.width == 1080);
    CHECK(options.height == 1920);

    const char* no_file[] = {"kiosk", "--screenshot"};
    CHECK_FALSE(ui::parse_shell_args(2, no_file, options));
    const char* bad_size[] = {"kiosk", "--size", "big"};
    auto bad = ui::parse_shell_args(3, bad_size, options);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "bad_argument");
}

TEST_CASE("the shell's --screenshot renders headless to a PNG of the window's size", "[ui][shell]") {
    TempDir temp;
    ui::ShellOptions options;
    options.title = "Kiosk";
    options.width = 1080;
    options.height = 1920;
    options.screenshot = shot_path(temp, "kiosk_1080x1920.png");
    ui::Shell shell(options);
    REQUIRE(shell.open());
    CHECK(shell.width() == 1080);
    CHECK(shell.fonts().sizes.body == 40);
    CHECK(shell.run(sample_kiosk_screen) == 0);

    hall::Result<ui::Image> image = ui::read_png(*options.screenshot);
    REQUIRE(image);
    CHECK(image->width == 1080);
    CHECK(image->height == 1920);
    std::set<std::uint32_t> colours = colours_of(*image);
    CHECK(colours.count(rgb_of(ui::colors::accent)) == 1);
    CHECK(colours.count(rgb_of(ui::colors::secondary)) == 1);
    CHECK(colours.count(rgb_of(ui::colors::disabled)) == 1);
}

TEST_CASE("the shell's loop draws only on start, input, wake and ticks", "[ui][shell]") {
    ui::Shell shell(test_window("loop test", 320, 240, std::chrono::milliseconds(0)));
    REQUIRE(shell.open());

    using namespace std::chrono_literals;
    auto wait_for_frames = [&](std::uint64_t at_least) {
        for (int i = 0; i < 1000 && shell.frame_count() < at_least; ++i) std::this_thread::sleep_for(10ms);
        return shell.frame_count();
    };
    std::atomic<std::uint64_t> settled{0}, idle{0}, after_wake{0}, after_burst{0};
    std::thread driver([&] {
        wait_for_frames(3);
        std::this_thread::sleep_for(300ms);
        settled = shell.frame_count();
        std::this_thread::sleep_for(300ms);
        idle = shell.frame_count();
        shell.wake();
        wait_for_frames(idle + 2);
        std::this_thread::sleep_for(300ms);
        after_wake = shell.frame_count();
        for (int i = 0; i < 100; ++i) shell.wake();
        std::this_thread::sleep_for(300ms);
        after_burst = shell.frame_count();
        shell.quit();
    });
    const int code = shell.run([](const ui::Frame& frame) { ui::text_wrapped("idle", frame.fonts.body); });
    driver.join();
    CHECK(code == 0);
    CHECK(settled >= 3);
    CHECK(idle == settled);           // nothing happened: nothing drawn
    CHECK(after_wake == idle + 2);    // one wake: two frames
    CHECK(after_burst > after_wake);  // a burst of wakes: drawn, and coalesced
    CHECK(after_burst - after_wake < 50);
}

TEST_CASE("the shell's clock tick redraws about once per tick", "[ui][shell]") {
    ui::Shell shell(test_window("tick test", 320, 240, std::chrono::milliseconds(100)));
    REQUIRE(shell.open());
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::thread driver([&] {
        using namespace std::chrono_literals;
        std::this_thread::sleep_for(300ms);
        start = shell.frame_count();
        std::this_thread::sleep_for(1000ms);
        end = shell.frame_count();
        shell.quit();
    });
    shell.run([](const ui::Frame&) {});
    driver.join();
    // Ten ticks in that second; generous bounds, this is not a timing test.
    CHECK(end - start >= 3);
    CHECK(end - start <= 30);
}

TEST_CASE("the shell's window screenshot is exactly the window's size", "[ui][shell]") {
    TempDir temp;
    ui::Shell shell(test_window("screenshot test", 540, 960, std::chrono::milliseconds(1000)));
    REQUIRE(shell.open());
    REQUIRE(shell.width() == 540);
    const fs::path file = shot_path(temp, "window_540x960.png");
    REQUIRE(shell.screenshot(sample_kiosk_screen, file));
    hall::Result<ui::Image> image = ui::read_png(file);
    REQUIRE(image);
    CHECK(image->width == 540);
    CHECK(image->height == 960);
    CHECK(colours_of(*image).count(rgb_of(ui::colors::accent)) == 1);
}
