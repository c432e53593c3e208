// libFuzzer target: what translators and stores hand the i18n code — PO files (ImportPo against
// the real English source and German catalog), MessageFormat patterns (argument analysis and
// pseudo-localisation, whose output must still compile), display-currency rate files — and any
// text through Arabic shaping and bidi reordering. The first byte picks which.
#include "core/i18n/bidi_text.h"
#include "core/i18n/i18n_bundle.h"
#include "core/i18n/message_pattern.h"
#include "core/i18n/po_file.h"
#include "core/wire/currency_rates_json.h"

#include <cstdlib>

using namespace bondstore;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0) return 0;
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 4) {
    case 0: {
        static const TranslationFile source = ParseTranslationFile(EmbeddedI18nFile("en"), nullptr);
        static const TranslationFile german = ParseTranslationFile(EmbeddedI18nFile("de"), nullptr);
        PoImport r = ImportPo(text, "de", source, german);
        if (r.ok()) {
            // What was accepted must export and import again unchanged.
            PoImport again = ImportPo(ExportPo("de", source, r.file), "de", source, r.file);
            if (!again.ok() || TranslationFileToJson(again.file) != TranslationFileToJson(r.file)) std::abort();
        }
        break;
    }
    case 1: {
        std::map<std::string, std::string> args, pseudo_args;
        if (!MessageArguments(text, &args)) break;
        for (PseudoKind kind : {PseudoKind::Accented, PseudoKind::Bidi}) {
            std::string pseudo = Pseudolocalize(text, kind);
            pseudo_args.clear();
            // Pseudo-localisation changes literal text only: the result parses, with the same arguments.
            if (!MessageArguments(pseudo, &pseudo_args) || pseudo_args != args) std::abort();
        }
        break;
    }
    case 2:
        if (IsValidUtf8(text)) {
            VisualText(text, true);
            VisualText(text, false);
            StartsRightToLeft(text);
        }
        break;
    case 3: {
        CurrencyRatesParse rates = ParseCurrencyRatesJson(text);
        if (rates.ok() && !ParseCurrencyRatesJson(CurrencyRatesToJson(rates.rates)).ok()) std::abort();
        break;
    }
    }
    return 0;
}
