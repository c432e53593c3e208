// FontAtlas: builds ImGui's font texture from the UI fonts (wqy-microhei, and DejaVu Sans for
// Arabic, both subset at build time)
// with exactly the glyphs the app is about to show, so the atlas stays small (512² instead of
// 4096² for the full Chinese range) and builds in tens of milliseconds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bondstore::web {

struct FontAtlas {
    std::string ttf;                 // the font file; ImGui reads it in place, so it lives here
    std::string extra_ttf;           // merged in for what `ttf` lacks: Arabic (DejaVu Sans subset)
    std::vector<unsigned int> text;  // every code point the atlas must hold (unique, in arrival order)
    std::vector<bool> has;           // has[c]: c is in `text` (a bit per BMP code point)
    int width = 0, height = 0;       // of the last built texture
    float build_ms = 0;
};

// Adds the code points of `utf8` to the atlas's set. Returns true if any were new.
bool AddGlyphText(FontAtlas& atlas, std::string_view utf8);

// Rebuilds ImGui's font and the GL texture from atlas.ttf at `size_px`. Call between frames.
bool RebuildFontAtlas(FontAtlas& atlas, float size_px);

} // namespace bondstore::web
