#include "modules/directory/store.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/json_schema.hpp"
#include "core/testing/server_process.hpp"
#include "modules/directory/actions.hpp"
#include "modules/directory/official_examples.hpp"
#include "modules/directory/search.hpp"
#include "modules/directory/seed.hpp"
#include "modules/directory/taxonomy.hpp"

namespace ponte::directory {
namespace {

using testing_hsds::Example;

std::filesystem::path Hsds() { return testing_hsds::Folder(); }

class DirectoryStoreTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        keyring_ = testing::TestKeyring();
    }

    ImportResult Import(const boost::json::value& input, std::int64_t now = 1000) {
        return ImportDirectory(database(), *keyring_, ReadJsonImport(input, "import.json"), "import.json", now);
    }

    std::vector<std::int64_t> Counts() {
        auto connection = database().Acquire();
        return CountRecords(*connection);
    }

    Module module() { return Module{&database(), keyring_.get(), {}}; }

    std::shared_ptr<const crypto::Keyring> keyring_;
};

std::string Problems(const ImportResult& result) {
    std::string text;
    for (const Problem& problem : result.problems) text += problem.field + ":" + problem.code + " ";
    return text;
}

TEST_P(DirectoryStoreTest, OfficialExamples_ImportOnceHoweverOftenAndExportAsValidHsds) {
    const boost::json::object input{{"services", {Example("service_full.json")}},
                                    {"taxonomy_terms", Example("taxonomy_term_list.json")},
                                    {"taxonomies", Example("taxonomy_list.json")}};
    ASSERT_EQ(Problems(Import(input)), "");
    const std::vector<std::int64_t> once = Counts();
    EXPECT_EQ(once[static_cast<std::size_t>(Table::kServices)], 1);
    EXPECT_EQ(once[static_cast<std::size_t>(Table::kOrganizations)], 1);
    EXPECT_GE(once[static_cast<std::size_t>(Table::kTaxonomyTerms)], 1);
    ASSERT_EQ(Problems(Import(input, 2000)), "");
    EXPECT_EQ(Counts(), once) << "an import run again updates, never doubles";

    const boost::json::object example = Example("service_full.json").as_object();
    const std::string id(example.at("id").as_string());
    auto service = ReadService(module(), id);
    ASSERT_TRUE(service);
    EXPECT_EQ(testing::SchemaErrors(Hsds() / "schema" / "service.json", *service), std::vector<std::string>{});
    for (const auto& [key, value] : example) EXPECT_EQ(service->at(key), value) << key;

    // Unchanged by the second import: modified_after still finds it only from before the first.
    auto connection = database().Acquire();
    EXPECT_EQ(ListServices(*connection, {.modified_after = 999}, {}).total, 1);
    EXPECT_EQ(ListServices(*connection, {.modified_after = 1000}, {}).total, 0);

    const std::string organization(example.at("organization").at("id").as_string());
    auto read = ReadOrganization(module(), organization);
    ASSERT_TRUE(read);
    EXPECT_EQ(testing::SchemaErrors(Hsds() / "schema" / "organization.json", *read), std::vector<std::string>{});
    EXPECT_EQ(read->at("services").as_array().size(), 1u);
    EXPECT_EQ(ListServices(*connection, {.organization_id = organization}, {}).total, 1);
    const std::string term(example.at("attributes").at(0).at("taxonomy_term").at("id").as_string());
    EXPECT_EQ(ListServices(*connection, {.taxonomy_term_id = term}, {}).total, 1);
    EXPECT_EQ(ListServices(*connection, {.taxonomy_term_id = "0a5e3c2e-0000-4c7e-9a51-000000000000"}, {}).total, 0);
    for (const TaxonomyTerm& listed : ListTaxonomyTerms(*connection, "", false, {.number = 1, .size = 100}).items) {
        EXPECT_EQ(testing::SchemaErrors(Hsds() / "schema" / "taxonomy_term.json", listed.document),
                  std::vector<std::string>{});
    }
}

TEST_P(DirectoryStoreTest, ImportedAgainWithChanges_UpdatesTheSameRecords) {
    boost::json::object service = Example("service_full.json").as_object();
    ASSERT_EQ(Problems(Import(boost::json::object{{"services", {service}}})), "");
    const std::vector<std::int64_t> once = Counts();
    service["name"] = "Community Counselling (evenings)";
    ASSERT_EQ(Problems(Import(boost::json::object{{"services", {service}}}, 5000)), "");
    EXPECT_EQ(Counts(), once);
    auto connection = database().Acquire();
    auto read = FindService(*connection, service.at("id").as_string());
    ASSERT_TRUE(read);
    EXPECT_EQ(read->name, "Community Counselling (evenings)");
    EXPECT_EQ(ListServices(*connection, {.modified_after = 4999}, {}).total, 1);
}

TEST_P(DirectoryStoreTest, AReferenceToNothing_ImportsNothingOfTheFile) {
    const std::string organization = "0a5e3c2e-1111-4c7e-9a51-000000000001";
    const boost::json::object input{
        {"organizations", {{{"id", organization}, {"name", "Casa delle donne"}, {"description", "A centre"}}}},
        {"services",
         {{{"id", "0a5e3c2e-2222-4c7e-9a51-000000000002"},
           {"name", "Legal aid"},
           {"status", "active"},
           {"organization_id", organization}},
          {{"id", "0a5e3c2e-3333-4c7e-9a51-000000000003"},
           {"name", "Shelter"},
           {"status", "active"},
           {"organization_id", "0a5e3c2e-9999-4c7e-9a51-000000000009"}}}}};
    EXPECT_EQ(Problems(Import(input)), "services.1.organization_id:not_found ");
    EXPECT_EQ(Counts(), std::vector<std::int64_t>(6, 0)) << "nothing half-imported";

    // A reference to what the directory holds from an earlier import is found.
    const boost::json::object earlier{{"organizations", {input.at("organizations").at(0)}}};
    ASSERT_EQ(Problems(Import(earlier)), "");
    const boost::json::object later{{"services", {input.at("services").at(0)}}};
    EXPECT_EQ(Problems(Import(later)), "");
    EXPECT_EQ(Counts()[static_cast<std::size_t>(Table::kServices)], 1);
}

TEST_P(DirectoryStoreTest, ConfidentialPlace_IsSealedInTheDatabaseAndLeftOutOfThePublicService) {
    boost::json::object service = Example("service_full.json").as_object();
    boost::json::object& location =
        service.at("service_at_locations").as_array().at(0).as_object().at("location").as_object();
    location["ponte_confidential"] = true;
    location["addresses"].as_array().at(0).as_object()["address_1"] = "7 Via Segreta";
    location["latitude"] = 45.0612;
    location["longitude"] = 7.6543;
    // The same location nested under its organization is the same object.
    service.at("organization").as_object().at("locations").as_array().at(0) = location;
    ASSERT_EQ(Problems(Import(boost::json::object{{"services", {service}}})), "");

    auto connection = database().Acquire();
    auto rows =
        connection->Execute("SELECT document, place, latitude, longitude FROM directory_locations WHERE hsds_id = $1",
                            {std::string(location.at("id").as_string())});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.Text(0, 0).find("Via Segreta"), std::string::npos);
    EXPECT_EQ(rows.Text(0, 1).find("Via Segreta"), std::string::npos);
    EXPECT_EQ(rows.Text(0, 1).rfind("v1:", 0), 0u) << "sealed";
    EXPECT_TRUE(rows.IsNull(0, 2));
    EXPECT_TRUE(rows.IsNull(0, 3));

    const std::string published = boost::json::serialize(*ReadService(module(), service.at("id").as_string()));
    for (std::string_view secret : {"Via Segreta", "45.0612", "7.6543", "4.50612E1", "7.6543E0"})
        EXPECT_EQ(published.find(secret), std::string::npos) << secret;
    EXPECT_NE(published.find(location.at("name").as_string()), std::string::npos) << "named, not placed";

    auto places = PlacesOf(*connection, *keyring_, service.at("id").as_string(), Trust::kTrusted);
    ASSERT_FALSE(places.empty());
    EXPECT_EQ(places[0].second.place.at("addresses").at(0).at("address_1"), "7 Via Segreta");

    // Nor do the exports, as JSON or as a tabular package, place it.
    const boost::json::object exported = ExportDirectory(database(), *keyring_);
    std::string tables;
    for (const TabularFile& file : WriteTabular(exported)) tables += file.text;
    for (std::string_view secret : {"Via Segreta", "45.0612", "7.6543"}) {
        EXPECT_EQ(boost::json::serialize(exported).find(secret), std::string::npos) << secret;
        EXPECT_EQ(tables.find(secret), std::string::npos) << secret;
    }
    EXPECT_NE(tables.find(location.at("name").as_string()), std::string::npos) << "named, not placed";
}

TEST_P(DirectoryStoreTest, ConfidentialLocation_StaysSoWhenALaterImportDoesNotSay_AndItsServiceChangesWithIt) {
    boost::json::object service = Example("service_full.json").as_object();
    boost::json::object& location =
        service.at("service_at_locations").as_array().at(0).as_object().at("location").as_object();
    const boost::json::object open_copy = location;  // as a partner's feed writes it, not knowing
    location["ponte_confidential"] = true;
    service.at("organization").as_object().at("locations").as_array().at(0) = location;
    ASSERT_EQ(Problems(Import(boost::json::object{{"services", {service}}}, 1000)), "");

    // The partner's feed: the same location, with its address, without the flag.
    ASSERT_EQ(Problems(Import(boost::json::object{{"locations", {open_copy}}}, 2000)), "");
    auto connection = database().Acquire();
    EXPECT_TRUE(IsConfidential(*connection, location.at("id").as_string()));
    const std::string street(open_copy.at("addresses").at(0).at("address_1").as_string());
    const std::string published = boost::json::serialize(*ReadService(module(), service.at("id").as_string()));
    EXPECT_EQ(published.find(street), std::string::npos);
    auto rows = connection->Execute("SELECT document FROM directory_locations WHERE hsds_id = $1",
                                    {std::string(location.at("id").as_string())});
    EXPECT_EQ(rows.Text(0, 0).find(street), std::string::npos) << "never unsealed at rest";
    // Its address changed in the feed: the service changed with it, for the directories that read
    // what changed since.
    EXPECT_EQ(ListServices(*connection, {.modified_after = 1999}, {}).total, 1);

    // Only an import that says so in as many words makes it public.
    boost::json::object published_copy = open_copy;
    published_copy["ponte_confidential"] = false;
    ASSERT_EQ(Problems(Import(boost::json::object{{"locations", {published_copy}}}, 3000)), "");
    EXPECT_FALSE(IsConfidential(*connection, location.at("id").as_string()));
}

TEST_P(DirectoryStoreTest, AServiceAtALocationMoved_LeavesNoEntryBehind) {
    const std::string organization = "0a5e3c2e-1111-4c7e-9a51-000000000001";
    auto service = [&](std::string_view id, std::string_view name) {
        return boost::json::object{{"id", id}, {"name", name}, {"status", "active"}, {"organization_id", organization}};
    };
    boost::json::object location{{"id", "0a5e3c2e-4444-4c7e-9a51-000000000004"},
                                 {"location_type", "physical"},
                                 {"name", "Casa"},
                                 {"latitude", 43.7},
                                 {"longitude", 10.9}};
    boost::json::object at{{"id", "0a5e3c2e-5555-4c7e-9a51-000000000005"},
                           {"service_id", "0a5e3c2e-2222-4c7e-9a51-000000000002"},
                           {"location_id", location.at("id")}};
    boost::json::object input{
        {"organizations", {{{"id", organization}, {"name", "Casa delle donne"}, {"description", "A centre"}}}},
        {"services",
         {service("0a5e3c2e-2222-4c7e-9a51-000000000002", "First"),
          service("0a5e3c2e-3333-4c7e-9a51-000000000003", "Second")}},
        {"locations", {location}},
        {"service_at_locations", {at}}};
    ASSERT_EQ(Problems(Import(input)), "");
    auto placed = [&] {
        auto connection = database().Acquire();
        std::vector<std::string> names;
        for (const Hit& hit : SearchEntries(*connection, {}, {.limit = 10}, 1000).items)
            names.push_back(hit.service_name + (hit.location_id.empty() ? "" : " @ Casa"));
        return names;
    };
    EXPECT_EQ(placed(), (std::vector<std::string>{"First @ Casa", "Second"}));
    at["service_id"] = "0a5e3c2e-3333-4c7e-9a51-000000000003";
    ASSERT_EQ(Problems(Import(boost::json::object{{"service_at_locations", {at}}}, 2000)), "");
    EXPECT_EQ(placed(), (std::vector<std::string>{"First", "Second @ Casa"}));
}

TEST_P(DirectoryStoreTest, DemoDirectory_EveryCategoryInSeveralLanguages_TwoShelters_ValidHsds) {
    core::DemoWorld world{.now_ms = 1000, .keyring = keyring_.get()};
    {
        auto connection = database().Acquire();
        SeedDemo(*connection, world);
    }
    auto connection = database().Acquire();
    for (const Category& category : Categories()) {
        EXPECT_GT(
            SearchEntries(*connection, {.categories = {std::string(category.code)}}, {.limit = 200}, 1000).items.size(),
            0u)
            << category.code;
    }
    std::set<std::string> languages;
    std::int64_t shelters = 0;
    std::int64_t services = 0;
    for (const Hit& hit : SearchEntries(*connection, {}, {.limit = 200}, 1000).items) {
        ++services;
        languages.insert(hit.languages.begin(), hit.languages.end());
        if (!hit.latitude) ++shelters;
        auto service = ReadService(module(), hit.service_id);
        ASSERT_TRUE(service);
        EXPECT_EQ(testing::SchemaErrors(Hsds() / "schema" / "service.json", *service), std::vector<std::string>{})
            << hit.service_name;
    }
    EXPECT_GE(services, 30);
    EXPECT_EQ(shelters, 2);
    for (const char* code : {"it", "ar", "en", "fr", "es", "ur"}) EXPECT_TRUE(languages.contains(code)) << code;
    auto confidential = connection->Execute("SELECT COUNT(*) FROM directory_locations WHERE confidential = 1");
    EXPECT_EQ(confidential.Int(0, 0), 2);
    // Seeded again (a second demo database): the same ids.
    EXPECT_TRUE(FindTaxonomyTerm(*connection, CategoryTerm(Categories()[0]).id));
}

TEST_P(DirectoryStoreTest, DemoDirectory_ExportsAsValidHsds_AndReadsBackTheSameAsJsonOrTabularPackage) {
    core::DemoWorld world{.now_ms = 1000, .keyring = keyring_.get()};
    {
        auto connection = database().Acquire();
        SeedDemo(*connection, world);
    }
    const std::vector<std::int64_t> seeded = Counts();
    const boost::json::object exported = ExportDirectory(database(), *keyring_);
    const std::pair<std::string_view, std::string_view> lists[] = {
        {"organizations", "organization.json"}, {"services", "service.json"},
        {"locations", "location.json"},         {"service_at_locations", "service_at_location.json"},
        {"taxonomies", "taxonomy.json"},        {"taxonomy_terms", "taxonomy_term.json"}};
    for (std::size_t table = 0; table < std::size(lists); ++table) {
        const auto& [list, schema] = lists[table];
        const boost::json::array& items = exported.at(list).as_array();
        EXPECT_EQ(static_cast<std::int64_t>(items.size()), seeded[table]) << list << ": every record once";
        for (const boost::json::value& item : items) {
            EXPECT_EQ(testing::SchemaErrors(Hsds() / "schema" / std::string(schema), item), std::vector<std::string>{})
                << list << " " << boost::json::serialize(item);
            EXPECT_EQ(boost::json::serialize(item).find("ponte_"), std::string::npos) << "Ponte's own fields left out";
        }
    }

    // Imported again, as JSON or as the package written from it: nothing new, nothing changed.
    EXPECT_EQ(Problems(Import(exported, 2000)), "");
    EXPECT_EQ(Counts(), seeded);
    EXPECT_EQ(ExportDirectory(database(), *keyring_), exported);
    const std::vector<TabularFile> package = WriteTabular(exported);
    const ImportResult tabular = ImportTabular(database(), *keyring_, "package", package, 3000);
    EXPECT_EQ(Problems(tabular), "");
    EXPECT_EQ(Counts(), seeded);
    // The package written again is the same, row for row (times with their seconds, the parent
    // ids a package writes in every row).
    const std::vector<TabularFile> again = WriteTabular(ExportDirectory(database(), *keyring_));
    ASSERT_EQ(again.size(), package.size());
    for (std::size_t i = 0; i < package.size(); ++i) EXPECT_EQ(again[i].text, package[i].text) << package[i].name;
}

PONTE_INSTANTIATE_ENGINES(DirectoryStoreTest);

}  // namespace
}  // namespace ponte::directory
