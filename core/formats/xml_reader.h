// XmlReader: a small, strict, non-validating XML pull reader — enough for the RSS 2.0 form of a
// Google Merchant Center feed, with no external entities, no DTD processing and no network (so no
// XXE). Elements, attributes, text with the five predefined and numeric character references,
// CDATA, comments and processing instructions; well-formedness (matching tags) is checked and the
// first defect is reported with its line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bondstore {

class XmlReader {
public:
    enum class Event { StartElement, EndElement, Text, End, Error };

    explicit XmlReader(std::string_view document);

    // Advances to the next event. Text between elements is reported only if it is not all
    // whitespace. After End or Error, keeps returning it.
    Event Next();

    // For StartElement/EndElement: the name without its namespace prefix ("g:price" → "price").
    const std::string& local_name() const { return local_name_; }
    const std::string& name() const { return name_; }
    // For StartElement: attributes (qualified name, decoded value).
    const std::vector<std::pair<std::string, std::string>>& attributes() const { return attributes_; }
    // For Text: the decoded text.
    const std::string& text() const { return text_; }
    // The line the current event starts on (1-based).
    int64_t line() const { return event_line_; }
    // The byte offset in the document where the current event's markup or text starts (an end
    // tag's "</"; for an empty element's end, its start tag's "<").
    size_t offset() const { return event_offset_; }
    int depth() const { return int(stack_.size()); }

    // For Error: a stable code ("xml.syntax", "xml.mismatched_tag", "xml.unknown_entity",
    // "xml.doctype_not_allowed", "xml.unexpected_end") and the line.
    const std::string& error() const { return error_; }

private:
    Event Fail(const char* code);
    bool DecodeText(std::string_view raw, std::string* out);
    bool Skip(std::string_view terminator); // past the next `terminator`
    char Peek(size_t ahead = 0) const { return pos_ + ahead < doc_.size() ? doc_[pos_ + ahead] : '\0'; }
    void Advance(size_t n);

    std::string_view doc_;
    size_t pos_ = 0;
    int64_t line_ = 1;
    int64_t event_line_ = 1;
    size_t event_offset_ = 0;
    std::vector<std::string> stack_;
    std::string name_, local_name_, text_, error_;
    std::vector<std::pair<std::string, std::string>> attributes_;
    bool pending_end_ = false; // <empty/>: the end event still to deliver
    bool done_ = false;
    bool seen_root_ = false;
};

} // namespace bondstore
