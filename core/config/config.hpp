// Settings of the `ponte` command, from flags or PONTE_* environment variables (a flag wins),
// validated at start with a message naming the bad setting: the database, the keys and the
// server's own. Each module declares its own settings (core::Module::AddOptions).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/http/server.hpp"
#include "core/log/log.hpp"

namespace ponte::config {

struct DatabaseConfig {
    std::string url = "sqlite:data/ponte.db";
    int pool_size = 0;  // 0: chosen from the thread count
    // Where files kept with the database (documents, sealed) are stored; empty: FilesDirectory's.
    std::string files_dir;
};

// The folder of stored files: --files-dir when given, else "files" beside a SQLite database (its
// backups and key file are kept there too), else "data/files" (PostgreSQL keeps no folder here).
std::string FilesDirectory(const DatabaseConfig& database);

struct ServeConfig {
    std::string listen = "127.0.0.1:8080";
    int threads = 0;               // 0: one per core
    int handler_threads = 0;       // 0: as many as database connections, less the job worker's and a spare
    int max_pending_requests = 0;  // 0: 16 per handler thread
    std::string web_root = "web/dist";
    std::size_t max_body_bytes = 1024 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    double read_timeout_s = 15;
    double idle_timeout_s = 60;
    double shutdown_timeout_s = 10;
    bool access_log = true;
    bool jobs = true;
    bool test_routes = false;
    std::string log_level = "info";
    bool cookie_secure = true;
    // Demo mode: staff need no second factor and every page says it is a demo.
    bool demo = false;
    int jobs_poll_ms = 1000;
    std::string public_url;
    std::string trusted_proxies;  // comma-separated addresses and CIDR blocks; empty: none
};

// Where the field-encryption keys are: PONTE_KEYS (the key file's content) when set, else the file.
struct KeysConfig {
    std::string key_file = "data/ponte.keys";
};

// "FLAG (VARIABLE)", the way a bad setting is named in messages.
std::string SettingName(std::string_view flag, std::string_view variable);

// Adds --db (PONTE_DB), --db-pool-size (PONTE_DB_POOL_SIZE) and --files-dir (PONTE_FILES_DIR) to a
// sub-command.
void AddDatabaseOptions(CLI::App& command, DatabaseConfig& config);
// Adds --key-file (PONTE_KEY_FILE) to a sub-command.
void AddKeysOptions(CLI::App& command, KeysConfig& config);
// Adds the server's own options of `serve` (modules add theirs).
void AddServeOptions(CLI::App& command, ServeConfig& config);

// Checks what CLI11 cannot: the shape of --listen and --db, and the ranges. Returns the message
// naming the first bad setting, or nullopt.
std::optional<std::string> Validate(const DatabaseConfig& database);
std::optional<std::string> Validate(const ServeConfig& serve);

// Server options from a validated ServeConfig. The handler pool is sized from the database pool
// (`database`; its default size when omitted).
http::ServerOptions ToServerOptions(const ServeConfig& serve, const DatabaseConfig& database = {});
log::Level ToLogLevel(const std::string& name);
// The thread count a config asks for, resolving 0 to the number of cores.
int ResolveThreads(int threads);
// The database pool's size: --db-pool-size, else enough for every handler thread, the job worker
// and a spare.
int DatabasePoolSize(const DatabaseConfig& database, const ServeConfig& serve);
// The handler pool's size: --handler-threads, else the database pool's size less the job worker's
// connection and a spare (at least 1), so that a handler never waits for a connection.
int HandlerThreads(const ServeConfig& serve, const DatabaseConfig& database);

}  // namespace ponte::config
