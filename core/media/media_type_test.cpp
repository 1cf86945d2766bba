#include "core/media/media_type.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace ponte::media {
namespace {

const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);

TEST(MediaType, ReadsTheTypeFromTheBytes) {
    EXPECT_EQ(DetectMediaType(kPng), "image/png");
    EXPECT_EQ(DetectMediaType("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"), "application/pdf");
    EXPECT_EQ(DetectMediaType("Her appointment is on Tuesday.\n"), "text/plain");
    EXPECT_EQ(DetectMediaType("<html><script>alert(1)</script></html>"), "text/html");
    EXPECT_EQ(DetectMediaType(""), "application/octet-stream");
}

TEST(MediaType, EachThreadHasItsHandle) {
    std::vector<std::thread> threads;
    std::vector<std::string> types(4);
    threads.reserve(types.size());
    for (auto& type : types) {
        threads.emplace_back([&type] { type = DetectMediaType(kPng); });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& type : types) EXPECT_EQ(type, "image/png");
}

TEST(MediaType, EssenceDropsParametersAndCase) {
    EXPECT_EQ(EssenceOf("Image/JPEG; charset=binary"), "image/jpeg");
    EXPECT_EQ(EssenceOf(" text/plain ;charset=utf-8"), "text/plain");
    EXPECT_EQ(EssenceOf(""), "");
}

}  // namespace
}  // namespace ponte::media
