// The whole application's registry for tests: every module registered as `serve` registers them
// (app::RegisterAll), so that a test can migrate a database or read the route table without
// naming the modules. The one way tests reach the composition root; defined in app/testing.cpp.
#pragma once

#include <memory>

#include "core/registry.hpp"

namespace ponte::testing {

struct ApplicationOptions {
    bool test_routes = false;  // the probe routes of the test suite
    // The folder of stored files of a registry that runs; empty: TestFilesDirectory(), the test
    // servers' (core/testing/server_process.hpp).
    std::string files_directory;
};

// Registered but not finalized: a registry that describes the application (core::Registry).
std::unique_ptr<core::Registry> Application(ApplicationOptions options = {});
// Registered but not finalized: a registry that runs, on `database` with `keyring`.
std::unique_ptr<core::Registry> Application(db::Database& database, std::shared_ptr<const crypto::Keyring> keyring,
                                            ApplicationOptions options = {});

// Applies every module's migrations to `database`.
void MigrateAll(db::Database& database);

}  // namespace ponte::testing
