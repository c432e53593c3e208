// WorkerLoop: a thread that runs one pass of background work again and again — straight on while a
// pass finds work, otherwise after an idle wait or as soon as it is woken — until stopped. The
// relay (customs/order_relay.h) and the payment-data upload (customs/plat_data_open.h) each run on
// one; the work itself keeps no state the store does not, so stopping between passes loses nothing.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace bondstore {

class WorkerLoop {
public:
    WorkerLoop() = default;
    WorkerLoop(const WorkerLoop&) = delete;
    WorkerLoop& operator=(const WorkerLoop&) = delete;
    ~WorkerLoop() { Stop(); }

    // `pass` returns how much it did: 0 means idle, so the loop waits `idle` (or a Wake).
    void Start(std::function<int()> pass, std::chrono::milliseconds idle);
    // A pass now rather than after the idle wait (from any thread; harmless when not running).
    void Wake();
    // Ends the loop after the pass under way; safe to call twice.
    void Stop();
    // Asked to stop: a long pass may end early (read without the lock).
    bool stopping() const { return stopping_; }
    // A sign of life: each pass gives one when it starts, a long pass may give more (a unit of
    // its work done). Unix milliseconds of the last (0: never); running() until stopped.
    void Beat();
    int64_t last_beat_ms() const { return last_beat_ms_; }
    bool running() const { return thread_.joinable() && !stopping_; }

private:
    std::thread thread_;
    std::mutex mutex_; // woken_, and the waits on stopping_
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};
    std::atomic<int64_t> last_beat_ms_{0};
    bool woken_ = false;
};

} // namespace bondstore
