#include "modules/directory/model.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/testing/json_schema.hpp"
#include "modules/directory/official_examples.hpp"

namespace ponte::directory {
namespace {

using testing_hsds::Example;
using testing_hsds::OfficialExample;
using testing_hsds::Schema;

std::string Problems(const Reading& reading) {
    std::string text;
    for (const Problem& problem : reading.problems) text += problem.field + ":" + problem.code + " ";
    return text;
}

// An import of one list holding `item`.
Reading ReadOne(std::string_view list, boost::json::value item) {
    return ReadJsonImport(boost::json::object{{list, boost::json::array{std::move(item)}}}, "import.json");
}

const char* const kOrganizationId = "0a5e3c2e-1111-4c7e-9a51-000000000001";

boost::json::object OrganizationJson() {
    return {{"id", kOrganizationId}, {"name", "Casa delle donne"}, {"description", "A women's centre"}};
}

boost::json::object ServiceJson() {
    return {{"id", "0a5e3c2e-2222-4c7e-9a51-000000000002"},
            {"name", "Legal aid"},
            {"status", "active"},
            {"organization", OrganizationJson()}};
}

TEST(DirectoryImport, OfficialExamples_ReadWithoutAProblem) {
    for (const auto& [list, file] :
         std::vector<std::pair<std::string, std::string>>{{"services", "service_full.json"},
                                                          {"services", "service_list.json"},
                                                          {"organizations", "organization_full.json"},
                                                          {"organizations", "organization_list.json"},
                                                          {"locations", "location.json"},
                                                          {"service_at_locations", "service_at_location_full.json"},
                                                          {"service_at_locations", "service_at_location_list.json"},
                                                          {"taxonomies", "taxonomy.json"},
                                                          {"taxonomies", "taxonomy_list.json"},
                                                          {"taxonomy_terms", "taxonomy_term.json"},
                                                          {"taxonomy_terms", "taxonomy_term_list.json"}}) {
        SCOPED_TRACE(file);
        boost::json::value example = Example(file);
        // A page is an import's list as it is; a single object is put in one.
        boost::json::value items = example.as_object().contains("contents") ? example : boost::json::array{example};
        const Reading reading = ReadJsonImport(boost::json::object{{list, items}}, file);
        EXPECT_EQ(Problems(reading), "");
    }
}

TEST(DirectoryImport, OfficialExamples_AreRefusedOnlyForTheirCoordinates) {
    const boost::json::value location = OfficialExample("location.json");
    EXPECT_EQ(Problems(ReadOne("locations", location)), "locations.0.latitude:too_large ");
    boost::json::object off = location.as_object();
    off["latitude"] = 45.0;
    EXPECT_EQ(Problems(ReadOne("locations", off)), "");  // longitude 101 is in range
}

TEST(DirectoryImport, ServiceFull_IsTakenApartIntoItsRecords) {
    const boost::json::object example = Example("service_full.json").as_object();
    const Reading reading = ReadOne("services", example);
    ASSERT_EQ(Problems(reading), "");
    const Directory& directory = reading.directory;
    ASSERT_EQ(directory.services.size(), 1u);
    const Service& service = directory.services[0];
    EXPECT_EQ(service.id, example.at("id").as_string());
    EXPECT_EQ(service.organization_id, example.at("organization").at("id").as_string());
    EXPECT_FALSE(service.document.contains("organization"));
    EXPECT_FALSE(service.document.contains("service_at_locations"));
    EXPECT_EQ(service.document.at("phones"), example.at("phones"));
    ASSERT_EQ(directory.organizations.size(), 1u);
    EXPECT_EQ(directory.service_at_locations.size(), example.at("service_at_locations").as_array().size());
    EXPECT_EQ(directory.locations.size(), example.at("service_at_locations").as_array().size());
    ASSERT_EQ(directory.taxonomy_terms.size(), 1u);
    EXPECT_EQ(service.term_ids, std::vector<std::string>{directory.taxonomy_terms[0].id});
    ASSERT_EQ(directory.taxonomies.size(), 1u);
    EXPECT_EQ(directory.taxonomy_terms[0].taxonomy_id, directory.taxonomies[0].id);
}

TEST(DirectoryImport, ComposedService_IsValidHsdsAndHoldsWhatWasRead) {
    const boost::json::object example = Example("service_full.json").as_object();
    const Reading reading = ReadOne("services", example);
    ASSERT_EQ(Problems(reading), "");
    const Directory& directory = reading.directory;
    std::vector<std::pair<ServiceAtLocation, Location>> places;
    for (std::size_t i = 0; i < directory.service_at_locations.size(); ++i)
        places.emplace_back(directory.service_at_locations[i], directory.locations[i]);
    std::vector<Location> of_organization;
    for (const Location& location : directory.locations) {
        if (location.organization_id == directory.organizations[0].id) of_organization.push_back(location);
    }
    EXPECT_EQ(of_organization.size(), 1u);
    const boost::json::object composed = ComposeService(
        directory.services[0], ComposeOrganization(directory.organizations[0], of_organization, Trust::kPublic), places,
        Trust::kPublic);
    EXPECT_EQ(testing::SchemaErrors(Schema("service"), composed), std::vector<std::string>{});
    for (const auto& [key, value] : example) {
        if (key == "organization_id") continue;
        EXPECT_EQ(composed.at(key), value) << key;
    }
}

TEST(DirectoryImport, ConfidentialLocation_KeepsItsPlaceOutOfItsDocument) {
    boost::json::object location = Example("location.json").as_object();
    location["ponte_confidential"] = true;
    const Reading reading = ReadOne("locations", location);
    ASSERT_EQ(Problems(reading), "");
    const Location& read = reading.directory.locations.at(0);
    EXPECT_TRUE(read.confidential);
    EXPECT_FALSE(read.latitude);
    // Only what it says of itself stays public; the rest (addresses, coordinates, directions,
    // external identifiers, accessibility) is its place, whole.
    for (const auto& [field, value] : location) {
        const bool kept =
            std::ranges::find(kConfidentialKeeps, std::string_view(field)) != std::end(kConfidentialKeeps);
        EXPECT_EQ(read.document.contains(field), kept) << field;
        EXPECT_EQ(read.place.contains(field), !kept) << field;
        if (!kept) EXPECT_EQ(read.place.at(field), value) << field;
    }
    for (const char* secret : {"addresses", "latitude", "external_identifier", "accessibility", "transportation"})
        EXPECT_TRUE(read.place.contains(secret)) << secret;
    const std::string published = boost::json::serialize(ComposeLocation(read, Trust::kPublic));
    const std::string street(location.at("addresses").at(0).at("address_1").as_string());
    EXPECT_EQ(published.find(street), std::string::npos);
    EXPECT_EQ(published.find("ponte_"), std::string::npos);
    EXPECT_EQ(testing::SchemaErrors(Schema("location"), ComposeLocation(read, Trust::kPublic)),
              std::vector<std::string>{});
    const boost::json::object trusted = ComposeLocation(read, Trust::kTrusted);
    EXPECT_EQ(trusted.at("addresses"), location.at("addresses"));
    EXPECT_EQ(trusted.at("latitude"), location.at("latitude"));
}

TEST(DirectoryImport, BadInput_IsReportedByField) {
    struct Case {
        std::string list;
        boost::json::value item;
        std::string expected;
    };
    auto service = [](auto change) {
        boost::json::object object = ServiceJson();
        change(object);
        return object;
    };
    auto location = [](auto change) {
        boost::json::object object{{"id", "0a5e3c2e-3333-4c7e-9a51-000000000003"},
                                   {"location_type", "physical"},
                                   {"latitude", 45.07},
                                   {"longitude", 7.68}};
        change(object);
        return object;
    };
    const std::vector<Case> cases = {
        {"services", service([](auto& s) { s.erase("name"); }), "services.0.name:required "},
        {"services", service([](auto& s) { s["status"] = "open"; }), "services.0.status:format "},
        {"services", service([](auto& s) { s["id"] = "42"; }), "services.0.id:format "},
        {"services", service([](auto& s) { s["colour"] = "red"; }), "services.0.colour:unknown "},
        {"services", service([](auto& s) { s["minimum_age"] = "eighteen"; }), "services.0.minimum_age:type "},
        {"services", service([](auto& s) { s.erase("organization"); }), "services.0.organization_id:required "},
        {"services", service([](auto& s) { s["organization_id"] = "0a5e3c2e-9999-4c7e-9a51-000000000009"; }),
         "services.0.organization_id:mismatch "},
        {"services", service([](auto& s) {
             s["schedules"] = {
                 {{"id", "0a5e3c2e-4444-4c7e-9a51-000000000004"}, {"opens_at", "18:00"}, {"closes_at", "09:00"}}};
         }),
         "services.0.schedules.0.closes_at:ends_before_start "},
        {"services", service([](auto& s) {
             s["schedules"] = {{{"id", "0a5e3c2e-4444-4c7e-9a51-000000000004"}, {"opens_at", "25:00"}}};
         }),
         "services.0.schedules.0.opens_at:format "},
        {"locations", location([](auto& l) { l["latitude"] = 91; }), "locations.0.latitude:too_large "},
        {"locations", location([](auto& l) { l["longitude"] = -180.5; }), "locations.0.longitude:too_small "},
        {"locations", location([](auto& l) { l.erase("longitude"); }), "locations.0.longitude:required "},
        {"locations", location([](auto& l) { l["ponte_confidential"] = "yes"; }),
         "locations.0.ponte_confidential:type "},
        {"locations", location([](auto& l) { l["ponte_time_zone"] = "Europe/Atlantis"; }),
         "locations.0.ponte_time_zone:format "},
        {"trees", boost::json::object{}, "trees:unknown "},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.expected);
        EXPECT_EQ(Problems(ReadOne(c.list, c.item)), c.expected);
    }
    EXPECT_EQ(Problems(ReadJsonImport(boost::json::array{}, "import.json")), ":type ");
}

TEST(DirectoryImport, SameIdTwice_IsOneRecordWhenTheSameObjectAndADuplicateOtherwise) {
    boost::json::object other = ServiceJson();
    other["id"] = "0a5e3c2e-5555-4c7e-9a51-000000000005";
    const Reading same = ReadJsonImport(boost::json::object{{"services", {ServiceJson(), other}}}, "import.json");
    EXPECT_EQ(Problems(same), "");
    EXPECT_EQ(same.directory.organizations.size(), 1u);  // nested in both services

    other["organization"].as_object()["name"] = "Another name";
    EXPECT_EQ(Problems(ReadJsonImport(boost::json::object{{"services", {ServiceJson(), other}}}, "import.json")),
              "services.1.organization.id:duplicate ");
    EXPECT_EQ(
        Problems(ReadJsonImport(boost::json::object{{"services", {ServiceJson(), ServiceJson()}}}, "import.json")), "");
    boost::json::object renamed = ServiceJson();
    renamed["name"] = "Legal aid (new)";
    EXPECT_EQ(Problems(ReadJsonImport(boost::json::object{{"services", {ServiceJson(), renamed}}}, "import.json")),
              "services.1.id:duplicate ");
}

}  // namespace
}  // namespace ponte::directory
