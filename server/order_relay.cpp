#include "order_relay.h"

#include "core/wire.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#ifndef BONDSTORE_DEFAULT_CUSTOMS_CONFIG
#define BONDSTORE_DEFAULT_CUSTOMS_CONFIG "assets/customs/declarant.json"
#endif
#ifndef BONDSTORE_DEFAULT_CEB_XSD
#define BONDSTORE_DEFAULT_CEB_XSD "../shared/customs/xsd/v202205/ceb_import_202205.xsd"
#endif

namespace bondstore {

RelayFiles DefaultRelayFiles(const std::string& data_dir)
{
    RelayFiles f;
    f.customs_config = BONDSTORE_DEFAULT_CUSTOMS_CONFIG;
    f.ceb_xsd = BONDSTORE_DEFAULT_CEB_XSD;
    f.signing_key = (std::filesystem::path(data_dir) / "signing-key.pem").string();
    f.signing_cert = (std::filesystem::path(data_dir) / "signing-cert.pem").string();
    return f;
}

std::optional<RelayKit> OpenRelayKit(const RelayFiles& files, bool create_key, std::string* error)
{
    RelayKit kit;
    std::ifstream in(files.customs_config, std::ios::binary);
    if (!in) { *error = "cannot read the customs configuration " + files.customs_config; return std::nullopt; }
    std::stringstream text;
    text << in.rdbuf();
    CustomsConfigParse parsed = ParseCustomsConfigJson(text.str());
    if (!parsed.ok()) { *error = files.customs_config + ": " + parsed.error; return std::nullopt; }
    kit.config = std::move(parsed.config);
    kit.schema = CebSchema::Load(files.ceb_xsd, error);
    if (!kit.schema) return std::nullopt;
    std::error_code ec;
    if (create_key && !std::filesystem::exists(files.signing_key, ec) && !std::filesystem::exists(files.signing_cert, ec) &&
        !CreateSelfSignedSigningKey(files.signing_key, files.signing_cert, "Bondstore development signer (self-signed)", error))
        return std::nullopt;
    kit.signer = OpenRsaSha1Signer(files.signing_key, files.signing_cert, files.key_name, error);
    if (!kit.signer) return std::nullopt;
    return kit;
}

std::optional<CebOrder> CebOrderFor(const Store::OrderDeclaration& d, const PersonalData& keys, int64_t now, std::string* error)
{
    std::optional<std::string> contact = keys.Open(d.contact_sealed);
    if (!contact) {
        *error = "order " + d.order_no + ": its personal data does not open with this data key";
        return std::nullopt;
    }
    nlohmann::json j = nlohmann::json::parse(*contact, nullptr, false);
    auto text = [&](const char* who, const char* what) {
        return j.is_object() && j.contains(who) && j[who].contains(what) && j[who][what].is_string() ? j[who][what].get<std::string>()
                                                                                                       : std::string();
    };
    CebOrder o;
    o.guid = d.guid;
    o.declared_at = d.declared_at ? d.declared_at : now;
    o.order_no = d.order_no;
    o.merchant = d.merchant;
    // The buyer's account on the platform: Bondstore has no accounts, so a pseudonym that is the
    // same for every order of one ID number (and says nothing about it).
    o.buyer_reg_no = "BS" + d.buyer_id_hash.substr(0, 16);
    o.buyer = {text("buyer", "name"), text("buyer", "id_number"), text("buyer", "phone")};
    o.consignee = {text("consignee", "name"), text("consignee", "phone"), text("consignee", "address"), text("consignee", "district")};
    for (const Store::OrderDeclaration::Line& l : d.lines) {
        CatalogParse parsed = ParseCatalogJson("{\"products\":[" + l.product_json + "]}");
        if (l.product_json.empty() || parsed.catalog.products.size() != 1) {
            *error = "order " + d.order_no + ": the product of line " + l.sku + " as sold was not recorded";
            return std::nullopt;
        }
        o.lines.push_back({std::move(parsed.catalog.products[0]), l.qty, l.price, l.goods});
    }
    o.goods = d.goods;
    o.freight = d.freight;
    o.insurance = d.insurance;
    o.tax_total = d.tax_total;
    o.amount_paid = d.amount_to_pay;
    o.payment_id = d.payment_id;
    return o;
}

std::optional<std::string> SignedCebMessage(const CebOrder& order, CebType type, const CustomsConfig& config,
                                            const MessageSigner& signer, const CebSchema& schema, std::string* error)
{
    std::string xml = type == CebType::Order311 ? Ceb311Xml(order, config, error) : Ceb621Xml(order, config, error);
    if (xml.empty()) return std::nullopt;
    std::optional<std::string> signed_xml = signer.Sign(xml, error);
    if (!signed_xml) return std::nullopt;
    std::vector<std::string> problems = schema.Validate(*signed_xml);
    if (!problems.empty()) {
        *error = "order " + order.order_no + ": the generated message is not valid against the CEB schema: " + problems.front() +
                 (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) + " more)" : "");
        return std::nullopt;
    }
    return signed_xml;
}

} // namespace bondstore
