#include "core/http/client_address.hpp"

#include <gtest/gtest.h>

namespace ponte::http {
namespace {

TrustedProxies Trust(std::string_view list) {
    auto proxies = TrustedProxies::Parse(list);
    EXPECT_TRUE(proxies.has_value()) << list;
    return proxies.value_or(TrustedProxies{});
}

TEST(TrustedProxies, AddressesAndBlocks_Match) {
    auto proxies = Trust(" 10.0.0.0/8, 192.168.1.7 ,fd00::/8, 2001:db8::1");
    for (const std::string address : {"10.1.2.3", "192.168.1.7", "::ffff:10.0.0.1", "fd12::1", "2001:db8::1"}) {
        EXPECT_TRUE(proxies.Contains(address)) << address;
    }
    for (const std::string address : {"11.0.0.1", "192.168.1.8", "fe80::1", "2001:db8::2", "", "proxy"}) {
        EXPECT_FALSE(proxies.Contains(address)) << address;
    }
    EXPECT_TRUE(Trust("0.0.0.0/0").Contains("203.0.113.9"));
    EXPECT_FALSE(Trust("0.0.0.0/0").Contains("2001:db8::1"));
    EXPECT_TRUE(Trust("").empty());
}

TEST(TrustedProxies, BadEntries_AreNamed) {
    for (const std::string list : {"proxy.example", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8x", "::/129", "1.2.3"}) {
        std::string bad;
        EXPECT_FALSE(TrustedProxies::Parse("127.0.0.1, " + list, &bad).has_value()) << list;
        EXPECT_EQ(bad, list);
    }
}

TEST(ClientAddress, UntrustedPeer_IsTheClientWhateverTheHeaderSays) {
    EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", Trust("10.0.0.0/8")), "203.0.113.9");
    EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.1", Trust("")), "10.0.0.5");
}

TEST(ClientAddress, TrustedPeer_GivesTheRightMostUntrustedEntry) {
    auto proxies = Trust("10.0.0.0/8");
    // The client may put anything on the left; each proxy appends the address it received from.
    EXPECT_EQ(ClientAddress("10.0.0.5", "1.1.1.1, 198.51.100.7", proxies), "198.51.100.7");
    EXPECT_EQ(ClientAddress("10.0.0.5", "1.1.1.1, 198.51.100.7, 10.0.0.9", proxies), "198.51.100.7");
    EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.7,10.0.0.9", proxies), "198.51.100.7");
    EXPECT_EQ(ClientAddress("10.0.0.5", "2001:db8::7", proxies), "2001:db8::7");
}

TEST(ClientAddress, TrustedPeer_WithoutUsableEntries_FallsBackToAProxy) {
    auto proxies = Trust("10.0.0.0/8");
    EXPECT_EQ(ClientAddress("10.0.0.5", "", proxies), "10.0.0.5");
    EXPECT_EQ(ClientAddress("10.0.0.5", "10.0.0.8, 10.0.0.9", proxies), "10.0.0.8");
    EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.7, garbage", proxies), "10.0.0.5");
    EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.7, unknown, 10.0.0.9", proxies), "10.0.0.9");
}

// One client is one throttle key, however a balancer writes her address.
TEST(ClientAddress, EntriesWithPortsOrMappedForms_GiveTheAddressWrittenOneWay) {
    auto proxies = Trust("10.0.0.0/8");
    EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.7:51234", proxies), "198.51.100.7");
    EXPECT_EQ(ClientAddress("10.0.0.5", "[2001:DB8::7]:443", proxies), "2001:db8::7");
    EXPECT_EQ(ClientAddress("10.0.0.5", "::ffff:198.51.100.7", proxies), "198.51.100.7");
    EXPECT_EQ(ClientAddress("10.0.0.5", "2001:db8:0:0::7", proxies), "2001:db8::7");
    EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.7, 10.0.0.9:8080", proxies), "198.51.100.7");
}

// An IPv6 customer holds a whole /64: throttles count it as one network.
TEST(NetworkOf, Ipv6GoesByItsSlash64_Ipv4ByItself) {
    EXPECT_EQ(NetworkOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
    EXPECT_EQ(NetworkOf("2001:db8:1:2::1"), NetworkOf("2001:db8:1:2:ffff::9"));
    EXPECT_EQ(NetworkOf("198.51.100.7"), "198.51.100.7");
    EXPECT_EQ(NetworkOf("::ffff:198.51.100.7"), "198.51.100.7");
    EXPECT_EQ(NetworkOf(""), "");
}

TEST(IsLoopback, LoopbackAddresses_AndNothingElse) {
    for (const std::string address : {"127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"}) {
        EXPECT_TRUE(IsLoopback(address)) << address;
    }
    for (const std::string address : {"10.0.0.1", "::", "::ffff:10.0.0.1", "", "localhost"}) {
        EXPECT_FALSE(IsLoopback(address)) << address;
    }
    EXPECT_EQ(AddressPart("127.0.0.1:5678"), "127.0.0.1");
    EXPECT_EQ(AddressPart("::1:5678"), "::1");
}

}  // namespace
}  // namespace ponte::http
