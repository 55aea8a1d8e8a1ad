// The application shell of every hall program with a screen, and nothing of the hall in it:
// it opens the SDL window and renderer, sets up ImGui with the hall's fonts and theme, and runs
// a frame loop that draws only when there is something new to show: input, a wake() from
// another thread after a state change, or the clock tick (once a second by default, on the
// second). Between those it sleeps in SDL_WaitEventTimeout, so an idle kiosk or board costs
// next to no CPU. `--fps60` draws continuously instead (the benchmark's reference), and
// `--screenshot FILE` draws one frame headless (no window, no X server) into a PNG and exits.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "common/ui/imgui_session.hpp"
#include "common/ui/offscreen.hpp"

struct SDL_Window;
struct SDL_Renderer;
union SDL_Event;

namespace hall::ui {

enum class DisplayMode { fullscreen, windowed };
enum class RedrawMode { on_change, continuous_60fps };

struct ShellOptions {
    std::string title = "Hall";
    int width = 1280;   // window size; a fullscreen window takes the screen's own size
    int height = 720;
    DisplayMode display = DisplayMode::fullscreen;      // --windowed
    RedrawMode redraw = RedrawMode::on_change;          // --fps60
    std::chrono::milliseconds tick{1000};               // clock redraws, aligned to the wall clock; 0 = none
    bool hide_cursor = false;                           // touch kiosks hide the pointer
    std::optional<std::filesystem::path> screenshot;    // --screenshot FILE
};

// Takes the shell's own flags out of argv into `options`: --windowed, --fullscreen, --fps60,
// --screenshot FILE, --size WxH. Returns the other arguments in order (argv[0] excluded), or
// "bad_argument" with an English message for a malformed shell flag.
Result<std::vector<std::string>> parse_shell_args(int argc, const char* const* argv, ShellOptions& options);

class Shell {
public:
    explicit Shell(ShellOptions options);
    ~Shell();
    Shell(const Shell&) = delete;
    Shell& operator=(const Shell&) = delete;

    // Opens the window, renderer, ImGui and fonts, or only an offscreen surface in screenshot
    // mode. On failure logs one English line and returns the error (font_missing, sdl); the
    // program should then exit non-zero.
    Status open();

    // Runs the frame loop until quit() or the window is closed; in screenshot mode renders the
    // PNG and returns. Returns the process exit code: 0, or 1 when the screenshot failed.
    int run(const DrawFn& draw);

    // Thread-safe and cheap: redraw soon because the state changed. Calls coalesce into one
    // frame. Does nothing before open(); stop calling it before the Shell is destroyed.
    void wake();

    // Changes the clock tick's period (see ShellOptions::tick) from the frame loop's thread, e.g.
    // from the draw function when what the screen shows by the clock changes; the next tick is
    // aligned to the new period.
    void set_tick(std::chrono::milliseconds tick);
    // Thread-safe: makes run() return after the current frame.
    void quit();

    // UI thread only: renders `draw` (without presenting it) and writes a PNG of exactly the
    // window's pixel size, read back with SDL_RenderReadPixels.
    Status screenshot(const DrawFn& draw, const std::filesystem::path& file);

    const ShellOptions& options() const { return m_options; }
    // Valid after a successful open().
    const Fonts& fonts() const;
    int width() const;   // pixels of the drawing area
    int height() const;
    // Frames drawn since open(); for tests and the idle benchmark.
    std::uint64_t frame_count() const { return m_frames.load(); }

private:
    Status open_window();
    void close();
    void handle(const SDL_Event& event);
    void draw_frame(const DrawFn& draw, bool present);
    int run_screenshot(const DrawFn& draw);

    ShellOptions m_options;
    std::unique_ptr<Offscreen> m_offscreen;      // screenshot mode
    std::unique_ptr<ImGuiSession> m_session;     // window mode
    SDL_Window* m_window = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    bool m_sdl_started = false;
    bool m_platform_ready = false;
    bool m_renderer_ready = false;
    int m_frames_pending = 0;                    // frames to draw before sleeping again
    std::atomic<std::uint32_t> m_wake_event{0};  // SDL user event type; 0 until open()
    std::atomic<bool> m_wake_pending{false};
    std::atomic<bool> m_quit{false};
    std::atomic<std::uint64_t> m_frames{0};
};

}  // namespace hall::ui
