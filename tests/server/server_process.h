// ServerProcess: runs the real bondstore-server binary for integration tests — on an ephemeral
// port, with a temporary data directory — and talks to it over real HTTP on loopback.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace bondstore::test {

// A fresh directory under /tmp, removed (recursively) when the object dies.
struct TempDir {
    std::string path;
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

struct ServerProcess {
    pid_t pid = -1;
    int port = 0;
    std::string url;        // "http://127.0.0.1:PORT"
    std::string first_line; // what the server printed when it started
    std::string stderr_path;

    // Starts bondstore-server with `args` (plus --port 0 and --bind 127.0.0.1 unless given) and
    // waits until it prints its URL. `env` entries are "NAME=value". Fails the test if it exits
    // first or takes longer than 15 s. The abuse limits (rate, unpaid orders) are off unless
    // `args` sets one of them: tests are one client placing orders for many buyers. Payment is the
    // sandbox's unless `args` has --payment.
    static ServerProcess Start(std::vector<std::string> args, std::vector<std::string> env = {});
    // Another of the project's servers (the single-window simulator), started the same way: it
    // too prints its URL on its first line.
    static ServerProcess StartBinary(const std::string& binary, std::vector<std::string> args, std::vector<std::string> env = {});

    // Sends `sig` and waits for the exit; returns the exit code (128+signal if killed).
    int Stop(int sig);
    std::string Stderr() const;
    ServerProcess() = default;
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    ServerProcess(ServerProcess&& other) noexcept { *this = std::move(other); }
    ServerProcess& operator=(ServerProcess&& other) noexcept
    {
        std::swap(pid, other.pid);
        std::swap(port, other.port);
        std::swap(url, other.url);
        std::swap(first_line, other.first_line);
        std::swap(stderr_path, other.stderr_path);
        return *this;
    }
    ~ServerProcess();
};

struct RunResult {
    int exit_code = -1;
    std::string out, err;
};

// Runs a binary to completion (at most `timeout_s` seconds, then SIGKILL), with `stdin_bytes` on
// its standard input.
RunResult Run(const std::string& binary, const std::vector<std::string>& args,
              const std::vector<std::string>& env = {}, int timeout_s = 20, const std::string& stdin_bytes = {});

std::string AdminBinary();

std::string ServerBinary();
std::string SimulatorBinary();
// A TCP port nobody listens on just now (for two processes that must know each other's address).
int FreePort();
std::string SampleCatalog();
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& bytes);

} // namespace bondstore::test
