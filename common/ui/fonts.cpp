// Font discovery and loading. Files are looked up by their Debian file names rather than through
// fontconfig: a kiosk image has exactly the packages ./hall setup installs, and a file name is
// deterministic where fc-match would quietly substitute another family. The TTF bytes are read
// once and shared by every size; glyphs are rasterised without oversampling and snapped to the
// pixel grid, which keeps large text crisp with the SDL_Renderer's nearest-pixel sampling.
#include "common/ui/fonts.hpp"

#include <stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iterator>
#include <system_error>

#include "common/log.hpp"

namespace hall::ui {

namespace fs = std::filesystem;

namespace {

struct FamilyFiles {
    const char* family;
    const char* package_dir;  // Debian's folder under /usr/share/fonts/truetype
    const char* regular;
    const char* bold;
};

constexpr FamilyFiles kDejaVu{"DejaVu Sans", "dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"};
constexpr FamilyFiles kNoto{"Noto Sans", "noto", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"};

// Symbol fonts that cover what Noto Sans lacks (arrows, ≤ ≥, ☎ ✉ ✓ ❖ ➤).
constexpr const char* kNotoSymbolFiles[] = {"NotoSansSymbols2-Regular.ttf", "NotoSansMath-Regular.ttf",
                                            "NotoSansSymbols-Regular.ttf"};

// Running text: Basic Latin and Latin-1 (all Indonesian and English need), then the symbols
// below. Every range costs atlas space at every size, so only what the hall's text uses is in.
constexpr ImWchar kTextRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF,
    0x2013, 0x2014,  // – —
    0x2018, 0x201E,  // ‘ ’ ‚ “ ” „
    0x2022, 0x2022,  // •
    0x2026, 0x2026,  // …
    0x2190, 0x2193,  // ← ↑ → ↓
    0x2264, 0x2265,  // ≤ ≥
    0x25B6, 0x25B6,  // ▶
    0x25C0, 0x25C0,  // ◀
    0x260E, 0x260E,  // ☎
    0x2709, 0x2709,  // ✉
    0x2713, 0x2717,  // ✓ ✔ ✕ ✖ ✗
    0x2756, 0x2756,  // ❖
    0x27A4, 0x27A4,  // ➤
    0,
};
// The part of kTextRanges a symbol font may fill in (from the dashes on).
constexpr const ImWchar* kSymbolRanges = kTextRanges + 4;

constexpr ImWchar kGiantRanges[] = {0x0020, 0x0020, 0x002D, 0x003A, 0x0041, 0x005A, 0};  // space - . / 0-9 : A-Z

using Bytes = std::vector<unsigned char>;

// Reads a whole file; nullopt when it cannot be read or is not a font stb_truetype can open
// (checked here because ImGui only asserts on a bad font).
std::optional<Bytes> read_font_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty() || in.bad()) return std::nullopt;
    const int offset = stbtt_GetFontOffsetForIndex(bytes.data(), 0);
    stbtt_fontinfo info{};
    if (offset < 0 || !stbtt_InitFont(&info, bytes.data(), offset)) return std::nullopt;
    return bytes;
}

bool is_file(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

// `name` in dir/truetype/<package_dir>/ (Debian's place), else anywhere below dir.
std::optional<fs::path> find_file(const std::vector<fs::path>& dirs, const char* package_dir, const char* name) {
    for (const fs::path& dir : dirs) {
        fs::path known = dir / "truetype" / package_dir / name;
        if (is_file(known)) return known;
    }
    for (const fs::path& dir : dirs) {
        std::error_code ec;
        fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (it->path().filename() == name && is_file(it->path())) return it->path();
        }
    }
    return std::nullopt;
}

std::optional<FontFiles> find_family(const std::vector<fs::path>& dirs, const FamilyFiles& family) {
    std::optional<fs::path> regular = find_file(dirs, family.package_dir, family.regular);
    if (!regular) return std::nullopt;
    FontFiles files;
    files.family = family.family;
    files.regular = *regular;
    files.bold = find_file(dirs, family.package_dir, family.bold).value_or(*regular);
    return files;
}

// Font sizes are whole pixels: fractional sizes blur the snapped glyphs.
float whole_pixels(float size) { return std::max(1.0f, std::round(size)); }

}  // namespace

std::vector<fs::path> default_font_dirs() {
    std::vector<fs::path> dirs{"/usr/share/fonts", "/usr/local/share/fonts"};
    if (const char* home = std::getenv("HOME"); home && *home) {
        dirs.push_back(fs::path(home) / ".local/share/fonts");
        dirs.push_back(fs::path(home) / ".fonts");
    }
    return dirs;
}

std::optional<FontFiles> find_fonts(const std::vector<fs::path>& dirs, FontPreference preference) {
    const FamilyFiles* order[2] = {&kDejaVu, &kNoto};
    if (preference == FontPreference::noto_first) std::swap(order[0], order[1]);
    for (const FamilyFiles* family : order) {
        std::optional<FontFiles> files = find_family(dirs, *family);
        if (!files) continue;
        if (family == &kNoto) {
            // DejaVu Sans has every symbol we use; the Noto symbol fonts share Noto's look.
            if (auto dejavu = find_file(dirs, kDejaVu.package_dir, kDejaVu.regular)) files->symbols.push_back(*dejavu);
            for (const char* name : kNotoSymbolFiles) {
                if (auto path = find_file(dirs, kNoto.package_dir, name)) files->symbols.push_back(*path);
            }
        }
        return files;
    }
    return std::nullopt;
}

FontSizes font_sizes_for(int width, int height) {
    const float short_side = static_cast<float>(std::max(1, std::min(width, height)));
    FontSizes sizes;
    sizes.body = whole_pixels(std::max(22.0f, short_side / 27.0f));
    sizes.large = whole_pixels(sizes.body * 1.5f);
    sizes.huge = whole_pixels(sizes.body * 2.5f);
    // A quarter of the height; on a portrait kiosk a quarter of the width, so "A-123" still fits.
    sizes.giant = whole_pixels(static_cast<float>(std::max(1, std::min(width, height))) / 4.0f);
    return sizes;
}

const ImWchar* text_glyph_ranges() { return kTextRanges; }
const ImWchar* giant_glyph_ranges() { return kGiantRanges; }

Result<Fonts> load_fonts(const FontFiles& files, const FontSizes& sizes) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (!atlas->Fonts.empty()) {
        return make_error("font_atlas", "load_fonts needs an empty font atlas");  // defensive: a caller's bug
    }

    auto storage = std::make_shared<std::deque<Bytes>>();  // a deque: pointers stay valid on push_back
    auto load = [&](const fs::path& path) -> Bytes* {
        std::optional<Bytes> bytes = read_font_file(path);
        if (!bytes) return nullptr;
        storage->push_back(std::move(*bytes));
        return &storage->back();
    };
    Bytes* regular = load(files.regular);
    if (!regular) return make_error("font_unreadable", "cannot read a TrueType font from " + files.regular.string());
    Bytes* bold = files.bold == files.regular ? regular : load(files.bold);
    if (!bold) return make_error("font_unreadable", "cannot read a TrueType font from " + files.bold.string());
    std::vector<Bytes*> symbols;
    for (const fs::path& path : files.symbols) {
        if (Bytes* bytes = load(path)) symbols.push_back(bytes);  // a broken fallback only costs symbols
    }

    auto add = [&](Bytes* bytes, float size, const ImWchar* ranges, bool merge) {
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false;  // `storage` owns the bytes
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;
        config.MergeMode = merge;
        return atlas->AddFontFromMemoryTTF(bytes->data(), static_cast<int>(bytes->size()), size, &config, ranges);
    };
    auto add_text_font = [&](Bytes* bytes, float size) {
        ImFont* font = add(bytes, size, kTextRanges, false);
        // Merged glyphs never replace the main font's own: only what it lacks is filled in.
        for (Bytes* symbol_bytes : symbols) add(symbol_bytes, size, kSymbolRanges, true);
        return font;
    };

    Fonts fonts;
    fonts.sizes = sizes;
    fonts.sizes.body = whole_pixels(sizes.body);
    fonts.sizes.large = whole_pixels(sizes.large);
    fonts.sizes.huge = whole_pixels(sizes.huge);
    fonts.sizes.giant = sizes.giant > 0 ? whole_pixels(sizes.giant) : 0;
    fonts.files = files;
    fonts.body = add_text_font(regular, fonts.sizes.body);
    fonts.bold = add_text_font(bold, fonts.sizes.body);
    fonts.large = add_text_font(bold, fonts.sizes.large);
    fonts.huge = add_text_font(bold, fonts.sizes.huge);
    fonts.giant = fonts.sizes.giant > 0 ? add(bold, fonts.sizes.giant, kGiantRanges, false) : fonts.huge;
    if (!fonts.body || !fonts.bold || !fonts.large || !fonts.huge || !fonts.giant) {
        atlas->Clear();
        return make_error("font_atlas", "ImGui refused a font from " + files.family);  // defensive
    }
    // A wide atlas of exactly the needed height: a few GPUs still stop at 4096 or 8192 texels,
    // and rounding a 4096x2100 atlas up to 4096x4096 would cost 32 MB for nothing.
    atlas->TexDesiredWidth = 4096;
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    if (!atlas->Build()) {
        atlas->Clear();
        return make_error("font_atlas", "cannot build the font atlas for " + files.family);
    }
    ImGui::GetIO().FontDefault = fonts.body;
    fonts.keep_alive = std::move(storage);
    return fonts;
}

Result<Fonts> load_default_fonts(const FontSizes& sizes) {
    std::optional<FontFiles> files = find_fonts();
    if (!files) {
        log::error("ui",
                   "no font found: install Debian's fonts-dejavu-core (DejaVu Sans) or fonts-noto-core (Noto Sans), "
                   "e.g. with ./hall setup; searched /usr/share/fonts, /usr/local/share/fonts, ~/.local/share/fonts, "
                   "~/.fonts");
        return make_error("font_missing", "neither DejaVu Sans nor Noto Sans is installed");
    }
    Result<Fonts> fonts = load_fonts(*files, sizes);
    if (!fonts) {
        log::error("ui", "cannot load the font " + files->family + ": " + fonts.error().message);
        return fonts;
    }
    log::debug("ui", "font " + files->family + " from " + files->regular.string());
    return fonts;
}

}  // namespace hall::ui
