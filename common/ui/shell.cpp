// The loop sleeps in SDL_WaitEventTimeout until the earliest of: an event (input, window, or
// the wake event another thread pushed), the next clock tick, or, in --fps60 mode, the next
// 1/60 s deadline (paced here rather than by vsync, which a virtual X server does not have).
// Each kind of reason draws a few frames at most: ImGui sees a tap as "down" in one frame and
// "released" in the next, and the view's answer to it shows in the third; a state change may
// move auto-sized layout, which ImGui settles over two frames; a tick only changes a clock.
#include "common/ui/shell.hpp"

#include <SDL.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <charconv>
#include <string_view>

#include "common/log.hpp"

namespace hall::ui {

namespace {

constexpr int kFramesAfterInput = 3;
constexpr int kFramesAfterWake = 2;
constexpr int kFramesAfterTick = 1;
constexpr int kFramesAtStart = 3;
constexpr int kScreenshotFrames = 3;
constexpr int kVideoAttempts = 5;
constexpr std::chrono::microseconds kFramePeriod60{16667};

Error sdl_error(const std::string& what) { return make_error("sdl", what + ": " + SDL_GetError()); }

long long wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The next multiple of `tick_ms` after `now_ms`, so that a clock on screen turns on the second.
long long next_tick_after(long long now_ms, long long tick_ms) { return (now_ms / tick_ms + 1) * tick_ms; }

// Whole milliseconds until `deadline`, rounded up so the wait never ends just before it.
int ms_until(std::chrono::steady_clock::time_point deadline) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return 0;
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
    return static_cast<int>(std::min<long long>(ms, 1000));
}

bool parse_size(std::string_view text, int& width, int& height) {
    const std::size_t x = text.find('x');
    if (x == std::string_view::npos) return false;
    auto parse = [](std::string_view part, int& out) {
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return ec == std::errc() && end == part.data() + part.size() && out > 0 && out <= 16384;
    };
    int w = 0;
    int h = 0;
    if (!parse(text.substr(0, x), w) || !parse(text.substr(x + 1), h)) return false;
    width = w;
    height = h;
    return true;
}

const Fonts& no_fonts() {
    static const Fonts empty;
    return empty;
}

}  // namespace

Result<std::vector<std::string>> parse_shell_args(int argc, const char* const* argv, ShellOptions& options) {
    std::vector<std::string> rest;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i] ? argv[i] : "";
        // A flag's value comes as the next argument or after '=' (--size=1080x1920).
        auto value_of = [&](std::string_view flag, std::string_view& value) -> int {
            if (arg == flag) {
                if (i + 1 >= argc || !argv[i + 1]) return -1;
                value = argv[++i];
                return 1;
            }
            if (arg.size() > flag.size() && arg.substr(0, flag.size()) == flag && arg[flag.size()] == '=') {
                value = arg.substr(flag.size() + 1);
                return 1;
            }
            return 0;
        };
        std::string_view value;
        if (arg == "--windowed") {
            options.display = DisplayMode::windowed;
        } else if (arg == "--fullscreen") {
            options.display = DisplayMode::fullscreen;
        } else if (arg == "--fps60") {
            options.redraw = RedrawMode::continuous_60fps;
        } else if (int found = value_of("--screenshot", value); found != 0) {
            if (found < 0 || value.empty()) return make_error("bad_argument", "--screenshot needs a file name");
            options.screenshot = std::filesystem::path(value);
        } else if (int found_size = value_of("--size", value); found_size != 0) {
            if (found_size < 0 || !parse_size(value, options.width, options.height)) {
                return make_error("bad_argument", "--size needs WIDTHxHEIGHT in pixels, e.g. --size 1080x1920");
            }
        } else {
            rest.emplace_back(arg);
        }
    }
    return rest;
}

Shell::Shell(ShellOptions options) : m_options(std::move(options)) {}

Shell::~Shell() { close(); }

const Fonts& Shell::fonts() const {
    if (m_offscreen) return m_offscreen->fonts();
    if (m_session) return m_session->fonts();
    return no_fonts();
}

int Shell::width() const {
    if (m_offscreen) return m_offscreen->width();
    return m_session ? m_session->width() : 0;
}

int Shell::height() const {
    if (m_offscreen) return m_offscreen->height();
    return m_session ? m_session->height() : 0;
}

Status Shell::open() {
    if (m_offscreen || m_window) return ok_status();
    if (m_options.screenshot) {
        // Headless: no SDL video at all, so screenshots need neither X nor a GPU.
        Result<std::unique_ptr<Offscreen>> offscreen = Offscreen::create(m_options.width, m_options.height);
        if (!offscreen) {
            if (offscreen.error().code != "font_missing") {
                log::error("ui", "cannot render offscreen: " + offscreen.error().message);
            }
            return offscreen.error();
        }
        m_offscreen = std::move(offscreen.value());
        return ok_status();
    }
    Status status = open_window();
    if (!status) {
        if (status.error().code != "font_missing") {
            log::error("ui", "cannot open the window \"" + m_options.title + "\": " + status.error().message);
        }
        close();
    }
    return status;
}

Status Shell::open_window() {
    // A kiosk stays on screen when another window takes focus, and the first tap on an
    // unfocused window is a tap, not just a focus change.
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    // An X server that has just lost its last client resets and refuses connections for a
    // moment (Xvfb between two test programs; X restarting under a kiosk): try for a second.
    for (int attempt = 1; SDL_Init(SDL_INIT_VIDEO) != 0; ++attempt) {
        if (attempt == kVideoAttempts) return sdl_error("cannot start SDL video (is DISPLAY set?)");
        SDL_Delay(200);
    }
    m_sdl_started = true;
    const Uint32 wake_event = SDL_RegisterEvents(1);
    if (wake_event == static_cast<Uint32>(-1)) return sdl_error("cannot register the wake event");

    Uint32 flags = SDL_WINDOW_SHOWN;
    flags |= m_options.display == DisplayMode::fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
    m_window = SDL_CreateWindow(m_options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                m_options.width, m_options.height, flags);
    if (!m_window) return sdl_error("cannot create the window");
    m_renderer = SDL_CreateRenderer(m_window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!m_renderer) {
        log::warn("ui", std::string("no accelerated renderer (") + SDL_GetError() + "), drawing in software");
        m_renderer = SDL_CreateRenderer(m_window, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!m_renderer) return sdl_error("cannot create a renderer");

    int width = 0;
    int height = 0;
    if (SDL_GetRendererOutputSize(m_renderer, &width, &height) != 0) return sdl_error("cannot get the window's size");
    Result<std::unique_ptr<ImGuiSession>> session = ImGuiSession::create(width, height);
    if (!session) return session.error();
    m_session = std::move(session.value());

    if (!ImGui_ImplSDL2_InitForSDLRenderer(m_window)) return sdl_error("cannot start ImGui's SDL2 backend");
    m_platform_ready = true;
    if (!ImGui_ImplSDLRenderer_Init(m_renderer)) return sdl_error("cannot start ImGui's SDL_Renderer backend");
    m_renderer_ready = true;
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(m_renderer, &info) != 0 || !info.name) info.name = "unknown";
    if (!ImGui_ImplSDLRenderer_CreateFontsTexture()) {
        const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
        return make_error("sdl", "cannot upload the " + std::to_string(atlas->TexWidth) + "x" +
                                     std::to_string(atlas->TexHeight) + " font atlas (renderer " + info.name +
                                     " allows " + std::to_string(info.max_texture_width) + "x" +
                                     std::to_string(info.max_texture_height) + "): " + SDL_GetError());
    }
    if (m_options.hide_cursor) {
        SDL_ShowCursor(SDL_DISABLE);
        ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    }
    m_wake_event = wake_event;
    log::info("ui", "window \"" + m_options.title + "\" " + std::to_string(width) + "x" + std::to_string(height) +
                        (m_options.display == DisplayMode::fullscreen ? " fullscreen" : " windowed") + ", renderer " +
                        info.name + ", font " + m_session->fonts().files.family +
                        (m_options.redraw == RedrawMode::continuous_60fps ? ", drawing at 60 fps" : ""));
    return ok_status();
}

void Shell::close() {
    m_wake_event = 0;
    if (m_session) ImGui::SetCurrentContext(m_session->context());
    if (m_renderer_ready) ImGui_ImplSDLRenderer_Shutdown();
    if (m_platform_ready) ImGui_ImplSDL2_Shutdown();
    m_renderer_ready = false;
    m_platform_ready = false;
    m_session.reset();
    m_offscreen.reset();
    if (m_renderer) SDL_DestroyRenderer(m_renderer);
    if (m_window) SDL_DestroyWindow(m_window);
    m_renderer = nullptr;
    m_window = nullptr;
    if (m_sdl_started) SDL_Quit();
    m_sdl_started = false;
}

void Shell::wake() {
    const Uint32 type = m_wake_event.load();
    if (type == 0) return;
    if (m_wake_pending.exchange(true)) return;  // one wake event in the queue is enough
    SDL_Event event{};
    event.type = type;
    if (SDL_PushEvent(&event) != 1) m_wake_pending = false;
}

void Shell::quit() {
    m_quit = true;
    const Uint32 type = m_wake_event.load();
    if (type == 0) return;
    SDL_Event event{};
    event.type = type;
    SDL_PushEvent(&event);
}

void Shell::handle(const SDL_Event& event) {
    if (event.type == m_wake_event.load()) {
        m_wake_pending = false;  // cleared before drawing: a wake during the frame draws again
        m_frames_pending = std::max(m_frames_pending, kFramesAfterWake);
        return;
    }
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) {
        m_quit = true;
        return;
    }
    if (event.type == SDL_RENDER_DEVICE_RESET) {
        // The GPU lost every texture; the backend re-uploads the font atlas at the next frame.
        ImGui::SetCurrentContext(m_session->context());
        ImGui_ImplSDLRenderer_DestroyDeviceObjects();
    }
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        int width = 0;
        int height = 0;
        if (SDL_GetRendererOutputSize(m_renderer, &width, &height) == 0) m_session->resize(width, height);
    }
    m_frames_pending = std::max(m_frames_pending, kFramesAfterInput);
}

void Shell::draw_frame(const DrawFn& draw, bool present) {
    ImGui::SetCurrentContext(m_session->context());
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImDrawData* data = m_session->build_frame(draw);
    paint(m_renderer, data, m_session->background());
    if (present) SDL_RenderPresent(m_renderer);
    ++m_frames;
}

int Shell::run_screenshot(const DrawFn& draw) {
    const std::filesystem::path& file = *m_options.screenshot;
    Status status = m_offscreen->screenshot(draw, file, kScreenshotFrames);
    m_frames += kScreenshotFrames;
    if (!status) {
        log::error("ui", "screenshot failed: " + status.error().message);
        return 1;
    }
    log::info("ui", "wrote " + file.string() + " (" + std::to_string(m_offscreen->width()) + "x" +
                        std::to_string(m_offscreen->height()) + ")");
    return 0;
}

int Shell::run(const DrawFn& draw) {
    if (m_offscreen) return run_screenshot(draw);
    if (!m_window) {
        log::error("ui", "Shell::run called without a successful open()");  // defensive: a program's bug
        return 1;
    }
    using Clock = std::chrono::steady_clock;
    const bool continuous = m_options.redraw == RedrawMode::continuous_60fps;
    long long tick_ms = m_options.tick.count();
    long long next_tick = tick_ms > 0 ? next_tick_after(wall_clock_ms(), tick_ms) : 0;
    Clock::time_point next_frame = Clock::now();
    m_frames_pending = kFramesAtStart;

    while (!m_quit) {
        if (continuous ? Clock::now() >= next_frame : m_frames_pending > 0) {
            draw_frame(draw, true);
            m_frames_pending = std::max(0, m_frames_pending - 1);
            next_frame += kFramePeriod60;
            if (next_frame < Clock::now()) next_frame = Clock::now() + kFramePeriod60;  // fell behind: no burst
        }
        if (m_quit) break;
        if (m_options.tick.count() != tick_ms) {  // set_tick() from the draw function
            tick_ms = m_options.tick.count();
            next_tick = tick_ms > 0 ? next_tick_after(wall_clock_ms(), tick_ms) : 0;
        }

        int timeout = -1;  // wait for an event, however long
        if (continuous) {
            timeout = ms_until(next_frame);
        } else if (m_frames_pending > 0) {
            timeout = 0;
        } else if (tick_ms > 0) {
            timeout = static_cast<int>(std::clamp(next_tick - wall_clock_ms(), 0LL, tick_ms));
        }
        SDL_Event event;
        int got = 0;
        if (timeout == 0) {
            got = SDL_PollEvent(&event);
        } else if (timeout < 0) {
            got = SDL_WaitEvent(&event);
        } else {
            got = SDL_WaitEventTimeout(&event, timeout);
        }
        if (got) {
            handle(event);
            while (SDL_PollEvent(&event)) handle(event);
        }

        if (tick_ms > 0) {
            const long long now = wall_clock_ms();
            // Past the tick, or the wall clock was set back by more than a tick: redraw, re-arm.
            if (now >= next_tick || next_tick - now > tick_ms) {
                m_frames_pending = std::max(m_frames_pending, kFramesAfterTick);
                next_tick = next_tick_after(now, tick_ms);
            }
        }
    }
    log::info("ui", "window closed after " + std::to_string(m_frames) + " frames");
    return 0;
}

void Shell::set_tick(std::chrono::milliseconds tick) { m_options.tick = tick; }

Status Shell::screenshot(const DrawFn& draw, const std::filesystem::path& file) {
    if (m_offscreen) return m_offscreen->screenshot(draw, file, kScreenshotFrames);
    if (!m_window) return make_error("sdl", "no window to take a screenshot of");
    for (int i = 0; i < kScreenshotFrames; ++i) draw_frame(draw, false);
    Result<Image> image = capture(m_renderer);
    m_frames_pending = std::max(m_frames_pending, 1);  // the back buffer now holds the screenshot
    if (!image) return image.error();
    return write_png(*image, file);
}

}  // namespace hall::ui
