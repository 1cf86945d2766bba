#include "core/i18n/catalogue.hpp"

#include <gtest/gtest.h>

namespace ponte::i18n {
namespace {

Catalogue Sample() {
    return Catalogue({{"en", {{"greeting", "Hello"}, {"only.en", "Only English"}}},
                      {"ar", {{"greeting", "مرحبا"}}},
                      {"es", {{"greeting", "Hola"}}}});
}

TEST(Catalogue, Translate_KnownKey_UsesLocale) { EXPECT_EQ(Sample().Translate("ar", "greeting"), "مرحبا"); }

TEST(Catalogue, Translate_MissingKeyOrLocale_FallsBackToEnglishThenKey) {
    auto catalogue = Sample();
    EXPECT_EQ(catalogue.Translate("ar", "only.en"), "Only English");
    EXPECT_EQ(catalogue.Translate("xx", "greeting"), "Hello");
    EXPECT_EQ(catalogue.Translate("es", "no.such.key"), "no.such.key");
}

TEST(Catalogue, Negotiate_PicksHighestQualityAvailable) {
    auto catalogue = Sample();
    EXPECT_EQ(catalogue.Negotiate("fr-FR, es;q=0.8, ar;q=0.9"), "ar");
    EXPECT_EQ(catalogue.Negotiate("es-ES"), "es");
    EXPECT_EQ(catalogue.Negotiate("de, fr"), "en");
    EXPECT_EQ(catalogue.Negotiate(""), "en");
    EXPECT_EQ(catalogue.Negotiate("ar;q=abc, es;q=0.1"), "es");
}

TEST(Catalogue, MissingKeys_ListsKeysAbsentFromLocale) {
    EXPECT_EQ(Sample().MissingKeys("es"), (std::vector<std::string>{"only.en"}));
}

// A translator adds a language by adding a file; this fails when one lacks a key English has.
TEST(Catalogue, EmbeddedLanguages_HaveEveryEnglishKey) {
    const auto& catalogue = Catalogue::Instance();
    const auto locales = catalogue.Locales();
    for (const char* launch : {"ar", "ca", "en", "es", "fr", "it"}) {
        EXPECT_NE(std::find(locales.begin(), locales.end(), launch), locales.end()) << "missing language " << launch;
    }
    for (const auto& locale : locales) {
        EXPECT_EQ(catalogue.MissingKeys(locale), std::vector<std::string>{}) << "in " << locale;
    }
}

}  // namespace
}  // namespace ponte::i18n
