// The definitions of core/testing/application.hpp, on this side of the boundary: app knows the
// modules, core does not.
#include "core/testing/application.hpp"

#include "app/app.hpp"
#include "core/db/migrate.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::testing {

std::unique_ptr<core::Registry> Application(ApplicationOptions options) {
    auto registry = std::make_unique<core::Registry>(core::Deployment{.test_routes = options.test_routes});
    app::RegisterAll(*registry);
    return registry;
}

std::unique_ptr<core::Registry> Application(db::Database& database, std::shared_ptr<const crypto::Keyring> keyring,
                                            ApplicationOptions options) {
    const std::string files = options.files_directory.empty() ? TestFilesDirectory().string() : options.files_directory;
    auto registry = std::make_unique<core::Registry>(
        database, std::move(keyring), core::Deployment{.test_routes = options.test_routes, .files_directory = files});
    app::RegisterAll(*registry);
    return registry;
}

void MigrateAll(db::Database& database) {
    auto registry = Application();
    db::Migrate(database, registry->migrations());
}

}  // namespace ponte::testing
