#include "core/http/framing.hpp"

#include <gtest/gtest.h>

namespace ponte::http {
namespace {

Headers Make(std::initializer_list<std::pair<std::string, std::string>> fields) {
    Headers headers;
    for (const auto& [name, value] : fields) headers.Add(name, value);
    return headers;
}

TEST(FramingError, ChunkedOrContentLength_AreAccepted) {
    EXPECT_EQ(FramingError(11, Make({{"Host", "x"}, {"Transfer-Encoding", "chunked"}})), std::nullopt);
    EXPECT_EQ(FramingError(11, Make({{"Host", "x"}, {"transfer-encoding", " Chunked "}})), std::nullopt);
    EXPECT_EQ(FramingError(11, Make({{"Host", "x"}, {"Content-Length", "3"}})), std::nullopt);
    EXPECT_EQ(FramingError(10, Make({})), std::nullopt);
}

TEST(FramingError, TransferEncodingNotEndingInChunked_IsRefused) {
    for (const std::string value : {"xchunked", "gzip", "identity", "\"chunked\"", "chunked, identity", "gzip, chunked",
                                    "chunked, chunked", ""}) {
        EXPECT_NE(FramingError(11, Make({{"Host", "x"}, {"Transfer-Encoding", value}})), std::nullopt) << value;
    }
    EXPECT_NE(
        FramingError(11, Make({{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}})),
        std::nullopt);
}

TEST(FramingError, TransferEncodingWithContentLengthOrInHttp10_IsRefused) {
    EXPECT_NE(FramingError(11, Make({{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Content-Length", "5"}})),
              std::nullopt);
    EXPECT_NE(FramingError(10, Make({{"Transfer-Encoding", "chunked"}})), std::nullopt);
}

TEST(FramingError, MissingDuplicateOrInvalidHost_IsRefused) {
    EXPECT_NE(FramingError(11, Make({})), std::nullopt);
    EXPECT_NE(FramingError(11, Make({{"Host", "a"}, {"Host", "a"}})), std::nullopt);
    EXPECT_NE(FramingError(10, Make({{"Host", "a"}, {"Host", "b"}})), std::nullopt);
    EXPECT_NE(FramingError(10, Make({{"Host", "a b"}})), std::nullopt);
}

TEST(IsValidHost, NamesAddressesAndPorts_AreValid) {
    for (const std::string host : {"example.org", "ponte.example.org:8443", "127.0.0.1", "127.0.0.1:8080", "[::1]",
                                   "[2001:db8::1]:443", "my_host", "localhost:"}) {
        EXPECT_TRUE(IsValidHost(host)) << host;
    }
}

TEST(IsValidHost, SpacesPathsUserinfoAndControlCharacters_AreInvalid) {
    for (const std::string& host : std::vector<std::string>{
             "", "a b", "evil.example/x?#", "evil.example/x", "user@example.org", "example.org:80x", "exa\x01mple.org",
             "ex%41mple.org", "a,b", "[v1.x]", "example.org\t", std::string("a\0b", 3)}) {
        EXPECT_FALSE(IsValidHost(host)) << host;
    }
}

}  // namespace
}  // namespace ponte::http
