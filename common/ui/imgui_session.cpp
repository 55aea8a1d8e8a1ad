// The session keeps its Fonts in io.UserData so that helpers such as big_button find the
// right fonts for whichever context is current (tests run several contexts one after another).
// The root window is begun here, around the view's draw function, so that a view is only its
// widgets, and so that an exception thrown half-way through a view can be recovered from by
// unwinding ImGui's stacks before the frame ends.
#include "common/ui/imgui_session.hpp"

#include <exception>
#include <string>

#include <imgui_internal.h>

#include "common/log.hpp"
#include "common/ui/theme.hpp"

namespace hall::ui {

namespace {

constexpr const char* kRootWindow = "##hall_root";

void log_once(std::string& last, const std::string& message) {
    if (message == last) return;  // a failing view fails every frame: say it once
    last = message;
    log::error("ui", message);
}

std::string& last_draw_error() {
    static thread_local std::string last;
    return last;
}

}  // namespace

const Fonts* current_fonts() {
    if (!ImGui::GetCurrentContext()) return nullptr;
    return static_cast<const Fonts*>(ImGui::GetIO().UserData);
}

ImGuiSession::ImGuiSession(ImGuiContext* context, int width, int height)
    : m_context(context), m_width(width), m_height(height) {}

ImGuiSession::~ImGuiSession() {
    if (m_context) ImGui::DestroyContext(m_context);
}

Result<std::unique_ptr<ImGuiSession>> ImGuiSession::create(int width, int height) {
    return create(width, height, FontFiles{}, font_sizes_for(width, height));
}

Result<std::unique_ptr<ImGuiSession>> ImGuiSession::create(int width, int height, const FontFiles& files,
                                                           const FontSizes& sizes) {
    IMGUI_CHECKVERSION();
    ImGuiContext* context = ImGui::CreateContext();
    std::unique_ptr<ImGuiSession> session(new ImGuiSession(context, width, height));
    ImGui::SetCurrentContext(context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk's layout is code, not a file in the working directory
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DeltaTime = 1.0f / 60.0f;

    Result<Fonts> fonts = files.regular.empty() ? load_default_fonts(sizes) : load_fonts(files, sizes);
    if (!fonts) return fonts.error();
    session->m_fonts = std::move(fonts.value());
    io.UserData = &session->m_fonts;
    apply_theme(session->m_fonts.sizes.body);
    return session;
}

void ImGuiSession::resize(int width, int height) {
    m_width = width;
    m_height = height;
}

ImDrawData* ImGuiSession::build_frame(const DrawFn& draw) {
    ImGui::SetCurrentContext(m_context);
    ImGuiIO& io = ImGui::GetIO();
    if (!io.BackendPlatformUserData) {
        // No platform backend (offscreen, tests): the session is the source of size and time.
        io.DisplaySize = ImVec2(static_cast<float>(m_width), static_cast<float>(m_height));
        io.DeltaTime = 1.0f / 60.0f;
    }
    ImGui::NewFrame();

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    // The root window draws no background of its own: the screen is cleared with the frame's
    // background colour instead (see Frame::background).
    constexpr ImGuiWindowFlags kRootFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings |
                                            ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
    m_background = colors::background;
    ImGui::Begin(kRootWindow, nullptr, kRootFlags);
    ImGui::PopStyleVar(2);
    ImGuiWindow* root = ImGui::GetCurrentWindow();

    std::string error;
    if (draw) {
        try {
            draw(Frame{m_width, m_height, m_fonts, m_background});
        } catch (const std::exception& e) {
            error = std::string("a view threw: ") + e.what();
        } catch (...) {
            error = "a view threw a non-standard exception";
        }
    }
    if (error.empty() && ImGui::GetCurrentWindow() != root) {
        error = "a view left a window, child or popup open (Begin without End)";
    }
    if (error.empty()) {
        ImGui::End();
    } else {
        log_once(last_draw_error(), error + "; the frame was closed and drawing goes on");
        // Ends every window still open, ours included, and pops what the view pushed.
        ImGui::ErrorCheckEndFrameRecover(nullptr);
    }
    ImGui::Render();
    return ImGui::GetDrawData();
}

}  // namespace hall::ui
