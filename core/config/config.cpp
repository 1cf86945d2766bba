#include "core/config/config.hpp"

#include <charconv>
#include <filesystem>
#include <thread>

#include "core/http/client_address.hpp"

namespace ponte::config {
namespace {

struct Listen {
    std::string address;
    std::uint16_t port = 0;
};

std::optional<Listen> ParseListen(std::string_view text) {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    std::string_view host = text.substr(0, colon);
    if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
    std::string_view digits = text.substr(colon + 1);
    unsigned port = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() || port > 65535) {
        return std::nullopt;
    }
    return Listen{std::string(host), static_cast<std::uint16_t>(port)};
}

}  // namespace

std::string SettingName(std::string_view flag, std::string_view variable) {
    return std::string(flag) + " (" + std::string(variable) + ")";
}

void AddDatabaseOptions(CLI::App& command, DatabaseConfig& config) {
    command.add_option("--db", config.url, "Database: sqlite:PATH or postgresql://USER@HOST:PORT/NAME")
        ->envname("PONTE_DB")
        ->capture_default_str();
    command.add_option("--db-pool-size", config.pool_size, "Database connections per process (0: automatic)")
        ->envname("PONTE_DB_POOL_SIZE")
        ->capture_default_str();
    command
        .add_option("--files-dir", config.files_dir,
                    "Folder of stored files, sealed (default: files/ beside a SQLite database, else data/files)")
        ->envname("PONTE_FILES_DIR");
}

std::string FilesDirectory(const DatabaseConfig& database) {
    if (!database.files_dir.empty()) return database.files_dir;
    if (database.url.starts_with("sqlite:")) {
        const std::filesystem::path file(database.url.substr(7));
        return (file.parent_path() / "files").string();
    }
    return "data/files";
}

void AddServeOptions(CLI::App& command, ServeConfig& config) {
    command.add_option("--listen", config.listen, "Address and port to listen on, ADDR:PORT (port 0: any free one)")
        ->envname("PONTE_LISTEN")
        ->capture_default_str();
    command.add_option("--threads", config.threads, "Server threads (0: one per core)")
        ->envname("PONTE_THREADS")
        ->capture_default_str();
    command
        .add_option("--handler-threads", config.handler_threads,
                    "Threads that run route handlers (0: the database pool's size less 2)")
        ->envname("PONTE_HANDLER_THREADS")
        ->capture_default_str();
    command
        .add_option("--max-pending-requests", config.max_pending_requests,
                    "Requests queued or running on the handler threads; more get 503 (0: 16 per thread)")
        ->envname("PONTE_MAX_PENDING_REQUESTS")
        ->capture_default_str();
    command.add_option("--web-root", config.web_root, "Folder of the built web app")
        ->envname("PONTE_WEB_ROOT")
        ->capture_default_str();
    command.add_option("--max-body-bytes", config.max_body_bytes, "Largest request body accepted (larger: 413)")
        ->envname("PONTE_MAX_BODY_BYTES")
        ->capture_default_str();
    command.add_option("--max-header-bytes", config.max_header_bytes, "Largest request header block (larger: 431)")
        ->envname("PONTE_MAX_HEADER_BYTES")
        ->capture_default_str();
    command.add_option("--read-timeout", config.read_timeout_s, "Seconds to receive a whole request")
        ->envname("PONTE_READ_TIMEOUT")
        ->capture_default_str();
    command.add_option("--idle-timeout", config.idle_timeout_s, "Seconds a keep-alive connection may stay idle")
        ->envname("PONTE_IDLE_TIMEOUT")
        ->capture_default_str();
    command
        .add_option("--shutdown-timeout", config.shutdown_timeout_s,
                    "Seconds in-flight requests get to finish after SIGTERM")
        ->envname("PONTE_SHUTDOWN_TIMEOUT")
        ->capture_default_str();
    command.add_option("--access-log", config.access_log, "Write one JSON line per request (true/false)")
        ->envname("PONTE_ACCESS_LOG")
        ->capture_default_str();
    command.add_option("--jobs", config.jobs, "Run the background job worker in this process (true/false)")
        ->envname("PONTE_JOBS")
        ->capture_default_str();
    command.add_option("--log-level", config.log_level, "debug, info, warn or error")
        ->envname("PONTE_LOG_LEVEL")
        ->capture_default_str();
    command
        .add_flag("--test-routes", config.test_routes, "Add the routes used by the test suite (never in production)")
        ->envname("PONTE_TEST_ROUTES");
    command
        .add_option("--cookie-secure", config.cookie_secure,
                    "Mark the session cookie Secure (false only for plain-HTTP localhost)")
        ->envname("PONTE_COOKIE_SECURE")
        ->capture_default_str();
    command
        .add_flag("--demo", config.demo,
                  "Demo mode: staff sign in without a second factor and every page says it is a demo")
        ->envname("PONTE_DEMO");
    command.add_option("--jobs-poll-ms", config.jobs_poll_ms, "Milliseconds the job worker waits when no job is due")
        ->envname("PONTE_JOBS_POLL_MS")
        ->capture_default_str();
    command
        .add_option("--public-url", config.public_url,
                    "Address people open Ponte at, for links in emails and QR codes (default: from the request)")
        ->envname("PONTE_PUBLIC_URL");
    command
        .add_option("--trusted-proxies", config.trusted_proxies,
                    "Proxies whose X-Forwarded-For gives the client's address: IPs or CIDR blocks, comma-separated")
        ->envname("PONTE_TRUSTED_PROXIES");
}

void AddKeysOptions(CLI::App& command, KeysConfig& config) {
    command
        .add_option("--key-file", config.key_file,
                    "File of field-encryption keys (PONTE_KEYS, the file's content, takes precedence)")
        ->envname("PONTE_KEY_FILE")
        ->capture_default_str();
}

std::optional<std::string> Validate(const DatabaseConfig& database) {
    const std::string& url = database.url;
    bool sqlite = url.starts_with("sqlite:") && url.size() > 7;
    bool postgres = url.starts_with("postgresql://") || url.starts_with("postgres://");
    if (!sqlite && !postgres) {
        return SettingName("--db", "PONTE_DB") + ": '" + url + "' is not sqlite:PATH or postgresql://...";
    }
    if (database.pool_size < 0 || database.pool_size > 1000) {
        return SettingName("--db-pool-size", "PONTE_DB_POOL_SIZE") + ": must be between 0 and 1000";
    }
    return std::nullopt;
}

std::optional<std::string> Validate(const ServeConfig& serve) {
    auto listen = ParseListen(serve.listen);
    if (!listen) return SettingName("--listen", "PONTE_LISTEN") + ": '" + serve.listen + "' is not ADDR:PORT";
    if (serve.threads < 0 || serve.threads > 256) return SettingName("--threads", "PONTE_THREADS") + ": must be 0..256";
    if (serve.handler_threads < 0 || serve.handler_threads > 1000) {
        return SettingName("--handler-threads", "PONTE_HANDLER_THREADS") + ": must be 0..1000";
    }
    if (serve.max_pending_requests < 0 || serve.max_pending_requests > 100000) {
        return SettingName("--max-pending-requests", "PONTE_MAX_PENDING_REQUESTS") + ": must be 0..100000";
    }
    if (serve.max_body_bytes < 1024 || serve.max_body_bytes > 1024ULL * 1024 * 1024) {
        return SettingName("--max-body-bytes", "PONTE_MAX_BODY_BYTES") + ": must be between 1 KiB and 1 GiB";
    }
    if (serve.max_header_bytes < 1024 || serve.max_header_bytes > std::size_t{1024} * 1024) {
        return SettingName("--max-header-bytes", "PONTE_MAX_HEADER_BYTES") + ": must be between 1 KiB and 1 MiB";
    }
    for (auto [value, flag, env] :
         {std::tuple{serve.read_timeout_s, "--read-timeout", "PONTE_READ_TIMEOUT"},
          std::tuple{serve.idle_timeout_s, "--idle-timeout", "PONTE_IDLE_TIMEOUT"},
          std::tuple{serve.shutdown_timeout_s, "--shutdown-timeout", "PONTE_SHUTDOWN_TIMEOUT"}}) {
        if (!(value > 0 && value <= 3600))
            return SettingName(flag, env) + ": must be more than 0 and at most 3600 seconds";
    }
    if (serve.jobs_poll_ms < 10 || serve.jobs_poll_ms > 60'000) {
        return SettingName("--jobs-poll-ms", "PONTE_JOBS_POLL_MS") + ": must be 10..60000";
    }
    if (!serve.public_url.empty() && !serve.public_url.starts_with("https://") &&
        !serve.public_url.starts_with("http://")) {
        return SettingName("--public-url", "PONTE_PUBLIC_URL") + ": must start with https:// or http://";
    }
    if (std::string bad; !http::TrustedProxies::Parse(serve.trusted_proxies, &bad)) {
        return SettingName("--trusted-proxies", "PONTE_TRUSTED_PROXIES") + ": '" + bad +
               "' is not an IP address or CIDR block";
    }
    if (serve.log_level != "debug" && serve.log_level != "info" && serve.log_level != "warn" &&
        serve.log_level != "error") {
        return SettingName("--log-level", "PONTE_LOG_LEVEL") + ": must be debug, info, warn or error";
    }
    return std::nullopt;
}

int ResolveThreads(int threads) {
    return threads > 0 ? threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

namespace {
// Handler threads when neither they nor the database pool are set: enough that a few slow
// queries leave threads for everyone else.
// Two per core: threads beyond what the cores can run only trade places on them. On 2 cores, 4
// handler threads answered /api/v1/meta at 36,000 req/s where 8 answered 25,000 and 16 answered
// 21,000 (wrk, 64 connections). A deployment whose handlers wait long on the database (reports on
// PostgreSQL) sets --handler-threads to the number of waits it must absorb.
int DefaultHandlerThreads(const ServeConfig& serve) { return std::max(4, 2 * ResolveThreads(serve.threads)); }
}  // namespace

int DatabasePoolSize(const DatabaseConfig& database, const ServeConfig& serve) {
    if (database.pool_size > 0) return database.pool_size;
    return (serve.handler_threads > 0 ? serve.handler_threads : DefaultHandlerThreads(serve)) + 2;
}

int HandlerThreads(const ServeConfig& serve, const DatabaseConfig& database) {
    if (serve.handler_threads > 0) return serve.handler_threads;
    return std::max(1, DatabasePoolSize(database, serve) - 2);
}

http::ServerOptions ToServerOptions(const ServeConfig& serve, const DatabaseConfig& database) {
    auto listen = ParseListen(serve.listen);
    auto ms = [](double seconds) { return std::chrono::milliseconds(static_cast<long long>(seconds * 1000)); };
    http::ServerOptions options;
    options.address = listen->address;
    options.port = listen->port;
    options.threads = ResolveThreads(serve.threads);
    options.handler_threads = HandlerThreads(serve, database);
    options.max_pending =
        serve.max_pending_requests > 0 ? serve.max_pending_requests : std::max(64, 16 * options.handler_threads);
    options.heavy_threads = std::max(1, options.threads / 2);
    options.max_body_bytes = serve.max_body_bytes;
    options.max_header_bytes = serve.max_header_bytes;
    options.read_timeout = ms(serve.read_timeout_s);
    options.idle_timeout = ms(serve.idle_timeout_s);
    options.shutdown_timeout = ms(serve.shutdown_timeout_s);
    return options;
}

log::Level ToLogLevel(const std::string& name) {
    if (name == "debug") return log::Level::kDebug;
    if (name == "warn") return log::Level::kWarn;
    if (name == "error") return log::Level::kError;
    return log::Level::kInfo;
}

}  // namespace ponte::config
