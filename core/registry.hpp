// What the composition root assembles: every module's routes and migrations, and the core
// services handlers use. Modules add to it in their Register(); then Finalize() freezes it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/crypto/reseal.hpp"
#include "core/db/database.hpp"
#include "core/db/migrate.hpp"
#include "core/http/dispatcher.hpp"
#include "core/http/router.hpp"
#include "core/metrics/metrics.hpp"
#include "core/personal_data.hpp"
#include "core/policy/policy.hpp"
#include "core/seed.hpp"

namespace ponte::core {

// How this instance is deployed, from `serve`'s command line: what any module may read.
struct Deployment {
    bool demo = false;         // demo mode: staff need no second factor, every page says it is a demo
    bool test_routes = false;  // the probe routes of the test suite are served
    bool secure = true;        // reached over TLS only (behind a proxy): Secure cookies, HSTS
    // The address people open Ponte at ("https://ponte.example.org", no trailing slash), for links
    // in emails and QR codes; empty: taken from each request's Host.
    std::string public_url;
    int threads = 1;       // server threads, for modules that size their own pools
    bool serving = false;  // `ponte serve` (not a command that only migrates, seeds or reads)
    // The folder where modules keep files (config::FilesDirectory); each its own sub-folder.
    std::string files_directory;
};

// A registry either describes the application or runs it. Both hold every module's routes,
// migrations, policy and declarations; only a running registry has the database and the keys its
// handlers, jobs and seeds use, and only its router is served. So a handler never meets a missing
// database or keyring: where one would be missing, no handler runs.
class Registry {
  public:
    // Describes: the route table (the OpenAPI document), the migrations, the policy.
    explicit Registry(Deployment deployment = {}) : deployment_(std::move(deployment)) {}
    // Runs, with `database` and the field-encryption keys. Throws std::invalid_argument without keys.
    Registry(db::Database& database, std::shared_ptr<const crypto::Keyring> keyring, Deployment deployment = {});

    const Deployment& deployment() const { return deployment_; }
    bool running() const { return database_ != nullptr; }

    // Precondition: running().
    db::Database& database() const { return *database_; }
    const crypto::Keyring& keyring() const { return *keyring_; }
    // What a module's handlers keep, made in both kinds of registry: null in one that describes,
    // whose handlers never run.
    db::Database* database_or_null() const { return database_; }
    const crypto::Keyring* keyring_or_null() const { return keyring_.get(); }
    metrics::Registry& metrics() { return metrics_; }
    policy::Policy& policy() { return policy_; }
    const policy::Policy& policy() const { return policy_; }

    // The guard every routed request passes (set by the identity module); may be empty.
    void SetGuard(http::Guard guard) { guard_ = std::move(guard); }
    const http::Guard& guard() const { return guard_; }

    // A column of sealed values (see crypto::Keyring), re-sealed under the current key by
    // `ponte keys reseal` after a rotation.
    void AddSealedColumn(crypto::SealedColumn column) { sealed_columns_.push_back(std::move(column)); }
    const std::vector<crypto::SealedColumn>& sealed_columns() const { return sealed_columns_; }
    // Files sealed as streams, re-sealed by `ponte keys reseal` too.
    void AddSealedFiles(crypto::SealedFiles files) { sealed_files_.push_back(std::move(files)); }
    const std::vector<crypto::SealedFiles>& sealed_files() const { return sealed_files_; }

    // A background job handler, run by the job worker of `serve`.
    using JobHandler = std::function<void(const std::string& payload)>;
    void AddJobHandler(std::string kind, JobHandler handler) {
        job_handlers_.emplace(std::move(kind), std::move(handler));
    }
    const std::map<std::string, JobHandler, std::less<>>& job_handlers() const { return job_handlers_; }
    // A job handler whose every run queues the next (jobs::EnqueueUnlessQueued): `serve` queues a
    // first run at start unless one is queued already, so that a chain a failed run broke resumes.
    void AddRecurringJob(std::string kind, JobHandler handler) {
        recurring_jobs_.push_back(kind);
        AddJobHandler(std::move(kind), std::move(handler));
    }
    const std::vector<std::string>& recurring_jobs() const { return recurring_jobs_; }

    // The personal-data registry (core/personal_data.hpp).
    void AddPersonalData(privacy::PersonalData source) { personal_data_.push_back(std::move(source)); }
    void DeclareNoPersonalData(std::string table, std::string reason) {
        no_personal_data_.push_back({std::move(table), std::move(reason)});
    }
    const std::vector<privacy::PersonalData>& personal_data() const { return personal_data_; }
    const std::vector<privacy::NoPersonalData>& no_personal_data() const { return no_personal_data_; }

    // A purpose people give or withdraw consent for ("mentoring.share_profile"), declared by the
    // module that asks, with the message key of what it means.
    void DeclareConsentPurpose(std::string purpose, std::string description_key) {
        consent_purposes_.emplace(std::move(purpose), std::move(description_key));
    }

    // The module's demo data; seeds run in the order modules register (core::Seed).
    void AddSeed(std::string module, Seed seed) { seeds_.emplace_back(std::move(module), std::move(seed)); }
    const std::vector<std::pair<std::string, Seed>>& seeds() const { return seeds_; }
    const std::map<std::string, std::string, std::less<>>& consent_purposes() const { return consent_purposes_; }

    void AddRoute(http::Route route);
    void AddMigrations(std::vector<db::Migration> migrations);

    // Builds the router (throwing on a bad or duplicate route, or on a route whose policy action
    // nobody declared) and binds the metrics slots.
    void Finalize();

    // Precondition: Finalize() was called.
    const http::Router& router() const { return *router_; }
    // The router to serve. Throws std::logic_error for a registry that describes: its handlers
    // have no database.
    const http::Router& served_router() const;
    const std::vector<db::Migration>& migrations() const { return migrations_; }

  private:
    db::Database* database_ = nullptr;
    std::shared_ptr<const crypto::Keyring> keyring_;
    Deployment deployment_;
    metrics::Registry metrics_;
    policy::Policy policy_;
    http::Guard guard_;
    std::vector<http::Route> pending_;
    std::unique_ptr<http::Router> router_;
    std::vector<db::Migration> migrations_;
    std::vector<crypto::SealedColumn> sealed_columns_;
    std::vector<crypto::SealedFiles> sealed_files_;
    std::map<std::string, JobHandler, std::less<>> job_handlers_;
    std::vector<std::string> recurring_jobs_;
    std::vector<privacy::PersonalData> personal_data_;
    std::vector<privacy::NoPersonalData> no_personal_data_;
    std::map<std::string, std::string, std::less<>> consent_purposes_;
    std::vector<std::pair<std::string, Seed>> seeds_;
};

}  // namespace ponte::core
