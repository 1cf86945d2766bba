#include "core/i18n/catalogue.hpp"

#include <gtest/gtest.h>

#include <thread>

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

// Every shipped text must be one that Format can use: a brace or an apostrophe out of place in a
// translation fails here, not in a woman's mail.
TEST(Catalogue, EmbeddedMessages_AreValidPatternsWithTheEnglishArguments) {
    EXPECT_EQ(Catalogue::Instance().PatternProblems(), std::vector<std::string>{});
}

TEST(Catalogue, PatternProblems_NameBrokenRenamedAndQuotedAwayPlaceholders) {
    const Catalogue catalogue({{"en",
                                {{"ok", "Hello {name}"},
                                 {"renamed", "Hello {name}"},
                                 {"quoted", "Open {link}"},
                                 {"broken", "Hello {name"},
                                 {"numbered", "Hello {0}"}}},
                               {"fr",
                                {{"ok", "Bonjour {name}"},
                                 {"renamed", "Bonjour {nom}"},
                                 {"quoted", "Ouvrez l'{link}'"},
                                 {"broken", "Bonjour"},
                                 {"numbered", "Bonjour"}}}});
    EXPECT_EQ(catalogue.PatternProblems(), (std::vector<std::string>{
                                               "en broken: U_UNMATCHED_BRACES at offset 0",
                                               "en numbered: numbered arguments; name them",
                                               "fr quoted: uses nothing where English uses {link}",
                                               "fr renamed: uses {nom} where English uses {name}",
                                           }));
}

// 2026-12-01 15:30 UTC: 16:30 in Rome, still the 1st; 00:30 on the 2nd in Tokyo.
constexpr Moment kAfternoon{1'796'139'000'000};

Catalogue Formats() {
    const std::string kPlural = "{n, plural, zero {zero} one {one} two {two} few {few} many {many} other {other}}";
    return Catalogue({{"en",
                       {{"greeting", "Hello {name}, {count} new, {share} done"},
                        {"plural", kPlural},
                        {"days", "{days, plural, one {# day} other {# days}} left"},
                        {"when", "{when, date, full} at {when, time, short}"},
                        {"day", "{when, date, long}"},
                        {"number", "{n, number}"},
                        {"only.en", "{n, plural, one {# day} other {# days}} on {when, date, long}"},
                        {"quotes", "It's '{'not an argument'}' and it''s {name}"},
                        {"broken", "Hello {name"}}},
                      {"fr",
                       {{"plural", kPlural},
                        {"days", "{days, plural, one {# jour restant} other {# jours restants}}"},
                        {"when", "{when, date, full} à {when, time, short}"},
                        {"day", "{when, date, long}"},
                        {"number", "{n, number}"}}},
                      {"ar",
                       {{"plural", kPlural},
                        {"days",
                         "{days, plural, zero {لا أيام} one {يوم واحد} two {يومان} few {# أيام} many {# يومًا} "
                         "other {# يوم}}"},
                        {"when", "{when, date, full}، {when, time, short}"},
                        {"day", "{when, date, long}"},
                        {"number", "{n, number}"}}},
                      {"it", {{"number", "{n, number}"}, {"day", "{when, date, long}"}}},
                      {"es", {{"number", "{n, number}"}}},
                      {"ca", {{"number", "{n, number}"}}}});
}

TEST(Catalogue, Format_NamedArguments_TakeTheirValues) {
    EXPECT_EQ(Formats().Format("en", "greeting", {{"name", "Amina"}, {"count", 3}, {"share", 0.5}}),
              "Hello Amina, 3 new, 0.5 done");
}

// A value is never read as a pattern: a name with braces stays as typed.
TEST(Catalogue, Format_ValueWithBraces_IsLeftAsIs) {
    EXPECT_EQ(Formats().Format("en", "greeting", {{"name", "{count}"}, {"count", 1}, {"share", 1.0}}),
              "Hello {count}, 1 new, 1 done");
}

TEST(Catalogue, Format_ArabicPlural_HasSixCategories) {
    const auto catalogue = Formats();
    const std::vector<std::pair<std::int64_t, std::string>> expected = {
        {0, "zero"}, {1, "one"}, {2, "two"}, {3, "few"}, {10, "few"}, {11, "many"}, {99, "many"}, {100, "other"}};
    for (const auto& [n, category] : expected) {
        EXPECT_EQ(catalogue.Format("ar", "plural", {{"n", n}}), category) << n;
    }
    EXPECT_EQ(catalogue.Format("ar", "days", {{"days", 2}}), "يومان");
    EXPECT_EQ(catalogue.Format("ar", "days", {{"days", 3}}), "3 أيام");
    EXPECT_EQ(catalogue.Format("ar", "days", {{"days", 11}}), "11 يومًا");
}

TEST(Catalogue, Format_EnglishAndFrenchPlural_ZeroIsOneOnlyInFrench) {
    const auto catalogue = Formats();
    EXPECT_EQ(catalogue.Format("en", "days", {{"days", 0}}), "0 days left");
    EXPECT_EQ(catalogue.Format("en", "days", {{"days", 1}}), "1 day left");
    EXPECT_EQ(catalogue.Format("en", "days", {{"days", 2}}), "2 days left");
    EXPECT_EQ(catalogue.Format("fr", "days", {{"days", 0}}), "0 jour restant");
    EXPECT_EQ(catalogue.Format("fr", "days", {{"days", 1}}), "1 jour restant");
    EXPECT_EQ(catalogue.Format("fr", "days", {{"days", 2}}), "2 jours restants");
    EXPECT_EQ(catalogue.Format("en", "plural", {{"n", 1}}), "one");
    EXPECT_EQ(catalogue.Format("en", "plural", {{"n", 0}}), "other");
}

TEST(Catalogue, Format_Dates_InTheReadersLanguageAndZone) {
    const auto catalogue = Formats();
    EXPECT_EQ(catalogue.Format("en", "when", {{"when", kAfternoon}}), "Tuesday, December 1, 2026 at 3:30\u202fPM");
    EXPECT_EQ(catalogue.Format("fr", "when", {{"when", kAfternoon}}, "Europe/Rome"), "mardi 1 décembre 2026 à 16:30");
    EXPECT_EQ(catalogue.Format("it", "day", {{"when", kAfternoon}}, "Europe/Rome"), "1 dicembre 2026");
    // The zone decides the day: past midnight in Tokyo it is already the 2nd.
    EXPECT_EQ(catalogue.Format("fr", "day", {{"when", kAfternoon}}, "Asia/Tokyo"), "2 décembre 2026");
}

// The web app formats with the browser's Intl ('ar' in Latin digits in current CLDR); the server
// matches it rather than Debian ICU's older Arabic-Indic default.
TEST(Catalogue, Format_Arabic_UsesLatinDigitsLikeTheWebApp) {
    const auto catalogue = Formats();
    EXPECT_EQ(catalogue.Format("ar", "day", {{"when", kAfternoon}}), "1 ديسمبر 2026");
    EXPECT_EQ(catalogue.Format("ar", "when", {{"when", kAfternoon}}, "Europe/Rome"), "الثلاثاء، 1 ديسمبر 2026، 4:30 م");
    EXPECT_EQ(catalogue.Format("ar", "number", {{"n", 1234567}}), "1,234,567");
}

TEST(Catalogue, Format_Numbers_GroupedPerLanguage) {
    const auto catalogue = Formats();
    EXPECT_EQ(catalogue.Format("en", "number", {{"n", 1234567}}), "1,234,567");
    EXPECT_EQ(catalogue.Format("fr", "number", {{"n", 1234567}}), "1\u202f234\u202f567");
    EXPECT_EQ(catalogue.Format("it", "number", {{"n", 1234567}}), "1.234.567");
    EXPECT_EQ(catalogue.Format("es", "number", {{"n", 1234567}}), "1.234.567");
    EXPECT_EQ(catalogue.Format("ca", "number", {{"n", 1234567}}), "1.234.567");
    EXPECT_EQ(catalogue.Format("fr", "number", {{"n", 1234.5}}), "1\u202f234,5");
}

// An English fallback is formatted as English, as the web app does: its plural forms are English ones.
TEST(Catalogue, Format_EnglishFallback_FormatsInEnglish) {
    EXPECT_EQ(Formats().Format("ar", "only.en", {{"n", 2}, {"when", kAfternoon}}), "2 days on December 1, 2026");
}

TEST(Catalogue, Format_Apostrophes_FollowIcuQuoting) {
    EXPECT_EQ(Formats().Format("en", "quotes", {{"name", "Amina"}}), "It's {not an argument} and it's Amina");
    EXPECT_EQ(Formats().Translate("en", "quotes"), "It's '{'not an argument'}' and it''s {name}");
}

TEST(Catalogue, Format_BadPatternOrArguments_ReturnsThePattern) {
    const auto catalogue = Formats();
    EXPECT_EQ(catalogue.Format("en", "broken", {{"name", "Amina"}}), "Hello {name");
    EXPECT_EQ(catalogue.Format("en", "days", {}), "{days, plural, one {# day} other {# days}} left");
    EXPECT_EQ(catalogue.Format("en", "number", {{"n", "many"}}), "{n, number}");
    EXPECT_EQ(catalogue.Format("en", "no.such.key", {{"n", 1}}), "no.such.key");
}

TEST(Catalogue, Format_UnknownZone_FormatsInUtc) {
    EXPECT_EQ(Formats().Format("fr", "day", {{"when", kAfternoon}}, "Asia/Nowhere"), "1 décembre 2026");
    EXPECT_EQ(Formats().Format("fr", "day", {{"when", Moment{1'796'167'800'000}}}, "Asia/Nowhere"), "1 décembre 2026");
}

// Each thread formats with its own parsed copies: threads that format the same messages at once
// all get the texts one thread alone gets.
TEST(Catalogue, Format_FromManyThreadsAtOnce_GivesEveryThreadTheRightTexts) {
    const auto catalogue = Formats();
    const auto texts = [&catalogue] {
        std::vector<std::string> out;
        for (std::int64_t i = 0; i < 200; ++i) {
            const Moment when{kAfternoon.ms_since_epoch + i * 86'400'000};
            out.push_back(catalogue.Format("fr", "day", {{"when", when}}, "Europe/Rome") + " " +
                          catalogue.Format("ar", "days", {{"days", i}}));
        }
        return out;
    };
    const auto expected = texts();
    std::vector<std::vector<std::string>> results(4);
    std::vector<std::thread> threads;
    threads.reserve(results.size());
    for (auto& result : results) threads.emplace_back([&texts, &result] { result = texts(); });
    for (auto& thread : threads) thread.join();
    for (const auto& result : results) EXPECT_EQ(result, expected);
}

}  // namespace
}  // namespace ponte::i18n
