#include "core/i18n/bidi_text.h"

#include "core/i18n/icu_text.h"

#include <unicode/ubidi.h>
#include <unicode/unistr.h>
#include <unicode/ushape.h>

#include <memory>
#include <vector>

namespace bondstore {

using icu_text::U;
using icu_text::Utf8;

bool StartsRightToLeft(std::string_view text)
{
    icu::UnicodeString u = U(text);
    return ubidi_getBaseDirection(u.getBuffer(), u.length()) == UBIDI_RTL;
}

static std::string VisualLine(const icu::UnicodeString& line, bool rtl)
{
    UErrorCode status = U_ZERO_ERROR;
    // Shape first (letters take their initial/medial/final/isolated forms, lam-alef ligatures),
    // in logical order, then reorder.
    std::vector<UChar> shaped(size_t(line.length()) * 2 + 1);
    int32_t length = u_shapeArabic(line.getBuffer(), line.length(), shaped.data(), int32_t(shaped.size()),
                                   U_SHAPE_LETTERS_SHAPE | U_SHAPE_LENGTH_GROW_SHRINK | U_SHAPE_TEXT_DIRECTION_LOGICAL,
                                   &status);
    if (U_FAILURE(status)) return Utf8(line); // unshaped and in logical order beats nothing
    std::unique_ptr<UBiDi, decltype(&ubidi_close)> bidi(ubidi_open(), ubidi_close);
    ubidi_setPara(bidi.get(), shaped.data(), length, rtl ? UBIDI_RTL : UBIDI_LTR, nullptr, &status);
    std::vector<UChar> visual(size_t(length) + 1);
    int32_t visual_length = ubidi_writeReordered(bidi.get(), visual.data(), int32_t(visual.size()),
                                                 UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &status);
    if (U_FAILURE(status)) return Utf8(line);
    return Utf8(icu::UnicodeString(visual.data(), visual_length));
}

std::string VisualText(std::string_view logical, bool rtl)
{
    std::string out;
    size_t start = 0;
    while (true) {
        size_t nl = logical.find('\n', start);
        std::string_view line = logical.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        out += VisualLine(U(line), rtl);
        if (nl == std::string_view::npos) break;
        out += '\n';
        start = nl + 1;
    }
    return out;
}

} // namespace bondstore
