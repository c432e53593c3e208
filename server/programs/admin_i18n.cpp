// bondstore-admin i18n export-po|import-po: the translator's round trip (core/i18n/po_file.h).
#include "server/programs/admin_commands.h"

#include "server/base/files.h"

#include "core/i18n/i18n_bundle.h"
#include "core/i18n/po_file.h"
#include "core/i18n/text_conversion.h"

#include <cstdio>
#include <filesystem>

#ifndef BONDSTORE_I18N_DIR
#define BONDSTORE_I18N_DIR "i18n"
#endif

namespace bondstore::admin {

int I18n(const std::vector<std::string>& args)
{
    if (args.size() < 2 || (args[0] != "export-po" && args[0] != "import-po")) { PrintUsage(); return 2; }
    bool importing = args[0] == "import-po";
    std::string tag = args[1], file, out_path, dir = BONDSTORE_I18N_DIR, lang = "en";
    bool dry_run = false;
    for (size_t i = 2; i < args.size(); i++) {
        if (args[i] == "--i18n-dir" && i + 1 < args.size()) dir = args[++i];
        else if (args[i] == "--out" && i + 1 < args.size() && !importing) out_path = args[++i];
        else if (args[i] == "--lang" && i + 1 < args.size()) lang = args[++i];
        else if (args[i] == "--dry-run" && importing) dry_run = true;
        else if (importing && file.empty() && args[i].rfind("--", 0) != 0) file = args[i];
        else { std::fprintf(stderr, "bondstore-admin: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    const LocaleInfo* locale = FindLocale(tag);
    if (!locale || !locale->pseudo_from.empty() || tag == SourceLocale()) {
        std::fprintf(stderr, "bondstore-admin: '%s' is not a translated locale (locales.json; %s is the source)\n",
                     tag.c_str(), SourceLocale().c_str());
        return 2;
    }
    if (importing && file.empty()) { PrintUsage(); return 2; }
    lang = NegotiateLocale({lang}); // "DE", "zh_TW" as a person types them

    std::string source_text, current_text;
    std::string source_path = dir + "/" + SourceLocale() + ".json", locale_path = dir + "/" + tag + ".json";
    if (!ReadFile(source_path, &source_text)) { std::fprintf(stderr, "bondstore-admin: cannot read %s\n", source_path.c_str()); return 2; }
    if (std::filesystem::exists(locale_path) && !ReadFile(locale_path, &current_text)) { // a new locale has none yet
        std::fprintf(stderr, "bondstore-admin: cannot read %s\n", locale_path.c_str());
        return 2;
    }
    std::vector<Problem> file_problems;
    TranslationFile source = ParseTranslationFile(source_text, &file_problems);
    TranslationFile current = current_text.empty() ? TranslationFile() : ParseTranslationFile(current_text, &file_problems);
    Messages messages = LoadBundledMessages(lang, nullptr, ConvertText);
    if (!file_problems.empty()) {
        for (const Problem& p : file_problems) std::fprintf(stderr, "error: %s\n", DescribeProblem(messages, p).c_str());
        return 1;
    }

    if (!importing) {
        std::string po = ExportPo(tag, source, current);
        if (out_path.empty()) std::fwrite(po.data(), 1, po.size(), stdout);
        else if (!WriteFileAtomically(out_path, po)) { std::fprintf(stderr, "bondstore-admin: cannot write %s\n", out_path.c_str()); return 1; }
        TranslationStatus status = StatusOf(source, current);
        std::fprintf(stderr, "%s: %zu messages, %d fuzzy, %d untranslated\n", tag.c_str(), source.messages.size(),
                     status.fuzzy, status.untranslated);
        return 0;
    }
    std::string po;
    if (!ReadFile(file, &po)) { std::fprintf(stderr, "bondstore-admin: cannot read %s\n", file.c_str()); return 2; }
    PoImport result = ImportPo(po, tag, source, current);
    for (const Problem& p : result.problems)
        std::fprintf(stderr, "%s:%lld: error: %s\n", file.c_str(), static_cast<long long>(p.row), DescribeProblem(messages, p).c_str());
    if (!result.ok()) {
        std::fprintf(stderr, "%s: %zu errors; %s not changed\n", file.c_str(), result.problems.size(), locale_path.c_str());
        return 1;
    }
    if (!dry_run && !WriteFileAtomically(locale_path, TranslationFileToJson(result.file))) {
        std::fprintf(stderr, "bondstore-admin: cannot write %s\n", locale_path.c_str());
        return 1;
    }
    std::fprintf(stderr, "%s: %d translated, %d fuzzy, %d untranslated%s\n", locale_path.c_str(), result.translated,
                 result.fuzzy, result.untranslated, dry_run ? " (dry run: not written)" : "");
    return 0;
}

} // namespace bondstore::admin
