// FontAtlas: builds ImGui's font texture from the UI fonts (wqy-microhei, and DejaVu Sans for
// Arabic, both subset at build time) with exactly the glyphs the app is about to show, so the
// atlas stays small (512² instead of 4096² for the full Chinese range) and builds in tens of
// milliseconds.
//
// The subset holds the UI's strings and the sample catalog. A character outside it (a name typed
// at checkout, a product uploaded after the build) is drawn from a slice of the full font: 256
// code points per file (fonts/uXXXX.ttf, scripts/slice_font.py), fetched when first needed and
// merged into the atlas, so no text stays as empty boxes.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore::web {

struct FontAtlas {
    std::string ttf;                 // the font file; ImGui reads it in place, so it lives here
    std::string extra_ttf;           // merged in for what `ttf` lacks: Arabic (DejaVu Sans subset)
    std::vector<unsigned int> text;  // every code point the atlas must hold (unique, in arrival order)
    std::vector<bool> has;           // has[c]: c is in `text` (a bit per BMP code point)
    std::map<unsigned int, std::string> slices; // block's first code point → slice font file
    std::set<unsigned int> requested;           // blocks fetched or being fetched (found or not)
    // Heavier strokes for a brand that asks for a medium or bold weight: the fonts have one weight,
    // so their coverage is multiplied when rasterised (ImFontConfig::RasterizerMultiply).
    float weight = 1;
    int width = 0, height = 0;       // of the last built texture
    float build_ms = 0;
};

// Adds the code points of `utf8` to the atlas's set. Returns true if any were new.
bool AddGlyphText(FontAtlas& atlas, std::string_view utf8);

constexpr unsigned int kFontSliceSize = 256;

// Rebuilds ImGui's font and the GL texture from atlas.ttf (and extra_ttf and the slices) at
// `size_px`. Call between frames.
bool RebuildFontAtlas(FontAtlas& atlas, float size_px);

// The slices (first code points) holding characters of `text` the built atlas has no glyph for,
// not yet requested. The caller fetches them, marks them requested, and rebuilds with them.
std::vector<unsigned int> MissingFontSlices(const FontAtlas& atlas);

} // namespace bondstore::web
