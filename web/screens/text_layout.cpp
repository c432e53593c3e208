#include "web/screens/text_layout.h"

#include "web/platform/accessibility.h"
#include "web/state/app.h"

#include "core/i18n/bidi_text.h"

#include <imgui.h>
#include <imgui_internal.h> // the window's font scale, to restore it

#include <algorithm>

namespace bondstore::web {

// True if `s` may hold right-to-left text: Hebrew to NKo (U+0590–U+07FF), Arabic presentation
// forms (U+FB1D–U+FEFF) or the explicit direction marks (U+200F, U+202B, U+202E, U+2067).
static bool MayHoldRightToLeft(const std::string& s)
{
    for (size_t i = 0; i < s.size(); i++) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xD6 && c <= 0xDF) return true;
        if (c == 0xEF && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0xAC &&
            static_cast<unsigned char>(s[i + 1]) <= 0xBB) return true;
        if (c == 0xE2 && i + 2 < s.size()) {
            unsigned char b = static_cast<unsigned char>(s[i + 1]), d = static_cast<unsigned char>(s[i + 2]);
            if ((b == 0x80 && (d == 0x8F || d == 0xAB || d == 0xAE)) || (b == 0x81 && d == 0xA7)) return true;
        }
    }
    return false;
}

std::string Shown(App& app, const std::string& logical)
{
    // Left to right, only text with right-to-left letters (an Arabic title or language name)
    // needs the work.
    // Every shown string's glyphs join the atlas (a bit test per code point): text from the
    // server (customs' notes, an uploaded catalog) never shows as empty boxes for long.
    if (!app.rtl && !MayHoldRightToLeft(logical)) {
        app.font_dirty |= AddGlyphText(app.font, logical);
        return logical;
    }
    auto it = app.visual_text.find(logical);
    if (it != app.visual_text.end()) return it->second;
    // Texts come from a few hundred messages and the visible rows; a long session of searches
    // could still grow the cache without end, so it starts over when large.
    if (app.visual_text.size() > 4096) app.visual_text.clear();
    std::string visual = VisualText(logical, app.rtl);
    app.font_dirty |= AddGlyphText(app.font, visual); // shaped forms the atlas may not have yet
    return app.visual_text.emplace(logical, std::move(visual)).first->second;
}

static void Draw(const std::string& shown, Tone tone)
{
    if (tone == Tone::Disabled) ImGui::TextDisabled("%s", shown.c_str());
    else ImGui::TextUnformatted(shown.c_str());
}

static void AlignEnd(const std::string& shown)
{
    float width = ImGui::CalcTextSize(shown.c_str()).x;
    float avail = ImGui::GetContentRegionAvail().x;
    if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - width);
}

// Every text drawn through these functions is also described to screen readers (accessibility.h),
// once per label or paragraph, in logical order; a card's clamped title is not (its link says it).
static void Describe(const std::string& text) { DescribeText({.role = Role::Text, .name = text}); }

static void DrawLabel(App& app, const std::string& text, Tone tone)
{
    std::string shown = Shown(app, text);
    if (app.rtl) {
        // Right-aligned; a line too long for its column is cut where it ends, so an Arabic line
        // keeps its right part, a Latin name (an English title) its left part.
        float width = ImGui::CalcTextSize(shown.c_str()).x;
        float avail = ImGui::GetContentRegionAvail().x;
        if (width <= avail || StartsRightToLeft(text)) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - width);
    }
    Draw(shown, tone);
}

void Label(App& app, const std::string& text, Tone tone)
{
    DrawLabel(app, text, tone);
    Describe(text);
}

void FittedLabel(App& app, const std::string& text, Tone tone)
{
    const float width = ImGui::CalcTextSize(Shown(app, text).c_str()).x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float scale = width > avail && width > 0 ? std::max(0.75f, avail / width) : 1.0f;
    const float restore = ImGui::GetCurrentWindow()->FontWindowScale;
    if (scale < 1.0f) ImGui::SetWindowFontScale(restore * scale);
    Label(app, text, tone);
    if (scale < 1.0f) ImGui::SetWindowFontScale(restore);
}

void LabelAtEnd(App& app, const std::string& text, Tone tone)
{
    std::string shown = Shown(app, text);
    if (!app.rtl) AlignEnd(shown);
    Draw(shown, tone);
    Describe(text);
}

void Paragraph(App& app, const std::string& text, Tone tone)
{
    if (!app.rtl) {
        const std::string& shown = Shown(app, text); // (its glyphs join the atlas)
        if (tone == Tone::Disabled) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        ImGui::TextWrapped("%s", shown.c_str());
        if (tone == Tone::Disabled) ImGui::PopStyleColor();
        Describe(text);
        return;
    }
    // Break in logical order (words at spaces), measuring each candidate line as it will be drawn;
    // then reorder and right-align line by line. The first words of the paragraph thus stay on
    // the first line, which wrapping the reordered text would get backwards.
    float width = ImGui::GetContentRegionAvail().x;
    std::string line;
    size_t pos = 0;
    auto flush = [&] {
        if (!line.empty()) DrawLabel(app, line, tone);
        line.clear();
    };
    ImGui::BeginGroup(); // (one item, described once)
    while (pos <= text.size()) {
        size_t space = text.find(' ', pos);
        std::string word = text.substr(pos, space == std::string::npos ? std::string::npos : space - pos);
        std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && ImGui::CalcTextSize(Shown(app, candidate).c_str()).x > width) {
            flush();
            line = word;
        } else {
            line = std::move(candidate);
        }
        if (space == std::string::npos) break;
        pos = space + 1;
    }
    flush();
    ImGui::EndGroup();
    Describe(text);
}

// The bytes of `text` from `pos` that fit in `width` as shown, ending at a space if one is in
// reach, else at a character boundary (at least one character).
static size_t FittingBytes(App& app, const std::string& text, size_t pos, float width)
{
    size_t end = pos, last_space = std::string::npos;
    while (end < text.size()) {
        size_t next = end + 1;
        while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) next++;
        // (The first character is always taken: a line holds at least one.)
        if (end > pos && ImGui::CalcTextSize(Shown(app, text.substr(pos, next - pos)).c_str()).x > width) break;
        if (text[end] == ' ') last_space = end;
        end = next;
    }
    if (end >= text.size()) return text.size() - pos;
    if (last_space != std::string::npos && last_space > pos) return last_space - pos;
    return end - pos;
}

void ClampedParagraph(App& app, const std::string& text, int lines, Tone tone)
{
    const float width = ImGui::GetContentRegionAvail().x, line_height = ImGui::GetTextLineHeightWithSpacing();
    const float top = ImGui::GetCursorPosY();
    std::string key = text + '\x1f' + std::to_string(int(width)) + '\x1f' + std::to_string(int(ImGui::GetFontSize() * 10)) +
                      (app.rtl ? "r" : "l") + std::to_string(lines);
    auto it = app.clamped_lines.find(key);
    if (it == app.clamped_lines.end()) {
        if (app.clamped_lines.size() > 4096) app.clamped_lines.clear();
        std::vector<std::string> broken;
        size_t pos = 0;
        for (int line = 0; line < lines && pos < text.size(); line++) {
            while (pos < text.size() && text[pos] == ' ') pos++;
            size_t n = FittingBytes(app, text, pos, width);
            std::string shown = text.substr(pos, n);
            pos += n;
            if (line == lines - 1 && pos < text.size()) {
                // The last line, cut: characters off its end until it fits with the ellipsis.
                auto pop_char = [&] {
                    while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
                    if (!shown.empty()) shown.pop_back();
                };
                while (!shown.empty() && ImGui::CalcTextSize(Shown(app, shown + "…").c_str()).x > width) pop_char();
                while (!shown.empty() && shown.back() == ' ') shown.pop_back();
                shown += "…";
            }
            broken.push_back(std::move(shown));
        }
        it = app.clamped_lines.emplace(std::move(key), std::move(broken)).first;
    }
    for (const std::string& line : it->second) DrawLabel(app, line, tone);
    ImGui::SetCursorPosY(top + line_height * float(lines));
}

int VisualColumn(const App& app, int column, int count) { return app.rtl ? count - 1 - column : column; }

void TableHeaders(const App& app)
{
    if (!app.rtl) {
        ImGui::TableHeadersRow();
        return;
    }
    // ImGui's header row puts each label at the left of its column; right to left they go right.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < ImGui::TableGetColumnCount(); c++) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        const char* name = ImGui::TableGetColumnName(c);
        float width = ImGui::CalcTextSize(name, nullptr, true).x;
        float avail = ImGui::GetContentRegionAvail().x;
        // (An empty label stays put: moving it would widen an auto-fit column every frame.)
        if (width > 0 && avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - width);
        ImGui::PushID(c);
        ImGui::TableHeader(name);
        ImGui::PopID();
    }
}

} // namespace bondstore::web
