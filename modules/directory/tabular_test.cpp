#include "modules/directory/tabular.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/testing/json_schema.hpp"
#include "modules/directory/official_examples.hpp"

namespace ponte::directory {
namespace {

std::string Problems(const Reading& reading) {
    std::string text;
    for (const Problem& problem : reading.problems)
        text += problem.file + ":" + std::to_string(problem.row) + ":" + problem.field + ":" + problem.code + " ";
    return text;
}

// The official CSV examples, their locations put on Earth (official_examples.hpp, PutOnEarth).
std::vector<TabularFile> OfficialPackage(bool dangling = false) {
    std::vector<TabularFile> files;
    for (const TabularTable& table : TabularTables()) {
        std::ifstream in(testing_hsds::Folder() / "examples" / "csv" / std::string(table.path), std::ios::binary);
        if (!in) continue;
        std::stringstream text;
        text << in.rdbuf();
        std::string csv = text.str();
        if (table.path == "attributes.csv" || table.path == "metadata.csv") {
            // Their one row names what the package does not hold (OfficialExamples_TwoRowsNameNothing).
            if (!dangling) csv = csv.substr(0, csv.find('\n') + 1);
        }
        if (table.path == "locations.csv") {
            for (const auto& [from, to] : {std::pair{",100,101,", ",45.0703,7.6869,"}}) {
                for (std::size_t at = csv.find(from); at != std::string::npos; at = csv.find(from, at))
                    csv.replace(at, std::string_view(from).size(), to);
            }
        }
        files.push_back({std::string(table.path), std::move(csv)});
    }
    return files;
}

const char* const kOrganizations =
    "id,name,alternate_name,description,email,website,tax_status,tax_id,year_incorporated,legal_status,logo,uri,"
    "parent_organization_id\r\n";
const char* const kServices =
    "id,organization_id,program_id,name,alternate_name,description,url,email,status,interpretation_services,"
    "application_process,fees_description,wait_time,fees,accreditations,eligibility_description,minimum_age,"
    "maximum_age,assured_date,assurer_email,licenses,alert,last_modified\r\n";
const char* const kOrganizationId = "0a5e3c2e-1111-4c7e-9a51-000000000001";

std::string Organization(std::string_view name = "Casa delle donne") {
    return std::string(kOrganizationId) + "," + std::string(name) + ",,A women's centre,,,,,,,,,\r\n";
}

TEST(Tabular, OfficialExamples_ReadAsTheirJsonWithEveryRowUnderItsParent) {
    const TabularReading read = ReadTabular("examples", OfficialPackage());
    ASSERT_EQ(Problems(read.reading), "");
    const Directory& directory = read.reading.directory;
    ASSERT_EQ(directory.services.size(), 1u);
    ASSERT_EQ(directory.organizations.size(), 1u);
    EXPECT_EQ(directory.taxonomies.size(), 1u);
    const boost::json::object& service = directory.services[0].document;
    // Each row under every parent it names: the phone of a contact under it, the language of a
    // phone under that, the hours of a service at a location under it.
    const boost::json::value& phone = service.at("contacts").at(0).at("phones").at(0);
    EXPECT_EQ(phone.at("languages").as_array().size(), 1u);
    EXPECT_EQ(service.at("required_documents").as_array().size(), 1u);
    EXPECT_EQ(service.at("cost_options").as_array().size(), 1u);
    ASSERT_EQ(directory.service_at_locations.size(), 1u);
    EXPECT_EQ(directory.service_at_locations[0].document.at("schedules").as_array().size(), 1u);
    EXPECT_EQ(directory.locations.at(0).document.at("addresses").as_array().size(), 1u);
    EXPECT_EQ(testing_hsds::Errors("service", service), std::vector<std::string>{}) << boost::json::serialize(service);
}

// An attribute of the link_entity "link_entity" and the metadata of a location the examples do
// not have: the import says so at their rows rather than keep what belongs to nothing.
TEST(Tabular, OfficialExamples_TwoRowsNameNothing) {
    EXPECT_EQ(Problems(ReadTabular("examples", OfficialPackage(true)).reading),
              "attributes.csv:1:link_id:not_found metadata.csv:1:resource_id:not_found ");
}

TEST(Tabular, WrittenAndReadBack_IsTheSameDirectory) {
    const TabularReading read = ReadTabular("examples", OfficialPackage());
    ASSERT_EQ(Problems(read.reading), "");
    boost::json::object exported = ExportJson(read.reading.directory);
    const std::vector<TabularFile> package = WriteTabular(exported);
    ASSERT_EQ(package.size(), TabularTables().size() + 1) << "every table and datapackage.json";
    const TabularReading again = ReadTabular("package", package);
    ASSERT_EQ(Problems(again.reading), "");
    // The same but for a time of last change in whole seconds, as a Table Schema datetime reads.
    std::string expected = boost::json::serialize(exported);
    const std::size_t fraction = expected.find("10:30:45.123Z");
    ASSERT_NE(fraction, std::string::npos);
    expected.erase(fraction + 8, 4);
    EXPECT_EQ(boost::json::serialize(ExportJson(again.reading.directory)), expected);
    for (const TabularFile& file : package) {
        if (file.name == "datapackage.json") continue;
        EXPECT_NE(file.text.find("\r\n"), std::string::npos) << file.name << ": a header row at least";
    }
}

TEST(Tabular, Descriptor_NamesEveryTableWithTheOfficialColumns) {
    const boost::json::value official = ponte::testing::ReadJsonFile(testing_hsds::Folder() / "datapackage.json");
    boost::json::value ours;
    for (const TabularFile& file : WriteTabular(boost::json::object{}))
        if (file.name == "datapackage.json") ours = boost::json::parse(file.text);
    ASSERT_TRUE(ours.is_object());
    std::map<std::string, boost::json::array> official_fields;
    for (const auto& resource : official.at("resources").as_array()) {
        boost::json::array fields;
        for (const auto& field : resource.at("schema").at("fields").as_array()) {
            fields.push_back(boost::json::object{{"name", field.at("name")}, {"type", field.at("type")}});
        }
        official_fields[std::string(resource.at("path").as_string())] = fields;
    }
    std::size_t seen = 0;
    for (const auto& resource : ours.at("resources").as_array()) {
        const std::string path(resource.at("path").as_string());
        ASSERT_TRUE(official_fields.contains(path)) << path;
        boost::json::array fields;
        for (const auto& field : resource.at("schema").at("fields").as_array()) {
            fields.push_back(boost::json::object{{"name", field.at("name")}, {"type", field.at("type")}});
        }
        EXPECT_EQ(fields, official_fields[path]) << path;
        ++seen;
    }
    EXPECT_EQ(seen, official_fields.size());
}

TEST(Tabular, BadFiles_AreProblemsAtTheirFileRowAndColumn) {
    const std::string good_service = "0a5e3c2e-2222-4c7e-9a51-000000000002," + std::string(kOrganizationId) +
                                     ",,Legal aid,,,,,active,,,,,,,,,,,,,,\r\n";
    const auto problems = [](std::vector<TabularFile> files) {
        return Problems(ReadTabular("package", files).reading);
    };
    EXPECT_EQ(
        problems({{"organizations.csv", kOrganizations + Organization()}, {"services.csv", kServices + good_service}}),
        "");
    EXPECT_EQ(problems({{"organizations.csv", "\xEF\xBB\xBF" + std::string(kOrganizations) + Organization()}}),
              "organizations.csv:0::byte_order_mark ");
    EXPECT_EQ(problems({{"organizations.csv", kOrganizations + Organization("Casa \xC3\x28")}}),
              "organizations.csv:1:name:encoding ");
    EXPECT_EQ(problems({{"organizations.csv", "id,name,description,colour\r\n"}}),
              "organizations.csv:0:colour:unknown ");
    EXPECT_EQ(problems({{"organizations.csv", "id,description\r\n"}}), "organizations.csv:0:name:missing ");
    EXPECT_EQ(problems({{"organizations.csv",
                         "description,name,id\r\nA women's centre,Casa," + std::string(kOrganizationId) + "\r\n"}}),
              "")
        << "columns in any order, the ones left out empty";
    EXPECT_EQ(problems({{"organizations.csv", "id,name,description,name\r\n"}}), "organizations.csv:0:name:duplicate ");
    EXPECT_EQ(problems({{"organizations.csv", kOrganizations + std::string(kOrganizationId) + ",Casa\r\n"}}),
              "organizations.csv:1::columns ");
    EXPECT_EQ(problems({{"organizations.csv", kOrganizations + std::string("x,\"open\r\n")}}),
              "organizations.csv:1::csv ");
    EXPECT_EQ(problems({{"shelters.csv", "id\r\n"}}), "shelters.csv:0::unknown ");
    std::string late_year = kOrganizations + Organization();
    late_year.replace(late_year.find(",,,,,,,,,\r\n") + 5, 0, "nineteen");
    EXPECT_EQ(problems({{"organizations.csv", late_year}}), "organizations.csv:1:year_incorporated:type ");
    // A service of no organization the package or the directory holds: named at its row and column.
    EXPECT_EQ(problems({{"services.csv", kServices + good_service}}), "");
    const std::string orphan_phone =
        "id,location_id,service_id,organization_id,contact_id,service_at_location_id,"
        "number,extension,type,description\r\n"
        "0a5e3c2e-3333-4c7e-9a51-000000000003,,,,,,+39 055 000,,voice,\r\n";
    EXPECT_EQ(problems({{"phones.csv", orphan_phone}}), "phones.csv:1:contact_id:required ");
    const std::string twice = kOrganizations + Organization() + Organization("Again");
    EXPECT_EQ(problems({{"organizations.csv", twice}}), "organizations.csv:2:id:duplicate ");
}

TEST(Tabular, AProblemTheImportFinds_IsAtTheRowItCameFrom) {
    const std::string bad_status = "0a5e3c2e-2222-4c7e-9a51-000000000002," + std::string(kOrganizationId) +
                                   ",,Legal aid,,,,,sometimes,,,,,,,,,,,,,,\r\n";
    const TabularReading read = ReadTabular(
        "package", {{"organizations.csv", kOrganizations + Organization()}, {"services.csv", kServices + bad_status}});
    EXPECT_EQ(Problems(read.reading), "services.csv:1:status:format ");
}

}  // namespace
}  // namespace ponte::directory
