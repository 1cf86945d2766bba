// The real server over real sockets: limits, timeouts, keep-alive, shutdown, static files.
#include "core/http/server.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <thread>

#include "core/db/database.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::http {
namespace {

using testing::HttpClient;
using testing::RawExchange;
using testing::ServerProcess;
using testing::StatusOf;
using namespace std::chrono_literals;

class ServerTest : public ::testing::Test {
  protected:
    void SetUp() override { directory_ = testing::MakeTempDirectory(); }
    void TearDown() override { std::filesystem::remove_all(directory_); }

    std::unique_ptr<ServerProcess> Start(std::vector<std::string> args = {}) {
        return std::make_unique<ServerProcess>("sqlite:" + (directory_ / "test.db").string(), std::move(args));
    }

    std::filesystem::path directory_;
};

std::string BodyOf(const std::string& raw) {
    auto at = raw.find("\r\n\r\n");
    return at == std::string::npos ? "" : raw.substr(at + 4);
}

TEST_F(ServerTest, Healthz_WithDatabase_IsOk) {
    auto server = Start();
    HttpClient client(server->port());
    auto response = client.Get("/healthz");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Json().at("database"), "ok");
    EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_FALSE(response.Header("X-Request-Id").empty());
}

TEST_F(ServerTest, KeepAlive_PipelinedRequests_AllAnsweredOnOneConnection) {
    auto server = Start();
    std::string two =
        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    auto raw = RawExchange(server->port(), two, 5s);
    EXPECT_EQ(StatusOf(raw), 200);
    auto second = raw.find("HTTP/1.1 200 OK", 10);
    ASSERT_NE(second, std::string::npos) << raw;
    EXPECT_NE(raw.find("\"engine\":\"sqlite\""), std::string::npos);
}

TEST_F(ServerTest, OversizedBody_Is413ProblemJson) {
    auto server = Start({"--max-body-bytes", "2048"});
    std::string body(std::size_t{100} * 1024, 'x');
    auto raw = RawExchange(server->port(),
                           "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Content-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body,
                           5s);
    EXPECT_EQ(StatusOf(raw), 413) << raw.substr(0, 200);
    EXPECT_NE(raw.find("application/problem+json"), std::string::npos);
    auto problem = boost::json::parse(BodyOf(raw)).as_object();
    EXPECT_EQ(problem.at("type"), "/problems/payload-too-large");
    EXPECT_EQ(problem.at("instance"), "/api/v1/auth/login");
}

TEST_F(ServerTest, OversizedChunkedBody_Is413) {
    auto server = Start({"--max-body-bytes", "2048"});
    std::string chunk(4000, 'x');
    auto raw = RawExchange(server->port(),
                           "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n\r\nfa0\r\n" +
                               chunk + "\r\n0\r\n\r\n",
                           5s);
    EXPECT_EQ(StatusOf(raw), 413);
}

TEST_F(ServerTest, OversizedHeaders_Are431) {
    auto server = Start();
    auto raw = RawExchange(server->port(),
                           "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n", 5s);
    EXPECT_EQ(StatusOf(raw), 431);
    EXPECT_EQ(boost::json::parse(BodyOf(raw)).at("type"), "/problems/headers-too-large");
}

TEST_F(ServerTest, MalformedHttp_Is400ProblemJsonAndServerLivesOn) {
    auto server = Start();
    for (const std::string& bad :
         {std::string("GARBAGE\r\n\r\n"), std::string("GET /healthz HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
          std::string("GET /healthz HTTP/9.9\r\n\r\n"), std::string("GET /he\x01z HTTP/1.1\r\n\r\n"),
          std::string("GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n"),
          std::string("POST /api/v1/auth/login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")}) {
        auto raw = RawExchange(server->port(), bad, 5s);
        EXPECT_EQ(StatusOf(raw), 400) << bad;
        EXPECT_NE(raw.find("application/problem+json"), std::string::npos) << bad;
        EXPECT_EQ(raw.find("\"instance\":\"\""), std::string::npos) << bad;
    }
    EXPECT_EQ(HttpClient(server->port()).Get("/healthz").status, 200);
}

// A Transfer-Encoding the parser cannot end the body by would leave the body's bytes to be read
// as the next request: such a request gets 400 and its connection closes unread.
TEST_F(ServerTest, TransferEncodingNotChunked_Is400AndSmuggledRequestIsNeverAnswered) {
    auto server = Start();
    // Connection: close ends the exchange at once should the smuggled request be answered.
    const std::string smuggled = "GET /api/v1/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    for (const std::string& framing :
         {std::string("Transfer-Encoding: xchunked\r\n"), std::string("Transfer-Encoding: gzip\r\n"),
          std::string("Transfer-Encoding: identity\r\n"), std::string("Transfer-Encoding: \"chunked\"\r\n"),
          std::string("Transfer-Encoding: chunked, identity\r\n"),
          std::string("Transfer-Encoding: chunked\r\nContent-Length: 0\r\n")}) {
        std::string request = "POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\n";
        request += framing;
        request += "\r\n";
        request += smuggled;
        auto raw = RawExchange(server->port(), request, 5s);
        EXPECT_EQ(StatusOf(raw), 400) << framing;
        EXPECT_NE(raw.find("Connection: close"), std::string::npos) << framing;
        EXPECT_EQ(raw.find("HTTP/1.1", 1), std::string::npos) << framing << raw;
        EXPECT_EQ(raw.find("\"engine\""), std::string::npos) << framing;
    }
    auto old =
        RawExchange(server->port(),
                    "POST /api/v1/auth/logout HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled, 5s);
    EXPECT_EQ(StatusOf(old), 400);
    EXPECT_EQ(old.find("\"engine\""), std::string::npos);
}

TEST_F(ServerTest, MissingDuplicateOrInvalidHost_Is400) {
    auto server = Start();
    for (const std::string& host :
         {std::string(""), std::string("Host: x\r\nHost: x\r\n"), std::string("Host: a b\r\n"),
          std::string("Host: evil.example/x?#\r\n"), std::string("Host: user@evil.example\r\n"),
          std::string("Host: ev\x01il.example\r\n")}) {
        auto raw =
            RawExchange(server->port(), "GET /api/v1/meta HTTP/1.1\r\nConnection: close\r\n" + host + "\r\n", 5s);
        EXPECT_EQ(StatusOf(raw), 400) << host;
        EXPECT_NE(raw.find("application/problem+json"), std::string::npos) << host;
    }
    EXPECT_EQ(StatusOf(RawExchange(server->port(), "GET /api/v1/meta HTTP/1.0\r\n\r\n", 5s)), 200);
    EXPECT_EQ(StatusOf(RawExchange(server->port(),
                                   "GET /api/v1/meta HTTP/1.1\r\nHost: [::1]:8080\r\n"
                                   "Connection: close\r\n\r\n",
                                   5s)),
              200);
}

TEST_F(ServerTest, SlowClient_IsDisconnectedAtReadTimeoutAndLoggedAs408) {
    auto server = Start({"--read-timeout", "0.3"});
    auto start = std::chrono::steady_clock::now();
    // Half a request, then nothing: a slowloris.
    auto raw = RawExchange(server->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n", 5s);
    EXPECT_EQ(raw, "");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);  // closed by the server, not by our timeout
    EXPECT_TRUE(server->WaitForLog("\"status\":408", 2s));
    EXPECT_EQ(HttpClient(server->port()).Get("/healthz").status, 200);
}

TEST_F(ServerTest, SlowBody_IsDisconnectedAtReadTimeout) {
    auto server = Start({"--read-timeout", "0.3"});
    auto start = std::chrono::steady_clock::now();
    auto raw = RawExchange(server->port(),
                           "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Content-Length: 100\r\n\r\n{\"email\":",
                           5s);
    EXPECT_EQ(raw, "");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
}

TEST_F(ServerTest, IdleConnection_IsClosedAfterIdleTimeout) {
    auto server = Start({"--idle-timeout", "0.2"});
    auto start = std::chrono::steady_clock::now();
    auto raw = RawExchange(server->port(), "", 5s);
    EXPECT_EQ(raw, "");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
}

TEST_F(ServerTest, Sigterm_FinishesInFlightRequestAndExitsZero) {
    auto server = Start({"--shutdown-timeout", "10"});
    HttpClient idle(server->port());
    ASSERT_EQ(idle.Get("/healthz").status, 200);  // an idle keep-alive connection stays open
    auto in_flight = std::async(std::launch::async, [port = server->port()] {
        return HttpClient(port).Post("/api/v1/probe/sleep", "", "").status;
    });
    ASSERT_TRUE(server->WaitForLog("probe sleep started", 5s));  // the handler runs; it takes 500 ms
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(server->Terminate(), 0);
    EXPECT_EQ(in_flight.get(), 204);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);  // the idle connection did not hold it up
    EXPECT_TRUE(server->WaitForLog("shutdown complete", 1s));
}

TEST_F(ServerTest, Head_AnnouncesGetLengthWithoutBody) {
    auto server = Start();
    auto raw = RawExchange(server->port(), "HEAD /api/v1/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5s);
    EXPECT_EQ(StatusOf(raw), 200);
    EXPECT_EQ(BodyOf(raw), "");
    auto get = HttpClient(server->port()).Get("/api/v1/meta");
    EXPECT_NE(raw.find("Content-Length: " + std::to_string(get.body.size())), std::string::npos) << raw;
}

TEST_F(ServerTest, WrongMethod_Is405WithAllowHeader) {
    auto server = Start();
    auto response = HttpClient(server->port()).Send("DELETE", "/healthz", "", {});
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.Header("Allow"), "GET, HEAD");
    EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
}

TEST_F(ServerTest, StaticFiles_TypesCachingGzipAndNoEscape) {
    auto root = directory_ / "web";
    std::filesystem::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<!doctype html><title>t</title>";
    std::ofstream(root / "assets" / "app-1a2b.js") << "console.log(1)";
    std::ofstream(root / "assets" / "app-1a2b.js.gz") << "GZIPPED";
    std::ofstream(directory_ / "secret.txt") << "secret";
    auto server = Start({"--web-root", root.string()});
    HttpClient client(server->port());

    auto index = client.Get("/");
    EXPECT_EQ(index.status, 200);
    EXPECT_EQ(index.Header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(index.Header("Cache-Control"), "no-cache");

    auto plain = client.Get("/assets/app-1a2b.js");
    EXPECT_EQ(plain.body, "console.log(1)");
    EXPECT_EQ(plain.Header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(plain.Header("Content-Type"), "text/javascript; charset=utf-8");

    auto gzip = client.Get("/assets/app-1a2b.js", {{"Accept-Encoding", "br, gzip"}});
    EXPECT_EQ(gzip.Header("Content-Encoding"), "gzip");
    EXPECT_EQ(gzip.body, "GZIPPED");
    EXPECT_EQ(gzip.Header("Vary"), "Accept-Encoding");

    auto again = client.Get("/assets/app-1a2b.js", {{"If-None-Match", plain.Header("ETag")}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.body, "");

    for (std::string escape :
         {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/.hidden", "/missing.js"}) {
        auto response = client.Get(escape);
        EXPECT_EQ(response.status, 404) << escape;
        EXPECT_EQ(response.body.find("secret\""), std::string::npos);
    }
}

TEST_F(ServerTest, AppAddresses_GetTheAppPageOnlyWhenABrowserNavigates) {
    auto root = directory_ / "web";
    std::filesystem::create_directories(root);
    std::ofstream(root / "index.html") << "<!doctype html><title>app</title>";
    auto server = Start({"--web-root", root.string()});
    HttpClient client(server->port());
    const std::map<std::string, std::string> browser = {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}};
    for (std::string path : {"/invite", "/home/plan", "/reset-password"}) {
        auto page = client.Get(path, browser);
        EXPECT_EQ(page.status, 200) << path;
        EXPECT_EQ(page.body, "<!doctype html><title>app</title>");
    }
    EXPECT_EQ(client.Get("/invite").status, 404) << "not a browser navigation";
    EXPECT_EQ(client.Get("/missing.js", browser).status, 404) << "a file, not an address of the app";
    EXPECT_EQ(client.Get("/api/v1/nothing", browser).status, 404);
    EXPECT_EQ(client.Get("/assets/gone", browser).status, 404);
}

TEST_F(ServerTest, Metrics_CountRequestsByRouteAndPool) {
    auto server = Start();
    HttpClient client(server->port());
    client.Get("/healthz");
    client.Get("/nope");
    auto text = client.Get("/metrics").body;
    EXPECT_NE(text.find(R"(ponte_http_requests_total{method="GET",route="/healthz",status="2xx"} 1)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find(R"(ponte_http_request_duration_seconds_bucket{method="GET",route="/healthz",le="+Inf"} 1)"),
              std::string::npos);
    EXPECT_NE(text.find("ponte_db_pool_capacity "), std::string::npos);
    EXPECT_NE(text.find("\nponte_http_handler_pool_busy 0\n"), std::string::npos) << "the scrape runs on its loop\n"
                                                                                  << text;
    EXPECT_NE(text.find("\nponte_http_handler_pool_waiting 0\n"), std::string::npos);
    EXPECT_NE(text.find("\nponte_http_handler_pool_refused_total 0\n"), std::string::npos);
    EXPECT_NE(text.find("\nponte_http_heavy_pool_busy 0\n"), std::string::npos);
}

// promtool is the reference linter of the exposition format. Without it the test is skipped,
// unless PONTE_REQUIRE_TOOLS=1 (as `make test` sets) makes a missing tool a failure.
TEST_F(ServerTest, Metrics_PassPromtoolCheck) {
    const bool found = std::system("command -v promtool >/dev/null 2>&1") == 0;
    if (!found) {
        const char* require = std::getenv("PONTE_REQUIRE_TOOLS");
        ASSERT_FALSE(require != nullptr && std::string_view(require) == "1")
            << "promtool not found (Debian: prometheus)";
        GTEST_SKIP() << "promtool not found (Debian package prometheus)";
    }
    auto server = Start();
    HttpClient client(server->port());
    client.Get("/healthz");
    client.Get("/nope");
    auto text = client.Get("/metrics").body;
    const auto output = directory_ / "promtool.txt";
    FILE* promtool = popen(("promtool check metrics >" + output.string() + " 2>&1").c_str(), "w");
    ASSERT_NE(promtool, nullptr);
    std::fwrite(text.data(), 1, text.size(), promtool);
    const int status = pclose(promtool);
    std::ifstream report(output);
    std::string findings((std::istreambuf_iterator<char>(report)), std::istreambuf_iterator<char>());
    EXPECT_EQ(status, 0) << findings << "\n" << text;
}

TEST_F(ServerTest, Metrics_ForwardedByAProxyOrWithAWrongToken_Are404) {
    auto server = Start({"--metrics-token", "a-token-for-the-scraper"});
    HttpClient client(server->port());
    EXPECT_EQ(client.Get("/metrics").status, 200) << "loopback";
    const std::map<std::string, std::string> forwarded = {{"X-Forwarded-For", "203.0.113.9"}};
    auto refused = client.Get("/metrics", forwarded);
    EXPECT_EQ(refused.status, 404);
    EXPECT_EQ(refused.Json().at("type"), "/problems/not-found");
    EXPECT_EQ(client.Get("/metrics", {{"Forwarded", "for=203.0.113.9"}}).status, 404);
    EXPECT_EQ(
        client
            .Get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}, {"Authorization", "Bearer a-token-for-the-scrapes"}})
            .status,
        404);
    EXPECT_EQ(
        client
            .Get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}, {"Authorization", "Bearer a-token-for-the-scraper"}})
            .status,
        200);
}

TEST_F(ServerTest, Metrics_ForAClientBehindATrustedProxy_Are404) {
    auto server = Start({"--trusted-proxies", "127.0.0.1"});
    HttpClient client(server->port());
    EXPECT_EQ(client.Get("/metrics").status, 200);
    EXPECT_EQ(client.Get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}}).status, 404);
}

// The audit log (and the throttle) key on the client's address: X-Forwarded-For says it only
// when the peer is a proxy the operator listed.
TEST_F(ServerTest, ForwardedAddress_IsRecordedOnlyFromATrustedProxy) {
    const std::string url = "sqlite:" + (directory_ / "test.db").string();
    auto remote_of = [&](std::vector<std::string> args, const std::string& request_id) {
        ServerProcess server(url, std::move(args));
        auto response = HttpClient(server.port())
                            .Post("/api/v1/auth/login", R"({"email":"nobody@example.org","password":"not the one"})",
                                  "application/json",
                                  {{"X-Forwarded-For", "198.51.100.20, 203.0.113.9"}, {"X-Request-Id", request_id}});
        EXPECT_EQ(response.status, 401);
        auto rows = db::Database::Open(url)->Acquire()->Execute("SELECT remote FROM audit_log WHERE request_id = $1",
                                                                {request_id});
        return rows.empty() ? std::string("(none)") : rows.Text(0, 0);
    };
    EXPECT_EQ(remote_of({"--trusted-proxies", "10.0.0.0/8, 127.0.0.1"}, "trusted-1"), "203.0.113.9");
    EXPECT_EQ(remote_of({"--trusted-proxies", "127.0.0.0/8,203.0.113.0/24"}, "trusted-2"), "198.51.100.20");
    EXPECT_EQ(remote_of({}, "untrusted-1"), "127.0.0.1");
    EXPECT_EQ(remote_of({"--trusted-proxies", "10.0.0.1"}, "untrusted-2"), "127.0.0.1");
}

TEST_F(ServerTest, SecureCookies_SendStrictTransportSecurityOnEveryResponse) {
    {
        auto server = Start();
        HttpClient client(server->port());
        EXPECT_EQ(client.Get("/healthz").Header("Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
        EXPECT_EQ(client.Get("/nope").Header("Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
        auto raw = RawExchange(server->port(), "GARBAGE\r\n\r\n", 5s);
        EXPECT_NE(raw.find("Strict-Transport-Security: max-age=31536000; includeSubDomains"), std::string::npos);
    }
    auto plain = Start({"--cookie-secure", "false"});
    EXPECT_EQ(HttpClient(plain->port()).Get("/healthz").Header("Strict-Transport-Security"), "");
}

TEST_F(ServerTest, AccessLog_IsOneJsonLinePerRequest) {
    auto server = Start();
    HttpClient(server->port()).Get("/healthz", {{"X-Request-Id", "trace-me-1"}});
    ASSERT_TRUE(server->WaitForLog("trace-me-1", 5s));
    for (const auto& line : server->Log()) {
        if (line.find("trace-me-1") == std::string::npos) continue;
        auto entry = boost::json::parse(line).as_object();
        EXPECT_EQ(entry.at("msg"), "request");
        EXPECT_EQ(entry.at("path"), "/healthz");
        EXPECT_EQ(entry.at("status"), 200);
        EXPECT_TRUE(entry.contains("duration_ms"));
    }
}

}  // namespace
}  // namespace ponte::http
