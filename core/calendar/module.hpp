// The calendar room as the composition root sees it: the feeds' table and what it holds about
// people. The room serves no route; a module that publishes a feed does (core/calendar/feeds.hpp).
#pragma once

#include <memory>

#include "core/module.hpp"
#include "core/registry.hpp"

namespace ponte::calendar {

// Adds the migrations of calendar_feeds and its entry in the personal-data registry.
void Register(core::Registry& registry);

// The same, as a module for the composition root: after identity (the feeds name accounts).
std::unique_ptr<core::Module> MakeModule();

}  // namespace ponte::calendar
