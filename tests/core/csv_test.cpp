#include <doctest/doctest.h>

#include "core/formats/csv.h"

#include <string>
#include <vector>

using namespace bondstore;

namespace {

struct Read {
    std::vector<CsvRecord> records;
    Problem error;
    bool failed = false;
};

// Reads `text` fed in pieces of `chunk` bytes (1 = byte by byte, the hardest case).
Read ReadCsv(const std::string& text, size_t chunk = 1 << 20, char delimiter = ',', CsvLimits limits = {})
{
    Read out;
    CsvReader r(delimiter, limits);
    auto take = [&](const CsvRecord& rec) { out.records.push_back(rec); return true; };
    for (size_t at = 0; at < text.size() && !r.failed(); at += chunk) r.Feed(std::string_view(text).substr(at, chunk), take);
    if (!r.failed()) r.Finish(take);
    out.failed = r.failed();
    if (out.failed) out.error = r.error();
    return out;
}

std::vector<std::string> F(std::initializer_list<const char*> fields) { return {fields.begin(), fields.end()}; }

} // namespace

TEST_CASE("RFC 4180: quotes, doubled quotes, embedded newlines, CRLF, a BOM — in any chunking")
{
    std::string text = "\xEF\xBB\xBF" "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"line 1\nline 2\",\r\n3,,\"\"\r\n";
    for (size_t chunk : {size_t(1), size_t(2), size_t(3), size_t(7), size_t(1000)}) {
        CAPTURE(chunk);
        Read r = ReadCsv(text, chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == 4);
        CHECK(r.records[0].fields == F({"a", "b", "c"})); // no BOM in the first header
        CHECK(r.records[1].fields == F({"1", "x, y", "say \"hi\""}));
        CHECK(r.records[2].fields == F({"2", "line 1\nline 2", ""}));
        CHECK(r.records[3].fields == F({"3", "", ""}));
        // Spreadsheet rows: one row per record, header = 1.
        CHECK(r.records[1].row == 2);
        CHECK(r.records[2].row == 3);
        CHECK(r.records[3].row == 4); // an embedded newline does not make a row
    }
}

TEST_CASE("line endings: LF, CRLF, lone CR, and no newline at the end")
{
    CHECK(ReadCsv("a,b\nc,d").records.size() == 2);
    CHECK(ReadCsv("a,b\r\nc,d\r\n").records.size() == 2);
    CHECK(ReadCsv("a,b\rc,d\r").records.size() == 2);
    CHECK(ReadCsv("a,b\rc,d\r").records[1].fields == F({"c", "d"}));
    CHECK(ReadCsv("a\tb\n1\t2\n", 1 << 20, '\t').records[1].fields == F({"1", "2"}));
    CHECK(ReadCsv("a,\"b\"\n", 1).records[0].fields == F({"a", "b"}));
    CHECK(ReadCsv("x\n").records.size() == 1);
    CHECK(ReadCsv("").records.empty());
    CHECK(ReadCsv("5\" screen,ok\n").records[0].fields == F({"5\" screen", "ok"})); // a stray quote is text
}

TEST_CASE("empty lines are skipped but counted as rows, even a million of them")
{
    std::string text = "h\n" + std::string(1000000, '\n') + "last\n";
    Read r = ReadCsv(text, 1 << 16);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[1].row == 1000002);
}

TEST_CASE("defects name the row and column")
{
    Read open = ReadCsv("a,b\n1,\"never closed\n2,3\n");
    REQUIRE(open.failed);
    CHECK(open.error.code == "csv.unterminated_quote");
    CHECK(open.error.row == 2);

    Read after = ReadCsv("a,b\n1,\"q\"x\n");
    REQUIRE(after.failed);
    CHECK(after.error.code == "csv.text_after_quote");
    CHECK(after.error.row == 2);
    CHECK(after.error.field == "2");

    Read latin1 = ReadCsv("name,price\nCr\xe8me,5\n");
    REQUIRE(latin1.failed);
    CHECK(latin1.error.code == "csv.invalid_utf8");
    CHECK(latin1.error.row == 2);
    CHECK(latin1.error.field == "1");

    std::string huge = "a\n\"" + std::string(10u << 20, 'x') + "\"\n";
    Read big = ReadCsv(huge, 1 << 16);
    REQUIRE(big.failed);
    CHECK(big.error.code == "csv.field_too_long");
    CHECK(big.error.row == 2);

    CsvLimits few;
    few.max_fields = 3;
    Read wide = ReadCsv("a,b,c,d\n", 1 << 20, ',', few);
    REQUIRE(wide.failed);
    CHECK(wide.error.code == "csv.too_many_fields");
}
