#include "core/media/media_type.hpp"

#include <magic.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <stdexcept>

namespace ponte::media {
namespace {

struct MagicClose {
    void operator()(magic_set* cookie) const { magic_close(cookie); }
};
using Magic = std::unique_ptr<magic_set, MagicClose>;

// A handle is not safe to share between threads, and loading the database takes a few
// milliseconds: one per thread, kept.
magic_set* ThreadMagic() {
    thread_local Magic cookie = [] {
        Magic opened(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR));
        if (!opened) throw std::runtime_error("libmagic: cannot open");
        if (magic_load(opened.get(), nullptr) != 0)
            throw std::runtime_error(std::string("libmagic: ") + magic_error(opened.get()));
        return opened;
    }();
    return cookie.get();
}

}  // namespace

std::string DetectMediaType(std::string_view content) {
    if (content.empty()) return "application/octet-stream";
    const char* type = magic_buffer(ThreadMagic(), content.data(), content.size());
    if (type == nullptr) return "application/octet-stream";
    return EssenceOf(type);
}

std::string EssenceOf(std::string_view content_type) {
    std::string out;
    for (char c : content_type.substr(0, content_type.find(';'))) {
        if (c != ' ' && c != '\t') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

}  // namespace ponte::media
