// ponte: the one binary. Parses the command line, builds core, registers every module (see
// app/app.cpp) and runs the chosen sub-command.
#include <fcntl.h>
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>

#include "app/app.hpp"
#include "app/commands.hpp"
#include "core/accounts/store.hpp"
#include "core/audit/audit.hpp"
#include "core/config/config.hpp"
#include "core/db/backup.hpp"
#include "core/db/files.hpp"
#include "core/db/migrate.hpp"
#include "core/db/transport.hpp"
#include "core/feature.hpp"
#include "core/http/dispatcher.hpp"
#include "core/http/openapi.hpp"
#include "core/http/server.hpp"
#include "core/identity/seed.hpp"
#include "core/jobs/jobs.hpp"
#include "core/log/log.hpp"
#include "core/ops/ops.hpp"
#include "core/privacy/privacy.hpp"
#include "core/privacy/retention.hpp"
#include "core/tenancy/store.hpp"

namespace {

using namespace ponte;
using namespace ponte::app;

int Serve(const config::DatabaseConfig& database_config, const config::KeysConfig& keys,
          const config::ServeConfig& serve, const core::Modules& modules) {
    log::Init(config::ToLogLevel(serve.log_level));
    const int threads = config::ResolveThreads(serve.threads);
    auto keyring = LoadKeys(keys);
    audit::UseKeys(keyring);
    if (auto exposed = db::ExposedSqliteFile(database_config.url)) {
        std::cerr << "ponte: " << *exposed << "\n";
        log::Shutdown();
        return 1;
    }
    auto database = OpenDatabase(database_config, config::DatabasePoolSize(database_config, serve));
    if (auto warning = db::InsecurePostgresTransport(database_config.url)) log::Warn(*warning);

    std::string public_url = serve.public_url;
    while (public_url.ends_with('/')) public_url.pop_back();
    core::Registry registry(*database, keyring,
                            {.demo = serve.demo,
                             .test_routes = serve.test_routes,
                             .secure = serve.cookie_secure,
                             .public_url = public_url,
                             .threads = threads,
                             .serving = true,
                             .files_directory = config::FilesDirectory(database_config)});
    app::RegisterAll(registry, modules);
    if (serve.public_url.empty()) {
        log::Warn(
            "no --public-url: password reset emails are not sent, and invitation and join links are built "
            "from each request's Host header");
    }
    registry.Finalize();

    auto applied = db::Migrate(*database, registry.migrations());
    log::Info("database ready",
              {{"engine", db::EngineName(database->engine())}, {"migrations_applied", std::to_string(applied.size())}});
    // The demo accounts' password is published: outside demo mode (and the test suite's servers,
    // which seed their own accounts) they must not be reachable.
    if (!serve.demo && !serve.test_routes) {
        crypto::PasswordHasher hasher;
        if (const auto count = identity::CountDemoPasswordAccounts(*database->Acquire(), hasher); count > 0) {
            std::cerr << "ponte: " << count
                      << " account(s) still have the published demo password (from `ponte seed-demo`). Serve this "
                         "database only with --demo, or start from a database without demo data and make the first "
                         "administrator with `ponte admin create --email ...`.\n";
            log::Shutdown();
            return 1;
        }
    }

    // Whichever instance's worker runs it first purges; each run queues the next.
    privacy::ScheduleRetention(*database->Acquire(), core::NowMs());
    for (const auto& kind : registry.recurring_jobs()) {
        // As many attempts as retention's: each run queues the next, so a run that failed for good
        // would end the chain until the next start.
        jobs::EnqueueUnlessQueued(*database->Acquire(), kind, "{}", core::NowMs(), 100);
    }

    http::StaticFiles static_files(serve.web_root);
    http::Dispatcher dispatcher(&registry.served_router(), &static_files, &registry.metrics(), serve.access_log);
    dispatcher.SetGuard(registry.guard());
    // An audited read's answer waits for its entry's commit without holding its thread, which
    // serves others meanwhile: many answers share one commit.
    dispatcher.SetScope([](const std::function<http::Response()>& handle) {
        audit::Deferral records;
        http::Response response = handle();
        response.hold = records.Release();
        return response;
    });
    // Secure cookies mean the server is reached over TLS (a proxy in front terminates it).
    dispatcher.SetStrictTransportSecurity(serve.cookie_secure);
    dispatcher.SetTrustedProxies(*http::TrustedProxies::Parse(serve.trusted_proxies));
    http::Server server(config::ToServerOptions(serve, database_config), dispatcher);

    std::unique_ptr<jobs::Worker> worker;
    if (serve.jobs) {
        char host[256] = {};
        gethostname(host, sizeof host - 1);
        worker = std::make_unique<jobs::Worker>(
            *database, jobs::WorkerOptions{.worker_id = std::string(host) + ":" + std::to_string(getpid()),
                                           .poll_interval = std::chrono::milliseconds(serve.jobs_poll_ms)});
        for (const auto& entry : registry.job_handlers()) {
            worker->Handle(entry.first, [handler = entry.second](const jobs::Job& job) { handler(job.payload); });
        }
        worker->Start();
    }

    log::Info("listening", {{"url", "http://" + config::ToServerOptions(serve, database_config).address + ":" +
                                        std::to_string(server.port())},
                            {"port", std::to_string(server.port())},
                            {"threads", std::to_string(threads)},
                            {"demo", serve.demo ? "true" : "false"},
                            {"version", ops::kVersion}});
    server.Run();
    if (worker) worker->Stop();
    log::Info("stopped");
    log::Shutdown();
    return 0;
}

int Migrate(const config::DatabaseConfig& database_config) {
    auto database = OpenDatabase(database_config, 2);
    core::Registry registry;
    app::RegisterAll(registry);
    auto applied = db::Migrate(*database, registry.migrations());
    for (const auto& migration : applied) {
        std::cout << "applied " << migration.module << " " << migration.version << " " << migration.name << "\n";
    }
    std::cout << (applied.empty() ? "database is up to date" : "migrations applied: " + std::to_string(applied.size()))
              << " (" << db::EngineName(database->engine()) << ")\n";
    return 0;
}

// Applies the migrations a sub-command needs before it touches data.
void MigrateQuietly(db::Database& database) {
    core::Registry registry;
    app::RegisterAll(registry);
    db::Migrate(database, registry.migrations());
}

int SeedDemo(const config::DatabaseConfig& database_config, const config::KeysConfig& keys, int scale,
             std::int64_t cases, std::int64_t services) {
    auto keyring = LoadKeys(keys);
    audit::UseKeys(keyring);
    auto database = OpenDatabase(database_config, 2);
    MigrateQuietly(*database);
    if (identity::HasAccounts(*database->Acquire())) {
        std::cout << "demo data: the database has accounts already; nothing added\n";
        return 0;
    }
    core::Registry registry(*database, keyring);
    app::RegisterAll(registry);
    core::DemoWorld world{
        .now_ms = core::NowMs(), .scale = scale, .cases = cases, .services = services, .keyring = keyring.get()};
    database->Transact([&](db::Connection& connection) {
        for (const auto& [module, seed] : registry.seeds()) seed(connection, world);
    });
    // The planner's statistics of what was made, as autovacuum gathers them within minutes: a
    // benchmark that starts at once gets the plans of a database that has been running.
    if (database->engine() == db::Engine::kPostgres) database->Acquire()->Execute("ANALYZE");
    std::cout << "demo accounts (password for all: \"" << identity::kDemoPassword << "\"):\n";
    for (const auto& account : world.accounts) {
        std::cout << "  " << account.email << "  (" << account.role
                  << (account.organization.empty() ? "" : ", " + account.organization) << ")\n";
    }
    if (!world.participants.empty()) {
        std::cout << "and " << world.participants.size() << " more participants, who cannot sign in\n";
    }
    return 0;
}

int AuditVerify(const config::DatabaseConfig& database_config, const config::KeysConfig& keys) {
    auto keyring = LoadKeys(keys);
    auto database = OpenDatabase(database_config, 2);
    MigrateQuietly(*database);
    auto report = audit::Verify(*database, keyring.get());
    if (report.ok) {
        std::cout << "audit log intact: " << report.checked << " entries\n";
        return 0;
    }
    std::cout << "audit log BROKEN at entry " << report.first_bad_seq << ": " << report.reason << " (" << report.checked
              << " entries read)\n";
    return 1;
}

int KeysGenerate(const config::KeysConfig& keys) {
    crypto::CreateKeyFile(keys.key_file);
    std::cout
        << "key file written to " << keys.key_file
        << " (readable by its owner only). Back it up apart from the database: without it, sealed data is lost.\n";
    return 0;
}

int KeysRotate(const config::KeysConfig& keys) {
    const std::string id = crypto::AddKeyToFile(keys.key_file);
    std::cout << "added key " << id << " to " << keys.key_file
              << "; it seals from the next start. Then run `ponte keys reseal` to move existing data to it.\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Ponte: a platform for the services that help migrant and refugee women reach autonomy"};
    cli.require_subcommand(1);

    config::DatabaseConfig database;
    config::ServeConfig serve;
    config::KeysConfig keys;
    std::string backup_out;

    const core::Modules modules = app::AllModules();
    auto* serve_command = cli.add_subcommand("serve", "Migrate the database, then serve the API and the web app");
    config::AddDatabaseOptions(*serve_command, database);
    config::AddKeysOptions(*serve_command, keys);
    config::AddServeOptions(*serve_command, serve);
    for (const auto& module : modules) module->AddOptions(*serve_command);

    auto* migrate_command = cli.add_subcommand("migrate", "Apply the database migrations that are not yet applied");
    config::AddDatabaseOptions(*migrate_command, database);

    auto* backup_command = cli.add_subcommand("backup", "Write an online, consistent copy of a SQLite database");
    config::AddDatabaseOptions(*backup_command, database);
    backup_command->add_option("--out", backup_out, "File to write (must not exist)")->required();

    auto* seed_command = cli.add_subcommand(
        "seed-demo", "Add every module's demo data, with an account per role, to a database without accounts");
    config::AddDatabaseOptions(*seed_command, database);
    int seed_scale = 1;
    seed_command->add_option("--scale", seed_scale, "About N times the demo records, for benchmarks")
        ->check(CLI::Range(1, 10000))
        ->capture_default_str();
    std::int64_t seed_cases = 0;
    seed_command
        ->add_option("--cases", seed_cases,
                     "How many demo cases, each past the first eight with a history (0: 8 x scale)")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000}))
        ->capture_default_str();
    std::int64_t seed_services = 0;
    seed_command
        ->add_option("--services", seed_services,
                     "How many services to add to the demo directory, spread over a region, for benchmarks")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000}))
        ->capture_default_str();
    config::AddKeysOptions(*seed_command, keys);

    auto* audit_command = cli.add_subcommand("audit", "Audit log tools");
    audit_command->require_subcommand(1);
    auto* verify_command =
        audit_command->add_subcommand("verify", "Check the hash chain of the audit log; names the first bad entry");
    config::AddDatabaseOptions(*verify_command, database);
    config::AddKeysOptions(*verify_command, keys);

    auto* keys_command = cli.add_subcommand("keys", "Field-encryption keys");
    keys_command->require_subcommand(1);
    auto* keys_generate = keys_command->add_subcommand("generate", "Create a key file with one new key");
    config::AddKeysOptions(*keys_generate, keys);
    auto* keys_rotate = keys_command->add_subcommand("rotate", "Add a new current key to the key file");
    config::AddKeysOptions(*keys_rotate, keys);
    auto* keys_reseal =
        keys_command->add_subcommand("reseal", "Seal every encrypted value again under the current key");
    config::AddKeysOptions(*keys_reseal, keys);
    config::AddDatabaseOptions(*keys_reseal, database);

    auto* openapi_command =
        cli.add_subcommand("openapi", "Print the OpenAPI 3.1 document of the API (as served at /api/v1/openapi.json)");

    core::Commands module_commands;
    for (const auto& module : modules) module->AddCommands(cli, module_commands);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return cli.exit(error);
    }

    auto invalid = config::Validate(database);
    if (!invalid && serve_command->parsed()) {
        invalid = config::Validate(serve);
        for (const auto& module : modules) {
            if (!invalid) invalid = module->CheckOptions();
        }
    }
    if (invalid) {
        std::cerr << "ponte: invalid setting " << *invalid << "\n";
        return 2;
    }

    try {
        if (serve_command->parsed()) return Serve(database, keys, serve, modules);
        for (const auto& entry : module_commands.entries()) {
            if (entry.command->parsed()) return RunModuleCommand(entry.run, module_commands);
        }
        if (migrate_command->parsed()) return Migrate(database);
        if (backup_command->parsed()) return Backup(database, backup_out);
        if (seed_command->parsed()) return SeedDemo(database, keys, seed_scale, seed_cases, seed_services);
        if (verify_command->parsed()) return AuditVerify(database, keys);
        if (keys_generate->parsed()) return KeysGenerate(keys);
        if (keys_rotate->parsed()) return KeysRotate(keys);
        if (keys_reseal->parsed()) return KeysReseal(database, keys);
        if (openapi_command->parsed()) return PrintOpenApi();
    } catch (const std::exception& error) {
        std::cerr << "ponte: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
