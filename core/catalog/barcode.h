// Barcode: GTIN check digits (EAN-8, UPC-A, EAN-13, GTIN-14), GS1 mod-10.
#pragma once

#include <string_view>

namespace bondstore {

enum class BarcodeCheck { Ok, WrongLength, NotDigits, WrongCheckDigit };

BarcodeCheck CheckBarcode(std::string_view digits);

// The check digit ('0'..'9') for the data digits (all but the last). Precondition: digits only.
char GtinCheckDigit(std::string_view data_digits);

} // namespace bondstore
