// Serves the built web app (web/dist): content types, caching headers, ETag/304 and
// precompressed gzip variants (file.gz beside file) for clients that accept them.
#pragma once

#include <filesystem>
#include <optional>

#include "core/http/message.hpp"

namespace ponte::http {

class StaticFiles {
  public:
    // `root` need not exist; every lookup then misses.
    explicit StaticFiles(std::filesystem::path root);

    // The response for a GET/HEAD of `request.path`, or nullopt when no file matches (the caller
    // answers 404). "/" serves index.html. Paths with dot segments or hidden names never match.
    // Hashed assets under /assets/ are cached for a year as immutable; other files revalidate.
    std::optional<Response> Serve(const Request& request) const;

    // The web app's page (index.html) for a browser navigating to one of the app's own addresses
    // ("/invite", "/home/plan"): a GET that accepts text/html, outside /api/, whose last segment
    // has no file extension. The app then shows the screen, or its own not-found page.
    std::optional<Response> ServeAppPage(const Request& request) const;

  private:
    std::filesystem::path root_;
};

// The Content-Type for a file name's extension; application/octet-stream when unknown.
std::string_view ContentTypeFor(std::string_view filename);

}  // namespace ponte::http
