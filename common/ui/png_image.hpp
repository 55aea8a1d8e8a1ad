// An RGB picture in memory and its PNG file form (libpng's simplified API), for screenshots of
// the hall's screens and for the tests that check them.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "common/result.hpp"

namespace hall::ui {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb;  // width * height * 3 bytes, rows top to bottom, no padding

    // The pixel at (x, y) as 0xRRGGBB; the caller keeps x and y inside the picture.
    std::uint32_t pixel(int x, int y) const;
};

// Writes `image` as an 8-bit RGB PNG; "png_write" with the file and libpng's reason on failure.
Status write_png(const Image& image, const std::filesystem::path& file);

// Reads any PNG as 8-bit RGB (alpha is composed onto white); "png_read" on failure.
Result<Image> read_png(const std::filesystem::path& file);

}  // namespace hall::ui
