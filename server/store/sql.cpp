#include "server/store/sql.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace bondstore {

int64_t SqlValue::Int() const
{
    if (const int64_t* i = std::get_if<int64_t>(&v)) return *i;
    if (const std::string* s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
    return 0;
}

std::string SqlValue::Text() const
{
    if (const std::string* s = std::get_if<std::string>(&v)) return *s;
    if (const int64_t* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
    return {};
}

bool MayWrite(std::string_view sql)
{
    for (const char* harmless : {"SELECT ", "BEGIN", "COMMIT", "ROLLBACK"})
        if (sql.rfind(harmless, 0) == 0) return false;
    return true;
}

SqlPool::SqlPool(std::vector<std::unique_ptr<SqlConnection>> connections)
    : free_(std::move(connections)), dialect_(free_.empty() ? "" : free_.front()->dialect())
{
}

SqlPool::Lease SqlPool::Acquire()
{
    std::unique_lock lock(mutex_);
    if (!free_.empty()) { // nobody waits when a connection is free
        std::unique_ptr<SqlConnection> c = std::move(free_.back());
        free_.pop_back();
        return Lease(this, std::move(c));
    }
    Waiter me;
    waiters_.push_back(&me);
    if (!me.wake.wait_for(lock, wait_, [&] { return me.connection != nullptr; })) {
        waiters_.erase(std::find(waiters_.begin(), waiters_.end(), &me));
        throw std::runtime_error("no database connection free within " + std::to_string(wait_.count()) + " ms");
    }
    return Lease(this, std::move(me.connection));
}

void SqlPool::Return(std::unique_ptr<SqlConnection> c)
{
    std::lock_guard lock(mutex_);
    if (c->wrote) {
        c->wrote = false;
        generation_.fetch_add(1, std::memory_order_acq_rel);
    }
    if (waiters_.empty()) {
        free_.push_back(std::move(c));
        return;
    }
    Waiter* first = waiters_.front();
    waiters_.pop_front();
    first->connection = std::move(c);
    first->wake.notify_one(); // under the lock: `first` lives on its thread's stack until it wakes
}

} // namespace bondstore
