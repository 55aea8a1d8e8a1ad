// libpng's simplified API (png_image_*) reports errors through the png_image struct instead of
// longjmp, which is the only safe way to call libpng from C++ with objects on the stack.
#include "common/ui/png_image.hpp"

#include <png.h>

#include <cstring>
#include <string>

namespace hall::ui {

std::uint32_t Image::pixel(int x, int y) const {
    const std::size_t at = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
    return (std::uint32_t{rgb[at]} << 16) | (std::uint32_t{rgb[at + 1]} << 8) | std::uint32_t{rgb[at + 2]};
}

Status write_png(const Image& image, const std::filesystem::path& file) {
    if (image.width <= 0 || image.height <= 0 ||
        image.rgb.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3) {
        return make_error("png_write", "refusing to write an empty or inconsistent image to " + file.string());
    }
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_RGB;
    const int ok = png_image_write_to_file(&png, file.c_str(), 0, image.rgb.data(), 0, nullptr);
    std::string reason = png.message;
    png_image_free(&png);
    if (!ok) return make_error("png_write", "cannot write " + file.string() + ": " + reason);
    return ok_status();
}

Result<Image> read_png(const std::filesystem::path& file) {
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&png, file.c_str())) {
        std::string reason = png.message;
        png_image_free(&png);
        return make_error("png_read", "cannot read " + file.string() + ": " + reason);
    }
    png.format = PNG_FORMAT_RGB;
    Image image;
    image.width = static_cast<int>(png.width);
    image.height = static_cast<int>(png.height);
    image.rgb.resize(PNG_IMAGE_SIZE(png));
    png_color white{255, 255, 255};
    if (!png_image_finish_read(&png, &white, image.rgb.data(), 0, nullptr)) {
        std::string reason = png.message;
        png_image_free(&png);
        return make_error("png_read", "cannot decode " + file.string() + ": " + reason);
    }
    return image;
}

}  // namespace hall::ui
