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
    // wqy-microhei draws the typographic quotes and the ellipsis full-width, as Chinese sets them:
    // in French "n’importe" read "n’ importe" and "catalogue…" ended in three centred dots. They
    // come from DejaVu instead (proportional, as the Latin, Cyrillic and Arabic text around them
    // wants; Chinese pages set in a Latin font's quotes read fine), so the first font is built
    // without them and the merged one adds them.
    static ImVector<ImWchar> first_ranges;
    first_ranges.clear();
    if (!atlas.extra_ttf.empty()) {
        for (ImWchar c : {0x2018, 0x2019, 0x201C, 0x201D, 0x2026}) builder.UsedChars[c >> 5] &= ~(1u << (c & 31));
        builder.BuildRanges(&first_ranges);
    }

    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts->Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false; // atlas.ttf owns the bytes
    config.OversampleH = 1;              // CJK glyphs gain nothing from horizontal oversampling
    config.PixelSnapH = true;
    config.RasterizerMultiply = atlas.weight;
    ImFont* font = io.Fonts->AddFontFromMemoryTTF(atlas.ttf.data(), int(atlas.ttf.size()), size_px, &config,
                                                  first_ranges.empty() ? ranges.Data : first_ranges.Data);
    if (!font) return false;
    if (!atlas.extra_ttf.empty()) {
        // Merged: glyphs the first font has stay its own; the rest (and the quotes) come from here.
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
