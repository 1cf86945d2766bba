// The summary of a user agent that her list of sessions shows, for the browsers people use.
#include "core/authentication/own_account.hpp"

#include <gtest/gtest.h>

namespace ponte::authentication {
namespace {

struct Case {
    std::string_view agent;
    std::string_view device;
    std::string_view browser;
    std::string_view system;
};

TEST(SummarizeUserAgent, CommonBrowsers_GiveDeviceBrowserAndSystem) {
    const Case cases[] = {
        {"Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile "
         "Safari/537.36",
         "phone", "Chrome", "Android"},
        {"Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) "
         "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
         "phone", "Samsung Internet", "Android"},
        {"Mozilla/5.0 (Linux; Android 12; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
         "Safari/537.36",
         "tablet", "Chrome", "Android"},
        {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
         "Version/17.5 Mobile/15E148 Safari/604.1",
         "phone", "Safari", "iOS"},
        {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
         "CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
         "phone", "Chrome", "iOS"},
        {"Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 "
         "Mobile/15E148 Safari/604.1",
         "tablet", "Safari", "iOS"},
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
         "Safari/537.36 Edg/126.0.2592.68",
         "computer", "Edge", "Windows"},
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0", "computer", "Firefox",
         "Windows"},
        {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
         "Safari/605.1.15",
         "computer", "Safari", "macOS"},
        {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 "
         "OPR/111.0.0.0",
         "computer", "Opera", "Linux"},
        {"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
         "Safari/537.36",
         "computer", "Chrome", "ChromeOS"},
    };
    for (const auto& c : cases) {
        const auto summary = SummarizeUserAgent(c.agent);
        EXPECT_EQ(summary.device, c.device) << c.agent;
        EXPECT_EQ(summary.browser, c.browser) << c.agent;
        EXPECT_EQ(summary.system, c.system) << c.agent;
    }
}

TEST(SummarizeUserAgent, EmptyOrUnknown_SaysSoWithoutGuessing) {
    for (std::string_view agent : {"", "curl/8.5.0", "Ponte test client"}) {
        const auto summary = SummarizeUserAgent(agent);
        EXPECT_EQ(summary.device, "unknown") << agent;
        EXPECT_EQ(summary.browser, "") << agent;
        EXPECT_EQ(summary.system, "") << agent;
    }
}

}  // namespace
}  // namespace ponte::authentication
