#include "core/http/router.hpp"

#include <memory>

#include <algorithm>
#include <numeric>
#include <set>
#include <stdexcept>

namespace ponte::http {

std::vector<std::string_view> SplitPath(std::string_view path) {
    std::vector<std::string_view> parts;
    if (path.starts_with('/')) path.remove_prefix(1);
    while (!path.empty()) {
        auto slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
        if (path.empty()) parts.emplace_back();  // keep the trailing empty segment of "/a/"
    }
    return parts;
}

Router::Router(std::vector<Route> routes) {
    // Sort by specificity so that the first match wins: at each segment a literal sorts before a
    // parameter. The sort is stable, keeping registration order otherwise.
    auto literal_mask = [](const std::string& path) {
        std::vector<int> mask;
        for (auto part : SplitPath(path)) mask.push_back(part.starts_with('{') ? 1 : 0);
        return mask;
    };
    std::stable_sort(routes.begin(), routes.end(),
                     [&](const Route& a, const Route& b) { return literal_mask(a.path) < literal_mask(b.path); });

    std::set<std::pair<Method, std::string>> seen;
    for (auto& route : routes) {
        if (route.heavy && route.method != Method::kPost) {
            throw std::invalid_argument("heavy routes must be POST: " + route.path);
        }
        has_heavy_ = has_heavy_ || route.heavy;
        // On the loop, nothing may wait: no heavy work, and no guard that reads a session ("public"
        // is policy::kPublic).
        if (route.on_loop && (route.heavy || route.method != Method::kGet || route.policy_action != "public")) {
            throw std::invalid_argument("a route on the event loop must be a light public GET: " + route.path);
        }
        if (!route.path.starts_with('/')) throw std::invalid_argument("route path must start with '/': " + route.path);
        if (!route.handler) throw std::invalid_argument("route has no handler: " + route.path);
        if (route.id.empty()) throw std::invalid_argument("route has no operation id: " + route.path);
        if (route.TakesJson() && route.TakesFile()) {
            throw std::invalid_argument("a route takes a JSON body or a file, not both: " + route.path);
        }
        largest_body_ = std::max(largest_body_, route.max_body_bytes);
        if (route.TakesJson()) {
            if (!route.request.is_object()) throw std::invalid_argument("request schema is no object: " + route.path);
            route.body_schema = std::make_shared<const BodySchema>(route.request);
        }
        std::string shape;  // the template with parameter names erased, to catch "/a/{x}" vs "/a/{y}"
        std::vector<Segment> segments;
        for (auto part : SplitPath(route.path)) {
            bool is_param = part.starts_with('{');
            if (is_param && (part.size() < 3 || !part.ends_with('}'))) {
                throw std::invalid_argument("malformed path parameter in " + route.path);
            }
            segments.push_back({std::string(is_param ? part.substr(1, part.size() - 2) : part), is_param});
            shape += is_param ? "/{}" : "/" + std::string(part);
        }
        if (!seen.emplace(route.method, shape).second) {
            throw std::invalid_argument("duplicate route: " + std::string(MethodName(route.method)) + " " + route.path);
        }
        segments_.push_back(std::move(segments));
        routes_.push_back(std::move(route));
    }
}

Match Router::Find(Method method, std::string_view path) const {
    Match match;
    const auto parts = SplitPath(path);
    std::vector<std::pair<std::string, std::string>> params;
    const Route* head_fallback = nullptr;
    std::size_t head_fallback_index = 0;
    std::vector<std::pair<std::string, std::string>> head_fallback_params;

    for (std::size_t i = 0; i < routes_.size(); ++i) {
        const auto& segments = segments_[i];
        if (segments.size() != parts.size()) continue;
        params.clear();
        bool matched = true;
        for (std::size_t s = 0; s < parts.size() && matched; ++s) {
            if (segments[s].is_param) {
                if (parts[s].empty())
                    matched = false;
                else
                    params.emplace_back(segments[s].text, std::string(parts[s]));
            } else {
                matched = segments[s].text == parts[s];
            }
        }
        if (!matched) continue;

        const Route& route = routes_[i];
        if (route.method == method) {
            match.route = &route;
            match.index = i;
            match.params = std::move(params);
            match.allowed.clear();
            return match;
        }
        if (method == Method::kHead && route.method == Method::kGet && head_fallback == nullptr) {
            head_fallback = &route;
            head_fallback_index = i;
            head_fallback_params = params;
        }
        std::string name(MethodName(route.method));
        if (std::find(match.allowed.begin(), match.allowed.end(), name) == match.allowed.end()) {
            match.allowed.push_back(name);
            if (route.method == Method::kGet) match.allowed.emplace_back("HEAD");
        }
    }
    if (head_fallback != nullptr) {
        match.route = head_fallback;
        match.index = head_fallback_index;
        match.params = std::move(head_fallback_params);
        match.allowed.clear();
    }
    return match;
}

}  // namespace ponte::http
