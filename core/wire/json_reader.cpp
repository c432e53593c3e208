#include "core/wire/json_reader.h"

namespace bondstore::wire {

Problem SectionProblem(const char* code, const char* section, int64_t index, std::string value)
{
    Problem p;
    p.code = code;
    p.section = section;
    p.index = index;
    p.value = ShortenForReport(value);
    return p;
}

namespace {

// Collects the byte offset of the first syntax error (nlohmann reports it only through an
// exception or a SAX handler; this handler accepts everything else).
struct SyntaxErrorFinder {
    size_t position = 0;
    std::string what;
    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(json::number_integer_t) { return true; }
    bool number_unsigned(json::number_unsigned_t) { return true; }
    bool number_float(json::number_float_t, const std::string&) { return true; }
    bool string(std::string&) { return true; }
    bool binary(json::binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(std::string&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex)
    {
        position = pos;
        what = ex.what();
        return false;
    }
};

} // namespace

json ParseDocument(std::string_view text, Problem* problem, const json::parser_callback_t& callback)
{
    json doc = json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        SyntaxErrorFinder finder;
        json::sax_parse(text.begin(), text.end(), &finder, nlohmann::detail::input_format_t::json, true);
        problem->code = "json.syntax";
        problem->field = "offset";
        problem->value = std::to_string(finder.position);
    }
    return doc;
}

json ParseObject(std::string_view text, std::vector<Problem>* problems)
{
    Problem syntax;
    json doc = ParseDocument(text, &syntax);
    if (doc.is_discarded()) {
        if (problems) problems->push_back(std::move(syntax));
        return doc;
    }
    if (!doc.is_object()) {
        if (problems) problems->push_back(SectionProblem("json.expected_object", "", -1, doc.dump().substr(0, 40)));
        return json(json::value_t::discarded);
    }
    return doc;
}

} // namespace bondstore::wire
