// BidiText: right-to-left text for a renderer that only draws glyphs left to right (Dear ImGui).
// ICU shapes Arabic letters into their joined presentation forms (u_shapeArabic) and reorders
// each line from logical to visual order (the Unicode bidi algorithm, ubidi), so Arabic, Latin
// and digits mixed in one line come out as a reader expects. Both run on data compiled into ICU's
// common library: no data file needed, the same in the browser and on the server.
#pragma once

#include <string>
#include <string_view>

namespace bondstore {

// The line(s) of `logical` in visual order, Arabic shaped. `rtl` is the paragraph direction
// (true for an Arabic UI). Lines (split at '\n') are reordered one by one.
std::string VisualText(std::string_view logical, bool rtl);

// True if the first strong character of `text` is right to left (Arabic, Hebrew): where a
// right-aligned line that does not fit should keep its beginning visible.
bool StartsRightToLeft(std::string_view text);

// (Which locales are written right to left is said once, in i18n/locales.json: LocaleInfo::rtl.)

} // namespace bondstore
