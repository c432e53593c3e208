#include "web/platform/font_atlas.h"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h> // ImTextCharFromUtf8

#include <algorithm>

namespace bondstore::web {

bool AddGlyphText(FontAtlas& atlas, std::string_view utf8)
{
    // Called for every UI string of every locale at start-up: a bit per code point keeps it linear.
    if (atlas.has.empty()) atlas.has.resize(IM_UNICODE_CODEPOINT_MAX + 1);
    size_t before = atlas.text.size();
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        unsigned int c = 0;
        int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        p += n;
        if (c < 0x20 || c > IM_UNICODE_CODEPOINT_MAX || atlas.has[c]) continue;
        atlas.has[c] = true;
        atlas.text.push_back(c);
    }
    return atlas.text.size() != before;
}

bool RebuildFontAtlas(FontAtlas& atlas, float size_px)
{
    double start = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault()); // ASCII + Latin-1
    for (unsigned int c : atlas.text) builder.AddChar(ImWchar(c));
    static ImVector<ImWchar> ranges; // ImGui keeps a pointer to the ranges until the next build
    ranges.clear();
    builder.BuildRanges(&ranges);

    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts->Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false; // atlas.ttf owns the bytes
    config.OversampleH = 1;              // CJK glyphs gain nothing from horizontal oversampling
    config.PixelSnapH = true;
    config.RasterizerMultiply = atlas.weight;
    ImFont* font = io.Fonts->AddFontFromMemoryTTF(atlas.ttf.data(), int(atlas.ttf.size()), size_px, &config, ranges.Data);
    if (!font) return false;
    if (!atlas.extra_ttf.empty()) {
        // Merged: glyphs the first font has stay its own; the rest come from here.
        ImFontConfig merge = config;
        merge.MergeMode = true;
        io.Fonts->AddFontFromMemoryTTF(atlas.extra_ttf.data(), int(atlas.extra_ttf.size()), size_px, &merge, ranges.Data);
    }
    for (auto& [block, ttf] : atlas.slices) {
        ImFontConfig merge = config;
        merge.MergeMode = true;
        io.Fonts->AddFontFromMemoryTTF(ttf.data(), int(ttf.size()), size_px, &merge, ranges.Data);
    }
    io.Fonts->Build();
    atlas.width = io.Fonts->TexWidth;
    atlas.height = io.Fonts->TexHeight;
    bool ok = ImGui_ImplOpenGL3_CreateFontsTexture();
    atlas.build_ms = float(emscripten_get_now() - start);
    return ok;
}

std::vector<unsigned int> MissingFontSlices(const FontAtlas& atlas)
{
    std::vector<unsigned int> out;
    ImGuiIO& io = ImGui::GetIO();
    if (io.Fonts->Fonts.empty()) return out;
    const ImFont* font = io.Fonts->Fonts[0];
    for (unsigned int c : atlas.text) {
        if (c <= 0x20 || font->FindGlyphNoFallback(ImWchar(c))) continue;
        unsigned int block = c - c % kFontSliceSize;
        if (!atlas.requested.count(block) && std::find(out.begin(), out.end(), block) == out.end()) out.push_back(block);
    }
    return out;
}

} // namespace bondstore::web
