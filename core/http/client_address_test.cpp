#include "core/http/client_address.hpp"

#include <gtest/gtest.h>

namespace ponte::http {
namespace {

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
