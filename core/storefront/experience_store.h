// ExperienceStore: a community experience store (体验店) of the pilot zone: a shop floor where
// shoppers see imported goods, try them and order from a kiosk; what they order ships from the
// bonded warehouse after customs clears it, like any order. The goods on its shelves are display
// samples ("front display, back warehouse"): counted per store, shown on the product's page as
// "on display at …", and never sold — they are not bonded stock.
#pragma once

#include "core/base/localized_text.h"
#include "core/base/problem.h"
#include "core/i18n/i18n.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct ExperienceStore {
    std::string id;       // the operator's name for it ("jiefangbei"): see IsStoreId
    LocalizedText name;   // in every bundled language
    std::string address;  // as a shopper would find it, ≤ 200 characters
    std::string district; // its county-level administrative code (GB/T 2260, 6 digits)
    std::string hours;    // opening hours, local time: "10:00-22:00"
};

// Letters, digits, '-', '_' and '.', 1 to 64 of them (a store's, a kiosk's id).
bool IsStoreId(std::string_view id);

// What is wrong with a store, against the bundled locales' tags (`locales`): store.id_format,
// store.name_missing (value: the locale), store.name_invalid, store.address_missing,
// store.address_too_long, store.district_invalid, store.hours_format. Section "store".
std::vector<Problem> CheckExperienceStore(const ExperienceStore& store, const std::vector<std::string>& locales);

// Goods on a store's shelves, by SKU.
struct DisplaySample {
    std::string store, sku;
    int64_t count = 0; // > 0
};

// The stores showing `sku`, in the order of `stores`.
std::vector<const ExperienceStore*> StoresShowing(const std::vector<ExperienceStore>& stores,
                                                  const std::vector<DisplaySample>& samples, std::string_view sku);

// The product page's line for the stores showing it ("On display at the Jiefangbei store and 1
// more"), in the language of `messages` (names along `chain`); "" for none. `here`: the kiosk's
// own store is one of them ("On display in this store").
std::string OnDisplayLine(const Messages& messages, const std::vector<std::string>& chain,
                          const std::vector<const ExperienceStore*>& showing, bool here);

} // namespace bondstore
