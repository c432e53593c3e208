#include "server/customs/ceb_schema.h"

#include "server/customs/xml_document.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

namespace bondstore {

struct CebSchema::Impl {
    xmlSchema* schema = nullptr;
};

namespace {

// libxml2 reports through callbacks; collect the messages as lines.
void Collect(void* into, const xmlError* e)
{
    auto* out = static_cast<std::vector<std::string>*>(into);
    std::string message = e->message ? e->message : "error";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    out->push_back((e->line > 0 ? "line " + std::to_string(e->line) + ": " : std::string()) + message);
}

} // namespace

std::unique_ptr<CebSchema> CebSchema::Load(const std::string& xsd_file, std::string* error)
{
    std::vector<std::string> problems;
    xmlSchemaParserCtxt* parser = xmlSchemaNewParserCtxt(xsd_file.c_str());
    if (!parser) { *error = "cannot read the CEB schema " + xsd_file; return nullptr; }
    xmlSchemaSetParserStructuredErrors(parser, [](void* into, xmlErrorPtr e) { Collect(into, e); }, &problems);
    xmlSchema* schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (!schema) {
        *error = "cannot load the CEB schema " + xsd_file + (problems.empty() ? std::string() : ": " + problems.front());
        return nullptr;
    }
    std::unique_ptr<CebSchema> out(new CebSchema);
    out->impl_ = new Impl{schema};
    return out;
}

CebSchema::~CebSchema()
{
    if (impl_) xmlSchemaFree(impl_->schema);
    delete impl_;
}

std::vector<std::string> CebSchema::Validate(std::string_view xml) const
{
    std::vector<std::string> problems;
    std::string why;
    XmlDoc owned = ParseXmlDocument(xml, &why);
    if (!owned) return {why};
    xmlDoc* doc = owned.get();
    // A validation context per call: the parsed schema itself is shared, read-only.
    xmlSchemaValidCtxt* ctx = xmlSchemaNewValidCtxt(impl_->schema);
    xmlSchemaSetValidStructuredErrors(ctx, [](void* into, xmlErrorPtr e) { Collect(into, e); }, &problems);
    int rc = xmlSchemaValidateDoc(ctx, doc);
    xmlSchemaFreeValidCtxt(ctx);
    if (rc != 0 && problems.empty()) problems.push_back("not valid against the CEB schema");
    return problems;
}

} // namespace bondstore
