#include "core/storefront/product_offer.h"

#include "core/i18n/i18n_bundle.h"

namespace bondstore {

ProductOffer OfferFor(const Product& p, std::string_view site, const std::vector<std::string>& chain,
                      std::string url, std::string category_name, bool in_stock)
{
    ProductOffer o;
    o.url = std::move(url);
    o.name = std::string(ChooseText(p.title, p.machine_title, chain).text);
    o.description = std::string(ChooseText(p.description, {}, chain).text);
    o.brand = p.brand;
    o.sku = p.sku;
    o.gtin = p.barcode;
    o.category = std::move(category_name);
    o.origin_iso = p.origin_iso;
    for (const std::string& image : p.images)
        o.images.push_back(!image.empty() && image[0] == '/' ? std::string(site) + image : image);
    o.price = p.price;
    o.in_stock = in_stock;
    return o;
}

} // namespace bondstore
