// The translator round trip: a locale's catalog out as PO, back in with every error found and
// placed by line; stale translations flagged fuzzy through the stored source hashes.
#include <doctest/doctest.h>

#include "core/i18n_bundle.h"
#include "core/po_file.h"

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
