// Fonts for the hall's screens: finds a sans-serif TTF from Debian's font packages at run time
// (DejaVu Sans from fonts-dejavu-core first, Noto Sans from fonts-noto-core second) and loads
// it into the current ImGui context at the few pixel sizes the screens use, from body text up
// to a "giant" size for a ticket number a quarter of the screen high. The glyph set covers
// Latin, Latin-1 and the symbols the catalog uses (•, –, “”, ≤, ☎, ✉, ✓, ➤ ...); a symbol the
// main font lacks is taken from a symbol font when one is installed.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "common/result.hpp"

namespace hall::ui {

// The font files of one family.
struct FontFiles {
    std::string family;                   // "DejaVu Sans" or "Noto Sans"
    std::filesystem::path regular;
    std::filesystem::path bold;           // equals `regular` when the family has no bold face
    std::vector<std::filesystem::path> symbols;  // fill in symbols the family lacks (Noto Sans)
};

// Which family to look for first.
enum class FontPreference { dejavu_first, noto_first };

// The folders searched, in order: /usr/share/fonts, /usr/local/share/fonts, ~/.local/share/fonts,
// ~/.fonts. Debian's packages put the files in /usr/share/fonts/truetype/<package>/.
std::vector<std::filesystem::path> default_font_dirs();

// Finds the preferred family in `dirs` (searched recursively by file name, the well-known Debian
// paths first). nullopt when neither DejaVu Sans nor Noto Sans is installed.
std::optional<FontFiles> find_fonts(const std::vector<std::filesystem::path>& dirs = default_font_dirs(),
                                    FontPreference preference = FontPreference::dejavu_first);

// Pixel sizes of the loaded fonts.
struct FontSizes {
    float body = 28;   // running text, list items
    float large = 42;  // headings, button labels
    float huge = 72;   // screen titles, numbers in lists
    float giant = 0;   // the called ticket number; 0 leaves it out (it costs atlas space)
};

// Sizes for a screen: body text about 1/27 of the short side (40 px on a 1080-wide kiosk or a
// 1080-high TV, 28 px on a 1366x768 counter), never below 22 px; giant is 1/4 of the short side
// (a quarter of a TV's height; on a portrait kiosk, small enough that "A-123" fits the width).
FontSizes font_sizes_for(int width, int height);

// The fonts a view draws with. The ImFont pointers belong to the ImGui context's atlas.
struct Fonts {
    ImFont* body = nullptr;   // regular, sizes.body
    ImFont* bold = nullptr;   // bold, sizes.body
    ImFont* large = nullptr;  // bold, sizes.large
    ImFont* huge = nullptr;   // bold, sizes.huge
    ImFont* giant = nullptr;  // bold, sizes.giant, digits, capital letters and "-:./ " only;
                              // equals `huge` when sizes.giant is 0
    FontSizes sizes;
    FontFiles files;
    std::shared_ptr<const void> keep_alive;  // the TTF bytes the atlas reads from
};

// The glyph ranges (ImGui's zero-terminated pairs) of running text: Basic Latin, Latin-1 and
// the catalog's symbols.
const ImWchar* text_glyph_ranges();
// The glyph ranges of the giant size: space, digits, capital letters and "-./:".
const ImWchar* giant_glyph_ranges();

// Loads `files` at `sizes` into the current ImGui context's font atlas (which must be empty)
// and builds it; the body font becomes the default. Fails with "font_unreadable" when a file
// cannot be read or is not a TrueType font, "font_atlas" when the atlas cannot be built.
Result<Fonts> load_fonts(const FontFiles& files, const FontSizes& sizes);

// find_fonts() then load_fonts(); on failure logs one clear English line naming the packages
// to install and returns the error ("font_missing" when nothing was found).
Result<Fonts> load_default_fonts(const FontSizes& sizes);

}  // namespace hall::ui
