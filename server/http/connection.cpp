#include "server/http/connection.h"

#include <httplib.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

namespace bondstore {

namespace {

// "127.0.0.1", port → matches a sockaddr.
bool Same(const sockaddr_storage& a, const std::string& address, int port)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (a.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&a);
        inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        return ntohs(in->sin_port) == port && address == text;
    }
    if (a.ss_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&a);
        inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
        return ntohs(in6->sin6_port) == port && address == text;
    }
    return false;
}

// The connection's socket, by the request's local and remote addresses among this process's
// sockets (httplib does not hand it to handlers); -1 if gone.
int SocketOf(const std::string& local_addr, int local_port, const std::string& remote_addr, int remote_port)
{
    DIR* fds = opendir("/proc/self/fd");
    if (!fds) return -1;
    int found = -1;
    while (dirent* e = readdir(fds)) {
        int fd = std::atoi(e->d_name);
        if (fd <= 2 || fd == dirfd(fds)) continue;
        sockaddr_storage local{}, peer{};
        socklen_t local_size = sizeof local, peer_size = sizeof peer;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0) continue;
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) continue;
        if (Same(local, local_addr, local_port) && Same(peer, remote_addr, remote_port)) {
            found = fd;
            break;
        }
    }
    closedir(fds);
    return found;
}

// The request whose answer is to close its connection (one per worker thread: a request and its
// answer's logging run on the same thread).
struct Marked {
    std::string remote_addr;
    int remote_port = 0;
};
thread_local Marked marked;

} // namespace

void CloseAfterAnswer(const httplib::Request& req, httplib::Response& res)
{
    res.set_header("Connection", "close");
    marked = {req.remote_addr, req.remote_port};
}

void FinishAnswer(const httplib::Request& req, const httplib::Response&)
{
    if (marked.remote_port != req.remote_port || marked.remote_addr != req.remote_addr) return;
    marked = {};
    int fd = SocketOf(req.local_addr, req.local_port, req.remote_addr, req.remote_port);
    if (fd < 0) return;
    shutdown(fd, SHUT_WR); // the answer is all there is
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    size_t dropped = 0;
    char buf[16384];
    while (dropped < (4u << 20) && std::chrono::steady_clock::now() < until) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 250) <= 0) break; // quiet (or an error): enough
        ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n <= 0) break; // the client closed
        dropped += size_t(n);
    }
    shutdown(fd, SHUT_RD); // httplib's next read sees the end, and closes
}

} // namespace bondstore
