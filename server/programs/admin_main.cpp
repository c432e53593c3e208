// bondstore-admin: the operator's and merchant's command line. Subcommands:
//   catalog check FILE           validate a catalog file and print every problem
//   catalog fixup FILE           a plain export with customs columns and suggestions added
//   quote                        a tax quote for a QuoteRequest on stdin (docs/tax.md)
//   tokens create|list|revoke    merchant API tokens, in the server's data directory
//   stores put|list|samples      experience stores and the display samples on their shelves
//   kiosks add|list|revoke       kiosks and their one-time enrollment codes
//   import FILE                  upload a catalog to a server, with progress and a report
//   export                       download a merchant's products (JSON or CSV)
//   i18n export-po|import-po     the translator round trip (core/i18n/po_file.h)
//   ceb ORDER_NO                 an order's CEB message, signed, as sent (customs/order_relay.h)
//   tax-bills                    customs' tax bills that differ from the tax charged
//   stats                        the regulator's statistics (table, CSV, XLSX workbook with charts)
//   backup, restore              an online copy of a SQLite store, and putting one back
// Each lives in an admin_*.cpp beside this file (admin_commands.h).
#include "server/programs/admin_commands.h"

#include <cstdio>
#include <cstdlib>

namespace bondstore::admin {

namespace {

const char* kUsage = R"(bondstore-admin — Bondstore operator commands

Usage:
  bondstore-admin catalog fixup FILE [--out FILE] [--hs-keywords FILE] [--lang TAG]
      A plain Shopify export or Google feed (TSV or XML; no customs columns, often no SKUs)
      given back as FILE-fixup.csv (.tsv, .xml): the
      same rows and cells, the customs columns added with suggestions (HS heading and its usual
      code, origin, customs unit, legal quantity; a SKU where a variant has none) and a "Customs
      review" column naming what to check. Import it once each row is checked and its review
      column emptied. Each row's suggestions are listed on stderr.
  bondstore-admin catalog check FILE [--lang TAG] [--json]
      Validate a catalog file (native JSON). Prints every problem with its product, field and
      reason; exits 0 if the file can be loaded, 1 if not.
  bondstore-admin quote [--tax-table FILE] [--lang TAG]
      Read a QuoteRequest (JSON, inline lines; docs/tax.md) on stdin and print the TaxQuote JSON on
      stdout. Exit 0 when the order is admissible, 3 when it is not (the quote's "reason" says
      why), 1 on bad input (a message on stderr), 2 on bad usage.
  bondstore-admin tokens create --merchant ID [--label TEXT] [--data-dir DIR | --database URL]
  bondstore-admin tokens list [--data-dir DIR | --database URL]
  bondstore-admin tokens revoke HASH_PREFIX [--data-dir DIR | --database URL]
      Merchant API tokens, in the server's store (SQLite in DIR, default $BONDSTORE_DATA_DIR,
      else ./bondstore-data; or PostgreSQL, as bondstore-server --database). A new token is
      printed once; only its SHA-256 is stored.
  bondstore-admin stores put FILE [--lang TAG] [--data-dir DIR | --database URL]
  bondstore-admin stores list [--data-dir DIR | --database URL]
  bondstore-admin stores samples STORE SKU COUNT [--data-dir DIR | --database URL]
      Experience stores (体验店): "put" adds or replaces one from a JSON file (its id, its name in
      every language, address, district code, opening hours "10:00-22:00"; docs/api.md), checked
      first — a file with problems prints them and changes nothing. "samples" sets how many of a
      SKU stand on a store's shelves (0: none): display samples are never sold and are not bonded
      stock; shoppers see "on display at …" on the product's page.
  bondstore-admin kiosks add ID --name TEXT [--store STORE] [--data-dir DIR | --database URL]
  bondstore-admin kiosks list [--data-dir DIR | --database URL]
  bondstore-admin kiosks revoke ID [--data-dir DIR | --database URL]
      The kiosks of the experience stores. "add" prints a one-time enrollment code (valid 24 hours;
      for a kiosk that exists, a new one, and its old token stops working): open the store's
      /kiosk?enroll=CODE on the kiosk once. Its orders then name the kiosk and its store, and it may
      send orders sealed in an outage. Only hashes of codes and tokens are kept.
  bondstore-admin import FILE --server URL --token TOKEN [--dry-run] [--partial] [--format F]
                  [--lang TAG] [--json]
      Upload a catalog (native JSON, Shopify CSV, Google Merchant TSV or XML; detected unless
      --format json|shopify|google-tsv|google-xml). Shows progress (bytes, rows, rate, ETA), then
      the report as a table (or JSON with --json). Exit 0 when the file was applied (or, with
      --dry-run, would be) without errors, 1 when it has errors, 3 when the server cannot be used.
  bondstore-admin export --server URL --token TOKEN [--format json|csv] [--out FILE]
  bondstore-admin i18n export-po TAG [--out FILE] [--i18n-dir DIR]
      Write locale TAG's messages as a gettext PO file for a translator (stdout, or FILE):
      msgctxt = key, msgid = English source, msgstr = translation; `fuzzy` where the source has
      changed since. DIR defaults to the repository's i18n/.
  bondstore-admin i18n import-po TAG FILE [--i18n-dir DIR] [--dry-run] [--lang TAG]
      Check a translated PO file and, if it has no errors, write DIR/TAG.json. Errors (unknown
      keys, broken MessageFormat, placeholders that differ from the source, …) are printed with
      their line numbers; exit 1 and nothing is written.
  bondstore-admin ceb ORDER_NO [--type 311|621] [--data-dir DIR | --database URL]
                  [--data-key-file FILE] [--customs-config FILE] [--ceb-xsd FILE]
                  [--signing-key FILE --signing-cert FILE] [--key-name NAME]
      Print the order's CEB message (311: the order; 621: the bonded inventory list) exactly as
      it was sent, or as it would be sent now if it has not been: signed, valid against customs'
      schema, without the transport envelope. It carries the buyer's personal data unmasked: for
      the operator's audit. The data key is read as bondstore-server reads it (BONDSTORE_DATA_KEY,
      --data-key-file, or DIR/data-key); defaults as bondstore-server's.
  bondstore-admin tax-bills [--all] [--merchant ID] [--data-dir DIR | --database URL]
      Customs' electronic tax bills (CEB816) that differ from the tax the order was charged (every
      bill with --all; one merchant's with --merchant), newest first: the order, the bill, its
      status (new, paid: consolidated into a payment letter, void), customs' amount beside the
      store's, and what differs (customs_tax, value_added_tax, consumption_tax, "line N tax_price",
      "void" for a voided bill of an order that still owes the tax, "given_back" for a live bill of
      a returned or withdrawn order). Exit 0 when none differs, 3 when some do.
  bondstore-admin stats --month YYYY-MM | --day YYYY-MM-DD [--csv [FILE]] [--xlsx [FILE]]
                  [--data-dir DIR | --database URL]
      The pilot zone's figures of cross-border retail imports for a month or a day (China
      calendar): orders, lines, quantities, goods value, tariff, consumption tax and VAT, and how
      many orders customs released, rejected and took back — in total and by day, HS chapter,
      origin country, bonded warehouse, experience store, trade mode (1210) and customs' outcome.
      Orders count from the day they were placed, once paid (never-paid, expired and cancelled
      orders are no import). A table on stdout; --csv writes them as CSV, --xlsx as an XLSX
      workbook with charts (FILE defaults to bondstore-stats-PERIOD.csv / .xlsx).
  bondstore-admin backup --out FILE [--data-dir DIR]
      An online copy of the SQLite store while the server runs: the store at one moment, checked
      (integrity_check) before it gets its name; never overwrites a file. A PostgreSQL store is
      backed up with pg_dump -Fc (docs/operations.md#backups). The data key is not in it.
  bondstore-admin restore --from FILE [--data-dir DIR]
      Puts a backup in place as the store of DIR, which must hold none; start the server there
      with the data key the backup names (its fingerprint is printed).
  bondstore-admin --help
)";

} // namespace

void PrintUsage() { std::fputs(kUsage, stderr); }

std::string DefaultDataDir()
{
    const char* env = std::getenv("BONDSTORE_DATA_DIR");
    return env && *env ? env : "bondstore-data";
}

std::string DefaultDatabase()
{
    const char* env = std::getenv("BONDSTORE_DATABASE");
    return env ? env : "";
}

} // namespace bondstore::admin

using namespace bondstore::admin;

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args.size() >= 2 && args[0] == "catalog" && args[1] == "check")
        return CatalogCheck(Args(args.begin() + 2, args.end()));
    if (args.size() >= 2 && args[0] == "catalog" && args[1] == "fixup")
        return CatalogFixupCommand(Args(args.begin() + 2, args.end()));
    Args rest(args.begin() + 1, args.end());
    if (args[0] == "quote") return Quote(rest);
    if (args[0] == "tokens") return Tokens(rest);
    if (args[0] == "kiosks") return Kiosks(rest);
    if (args[0] == "stores") return ExperienceStoreAdmin(rest);
    if (args[0] == "stats") return Stats(rest);
    if (args[0] == "backup") return Backup(rest);
    if (args[0] == "restore") return Restore(rest);
    if (args[0] == "import") return Import(rest);
    if (args[0] == "export") return Export(rest);
    if (args[0] == "i18n") return I18n(rest);
    if (args[0] == "ceb") return Ceb(rest);
    if (args[0] == "tax-bills") return TaxBills(rest);
    std::fprintf(stderr, "bondstore-admin: unknown command '%s' (see --help)\n", args[0].c_str());
    return 2;
}
