// Connection: ending a client's connection once its answer is written. httplib serves a kept-alive
// connection until the client closes it; a request refused before its body was read leaves that
// body in the socket, which httplib would then read as the next request. So such an answer is
// marked "Connection: close", and once it is written the connection is closed the way a careful
// server closes one (a "lingering close", as nginx's): our side stops sending (the client sees
// the whole answer, then the end), what the client still sends is read and dropped for up to 2 s
// (at most 4 MiB), then the socket stops reading and httplib closes it. Closing at once would
// reset the connection with the body unread, and a client still sending often loses the answer.
#pragma once

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

// Marks the answer "Connection: close": closed by FinishAnswer once written.
void CloseAfterAnswer(const httplib::Request& req, httplib::Response& res);

// The server's logger (httplib calls it once an answer is written, on the request's thread):
// closes the connection of an answer CloseAfterAnswer marked.
void FinishAnswer(const httplib::Request& req, const httplib::Response& res);

} // namespace bondstore
