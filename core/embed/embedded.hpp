// Files compiled into the binary (migrations, message catalogues), so that `ponte` is one file
// that needs nothing beside it. The build generates the table from the source tree.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace ponte::embed {

struct File {
    std::string_view path;  // relative to the repository root, e.g. "core/i18n/messages/en.json"
    std::string_view content;
};

// All embedded files, sorted by path.
std::span<const File> All();

// The embedded file at `path`, if any.
std::optional<std::string_view> Find(std::string_view path);

}  // namespace ponte::embed
