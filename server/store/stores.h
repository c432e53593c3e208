// Stores: one of each concept store over one Database — what a running server, the relay and
// bondstore-admin open. Plain data with explicit ownership: the database outlives the stores that
// hold a reference to it (declared first, destroyed last).
#pragma once

#include "server/store/catalog_store.h"
#include "server/store/database.h"
#include "server/store/experience_stores.h"
#include "server/store/inventory_store.h"
#include "server/store/kiosk_store.h"
#include "server/store/merchant_store.h"
#include "server/store/metrics_store.h"
#include "server/store/order_store.h"
#include "server/store/payment_data_store.h"
#include "server/store/payment_store.h"
#include "server/store/relay_store.h"
#include "server/store/return_store.h"
#include "server/store/sales_store.h"
#include "server/store/shipment_store.h"
#include "server/store/tax_bill_store.h"

#include <memory>
#include <string>

namespace bondstore {

struct Stores {
    explicit Stores(std::unique_ptr<Database> db)
        : database(std::move(db)), catalog(*database), merchants(*database), experience_stores(*database), kiosks(*database), inventory(*database),
          orders(*database), payments(*database), relay(*database), sales(*database), shipments(*database),
          returns(*database), tax_bills(*database), payment_data(*database), metrics(*database) {}

    std::unique_ptr<Database> database;
    CatalogStore catalog;
    MerchantStore merchants;
    ExperienceStores experience_stores;
    KioskStore kiosks;
    InventoryStore inventory;
    OrderStore orders;
    PaymentStore payments;
    RelayStore relay;
    SalesStore sales;
    ShipmentStore shipments;
    ReturnStore returns;
    TaxBillStore tax_bills;
    PaymentDataStore payment_data;
    MetricsStore metrics;

    // "sqlite", "postgresql".
    const char* kind() const { return database->dialect(); }
};

// SQLite in `data_dir` when `database_url` is empty; else PostgreSQL (`database_url`: a libpq URI
// or connection string).
std::unique_ptr<Stores> OpenStores(const std::string& data_dir, const std::string& database_url, const DatabaseOptions& options,
                                   std::string* error);

} // namespace bondstore
