// Migrations: the schema, written beside the store that owns each table and applied in one
// numbered sequence.
//
// A schema version is a number the database records (SqlConnection::SchemaVersion). Each concept
// store lists the parts of each version it owns (its tables, columns and indexes); the parts of
// one version are applied together, in the concepts' order below (tables referenced by a foreign
// key first), inside the one transaction that migrates the database. The same text runs on both
// back ends (sql.h); "{{id}}" is an auto-numbered primary key column in each dialect. Never edit a
// released migration: add a version.
#pragma once

#include "server/store/sql.h"

#include <string>
#include <vector>

namespace bondstore {

struct Migration {
    int version;
    const char* sql;
};

// Each concept's parts, from its store's .cpp.
const std::vector<Migration>& CatalogMigrations();   // catalog_store.cpp: meta, warehouses, products
const std::vector<Migration>& MerchantMigrations();  // merchant_store.cpp: merchants, their API tokens
const std::vector<Migration>& ExperienceStoreMigrations(); // experience_stores.cpp: experience stores, their display samples
const std::vector<Migration>& KioskMigrations();     // kiosk_store.cpp: kiosks, their enrollment codes and tokens, their store
const std::vector<Migration>& InventoryMigrations(); // inventory_store.cpp: bonded stock, adjustments
const std::vector<Migration>& OrderMigrations();     // order_store.cpp: orders, lines, timeline, quota, idempotency, refunds
const std::vector<Migration>& PaymentMigrations();   // payment_store.cpp: payments, notifications applied, refund columns
const std::vector<Migration>& RelayMigrations();     // relay_store.cpp: the single-window outbox, customs' receipts
const std::vector<Migration>& ShipmentMigrations();  // shipment_store.cpp: parcels, waybills, tracking
const std::vector<Migration>& ReturnMigrations();    // return_store.cpp: returns declared to customs
const std::vector<Migration>& TaxBillMigrations();   // tax_bill_store.cpp: customs' tax bills, checked
const std::vector<Migration>& PaymentDataMigrations(); // payment_data_store.cpp: customs' asks for raw payment data

// The newest version the parts above make.
int LatestSchemaVersion();

// Brings the database behind `pool` up to the latest version in one transaction. On PostgreSQL,
// servers starting together wait for one another (an advisory lock). Refuses a database written by
// a newer Bondstore.
bool Migrate(SqlPool& pool, std::string* error);

} // namespace bondstore
