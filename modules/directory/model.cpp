#include "modules/directory/model.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "core/http/body_schema.hpp"
#include "core/i18n/local_time.hpp"
#include "modules/directory/hsds.hpp"

namespace ponte::directory {
namespace {

// The lists an import may hold, each of one kind.
struct ListOf {
    std::string_view list;
    std::string_view kind;
};
constexpr ListOf kLists[] = {{"organizations", "organization"}, {"services", "service"},
                             {"locations", "location"},         {"service_at_locations", "service_at_location"},
                             {"taxonomies", "taxonomy"},        {"taxonomy_terms", "taxonomy_term"}};

// The schema of a whole import: its lists, each of objects of its kind.
const http::BodySchema& ImportSchema() {
    static const http::BodySchema schema = [] {
        boost::json::object definitions;
        boost::json::object properties;
        for (const ListOf& list : kLists) {
            boost::json::object kind = KindSchema(list.kind);
            for (auto& [name, definition] : kind.at("definitions").as_object()) definitions[name] = definition;
            properties[list.list] = {{"type", "array"},
                                     {"maxItems", 200000},
                                     {"items", {{"$ref", "#/definitions/" + std::string(list.kind)}}}};
        }
        return http::BodySchema(boost::json::object{{"type", "object"},
                                                    {"additionalProperties", false},
                                                    {"properties", std::move(properties)},
                                                    {"definitions", std::move(definitions)}});
    }();
    return schema;
}

std::string Text(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::optional<double> Number(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || !value->is_number()) return std::nullopt;
    return value->to_number<double>();
}

std::string Join(const std::string& path, std::string_view step) {
    return path.empty() ? std::string(step) : path + "." + std::string(step);
}

std::string Join(const std::string& path, std::string_view step, std::size_t index) {
    return Join(path, step) + "." + std::to_string(index);
}

// Minutes since midnight of "HH:MM" or "HH:MM:SS" ("24:00" is the midnight a day closes at);
// nullopt for anything else.
std::optional<int> ClockMinutes(std::string_view text) {
    if (text.size() != 5 && text.size() != 8) return std::nullopt;
    auto digits = [&](std::size_t at) -> int {
        if (!std::isdigit(static_cast<unsigned char>(text[at])) ||
            !std::isdigit(static_cast<unsigned char>(text[at + 1])))
            return -1;
        return (text[at] - '0') * 10 + (text[at + 1] - '0');
    };
    const int hours = digits(0);
    const int minutes = digits(3);
    if (text[2] != ':' || hours < 0 || hours > 24 || minutes < 0 || minutes > 59) return std::nullopt;
    if (text.size() == 8 && (text[5] != ':' || digits(6) < 0 || digits(6) > 59)) return std::nullopt;
    if (hours == 24 && (minutes != 0 || (text.size() == 8 && digits(6) != 0))) return std::nullopt;  // midnight only
    return hours * 60 + minutes;
}

template <typename Record>
bool SameRecord(const Record& a, const Record& b) {
    return a.document == b.document;
}

bool SameRecord(const Location& a, const Location& b) {
    return a.document == b.document && a.place == b.place && a.confidential == b.confidential;
}

// Gathers the records of an import, each once, and what is wrong with them.
class Collector {
  public:
    explicit Collector(std::string file) : file_(std::move(file)) {}

    void AddOrganization(const boost::json::object& object, const std::string& path) {
        boost::json::object document = object;
        document.erase("locations");
        document.erase("services");
        Organization organization{.id = Text(object, "id"), .name = Text(object, "name"), .document = document};
        Add(reading_.directory.organizations, organizations_, std::move(organization), path);
        Each(object, path, "locations", [&](const boost::json::object& item, const std::string& at) {
            AddLocation(item, at, Text(object, "id"));
        });
        Each(object, path, "services",
             [&](const boost::json::object& item, const std::string& at) { AddService(item, at, Text(object, "id")); });
    }

    void AddService(const boost::json::object& object, const std::string& path, std::string organization_id) {
        const std::string id = Text(object, "id");
        if (const auto* organization = object.if_contains("organization"); organization && organization->is_object()) {
            AddOrganization(organization->as_object(), Join(path, "organization"));
            organization_id = Text(organization->as_object(), "id");
        }
        Same(object, path, "organization_id", organization_id);
        if (organization_id.empty()) organization_id = Text(object, "organization_id");
        if (organization_id.empty()) Report(Join(path, "organization_id"), "required");
        boost::json::object document = object;
        document.erase("organization");
        document.erase("service_at_locations");
        document["organization_id"] = organization_id;
        Service service{.id = id,
                        .organization_id = organization_id,
                        .name = Text(object, "name"),
                        .status = Text(object, "status"),
                        .document = std::move(document),
                        .at = path};
        Each(object, path, "attributes", [&](const boost::json::object& attribute, const std::string& at) {
            std::string term_id = Text(attribute, "taxonomy_term_id");
            if (const auto* term = attribute.if_contains("taxonomy_term"); term && term->is_object()) {
                AddTerm(term->as_object(), Join(at, "taxonomy_term"));
                term_id = Text(term->as_object(), "id");
            }
            if (!term_id.empty() && std::ranges::find(service.term_ids, term_id) == service.term_ids.end())
                service.term_ids.push_back(term_id);
        });
        Add(reading_.directory.services, services_, std::move(service), path);
        Each(object, path, "service_at_locations",
             [&](const boost::json::object& item, const std::string& at) { AddServiceAtLocation(item, at, id); });
    }

    void AddLocation(const boost::json::object& object, const std::string& path, const std::string& organization_id) {
        Same(object, path, "organization_id", organization_id);
        Location location{
            .id = Text(object, "id"),
            .organization_id = organization_id.empty() ? Text(object, "organization_id") : organization_id,
            .latitude = Number(object, "latitude"),
            .longitude = Number(object, "longitude"),
            .document = object,
            .at = path};
        if (location.latitude.has_value() != location.longitude.has_value())
            Report(Join(path, location.latitude ? "longitude" : "latitude"), "required");
        const auto* confidential = object.if_contains("ponte_confidential");
        location.confidential = confidential != nullptr && confidential->is_bool() && confidential->get_bool();
        if (location.confidential) MakeConfidential(location);
        if (const auto* zone = object.if_contains("ponte_time_zone");
            zone != nullptr && zone->is_string() && !i18n::IsKnownTimeZone(zone->get_string()))
            Report(Join(path, "ponte_time_zone"), "format");
        const std::string organization_of = location.organization_id;
        // A location nested in a service at a location does not say whose it is; the same one
        // under its organization does.
        Location& kept = Add(reading_.directory.locations, locations_, std::move(location), path);
        if (kept.organization_id.empty()) kept.organization_id = organization_of;
    }

    void AddServiceAtLocation(const boost::json::object& object, const std::string& path,
                              const std::string& service_id) {
        std::string location_id = Text(object, "location_id");
        if (const auto* location = object.if_contains("location"); location && location->is_object()) {
            AddLocation(location->as_object(), Join(path, "location"), "");
            Same(object, path, "location_id", Text(location->as_object(), "id"));
            location_id = Text(location->as_object(), "id");
        }
        if (const auto* service = object.if_contains("service"); service && service->is_object()) {
            AddService(service->as_object(), Join(path, "service"), "");
        }
        std::string service_of = service_id;
        if (const auto* service = object.if_contains("service"); service && service->is_object())
            service_of = Text(service->as_object(), "id");
        Same(object, path, "service_id", service_of);
        if (service_of.empty()) service_of = Text(object, "service_id");
        if (service_of.empty()) Report(Join(path, "service_id"), "required");
        if (location_id.empty()) Report(Join(path, "location_id"), "required");
        boost::json::object document = object;
        document.erase("location");
        document.erase("service");
        Add(reading_.directory.service_at_locations, service_at_locations_,
            ServiceAtLocation{.id = Text(object, "id"),
                              .service_id = service_of,
                              .location_id = location_id,
                              .document = document,
                              .at = path},
            path);
    }

    void AddTerm(const boost::json::object& object, const std::string& path) {
        TaxonomyTerm term{.id = Text(object, "id"),
                          .taxonomy_id = Text(object, "taxonomy_id"),
                          .parent_id = Text(object, "parent_id"),
                          .code = Text(object, "code"),
                          .name = Text(object, "name"),
                          .document = object,
                          .at = path};
        if (const auto* taxonomy = object.if_contains("taxonomy_detail"); taxonomy && taxonomy->is_object()) {
            AddTaxonomy(taxonomy->as_object(), Join(path, "taxonomy_detail"));
            Same(object, path, "taxonomy_id", Text(taxonomy->as_object(), "id"));
            term.taxonomy_id = Text(taxonomy->as_object(), "id");
        }
        Add(reading_.directory.taxonomy_terms, terms_, std::move(term), path);
    }

    void AddTaxonomy(const boost::json::object& object, const std::string& path) {
        Add(reading_.directory.taxonomies, taxonomies_,
            Taxonomy{.id = Text(object, "id"), .name = Text(object, "name"), .document = object}, path);
    }

    // The opening hours of every schedule the object of `kind` holds, at any depth.
    void CheckSchedules(std::string_view kind_name, const boost::json::object& object, const std::string& path) {
        const Kind& kind = KindNamed(kind_name);
        if (kind.name == "schedule") CheckHours(object, path);
        for (const Child& child : kind.children) {
            const auto* value = object.if_contains(child.name);
            if (value == nullptr) continue;
            if (const auto* many = value->if_array()) {
                for (std::size_t i = 0; i < many->size(); ++i) {
                    if ((*many)[i].is_object())
                        CheckSchedules(child.kind, (*many)[i].as_object(), Join(path, child.name, i));
                }
            } else if (value->is_object()) {
                CheckSchedules(child.kind, value->as_object(), Join(path, child.name));
            }
        }
    }

    void Report(std::string field, std::string code) {
        reading_.problems.push_back({.file = file_, .row = 0, .field = std::move(field), .code = std::move(code)});
    }

    Reading Take() && { return std::move(reading_); }

  private:
    void CheckHours(const boost::json::object& schedule, const std::string& path) {
        std::optional<int> opens;
        std::optional<int> closes;
        for (auto [field, minutes] : {std::pair{"opens_at", &opens}, std::pair{"closes_at", &closes}}) {
            if (!schedule.contains(field)) continue;
            *minutes = ClockMinutes(Text(schedule, field));
            if (!*minutes) Report(Join(path, field), "format");
        }
        if (opens && closes && *closes <= *opens) Report(Join(path, "closes_at"), "ends_before_start");
    }

    // A field that names its parent (a location's organization_id, under an organization) must
    // name that one.
    void Same(const boost::json::object& object, const std::string& path, std::string_view field,
              const std::string& expected) {
        const std::string given = Text(object, field);
        if (!given.empty() && !expected.empty() && given != expected) Report(Join(path, field), "mismatch");
    }

    template <typename Visit>
    void Each(const boost::json::object& object, const std::string& path, std::string_view list, Visit visit) {
        const auto* value = object.if_contains(list);
        if (value == nullptr || !value->is_array()) return;
        const auto& items = value->get_array();
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].is_object()) visit(items[i].as_object(), Join(path, list, i));
        }
    }

    // Adds `record` unless its id is there already: the same object again (an organization nested
    // in each of its services) is one record; another object under the same id is a duplicate.
    // Returns the record kept.
    template <typename Record>
    Record& Add(std::vector<Record>& records, std::map<std::string, std::size_t>& index, Record record,
                const std::string& path) {
        auto [at, added] = index.try_emplace(record.id, records.size());
        if (added) {
            records.push_back(std::move(record));
        } else if (!SameRecord(records[at->second], record)) {
            Report(Join(path, "id"), "duplicate");
        }
        return records[at->second];
    }

    std::string file_;
    Reading reading_;
    std::map<std::string, std::size_t> organizations_, services_, locations_, service_at_locations_, taxonomies_,
        terms_;
};

// The import with each of its lists as an array (an HSDS page gives its contents), or the
// problem that it is not an import.
std::optional<boost::json::object> Lists(const boost::json::value& input, std::vector<Problem>& problems,
                                         std::string_view file) {
    if (!input.is_object()) {
        problems.push_back({.file = std::string(file), .field = "", .code = "type"});
        return std::nullopt;
    }
    boost::json::object lists = input.as_object();
    for (auto& [key, value] : lists) {
        if (const auto* page = value.if_object(); page && page->contains("contents")) value = page->at("contents");
    }
    return lists;
}

}  // namespace

Reading ReadJsonImport(const boost::json::value& input, std::string_view file) {
    Reading reading;
    auto lists = Lists(input, reading.problems, file);
    if (!lists) return reading;
    for (const core::FieldError& error : ImportSchema().Check(*lists)) {
        reading.problems.push_back({.file = std::string(file), .field = error.field, .code = error.code});
    }
    if (!reading.problems.empty()) return reading;
    Collector collector{std::string(file)};
    for (const ListOf& list : kLists) {
        const auto* items = lists->if_contains(list.list);
        if (items == nullptr) continue;
        for (std::size_t i = 0; i < items->as_array().size(); ++i) {
            const boost::json::object& item = items->as_array()[i].as_object();
            const std::string path = Join("", list.list, i);
            collector.CheckSchedules(list.kind, item, path);
            if (list.kind == "organization") collector.AddOrganization(item, path);
            if (list.kind == "service") collector.AddService(item, path, "");
            if (list.kind == "location") collector.AddLocation(item, path, "");
            if (list.kind == "service_at_location") collector.AddServiceAtLocation(item, path, "");
            if (list.kind == "taxonomy") collector.AddTaxonomy(item, path);
            if (list.kind == "taxonomy_term") collector.AddTerm(item, path);
        }
    }
    return std::move(collector).Take();
}

void MakeConfidential(Location& location) {
    boost::json::object kept;
    for (auto& [key, value] : location.document) {
        if (std::ranges::find(kConfidentialKeeps, std::string_view(key)) != std::end(kConfidentialKeeps)) {
            kept[key] = value;
        } else {
            location.place[key] = value;
        }
    }
    location.document = std::move(kept);
    location.confidential = true;
    location.latitude.reset();
    location.longitude.reset();
}

boost::json::object ComposeLocation(const Location& location, Trust trust) {
    boost::json::object object = location.document;
    if (location.confidential && trust == Trust::kTrusted) {
        for (const auto& [field, value] : location.place) object[field] = value;
    }
    return WithoutPonteFields("location", std::move(object));
}

boost::json::object ComposeOrganization(const Organization& organization, const std::vector<Location>& locations,
                                        Trust trust) {
    boost::json::object object = organization.document;
    if (!locations.empty()) {
        boost::json::array composed;
        for (const Location& location : locations) composed.push_back(ComposeLocation(location, trust));
        object["locations"] = std::move(composed);
    }
    return WithoutPonteFields("organization", std::move(object));
}

boost::json::object ComposeService(const Service& service, const boost::json::object& organization,
                                   const std::vector<std::pair<ServiceAtLocation, Location>>& places, Trust trust) {
    boost::json::object object = service.document;
    object["organization"] = organization;
    boost::json::array at_locations;
    for (const auto& [at, location] : places) {
        boost::json::object item = at.document;
        item["location"] = ComposeLocation(location, trust);
        at_locations.push_back(std::move(item));
    }
    object["service_at_locations"] = std::move(at_locations);
    return WithoutPonteFields("service", std::move(object));
}

boost::json::object ExportJson(const Directory& directory) {
    auto named = [](boost::json::object object, std::string_view field, const std::string& id) {
        if (!id.empty()) object[field] = id;
        return object;
    };
    boost::json::array organizations;
    for (const Organization& organization : directory.organizations)
        organizations.push_back(WithoutPonteFields("organization", organization.document));
    boost::json::array services;
    for (const Service& service : directory.services)
        services.push_back(
            WithoutPonteFields("service", named(service.document, "organization_id", service.organization_id)));
    boost::json::array locations;
    for (const Location& location : directory.locations)
        locations.push_back(
            named(ComposeLocation(location, Trust::kPublic), "organization_id", location.organization_id));
    boost::json::array at_locations;
    for (const ServiceAtLocation& at : directory.service_at_locations) {
        at_locations.push_back(
            WithoutPonteFields("service_at_location",
                               named(named(at.document, "service_id", at.service_id), "location_id", at.location_id)));
    }
    boost::json::array taxonomies;
    for (const Taxonomy& taxonomy : directory.taxonomies)
        taxonomies.push_back(WithoutPonteFields("taxonomy", taxonomy.document));
    boost::json::array terms;
    for (const TaxonomyTerm& term : directory.taxonomy_terms)
        terms.push_back(WithoutPonteFields("taxonomy_term", named(term.document, "taxonomy_id", term.taxonomy_id)));
    return {{"organizations", std::move(organizations)}, {"services", std::move(services)},
            {"locations", std::move(locations)},         {"service_at_locations", std::move(at_locations)},
            {"taxonomies", std::move(taxonomies)},       {"taxonomy_terms", std::move(terms)}};
}

boost::json::object OneToOneFields(const boost::json::object& object) {
    boost::json::object fields;
    for (const auto& [key, value] : object) {
        if (!value.is_array() && !value.is_object()) fields[key] = value;
    }
    return fields;
}

boost::json::object ComposeServiceListItem(const Service& service, const Organization& organization) {
    boost::json::object object = OneToOneFields(service.document);
    object["organization"] = OneToOneFields(organization.document);
    return WithoutPonteFields("service", std::move(object));
}

}  // namespace ponte::directory
