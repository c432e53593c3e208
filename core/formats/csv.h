// Csv: an RFC 4180 reader that takes a file in chunks (push) and hands over one record at a time,
// so a 100,000-row file is never held as a table: quoted fields, doubled quotes, embedded
// newlines, CRLF or LF, a UTF-8 byte-order mark, a delimiter of choice (',' or '\t').
//
// Rows are numbered as a spreadsheet shows the file: the header is row 1, and a record with an
// embedded newline is still one row. Empty lines are skipped (but counted). The first defect
// stops the reader with a Problem naming the row and column: "csv.unterminated_quote" (the row the
// quoted field began on), "csv.text_after_quote", "csv.field_too_long", "csv.too_many_fields",
// "csv.invalid_utf8".
#pragma once

#include "core/base/problem.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct CsvLimits {
    size_t max_field_bytes = 1u << 20; // 1 MiB: no honest catalog field is longer
    size_t max_fields = 1024;
};

struct CsvRecord {
    int64_t row = 0;                 // spreadsheet row (header = 1)
    std::vector<std::string> fields;
};

class CsvReader {
public:
    // Return false from the callback to stop reading.
    using OnRecord = std::function<bool(const CsvRecord&)>;

    explicit CsvReader(char delimiter = ',', CsvLimits limits = {});

    // Reads the next chunk of the file. Returns false once the reader has stopped (an error, or
    // the callback said stop); later calls do nothing.
    bool Feed(std::string_view chunk, const OnRecord& on_record);
    // The end of the file: completes the last record, reports an unterminated quote.
    bool Finish(const OnRecord& on_record);

    bool failed() const { return !error_.code.empty(); }
    const Problem& error() const { return error_; }
    int64_t rows() const { return row_ - 1; } // rows read so far, empty ones included
    uint64_t bytes() const { return bytes_; }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted, AfterCr };
    bool Consume(std::string_view bytes, const OnRecord& on_record);
    bool EndField();
    bool EndRecord(const OnRecord& on_record);
    bool Fail(const char* code, int64_t row, std::string value = {});

    char delimiter_;
    CsvLimits limits_;
    State state_ = State::FieldStart;
    std::string field_;
    CsvRecord record_;
    int64_t row_ = 1;          // the spreadsheet row of the current record
    int64_t quote_row_ = 0;    // where an open quoted field began
    uint64_t bytes_ = 0;
    bool bom_checked_ = false;
    std::string head_;         // the first bytes, until the BOM question is settled
    bool stopped_ = false;
    Problem error_;
};

// The media type of the CSV files Bondstore writes (UTF-8).
inline constexpr std::string_view kCsvMediaType = "text/csv; charset=utf-8";

// Appends one field as RFC 4180 writes it: quoted (quotes doubled) when it holds the delimiter, a
// quote or a line break, else as it is.
void AppendCsvField(std::string& out, std::string_view field, char delimiter = ',');

} // namespace bondstore
