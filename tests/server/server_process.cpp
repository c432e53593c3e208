#include "tests/server/server_process.h"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace bondstore::test {

TempDir::TempDir()
{
    char tmpl[] = "/tmp/bondstore-test-XXXXXX";
    char* p = mkdtemp(tmpl);
    REQUIRE(p != nullptr);
    path = p;
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

std::string ServerBinary() { return BONDSTORE_SERVER_BIN; }
std::string SimulatorBinary() { return BONDSTORE_SIMULATOR_BIN; }

int FreePort()
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}
std::string AdminBinary() { return BONDSTORE_ADMIN_BIN; }
std::string SampleCatalog() { return BONDSTORE_SOURCE_DIR "/assets/catalog/sample.json"; }

std::string ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void WriteFile(const std::string& path, const std::string& bytes)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
}

static std::vector<char*> Argv(const std::string& binary, const std::vector<std::string>& args)
{
    std::vector<char*> v;
    v.push_back(const_cast<char*>(binary.c_str()));
    for (const std::string& a : args) v.push_back(const_cast<char*>(a.c_str()));
    v.push_back(nullptr);
    return v;
}

static std::vector<std::string> Environment(const std::vector<std::string>& extra)
{
    std::vector<std::string> env;
    for (char** e = environ; *e; e++)
        if (std::strncmp(*e, "BONDSTORE_", 10) != 0) env.emplace_back(*e); // tests control these
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

static pid_t Spawn(const std::string& binary, const std::vector<std::string>& args, const std::vector<std::string>& extra_env,
                   int stdout_fd, int stderr_fd, const char* stdin_path = "/dev/null")
{
    std::vector<std::string> env_strings = Environment(extra_env);
    std::vector<char*> envp;
    for (std::string& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<char*> argv = Argv(binary, args);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(stdout_fd, 1);
        dup2(stderr_fd, 2);
        int in = open(stdin_path, O_RDONLY);
        dup2(in, 0);
        execve(binary.c_str(), argv.data(), envp.data());
        _exit(127);
    }
    return pid;
}

static int ExitCode(int status)
{
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

ServerProcess ServerProcess::Start(std::vector<std::string> args, std::vector<std::string> env)
{
    // Every test client is one address (loopback) placing orders for many buyers: the limits on
    // one client and one buyer are off unless a test sets them (the limits' own tests do).
    bool limits_set = false;
    for (const std::string& a : args) limits_set = limits_set || a == "--rate-limit" || a.rfind("--max-", 0) == 0;
    if (!limits_set)
        for (const char* a : {"--rate-limit", "off", "--max-unpaid-per-buyer", "0", "--max-unpaid-per-client", "0",
                              "--max-orders-per-buyer-hour", "0"})
            args.push_back(a);
    // Orders are paid through the sandbox unless a test names a provider (or none).
    bool payment_set = false;
    for (const std::string& a : args) payment_set = payment_set || a == "--payment";
    if (!payment_set) {
        args.push_back("--payment");
        args.push_back("sandbox");
    }
    return StartBinary(ServerBinary(), std::move(args), std::move(env));
}

ServerProcess ServerProcess::StartBinary(const std::string& binary, std::vector<std::string> args, std::vector<std::string> env)
{
    auto has = [&](const char* flag) {
        for (const std::string& a : args)
            if (a == flag || a.rfind(std::string(flag) + "=", 0) == 0) return true;
        return false;
    };
    if (!has("--port")) { args.push_back("--port"); args.push_back("0"); }
    if (!has("--bind")) { args.push_back("--bind"); args.push_back("127.0.0.1"); }

    ServerProcess s;
    char tmpl[] = "/tmp/bondstore-server-stderr-XXXXXX";
    int err_fd = mkstemp(tmpl);
    REQUIRE(err_fd >= 0);
    s.stderr_path = tmpl;
    int out[2];
    REQUIRE(pipe(out) == 0);
    s.pid = Spawn(binary, args, env, out[1], err_fd);
    close(out[1]);
    close(err_fd);

    // Wait for the "serving http://HOST:PORT/" line.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    std::string line;
    while (line.find('\n') == std::string::npos) {
        int left = int(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
        if (left <= 0) break;
        pollfd pfd{out[0], POLLIN, 0};
        if (poll(&pfd, 1, left) <= 0) break;
        char buf[512];
        ssize_t n = read(out[0], buf, sizeof buf);
        if (n <= 0) break;
        line.append(buf, size_t(n));
    }
    close(out[0]);
    s.first_line = line;
    size_t at = line.find("http://");
    if (at == std::string::npos) {
        std::string err = s.Stderr();
        int code = s.Stop(SIGKILL);
        FAIL("server did not start (exit " << code << "): " << line << err);
    }
    size_t colon = line.find(':', at + 7);
    s.port = std::atoi(line.c_str() + colon + 1);
    s.url = "http://127.0.0.1:" + std::to_string(s.port);
    return s;
}

int ServerProcess::Stop(int sig)
{
    if (pid <= 0) return -1;
    kill(pid, sig);
    int status = 0;
    for (int i = 0; i < 200; i++) { // 10 s, then SIGKILL
        if (waitpid(pid, &status, WNOHANG) == pid) { pid = -1; return ExitCode(status); }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    pid = -1;
    return -2; // did not stop in time
}

std::string ServerProcess::Stderr() const { return ReadFile(stderr_path); }

ServerProcess::~ServerProcess()
{
    if (pid > 0) Stop(SIGKILL);
    if (!stderr_path.empty()) unlink(stderr_path.c_str());
}

RunResult Run(const std::string& binary, const std::vector<std::string>& args, const std::vector<std::string>& env,
              int timeout_s, const std::string& stdin_bytes)
{
    TempDir dir;
    std::string out_path = dir.path + "/out", err_path = dir.path + "/err", in_path = dir.path + "/in";
    WriteFile(in_path, stdin_bytes);
    int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT, 0600);
    int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT, 0600);
    pid_t pid = Spawn(binary, args, env, out_fd, err_fd, in_path.c_str());
    close(out_fd);
    close(err_fd);
    int status = 0;
    RunResult r;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    while (waitpid(pid, &status, WNOHANG) != pid) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    r.exit_code = ExitCode(status);
    r.out = ReadFile(out_path);
    r.err = ReadFile(err_path);
    return r;
}

} // namespace bondstore::test
