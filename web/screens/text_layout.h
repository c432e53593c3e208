// TextLayout: putting text on screen in the shopper's direction. Dear ImGui draws glyphs left to
// right and aligns left; for a right-to-left locale (ar, ar-XB) every string goes through core's
// VisualText (Arabic shaping, then bidi reordering) and is aligned to the right, paragraphs are
// broken into lines in logical order before each line is reordered, and tables list their
// columns from the right. In a left-to-right locale these are plain ImGui calls.
#pragma once

#include <string>

namespace bondstore::web {

struct App;

// `logical` as ImGui must draw it: shaped and reordered when the locale is right to left or the
// text holds right-to-left letters (an Arabic title in an English UI), else unchanged. Cached per
// locale; new glyphs are queued for the font atlas.
std::string Shown(App& app, const std::string& logical);

enum class Tone { Normal, Disabled };

// One line of text at the reading start of the current column or window (right edge for RTL).
void Label(App& app, const std::string& text, Tone tone = Tone::Normal);
// One line made smaller (down to 3/4 of the size) when it is wider than the column: a card's
// short line ("≈ ¥346.94 with tax") that must be read whole, never cut.
void FittedLabel(App& app, const std::string& text, Tone tone = Tone::Normal);
// One line of text at the reading end (amounts in a right-hand column for LTR).
void LabelAtEnd(App& app, const std::string& text, Tone tone = Tone::Normal);
// Text wrapped to the available width, each line aligned to the reading start.
void Paragraph(App& app, const std::string& text, Tone tone = Tone::Normal);
// (Each of these also describes its text to screen readers: platform/accessibility.h.)
// At most `lines` lines of it (the last cut with "…"), always taking the height of `lines` lines,
// so cards of a grid keep one height whatever their names. Breaks at spaces, and inside a word
// (Chinese and Japanese have no spaces) where a word is wider than the line. Not described: it is a
// card's title, which the card's link already names.
void ClampedParagraph(App& app, const std::string& text, int lines, Tone tone = Tone::Normal);

// The visual position of logical column `column` of `count`: mirrored right to left, so the
// first logical column (the product name) sits on the reading side.
int VisualColumn(const App& app, int column, int count);

// The header row of the current table, labels aligned to the reading start of their columns.
void TableHeaders(const App& app);

} // namespace bondstore::web
