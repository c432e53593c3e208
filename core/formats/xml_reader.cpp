#include "core/formats/xml_reader.h"

namespace bondstore {

XmlReader::XmlReader(std::string_view document) : doc_(document)
{
    if (doc_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

void XmlReader::Advance(size_t n)
{
    for (size_t i = 0; i < n && pos_ < doc_.size(); i++, pos_++)
        if (doc_[pos_] == '\n') line_++;
}

XmlReader::Event XmlReader::Fail(const char* code)
{
    error_ = code;
    done_ = true;
    return Event::Error;
}

bool XmlReader::Skip(std::string_view terminator)
{
    size_t at = doc_.find(terminator, pos_);
    if (at == std::string_view::npos) return false;
    Advance(at + terminator.size() - pos_);
    return true;
}

static bool IsNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

static void AppendUtf8(uint32_t cp, std::string* out)
{
    if (cp < 0x80) { *out += char(cp); }
    else if (cp < 0x800) { *out += char(0xC0 | (cp >> 6)); *out += char(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { *out += char(0xE0 | (cp >> 12)); *out += char(0x80 | ((cp >> 6) & 0x3F)); *out += char(0x80 | (cp & 0x3F)); }
    else { *out += char(0xF0 | (cp >> 18)); *out += char(0x80 | ((cp >> 12) & 0x3F)); *out += char(0x80 | ((cp >> 6) & 0x3F)); *out += char(0x80 | (cp & 0x3F)); }
}

bool XmlReader::DecodeText(std::string_view raw, std::string* out)
{
    out->clear();
    out->reserve(raw.size());
    for (size_t i = 0; i < raw.size(); i++) {
        char c = raw[i];
        if (c != '&') { *out += c; continue; }
        size_t semi = raw.find(';', i);
        if (semi == std::string_view::npos || semi - i > 12) return false;
        std::string_view ent = raw.substr(i + 1, semi - i - 1);
        if (ent == "amp") *out += '&';
        else if (ent == "lt") *out += '<';
        else if (ent == "gt") *out += '>';
        else if (ent == "quot") *out += '"';
        else if (ent == "apos") *out += '\'';
        else if (ent.size() >= 2 && ent[0] == '#') {
            uint32_t cp = 0;
            bool hex = ent[1] == 'x' || ent[1] == 'X';
            std::string_view digits = ent.substr(hex ? 2 : 1);
            if (digits.empty()) return false;
            for (char d : digits) {
                int v = (d >= '0' && d <= '9') ? d - '0' : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
                        : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
                if (v < 0) return false;
                cp = cp * (hex ? 16 : 10) + uint32_t(v);
                if (cp > 0x10FFFF) return false;
            }
            if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
            AppendUtf8(cp, out);
        } else {
            return false;
        }
        i = semi;
    }
    return true;
}

XmlReader::Event XmlReader::Next()
{
    if (done_) return error_.empty() ? Event::End : Event::Error;
    if (pending_end_) {
        pending_end_ = false;
        stack_.pop_back();
        return Event::EndElement;
    }
    for (;;) {
        event_line_ = line_;
        event_offset_ = pos_;
        if (pos_ >= doc_.size()) {
            if (!stack_.empty()) return Fail("xml.unexpected_end");
            if (!seen_root_) return Fail("xml.syntax");
            done_ = true;
            return Event::End;
        }
        if (Peek() != '<') {
            // Text up to the next markup.
            size_t end = doc_.find('<', pos_);
            if (end == std::string_view::npos) end = doc_.size();
            std::string_view raw = doc_.substr(pos_, end - pos_);
            Advance(raw.size());
            bool blank = raw.find_first_not_of(" \t\r\n") == std::string_view::npos;
            if (blank) continue;
            if (stack_.empty()) return Fail("xml.syntax"); // text outside the root
            if (!DecodeText(raw, &text_)) return Fail("xml.unknown_entity");
            return Event::Text;
        }
        std::string_view rest = doc_.substr(pos_);
        if (rest.substr(0, 4) == "<!--") {
            if (!Skip("-->")) return Fail("xml.unexpected_end");
            continue;
        }
        if (rest.substr(0, 9) == "<![CDATA[") {
            Advance(9);
            size_t end = doc_.find("]]>", pos_);
            if (end == std::string_view::npos) return Fail("xml.unexpected_end");
            if (stack_.empty()) return Fail("xml.syntax");
            text_.assign(doc_.substr(pos_, end - pos_));
            Advance(end + 3 - pos_);
            return Event::Text;
        }
        if (rest.substr(0, 2) == "<?") {
            if (!Skip("?>")) return Fail("xml.unexpected_end");
            continue;
        }
        if (rest.substr(0, 2) == "<!") return Fail("xml.doctype_not_allowed"); // DOCTYPE: no DTDs
        if (rest.substr(0, 2) == "</") {
            Advance(2);
            size_t start = pos_;
            while (IsNameChar(Peek())) Advance(1);
            name_.assign(doc_.substr(start, pos_ - start));
            while (Peek() == ' ' || Peek() == '\t' || Peek() == '\r' || Peek() == '\n') Advance(1);
            if (Peek() != '>') return Fail("xml.syntax");
            Advance(1);
            if (stack_.empty() || stack_.back() != name_) return Fail("xml.mismatched_tag");
            stack_.pop_back();
            size_t colon = name_.find(':');
            local_name_ = colon == std::string::npos ? name_ : name_.substr(colon + 1);
            return Event::EndElement;
        }
        // A start tag.
        if (stack_.empty() && seen_root_) return Fail("xml.syntax"); // a second root
        Advance(1);
        size_t start = pos_;
        while (IsNameChar(Peek())) Advance(1);
        if (pos_ == start) return Fail("xml.syntax");
        name_.assign(doc_.substr(start, pos_ - start));
        size_t colon = name_.find(':');
        local_name_ = colon == std::string::npos ? name_ : name_.substr(colon + 1);
        attributes_.clear();
        for (;;) {
            while (Peek() == ' ' || Peek() == '\t' || Peek() == '\r' || Peek() == '\n') Advance(1);
            char c = Peek();
            if (c == '>') { Advance(1); break; }
            if (c == '/' && Peek(1) == '>') { Advance(2); pending_end_ = true; break; }
            size_t a = pos_;
            while (IsNameChar(Peek())) Advance(1);
            if (pos_ == a) return Fail("xml.syntax");
            std::string attr(doc_.substr(a, pos_ - a));
            while (Peek() == ' ' || Peek() == '\t' || Peek() == '\r' || Peek() == '\n') Advance(1);
            if (Peek() != '=') return Fail("xml.syntax");
            Advance(1);
            while (Peek() == ' ' || Peek() == '\t' || Peek() == '\r' || Peek() == '\n') Advance(1);
            char quote = Peek();
            if (quote != '"' && quote != '\'') return Fail("xml.syntax");
            Advance(1);
            size_t end = doc_.find(quote, pos_);
            if (end == std::string_view::npos) return Fail("xml.unexpected_end");
            std::string value;
            std::string_view raw = doc_.substr(pos_, end - pos_);
            if (raw.find('<') != std::string_view::npos) return Fail("xml.syntax");
            if (!DecodeText(raw, &value)) return Fail("xml.unknown_entity");
            Advance(end + 1 - pos_);
            attributes_.emplace_back(std::move(attr), std::move(value));
        }
        if (stack_.size() >= 256) return Fail("xml.syntax"); // nesting no feed needs
        stack_.push_back(name_);
        seen_root_ = true;
        return Event::StartElement;
    }
}

} // namespace bondstore
