#include "core/http/static_files.hpp"

#include <array>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/http/router.hpp"

namespace ponte::http {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".mp3", "audio/mpeg"},
    {".ogg", "audio/ogg"},
    {".map", "application/json"},
}};

bool AcceptsGzip(const Request& request) {
    auto accept = request.headers.Get("Accept-Encoding");
    if (!accept) return false;
    // Good enough for real clients: "gzip" listed and not explicitly refused with q=0.
    auto at = accept->find("gzip");
    if (at == std::string_view::npos) return false;
    auto rest = accept->substr(at + 4);
    auto comma = rest.find(',');
    auto params = rest.substr(0, comma);
    return params.find("q=0") == std::string_view::npos || params.find("q=0.") != std::string_view::npos;
}

std::optional<std::string> ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream content;
    content << in.rdbuf();
    return std::move(content).str();
}

}  // namespace

std::string_view ContentTypeFor(std::string_view filename) {
    for (const auto& [extension, type] : kTypes) {
        if (filename.ends_with(extension)) return type;
    }
    return "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
    std::filesystem::path relative;
    for (auto segment : SplitPath(request.path)) {
        if (segment.empty() || segment.starts_with('.') || segment.find('\0') != std::string_view::npos ||
            segment.find('\\') != std::string_view::npos) {
            return std::nullopt;
        }
        relative /= std::string(segment);
    }
    if (relative.empty()) relative = "index.html";
    const std::filesystem::path path = root_ / relative;

    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;

    std::filesystem::path served = path;
    const bool gzip = AcceptsGzip(request) && std::filesystem::is_regular_file(path.string() + ".gz", error);
    if (gzip) served = path.string() + ".gz";

    auto size = std::filesystem::file_size(served, error);
    auto mtime = std::filesystem::last_write_time(served, error);
    if (error) return std::nullopt;
    std::string etag = fmt::format("\"{:x}-{:x}{}\"", size, mtime.time_since_epoch().count(), gzip ? "-gz" : "");

    Response response;
    response.headers.Set("Content-Type", std::string(ContentTypeFor(relative.filename().string())));
    response.headers.Set("ETag", etag);
    response.headers.Set("Vary", "Accept-Encoding");
    response.headers.Set("Cache-Control",
                         request.path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    if (gzip) response.headers.Set("Content-Encoding", "gzip");

    if (auto match = request.headers.Get("If-None-Match"); match && match->find(etag) != std::string_view::npos) {
        response.status = 304;
        return response;
    }
    auto content = ReadFile(served);
    if (!content) return std::nullopt;
    response.body = std::move(*content);
    return response;
}

}  // namespace ponte::http

namespace ponte::http {

std::optional<Response> StaticFiles::ServeAppPage(const Request& request) const {
    if (request.path.starts_with("/api/") || request.path.starts_with("/assets/")) return std::nullopt;
    const auto last = request.path.substr(request.path.rfind('/') + 1);
    if (last.find('.') != std::string::npos) return std::nullopt;
    if (request.headers.Get("Accept").value_or("").find("text/html") == std::string_view::npos) return std::nullopt;
    Request page = request;
    page.path = "/";
    return Serve(page);
}

}  // namespace ponte::http
