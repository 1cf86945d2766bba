// The data commands of `ponte` (all but serve): each opens what it needs, does its work and
// returns the process's exit code, writing what it did on standard output and what went wrong on
// standard error. app/main.cpp parses the command line and calls them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/config/config.hpp"
#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/module.hpp"

namespace ponte::app {

// The database with a pool of --db-pool-size connections, else of `connections`.
std::unique_ptr<db::Database> OpenDatabase(const config::DatabaseConfig& database, int connections);
// The field-encryption keys from PONTE_KEYS or the key file; throws crypto::KeyringError.
std::shared_ptr<const crypto::Keyring> LoadKeys(const config::KeysConfig& keys);

int KeysReseal(const config::DatabaseConfig& database_config, const config::KeysConfig& keys);
int PrintOpenApi();

// Runs a module's command (core::Commands) on the database and keys its command line names.
int RunModuleCommand(const core::Command& run, const core::Commands& commands);
int Backup(const config::DatabaseConfig& database_config, const std::string& out);

}  // namespace ponte::app
