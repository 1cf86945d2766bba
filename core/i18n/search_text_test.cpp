#include "core/i18n/search_text.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace ponte::i18n {
namespace {

TEST(FoldForSearch, AccentsAndCase_AreOne) {
    EXPECT_EQ(FoldForSearch("Zoë"), "zoe");
    EXPECT_EQ(FoldForSearch("ZOE"), "zoe");
    EXPECT_EQ(FoldForSearch("Şükran Çelik"), "sukran celik");
    EXPECT_EQ(FoldForSearch("Straße"), "strasse");
    EXPECT_EQ(FoldForSearch("W-ABCD-EF12"), "w-abcd-ef12");
    // Decomposed and precomposed input fold alike.
    EXPECT_EQ(FoldForSearch("Jose\xCC\x81"), FoldForSearch("Jos\xC3\xA9"));
}

TEST(FoldForSearch, OtherScripts_KeepTheirLetters) {
    // Arabic loses its short vowels (fatha, kasra...), which readers leave out when they type.
    EXPECT_EQ(FoldForSearch("\xD9\x85\xD9\x8E\xD8\xB1\xD9\x92\xD9\x8A\xD9\x8E\xD9\x85"),
              "\xD9\x85\xD8\xB1\xD9\x8A\xD9\x85");
    EXPECT_EQ(FoldForSearch("Оксана"), "оксана");
    EXPECT_EQ(FoldForSearch(""), "");
}

TEST(FoldForSearch, ManyThreadsAtOnce_FoldAlike) {
    std::vector<std::thread> threads;
    std::vector<std::string> results(4);
    threads.reserve(results.size());
    for (auto& result : results) {
        threads.emplace_back([&result] {
            for (int n = 0; n < 200; ++n) result = FoldForSearch("Ámina Ñúñez");
        });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& result : results) EXPECT_EQ(result, "amina nunez");
}

}  // namespace
}  // namespace ponte::i18n
