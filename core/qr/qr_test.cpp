#include "core/qr/qr.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <vector>

namespace ponte::qr {
namespace {

// The modules of an SVG drawn by Svg(), read back from its path ("M x y h n v1 h-n z" per run).
std::vector<std::vector<bool>> Modules(const std::string& svg, int& size) {
    std::smatch box;
    EXPECT_TRUE(std::regex_search(svg, box, std::regex(R"(viewBox="0 0 (\d+) \d+")")));
    size = std::stoi(box[1]);
    std::vector<std::vector<bool>> dark(size, std::vector<bool>(size, false));
    const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-\d+z)");
    for (std::sregex_iterator it(svg.begin(), svg.end(), run), end; it != end; ++it) {
        const int x = std::stoi((*it)[1]);
        const int y = std::stoi((*it)[2]);
        const int n = std::stoi((*it)[3]);
        for (int i = 0; i < n; ++i) dark[y][x + i] = true;
    }
    return dark;
}

// A finder pattern: a dark 7x7 ring, a light ring, a dark 3x3 centre.
bool IsFinder(const std::vector<std::vector<bool>>& dark, int left, int top) {
    for (int y = 0; y < 7; ++y) {
        for (int x = 0; x < 7; ++x) {
            const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
            const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
            if (dark[top + y][left + x] != (ring || centre)) return false;
        }
    }
    return true;
}

TEST(QrTest, SvgHasTheThreeFinderPatternsInsideAQuietZone) {
    const std::string uri =
        "otpauth://totp/Ponte:ana%40example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Ponte";
    const std::string svg = Svg(uri, "QR code");
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    EXPECT_NE(svg.find("role=\"img\" aria-label=\"QR code\""), std::string::npos);
    int size = 0;
    auto dark = Modules(svg, size);
    const int width = size - 8;
    ASSERT_GE(width, 21);
    EXPECT_EQ((width - 17) % 4, 0) << "a QR symbol is 17 + 4 x version modules wide";
    EXPECT_TRUE(IsFinder(dark, 4, 4));
    EXPECT_TRUE(IsFinder(dark, 4 + width - 7, 4));
    EXPECT_TRUE(IsFinder(dark, 4, 4 + width - 7));
    EXPECT_FALSE(IsFinder(dark, 4 + width - 7, 4 + width - 7));
    for (int i = 0; i < size; ++i) {
        EXPECT_FALSE(dark[0][i] || dark[3][i] || dark[i][0] || dark[i][3] || dark[size - 1][i]) << "quiet zone";
    }
}

TEST(QrTest, LongerTextNeedsALargerSymbolAndLabelsAreEscaped) {
    int small = 0;
    int large = 0;
    Modules(Svg("short", "a"), small);
    Modules(Svg(std::string(300, 'x'), "a"), large);
    EXPECT_LT(small, large);
    EXPECT_NE(Svg("x", "<b>\"&").find("aria-label=\"&lt;b&gt;&quot;&amp;\""), std::string::npos);
    EXPECT_THROW(Svg(std::string(5000, 'x'), "a"), std::invalid_argument);
}

}  // namespace
}  // namespace ponte::qr
