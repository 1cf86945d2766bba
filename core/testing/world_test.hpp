// A test fixture for API tests of routes under the policy: a real `ponte serve` on a new database
// of the run's engine (ApiDatabaseUrl()), the seeded world of testing::Identities, and As(role, ...) to send a request
// signed in as that role's account (second factor passed).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::testing {

class WorldTest : public ::testing::Test {
  protected:
    void SetUp() override {
        directory_ = MakeTempDirectory();
        const std::string url = ApiDatabaseUrl(directory_);
        server_ = std::make_unique<ServerProcess>(url);
        database_ = db::Database::Open(url);
        world_ = std::make_unique<Identities>(*database_);
    }
    void TearDown() override {
        world_.reset();
        database_.reset();
        server_.reset();
        std::filesystem::remove_all(directory_);
    }

    HttpResult Send(std::string_view method, std::string_view path, std::string_view body,
                    std::map<std::string, std::string> headers) {
        if (!body.empty()) headers["Content-Type"] = "application/json";
        return HttpClient(server_->port()).Send(method, path, body, headers);
    }
    HttpResult As(policy::Role role, std::string_view method, std::string_view path, std::string_view body = "") {
        return Send(method, path, body, world_->SignIn(world_->actor(role)));
    }
    // "field:code" of a problem's first field error.
    static std::string FieldError(const HttpResult& response) {
        auto problem = response.Json();
        const auto& error = problem.at("errors").at(0);
        return std::string(error.at("field").as_string()) + ":" + std::string(error.at("code").as_string());
    }
    std::int64_t AuditCount(std::string_view action, std::string_view outcome) {
        return database_->Acquire()
            ->Execute("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND outcome = $2",
                      {std::string(action), std::string(outcome)})
            .Int(0, 0);
    }

    std::filesystem::path directory_;
    std::unique_ptr<ServerProcess> server_;
    std::unique_ptr<db::Database> database_;
    std::unique_ptr<Identities> world_;
};

}  // namespace ponte::testing
