#include "core/formats/csv.h"

#include "core/base/localized_text.h" // IsValidUtf8

#include <algorithm>

namespace bondstore {

CsvReader::CsvReader(char delimiter, CsvLimits limits) : delimiter_(delimiter), limits_(limits) {}

bool CsvReader::Fail(const char* code, int64_t row, std::string value)
{
    error_.code = code;
    error_.row = row;
    error_.field = std::to_string(record_.fields.size() + 1); // 1-based column
    error_.value = ShortenForReport(value);
    stopped_ = true;
    return false;
}

bool CsvReader::EndField()
{
    if (!IsValidUtf8(field_)) return Fail("csv.invalid_utf8", row_);
    if (record_.fields.size() >= limits_.max_fields) return Fail("csv.too_many_fields", row_, std::to_string(limits_.max_fields));
    record_.fields.push_back(std::move(field_));
    field_.clear();
    return true;
}

bool CsvReader::EndRecord(const OnRecord& on_record)
{
    if (!EndField()) return false;
    bool empty_line = record_.fields.size() == 1 && record_.fields[0].empty();
    record_.row = row_;
    bool go_on = empty_line || on_record(record_);
    record_.fields.clear();
    row_++; // a spreadsheet shows a record with embedded newlines as one row
    if (!go_on) stopped_ = true;
    return go_on;
}

bool CsvReader::Feed(std::string_view chunk, const OnRecord& on_record)
{
    if (stopped_) return false;
    bytes_ += chunk.size();
    if (!bom_checked_) {
        // A UTF-8 byte-order mark (Excel writes one) is not part of the first header name. The
        // first three bytes may arrive in pieces, so they are gathered first.
        size_t take = std::min<size_t>(3 - head_.size(), chunk.size());
        head_.append(chunk.substr(0, take));
        chunk.remove_prefix(take);
        if (head_.size() < 3) return true;
        bom_checked_ = true;
        if (head_ != "\xEF\xBB\xBF" && !Consume(head_, on_record)) return false;
    }
    return Consume(chunk, on_record);
}

bool CsvReader::Consume(std::string_view chunk, const OnRecord& on_record)
{
    // After a field's content: a delimiter ends the field, a line break ends the record. Returns
    // false if `c` is neither (or the reader stopped).
    auto end_of_field = [&](char c, bool* handled) {
        *handled = true;
        if (c == delimiter_) {
            state_ = State::FieldStart;
            return EndField();
        }
        if (c == '\n' || c == '\r') {
            state_ = c == '\r' ? State::AfterCr : State::FieldStart;
            return EndRecord(on_record);
        }
        *handled = false;
        return true;
    };
    auto append = [&](char c, int64_t row) {
        if (field_.size() >= limits_.max_field_bytes)
            return Fail("csv.field_too_long", row, std::to_string(limits_.max_field_bytes));
        field_ += c;
        return true;
    };
    bool handled = false;
    for (size_t i = 0; i < chunk.size(); i++) {
        char c = chunk[i];
        switch (state_) {
        case State::AfterCr:
            state_ = State::FieldStart;
            if (c == '\n') continue; // CRLF: the record already ended at CR
            [[fallthrough]];
        case State::FieldStart:
            if (c == '"') {
                state_ = State::Quoted;
                quote_row_ = row_;
                continue;
            }
            state_ = State::Unquoted;
            [[fallthrough]];
        case State::Unquoted:
            if (!end_of_field(c, &handled)) return false;
            // A quote inside an unquoted field (a 5" screen) is kept as it is.
            if (!handled && !append(c, row_)) return false;
            break;
        case State::Quoted:
            if (c == '"') state_ = State::QuoteInQuoted;
            else if (!append(c, quote_row_)) return false;
            break;
        case State::QuoteInQuoted:
            if (c == '"') { // "" is a literal quote
                field_ += '"';
                state_ = State::Quoted;
                break;
            }
            if (!end_of_field(c, &handled)) return false;
            if (!handled) {
                return Fail("csv.text_after_quote", row_, std::string(1, c));
            }
            break;
        }
    }
    return true;
}

bool CsvReader::Finish(const OnRecord& on_record)
{
    if (stopped_) return false;
    if (!bom_checked_) {
        bom_checked_ = true;
        if (!Consume(head_, on_record)) return false;
    }
    switch (state_) {
    case State::Quoted:
        return Fail("csv.unterminated_quote", quote_row_);
    case State::FieldStart:
        // Nothing pending unless a delimiter just ended a field on this line.
        if (record_.fields.empty()) { stopped_ = true; return true; }
        break;
    case State::AfterCr:
        stopped_ = true;
        return true;
    default:
        break;
    }
    bool ok = EndRecord(on_record);
    stopped_ = true;
    return ok;
}

void AppendCsvField(std::string& out, std::string_view field, char delimiter)
{
    const char specials[] = {delimiter, '"', '\r', '\n', '\0'};
    bool quote = field.find_first_of(specials) != std::string_view::npos;
    if (!quote) { out.append(field); return; }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

} // namespace bondstore
