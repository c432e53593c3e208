#include "core/storefront/experience_store.h"

#include "core/i18n/i18n_bundle.h"
#include "core/orders/order.h"

namespace bondstore {

namespace {

Problem StoreProblem(const char* code, const char* field, std::string value = {}, std::string limit = {})
{
    Problem p;
    p.code = code;
    p.section = "store";
    p.field = field;
    p.value = ShortenForReport(value);
    p.limit = std::move(limit);
    return p;
}

// Printable text: valid UTF-8 without control characters (it is shown, and sent to kiosks).
bool Printable(std::string_view s)
{
    if (!IsValidUtf8(s)) return false;
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f) return false;
    return true;
}

// "HH:MM" from 00:00 to 24:00, as minutes; -1 if it is not one.
int Minutes(std::string_view hhmm)
{
    if (hhmm.size() != 5 || hhmm[2] != ':') return -1;
    for (size_t i : {0, 1, 3, 4})
        if (hhmm[i] < '0' || hhmm[i] > '9') return -1;
    int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0'), m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
    return h * 60 + m;
}

} // namespace

bool IsStoreId(std::string_view id)
{
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            return false;
    return true;
}

std::vector<Problem> CheckExperienceStore(const ExperienceStore& store, const std::vector<std::string>& locales)
{
    std::vector<Problem> out;
    if (!IsStoreId(store.id)) out.push_back(StoreProblem("store.id_format", "id", store.id));
    for (const std::string& locale : locales) {
        const std::string* name = store.name.Find(locale);
        if (!name || name->empty()) out.push_back(StoreProblem("store.name_missing", "name", locale));
        else if (!Printable(*name) || CountCodePoints(*name) > 100) out.push_back(StoreProblem("store.name_invalid", "name", *name, "100"));
    }
    if (store.address.empty()) out.push_back(StoreProblem("store.address_missing", "address"));
    else if (!Printable(store.address) || CountCodePoints(store.address) > 200)
        out.push_back(StoreProblem("store.address_too_long", "address", store.address, "200"));
    if (!IsDistrictCode(store.district)) out.push_back(StoreProblem("store.district_invalid", "district", store.district));
    const size_t dash = store.hours.find('-');
    const int open = dash == std::string::npos ? -1 : Minutes(std::string_view(store.hours).substr(0, dash));
    const int close = dash == std::string::npos ? -1 : Minutes(std::string_view(store.hours).substr(dash + 1));
    if (open < 0 || close < 0 || open >= close) out.push_back(StoreProblem("store.hours_format", "hours", store.hours));
    return out;
}

std::vector<const ExperienceStore*> StoresShowing(const std::vector<ExperienceStore>& stores,
                                                  const std::vector<DisplaySample>& samples, std::string_view sku)
{
    std::vector<const ExperienceStore*> out;
    for (const ExperienceStore& s : stores)
        for (const DisplaySample& d : samples)
            if (d.store == s.id && d.sku == sku && d.count > 0) {
                out.push_back(&s);
                break;
            }
    return out;
}

std::string OnDisplayLine(const Messages& messages, const std::vector<std::string>& chain,
                          const std::vector<const ExperienceStore*>& showing, bool here)
{
    if (showing.empty()) return {};
    if (here) return messages.Format("product.on_display_here");
    return messages.Format("product.on_display", {{"store", std::string(ChooseText(showing.front()->name, {}, chain).text)},
                                                  {"more", int64_t(showing.size() - 1)}});
}

} // namespace bondstore
