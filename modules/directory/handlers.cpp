#include "modules/directory/handlers.hpp"

#include <boost/url/parse_query.hpp>
#include <charconv>
#include <chrono>
#include <regex>

#include "core/feature.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/local_time.hpp"
#include "core/page.hpp"
#include "core/policy/policy.hpp"
#include "modules/directory/hsds.hpp"
#include "modules/directory/search.hpp"
#include "modules/directory/taxonomy.hpp"

namespace ponte::directory {
namespace {

using http::Reply;
using http::Request;
using http::Response;

constexpr std::int64_t kDefaultPageSize = 50;
constexpr std::int64_t kMaxPageSize = 200;

// What a list's query asks for.
struct ListQuery {
    PageAsked page;
    ServiceFilter filter;
    bool full = false;
    bool top_only = false;
};

bool IsUuid(std::string_view text) {
    static const std::regex kUuid("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    return std::regex_match(text.begin(), text.end(), kUuid);
}

std::optional<std::int64_t> WholeNumber(std::string_view text, std::int64_t minimum, std::int64_t maximum) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

// Milliseconds since the epoch of an RFC 3339 date-time ("2026-12-04T10:00:00Z", with an offset or
// a fraction of a second) or of a date alone (its midnight, UTC).
std::optional<std::int64_t> InstantMs(std::string_view text) {
    static const std::regex kDateTime(
        R"((\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2})))?)");
    std::match_results<std::string_view::const_iterator> match;
    if (!std::regex_match(text.begin(), text.end(), match, kDateTime)) return std::nullopt;
    const auto date = i18n::ParseIsoDate(match.str(1));
    if (!date) return std::nullopt;
    using namespace std::chrono;
    std::int64_t seconds = sys_days{year{date->year} / date->month / date->day}.time_since_epoch() / 1s;
    if (match[2].matched) {
        const int hours = std::stoi(match.str(2));
        const int minutes = std::stoi(match.str(3));
        const int secs = std::stoi(match.str(4));
        if (hours > 23 || minutes > 59 || secs > 60) return std::nullopt;
        seconds += hours * 3600 + minutes * 60 + secs;
        if (match[6].matched) {
            const int offset = std::stoi(match.str(7)) * 3600 + std::stoi(match.str(8)) * 60;
            seconds += match.str(6) == "+" ? -offset : offset;
        }
    }
    return seconds * 1000;
}

core::Outcome<ListQuery> ReadListQuery(const Request& request) {
    ListQuery query;
    query.page.size = kDefaultPageSize;
    auto params = boost::urls::parse_query(request.query);
    if (!params) return core::Failure::BadParameter("page", "format");
    for (const auto& param : *params) {
        const std::string key = param.key.decode();
        const std::string value = param.has_value ? param.value.decode() : std::string();
        auto uuid = [&](std::string& into) -> std::optional<core::Failure> {
            if (!IsUuid(value)) return core::Failure::BadParameter(key, "format");
            into = value;
            return std::nullopt;
        };
        auto flag = [&](bool& into) -> std::optional<core::Failure> {
            if (value != "true" && value != "false") return core::Failure::BadParameter(key, "format");
            into = value == "true";
            return std::nullopt;
        };
        std::optional<core::Failure> failure;
        if (key == "page") {
            auto number = WholeNumber(value, 1, 1'000'000);
            if (!number) return core::Failure::BadParameter(key, "format");
            query.page.number = *number;
        } else if (key == "per_page") {
            auto size = WholeNumber(value, 1, kMaxPageSize);
            if (!size) return core::Failure::BadParameter(key, "format");
            query.page.size = *size;
        } else if (key == "organization_id") {
            failure = uuid(query.filter.organization_id);
        } else if (key == "taxonomy_term_id") {
            failure = uuid(query.filter.taxonomy_term_id);
        } else if (key == "taxonomy_id") {
            failure = uuid(query.filter.taxonomy_id);
        } else if (key == "modified_after") {
            auto instant = InstantMs(value);
            if (!instant) return core::Failure::BadParameter(key, "format");
            query.filter.modified_after = *instant;
        } else if (key == "full") {
            failure = flag(query.full);
        } else if (key == "top_only") {
            failure = flag(query.top_only);
        } else if (key == "format") {
            if (value != "json") return core::Failure::BadParameter(key, "format");
        }
        if (failure) return std::move(*failure);
    }
    return query;
}

// The HSDS API's Page object around `contents`.
template <typename Record>
Response PageAnswer(const ListPage<Record>& page, const PageAsked& asked, boost::json::array contents) {
    const std::int64_t pages = (page.total + asked.size - 1) / asked.size;
    const bool empty = contents.empty();
    boost::json::object body{{"total_items", page.total},
                             {"total_pages", pages},
                             {"page_number", asked.number},
                             {"size", static_cast<std::int64_t>(contents.size())},
                             {"first_page", asked.number == 1},
                             {"last_page", asked.number >= pages},
                             {"empty", empty},
                             {"contents", std::move(contents)}};
    return Response::Json(200, boost::json::serialize(body));
}

core::Failure NotFound() { return core::Failure{core::Fault::kNotFound}; }

Reply GetRoot(const Module& module, const Request& request) {
    const std::string base = core::PublicBaseUrl(module.deployment.public_url, module.deployment.secure, request);
    return Response::Json(
        200, boost::json::serialize(boost::json::object{{"version", "3.0"},
                                                        {"profile", "https://docs.openreferral.org/en/v3.0/hsds/"},
                                                        {"openapi_url", base + "/api/v1/openapi.json"}}));
}

Reply ListHsdsServices(const Module& module, const Request& request) {
    auto query = ReadListQuery(request);
    if (!query) return std::move(query.failure());
    db::Lease connection = module.database().Acquire();
    auto page = ListServices(*connection, query->filter, query->page);
    boost::json::array contents;
    for (const auto& [service, organization] : page.items) {
        if (query->full) {
            contents.push_back(ComposeService(
                service,
                ComposeOrganization(organization,
                                    LocationsOf(*connection, module.keyring(), organization.id, Trust::kPublic),
                                    Trust::kPublic),
                PlacesOf(*connection, module.keyring(), service.id, Trust::kPublic), Trust::kPublic));
        } else {
            contents.push_back(ComposeServiceListItem(service, organization));
        }
    }
    return PageAnswer(page, query->page, std::move(contents));
}

Reply GetHsdsService(const Module& module, const Request& request) {
    const std::string id(request.Param("service_id"));
    if (!IsUuid(id)) return NotFound();
    auto service = ReadService(module, id);
    if (!service) return NotFound();
    return Response::Json(200, boost::json::serialize(*service));
}

Reply ListHsdsOrganizations(const Module& module, const Request& request) {
    auto query = ReadListQuery(request);
    if (!query) return std::move(query.failure());
    db::Lease connection = module.database().Acquire();
    auto page = ListOrganizations(*connection, query->page);
    boost::json::array contents;
    for (const Organization& organization : page.items) {
        contents.push_back(
            query->full ? ComposeOrganization(
                              organization, LocationsOf(*connection, module.keyring(), organization.id, Trust::kPublic),
                              Trust::kPublic)
                        : OneToOneFields(ComposeOrganization(organization, {}, Trust::kPublic)));
    }
    return PageAnswer(page, query->page, std::move(contents));
}

Reply GetHsdsOrganization(const Module& module, const Request& request) {
    const std::string id(request.Param("directory_organization_id"));
    if (!IsUuid(id)) return NotFound();
    auto organization = ReadOrganization(module, id);
    if (!organization) return NotFound();
    return Response::Json(200, boost::json::serialize(*organization));
}

Reply ListHsdsTaxonomies(const Module& module, const Request& request) {
    auto query = ReadListQuery(request);
    if (!query) return std::move(query.failure());
    db::Lease connection = module.database().Acquire();
    auto page = ListTaxonomies(*connection, query->page);
    boost::json::array contents;
    for (const Taxonomy& taxonomy : page.items) contents.push_back(WithoutPonteFields("taxonomy", taxonomy.document));
    return PageAnswer(page, query->page, std::move(contents));
}

Reply GetHsdsTaxonomy(const Module& module, const Request& request) {
    const std::string id(request.Param("taxonomy_id"));
    if (!IsUuid(id)) return NotFound();
    db::Lease connection = module.database().Acquire();
    auto taxonomy = FindTaxonomy(*connection, id);
    if (!taxonomy) return NotFound();
    return Response::Json(200, boost::json::serialize(WithoutPonteFields("taxonomy", taxonomy->document)));
}

Reply ListHsdsTaxonomyTerms(const Module& module, const Request& request) {
    auto query = ReadListQuery(request);
    if (!query) return std::move(query.failure());
    db::Lease connection = module.database().Acquire();
    auto page = ListTaxonomyTerms(*connection, query->filter.taxonomy_id, query->top_only, query->page);
    boost::json::array contents;
    for (const TaxonomyTerm& term : page.items) contents.push_back(WithoutPonteFields("taxonomy_term", term.document));
    return PageAnswer(page, query->page, std::move(contents));
}

Reply GetHsdsTaxonomyTerm(const Module& module, const Request& request) {
    const std::string id(request.Param("taxonomy_term_id"));
    if (!IsUuid(id)) return NotFound();
    db::Lease connection = module.database().Acquire();
    auto term = FindTaxonomyTerm(*connection, id);
    if (!term) return NotFound();
    return Response::Json(200, boost::json::serialize(WithoutPonteFields("taxonomy_term", term->document)));
}

boost::json::object QueryParameter(std::string_view name, std::string_view description, boost::json::object schema) {
    return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description}, {"schema", schema}};
}

boost::json::array PageParameters() {
    return {QueryParameter("page", "The page, from 1", {{"type", "integer"}, {"minimum", 1}}),
            QueryParameter("per_page", "How many on a page (50 unless said; at most 200)",
                           {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxPageSize}}),
            QueryParameter("format", "Only json", {{"enum", {"json"}}})};
}

boost::json::array ServiceParameters() {
    boost::json::array parameters = PageParameters();
    boost::json::object uuid{{"type", "string"}, {"format", "uuid"}};
    parameters.push_back(QueryParameter("taxonomy_term_id", "Services with this taxonomy term", uuid));
    parameters.push_back(QueryParameter("taxonomy_id", "Services with any term of this taxonomy", uuid));
    parameters.push_back(QueryParameter("organization_id", "Services of this organization", uuid));
    parameters.push_back(QueryParameter("modified_after", "Services modified after this date-time (RFC 3339)",
                                        {{"type", "string"}, {"format", "date-time"}}));
    parameters.push_back(QueryParameter("full", "Fully nested services", {{"type", "boolean"}}));
    return parameters;
}

std::string PageSchema(std::string_view item) {
    return R"({"type":"object","required":["total_items","total_pages","page_number","size","first_page",
        "last_page","empty","contents"],"properties":{"total_items":{"type":"integer"},
        "total_pages":{"type":"integer"},"page_number":{"type":"integer"},"size":{"type":"integer"},
        "first_page":{"type":"boolean"},"last_page":{"type":"boolean"},"empty":{"type":"boolean"},
        "contents":{"type":"array","items":)" +
           std::string(item) + "}}}";
}

constexpr std::string_view kServiceSchema =
    R"({"type":"object","required":["id","name","status"],"properties":{"id":{"type":"string","format":"uuid"},
        "name":{"type":"string"},"status":{"type":"string"}}})";
constexpr std::string_view kOrganizationSchema =
    R"({"type":"object","required":["id","name","description"],"properties":{"id":{"type":"string",
        "format":"uuid"},"name":{"type":"string"},"description":{"type":"string"}}})";
constexpr std::string_view kTaxonomySchema =
    R"({"type":"object","required":["id","name","description"],"properties":{"id":{"type":"string",
        "format":"uuid"},"name":{"type":"string"},"description":{"type":"string"}}})";

// The search's query: ?q=, ?category= (again for each), ?language=, ?open_now=, ?near=lat,lon
// with ?within_km= (10 unless said, at most 100), ?sort=.
core::Outcome<SearchQuery> ReadSearchQuery(const Request& request) {
    SearchQuery query;
    std::optional<SortBy> sort;
    double within_km = 10;
    auto params = boost::urls::parse_query(request.query);
    if (!params) return core::Failure::BadParameter("q", "format");
    for (const auto& param : *params) {
        const std::string key = param.key.decode();
        const std::string value = param.has_value ? param.value.decode() : std::string();
        if (key == "q") {
            if (value.size() > 200) return core::Failure::BadParameter(key, "too_long");
            query.text = value;
        } else if (key == "category") {
            if (!IsCategory(value)) return core::Failure::BadParameter(key, "unknown");
            if (query.categories.size() >= 10) return core::Failure::BadParameter(key, "too_long");
            query.categories.push_back(value);
        } else if (key == "language") {
            static const std::regex kLanguage("[a-z]{2,3}");
            if (!std::regex_match(value, kLanguage)) return core::Failure::BadParameter(key, "format");
            query.language = value;
        } else if (key == "open_now") {
            if (value != "true" && value != "false") return core::Failure::BadParameter(key, "format");
            query.open_now = value == "true";
        } else if (key == "near") {
            static const std::regex kPoint(R"((-?\d{1,3}(?:\.\d{1,8})?),(-?\d{1,3}(?:\.\d{1,8})?))");
            std::smatch match;
            if (!std::regex_match(value, match, kPoint)) return core::Failure::BadParameter(key, "format");
            const double latitude = std::stod(match.str(1));
            const double longitude = std::stod(match.str(2));
            if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180)
                return core::Failure::BadParameter(key, "out_of_range");
            query.near = Point{latitude, longitude};
        } else if (key == "within_km") {
            static const std::regex kNumber(R"(\d{1,3}(?:\.\d{1,3})?)");
            if (!std::regex_match(value, kNumber)) return core::Failure::BadParameter(key, "format");
            within_km = std::stod(value);
            if (within_km < 0.1) return core::Failure::BadParameter(key, "too_small");
            if (within_km > 100) return core::Failure::BadParameter(key, "too_large");
        } else if (key == "sort") {
            if (value == "name") {
                sort = SortBy::kName;
            } else if (value == "relevance") {
                sort = SortBy::kRelevance;
            } else if (value == "distance") {
                sort = SortBy::kDistance;
            } else {
                return core::Failure::BadParameter(key, "format");
            }
        }
    }
    if (sort == SortBy::kDistance && !query.near) return core::Failure::BadParameter("near", "required");
    query.within_meters = within_km * 1000;
    // Near a point, nearest first; else by relevance to the words; else by name.
    query.sort = sort.value_or(query.near            ? SortBy::kDistance
                               : !query.text.empty() ? SortBy::kRelevance
                                                     : SortBy::kName);
    return query;
}

boost::json::array Strings(const std::vector<std::string>& values) {
    boost::json::array out;
    for (const std::string& value : values) out.emplace_back(value);
    return out;
}

boost::json::object HitJson(const Hit& hit) {
    boost::json::value location = nullptr;
    if (!hit.location_id.empty()) {
        location = boost::json::object{
            {"id", hit.location_id},
            {"name", hit.place_name},
            {"latitude", hit.latitude ? boost::json::value(*hit.latitude) : boost::json::value(nullptr)},
            {"longitude", hit.longitude ? boost::json::value(*hit.longitude) : boost::json::value(nullptr)}};
    }
    return {{"service_id", hit.service_id},
            {"name", hit.service_name},
            {"organization", hit.organization_name},
            {"status", hit.status},
            {"location", std::move(location)},
            {"distance_meters",
             hit.distance_meters ? boost::json::value(*hit.distance_meters) : boost::json::value(nullptr)},
            {"open_now", hit.open_now},
            {"languages", Strings(hit.languages)},
            {"categories", Strings(hit.categories)}};
}

Reply SearchServices(const Module& module, const Request& request) {
    auto query = ReadSearchQuery(request);
    if (!query) return std::move(query.failure());
    auto page = core::ReadPage(request, module.keyring());
    if (!page) return std::move(page.failure());
    // A cursor of another sort (a name where a number is, or the other way) starts nowhere.
    const bool text_key = SortsByText(*query);
    if (page->after && std::holds_alternative<std::string>(page->after->key) != text_key)
        return core::Failure::BadParameter("cursor", "invalid_cursor");
    db::Lease connection = module.database().Acquire();
    auto found = SearchEntries(*connection, *query, *page, core::NowMs());
    boost::json::array items;
    for (const Hit& hit : found.items) items.push_back(HitJson(hit));
    return Response::Json(200, boost::json::serialize(boost::json::object{
                                   {"items", std::move(items)},
                                   {"next_cursor", core::NextCursor(request, module.keyring(), found.next)}}));
}

Reply GetServiceView(const Module& module, const Request& request) {
    const std::string id(request.Param("service_id"));
    if (!IsUuid(id)) return NotFound();
    auto service = ReadServiceView(module, id, core::NowMs());
    if (!service) return NotFound();
    return Response::Json(200, boost::json::serialize(*service));
}

boost::json::array SearchParameters() {
    boost::json::array parameters = core::PageParameters();
    parameters.push_back(QueryParameter("q",
                                        "Words the service is found by, in any language (accents and case "
                                        "folded, each word a prefix)",
                                        {{"type", "string"}, {"maxLength", 200}}));
    boost::json::array codes;
    for (const Category& category : Categories()) codes.emplace_back(category.code);
    boost::json::object category = QueryParameter(
        "category", "Categories and features of Ponte's taxonomy the service has, each required (repeated)",
        {{"type", "array"}, {"maxItems", 10}, {"items", {{"enum", std::move(codes)}}}});
    category["style"] = "form";
    category["explode"] = true;
    parameters.push_back(std::move(category));
    parameters.push_back(QueryParameter("language", "A language spoken there (ISO 639 code)",
                                        {{"type", "string"}, {"pattern", "^[a-z]{2,3}$"}}));
    parameters.push_back(
        QueryParameter("open_now", "Only what is open now, in its own time zone", {{"type", "boolean"}}));
    parameters.push_back(QueryParameter("near", "A point, \"latitude,longitude\": only places within within_km of it",
                                        {{"type", "string"}}));
    parameters.push_back(QueryParameter("within_km", "The radius around near (10 unless said, at most 100)",
                                        {{"type", "number"}, {"minimum", 0.1}, {"maximum", 100}}));
    parameters.push_back(QueryParameter("sort",
                                        "distance (with near, its default), relevance (with q, its default "
                                        "without near) or name",
                                        {{"enum", {"relevance", "distance", "name"}}}));
    return parameters;
}

constexpr std::string_view kServiceViewSchema = R"({"type":"object","required":["id","name","status",
    "description","organization","categories","languages","phones","email","url","fees_description",
    "eligibility_description","application_process","places"],"properties":{
    "id":{"type":"string","format":"uuid"},"name":{"type":"string"},"status":{"type":"string"},
    "description":{"type":["string","null"]},
    "organization":{"type":"object","required":["id","name"],"properties":{"id":{"type":"string"},
      "name":{"type":"string"}}},
    "categories":{"type":"array","items":{"type":"string"}},"languages":{"type":"array","items":{"type":"string"}},
    "phones":{"type":"array","items":{"type":"object","required":["number","type"],"properties":{
      "number":{"type":["string","null"]},"type":{"type":["string","null"]}}}},
    "email":{"type":["string","null"]},"url":{"type":["string","null"]},
    "fees_description":{"type":["string","null"]},"eligibility_description":{"type":["string","null"]},
    "application_process":{"type":["string","null"]},
    "places":{"type":"array","items":{"type":"object","required":["location_id","name","confidential","address","latitude",
      "longitude","time_zone","hours","open_now"],"properties":{"location_id":{"type":"string"},"confidential":{"type":"boolean"},
      "name":{"type":"string"},"address":{"type":["object","null"],"required":["address_1","address_2","city",
        "postal_code","country"],"properties":{"address_1":{"type":["string","null"]},
        "address_2":{"type":["string","null"]},"city":{"type":["string","null"]},
        "postal_code":{"type":["string","null"]},"country":{"type":["string","null"]}}},
      "latitude":{"type":["number","null"]},"longitude":{"type":["number","null"]},"time_zone":{"type":"string"},
      "hours":{"type":"array","items":{"type":"object","required":["day","opens","closes","valid_from","valid_to"],
        "properties":{"day":{"type":"integer"},"opens":{"type":"integer"},"closes":{"type":"integer"},
        "valid_from":{"type":["string","null"]},"valid_to":{"type":["string","null"]}}}},
      "open_now":{"type":"boolean"}}}}}})";

constexpr std::string_view kHitsSchema = R"({"type":"object","required":["items","next_cursor"],"properties":{
    "items":{"type":"array","items":{"type":"object","required":["service_id","name","organization","status",
      "location","distance_meters","open_now","languages","categories"],"properties":{
      "service_id":{"type":"string","format":"uuid"},"name":{"type":"string"},"organization":{"type":"string"},
      "status":{"type":"string"},"location":{"type":["object","null"],"required":["id","name","latitude",
        "longitude"],"properties":{"id":{"type":"string"},"name":{"type":"string"},
        "latitude":{"type":["number","null"]},"longitude":{"type":["number","null"]}}},
      "distance_meters":{"type":["integer","null"]},"open_now":{"type":"boolean"},
      "languages":{"type":"array","items":{"type":"string"}},
      "categories":{"type":"array","items":{"type":"string"}}}}},
    "next_cursor":{"type":["string","null"]}}})";

}  // namespace

void AddRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    const std::string kPublic(policy::kPublic);
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/directory/services",
                       .policy_action = kPublic,
                       .id = "searchDirectory",
                       .summary = "Find services: by words, category, language spoken, open now, distance from a "
                                  "point (a confidential place is never placed)",
                       .tag = "directory",
                       .parameters = SearchParameters(),
                       .response = http::Schema(kHitsSchema),
                       .errors = {400},
                       .handler = core::Bind(module, &SearchServices)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/directory/services/{service_id}",
                       .policy_action = kPublic,
                       .id = "getDirectoryService",
                       .summary = "A service as the app shows it: how to reach it, its places with their hours in "
                                  "their time zone and whether each is open now (a confidential place without "
                                  "its address or coordinates)",
                       .tag = "directory",
                       .response = http::Schema(kServiceViewSchema),
                       .errors = {404},
                       .handler = core::Bind(module, &GetServiceView)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/hsds",
                       .policy_action = kPublic,
                       .id = "getHsdsApi",
                       .summary = "What this HSDS API is: the HSDS version, its profile and its OpenAPI document",
                       .tag = "directory",
                       .response = http::Schema(R"({"type":"object","required":["version","profile","openapi_url"],
                           "properties":{"version":{"type":"string"},"profile":{"type":"string"},
                           "openapi_url":{"type":"string"}}})"),
                       .handler = core::Bind(module, &GetRoot)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/hsds/services",
                       .policy_action = kPublic,
                       .id = "listHsdsServices",
                       .summary = "The directory's services as HSDS 3.0 writes them, a page at a time",
                       .tag = "directory",
                       .parameters = ServiceParameters(),
                       .response = http::Schema(PageSchema(kServiceSchema)),
                       .errors = {400},
                       .handler = core::Bind(module, &ListHsdsServices)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/hsds/services/{service_id}",
                       .policy_action = kPublic,
                       .id = "getHsdsService",
                       .summary = "A service fully nested as HSDS 3.0 writes it, with its organization and locations "
                                  "(a confidential location without its place)",
                       .tag = "directory",
                       .response = http::Schema(kServiceSchema),
                       .errors = {404},
                       .handler = core::Bind(module, &GetHsdsService)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/hsds/organizations",
                       .policy_action = kPublic,
                       .id = "listHsdsOrganizations",
                       .summary = "The directory's organizations as HSDS 3.0 writes them, a page at a time",
                       .tag = "directory",
                       .parameters =
                           [] {
                               auto parameters = PageParameters();
                               parameters.push_back(
                                   QueryParameter("full", "With what each organization holds", {{"type", "boolean"}}));
                               return parameters;
                           }(),
                       .response = http::Schema(PageSchema(kOrganizationSchema)),
                       .errors = {400},
                       .handler = core::Bind(module, &ListHsdsOrganizations)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/hsds/organizations/{directory_organization_id}",
                       .policy_action = kPublic,
                       .id = "getHsdsOrganization",
                       .summary = "An organization as HSDS 3.0 writes it, with the services it provides",
                       .tag = "directory",
                       .response = http::Schema(kOrganizationSchema),
                       .errors = {404},
                       .handler = core::Bind(module, &GetHsdsOrganization)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/hsds/taxonomies",
                       .policy_action = kPublic,
                       .id = "listHsdsTaxonomies",
                       .summary = "The taxonomies the directory's terms belong to, a page at a time",
                       .tag = "directory",
                       .parameters = PageParameters(),
                       .response = http::Schema(PageSchema(kTaxonomySchema)),
                       .errors = {400},
                       .handler = core::Bind(module, &ListHsdsTaxonomies)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/hsds/taxonomies/{taxonomy_id}",
                       .policy_action = kPublic,
                       .id = "getHsdsTaxonomy",
                       .summary = "A taxonomy as HSDS 3.0 writes it",
                       .tag = "directory",
                       .response = http::Schema(kTaxonomySchema),
                       .errors = {404},
                       .handler = core::Bind(module, &GetHsdsTaxonomy)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/hsds/taxonomy_terms",
                       .policy_action = kPublic,
                       .id = "listHsdsTaxonomyTerms",
                       .summary = "The directory's taxonomy terms (the categories of its services), a page at a time",
                       .tag = "directory",
                       .parameters =
                           [] {
                               auto parameters = PageParameters();
                               parameters.push_back(QueryParameter("taxonomy_id", "Terms of this taxonomy",
                                                                   {{"type", "string"}, {"format", "uuid"}}));
                               parameters.push_back(QueryParameter("top_only", "Only the terms without a parent",
                                                                   {{"type", "boolean"}}));
                               return parameters;
                           }(),
                       .response = http::Schema(PageSchema(kTaxonomySchema)),
                       .errors = {400},
                       .handler = core::Bind(module, &ListHsdsTaxonomyTerms)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/hsds/taxonomy_terms/{taxonomy_term_id}",
                       .policy_action = kPublic,
                       .id = "getHsdsTaxonomyTerm",
                       .summary = "A taxonomy term as HSDS 3.0 writes it",
                       .tag = "directory",
                       .response = http::Schema(kTaxonomySchema),
                       .errors = {404},
                       .handler = core::Bind(module, &GetHsdsTaxonomyTerm)});
}

}  // namespace ponte::directory
