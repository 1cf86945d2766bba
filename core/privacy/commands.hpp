// The command line's way to a person's data: `ponte export-person` writes everything Ponte holds
// about her as one JSON document; `ponte erase-person --confirm` erases or anonymizes it. Each
// names her with --user-id or --email.
#pragma once

#include "core/module.hpp"

namespace ponte::privacy {

void AddPersonCommands(CLI::App& cli, core::Commands& commands);

}  // namespace ponte::privacy
