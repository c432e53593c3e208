// The translator round trip: a locale's catalog out as PO, back in with every error found and
// placed by line; stale translations flagged fuzzy through the stored source hashes.
#include <doctest/doctest.h>

#include "core/i18n/i18n_bundle.h"
#include "core/i18n/message_pattern.h"
#include "core/i18n/po_file.h"

#include <algorithm>

using namespace bondstore;

namespace {

TranslationFile Source()
{
    TranslationFile f;
    f.messages = {{"cart.title", "Your cart"},
                  {"browse.count", "{count, plural, one {# product} other {# products}}"},
                  {"cart.note", "Say \"hi\"\nto {name}"}};
    return f;
}

TranslationFile German()
{
    TranslationFile f;
    f.messages = {{"cart.title", "Ihr Warenkorb"}, {"browse.count", "{count, plural, one {# Produkt} other {# Produkte}}"}};
    for (const auto& [key, text] : Source().messages) f.source_hashes[key] = SourceHash(text);
    return f;
}

std::vector<std::string> Codes(const PoImport& r)
{
    std::vector<std::string> out;
    for (const Problem& p : r.problems) out.push_back(p.code + " line " + std::to_string(p.row) + " " + p.field);
    return out;
}

} // namespace

TEST_CASE("export: msgctxt is the key, msgid the source, msgstr the translation; untranslated empty")
{
    std::string po = ExportPo("de", Source(), German());
    CHECK(po.find("\"Language: de\\n\"") != std::string::npos);
    CHECK(po.find("msgctxt \"cart.title\"\nmsgid \"Your cart\"\nmsgstr \"Ihr Warenkorb\"\n") != std::string::npos);
    CHECK(po.find("msgctxt \"cart.note\"\nmsgid \"Say \\\"hi\\\"\\nto {name}\"\nmsgstr \"\"\n") != std::string::npos);
    CHECK(po.find("#, fuzzy") == std::string::npos); // every translation is of the current source
}

TEST_CASE("round trip: what goes out comes back unchanged")
{
    TranslationFile de = German();
    PoImport back = ImportPo(ExportPo("de", Source(), de), "de", Source(), de);
    CHECK(back.problems.empty());
    CHECK(back.file.messages == de.messages);
    CHECK(back.file.source_hashes == std::map<std::string, std::string>{{"cart.title", SourceHash("Your cart")},
                                                                         {"browse.count", de.source_hashes["browse.count"]}});
    CHECK(back.translated == 2);
    CHECK(back.untranslated == 1);
    CHECK(TranslationFileToJson(ParseTranslationFile(TranslationFileToJson(back.file), nullptr)) == TranslationFileToJson(back.file));

    // Every bundled locale survives the trip too.
    TranslationFile source = ParseTranslationFile(EmbeddedI18nFile(SourceLocale()), nullptr);
    for (const LocaleInfo& l : BundledLocales()) {
        if (l.tag == SourceLocale()) continue;
        CAPTURE(l.tag);
        std::vector<Problem> problems;
        TranslationFile file = ParseTranslationFile(EmbeddedI18nFile(l.tag), &problems);
        CHECK(problems.empty());
        std::string po = ExportPo(l.tag, source, file);
        CHECK(po.find("#, fuzzy") == std::string::npos); // every translation is of the current source
        PoImport r = ImportPo(po, l.tag, source, file);
        CHECK(r.problems.empty());
        CHECK(TranslationFileToJson(r.file) == TranslationFileToJson(file));
    }
}

TEST_CASE("a changed source makes the translation fuzzy until a translator clears the flag")
{
    TranslationFile source = Source();
    source.messages[0].second = "Your shopping cart";
    TranslationFile de = German();
    std::string po = ExportPo("de", source, de);
    CHECK(po.find("#, fuzzy\nmsgctxt \"cart.title\"\nmsgid \"Your shopping cart\"\nmsgstr \"Ihr Warenkorb\"") != std::string::npos);
    CHECK(po.find("#, fuzzy\nmsgctxt \"browse.count\"") == std::string::npos);

    // Back unchanged: still fuzzy (the stored hash is the old source's).
    PoImport same = ImportPo(po, "de", source, de);
    REQUIRE(same.ok());
    CHECK(same.fuzzy == 1);
    CHECK(ExportPo("de", source, same.file).find("#, fuzzy\nmsgctxt \"cart.title\"") != std::string::npos);

    // Reviewed: flag removed, text updated: current.
    std::string reviewed = po;
    reviewed.replace(reviewed.find("#, fuzzy\n"), 9, "");
    reviewed.replace(reviewed.find("Ihr Warenkorb"), 13, "Ihr Einkaufswagen");
    PoImport done = ImportPo(reviewed, "de", source, de);
    REQUIRE(done.ok());
    CHECK(*done.file.Find("cart.title") == "Ihr Einkaufswagen");
    CHECK(done.fuzzy == 0);
    CHECK(ExportPo("de", source, done.file).find("#, fuzzy\nmsgctxt") == std::string::npos);

    // A translation of an older msgid than the current source is stale from the start.
    std::string old = reviewed;
    old.replace(old.find("msgid \"Your shopping cart\""), 26, "msgid \"Your basket\"");
    PoImport stale = ImportPo(old, "de", source, de);
    REQUIRE(stale.ok());
    CHECK(stale.file.source_hashes["cart.title"] == SourceHash("Your basket"));
    CHECK(stale.fuzzy == 1);
}

TEST_CASE("import errors carry their line numbers, and a file with any error changes nothing")
{
    std::string po = "msgid \"\"\n"                                                        // 1
                     "msgstr \"\"\n"                                                       // 2
                     "\"Language: de\\n\"\n"                                               // 3
                     "\n"                                                                  // 4
                     "msgctxt \"cart.titel\"\n"                                            // 5: unknown key
                     "msgid \"Your cart\"\n"
                     "msgstr \"Ihr Warenkorb\"\n"
                     "\n"                                                                  // 8
                     "msgctxt \"browse.count\"\n"                                          // 9: broken pattern
                     "msgid \"{count, plural, one {# product} other {# products}}\"\n"
                     "msgstr \"{count, plural, one {# Produkt} other {# Produkte}\"\n"
                     "\n"                                                                  // 12
                     "msgctxt \"cart.note\"\n"                                             // 13: placeholder renamed
                     "msgid \"Say \\\"hi\\\"\\nto {name}\"\n"
                     "msgstr \"Sag \\\"hallo\\\" zu {nme}\"\n"
                     "\n"                                                                  // 16
                     "msgctxt \"cart.title\"\n"                                            // 17
                     "msgid \"Your cart\"\n"
                     "msgstr \"Ihr Warenkorb\"\n"
                     "\n"                                                                  // 20
                     "msgctxt \"cart.title\"\n"                                            // 21: again
                     "msgid \"Your cart\"\n"
                     "msgstr \"Warenkorb\"\n"
                     "\n"                                                                  // 24
                     "msgid \"no context\"\n"                                              // 25
                     "msgstr \"kein Kontext\"\n"
                     "msgstr[0] \"x\"\n";                                                  // 27: gettext plural
    PoImport r = ImportPo(po, "de", Source(), German());
    CHECK_FALSE(r.ok());
    CHECK(Codes(r) == std::vector<std::string>{"po.syntax line 27 ", "po.unknown_key line 5 cart.titel",
                                               "po.broken_pattern line 9 browse.count",
                                               "po.arguments_differ line 13 cart.note",
                                               "po.duplicate_key line 21 cart.title", "po.no_context line 25 "});
    const Problem& args = r.problems[3];
    CHECK(args.value == "{nme}");
    CHECK(args.limit == "{name}");
    CHECK(r.problems[2].value == "U_PATTERN_SYNTAX_ERROR");

    // Said in words, with the line.
    Messages en = LoadBundledMessages("en");
    CHECK(DescribeProblem(en, r.problems[3]) ==
          "line 13 field “cart.note”: the translation’s placeholders ({nme}) differ from the source’s ({name})");

    PoImport wrong = ImportPo("msgid \"\"\nmsgstr \"Language: fr\\n\"\n", "de", Source(), German());
    CHECK(Codes(wrong) == std::vector<std::string>{"po.wrong_language line 1 "});
    PoImport quote = ImportPo("msgctxt \"cart.title\"\nmsgid \"Your cart\"\nmsgstr \"Ihr \"Warenkorb\"\n", "de", Source(), German());
    CHECK(Codes(quote) == std::vector<std::string>{"po.syntax line 3 cart.title"});
}

TEST_CASE("placeholders: same names, and each used in a way the source's value suits")
{
    auto args = [](const char* pattern) {
        std::map<std::string, std::string> out;
        REQUIRE(MessageArguments(pattern, &out));
        return out;
    };
    auto plural = args("{count, plural, one {# item} other {# items}}");
    CHECK(DescribeArguments(plural) == "{count, plural}");
    CHECK(CompatibleArguments(plural, args("{count}件")));                        // no plural forms needed
    CHECK(CompatibleArguments(plural, args("{count, number} Stück")));
    CHECK_FALSE(CompatibleArguments(plural, args("{count, select, a {x} other {y}}"))); // a number is no text
    CHECK_FALSE(CompatibleArguments(plural, args("{n}")));
    CHECK_FALSE(CompatibleArguments(args("{name}"), args("{name, number}")));       // was it a number?
    CHECK_FALSE(CompatibleArguments(args("{a} {b}"), args("{a}")));
    auto both = args("{section}[{index}] ({section, select, products {SKU} other {}})");
    CHECK(DescribeArguments(both) == "{index}, {section}, {section, select}");
    CHECK(CompatibleArguments(both, args("{index} {section}")));
    CHECK(DescribeArguments(args("{d, date, short} {n, number, integer}")) == "{d, date, short}, {n, number, integer}");
}

TEST_CASE("import: a translator's fuzzy flag survives; encodings and escapes; Language as tools write it")
{
    // Flagged fuzzy by the translator although the source did not change: flagged again on export.
    std::string po = ExportPo("de", Source(), German());
    std::string flagged = po;
    flagged.replace(flagged.find("msgctxt \"cart.title\""), 0, "#, fuzzy\n");
    PoImport r = ImportPo(flagged, "de", Source(), German());
    REQUIRE(r.ok());
    CHECK(ExportPo("de", Source(), r.file).find("#, fuzzy\nmsgctxt \"cart.title\"") != std::string::npos);

    // Latin-1 bytes: refused with the line, nothing changes.
    std::string latin1 = po;
    latin1.replace(latin1.find("Ihr Warenkorb"), 13, "Ihr K\xF6rbchen");
    PoImport bad = ImportPo(latin1, "de", Source(), German());
    REQUIRE(bad.problems.size() == 1);
    CHECK(bad.problems[0].code == "import.invalid_utf8");
    CHECK(bad.problems[0].row == int64_t(std::count(po.begin(), po.begin() + int64_t(po.find("Ihr Warenkorb")), '\n') + 1));

    // Every C escape gettext tools write comes back as the character.
    TranslationFile source;
    source.messages = {{"k", "a\tb\r\nc\\d\"e\x01"}};
    TranslationFile de;
    de.messages = {{"k", "x\ty\r\nz\\w\"v\x01"}};
    PoImport trip = ImportPo(ExportPo("de", source, de), "de", source, de);
    CHECK(trip.problems.empty());
    CHECK(*trip.file.Find("k") == *de.Find("k"));
    PoImport escapes = ImportPo("msgctxt \"k\"\nmsgid \"x\"\nmsgstr \"\\x41\\102\\a\\?\"\n", "de", source, {});
    CHECK(escapes.problems.empty());
    CHECK(*escapes.file.Find("k") == "AB\a?");

    // "zh_TW", "de_DE", "DE": the locale's language as tools spell it.
    CHECK(ImportPo("msgid \"\"\nmsgstr \"Language: de_DE\\n\"\n", "de", Source(), German()).ok());
    CHECK(ImportPo("msgid \"\"\nmsgstr \"X-Poedit-Language: French\\nLanguage: de\\n\"\n", "de", Source(), German()).ok());
    CHECK(ImportPo("msgid \"\"\nmsgstr \"Language: zh_TW\\n\"\n", "zh-Hant", Source(), {}).ok());
    CHECK_FALSE(ImportPo("msgid \"\"\nmsgstr \"Language: zh_CN\\n\"\n", "zh-Hant", Source(), {}).ok());
}

TEST_CASE("PO files as tools write them: no blank lines, continuation lines, comments, a BOM")
{
    std::string po = "\xEF\xBB\xBF# translator comment\n"
                     "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n"
                     "#: somewhere\n#, fuzzy, icu-format\n"
                     "msgctxt \"cart.title\"\nmsgid \"\"\n\"Your \"\n\"cart\"\nmsgstr \"\"\n\"Ihr \"\n\"Korb\"\n"
                     "msgctxt \"browse.count\"\nmsgid \"{count, plural, one {# product} other {# products}}\"\n"
                     "msgstr \"{count, plural, one {# Stück} other {# Stück}}\"\n"
                     "#~ msgctxt \"gone\"\n#~ msgid \"old\"\n#~ msgstr \"alt\"\n";
    PoImport r = ImportPo(po, "de", Source(), German());
    CHECK(r.problems.empty());
    CHECK(*r.file.Find("cart.title") == "Ihr Korb");
    CHECK(r.fuzzy == 1); // kept its (current) hash but stays flagged: the translator has not cleared it
    CHECK(*r.file.Find("browse.count") == "{count, plural, one {# Stück} other {# Stück}}");
    CHECK_FALSE(r.file.Find("cart.note"));
}
