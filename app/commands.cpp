#include "app/commands.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <iostream>
#include <optional>

#include "app/app.hpp"
#include "core/accounts/store.hpp"
#include "core/audit/audit.hpp"
#include "core/crypto/reseal.hpp"
#include "core/db/backup.hpp"
#include "core/db/migrate.hpp"
#include "core/feature.hpp"
#include "core/http/openapi.hpp"
#include "core/ops/ops.hpp"
#include "core/privacy/privacy.hpp"
#include "core/tenancy/store.hpp"

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
    assembled.registry = std::make_unique<core::Registry>(*assembled.database, assembled.keyring);
    app::RegisterAll(*assembled.registry);
    db::Migrate(*assembled.database, assembled.registry->migrations());
    return assembled;
}

std::string UtcTime(std::int64_t epoch_ms) {
    const std::time_t seconds = epoch_ms / 1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &parts);
    return text;
}

// The person named by --user-id or --email; throws std::invalid_argument when there is none.
std::int64_t FindPerson(db::Database& database, std::int64_t user_id, const std::string& email) {
    if (user_id > 0) return user_id;
    auto rows = database.Acquire()->Execute("SELECT id FROM accounts_users WHERE email = $1",
                                            {accounts::NormalizeEmail(email)});
    if (rows.empty()) throw std::invalid_argument("no account with the email " + email);
    return rows.Int(0, 0);
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

int AdminCreate(const config::DatabaseConfig& database_config, const config::KeysConfig& keys,
                const AdminOptions& options) {
    auto [keyring, database, registry] = Assemble(database_config, keys);
    auto outcome = ops::CreatePlatformAdmin(*database, options.admin, core::NowMs());
    if (const auto* refusal = std::get_if<ops::AdminRefusal>(&outcome)) {
        switch (*refusal) {
            case ops::AdminRefusal::kInvalidEmail:
                std::cerr << "ponte: --email: '" << options.admin.email << "' is not an email address\n";
                break;
            case ops::AdminRefusal::kInvalidName:
                std::cerr << "ponte: --display-name: must be 1 to 100 characters\n";
                break;
            case ops::AdminRefusal::kAdminExists:
                std::cerr << "ponte: a platform administrator exists already; an administrator invites others from "
                             "the app. Add --force only if no administrator can sign in any more.\n";
                break;
            case ops::AdminRefusal::kEmailTaken:
                std::cerr << "ponte: an account with the email " << options.admin.email << " exists already\n";
                break;
        }
        return 1;
    }
    const auto& created = std::get<ops::CreatedAdmin>(outcome);
    const bool configured = !options.public_url.empty();
    const std::string base = configured ? options.public_url : "http://127.0.0.1:8080";
    std::cout << "platform administrator " << accounts::NormalizeEmail(options.admin.email) << " created (account "
              << created.user_id << "), without a password.\n"
              << "Her one-time invitation, valid until " << UtcTime(created.invitation.expires_at) << ":\n"
              << "  link: " << ops::InvitationLink(base, created.invitation.code) << "\n"
              << "  code: " << created.invitation.code << "\n"
              << (configured ? "The link uses the public address from --public-url (PONTE_PUBLIC_URL).\n"
                             : "No --public-url (PONTE_PUBLIC_URL) was given: the link assumes Ponte at "
                               "http://127.0.0.1:8080; with another address, open /invite there and enter the code.\n")
              << "She opens the link and sets her own passphrase. Hand it to her only: whoever holds it becomes "
                 "her.\n";
    return 0;
}

int KeysReseal(const config::DatabaseConfig& database_config, const config::KeysConfig& keys) {
    auto [keyring, database, registry] = Assemble(database_config, keys);
    auto report = crypto::Reseal(*database, *keyring, registry->sealed_columns());
    std::cout << "resealed " << report.resealed << " values under key " << keyring->current_id() << " ("
              << report.current << " were under it already)\n";
    return 0;
}

int ExportPerson(const config::DatabaseConfig& database_config, const config::KeysConfig& keys,
                 const PersonOptions& person, const std::string& out) {
    auto [keyring, database, registry] = Assemble(database_config, keys);
    const std::int64_t id = FindPerson(*database, person.user_id, person.email);
    const std::string document = boost::json::serialize(privacy::ExportPerson(*database, *registry, id, core::NowMs()));
    if (out.empty() || out == "-") {
        std::cout << document << "\n";
        return 0;
    }
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + out + " (it must not exist)");
    const bool written = ::write(fd, document.data(), document.size()) == static_cast<ssize_t>(document.size());
    ::close(fd);
    if (!written) throw std::runtime_error("cannot write " + out);
    std::cerr << "export of person " << id << " written to " << out << " (readable by its owner only)\n";
    return 0;
}

int ErasePerson(const config::DatabaseConfig& database_config, const config::KeysConfig& keys,
                const PersonOptions& person, bool confirmed) {
    if (!confirmed) {
        std::cerr << "ponte erase-person erases or anonymizes everything about the person, for good; run it again "
                     "with --confirm\n";
        return 2;
    }
    auto [keyring, database, registry] = Assemble(database_config, keys);
    const std::int64_t id = FindPerson(*database, person.user_id, person.email);
    auto report = privacy::ErasePerson(*database, *registry, id, core::NowMs());
    std::cout << "person " << id << " erased from:";
    for (const auto& name : report.erased) std::cout << " " << name;
    std::cout << "\nkept, without anything that identifies her:\n";
    for (const auto& kept : report.kept) std::cout << "  " << kept << "\n";
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
    config::DatabaseConfig database{.url = commands.database_url};
    if (auto invalid = config::Validate(database)) {
        std::cerr << "ponte: invalid setting " << *invalid << "\n";
        return 2;
    }
    Context context(database, {.key_file = commands.key_file});
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
                     "and restore with pg_restore --clean --dbname=... ponte.dump\n";
        return 2;
    }
    db::BackupSqlite(*database, out);
    std::cout << "backup written to " << out << "\n";
    return 0;
}

}  // namespace ponte::app
