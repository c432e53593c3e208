#include "server/base/worker_loop.h"

namespace bondstore {

void WorkerLoop::Start(std::function<int()> pass, std::chrono::milliseconds idle)
{
    Stop();
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
        woken_ = false;
    }
    thread_ = std::thread([this, pass = std::move(pass), idle] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            Beat();
            int done = pass();
            lock.lock();
            if (done == 0 && !woken_) wake_.wait_for(lock, idle, [&] { return stopping_ || woken_; });
            woken_ = false;
        }
    });
}

void WorkerLoop::Beat()
{
    last_beat_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void WorkerLoop::Wake()
{
    std::lock_guard lock(mutex_);
    woken_ = true;
    wake_.notify_all();
}

void WorkerLoop::Stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

} // namespace bondstore
