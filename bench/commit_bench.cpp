// The raw commit rate of a database at the durability the store uses — SQLite WAL with
// synchronous=FULL, PostgreSQL with synchronous_commit on — through the same drivers
// (server/sql.h): one small INSERT per transaction, from `threads` connections for `seconds`.
// The baseline the order benchmark is measured against (bench/orders_bench.py).
//
//   bondstore-commit-bench sqlite FILE SECONDS THREADS
//   bondstore-commit-bench postgresql CONNINFO SECONDS THREADS
#include "server/store/sql.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

using namespace bondstore;

int main(int argc, char** argv)
{
    if (argc != 5) {
        std::fprintf(stderr, "usage: bondstore-commit-bench sqlite|postgresql FILE|CONNINFO SECONDS THREADS\n");
        return 2;
    }
    std::string kind = argv[1], where = argv[2];
    double seconds = std::atof(argv[3]);
    int threads = std::atoi(argv[4]);
    auto open = [&](std::string* error) {
        return kind == "sqlite" ? OpenSqliteConnection(where, error) : OpenPostgresConnection(where, error);
    };
    std::string error;
    {
        auto c = open(&error);
        if (!c || !c->Exec("CREATE TABLE IF NOT EXISTS commit_bench (id TEXT PRIMARY KEY, payload TEXT NOT NULL)", &error)) {
            std::fprintf(stderr, "commit-bench: %s\n", error.c_str());
            return 1;
        }
    }
    std::atomic<long> commits{0}, failures{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; t++)
        pool.emplace_back([&, t] {
            std::string e;
            auto c = open(&e);
            if (!c) { failures++; return; }
            std::string payload(300, 'x'); // about an order row's size
            for (long i = 0; !stop; i++) {
                bool ok = c->BeginWrite(&e) &&
                          c->Query("INSERT INTO commit_bench(id, payload) VALUES ($1, $2)",
                                   {std::to_string(t) + "-" + std::to_string(i) + "-" + std::to_string(std::rand()), payload}, &e) &&
                          c->Exec("COMMIT", &e);
                if (ok) commits++;
                else { c->Exec("ROLLBACK", nullptr); failures++; }
            }
        });
    auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (std::thread& t : pool) t.join();
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s commits/s %.0f threads %d failures %ld\n", kind.c_str(), double(commits) / elapsed, threads, long(failures));
    return 0;
}
