// An acknowledged write is never lost: kill the server with SIGKILL in the middle of a write
// load, restart it, and check that every write that got a 2xx is there, whole, and that no write
// at all is half there. On both engines.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::db {
namespace {

using namespace std::chrono_literals;

class DurabilityTest : public testing::EngineTest {};

TEST_P(DurabilityTest, Sigkill_DuringWriteLoad_LosesNoAcknowledgedWrite) {
    constexpr int kWriters = 4;
    constexpr int kKillAfter = 150;  // acknowledged writes before the kill

    auto server = std::make_unique<testing::ServerProcess>(url());
    const auto port = server->port();
    std::mutex mutex;
    std::set<std::string> acknowledged;
    std::atomic<int> acknowledged_count{0};
    std::atomic<bool> stop{false};

    std::vector<std::thread> writers;
    writers.reserve(kWriters);
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            testing::HttpClient client(port);
            for (int i = 0; !stop; ++i) {
                std::string key = "w" + std::to_string(w) + "-" + std::to_string(i);
                std::string body = boost::json::serialize(boost::json::object{{"key", key}, {"items", 1 + i % 7}});
                try {
                    auto response = client.Post("/api/v1/probe/writes", body);
                    if (response.status / 100 == 2) {
                        std::lock_guard lock(mutex);
                        acknowledged.insert(key);
                        ++acknowledged_count;
                    }
                } catch (const std::exception&) {
                    return;  // the server is gone
                }
            }
        });
    }
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (acknowledged_count < kKillAfter && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    server->Kill();
    stop = true;
    for (auto& writer : writers) writer.join();
    ASSERT_GE(acknowledged.size(), static_cast<std::size_t>(kKillAfter));

    // Restart on the same database: recovery must bring back every acknowledged write.
    server = std::make_unique<testing::ServerProcess>(url());
    testing::HttpClient client(server->port());
    for (const auto& key : acknowledged) {
        auto response = client.Get("/api/v1/probe/writes/" + key);
        ASSERT_EQ(response.status, 200) << "lost acknowledged write " << key;
        auto body = response.Json();
        EXPECT_EQ(body.at("items"), body.at("stored_items")) << "half-written " << key;
    }
    // And no write, acknowledged or not, is half there.
    auto rows = OpenAnother()->Acquire()->Execute(
        "SELECT w.write_key FROM probe_writes w WHERE w.item_count <> "
        "(SELECT COUNT(*) FROM probe_write_items i WHERE i.write_key = w.write_key)");
    EXPECT_TRUE(rows.empty()) << rows.size() << " half-written writes";
    EXPECT_EQ(server->Terminate(), 0);
}

PONTE_INSTANTIATE_ENGINES(DurabilityTest);

}  // namespace
}  // namespace ponte::db
