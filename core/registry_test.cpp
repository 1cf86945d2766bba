#include "core/registry.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ponte::core {
namespace {

TEST(RegistryTest, ThatDescribes_HasNoDatabaseAndIsNotServed) {
    Registry registry;
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/described",
                       .policy_action = "public",
                       .id = "described",
                       .summary = "a route to describe",
                       .tag = "test",
                       .handler = [](const http::Request&) -> http::Reply { return http::Response{}; }});
    registry.Finalize();
    EXPECT_FALSE(registry.running());
    EXPECT_EQ(registry.database_or_null(), nullptr);
    EXPECT_EQ(registry.router().routes().size(), 1u);
    EXPECT_THROW(registry.served_router(), std::logic_error);
}

TEST(RegistryTest, ThatRuns_NeedsTheKeys) {
    auto database = db::Database::Open("sqlite::memory:");
    EXPECT_THROW(Registry(*database, nullptr), std::invalid_argument);
    const Registry registry(
        *database, std::make_shared<const crypto::Keyring>(crypto::Keyring::Parse(crypto::Keyring::NewKeyLine("k1"))));
    EXPECT_TRUE(registry.running());
    EXPECT_EQ(&registry.database(), database.get());
}

}  // namespace
}  // namespace ponte::core
