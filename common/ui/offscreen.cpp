// SDL's software renderer can draw into any SDL_Surface without a window, and since SDL 2.0.18
// it implements SDL_RenderGeometry, which is all the ImGui SDL_Renderer backend needs. The
// surface is XRGB so that a screenshot never depends on what the renderer leaves in alpha.
#include "common/ui/offscreen.hpp"

#include <SDL.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <string>

#include "common/ui/theme.hpp"

namespace hall::ui {

namespace {

Error sdl_error(const std::string& what) { return make_error("sdl", what + ": " + SDL_GetError()); }

}  // namespace

void paint(SDL_Renderer* renderer, ImDrawData* data, ImU32 clear_color) {
    const ImVec4 background = ImGui::ColorConvertU32ToFloat4(clear_color);
    SDL_SetRenderDrawColor(renderer, static_cast<Uint8>(background.x * 255.0f), static_cast<Uint8>(background.y * 255.0f),
                           static_cast<Uint8>(background.z * 255.0f), 255);
    SDL_RenderClear(renderer);
    if (data) ImGui_ImplSDLRenderer_RenderDrawData(data);
}

Result<Image> capture(SDL_Renderer* renderer) {
    int width = 0;
    int height = 0;
    if (SDL_GetRendererOutputSize(renderer, &width, &height) != 0) return sdl_error("cannot get the renderer's size");
    if (width <= 0 || height <= 0) return make_error("capture", "the renderer has no pixels");
    Image image;
    image.width = width;
    image.height = height;
    image.rgb.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    // Reading flushes SDL's queued draw commands first.
    if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGB24, image.rgb.data(), width * 3) != 0) {
        return sdl_error("cannot read the rendered pixels");
    }
    return image;
}

Result<std::unique_ptr<Offscreen>> Offscreen::create(int width, int height) {
    return create(width, height, FontFiles{}, font_sizes_for(width, height));
}

Result<std::unique_ptr<Offscreen>> Offscreen::create(int width, int height, const FontFiles& files,
                                                     const FontSizes& sizes) {
    if (width <= 0 || height <= 0) return make_error("sdl", "an offscreen surface needs a positive size");
    std::unique_ptr<Offscreen> offscreen(new Offscreen());
    Result<std::unique_ptr<ImGuiSession>> session = files.regular.empty()
                                                        ? ImGuiSession::create(width, height)
                                                        : ImGuiSession::create(width, height, files, sizes);
    if (!session) return session.error();
    offscreen->m_session = std::move(session.value());

    offscreen->m_surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGB888);
    if (!offscreen->m_surface) return sdl_error("cannot create a " + std::to_string(width) + "x" + std::to_string(height) + " surface");
    offscreen->m_renderer = SDL_CreateSoftwareRenderer(offscreen->m_surface);
    if (!offscreen->m_renderer) return sdl_error("cannot create the software renderer");
    if (!ImGui_ImplSDLRenderer_Init(offscreen->m_renderer)) return sdl_error("cannot start ImGui's SDL_Renderer backend");
    offscreen->m_backend_ready = true;
    if (!ImGui_ImplSDLRenderer_CreateFontsTexture()) return sdl_error("cannot upload the font atlas");
    return offscreen;
}

Offscreen::~Offscreen() {
    if (m_session) ImGui::SetCurrentContext(m_session->context());
    if (m_backend_ready) ImGui_ImplSDLRenderer_Shutdown();
    if (m_renderer) SDL_DestroyRenderer(m_renderer);
    if (m_surface) SDL_FreeSurface(m_surface);
}

void Offscreen::set_pointer(float x, float y, bool down) {
    ImGui::SetCurrentContext(m_session->context());
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    io.MouseDown[0] = down;
}

void Offscreen::render(const DrawFn& draw) {
    ImGui::SetCurrentContext(m_session->context());
    ImGui_ImplSDLRenderer_NewFrame();
    ImDrawData* data = m_session->build_frame(draw);
    paint(m_renderer, data, m_session->background());
}

Result<Image> Offscreen::capture() const { return ui::capture(m_renderer); }

Status Offscreen::screenshot(const DrawFn& draw, const std::filesystem::path& file, int frames) {
    for (int i = 0; i < std::max(1, frames); ++i) render(draw);
    Result<Image> image = capture();
    if (!image) return image.error();
    return write_png(*image, file);
}

Status render_png(int width, int height, const DrawFn& draw, const std::filesystem::path& file, int frames) {
    Result<std::unique_ptr<Offscreen>> offscreen = Offscreen::create(width, height);
    if (!offscreen) return offscreen.error();
    return (*offscreen)->screenshot(draw, file, frames);
}

}  // namespace hall::ui
