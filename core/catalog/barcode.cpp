#include "core/catalog/barcode.h"

namespace bondstore {

char GtinCheckDigit(std::string_view data)
{
    // From the right, weights alternate 3, 1, 3, … starting next to the check digit.
    int sum = 0;
    int weight = 3;
    for (size_t i = data.size(); i-- > 0;) {
        sum += (data[i] - '0') * weight;
        weight = weight == 3 ? 1 : 3;
    }
    return char('0' + (10 - sum % 10) % 10);
}

BarcodeCheck CheckBarcode(std::string_view s)
{
    if (s.size() != 8 && s.size() != 12 && s.size() != 13 && s.size() != 14)
        return BarcodeCheck::WrongLength;
    for (char c : s)
        if (c < '0' || c > '9') return BarcodeCheck::NotDigits;
    return GtinCheckDigit(s.substr(0, s.size() - 1)) == s.back() ? BarcodeCheck::Ok
                                                                  : BarcodeCheck::WrongCheckDigit;
}

} // namespace bondstore
