#include "app/commands.hpp"

#include <iostream>
#include <optional>

#include "app/app.hpp"
#include "core/audit/audit.hpp"
#include "core/crypto/reseal.hpp"
#include "core/db/backup.hpp"
#include "core/db/migrate.hpp"
#include "core/http/openapi.hpp"
#include "core/ops/ops.hpp"

namespace ponte::app {
namespace {

// A command's connections: its own and a spare.
constexpr int kCommandConnections = 2;

// What a data command works with: the keys (which also key the audit chain), the migrated
// database and the registry of every module.
struct Assembled {
    std::shared_ptr<const crypto::Keyring> keyring;
    std::unique_ptr<db::Database> database;
    std::unique_ptr<core::Registry> registry;
};

Assembled Assemble(const config::DatabaseConfig& database_config, const config::KeysConfig& keys) {
    Assembled assembled;
    assembled.keyring = LoadKeys(keys);
    audit::UseKeys(assembled.keyring);
    assembled.database = OpenDatabase(database_config, kCommandConnections);
    assembled.registry =
        std::make_unique<core::Registry>(*assembled.database, assembled.keyring,
                                         core::Deployment{.files_directory = config::FilesDirectory(database_config)});
    app::RegisterAll(*assembled.registry);
    db::Migrate(*assembled.database, assembled.registry->migrations());
    return assembled;
}

}  // namespace

std::unique_ptr<db::Database> OpenDatabase(const config::DatabaseConfig& database, int connections) {
    db::Options options;
    options.pool_size = static_cast<std::size_t>(database.pool_size > 0 ? database.pool_size : connections);
    return db::Database::Open(database.url, options);
}

std::shared_ptr<const crypto::Keyring> LoadKeys(const config::KeysConfig& keys) {
    return std::make_shared<const crypto::Keyring>(crypto::Keyring::FromEnvironmentOr(keys.key_file));
}

int KeysReseal(const config::DatabaseConfig& database_config, const config::KeysConfig& keys) {
    auto [keyring, database, registry] = Assemble(database_config, keys);
    auto report = crypto::Reseal(*database, *keyring, registry->sealed_columns());
    std::cout << "resealed " << report.resealed << " values under key " << keyring->current_id() << " ("
              << report.current << " were under it already)\n";
    auto files = crypto::ResealFiles(*database, *keyring, registry->sealed_files());
    std::cout << "resealed " << files.resealed << " files under key " << keyring->current_id() << " (" << files.current
              << " were under it already)\n";
    return 0;
}

namespace {

// A module command's view of the command line's database and keys, opened on first use.
class Context : public core::CommandContext {
  public:
    Context(config::DatabaseConfig database, config::KeysConfig keys)
        : database_config_(std::move(database)), keys_(std::move(keys)) {}
    db::Database& database() override { return *Open().database; }
    std::shared_ptr<const crypto::Keyring> keyring() override { return Open().keyring; }
    const core::Registry& registry() override { return *Open().registry; }

  private:
    Assembled& Open() {
        if (!assembled_) assembled_ = Assemble(database_config_, keys_);
        return *assembled_;
    }
    config::DatabaseConfig database_config_;
    config::KeysConfig keys_;
    std::optional<Assembled> assembled_;
};

}  // namespace

int RunModuleCommand(const core::Command& run, const core::Commands& commands) {
    if (auto invalid = config::Validate(commands.database)) {
        std::cerr << "ponte: invalid setting " << *invalid << "\n";
        return 2;
    }
    Context context(commands.database, commands.keys);
    return run(context);
}

int PrintOpenApi() {
    core::Registry registry;
    app::RegisterAll(registry);
    registry.Finalize();
    std::cout << boost::json::serialize(http::BuildOpenApi(registry.router(), ops::kVersion)) << "\n";
    return 0;
}

int Backup(const config::DatabaseConfig& database_config, const std::string& out) {
    auto database = OpenDatabase(database_config, kCommandConnections);
    if (database->engine() == db::Engine::kPostgres) {
        std::cerr << "ponte backup copies SQLite databases. For PostgreSQL use its own tools, which take a consistent\n"
                     "snapshot while the server runs:\n"
                     "  pg_dump --format=custom --file=ponte.dump '"
                  << database_config.url
                  << "'\n"
                     "and restore with pg_restore --clean --dbname=... ponte.dump\n"
                     "Copy the files folder too ("
                  << config::FilesDirectory(database_config)
                  << "): its files are sealed, so the copy needs the key file as the original does.\n";
        return 2;
    }
    db::BackupSqlite(*database, out);
    std::cout << "backup written to " << out << "\n";
    const std::string files_out = out + ".files";
    const std::int64_t files = db::CopyFilesFolder(config::FilesDirectory(database_config), files_out);
    std::cout << "files folder copied to " << files_out << " (" << files << " files)\n";
    return 0;
}

}  // namespace ponte::app
