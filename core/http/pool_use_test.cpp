#include "core/http/pool_use.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ponte::http {
namespace {

TEST(PoolUse, RequestsThroughThePool_AreCountedWaitingThenBusy_AndBeyondTheLimitRefused) {
    PoolUse use(2);
    ASSERT_TRUE(use.TryAdmit());
    ASSERT_TRUE(use.TryAdmit());
    EXPECT_EQ(use.waiting(), 2);
    EXPECT_FALSE(use.TryAdmit());
    EXPECT_EQ(use.refused(), 1u);

    use.Start();
    EXPECT_EQ(use.waiting(), 1);
    EXPECT_EQ(use.busy(), 1);
    use.Finish();
    EXPECT_EQ(use.busy(), 0);
    // Finished but not yet back on its connection: it still holds its place.
    EXPECT_FALSE(use.TryAdmit());
    EXPECT_EQ(use.refused(), 2u);
    use.Release();
    EXPECT_TRUE(use.TryAdmit());
    EXPECT_EQ(use.waiting(), 2);
    EXPECT_EQ(use.refused(), 2u);
}

TEST(PoolUse, Export_RendersGaugesAndRefusedCounterUnderThePrefix) {
    auto use = std::make_shared<PoolUse>(1);
    metrics::Registry registry;
    registry.Bind({});
    ExportPoolUse(use, registry, "ponte_test_pool", "the test pool");
    ASSERT_TRUE(use->TryAdmit());
    EXPECT_FALSE(use->TryAdmit());
    const std::string text = registry.Render();
    EXPECT_NE(text.find("# TYPE ponte_test_pool_waiting gauge\nponte_test_pool_waiting 1\n"), std::string::npos)
        << text;
    EXPECT_NE(text.find("# TYPE ponte_test_pool_busy gauge\nponte_test_pool_busy 0\n"), std::string::npos) << text;
    EXPECT_NE(text.find("# TYPE ponte_test_pool_refused_total counter\nponte_test_pool_refused_total 1\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("# HELP ponte_test_pool_waiting Requests waiting for a thread of the test pool\n"),
              std::string::npos)
        << text;
}

}  // namespace
}  // namespace ponte::http
