// Headless rendering: an ImGui session drawn by SDL's software renderer into a plain memory
// surface. It needs no X server, no window and no GPU (SDL's video subsystem is not even
// started), and the same state always gives the same pixels, so it is what `--screenshot FILE`
// and the view tests use. Simulated pointer input lets a test press a button.
#pragma once
#include <filesystem>
#include <memory>

#include "common/result.hpp"
#include "common/ui/imgui_session.hpp"
#include "common/ui/png_image.hpp"

struct SDL_Renderer;
struct SDL_Surface;

namespace hall::ui {

// Clears `renderer` to `clear_color` (the frame's background) and draws ImGui's `data` (may be
// null) on it.
void paint(SDL_Renderer* renderer, ImDrawData* data, ImU32 clear_color);

// The pixels of what `renderer` has drawn so far (its current target) as RGB; "capture" with
// SDL's reason on failure. Call it before presenting: a presented buffer is undefined.
Result<Image> capture(SDL_Renderer* renderer);

class Offscreen {
public:
    // A width x height surface with the default fonts sized for it; font_missing (logged) when
    // no font is installed, "sdl" when SDL cannot make the surface or renderer.
    static Result<std::unique_ptr<Offscreen>> create(int width, int height);
    // As create(), with the given fonts and sizes.
    static Result<std::unique_ptr<Offscreen>> create(int width, int height, const FontFiles& files,
                                                     const FontSizes& sizes);
    ~Offscreen();
    Offscreen(const Offscreen&) = delete;
    Offscreen& operator=(const Offscreen&) = delete;

    const Fonts& fonts() const { return m_session->fonts(); }
    ImGuiSession& session() { return *m_session; }
    int width() const { return m_session->width(); }
    int height() const { return m_session->height(); }

    // The pointer as the next frames see it (a finger at x, y; down while touching).
    void set_pointer(float x, float y, bool down);
    // Renders one frame of `draw` onto the surface (cleared to the theme's background first).
    void render(const DrawFn& draw);
    // The surface's pixels as they are now.
    Result<Image> capture() const;
    // Renders `frames` frames of `draw` (ImGui needs two to settle a layout), then writes the
    // last one to `file` as a PNG of exactly width x height.
    Status screenshot(const DrawFn& draw, const std::filesystem::path& file, int frames = 3);

private:
    Offscreen() = default;

    std::unique_ptr<ImGuiSession> m_session;
    SDL_Surface* m_surface = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    bool m_backend_ready = false;
};

// Convenience for tools and tests: one Offscreen, `frames` frames, one PNG.
Status render_png(int width, int height, const DrawFn& draw, const std::filesystem::path& file, int frames = 3);

}  // namespace hall::ui
