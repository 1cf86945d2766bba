// A module as the composition root sees it: its word, the settings it reads from the command line,
// its own sub-commands, and what it adds to the registry. app/app.cpp lists the modules, in
// dependency order, one line each; core knows none of them.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/registry.hpp"

namespace ponte::core {

// What a module's command gets when it runs: the database of the command line (opened and
// migrated on first use), the field-encryption keys, and the registry of every module (for
// example to read the declared consent purposes). Output goes to standard output.
class CommandContext {
  public:
    virtual ~CommandContext() = default;
    virtual db::Database& database() = 0;
    virtual std::shared_ptr<const crypto::Keyring> keyring() = 0;
    virtual const Registry& registry() = 0;
};

// What a command does; returns the process's exit status.
using Command = std::function<int(CommandContext& context)>;

// The sub-commands modules declare. Each gets --db and --key-file.
class Commands {
  public:
    // Adds `ponte <path...>` (e.g. {"consents", "purposes"}), creating the parent commands as
    // needed, and returns it so that the module can add its own options.
    CLI::App* Add(CLI::App& cli, const std::vector<std::string>& path, std::string description, Command run);

    struct Entry {
        CLI::App* command;
        Command run;
    };
    const std::vector<Entry>& entries() const { return entries_; }

    // The settings every command takes (--db, --db-pool-size, --key-file, as for the commands of
    // core); main reads them to build the CommandContext.
    config::DatabaseConfig database;
    config::KeysConfig keys;

  private:
    std::vector<Entry> entries_;
};

class Module {
  public:
    virtual ~Module() = default;

    // The domain word: names the folder, the namespace, the tables, routes and message keys.
    virtual std::string_view word() const = 0;

    // Adds the module's flags of `serve`, each with its PONTE_* environment variable; the values
    // stay in the module until Register().
    virtual void AddOptions(CLI::App& serve) { (void)serve; }

    // After parsing: the message naming the first bad setting ("--x (PONTE_X): must be ..."), or
    // nullopt.
    virtual std::optional<std::string> CheckOptions() const { return std::nullopt; }

    // The module's own sub-commands (`ponte <word> ...`).
    virtual void AddCommands(CLI::App& cli, Commands& commands) {
        (void)cli;
        (void)commands;
    }

    // Adds everything else: migrations, routes, policy actions, jobs, sealed columns, personal
    // data, consent purposes, demo seeds. Reads the deployment through registry.deployment().
    virtual void Register(Registry& registry) const = 0;
};

using Modules = std::vector<std::unique_ptr<Module>>;

}  // namespace ponte::core
