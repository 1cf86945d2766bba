#include "core/config/config.hpp"

#include <gtest/gtest.h>

namespace ponte::config {
namespace {

TEST(ConfigValidate, Defaults_AreValid) {
    EXPECT_EQ(Validate(DatabaseConfig{}), std::nullopt);
    EXPECT_EQ(Validate(ServeConfig{}), std::nullopt);
}

TEST(ConfigValidate, BadSettings_NameTheFlagAndTheVariable) {
    struct Case {
        ServeConfig config;
        std::string named;
    };
    std::vector<Case> cases;
    auto with = [](auto change) {
        ServeConfig config;
        change(config);
        return config;
    };
    cases.push_back({with([](ServeConfig& c) { c.listen = "8080"; }), "--listen (PONTE_LISTEN)"});
    cases.push_back({with([](ServeConfig& c) { c.listen = "127.0.0.1:99999"; }), "--listen (PONTE_LISTEN)"});
    cases.push_back({with([](ServeConfig& c) { c.listen = "127.0.0.1:80x"; }), "--listen (PONTE_LISTEN)"});
    cases.push_back({with([](ServeConfig& c) { c.threads = -1; }), "--threads (PONTE_THREADS)"});
    cases.push_back(
        {with([](ServeConfig& c) { c.handler_threads = -1; }), "--handler-threads (PONTE_HANDLER_THREADS)"});
    cases.push_back({with([](ServeConfig& c) { c.max_pending_requests = -1; }),
                     "--max-pending-requests (PONTE_MAX_PENDING_REQUESTS)"});
    cases.push_back({with([](ServeConfig& c) { c.max_body_bytes = 10; }), "--max-body-bytes (PONTE_MAX_BODY_BYTES)"});
    cases.push_back({with([](ServeConfig& c) { c.read_timeout_s = 0; }), "--read-timeout (PONTE_READ_TIMEOUT)"});
    cases.push_back({with([](ServeConfig& c) { c.log_level = "loud"; }), "--log-level (PONTE_LOG_LEVEL)"});
    cases.push_back(
        {with([](ServeConfig& c) { c.public_url = "ponte.example.org"; }), "--public-url (PONTE_PUBLIC_URL)"});
    cases.push_back({with([](ServeConfig& c) { c.trusted_proxies = "10.0.0.1, proxy.example"; }),
                     "--trusted-proxies (PONTE_TRUSTED_PROXIES)"});
    cases.push_back(
        {with([](ServeConfig& c) { c.trusted_proxies = "10.0.0.0/33"; }), "--trusted-proxies (PONTE_TRUSTED_PROXIES)"});
    for (const auto& c : cases) {
        auto message = Validate(c.config);
        ASSERT_TRUE(message.has_value()) << c.named;
        EXPECT_EQ(message->rfind(c.named, 0), 0u) << *message;
    }
    auto database = Validate(DatabaseConfig{.url = "mysql://x"});
    ASSERT_TRUE(database.has_value());
    EXPECT_EQ(database->rfind("--db (PONTE_DB)", 0), 0u);
}

TEST(ConfigPools, HandlerThreadsAndDatabasePool_FollowEachOther) {
    ServeConfig serve;
    serve.threads = 2;
    DatabaseConfig database;
    // Neither set: two handler threads per core (at least 4), and a connection each plus the job
    // worker's and a spare.
    EXPECT_EQ(HandlerThreads(serve, database), 4);
    EXPECT_EQ(DatabasePoolSize(database, serve), 6);
    serve.threads = 8;
    EXPECT_EQ(HandlerThreads(serve, database), 16);
    serve.threads = 2;
    // The database pool set: the handlers follow it.
    database.pool_size = 30;
    EXPECT_EQ(HandlerThreads(serve, database), 28);
    EXPECT_EQ(ToServerOptions(serve, database).handler_threads, 28);
    database.pool_size = 2;
    EXPECT_EQ(HandlerThreads(serve, database), 1);
    // The handlers set: the database pool follows them.
    database.pool_size = 0;
    serve.handler_threads = 12;
    EXPECT_EQ(DatabasePoolSize(database, serve), 14);
    EXPECT_EQ(ToServerOptions(serve, database).handler_threads, 12);
    // The queue: 16 per handler thread unless set.
    EXPECT_EQ(ToServerOptions(serve, database).max_pending, 192);
    serve.max_pending_requests = 5;
    EXPECT_EQ(ToServerOptions(serve, database).max_pending, 5);
}

TEST(ConfigParse, EnvironmentVariable_IsReadAndFlagWins) {
    CLI::App app;
    ServeConfig serve;
    AddServeOptions(app, serve);
    setenv("PONTE_LISTEN", "127.0.0.1:9000", 1);
    setenv("PONTE_THREADS", "3", 1);
    app.parse(std::vector<std::string>{"5", "--threads"});  // CLI11 takes arguments in reverse order
    unsetenv("PONTE_LISTEN");
    unsetenv("PONTE_THREADS");
    EXPECT_EQ(serve.listen, "127.0.0.1:9000");
    EXPECT_EQ(serve.threads, 5);
    auto options = ToServerOptions(serve);
    EXPECT_EQ(options.port, 9000);
    EXPECT_EQ(options.address, "127.0.0.1");
}

TEST(ConfigFiles, FilesFolder_IsGiven_ElseBesideASqliteDatabase_ElseDataFiles) {
    EXPECT_EQ(FilesDirectory({.url = "sqlite:/var/lib/ponte/ponte.db"}), "/var/lib/ponte/files");
    EXPECT_EQ(FilesDirectory({.url = "sqlite:ponte.db"}), "files");
    EXPECT_EQ(FilesDirectory({.url = "postgresql://ponte@db/ponte"}), "data/files");
    EXPECT_EQ(FilesDirectory({.url = "sqlite:ponte.db", .files_dir = "/srv/files"}), "/srv/files");
}

}  // namespace
}  // namespace ponte::config
