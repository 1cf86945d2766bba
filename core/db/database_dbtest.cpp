#include "core/db/database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/db/backup.hpp"
#include "core/testing/engine.hpp"

namespace ponte::db {
namespace {

class DatabaseTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        database().Acquire()->ExecuteScript(
            "CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, score REAL,"
            " CHECK (length(name) < 20));"
            "CREATE TABLE children (parent_id INTEGER NOT NULL REFERENCES parents (id), label TEXT)");
    }
    std::int64_t Count(std::string_view table) {
        return database().Acquire()->Execute("SELECT COUNT(*) FROM " + std::string(table)).Int(0, 0);
    }
};

TEST_P(DatabaseTest, Execute_PlaceholdersInAnyOrder_BindByNumber) {
    auto connection = database().Acquire();
    connection->Execute("INSERT INTO parents (id, name, score) VALUES ($2, $1, $3)", {std::string("ana"), 7, 1.5});
    auto rows = connection->Execute("SELECT id, name, score FROM parents WHERE name = $1 AND id = $2", {"ana", 7});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.Int(0, 0), 7);
    EXPECT_EQ(rows.Text(0, 1), "ana");
    EXPECT_DOUBLE_EQ(rows.Real(0, 2), 1.5);
    EXPECT_EQ(rows.columns, (std::vector<std::string>{"id", "name", "score"}));
}

TEST_P(DatabaseTest, Execute_NullAndUnicode_RoundTrip) {
    auto connection = database().Acquire();
    connection->Execute("INSERT INTO parents (id, name, score) VALUES (1, $1, $2)", {"ሰላም مرحبا", nullptr});
    auto rows = connection->Execute("SELECT name, score FROM parents");
    EXPECT_EQ(rows.Text(0, 0), "ሰላም مرحبا");
    EXPECT_TRUE(rows.IsNull(0, 1));
}

TEST_P(DatabaseTest, Execute_ReportsAffectedRows) {
    auto connection = database().Acquire();
    connection->Execute("INSERT INTO parents (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    EXPECT_EQ(connection->Execute("UPDATE parents SET score = 1 WHERE id > $1", {1}).affected_rows, 2);
}

TEST_P(DatabaseTest, Execute_ConstraintViolations_HaveTheirOwnTypes) {
    auto connection = database().Acquire();
    connection->Execute("INSERT INTO parents (id, name) VALUES (1, 'a')");
    EXPECT_THROW(connection->Execute("INSERT INTO parents (id, name) VALUES (2, 'a')"), UniqueViolation);
    EXPECT_THROW(connection->Execute("INSERT INTO children (parent_id) VALUES (99)"), ForeignKeyViolation);
    EXPECT_THROW(connection->Execute("INSERT INTO parents (id, name) VALUES (3, NULL)"), NotNullViolation);
    EXPECT_THROW(connection->Execute("INSERT INTO parents (id, name) VALUES (4, $1)", {std::string(30, 'x')}),
                 CheckViolation);
    EXPECT_THROW(connection->Execute("SELEKT 1"), Error);
}

TEST_P(DatabaseTest, Execute_MissingParameter_IsCallerBug) {
    auto connection = database().Acquire();
    EXPECT_ANY_THROW(connection->Execute("SELECT $1, $2", {1}));
}

TEST_P(DatabaseTest, Transact_Exception_RollsBackEverything) {
    EXPECT_THROW(database().Transact([](Connection& c) {
        c.Execute("INSERT INTO parents (id, name) VALUES (1, 'a')");
        c.Execute("INSERT INTO children (parent_id, label) VALUES (1, 'x')");
        c.Execute("INSERT INTO children (parent_id, label) VALUES (2, 'orphan')");  // FK violation
    }),
                 ForeignKeyViolation);
    EXPECT_EQ(Count("parents"), 0);
    EXPECT_EQ(Count("children"), 0);
    // The connection is clean afterwards: a new transaction works.
    database().Transact([](Connection& c) { c.Execute("INSERT INTO parents (id, name) VALUES (1, 'a')"); });
    EXPECT_EQ(Count("parents"), 1);
}

TEST_P(DatabaseTest, Transact_ReturnsValueAndCommits) {
    auto id = database().Transact([](Connection& c) {
        return c.Execute("INSERT INTO parents (id, name) VALUES (5, 'e') RETURNING id").Int(0, 0);
    });
    EXPECT_EQ(id, 5);
    EXPECT_EQ(OpenAnother()->Acquire()->Execute("SELECT name FROM parents").Text(0, 0), "e");
}

TEST_P(DatabaseTest, Transact_TransientErrors_AreRetried) {
    int calls = 0;
    database().Transact([&](Connection& c) {
        if (++calls < 3) throw TransientError("simulated serialization failure");
        c.Execute("INSERT INTO parents (id, name) VALUES (1, 'a')");
    });
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(Count("parents"), 1);
}

TEST_P(DatabaseTest, ConcurrentWriters_AllCommit) {
    constexpr int kThreads = 4;
    constexpr int kWrites = 25;
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kWrites; ++i) {
                try {
                    database().Transact([&](Connection& c) {
                        c.Execute("INSERT INTO parents (id, name) VALUES ($1, $2)",
                                  {std::int64_t{t * 1000 + i}, "n" + std::to_string(t * 1000 + i)});
                    });
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(Count("parents"), kThreads * kWrites);
}

TEST_P(DatabaseTest, Acquire_PoolExhausted_TimesOutWithTransientError) {
    auto small = Database::Open(url(), {.pool_size = 1, .acquire_timeout = std::chrono::milliseconds(50)});
    auto held = small->Acquire();
    EXPECT_THROW(small->Acquire(), TransientError);
    EXPECT_EQ(small->Stats().timeouts, 1u);
    EXPECT_EQ(small->Stats().in_use, 1u);
}

TEST_P(DatabaseTest, Acquire_ReusesReleasedConnections) {
    { auto a = database().Acquire(); }
    { auto b = database().Acquire(); }
    EXPECT_EQ(database().Stats().size, 1u);
    EXPECT_EQ(database().Stats().in_use, 0u);
}

TEST_P(DatabaseTest, Backup_Sqlite_CopiesConsistentlyPostgres_Refuses) {
    database().Acquire()->Execute("INSERT INTO parents (id, name) VALUES (1, 'kept')");
    auto directory = testing::MakeTempDirectory();
    auto out = (directory / "copy.db").string();
    if (GetParam() == Engine::kPostgres) {
        EXPECT_THROW(BackupSqlite(database(), out), std::invalid_argument);
    } else {
        BackupSqlite(database(), out);
        auto copy = Database::Open("sqlite:" + out);
        EXPECT_EQ(copy->Acquire()->Execute("SELECT name FROM parents").Text(0, 0), "kept");
        EXPECT_THROW(BackupSqlite(database(), out), std::invalid_argument);  // never overwrites
    }
    std::filesystem::remove_all(directory);
}

TEST(DatabaseOpen, BadUrls_FailClearly) {
    EXPECT_THROW(Database::Open("mysql://x"), std::invalid_argument);
    EXPECT_THROW(Database::Open("sqlite:"), std::invalid_argument);
    EXPECT_THROW(Database::Open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"), ConnectionError);
    EXPECT_THROW(Database::Open("sqlite:/proc/forbidden/x.db"), std::exception);
}

PONTE_INSTANTIATE_ENGINES(DatabaseTest);

}  // namespace
}  // namespace ponte::db
