// One Dear ImGui context set up the hall's way, with no window and no renderer: fonts loaded
// and sized for the screen, the theme applied, no imgui.ini. The shell, the offscreen renderer
// and view tests all build their frames through it, so a view draws the same in all three.
#pragma once
#include <functional>
#include <memory>

#include <imgui.h>

#include "common/result.hpp"
#include "common/ui/fonts.hpp"

namespace hall::ui {

// What a view gets each frame.
struct Frame {
    int width = 0;   // the screen in pixels
    int height = 0;
    const Fonts& fonts;
    // The colour the screen is cleared with before this frame is painted (the theme's
    // background unless the view sets another). A view whose whole screen has one colour sets it
    // here instead of filling the screen: a software renderer then skips a full-screen pass.
    ImU32& background;
};

// A view's draw function. It draws into a full-screen borderless window that is already begun
// (add widgets straight away); it may open popups and child windows. It may be called several
// times for one picture (ImGui settles layouts over two frames), so it must only draw and
// report intents, never change state as a side effect of being called.
using DrawFn = std::function<void(const Frame&)>;

// The fonts of the current ImGui context's session; nullptr outside a session.
const Fonts* current_fonts();

class ImGuiSession {
public:
    // Creates an ImGui context for a width x height screen and makes it current: default
    // fonts (font_missing when none is installed, logged), theme, no ini or log files.
    static Result<std::unique_ptr<ImGuiSession>> create(int width, int height);
    // As create(), with the given fonts and sizes (tests use it to pin a family).
    static Result<std::unique_ptr<ImGuiSession>> create(int width, int height, const FontFiles& files,
                                                        const FontSizes& sizes);
    ~ImGuiSession();
    ImGuiSession(const ImGuiSession&) = delete;
    ImGuiSession& operator=(const ImGuiSession&) = delete;

    ImGuiContext* context() const { return m_context; }
    const Fonts& fonts() const { return m_fonts; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    // The screen changed size (a window resized); fonts keep their sizes.
    void resize(int width, int height);

    // Builds one frame: ImGui::NewFrame, the root window, `draw`, ImGui::Render. The caller has
    // already run its backends' NewFrame (which set DeltaTime and input), if any. An exception
    // from `draw` is logged and the frame is closed cleanly; it never escapes. Returns the draw
    // data, valid until the next frame.
    ImDrawData* build_frame(const DrawFn& draw);
    // The colour the last built frame asked the screen to be cleared with (Frame::background).
    ImU32 background() const { return m_background; }

private:
    ImGuiSession(ImGuiContext* context, int width, int height);

    ImGuiContext* m_context = nullptr;
    Fonts m_fonts;
    int m_width = 0;
    int m_height = 0;
    ImU32 m_background = 0;
};

}  // namespace hall::ui
