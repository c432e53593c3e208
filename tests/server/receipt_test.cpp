// Customs' receipts as they come (../shared/customs/CLEARANCE.md §2): UTF-8, or GB2312, GBK or
// GB18030 as the XML declaration names it (integrators' published receipts say gb2312), with
// the ceb prefix, another prefix or the default namespace. Any other encoding, bytes that are not
// what the declaration says, and a DOCTYPE are refused. The GB bytes come from Python's codecs, an
// implementation independent of the iconv the server decodes with.
#include "server/customs/ceb_receipt.h"
#include "server/customs/ceb_tax_bill.h"
#include "tests/server/server_process.h"

#include <doctest/doctest.h>

#include <string>

using namespace bondstore;
using namespace bondstore::test;

namespace {

const std::string kGuid = "4cd3b5f4-2b4f-4b55-9a52-6c35a8a0a001";

std::string ReceiptXml(const std::string& declaration, const std::string& info, const std::string& prefix = "ceb:")
{
    std::string ns = prefix.empty() ? "xmlns" : "xmlns:" + prefix.substr(0, prefix.size() - 1);
    return declaration + "<" + prefix + "CEB312Message guid=\"" + kGuid + "\" version=\"1.0\" " + ns +
           "=\"http://www.chinaport.gov.cn/ceb\"><" + prefix + "OrderReturn><" + prefix + "guid>" + kGuid + "</" + prefix + "guid><" +
           prefix + "orderNo>BS2612050000000001</" + prefix + "orderNo><" + prefix + "returnStatus>2</" + prefix + "returnStatus><" + prefix +
           "returnTime>20261205120000000</" + prefix + "returnTime><" + prefix + "returnInfo>" + info + "</" + prefix + "returnInfo></" +
           prefix + "OrderReturn></" + prefix + "CEB312Message>";
}

// `utf8` in `codec` (a Python codec name), by Python.
std::string Encoded(const std::string& utf8, const std::string& codec)
{
    TempDir dir;
    WriteFile(dir.path + "/in", utf8);
    RunResult r = Run("/usr/bin/python3", {"-c", "import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding='utf-8').read().encode(sys.argv[2]))",
                                           dir.path + "/in", codec});
    REQUIRE(r.exit_code == 0);
    return r.out;
}

} // namespace

TEST_CASE("customs' receipts as they come: UTF-8 or GB2312/GBK/GB18030 as declared, any namespace prefix; other encodings refused")
{
    // UTF-8, declared or not.
    for (const std::string& declaration : {std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), std::string()}) {
        CebReceiptParse p = ParseCebReceipts(ReceiptXml(declaration, "订单新增申报成功"));
        REQUIRE_MESSAGE(p.ok(), p.error);
        CHECK(p.receipts[0].info == "订单新增申报成功");
    }
    // GB2312 as integrators' receipts declare it, in either quotes and any case.
    for (const std::string& declaration : {std::string("<?xml version=\"1.0\" encoding=\"gb2312\"?>\n"),
                                           std::string("<?xml version='1.0' encoding='GB2312' standalone='yes'?>\n")}) {
        CebReceiptParse p = ParseCebReceipts(Encoded(ReceiptXml(declaration, "订单新增申报成功[" + kGuid + "]"), "gb2312"));
        REQUIRE_MESSAGE(p.ok(), p.error);
        CHECK(p.receipts[0].info == "订单新增申报成功[" + kGuid + "]");
        CHECK(p.receipts[0].order_no == "BS2612050000000001");
    }
    // A name GB2312 cannot write (镕 is GBK's), declared GB2312 or GBK: read as GB18030, their superset.
    for (const char* name : {"gb2312", "GBK"}) {
        CebReceiptParse p = ParseCebReceipts(Encoded(ReceiptXml("<?xml version=\"1.0\" encoding=\"" + std::string(name) + "\"?>", "朱镕基"), "gbk"));
        REQUIRE_MESSAGE(p.ok(), p.error);
        CHECK(p.receipts[0].info == "朱镕基");
    }
    // GB18030's four-byte characters.
    CebReceiptParse four = ParseCebReceipts(Encoded(ReceiptXml("<?xml version=\"1.0\" encoding=\"GB18030\"?>", "𠀀㐀"), "gb18030"));
    REQUIRE_MESSAGE(four.ok(), four.error);
    CHECK(four.receipts[0].info == "𠀀㐀");
    // Another prefix, or the default namespace.
    for (const std::string& prefix : {std::string("c:"), std::string()}) {
        CebReceiptParse p = ParseCebReceipts(ReceiptXml("", "ok", prefix));
        REQUIRE_MESSAGE(p.ok(), p.error);
        CHECK(p.receipts[0].code == 2);
    }

    // Bytes that are not what the declaration says: UTF-8 declared as GB2312.
    CebReceiptParse lie = ParseCebReceipts(ReceiptXml("<?xml version=\"1.0\" encoding=\"gb2312\"?>", "订"));
    CHECK_FALSE(lie.ok());
    CHECK(lie.error.find("not gb2312 text") != std::string::npos);
    // GB bytes declared (or taken) as UTF-8.
    CHECK_FALSE(ParseCebReceipts(Encoded(ReceiptXml("", "订单新增申报成功"), "gb2312")).ok());
    // Encodings customs does not use.
    CebReceiptParse latin = ParseCebReceipts(ReceiptXml("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "ok"));
    CHECK_FALSE(latin.ok());
    CHECK(latin.error.find("\"iso-8859-1\" is not accepted") != std::string::npos);
    // A DOCTYPE, in any encoding.
    std::string doctype = Encoded(ReceiptXml("<?xml version=\"1.0\" encoding=\"gb2312\"?><!DOCTYPE x [<!ENTITY e \"订\">]>", "&e;"), "gb2312");
    CebReceiptParse dtd = ParseCebReceipts(doctype);
    CHECK_FALSE(dtd.ok());
    CHECK(dtd.error.find("DOCTYPE") != std::string::npos);
}

TEST_CASE("a return's receipt (CEB626, InvtRefundReturn): keyed by copNo, customs' numbers kept, written back the same")
{
    CebReceipt r{"return", kGuid, "BS20261205000001", 399, "20261205120000000", "[Code:2300;Desc:审核通过]", "TBS202612050000010",
                 "80122026I100000001"};
    r.pre_no = r.pre_no.substr(0, 18);
    std::string xml = CebReceiptsXml({r}, kGuid);
    CHECK(xml.find("<ceb:CEB626Message") != std::string::npos);
    CHECK(xml.find("<ceb:InvtRefundReturn>") != std::string::npos);
    CebReceiptParse p = ParseCebReceipts(xml);
    REQUIRE_MESSAGE(p.ok(), p.error);
    REQUIRE(p.receipts.size() == 1);
    CHECK(p.receipts[0].message == "return");
    CHECK(p.receipts[0].order_no == "BS20261205000001");
    CHECK(p.receipts[0].code == 399);
    CHECK(p.receipts[0].pre_no == "TBS202612050000010");
    CHECK(p.receipts[0].invt_no == "80122026I100000001");
    // A return receipt whose item is not InvtRefundReturn is not one.
    std::string wrong = xml;
    wrong.replace(wrong.find("InvtRefundReturn"), 16, "InvtCancelReturn");
    CHECK(ParseCebReceipts(wrong).receipts.empty());
}

TEST_CASE("customs' tax bill (CEB816) read leniently: orderNo beside the schema's fields, five decimals, all or nothing")
{
    TaxBill b;
    b.tax_no = "50001000000001T";
    b.invt_no = "80122026I100000001";
    b.order_no = "BS20261205000001";
    b.status = 1;
    b.return_time = "20261205120000000";
    b.customs_tax = {0, 0};
    b.vat = {2712000, 5};
    b.consumption_tax = {0, 0};
    b.lines = {{1, "1901101000", {29800, 2}, {0, 0}, {2712, 2}, {0, 0}}};
    std::string xml = CebTaxBillsXml({b}, kGuid);
    CHECK(IsCebTaxBillMessage(xml));
    CHECK(!IsCebTaxBillMessage(CebReceiptsXml({CebReceipt{"order", kGuid, "BS1", 2, "20261205120000000", "ok", "", ""}}, kGuid)));
    CebTaxBillParse p = ParseCebTaxBills(xml);
    REQUIRE_MESSAGE(p.ok(), p.error);
    REQUIRE(p.bills.size() == 1);
    CHECK(p.bills[0].tax_no == b.tax_no);
    CHECK(p.bills[0].order_no == b.order_no);
    CHECK(p.bills[0].vat == Decimal{2712, 2});
    REQUIRE(p.bills[0].lines.size() == 1);
    CHECK(p.bills[0].lines[0].tax_price == Decimal{29800, 2});
    // Without orderNo (the schema's own head): matched by invtNo later.
    std::string bare = xml;
    bare.erase(bare.find("\t\t\t<ceb:orderNo>"), std::string("\t\t\t<ceb:orderNo>BS20261205000001</ceb:orderNo>\n").size());
    CebTaxBillParse q = ParseCebTaxBills(bare);
    REQUIRE_MESSAGE(q.ok(), q.error);
    CHECK(q.bills[0].order_no.empty());
    // Refused whole: six decimals, a negative tax, an unknown status, no taxNo, a DOCTYPE.
    auto broken = [&](const std::string& from, const std::string& to) {
        std::string x = xml;
        x.replace(x.find(from), from.size(), to);
        return ParseCebTaxBills(x);
    };
    CHECK(!broken("27.12</ceb:valueAddedTax>", "27.120001</ceb:valueAddedTax>").ok());
    CHECK(!broken("<ceb:customsTax>0<", "<ceb:customsTax>-1<").ok());
    CHECK(!broken("<ceb:status>1<", "<ceb:status>4<").ok());
    CHECK(!broken("<ceb:taxNo>50001000000001T<", "<ceb:taxNo><").ok());
    CHECK(!broken("<ceb:CEB816Message", "<!DOCTYPE x [<!ENTITY e \"1\">]><ceb:CEB816Message").ok());
    CHECK(!ParseCebTaxBills("<ceb:CEB816Message xmlns:ceb=\"http://www.chinaport.gov.cn/ceb\"/>").ok());
}
