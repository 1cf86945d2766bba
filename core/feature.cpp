#include "core/feature.hpp"

#include <charconv>
#include <chrono>

namespace ponte::core {

std::int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::optional<std::int64_t> ParseId(std::string_view text) {
    std::int64_t id = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

audit::Entry AuditEntry(const http::Request& request, std::string action, std::string outcome,
                        std::string resource_type, std::int64_t resource_id) {
    audit::Entry entry;
    entry.actor_user_id = request.principal ? request.principal->user_id : 0;
    entry.action = std::move(action);
    entry.outcome = std::move(outcome);
    entry.remote = audit::AddressOf(request.remote);
    entry.request_id = request.request_id;
    entry.resource_type = std::move(resource_type);
    if (resource_id != 0) entry.resource_id = std::to_string(resource_id);
    return entry;
}

Failure NotFoundAudited(db::Database& database, const audit::Entry& entry) {
    audit::Record(database, entry, NowMs());
    return Failure{Fault::kNotFound};
}

std::string PublicBaseUrl(std::string_view public_url, bool secure, const http::Request& request) {
    if (!public_url.empty()) return std::string(public_url);
    return std::string(secure ? "https://" : "http://") +
           std::string(request.headers.Get("Host").value_or("localhost"));
}

}  // namespace ponte::core
