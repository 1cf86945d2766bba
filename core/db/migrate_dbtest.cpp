#include "core/db/migrate.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "core/testing/engine.hpp"

namespace ponte::db {
namespace {

class MigrateTest : public testing::EngineTest {};

Migration Make(int version, std::string name, std::string sql) {
    return {"sample", version, std::move(name), sql, sql};
}

TEST_P(MigrateTest, Migrate_AppliesInOrderOnceAndRecords) {
    std::vector<Migration> migrations{Make(1, "create_a", "CREATE TABLE a (x INTEGER)"),
                                      Make(2, "add_b", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1)")};
    EXPECT_EQ(Migrate(database(), migrations).size(), 2u);
    EXPECT_EQ(Migrate(database(), migrations).size(), 0u);  // idempotent
    auto applied = ListApplied(database());
    ASSERT_EQ(applied.size(), 2u);
    EXPECT_EQ(applied[1].name, "add_b");
    EXPECT_EQ(database().Acquire()->Execute("SELECT COUNT(*) FROM a").Int(0, 0), 1);
}

TEST_P(MigrateTest, Migrate_FailingMigration_LeavesNothingOfIt) {
    std::vector<Migration> migrations{
        Make(1, "good", "CREATE TABLE a (x INTEGER)"),
        Make(2, "bad", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1); INSERT INTO nowhere VALUES (1)")};
    EXPECT_THROW(Migrate(database(), migrations), Error);
    auto applied = ListApplied(database());
    ASSERT_EQ(applied.size(), 1u);
    auto connection = database().Acquire();
    EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM a").Int(0, 0), 0);
    EXPECT_THROW(connection->Execute("SELECT * FROM b"), Error);  // table b was rolled back too
}

TEST_P(MigrateTest, Migrate_ConcurrentInstances_ApplyEachOnce) {
    std::vector<Migration> migrations;
    for (int v = 1; v <= 5; ++v) {
        migrations.push_back(Make(v, "t" + std::to_string(v), "CREATE TABLE t" + std::to_string(v) + " (x INTEGER)"));
    }
    auto other = OpenAnother();
    std::size_t applied_here = 0;
    std::size_t applied_there = 0;
    std::thread racer([&] { applied_there = Migrate(*other, migrations).size(); });
    applied_here = Migrate(database(), migrations).size();
    racer.join();
    EXPECT_EQ(applied_here + applied_there, 5u);
    EXPECT_EQ(ListApplied(database()).size(), 5u);
}

TEST_P(MigrateTest, CoreMigrations_ApplyOnEngine) {
    auto migrations = LoadEmbeddedMigrations("core", "core/db/migrations/");
    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(Migrate(database(), migrations).size(), migrations.size());
}

TEST(LoadEmbeddedMigrations, CoreFolder_IsNumberedWithoutGaps) {
    auto migrations = LoadEmbeddedMigrations("core", "core/db/migrations/");
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        EXPECT_EQ(migrations[i].version, static_cast<int>(i + 1));
        EXPECT_NE(migrations[i].sqlite_sql, migrations[i].postgres_sql) << "jobs needs an engine-specific variant";
    }
}

PONTE_INSTANTIATE_ENGINES(MigrateTest);

}  // namespace
}  // namespace ponte::db
