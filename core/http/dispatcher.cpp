#include "core/http/dispatcher.hpp"

#include "core/http/json_body.hpp"

#include <fmt/format.h>
#include <boost/url/parse.hpp>
#include <random>

#include "core/db/errors.hpp"
#include "core/i18n/catalogue.hpp"
#include "core/log/log.hpp"

namespace ponte::http {
namespace {

constexpr std::size_t kMaxRequestIdLength = 64;

// Validates UTF-8 per RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF.
bool IsValidUtf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        unsigned char c = *p;
        int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
        if (extra < 0 || end - p <= extra) return extra == 0;
        std::uint32_t code = extra == 0 ? c : c & (0x3F >> extra);
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80) return false;
            code = (code << 6) | (p[i] & 0x3F);
        }
        static constexpr std::uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
        if (code < kMinimum[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        p += extra + 1;
    }
    return true;
}

bool IsJsonContentType(std::string_view type) {
    // "application/json" or "application/<x>+json", optionally with "; charset=utf-8".
    auto semicolon = type.find(';');
    std::string_view media = type.substr(0, semicolon);
    while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
    std::string lower(media);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower != "application/json" && !(lower.starts_with("application/") && lower.ends_with("+json"))) return false;
    if (semicolon == std::string_view::npos) return true;
    std::string parameters(type.substr(semicolon + 1));
    for (auto& c : parameters) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto charset = parameters.find("charset=");
    if (charset == std::string::npos) return true;
    std::string_view value = std::string_view(parameters).substr(charset + 8);
    if (value.starts_with('"')) value.remove_prefix(1);
    return value.starts_with("utf-8");
}

// The same on every response; handlers never set these, but for a Content-Security-Policy of
// their own, stricter than the site's (a download's sandbox), which then stands alone.
void AddSecurityHeaders(Response& response, bool strict_transport_security) {
    static const std::pair<std::string_view, std::string_view> kHeaders[] = {
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
        {"Content-Security-Policy",
         "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
         "form-action 'self'"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
        // The app asks where she is, on this origin only, when she asks for the services near her.
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=(self), payment=()"},
    };
    for (const auto& [name, value] : kHeaders) {
        if (name == "Content-Security-Policy" && response.headers.Get(name)) continue;
        response.headers.Add(name, std::string(value));
    }
    // A year, the value browsers' preload lists ask for: once seen over TLS, never plain HTTP.
    if (strict_transport_security)
        response.headers.Add("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (!response.headers.Get("Cache-Control")) response.headers.Add("Cache-Control", "no-store");
}

}  // namespace

bool DecodeTarget(std::string_view target, std::string& path, std::string& query) {
    auto url = boost::urls::parse_origin_form(target);
    if (!url) return false;
    path = url->path();  // percent-decoded
    if (path.empty()) path = "/";
    if (path.find('\0') != std::string::npos || !IsValidUtf8(path)) return false;
    query = url->encoded_query();
    return true;
}

std::string RequestIdFor(const Request& request) {
    if (auto given = request.headers.Get("X-Request-Id");
        given && !given->empty() && given->size() <= kMaxRequestIdLength) {
        bool safe = std::all_of(given->begin(), given->end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
        });
        if (safe) return std::string(*given);
    }
    thread_local std::mt19937_64 generator{std::random_device{}()};
    return fmt::format("{:016x}", generator());
}

Dispatcher::Dispatcher(const Router* router, const StaticFiles* static_files, metrics::Registry* metrics,
                       bool access_log)
    : router_(router), static_files_(static_files), metrics_(metrics), access_log_(access_log) {}

Response Dispatcher::Handle(Request& request) const {
    const auto start = std::chrono::steady_clock::now();
    ResolveRemote(request);
    request.request_id = RequestIdFor(request);
    const auto& catalogue = i18n::Catalogue::Instance();
    std::string_view locale = catalogue.Negotiate(request.headers.Get("Accept-Language").value_or(""));
    request.locale = std::string(locale);
    std::size_t slot = metrics_->UnmatchedSlot();

    Response response;
    if (!DecodeTarget(request.target, request.path, request.query)) {
        request.path = "/";
        response =
            RenderProblem({ProblemKind::kBadRequest, "", "undecodable request target"}, locale, "", request.request_id);
    } else {
        response = RouteRequest(request, locale, slot);
    }
    Finish(request, response, slot, start);
    return response;
}

Response Dispatcher::Reject(Request& request, ProblemKind kind) const {
    const auto start = std::chrono::steady_clock::now();
    ResolveRemote(request);
    request.request_id = RequestIdFor(request);
    const auto& catalogue = i18n::Catalogue::Instance();
    std::string_view locale = catalogue.Negotiate(request.headers.Get("Accept-Language").value_or(""));
    // The path when the request line was read and decodes; else the problem names no instance.
    if (request.path.empty() && !DecodeTarget(request.target, request.path, request.query)) request.path.clear();
    Response response = RenderProblem({kind}, locale, request.path, request.request_id);
    response.headers.Set("Connection", "close");
    Finish(request, response, metrics_->UnmatchedSlot(), start);
    return response;
}

Response Dispatcher::Unavailable(const Request& request) const {
    Response response = RenderProblem({ProblemKind::kUnavailable}, request.locale, request.path, request.request_id);
    response.headers.Set("Retry-After", "1");
    AddSecurityHeaders(response, strict_transport_security_);
    response.headers.Add("X-Request-Id", request.request_id);
    return response;
}

Dispatcher::Lane Dispatcher::LaneOf(const Request& request) const {
    std::string path;
    std::string query;
    if (!DecodeTarget(request.target, path, query)) return Lane::kLoop;
    Match match = router_->Find(request.method, path);
    if (match.route == nullptr) return Lane::kLoop;
    if (match.route->on_loop) return Lane::kLoop;
    return match.route->heavy ? Lane::kHeavy : Lane::kHandler;
}

std::size_t Dispatcher::BodyLimitOf(const Request& request, std::size_t server_limit) const {
    std::string path;
    std::string query;
    if (!DecodeTarget(request.target, path, query)) return server_limit;
    Match match = router_->Find(request.method, path);
    if (match.route == nullptr || match.route->max_body_bytes == 0) return server_limit;
    return match.route->max_body_bytes;
}

Response Dispatcher::RouteRequest(Request& request, std::string_view locale, std::size_t& slot) const {
    auto render = [&](const Problem& problem) {
        if (!problem.internal.empty()) {
            log::Warn("problem", {{"request_id", request.request_id}, {"internal", problem.internal}});
        }
        return RenderProblem(problem, locale, request.path, request.request_id);
    };

    Match match = router_->Find(request.method, request.path);
    if (match.route == nullptr) {
        if (!match.allowed.empty()) {
            Problem problem{ProblemKind::kMethodNotAllowed};
            problem.allow = std::move(match.allowed);
            return render(problem);
        }
        if (static_files_ && (request.method == Method::kGet || request.method == Method::kHead) &&
            !request.path.starts_with("/api/")) {
            if (auto file = static_files_->Serve(request)) {
                slot = metrics_->StaticSlot();
                return std::move(*file);
            }
            if (auto page = static_files_->ServeAppPage(request)) {
                slot = metrics_->StaticSlot();
                return std::move(*page);
            }
        }
        return render({ProblemKind::kNotFound});
    }

    slot = match.index;
    const http::Route& route = *match.route;
    request.path_params = std::move(match.params);
    if (route.TakesJson() && !IsJsonContentType(request.headers.Get("Content-Type").value_or(""))) {
        return render({ProblemKind::kUnsupportedMediaType, "detail.expect_json"});
    }
    if (!route.TakesJson() && !route.TakesFile() && !request.body.empty()) {
        return render({ProblemKind::kBadRequest, "", "body sent to a route that takes none"});
    }

    if (scope_ && !route.on_loop) return scope_([&] { return HandleRoute(request, route, render); });
    return HandleRoute(request, route, render);
}

Response Dispatcher::HandleRoute(Request& request, const Route& route,
                                 const std::function<Response(const Problem&)>& render) const {
    try {
        if (guard_) {
            if (auto refused = guard_(request, route)) return render(*refused);
        }
        if (route.body_schema) {
            auto object = ParseJsonObject(request.body);
            if (!object) return render(ProblemFor(std::move(object.failure())));
            request.json = std::move(*object);
            request.body_schema = route.body_schema.get();
        }
        Reply reply = route.handler(request);
        if (!reply) return render(ProblemFor(std::move(reply.failure())));
        if (route.body_schema && !request.body_checked) {
            // A body taken without its schema's check is a bug: fail loudly rather than act on it.
            log::Error("handler did not check its body", {{"request_id", request.request_id}, {"path", route.path}});
            return render({ProblemKind::kInternal});
        }
        return std::move(reply.value());
    } catch (const db::ConnectionError& error) {
        log::Error("database unavailable", {{"request_id", request.request_id}, {"error", error.what()}});
        return render({ProblemKind::kUnavailable, "detail.database_unavailable"});
    } catch (const db::TransientError& error) {
        log::Error("database busy", {{"request_id", request.request_id}, {"error", error.what()}});
        Response response = render({ProblemKind::kUnavailable});
        response.headers.Set("Retry-After", "1");
        return response;
    } catch (const std::exception& error) {
        log::Error("handler failed", {{"request_id", request.request_id}, {"error", error.what()}});
        return render({ProblemKind::kInternal});
    }
}

void Dispatcher::ResolveRemote(Request& request) const {
    if (trusted_proxies_.empty()) return;
    std::string forwarded;
    for (const auto& [name, value] : request.headers.fields()) {
        if (name.size() == 15 && std::equal(name.begin(), name.end(), "x-forwarded-for", [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == b;
            })) {
            forwarded += (forwarded.empty() ? "" : ",") + value;
        }
    }
    const std::string_view peer = AddressPart(request.remote);
    std::string client = ClientAddress(peer, forwarded, trusted_proxies_);
    // The forwarded address comes without its port: 0 says so, and keeps the "address:port" form.
    if (client != peer) request.remote = client + ":0";
}

void Dispatcher::Finish(const Request& request, Response& response, std::size_t slot,
                        std::chrono::steady_clock::time_point start) const {
    AddSecurityHeaders(response, strict_transport_security_);
    response.headers.Add("X-Request-Id", request.request_id);
    Sent sent{.slot = slot,
              .status = response.status,
              .bytes = response.body.size(),
              .start = start,
              .request_id = request.request_id,
              .method = request.method_name,
              .path = request.path,
              .remote = request.remote};
    if (!response.hold) return Count(sent);
    // Counted and logged when it goes out, its time with the wait; as a 503 when it cannot
    // (Unavailable answers instead).
    response.hold = [this, inner = std::move(response.hold), sent = std::move(sent)](auto resume) {
        inner([this, sent, resume = std::move(resume)](bool ok) {
            Sent counted = sent;
            if (!ok) counted.status = 503;
            Count(counted);
            resume(ok);
        });
    };
}

void Dispatcher::Count(const Sent& sent) const {
    auto elapsed = std::chrono::steady_clock::now() - sent.start;
    metrics_->Record(sent.slot, sent.status, elapsed);
    if (access_log_) {
        log::Access(sent.request_id, sent.method, sent.path, sent.status,
                    std::chrono::duration<double, std::milli>(elapsed).count(), sent.bytes, sent.remote);
    }
}

}  // namespace ponte::http
