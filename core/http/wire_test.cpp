#include "core/http/wire.hpp"

#include <gtest/gtest.h>

namespace ponte::http {
namespace {

TEST(ToWire, StatusHeadersAndLength_AreTheServers) {
    Response response = Response::Json(200, R"({"ok":true})");
    response.headers.Add("Content-Length", "999");
    response.headers.Add("Connection", "upgrade");
    auto wire = ToWire(std::move(response), true, false);
    EXPECT_EQ(wire.head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
    EXPECT_NE(wire.head.find("Content-Length: 11\r\n"), std::string::npos);
    EXPECT_EQ(wire.head.find("999"), std::string::npos);
    EXPECT_EQ(wire.head.find("upgrade"), std::string::npos);
    EXPECT_TRUE(wire.head.ends_with("\r\n\r\n"));
    EXPECT_EQ(wire.body, R"({"ok":true})");
    EXPECT_NE(ToWire(Response::Json(200, "{}"), false, false).head.find("Connection: close\r\n"), std::string::npos);
}

// A line break a handler let into a header value cannot start a header or a response of its own.
TEST(ToWire, LineBreakInAHeaderValue_CannotSplitTheResponse) {
    Response response = Response::Json(200, "{}");
    response.headers.Add("Location", "/next\r\nSet-Cookie: stolen=1\r\n\r\nHTTP/1.1 200 OK");
    auto wire = ToWire(std::move(response), true, false);
    EXPECT_EQ(wire.head.find("\r\nSet-Cookie"), std::string::npos);
    EXPECT_NE(wire.head.find("Location: /next  Set-Cookie: stolen=1    HTTP/1.1 200 OK\r\n"), std::string::npos);
    // One blank line, at the end: the head holds one response.
    EXPECT_EQ(wire.head.find("\r\n\r\n"), wire.head.size() - 4);
}

TEST(ToWire, NoBodyStatusesAndHead_SendNoBody) {
    Response none;
    none.status = 204;
    none.body = "ignored";
    auto no_content = ToWire(std::move(none), true, false);
    EXPECT_TRUE(no_content.body.empty());
    EXPECT_EQ(no_content.head.find("Content-Length"), std::string::npos);
    auto head = ToWire(Response::Json(200, "12345"), true, true);
    EXPECT_TRUE(head.body.empty());
    EXPECT_NE(head.head.find("Content-Length: 5\r\n"), std::string::npos);
}

}  // namespace
}  // namespace ponte::http
