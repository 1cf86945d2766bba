// The HSDS API over HTTP, against a real `ponte serve`: its answers are valid HSDS 3.0 (the
// official schemas and the Page object of the official OpenAPI document, from ../shared), its
// bad parameters are 400 naming them, and a confidential location's place is in no answer.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/json_schema.hpp"
#include "core/testing/server_process.hpp"
#include "modules/directory/actions.hpp"
#include "modules/directory/official_examples.hpp"

namespace ponte::directory {
namespace {

std::filesystem::path Hsds() { return testing_hsds::Folder(); }
using testing_hsds::PutOnEarth;

const char* const kShelterStreet = "12 Vicolo Nascosto";

// The official full service, its first location made a confidential shelter, and a second
// service of the same organization.
boost::json::object Input() {
    boost::json::value example = testing::ReadJsonFile(Hsds() / "examples" / "service_full.json");
    PutOnEarth(example);
    boost::json::object service = example.as_object();
    boost::json::object& location =
        service.at("service_at_locations").as_array().at(0).as_object().at("location").as_object();
    location["ponte_confidential"] = true;
    location["addresses"].as_array().at(0).as_object()["address_1"] = kShelterStreet;
    location["latitude"] = 45.0931;
    location["longitude"] = 7.6492;
    service.at("organization").as_object().at("locations").as_array().at(0) = location;
    boost::json::object second{{"id", "0a5e3c2e-2222-4c7e-9a51-000000000002"},
                               {"name", "Legal aid"},
                               {"status", "active"},
                               {"organization_id", service.at("organization").at("id")}};
    return {{"services", {service, second}},
            {"taxonomies", testing::ReadJsonFile(Hsds() / "examples" / "taxonomy_list.json")},
            {"taxonomy_terms", testing::ReadJsonFile(Hsds() / "examples" / "taxonomy_term_list.json")}};
}

struct Command {
    int status;
    std::string output;
};

Command Ponte(const std::string& arguments) {
    const std::string command =
        "PONTE_KEYS='" + testing::TestKeys() + "' " + std::getenv("PONTE_BINARY") + " " + arguments + " 2>&1";
    Command run{0, ""};
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) run.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

// One server for the suite: every test only reads, but for the import's.
class HsdsApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        directory_ = testing::MakeTempDirectory();
        url_ = testing::ApiDatabaseUrl(directory_);
        server_ = std::make_unique<testing::ServerProcess>(url_);
        const std::filesystem::path file = directory_ / "directory.json";
        std::ofstream(file) << boost::json::serialize(Input());
        import_ = Ponte("directory import --db " + url_ + " " + file.string());
    }
    static void TearDownTestSuite() {
        server_.reset();
        std::filesystem::remove_all(directory_);
    }

    testing::HttpResult Get(const std::string& path) {
        return testing::HttpClient(server_->port()).Send("GET", path, "", {});
    }

    static std::vector<std::string> Errors(std::string_view kind, const boost::json::value& document) {
        return testing::SchemaErrors(Hsds() / "schema" / (std::string(kind) + ".json"), document);
    }

    // The Page of the official OpenAPI document, its contents each valid as `kind`.
    static void ExpectPage(const testing::HttpResult& response, std::string_view kind) {
        ASSERT_EQ(response.status, 200) << response.body;
        const boost::json::value openapi = testing::ReadJsonFile(Hsds() / "schema" / "openapi.json");
        const boost::json::value& page = openapi.at("components").at("schemas").at("Page");
        const boost::json::value body = response.Json();
        EXPECT_EQ(testing::SchemaErrors(page, Hsds() / "schema", body), std::vector<std::string>{});
        for (const char* field :
             {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}) {
            EXPECT_TRUE(body.as_object().contains(field)) << field;
        }
        for (const auto& item : body.at("contents").as_array())
            EXPECT_EQ(Errors(kind, item), std::vector<std::string>{});
    }

    static inline std::filesystem::path directory_;
    static inline std::string url_;
    static inline std::unique_ptr<testing::ServerProcess> server_;
    static inline Command import_;
};

TEST_F(HsdsApiTest, Import_WritesTheFileAndSaysWhat) {
    EXPECT_EQ(import_.status, 0) << import_.output;
    EXPECT_NE(import_.output.find("imported 1 organizations 2 services"), std::string::npos) << import_.output;

    const std::filesystem::path bad = directory_ / "bad.json";
    std::ofstream(bad) << R"({"services":[{"id":"0a5e3c2e-7777-4c7e-9a51-000000000007","name":"Night shelter",
        "status":"open","organization_id":"0a5e3c2e-9999-4c7e-9a51-000000000009"}],"locations":[
        {"id":"0a5e3c2e-8888-4c7e-9a51-000000000008","location_type":"physical","latitude":123,"longitude":7}]})";
    const Command refused = Ponte("directory import --db " + url_ + " " + bad.string());
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.output.find("file\trow\tfield\tproblem"), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find(bad.string() + "\t0\tservices.0.status\tformat"), std::string::npos)
        << refused.output;
    EXPECT_NE(refused.output.find(bad.string() + "\t0\tlocations.0.latitude\ttoo_large"), std::string::npos)
        << refused.output;
    EXPECT_EQ(Get("/api/v1/hsds/services/0a5e3c2e-7777-4c7e-9a51-000000000007").status, 404);
}

TEST_F(HsdsApiTest, Export_AsJsonOrTabularPackage_ReadsBackAsItWas_AndABadPackageIsReportedAtItsRow) {
    const std::filesystem::path json = directory_ / "export.json";
    const std::filesystem::path package = directory_ / "package";
    const Command as_json = Ponte("directory export --db " + url_ + " --format json --out " + json.string());
    ASSERT_EQ(as_json.status, 0) << as_json.output;
    const boost::json::value exported = testing::ReadJsonFile(json);
    EXPECT_EQ(exported.at("services").as_array().size(), 2u);
    for (const auto& service : exported.at("services").as_array())
        EXPECT_EQ(Errors("service", service), std::vector<std::string>{});
    const Command as_tables = Ponte("directory export --db " + url_ + " --format tabular --out " + package.string());
    ASSERT_EQ(as_tables.status, 0) << as_tables.output;
    EXPECT_TRUE(std::filesystem::exists(package / "datapackage.json"));
    EXPECT_TRUE(std::filesystem::exists(package / "service_at_location.csv"));

    // Read into another directory and written from it again: the same package, file for file.
    const std::string copy = "sqlite:" + (directory_ / "copy.db").string();
    ASSERT_EQ(Ponte("migrate --db " + copy).status, 0);
    const Command again = Ponte("directory import --db " + copy + " " + package.string());
    EXPECT_EQ(again.status, 0) << again.output;
    EXPECT_NE(again.output.find("imported 1 organizations 2 services"), std::string::npos) << again.output;
    const std::filesystem::path written = directory_ / "written";
    ASSERT_EQ(Ponte("directory export --db " + copy + " --format tabular --out " + written.string()).status, 0);
    for (const auto& file : std::filesystem::directory_iterator(package)) {
        std::ifstream first(file.path());
        std::ifstream second(written / file.path().filename());
        EXPECT_EQ(std::string(std::istreambuf_iterator<char>(first), {}),
                  std::string(std::istreambuf_iterator<char>(second), {}))
            << file.path().filename();
    }

    const std::filesystem::path bad = directory_ / "bad-package";
    std::filesystem::create_directories(bad);
    std::ofstream(bad / "services.csv") << "id,organization_id,name,status\r\n"
                                           "0a5e3c2e-7777-4c7e-9a51-000000000007,,Night shelter,open\r\n";
    const Command refused = Ponte("directory import --db " + url_ + " " + bad.string());
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.output.find("services.csv\t1\tstatus\tformat"), std::string::npos) << refused.output;
    EXPECT_EQ(Get("/api/v1/hsds/services/0a5e3c2e-7777-4c7e-9a51-000000000007").status, 404);
    const Command unknown_format = Ponte("directory export --db " + url_ + " --format xlsx --out " + json.string());
    EXPECT_NE(unknown_format.status, 0);
}

TEST_F(HsdsApiTest, Root_SaysTheVersionAndWhereTheOpenApiDocumentIs) {
    auto root = Get("/api/v1/hsds");
    ASSERT_EQ(root.status, 200) << root.body;
    EXPECT_EQ(root.Json().at("version"), "3.0");
    const std::string openapi(root.Json().at("openapi_url").as_string());
    EXPECT_TRUE(openapi.ends_with("/api/v1/openapi.json")) << openapi;
    EXPECT_EQ(Get(openapi.substr(openapi.find("/api/"))).status, 200);
}

TEST_F(HsdsApiTest, Lists_AreHsdsPagesOfValidObjects) {
    ExpectPage(Get("/api/v1/hsds/services"), "service");
    ExpectPage(Get("/api/v1/hsds/services?full=true"), "service");
    ExpectPage(Get("/api/v1/hsds/organizations"), "organization");
    ExpectPage(Get("/api/v1/hsds/organizations?full=true"), "organization");
    ExpectPage(Get("/api/v1/hsds/taxonomies"), "taxonomy");
    ExpectPage(Get("/api/v1/hsds/taxonomy_terms"), "taxonomy_term");

    auto first = Get("/api/v1/hsds/services?per_page=1").Json();
    EXPECT_EQ(first.at("total_items"), 2);
    EXPECT_EQ(first.at("total_pages"), 2);
    EXPECT_EQ(first.at("size"), 1);
    EXPECT_EQ(first.at("first_page"), true);
    EXPECT_EQ(first.at("last_page"), false);
    auto second = Get("/api/v1/hsds/services?per_page=1&page=2").Json();
    EXPECT_EQ(second.at("last_page"), true);
    EXPECT_NE(second.at("contents").at(0).at("id"), first.at("contents").at(0).at("id"));
    auto beyond = Get("/api/v1/hsds/services?per_page=1&page=3").Json();
    EXPECT_EQ(beyond.at("empty"), true);
    EXPECT_EQ(beyond.at("contents").as_array().size(), 0u);

    const std::string organization(Input().at("services").at(0).at("organization").at("id").as_string());
    EXPECT_EQ(Get("/api/v1/hsds/services?organization_id=" + organization).Json().at("total_items"), 2);
    EXPECT_EQ(
        Get("/api/v1/hsds/services?organization_id=0a5e3c2e-0000-4c7e-9a51-000000000000").Json().at("total_items"), 0);
    EXPECT_EQ(Get("/api/v1/hsds/services?modified_after=2000-01-01T00:00:00Z").Json().at("total_items"), 2);
    EXPECT_EQ(Get("/api/v1/hsds/services?modified_after=2999-01-01").Json().at("total_items"), 0);
}

TEST_F(HsdsApiTest, Records_AreValidHsdsAndMissingOnesAre404) {
    const boost::json::object input = Input();
    const std::string service(input.at("services").at(0).at("id").as_string());
    auto read = Get("/api/v1/hsds/services/" + service);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(Errors("service", read.Json()), std::vector<std::string>{});
    EXPECT_EQ(read.Json().at("phones"), input.at("services").at(0).at("phones"));

    const std::string organization(input.at("services").at(0).at("organization").at("id").as_string());
    auto of = Get("/api/v1/hsds/organizations/" + organization);
    ASSERT_EQ(of.status, 200) << of.body;
    EXPECT_EQ(Errors("organization", of.Json()), std::vector<std::string>{});
    EXPECT_EQ(of.Json().at("services").as_array().size(), 2u);

    const auto taxonomy = input.at("taxonomies").at("contents").at(0).at("id").as_string();
    EXPECT_EQ(Errors("taxonomy", Get("/api/v1/hsds/taxonomies/" + std::string(taxonomy)).Json()),
              std::vector<std::string>{});
    const auto term = input.at("taxonomy_terms").at("contents").at(0).at("id").as_string();
    EXPECT_EQ(Errors("taxonomy_term", Get("/api/v1/hsds/taxonomy_terms/" + std::string(term)).Json()),
              std::vector<std::string>{});

    for (const char* path :
         {"/api/v1/hsds/services/0a5e3c2e-0000-4c7e-9a51-000000000000", "/api/v1/hsds/services/not-a-uuid",
          "/api/v1/hsds/organizations/42", "/api/v1/hsds/taxonomies/0a5e3c2e-0000-4c7e-9a51-000000000000",
          "/api/v1/hsds/taxonomy_terms/x"}) {
        auto missing = Get(path);
        EXPECT_EQ(missing.status, 404) << path;
        EXPECT_EQ(missing.headers["content-type"], "application/problem+json") << path;
    }
}

TEST_F(HsdsApiTest, BadParameters_Are400NamingThem) {
    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"page=0", "page"},
                                                          {"page=two", "page"},
                                                          {"per_page=201", "per_page"},
                                                          {"per_page=-1", "per_page"},
                                                          {"organization_id=42", "organization_id"},
                                                          {"taxonomy_term_id=legal", "taxonomy_term_id"},
                                                          {"taxonomy_id=x", "taxonomy_id"},
                                                          {"modified_after=yesterday", "modified_after"},
                                                          {"modified_after=2026-02-30", "modified_after"},
                                                          {"full=maybe", "full"},
                                                          {"format=ndjson", "format"}}) {
        auto response = Get("/api/v1/hsds/services?" + query);
        EXPECT_EQ(response.status, 400) << query;
        EXPECT_EQ(response.Json().at("errors").at(0).at("field"), boost::json::value(field)) << query;
    }
    EXPECT_EQ(Get("/api/v1/hsds/taxonomy_terms?top_only=sometimes").status, 400);
}

TEST_F(HsdsApiTest, ConfidentialPlace_IsInNoPublicAnswer) {
    const boost::json::object input = Input();
    const std::string service(input.at("services").at(0).at("id").as_string());
    const std::string organization(input.at("services").at(0).at("organization").at("id").as_string());
    for (const std::string& path : std::vector<std::string>{
             "/api/v1/hsds/services", "/api/v1/hsds/services?full=true", "/api/v1/hsds/services/" + service,
             "/api/v1/hsds/organizations", "/api/v1/hsds/organizations?full=true",
             "/api/v1/hsds/organizations/" + organization}) {
        auto response = Get(path);
        ASSERT_EQ(response.status, 200) << path;
        for (std::string_view secret : {kShelterStreet, "45.0931", "7.6492", "4.50931E1", "7.6492E0", "ponte_"})
            EXPECT_EQ(response.body.find(secret), std::string::npos) << path << " holds " << secret;
    }
}

TEST_F(HsdsApiTest, Search_FindsByWordsAndPlace_NeverPlacingTheShelter) {
    const boost::json::object input = Input();
    const std::string service(input.at("services").at(0).at("id").as_string());
    auto found = Get("/api/v1/directory/services?q=COUNSELLING");
    ASSERT_EQ(found.status, 200) << found.body;
    const boost::json::value body = found.Json();
    const auto& items = body.at("items").as_array();
    ASSERT_EQ(items.size(), 1u) << found.body;
    EXPECT_EQ(items[0].at("service_id"), boost::json::value(service));
    EXPECT_EQ(items[0].at("location").at("latitude"), nullptr) << "the shelter, named but not placed";

    // Within a kilometre of the shelter: it is not placed at all.
    auto near = Get("/api/v1/directory/services?near=45.0931,7.6492&within_km=1");
    ASSERT_EQ(near.status, 200) << near.body;
    EXPECT_EQ(near.Json().at("items").as_array().size(), 0u) << near.body;
    auto all = Get("/api/v1/directory/services?limit=200");
    for (std::string_view secret : {kShelterStreet, "45.0931", "7.6492", "4.50931E1", "7.6492E0"})
        EXPECT_EQ(all.body.find(secret), std::string::npos) << secret;

    // Page by page, with the cursor each page gives.
    auto first = Get("/api/v1/directory/services?limit=1");
    ASSERT_EQ(first.status, 200);
    const std::string cursor(first.Json().at("next_cursor").as_string());
    auto second = Get("/api/v1/directory/services?limit=1&cursor=" + cursor);
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_NE(second.Json().at("items").at(0), first.Json().at("items").at(0));
    auto other_sort = Get("/api/v1/directory/services?limit=1&near=45.07,7.68&cursor=" + cursor);
    EXPECT_EQ(other_sort.status, 400) << "a cursor of the sort by name is no place in the sort by distance";
}

TEST_F(HsdsApiTest, ServiceView_ShowsHoursAndPlaces_TheShelterUnplaced) {
    const boost::json::object input = Input();
    const std::string service(input.at("services").at(0).at("id").as_string());
    auto view = Get("/api/v1/directory/services/" + service);
    ASSERT_EQ(view.status, 200) << view.body;
    const boost::json::value body = view.Json();
    EXPECT_EQ(body.at("name"), input.at("services").at(0).at("name"));
    ASSERT_EQ(body.at("places").as_array().size(), 1u);
    const auto& place = body.at("places").at(0);
    EXPECT_EQ(place.at("address"), nullptr);
    EXPECT_EQ(place.at("latitude"), nullptr);
    EXPECT_EQ(place.at("time_zone"), "Etc/GMT-3") << "the official example's schedules are three hours ahead of UTC";
    for (std::string_view secret : {kShelterStreet, "45.0931", "7.6492", "4.50931E1", "7.6492E0"})
        EXPECT_EQ(view.body.find(secret), std::string::npos) << secret;
    EXPECT_EQ(Get("/api/v1/directory/services/0a5e3c2e-0000-4c7e-9a51-000000000000").status, 404);
    EXPECT_EQ(Get("/api/v1/directory/services/nope").status, 404);
}

TEST_F(HsdsApiTest, SearchBadParameters_Are400NamingThem) {
    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"near=91,7", "near"},
                                                          {"near=45.0,181", "near"},
                                                          {"near=here", "near"},
                                                          {"near=45.07,7.68&within_km=0", "within_km"},
                                                          {"near=45.07,7.68&within_km=500", "within_km"},
                                                          {"within_km=ten", "within_km"},
                                                          {"sort=distance", "near"},
                                                          {"sort=stars", "sort"},
                                                          {"category=Legal%20aid", "category"},
                                                          {"category=astrology", "category"},
                                                          {"language=arabic", "language"},
                                                          {"open_now=yes", "open_now"},
                                                          {"q=" + std::string(201, 'a'), "q"},
                                                          {"limit=0", "limit"},
                                                          {"cursor=forged", "cursor"}}) {
        auto response = Get("/api/v1/directory/services?" + query);
        EXPECT_EQ(response.status, 400) << query;
        EXPECT_EQ(response.Json().at("errors").at(0).at("field"), boost::json::value(field)) << query;
    }
}

}  // namespace
}  // namespace ponte::directory
