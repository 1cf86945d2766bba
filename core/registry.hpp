// What the composition root assembles: every module's routes and migrations, and the core
// services handlers use. Modules add to it in their Register(); then Finalize() freezes it.
#pragma once

#include <memory>
#include <vector>

#include "core/db/database.hpp"
#include "core/db/migrate.hpp"
#include "core/http/dispatcher.hpp"
#include "core/http/router.hpp"
#include "core/metrics/metrics.hpp"
#include "core/policy/policy.hpp"

namespace ponte::core {

class Registry {
  public:
    // `database` may be null for tools that only need the route table (the OpenAPI document).
    explicit Registry(db::Database* database) : database_(database) {}

    // Precondition: constructed with a database.
    db::Database& database() const { return *database_; }
    // The database, or null for a registry built only for its route table.
    db::Database* database_or_null() const { return database_; }
    metrics::Registry& metrics() { return metrics_; }
    policy::Policy& policy() { return policy_; }
    const policy::Policy& policy() const { return policy_; }

    // The guard every routed request passes (set by the identity module); may be empty.
    void SetGuard(http::Guard guard) { guard_ = std::move(guard); }
    const http::Guard& guard() const { return guard_; }

    void AddRoute(http::Route route);
    void AddMigrations(std::vector<db::Migration> migrations);

    // Builds the router (throwing on a bad or duplicate route, or on a route whose policy action
    // nobody declared) and binds the metrics slots.
    void Finalize();

    // Precondition: Finalize() was called.
    const http::Router& router() const { return *router_; }
    const std::vector<db::Migration>& migrations() const { return migrations_; }

  private:
    db::Database* database_;
    metrics::Registry metrics_;
    policy::Policy policy_;
    http::Guard guard_;
    std::vector<http::Route> pending_;
    std::unique_ptr<http::Router> router_;
    std::vector<db::Migration> migrations_;
};

}  // namespace ponte::core
