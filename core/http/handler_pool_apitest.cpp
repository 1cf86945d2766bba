// The handler pool of the real server, on both engines: requests waiting in the database hold up
// neither the event loops nor the requests on other connections, and a full pool refuses at once.
// The test holds the probe writes' table locked through its own connection, so the writes wait
// in the database for as long as the test wants, and it checks what answers meanwhile (an order
// of events, not a timing; the timeouts only stop a broken server from hanging the test).
#include "core/http/server.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <sstream>
#include <thread>

#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::http {
namespace {

using testing::HttpClient;
using testing::HttpResult;
using testing::ServerProcess;
using namespace std::chrono_literals;

constexpr int kSlow = 8;                           // requests that wait on the lock
constexpr auto kGuard = std::chrono::seconds(30);  // only for a broken server

class HandlerPoolTest : public testing::EngineTest {
  protected:
    // Holds the write lock on probe_writes until Release(): on PostgreSQL a table lock that lets
    // reads through, on SQLite the database's write lock (readers go on in WAL mode).
    void Lock() {
        lock_.emplace(database().Acquire());
        if (database().engine() == db::Engine::kPostgres) {
            (*lock_)->Execute("BEGIN");
            (*lock_)->Execute("LOCK TABLE probe_writes IN SHARE ROW EXCLUSIVE MODE");
        } else {
            (*lock_)->Execute("BEGIN IMMEDIATE");
        }
    }
    void Release() {
        (*lock_)->Execute("ROLLBACK");
        lock_.reset();
    }

    // Starts kSlow writes, each on its own connection.
    std::vector<std::future<HttpResult>> StartSlowWrites(std::uint16_t port) {
        std::vector<std::future<HttpResult>> writes;
        writes.reserve(kSlow);
        for (int i = 0; i < kSlow; ++i) {
            writes.push_back(std::async(std::launch::async, [port, i] {
                std::string body =
                    boost::json::serialize(boost::json::object{{"key", "slow-" + std::to_string(i)}, {"items", 1}});
                return HttpClient(port).Post("/api/v1/probe/writes", body);
            }));
        }
        return writes;
    }

    std::optional<db::Lease> lock_;
};

// The value of a gauge or counter without labels in /metrics, or -1.
double Gauge(HttpClient& client, std::string_view name) {
    auto metrics = client.Get("/metrics");
    std::istringstream lines(metrics.body);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with(name) && line.size() > name.size() && line[name.size()] == ' ') {
            return std::stod(line.substr(name.size() + 1));
        }
    }
    return -1;
}

bool Ready(std::future<HttpResult>& future) { return future.wait_for(0s) == std::future_status::ready; }

TEST_P(HandlerPoolTest, WritesWaitingInTheDatabase_LeaveHealthAndReadsAnswering_ThenAllFinish) {
    // Two event loops (as ServerProcess asks) and a pool large enough for the slow writes.
    ServerProcess server(url(), {"--jobs", "false", "--handler-threads", "12", "--db-pool-size", "14"});
    HttpClient client(server.port());
    ASSERT_EQ(client.Post("/api/v1/probe/writes", R"({"key":"before","items":2})").status, 201);

    Lock();
    auto writes = StartSlowWrites(server.port());
    // Every slow write holds a database connection, waiting on the lock (nothing else runs: no
    // job worker, and /metrics reads the pool's counters, not the database).
    const auto deadline = std::chrono::steady_clock::now() + kGuard;
    while (Gauge(client, "ponte_db_pool_in_use") < kSlow && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::yield();
    }
    ASSERT_EQ(Gauge(client, "ponte_db_pool_in_use"), kSlow) << "the slow writes did not all reach the database";
    // Each of them holds a handler thread (the scrape that reads this runs on its event loop); none
    // waits.
    EXPECT_EQ(Gauge(client, "ponte_http_handler_pool_busy"), kSlow);
    EXPECT_EQ(Gauge(client, "ponte_http_handler_pool_waiting"), 0);

    // Meanwhile other connections get the health check and reads from the database, even of the
    // locked table, while every slow write is still waiting.
    EXPECT_EQ(HttpClient(server.port()).Get("/healthz").status, 200);
    EXPECT_EQ(HttpClient(server.port()).Get("/api/v1/meta").status, 200);
    auto read = HttpClient(server.port()).Get("/api/v1/probe/writes/before");
    EXPECT_EQ(read.status, 200);
    EXPECT_EQ(read.Json().at("stored_items"), 2);
    for (auto& write : writes) EXPECT_FALSE(Ready(write)) << "a write went through the lock";

    Release();
    for (auto& write : writes) {
        ASSERT_EQ(write.wait_for(kGuard), std::future_status::ready);
        EXPECT_EQ(write.get().status, 201);
    }
}

TEST_P(HandlerPoolTest, AuditedReadsWaitingForTheirCommit_HoldNoThreadAndGoOutOnceItIsDone) {
    constexpr int kReads = 6;
    ServerProcess server(url(), {"--jobs", "false", "--handler-threads", "2", "--db-pool-size", "4"});
    HttpClient client(server.port());
    ASSERT_EQ(client.Post("/api/v1/probe/writes", R"({"key":"before","items":2})").status, 201);
    auto audited = [&] {
        return database()
            .Acquire()
            ->Execute("SELECT COUNT(*) FROM audit_log WHERE action = 'probe.write.read'")
            .Int(0, 0);
    };

    // Holds the chain's head, so that the commit of their entries waits (on SQLite, the write lock).
    lock_.emplace(database().Acquire());
    (*lock_)->Execute(database().engine() == db::Engine::kPostgres ? "BEGIN" : "BEGIN IMMEDIATE");
    if (database().engine() == db::Engine::kPostgres) {
        (*lock_)->Execute("LOCK TABLE audit_head IN SHARE ROW EXCLUSIVE MODE");
    }
    std::vector<std::future<HttpResult>> reads;
    reads.reserve(kReads);
    for (int i = 0; i < kReads; ++i) {
        reads.push_back(std::async(std::launch::async, [port = server.port()] {
            return HttpClient(port).Get("/api/v1/probe/writes/before/audited");
        }));
    }
    // Every read is answered by its handler and waits for the commit, which one thread runs.
    const auto deadline = std::chrono::steady_clock::now() + kGuard;
    while (Gauge(client, "ponte_http_handler_pool_held") < kReads && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::yield();
    }
    ASSERT_EQ(Gauge(client, "ponte_http_handler_pool_held"), kReads);
    EXPECT_EQ(Gauge(client, "ponte_http_handler_pool_busy"), 1);
    // The other thread of the two serves: a route that needs one answers.
    EXPECT_EQ(HttpClient(server.port()).Get("/api/v1/meta").status, 200);
    for (auto& read : reads) EXPECT_FALSE(Ready(read)) << "a read went out before its audit entry was committed";
    EXPECT_EQ(audited(), 0);

    Release();
    for (auto& read : reads) {
        ASSERT_EQ(read.wait_for(kGuard), std::future_status::ready);
        auto answer = read.get();
        EXPECT_EQ(answer.status, 200);
        EXPECT_EQ(answer.Json().at("stored_items"), 2);
    }
    EXPECT_EQ(audited(), kReads);
    EXPECT_EQ(Gauge(client, "ponte_http_handler_pool_held"), 0);
    // Counted once each, when it went out.
    EXPECT_NE(
        client.Get("/metrics")
            .body.find(
                R"(ponte_http_requests_total{method="GET",route="/api/v1/probe/writes/{key}/audited",status="2xx"} 6)"),
        std::string::npos);
}

TEST_P(HandlerPoolTest, AuditedRead_WhoseEntryCannotBeCommitted_Is503AndTheServerServesOn) {
    ServerProcess server(url(), {"--jobs", "false"});
    HttpClient client(server.port());
    ASSERT_EQ(client.Post("/api/v1/probe/writes", R"({"key":"before","items":2})").status, 201);
    // The chain's head gone, every append fails: a read that would go out unaudited is refused.
    database().Acquire()->ExecuteScript("DROP TABLE audit_head");
    auto refused = client.Get("/api/v1/probe/writes/before/audited");
    EXPECT_EQ(refused.status, 503);
    EXPECT_EQ(refused.Header("Content-Type"), "application/problem+json");
    EXPECT_EQ(refused.Json().at("type"), "/problems/unavailable");
    EXPECT_EQ(refused.Header("Retry-After"), "1");
    EXPECT_EQ(refused.body.find("stored_items"), std::string::npos);
    // Under the request's own id, which its audit entry and its log lines carry.
    EXPECT_FALSE(refused.Header("X-Request-Id").empty());
    EXPECT_NE(refused.body.find(refused.Header("X-Request-Id")), std::string::npos) << refused.body;
    // (Its connection closed after the refusal: the others on new ones.)
    HttpClient other(server.port());
    EXPECT_EQ(other.Get("/api/v1/probe/writes/before").status, 200);
    EXPECT_EQ(Gauge(other, "ponte_http_handler_pool_held"), 0);
}

TEST_P(HandlerPoolTest, FullPool_RefusesAtOnceWith503_WhileTheLoopsServeAndTheAdmittedWait) {
    struct Directory {
        std::filesystem::path path = testing::MakeTempDirectory();
        ~Directory() { std::filesystem::remove_all(path); }
    } web;
    const auto root = web.path / "web";
    std::filesystem::create_directories(root);
    std::ofstream(root / "index.html") << "<!doctype html><title>t</title>";
    // Two handler threads and room for four requests: two run (waiting on the lock), two queue.
    constexpr int kAdmitted = 4;
    ServerProcess server(url(), {"--jobs", "false", "--handler-threads", "2", "--max-pending-requests",
                                 std::to_string(kAdmitted), "--db-pool-size", "4", "--web-root", root.string()});
    HttpClient client(server.port());

    Lock();
    auto writes = StartSlowWrites(server.port());
    // The requests beyond the pool's room are answered while the lock still holds the others.
    const auto deadline = std::chrono::steady_clock::now() + kGuard;
    auto count_ready = [&] { return std::count_if(writes.begin(), writes.end(), Ready); };
    while (count_ready() < kSlow - kAdmitted && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    ASSERT_EQ(count_ready(), kSlow - kAdmitted);
    std::vector<std::future<HttpResult>> admitted;
    for (auto& write : writes) {
        if (!Ready(write)) {
            admitted.push_back(std::move(write));
            continue;
        }
        auto refused = write.get();
        EXPECT_EQ(refused.status, 503);
        EXPECT_EQ(refused.Header("Retry-After"), "1");
        EXPECT_EQ(refused.Header("Content-Type"), "application/problem+json");
        EXPECT_EQ(refused.Json().at("type"), "/problems/unavailable");
    }

    // A route is refused the same way while the pool is full; the event loops still serve what
    // needs no handler (static files, 404).
    auto busy = HttpClient(server.port()).Get("/healthz");
    EXPECT_EQ(busy.status, 503);
    EXPECT_EQ(busy.Header("Retry-After"), "1");
    EXPECT_EQ(HttpClient(server.port()).Get("/").status, 200);
    EXPECT_EQ(HttpClient(server.port()).Get("/api/v1/no-such-route").status, 404);
    // The metrics scrape answers too, on the loop, and shows the pool full: both threads busy, the
    // other two admitted requests waiting, the refusals counted.
    // (The two running requests may still be on their way to their threads: wait for them.)
    while (Gauge(client, "ponte_http_handler_pool_busy") < 2 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::yield();
    }
    EXPECT_EQ(Gauge(client, "ponte_http_handler_pool_busy"), 2);
    EXPECT_EQ(Gauge(client, "ponte_http_handler_pool_waiting"), kAdmitted - 2);
    EXPECT_EQ(Gauge(client, "ponte_http_handler_pool_refused_total"), kSlow - kAdmitted + 1);
    for (auto& write : admitted) EXPECT_FALSE(Ready(write));

    Release();
    for (auto& write : admitted) {
        ASSERT_EQ(write.wait_for(kGuard), std::future_status::ready);
        EXPECT_EQ(write.get().status, 201);
    }
    EXPECT_EQ(client.Get("/healthz").status, 200);
    // Every refusal is counted: the writes beyond the room and the health check.
    EXPECT_EQ(Gauge(client, "ponte_http_handler_pool_refused_total"), kSlow - kAdmitted + 1);
    EXPECT_EQ(Gauge(client, "ponte_http_handler_pool_waiting"), 0);
    EXPECT_EQ(Gauge(client, "ponte_http_handler_pool_busy"), 0);
}

PONTE_INSTANTIATE_ENGINES(HandlerPoolTest);

}  // namespace
}  // namespace ponte::http
