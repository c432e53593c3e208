// FieldReader: reads typed fields out of a JSON object for the wire parsers (wire_*.cpp),
// recording a Problem for each field that is missing or has the wrong type. Internal to core.
#pragma once

#include "core/base/decimal.h"
#include "core/base/localized_text.h"
#include "core/base/money.h"
#include "core/base/problem.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore::wire {

using json = nlohmann::ordered_json;


// Exceptions are never used: nlohmann's checked accessors are avoided.
struct FieldReader {
    const json& obj;
    const char* section;
    int64_t index;
    std::vector<Problem>& problems;
    std::string sku;
    std::string prefix; // for nested objects: "origin."

    FieldReader(const json& o, const char* sec, int64_t idx, std::vector<Problem>& out, std::string item_sku = {},
                std::string field_prefix = {})
        : obj(o), section(sec), index(idx), problems(out), sku(std::move(item_sku)), prefix(std::move(field_prefix)) {}

    void Report(const char* code, std::string field, std::string value = {})
    {
        Problem p;
        p.code = code;
        p.section = section;
        p.index = index;
        p.sku = sku;
        p.field = prefix + field;
        p.value = ShortenForReport(value);
        problems.push_back(std::move(p));
    }

    const json* Get(const char* key, bool required)
    {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) {
            if (required) Report("json.missing_field", key);
            return nullptr;
        }
        return &*it;
    }

    std::string String(const char* key, bool required)
    {
        const json* v = Get(key, required);
        if (!v) return {};
        if (!v->is_string()) { Report("json.expected_string", key, v->dump()); return {}; }
        const std::string& s = v->get_ref<const std::string&>();
        return s;
    }

    int64_t Integer(const char* key, bool required)
    {
        const json* v = Get(key, required);
        if (!v) return 0;
        if (v->is_number_integer()) return v->get<int64_t>();
        if (v->is_number_unsigned()) {
            // Values above INT64_MAX arrive as unsigned; they are out of any range we accept.
            Report("json.integer_out_of_range", key, v->dump());
            return 0;
        }
        if (v->is_number_float()) {
            // A whole number beyond 64 bits arrives as a float: say it is too big, not "not whole".
            // (Doubles that large have no fractional part.)
            double d = v->get<double>();
            if (d >= 9.2e18 || d <= -9.2e18) {
                Report("json.integer_out_of_range", key, v->dump());
                return 0;
            }
        }
        Report("json.expected_integer", key, v->dump());
        return 0;
    }

    Money Fen(const char* key, bool required)
    {
        int64_t fen = Integer(key, required);
        if (fen > kMaxFen || fen < -kMaxFen) {
            Report("json.integer_out_of_range", key, std::to_string(fen));
            return {};
        }
        return {fen};
    }

    Decimal DecimalString(const char* key, bool required)
    {
        const json* v = Get(key, required);
        if (!v) return {};
        std::string text;
        if (v->is_string()) text = v->get_ref<const std::string&>();
        else if (v->is_number_integer() || v->is_number_unsigned()) text = v->dump();
        else { Report("json.expected_decimal", key, v->dump()); return {}; }
        DecimalParse d = ParseDecimal(text);
        if (!d.ok()) { Report(d.error == "decimal.negative" ? "json.negative_decimal" : "json.expected_decimal", key, text); return {}; }
        return d.value;
    }

    LocalizedText Localized(const char* key, bool required)
    {
        LocalizedText out;
        const json* v = Get(key, required);
        if (!v) return out;
        if (!v->is_object()) { Report("json.expected_object", key, v->dump()); return out; }
        for (auto it = v->begin(); it != v->end(); ++it) {
            if (!it.value().is_string()) {
                Report("json.expected_string", std::string(key) + "." + it.key(), it.value().dump());
                continue;
            }
            out.Set(it.key(), it.value().get<std::string>());
        }
        return out;
    }

    std::vector<std::string> StringList(const char* key)
    {
        std::vector<std::string> out;
        const json* v = Get(key, false);
        if (!v) return out;
        if (!v->is_array()) { Report("json.expected_array", key, v->dump()); return out; }
        for (const json& e : *v) {
            if (!e.is_string()) { Report("json.expected_string", key, e.dump()); continue; }
            out.push_back(e.get<std::string>());
        }
        return out;
    }

    // Flags fields that are not in `known`, which catches typos like "hs_cod".
    void UnknownFields(std::initializer_list<std::string_view> known)
    {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            bool found = false;
            for (std::string_view k : known) found |= (k == it.key());
            if (!found) {
                Report("json.unknown_field", it.key());
                problems.back().severity = Severity::Warning;
            }
        }
    }
};


Problem SectionProblem(const char* code, const char* section, int64_t index, std::string value = {});

// Text in several languages as an object of locale → text, in its order (what FieldReader::Localized reads).
inline json LocalizedJson(const LocalizedText& text)
{
    json j = json::object();
    for (const auto& [locale, value] : text.entries) j[locale] = value;
    return j;
}

// Parses `text`; on a syntax error returns a discarded value and sets *problem to "json.syntax"
// with the 1-based byte offset as its value. `callback` (nlohmann's parser callback) may take
// elements as they complete and drop them from the document, so a large array is never held whole.
json ParseDocument(std::string_view text, Problem* problem, const json::parser_callback_t& callback = nullptr);

// A document that must be one JSON object: the object, or a discarded value with "json.syntax" or
// "json.expected_object" added to `problems` (when given).
json ParseObject(std::string_view text, std::vector<Problem>* problems = nullptr);

} // namespace bondstore::wire
