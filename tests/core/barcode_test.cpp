#include <doctest/doctest.h>

#include "core/catalog/barcode.h"

using namespace bondstore;

TEST_CASE("GTIN check digits (GS1 mod 10)")
{
    CHECK(CheckBarcode("4006381333931") == BarcodeCheck::Ok);  // EAN-13, GS1's own example
    CHECK(CheckBarcode("4006381333932") == BarcodeCheck::WrongCheckDigit);
    CHECK(CheckBarcode("036000291452") == BarcodeCheck::Ok);   // UPC-A
    CHECK(CheckBarcode("96385074") == BarcodeCheck::Ok);       // EAN-8
    CHECK(CheckBarcode("10614141000415") == BarcodeCheck::Ok); // GTIN-14
    CHECK(CheckBarcode("400638133393") == BarcodeCheck::WrongCheckDigit);
    CHECK(CheckBarcode("12345") == BarcodeCheck::WrongLength);
    CHECK(CheckBarcode("40063813339X1") == BarcodeCheck::NotDigits);
    CHECK(GtinCheckDigit("400638133393") == '1');
}
