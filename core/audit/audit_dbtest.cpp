#include "core/audit/audit.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <thread>

#include "core/db/migrate.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::audit {
namespace {

class AuditTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        db::Migrate(database(), db::LoadEmbeddedMigrations("audit", "core/audit/migrations/"));
    }

    void AppendSome(int count) {
        for (int i = 0; i < count; ++i) {
            Entry entry;
            entry.actor_user_id = 7;
            entry.action = "cases.case.read";
            entry.outcome = "ok";
            entry.resource_type = "cases.case";
            entry.resource_id = std::to_string(100 + i);
            entry.remote = "127.0.0.1";
            Record(database(), entry, 1'000 + i);
        }
    }

    // Tampering as someone with direct write access would: without the append-only trigger.
    void Tamper(std::string_view sql) {
        const bool sqlite = database().engine() == db::Engine::kSqlite;
        auto connection = database().Acquire();
        connection->ExecuteScript(sqlite ? "DROP TRIGGER IF EXISTS audit_log_no_update; "
                                           "DROP TRIGGER IF EXISTS audit_log_no_delete"
                                         : "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log");
        connection->ExecuteScript(sql);
    }
};

TEST_P(AuditTest, Verify_IntactChain_IsOk) {
    AppendSome(5);
    auto report = Verify(database(), testing::TestKeyring().get());
    EXPECT_TRUE(report.ok) << report.reason;
    EXPECT_EQ(report.checked, 5);
}

TEST_P(AuditTest, Verify_EmptyLog_IsOk) { EXPECT_TRUE(Verify(database(), testing::TestKeyring().get()).ok); }

TEST_P(AuditTest, UpdateOrDelete_IsRefusedByTheDatabase) {
    AppendSome(1);
    auto connection = database().Acquire();
    EXPECT_THROW(connection->Execute("UPDATE audit_log SET outcome = 'denied'"), db::Error);
    EXPECT_THROW(connection->Execute("DELETE FROM audit_log"), db::Error);
}

TEST_P(AuditTest, Verify_EditedEntry_NamesIt) {
    AppendSome(5);
    Tamper("UPDATE audit_log SET resource_id = '999' WHERE seq = 3");
    auto report = Verify(database(), testing::TestKeyring().get());
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.first_bad_seq, 3);
    EXPECT_EQ(report.reason, "content was altered");
}

TEST_P(AuditTest, Verify_DeletedEntry_NamesTheGap) {
    AppendSome(5);
    Tamper("DELETE FROM audit_log WHERE seq = 2");
    auto report = Verify(database(), testing::TestKeyring().get());
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.first_bad_seq, 2);
}

TEST_P(AuditTest, Verify_DeletedTail_IsDetectedByTheHead) {
    AppendSome(5);
    Tamper("DELETE FROM audit_log WHERE seq >= 4");
    auto report = Verify(database(), testing::TestKeyring().get());
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.first_bad_seq, 4);
}

TEST_P(AuditTest, Verify_RewrittenChainWithoutHead_IsDetected) {
    AppendSome(3);
    // Replace entry 3 by a forged one with a correct hash: the head still names the original.
    Entry forged;
    forged.action = "auth.login";
    forged.outcome = "ok";
    auto prev = database().Acquire()->Execute("SELECT hash FROM audit_log WHERE seq = 2").Text(0, 0);
    Tamper("DELETE FROM audit_log WHERE seq = 3");
    database().Acquire()->Execute(
        "INSERT INTO audit_log (seq, at, action, outcome, prev_hash, hash) VALUES (3, 5, 'auth.login', 'ok', $1, $2)",
        {prev, ChainHash(3, 5, forged, prev)});
    auto report = Verify(database(), testing::TestKeyring().get());
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.first_bad_seq, 3);
}

TEST_P(AuditTest, Verify_ChainRebuiltWithoutTheKeyFile_IsDetected) {
    AppendSome(3);
    // Someone with write access rebuilds the whole chain and the head, but has not the key file:
    // with plain SHA-256, or with a key of her own under the same id.
    const auto forger = crypto::Keyring::Parse(crypto::Keyring::NewKeyLine(testing::TestKeyring()->current_id()));
    for (const crypto::Keyring* keys : {static_cast<const crypto::Keyring*>(nullptr), &forger}) {
        const std::string key_id = keys ? keys->current_id() : "";
        std::string prev(64, '0');
        std::string script = "DELETE FROM audit_log;";
        for (int seq = 1; seq <= 3; ++seq) {
            Entry entry{.action = "auth.login", .outcome = "ok"};
            const std::string hash = ChainHash(seq, 9, entry, prev, key_id, keys);
            script += fmt::format(
                "INSERT INTO audit_log (seq, at, action, outcome, prev_hash, hash, key_id) VALUES ({}, 9, "
                "'auth.login', 'ok', '{}', '{}', '{}');",
                seq, prev, hash, key_id);
            prev = hash;
        }
        script += fmt::format("UPDATE audit_head SET seq = 3, hash = '{}' WHERE id = 1;", prev);
        Tamper(script);
        auto report = Verify(database(), testing::TestKeyring().get());
        EXPECT_FALSE(report.ok);
        EXPECT_EQ(report.first_bad_seq, 1);
        EXPECT_EQ(report.reason, keys ? "content was altered" : "not keyed: written or rewritten without the keys");
        // Without the key file, a keyed chain cannot be checked at all.
        if (keys != nullptr) {
            EXPECT_FALSE(Verify(database(), nullptr).ok);
        }
    }
}

TEST_P(AuditTest, Append_FromSeveralThreadsAndInstances_MakesOneChain) {
    auto other = OpenAnother();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        db::Database& target = t % 2 == 0 ? database() : *other;
        threads.emplace_back([&target, t] {
            for (int i = 0; i < 10; ++i) {
                Entry entry;
                entry.action = "auth.login";
                entry.outcome = "ok";
                entry.resource_id = std::to_string(t * 100 + i);
                Record(target, entry, 1'000);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    auto report = Verify(database(), testing::TestKeyring().get());
    EXPECT_TRUE(report.ok) << report.reason << " at " << report.first_bad_seq;
    EXPECT_EQ(report.checked, 40);
}

TEST_P(AuditTest, Append_InRolledBackTransaction_LeavesNoTrace) {
    EXPECT_THROW(database().Transact([](db::Connection& connection) {
        Append(connection, Entry{.action = "x.y.z", .outcome = "ok"}, 1);
        throw std::runtime_error("the write it audits failed");
    }),
                 std::runtime_error);
    AppendSome(1);
    auto report = Verify(database(), testing::TestKeyring().get());
    EXPECT_TRUE(report.ok) << report.reason;
    EXPECT_EQ(report.checked, 1);
}

PONTE_INSTANTIATE_ENGINES(AuditTest);

TEST(AddressOf, DropsThePort) {
    EXPECT_EQ(AddressOf("127.0.0.1:5555"), "127.0.0.1");
    EXPECT_EQ(AddressOf("::1:5555"), "::1");
    EXPECT_EQ(AddressOf(""), "");
}

}  // namespace
}  // namespace ponte::audit
