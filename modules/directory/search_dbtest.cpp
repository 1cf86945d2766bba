#include "modules/directory/search.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/crypto/random.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/server_process.hpp"
#include "modules/directory/actions.hpp"

namespace ponte::directory {
namespace {

// Tuesday 1 December 2026, 10:30 in Turin (09:30 UTC).
constexpr std::int64_t kTuesdayMorning = 1796117400000;
// Sunday 6 December 2026, 10:30 in Turin.
constexpr std::int64_t kSundayMorning = 1796549400000;

const Point kPortaNuova{45.0621, 7.6784};

std::string Id(std::string_view name) { return crypto::NamedUuid(std::string("search test ") + std::string(name)); }

boost::json::object Term(std::string_view code, std::string_view name) {
    return {{"id", Id(code)}, {"code", code}, {"name", name}, {"description", name}};
}

boost::json::object Weekdays(std::string_view opens, std::string_view closes) {
    return {{"id", crypto::RandomUuid()},
            {"freq", "WEEKLY"},
            {"byday", "MO,TU,WE,TH,FR"},
            {"opens_at", opens},
            {"closes_at", closes}};
}

struct Place {
    std::string name;
    double latitude;
    double longitude;
    bool confidential = false;
};

boost::json::object ServiceAt(std::string_view key, std::string_view name, std::string_view description,
                              std::vector<std::string> terms, std::vector<std::string> languages,
                              std::vector<Place> places, boost::json::array schedules) {
    boost::json::array attributes;
    for (const std::string& term : terms)
        attributes.push_back({{"id", crypto::RandomUuid()}, {"taxonomy_term_id", Id(term)}});
    boost::json::array spoken;
    for (const std::string& language : languages) spoken.push_back({{"id", crypto::RandomUuid()}, {"code", language}});
    boost::json::array at;
    for (const Place& place : places) {
        boost::json::object location{{"id", Id(std::string(key) + place.name)},
                                     {"location_type", "physical"},
                                     {"name", place.name},
                                     {"latitude", place.latitude},
                                     {"longitude", place.longitude},
                                     {"ponte_time_zone", "Europe/Rome"}};
        if (place.confidential) location["ponte_confidential"] = true;
        at.push_back({{"id", Id(std::string(key) + place.name + " at")}, {"location", location}});
    }
    return {{"id", Id(key)},
            {"name", name},
            {"description", description},
            {"status", "active"},
            {"organization_id", Id("organization")},
            {"attributes", attributes},
            {"languages", spoken},
            {"schedules", schedules},
            {"service_at_locations", at}};
}

class DirectorySearchTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        boost::json::object organization{
            {"id", Id("organization")}, {"name", "Rete Donne Torino"}, {"description", "A network"}};
        boost::json::array terms{
            Term("legal-documents", "Legal and documents"), Term("language-courses", "Language courses"),
            Term("anti-violence", "Anti-violence centres and shelters"), Term("women-only", "Women only")};
        boost::json::array services;
        services.push_back(ServiceAt("legal", "Sportello legale", "Permesso di soggiorno, ricongiungimento",
                                     {"legal-documents"}, {"it", "ar", "fr"}, {{"Via Nizza", 45.0567, 7.6794}},
                                     {Weekdays("09:00", "13:00")}));
        services.push_back(ServiceAt("italian", "Corso di italiano", "Lezioni di lingua per donne, con baby-sitting",
                                     {"language-courses", "women-only"}, {"it", "en"},
                                     {{"Biblioteca", 45.0703, 7.6869}, {"Mirafiori", 45.0300, 7.6300}},
                                     {Weekdays("14:00", "17:00")}));
        services.push_back(ServiceAt("mediation", "Médiation culturelle", "مساعدة قانونية للنساء", {"legal-documents"},
                                     {"ar"}, {{"Porta Palazzo", 45.0765, 7.6822}}, {Weekdays("08:00", "18:00")}));
        services.push_back(ServiceAt("shelter", "Casa rifugio", "Ospitalità per donne che subiscono violenza",
                                     {"anti-violence", "women-only"}, {"it", "ar"},
                                     {{"Casa rifugio", 45.0600, 7.6790, true}}, {}));
        boost::json::object input;
        input["organizations"] = boost::json::array{organization};
        input["taxonomy_terms"] = terms;
        input["services"] = services;
        auto result = ImportDirectory(database(), *testing::TestKeyring(), ReadJsonImport(input, "search.json"),
                                      "search.json", 1000);
        ASSERT_TRUE(result.problems.empty()) << result.problems[0].field << ":" << result.problems[0].code;
    }

    std::vector<Hit> Search(SearchQuery query, std::int64_t now = kTuesdayMorning, std::int64_t limit = 50) {
        auto connection = database().Acquire();
        std::vector<Hit> hits;
        core::PageRequest page{.limit = limit};
        for (;;) {
            auto found = SearchEntries(*connection, query, page, now);
            for (Hit& hit : found.items) hits.push_back(std::move(hit));
            if (!found.next) return hits;
            page.after = found.next;
        }
    }

    static std::vector<std::string> NamesOf(const std::vector<Hit>& hits) {
        std::vector<std::string> names;
        names.reserve(hits.size());
        for (const Hit& hit : hits)
            names.push_back(hit.service_name + (hit.place_name.empty() ? "" : " @ " + hit.place_name));
        return names;
    }
};

using Names = std::vector<std::string>;

TEST_P(DirectorySearchTest, ByName_EveryEntryOnceInOrder_PageByPage) {
    const Names all = {"Casa rifugio @ Casa rifugio", "Corso di italiano @ Biblioteca", "Corso di italiano @ Mirafiori",
                       "Médiation culturelle @ Porta Palazzo", "Sportello legale @ Via Nizza"};
    EXPECT_EQ(NamesOf(Search({})), all);
    EXPECT_EQ(NamesOf(Search({}, kTuesdayMorning, 1)), all);
    EXPECT_EQ(NamesOf(Search({}, kTuesdayMorning, 2)), all);
}

TEST_P(DirectorySearchTest, ByWords_FoldedInAnyScript_AsPrefixes) {
    EXPECT_EQ(NamesOf(Search({.text = "mediation"})), Names{"Médiation culturelle @ Porta Palazzo"});
    EXPECT_EQ(NamesOf(Search({.text = "MÉDIAT"})), Names{"Médiation culturelle @ Porta Palazzo"});
    EXPECT_EQ(NamesOf(Search({.text = "قانونية"})), Names{"Médiation culturelle @ Porta Palazzo"});
    EXPECT_EQ(NamesOf(Search({.text = "قَانُونِيَّة"})), Names{"Médiation culturelle @ Porta Palazzo"}) << "with harakat";
    EXPECT_EQ(NamesOf(Search({.text = "donne italiano"})),
              (Names{"Corso di italiano @ Biblioteca", "Corso di italiano @ Mirafiori"}));
    EXPECT_EQ(NamesOf(Search({.text = "legal and documents"})).size(), 2u) << "by the names of its terms";
    EXPECT_EQ(NamesOf(Search({.text = "rete donne"})).size(), 5u) << "by its organization's name";
    EXPECT_TRUE(Search({.text = "nothing like this"}).empty());
    EXPECT_TRUE(Search({.text = "\"*) OR 1=1 --"}).empty());
    EXPECT_EQ(Search({.text = "«»  "}).size(), 5u) << "no words: every entry";
    const auto ranked = Search({.text = "legale soggiorno", .sort = SortBy::kRelevance});
    ASSERT_EQ(ranked.size(), 1u);
    // Every entry holds "donne" (in its organization's name): page by page, each once in the same
    // order as on one page.
    const auto relevant = Search({.text = "donne", .sort = SortBy::kRelevance});
    ASSERT_EQ(relevant.size(), 5u);
    EXPECT_EQ(NamesOf(Search({.text = "donne", .sort = SortBy::kRelevance}, kTuesdayMorning, 1)), NamesOf(relevant));
}

TEST_P(DirectorySearchTest, ByCategoryAndLanguage) {
    EXPECT_EQ(NamesOf(Search({.categories = {"legal-documents"}})),
              (Names{"Médiation culturelle @ Porta Palazzo", "Sportello legale @ Via Nizza"}));
    EXPECT_EQ(NamesOf(Search({.categories = {"legal-documents"}, .language = "ar"})).size(), 2u);
    EXPECT_EQ(NamesOf(Search({.categories = {"women-only", "anti-violence"}})), Names{"Casa rifugio @ Casa rifugio"});
    EXPECT_EQ(NamesOf(Search({.language = "en"})).size(), 2u);
    EXPECT_TRUE(Search({.categories = {"housing"}}).empty());
    EXPECT_TRUE(Search({.language = "zh"}).empty());
}

TEST_P(DirectorySearchTest, OpenNow_InTheLocationsTimeZone) {
    const auto open = Search({.open_now = true});
    EXPECT_EQ(NamesOf(open), (Names{"Médiation culturelle @ Porta Palazzo", "Sportello legale @ Via Nizza"}));
    for (const Hit& hit : Search({})) {
        EXPECT_EQ(hit.open_now, hit.service_name != "Corso di italiano" && hit.service_name != "Casa rifugio")
            << hit.service_name;
    }
    EXPECT_TRUE(Search({.open_now = true}, kSundayMorning).empty());
    // 14:30 in Turin is 13:30 UTC: the course is open, the legal desk closed.
    EXPECT_EQ(NamesOf(Search({.open_now = true}, kTuesdayMorning + std::int64_t{4} * 3600 * 1000)),
              (Names{"Corso di italiano @ Biblioteca", "Corso di italiano @ Mirafiori",
                     "Médiation culturelle @ Porta Palazzo"}));
}

double Haversine(const Point& a, double latitude, double longitude) {
    const double to_radians = std::numbers::pi / 180;
    const double dlat = (latitude - a.latitude) * to_radians;
    const double dlon = (longitude - a.longitude) * to_radians;
    const double h = std::pow(std::sin(dlat / 2), 2) + std::cos(a.latitude * to_radians) *
                                                           std::cos(latitude * to_radians) *
                                                           std::pow(std::sin(dlon / 2), 2);
    return 2 * 6371008.8 * std::asin(std::sqrt(h));
}

TEST_P(DirectorySearchTest, Near_NearestFirst_WithinTheRadius_NeverAConfidentialPlace) {
    const auto near = Search({.near = kPortaNuova, .within_meters = 3000, .sort = SortBy::kDistance});
    EXPECT_EQ(NamesOf(near), (Names{"Sportello legale @ Via Nizza", "Corso di italiano @ Biblioteca",
                                    "Médiation culturelle @ Porta Palazzo"}));
    for (const Hit& hit : near) {
        ASSERT_TRUE(hit.distance_meters && hit.latitude && hit.longitude);
        EXPECT_NEAR(static_cast<double>(*hit.distance_meters), Haversine(kPortaNuova, *hit.latitude, *hit.longitude),
                    1.0);
        EXPECT_LE(*hit.distance_meters, 3000);
    }
    EXPECT_EQ(
        NamesOf(Search({.near = kPortaNuova, .within_meters = 3000, .sort = SortBy::kDistance}, kTuesdayMorning, 1)),
        NamesOf(near));
    EXPECT_EQ(Search({.near = kPortaNuova, .within_meters = 10000}).size(), 4u) << "Mirafiori too, not the shelter";
    EXPECT_EQ(Search({.near = kPortaNuova, .within_meters = 200}).size(), 0u) << "the shelter is 240 m away, unplaced";

    // Words near a point: the entries in the box are tested for the words, nearest first; or by
    // relevance when asked.
    EXPECT_EQ(
        NamesOf(Search({.text = "lingua", .near = kPortaNuova, .within_meters = 3000, .sort = SortBy::kDistance})),
        Names{"Corso di italiano @ Biblioteca"});
    EXPECT_EQ(NamesOf(Search({.text = "lingua", .near = kPortaNuova, .within_meters = 10000, .sort = SortBy::kDistance},
                             kTuesdayMorning, 1)),
              (Names{"Corso di italiano @ Biblioteca", "Corso di italiano @ Mirafiori"}));
    EXPECT_EQ(NamesOf(Search({.text = "lingua",
                              .categories = {"women-only"},
                              .near = kPortaNuova,
                              .within_meters = 10000,
                              .sort = SortBy::kRelevance}))
                  .size(),
              2u);
    EXPECT_TRUE(
        Search({.text = "lingua", .categories = {"legal-documents"}, .near = kPortaNuova, .within_meters = 10000})
            .empty());

    const auto shelter = Search({.text = "rifugio"});
    ASSERT_EQ(shelter.size(), 1u);
    EXPECT_FALSE(shelter[0].latitude);
    EXPECT_FALSE(shelter[0].longitude);
    EXPECT_EQ(shelter[0].place_name, "Casa rifugio");
}

PONTE_INSTANTIATE_ENGINES(DirectorySearchTest);

}  // namespace
}  // namespace ponte::directory
