#include "core/embed/embedded.hpp"

#include <algorithm>

namespace ponte::embed {

std::optional<std::string_view> Find(std::string_view path) {
    auto files = All();
    auto it = std::lower_bound(files.begin(), files.end(), path,
                               [](const File& file, std::string_view p) { return file.path < p; });
    if (it == files.end() || it->path != path) return std::nullopt;
    return it->content;
}

}  // namespace ponte::embed
