#include "core/registry.hpp"

#include <stdexcept>

namespace ponte::core {

Registry::Registry(db::Database& database, std::shared_ptr<const crypto::Keyring> keyring, Deployment deployment)
    : database_(&database), keyring_(std::move(keyring)), deployment_(std::move(deployment)) {
    if (!keyring_) throw std::invalid_argument("a registry that runs needs the field-encryption keys");
}

const http::Router& Registry::served_router() const {
    if (!running()) throw std::logic_error("a registry that describes the application is not served");
    return router();
}

void Registry::AddRoute(http::Route route) {
    if (router_) throw std::logic_error("route added after Finalize: " + route.path);
    pending_.push_back(std::move(route));
}

void Registry::AddMigrations(std::vector<db::Migration> migrations) {
    for (auto& migration : migrations) migrations_.push_back(std::move(migration));
}

void Registry::Finalize() {
    for (const auto& route : pending_) {
        if (!policy_.Knows(route.policy_action)) {
            throw std::logic_error("route " + route.path + " names undeclared policy action " + route.policy_action);
        }
    }
    router_ = std::make_unique<http::Router>(std::move(pending_));
    std::vector<metrics::RouteLabel> labels;
    for (const auto& route : router_->routes())
        labels.push_back({std::string(http::MethodName(route.method)), route.path});
    metrics_.Bind(std::move(labels));
}

}  // namespace ponte::core
