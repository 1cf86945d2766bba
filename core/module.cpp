#include "core/module.hpp"

namespace ponte::core {

CLI::App* Commands::Add(CLI::App& cli, const std::vector<std::string>& path, std::string description, Command run) {
    CLI::App* parent = &cli;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        CLI::App* existing = nullptr;
        try {
            existing = parent->get_subcommand(path[i]);
        } catch (const CLI::OptionNotFound&) {
            existing = parent->add_subcommand(path[i], "")->require_subcommand(1);
        }
        parent = existing;
    }
    CLI::App* command = parent->add_subcommand(path.back(), std::move(description));
    config::AddDatabaseOptions(*command, database);
    config::AddKeysOptions(*command, keys);
    entries_.push_back({command, std::move(run)});
    return command;
}

}  // namespace ponte::core
