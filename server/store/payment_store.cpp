#include "server/store/payment_store.h"

#include "server/store/migrations.h"
#include "server/store/order_store.h"

#include "core/orders/order.h"

namespace bondstore {

const std::vector<Migration>& PaymentMigrations()
{
    static const std::vector<Migration> parts = {
        {9, R"sql(
        -- An order's payment at its provider: started → paid (or late: paid after the order ended,
        -- refunded; or closed), and the customs declaration of the payment the provider makes.
        CREATE TABLE payments (
            order_no           TEXT PRIMARY KEY REFERENCES orders(order_no),
            provider           TEXT NOT NULL,         -- wechat, alipay, sandbox
            channel            TEXT NOT NULL,         -- qr, redirect
            state              TEXT NOT NULL,         -- started, paid, late, closed
            transaction_id     TEXT NOT NULL DEFAULT '',
            amount_fen         BIGINT NOT NULL DEFAULT 0,
            declaration        TEXT NOT NULL DEFAULT 'none', -- none, due, accepted, failed
            payer_check        TEXT NOT NULL DEFAULT 'unchecked', -- unchecked, same, different
            declaration_note   TEXT NOT NULL DEFAULT '',
            pay_transaction_id TEXT NOT NULL DEFAULT '',        -- what CEB311 carries as payTransactionId
            created_at         BIGINT NOT NULL,
            updated_at         BIGINT NOT NULL
        );
        CREATE INDEX payments_by_state ON payments(provider, state, declaration);
        -- Notifications applied, by the provider's id: the same one again changes nothing.
        CREATE TABLE payment_notifications (
            provider    TEXT NOT NULL,
            id          TEXT NOT NULL,
            received_at BIGINT NOT NULL,
            PRIMARY KEY (provider, id)
        );
        -- A refund goes through the provider under its own number and stays due until the
        -- provider confirms it.
        ALTER TABLE refunds ADD COLUMN refund_no TEXT NOT NULL DEFAULT '';
        ALTER TABLE refunds ADD COLUMN provider_refund_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE refunds ADD COLUMN note TEXT NOT NULL DEFAULT '';
        ALTER TABLE refunds ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
        )sql"},
        {14, R"sql(
        -- The raw payment data customs may ask for (announcement 179): the request to the provider
        -- and its word that the payment was made, each sealed under the data key, kept at least
        -- until raw_kept_until (three years after the payment).
        ALTER TABLE payments ADD COLUMN raw_request TEXT NOT NULL DEFAULT '';
        ALTER TABLE payments ADD COLUMN raw_response TEXT NOT NULL DEFAULT '';
        ALTER TABLE payments ADD COLUMN paid_at BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE payments ADD COLUMN raw_kept_until BIGINT NOT NULL DEFAULT 0;
        )sql"},
    };
    return parts;
}

namespace {

const char* kPaymentColumns = "order_no, provider, channel, state, transaction_id, amount_fen, declaration, payer_check, "
                              "declaration_note, pay_transaction_id, created_at, updated_at, raw_request, raw_response, paid_at, raw_kept_until";

PaymentStore::Payment PaymentOf(const std::vector<SqlValue>& r)
{
    PaymentStore::Payment p;
    p.order_no = r[0].Text();
    p.provider = r[1].Text();
    p.channel = r[2].Text();
    p.state = r[3].Text();
    p.transaction_id = r[4].Text();
    p.amount = Money{r[5].Int()};
    p.declaration = r[6].Text();
    p.payer_check = r[7].Text();
    p.declaration_note = r[8].Text();
    p.pay_transaction_id = r[9].Text();
    p.created_at = r[10].Int();
    p.updated_at = r[11].Int();
    p.raw_request = r[12].Text();
    p.raw_response = r[13].Text();
    p.paid_at = r[14].Int();
    p.raw_kept_until = r[15].Int();
    return p;
}

std::optional<std::vector<PaymentStore::Payment>> Payments(Database& db, const std::string& where, std::vector<SqlValue> args, std::string* e)
{
    auto c = db.readers().Acquire();
    auto r = c->Query(std::string("SELECT ") + kPaymentColumns + " FROM payments " + where, std::move(args), e);
    if (!r) return std::nullopt;
    std::vector<PaymentStore::Payment> out;
    for (const auto& row : r->rows) out.push_back(PaymentOf(row));
    return out;
}

// Records a notification's id; false (nothing written) if it was applied before.
std::optional<bool> FirstTime(SqlConnection& db, const std::string& provider, const std::string& id, int64_t now, std::string* e)
{
    if (id.empty()) return true;
    auto r = db.Query("INSERT INTO payment_notifications(provider, id, received_at) VALUES ($1, $2, $3) "
                      "ON CONFLICT (provider, id) DO NOTHING RETURNING id",
                      {provider, id, now}, e);
    if (!r) return std::nullopt;
    return !r->rows.empty();
}

} // namespace

std::optional<PaymentStore::Payment> PaymentStore::Find(const std::string& order_no, std::string* error)
{
    auto found = Payments(db_, "WHERE order_no = $1", {order_no}, error);
    if (!found) return std::nullopt;
    return found->empty() ? Payment{} : found->front();
}

bool PaymentStore::RecordStart(const std::string& order_no, const std::string& provider, const std::string& channel, int64_t now,
                               std::string* error)
{
    return db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            return db.Query("INSERT INTO payments(order_no, provider, channel, state, created_at, updated_at) VALUES ($1, $2, $3, 'started', $4, $4) "
                            "ON CONFLICT (order_no) DO UPDATE SET provider = $2, channel = $3, updated_at = $4 WHERE payments.state = 'started'",
                            {order_no, provider, channel, now}, e)
                .has_value();
        },
        error);
}

bool PaymentStore::KeepRawRequest(const std::string& order_no, const std::string& sealed, std::string* error)
{
    return db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            return db.Query("UPDATE payments SET raw_request = $2 WHERE order_no = $1 AND state = 'started'", {order_no, sealed}, e).has_value();
        },
        error);
}

bool PaymentStore::KeepRawResponse(const std::string& order_no, const std::string& sealed, int64_t paid_at, int64_t keep_until,
                                   std::string* error)
{
    return db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            return db.Query("UPDATE payments SET raw_response = $2, paid_at = $3, raw_kept_until = $4 WHERE order_no = $1 AND raw_response = ''",
                            {order_no, sealed, paid_at, keep_until}, e)
                .has_value();
        },
        error);
}

std::optional<PaymentStore::Applied> PaymentStore::ApplyPaid(const std::string& provider, const std::string& event_id, const std::string& order_no,
                                                             const std::string& transaction_id, Money amount, bool hold, int64_t now,
                                                             std::string* error)
{
    Applied applied = Applied::Replay;
    bool ok = db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            std::optional<bool> first = FirstTime(db, provider, event_id, now, e);
            if (!first) return false;
            if (!*first) { applied = Applied::Replay; return true; }
            // The order row, locked (as MoveOrder locks it) and read.
            auto o = db.Query("UPDATE orders SET updated_at = updated_at WHERE order_no = $1 RETURNING status, amount_to_pay_fen", {order_no}, e);
            if (!o) return false;
            if (o->rows.empty()) { applied = Applied::UnknownOrder; return false; } // rolled back: the id too
            if (o->rows[0][1].Int() != amount.fen) { applied = Applied::AmountMismatch; return false; }
            OrderStatus status = ParseStatus(o->rows[0][0].Text()).value_or(OrderStatus::PendingPayment);
            auto payment = db.Query("SELECT state, transaction_id FROM payments WHERE order_no = $1", {order_no}, e);
            if (!payment) return false;
            if (!payment->rows.empty() && payment->rows[0][1].Text() == transaction_id &&
                (payment->rows[0][0].Text() == "paid" || payment->rows[0][0].Text() == "late")) {
                applied = Applied::AlreadyPaid;
                return true;
            }
            if (status == OrderStatus::PendingPayment) {
                OrderStore::TransitionResult t;
                if (!MoveOrder(db, order_no, OrderEvent::Pay, provider + " " + transaction_id, now, t, e)) return false;
                // With a provider that declares the payment, customs hears of the order after it.
                if (hold && !db.Query("UPDATE outbox SET state = 'awaiting_declaration' WHERE order_no = $1 AND state = 'ready'", {order_no}, e))
                    return false;
                applied = Applied::Paid;
            } else if (status == OrderStatus::Expired || status == OrderStatus::Cancelled) {
                // Money for an order that ended unpaid: owed back at once.
                if (!db.Query("INSERT INTO refunds(order_no, reason, amount_fen, created_at, updated_at) VALUES ($1, 'late_payment', $2, $3, $3) "
                              "ON CONFLICT (order_no, reason) DO NOTHING",
                              {order_no, amount.fen, now}, e))
                    return false;
                applied = Applied::Late;
            } else {
                applied = Applied::NotPayable; // paid before with another transaction: an operator must look
                return false;
            }
            const char* state = applied == Applied::Paid ? "paid" : "late";
            const char* declaration = applied == Applied::Paid && hold ? "due" : "none";
            return db.Query("INSERT INTO payments(order_no, provider, channel, state, transaction_id, amount_fen, declaration, created_at, updated_at) "
                            "VALUES ($1, $2, 'qr', $3, $4, $5, $6, $7, $7) "
                            "ON CONFLICT (order_no) DO UPDATE SET provider = $2, state = $3, transaction_id = $4, amount_fen = $5, "
                            "declaration = $6, updated_at = $7",
                            {order_no, provider, state, transaction_id, amount.fen, declaration, now}, e)
                .has_value();
        },
        error);
    if (!ok && !error->empty()) return std::nullopt;
    return applied;
}

bool PaymentStore::RecordDeclaration(const std::string& order_no, Declared outcome, const std::string& payer_check,
                                     const std::string& pay_transaction_id, const std::string& note, int64_t now, std::string* error)
{
    return db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            // The order's row first, as ApplyPaid takes them (order, payment, outbox): two
            // transactions on one order never wait for each other's rows in opposite orders.
            if (!db.Query("UPDATE orders SET updated_at = updated_at WHERE order_no = $1", {order_no}, e)) return false;
            const char* declaration = outcome == Declared::Failed ? "failed" : "accepted";
            if (!db.Query("UPDATE payments SET declaration = $2, payer_check = $3, pay_transaction_id = $4, declaration_note = $5, updated_at = $6 "
                          "WHERE order_no = $1",
                          {order_no, declaration, payer_check, pay_transaction_id, note, now}, e))
                return false;
            if (outcome == Declared::Accepted)
                return db.Query("UPDATE outbox SET state = 'ready', ready_at = $2 WHERE order_no = $1 AND state = 'awaiting_declaration'",
                                {order_no, now}, e)
                    .has_value();
            if (outcome == Declared::PayerMismatch) {
                // Customs would refuse the order (the orderer must be the payer): it ends here, refunded.
                OrderStore::TransitionResult t;
                if (!MoveOrder(db, order_no, OrderEvent::Cancel, "payer_mismatch", now, t, e) && !e->empty()) return false;
            }
            return true;
        },
        error);
}

std::optional<std::vector<PaymentStore::Payment>> PaymentStore::DeclarationsDue(const std::string& provider, int limit, std::string* error)
{
    return Payments(db_, "WHERE provider = $1 AND state = 'paid' AND declaration = 'due' ORDER BY updated_at LIMIT $2", {provider, int64_t(limit)},
                    error);
}

std::optional<std::vector<PaymentStore::Payment>> PaymentStore::ToClose(const std::string& provider, int limit, std::string* error)
{
    return Payments(db_,
                    "WHERE provider = $1 AND state = 'started' AND order_no IN (SELECT order_no FROM orders WHERE status IN ($2, $3)) "
                    "ORDER BY updated_at LIMIT $4",
                    {provider, StatusCode(OrderStatus::Expired), StatusCode(OrderStatus::Cancelled), int64_t(limit)}, error);
}

bool PaymentStore::MarkClosed(const std::string& order_no, int64_t now, std::string* error)
{
    return db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            return db.Query("UPDATE payments SET state = 'closed', updated_at = $2 WHERE order_no = $1 AND state = 'started'", {order_no, now}, e)
                .has_value();
        },
        error);
}

std::optional<std::vector<PaymentStore::Payment>> PaymentStore::StartedBefore(const std::string& provider, int64_t before, int limit,
                                                                              std::string* error)
{
    return Payments(db_,
                    "WHERE provider = $1 AND state = 'started' AND updated_at < $2 AND order_no IN (SELECT order_no FROM orders WHERE status = $3) "
                    "ORDER BY updated_at LIMIT $4",
                    {provider, before, StatusCode(OrderStatus::PendingPayment), int64_t(limit)}, error);
}

namespace {

const char* kRefundSelect = "SELECT r.order_no, r.reason, r.state, r.amount_fen, r.refund_no, r.provider_refund_id, "
                            "coalesce(p.provider, ''), coalesce(p.transaction_id, ''), r.note, coalesce(p.amount_fen, 0), r.created_at, r.updated_at "
                            "FROM refunds r LEFT JOIN payments p ON p.order_no = r.order_no ";

std::optional<std::vector<PaymentStore::Refund>> RefundRows(Database& db, const std::string& where, std::vector<SqlValue> args, std::string* e)
{
    auto c = db.readers().Acquire();
    auto r = c->Query(kRefundSelect + where, std::move(args), e);
    if (!r) return std::nullopt;
    std::vector<PaymentStore::Refund> out;
    for (const auto& row : r->rows) {
        PaymentStore::Refund f;
        f.order_no = row[0].Text();
        f.reason = row[1].Text();
        f.state = row[2].Text();
        f.amount = Money{row[3].Int()};
        f.refund_no = row[4].Text();
        f.provider_refund_id = row[5].Text();
        f.provider = row[6].Text();
        f.transaction_id = row[7].Text();
        f.note = row[8].Text();
        f.paid = Money{row[9].Int()};
        f.created_at = row[10].Int();
        f.updated_at = row[11].Int();
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace

std::optional<std::vector<PaymentStore::Refund>> PaymentStore::RefundsDue(const std::string& provider, int limit, std::string* error)
{
    return RefundRows(db_, "WHERE r.state = 'due' AND p.provider = $1 ORDER BY r.created_at LIMIT $2", {provider, int64_t(limit)}, error);
}

std::optional<std::vector<PaymentStore::Refund>> PaymentStore::Refunds(const std::string& merchant, int limit, std::string* error)
{
    if (merchant.empty()) return RefundRows(db_, "ORDER BY r.created_at DESC LIMIT $1", {int64_t(limit)}, error);
    return RefundRows(db_, "WHERE r.order_no IN (SELECT order_no FROM orders WHERE merchant = $1) ORDER BY r.created_at DESC LIMIT $2",
                      {merchant, int64_t(limit)}, error);
}

bool PaymentStore::MarkRefund(const std::string& order_no, const std::string& reason, const std::string& refund_no, const std::string& state,
                              const std::string& provider_refund_id, const std::string& note, int64_t now, std::string* error)
{
    return db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            // A refund confirmed stays confirmed, whatever a slower answer says afterwards.
            return db.Query("UPDATE refunds SET refund_no = $3, state = $4, provider_refund_id = $5, note = $6, updated_at = $7 "
                            "WHERE order_no = $1 AND reason = $2 AND state <> 'done'",
                            {order_no, reason, refund_no, state, provider_refund_id, note, now}, e)
                .has_value();
        },
        error);
}

std::optional<bool> PaymentStore::ApplyRefundNotice(const std::string& provider, const std::string& event_id, const std::string& refund_no,
                                                    const std::string& state, const std::string& provider_refund_id, int64_t now,
                                                    std::string* error)
{
    bool applied = false;
    bool ok = db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            std::optional<bool> first = FirstTime(db, provider, event_id, now, e);
            if (!first) return false;
            if (!*first) return true;
            auto r = db.Query("UPDATE refunds SET state = $2, provider_refund_id = $3, updated_at = $4 "
                              "WHERE refund_no = $1 AND state <> 'done' RETURNING order_no",
                              {refund_no, state, provider_refund_id, now}, e);
            if (!r) return false;
            applied = !r->rows.empty();
            return true;
        },
        error);
    if (!ok && !error->empty()) return std::nullopt;
    return applied;
}

} // namespace bondstore
