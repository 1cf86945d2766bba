// The page-breaking rules of core/pdf/flow.hpp on pieces of given heights, without Cairo.
#include "core/pdf/flow.hpp"

#include <gtest/gtest.h>

namespace ponte::pdf {
namespace {

constexpr double kBodyHeight = kBodyBottom - kMargin;

std::vector<std::size_t> IndicesOf(const std::vector<Placed>& page) {
    std::vector<std::size_t> out;
    out.reserve(page.size());
    for (const auto& [index, top] : page) out.push_back(index);
    return out;
}

TEST(FlowTest, NoPieces_IsOneEmptyPage) {
    const auto pages = Paginate({});
    ASSERT_EQ(pages.size(), 1U);
    EXPECT_TRUE(pages[0].empty());
}

TEST(FlowTest, PiecesThatFit_StackDownOnePageWithTheirSpace) {
    const auto pages = Paginate({{.height = 10}, {.height = 20, .space_before = 5}});
    ASSERT_EQ(pages.size(), 1U);
    EXPECT_DOUBLE_EQ(pages[0][0].second, kMargin);
    EXPECT_DOUBLE_EQ(pages[0][1].second, kMargin + 10 + 5);
}

TEST(FlowTest, PieceThatDoesNotFit_OpensAPageWithoutItsSpace) {
    const auto pages = Paginate({{.height = kBodyHeight - 10}, {.height = 20, .space_before = 8}});
    ASSERT_EQ(pages.size(), 2U);
    EXPECT_EQ(IndicesOf(pages[1]), std::vector<std::size_t>{1});
    EXPECT_DOUBLE_EQ(pages[1][0].second, kMargin);
}

TEST(FlowTest, HeadingAtTheFootOfAPage_MovesWithWhatFollows) {
    const auto pages = Paginate({{.height = kBodyHeight - 30}, {.height = 15, .keep_with_next = true}, {.height = 20}});
    ASSERT_EQ(pages.size(), 2U);
    EXPECT_EQ(IndicesOf(pages[0]), std::vector<std::size_t>{0});
    EXPECT_EQ(IndicesOf(pages[1]), (std::vector<std::size_t>{1, 2}));
}

TEST(FlowTest, TableContinuingOnAPage_StartsWithItsHeaderAgain) {
    std::vector<Piece> pieces{{.height = 20, .keep_with_next = true}};
    for (int row = 0; row < 40; ++row) pieces.push_back({.height = 30, .header = 0});
    const auto pages = Paginate(pieces);
    ASSERT_GE(pages.size(), 2U);
    for (std::size_t page = 1; page < pages.size(); ++page) {
        ASSERT_FALSE(pages[page].empty());
        EXPECT_EQ(pages[page][0].first, 0U) << "page " << page;
        EXPECT_DOUBLE_EQ(pages[page][1].second, kMargin + 20) << "page " << page;
    }
    std::size_t rows = 0;
    for (const auto& page : pages) {
        for (const auto& [index, top] : page) {
            if (index != 0) ++rows;
            EXPECT_LE(top + pieces[index].height, kBodyBottom + 1e-9) << "piece " << index;
        }
    }
    EXPECT_EQ(rows, 40U) << "every row placed once";
}

TEST(FlowTest, NewPagePiece_OpensAPageUnlessTheFirst) {
    const auto pages = Paginate({{.height = 10, .new_page = true}, {.height = 10}, {.height = 10, .new_page = true}});
    ASSERT_EQ(pages.size(), 2U);
    EXPECT_EQ(IndicesOf(pages[0]), (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(IndicesOf(pages[1]), std::vector<std::size_t>{2});
    EXPECT_DOUBLE_EQ(pages[1][0].second, kMargin);
}

TEST(FlowTest, PieceTallerThanAPage_StartsAPageAndWhatFollowsGoesOn) {
    const auto pages = Paginate({{.height = 100}, {.height = kBodyHeight * 2}, {.height = 10}});
    ASSERT_EQ(pages.size(), 3U);
    EXPECT_EQ(IndicesOf(pages[1]), std::vector<std::size_t>{1});
    EXPECT_EQ(IndicesOf(pages[2]), std::vector<std::size_t>{2});
}

TEST(FlowTest, TallPieceAfterItsHeading_StaysWithIt) {
    const auto pages = Paginate({{.height = 100}, {.height = 15, .keep_with_next = true}, {.height = kBodyHeight * 2}});
    ASSERT_EQ(pages.size(), 1U);
    EXPECT_EQ(IndicesOf(pages[0]), (std::vector<std::size_t>{0, 1, 2}));
}

}  // namespace
}  // namespace ponte::pdf
