#include "modules/directory/actions.hpp"

#include <map>
#include <set>

#include "core/i18n/local_time.hpp"
#include "modules/directory/entries.hpp"
#include "modules/directory/search.hpp"
#include "modules/directory/taxonomy.hpp"

namespace ponte::directory {
namespace {

// The row ids of what an import wrote, by HSDS id, and of what it found in the directory.
class Rows {
  public:
    Rows(db::Connection& connection, std::string file) : connection_(connection), file_(std::move(file)) {}

    void Wrote(Table table, const std::string& hsds_id, Written written) {
        rows_[{table, hsds_id}] = written.row;
        if (written.changed) Touch(table, written.row);
    }

    // The services `row` of `table` is part of change with it.
    void Touch(Table table, std::int64_t row) { Touch(ServicesOf(connection_, table, row)); }
    void Touch(const std::vector<std::int64_t>& services) { touched_.insert(services.begin(), services.end()); }

    // The services a change touched: their search entries are written again.
    const std::set<std::int64_t>& touched() const { return touched_; }

    // The row of `hsds_id` (0 for an empty one); a problem at `field` when there is none.
    std::int64_t Find(Table table, const std::string& hsds_id, const std::string& field) {
        if (hsds_id.empty()) return 0;
        if (auto it = rows_.find({table, hsds_id}); it != rows_.end()) return it->second;
        if (auto row = RowOf(connection_, table, hsds_id)) return rows_[{table, hsds_id}] = *row;
        problems_.push_back({.file = file_, .row = 0, .field = field, .code = "not_found"});
        return 0;
    }

    void Check() {
        if (!problems_.empty()) throw ImportRefused{std::move(problems_)};
    }

  private:
    db::Connection& connection_;
    std::string file_;
    std::map<std::pair<Table, std::string>, std::int64_t> rows_;
    std::vector<Problem> problems_;
    std::set<std::int64_t> touched_;
};

std::string Field(const std::string& at, std::string_view field) {
    return at.empty() ? std::string(field) : at + "." + std::string(field);
}

}  // namespace

ImportResult ImportDirectory(db::Database& database, const crypto::Keyring& keyring, Reading reading,
                             std::string_view file, std::int64_t now) {
    ImportResult result;
    const Directory& in = reading.directory;
    result.records = {
        static_cast<std::int64_t>(in.organizations.size()), static_cast<std::int64_t>(in.services.size()),
        static_cast<std::int64_t>(in.locations.size()),     static_cast<std::int64_t>(in.service_at_locations.size()),
        static_cast<std::int64_t>(in.taxonomies.size()),    static_cast<std::int64_t>(in.taxonomy_terms.size())};
    if (!reading.problems.empty()) {
        result.problems = std::move(reading.problems);
        return result;
    }
    try {
        database.Transact([&](db::Connection& connection) { ImportInto(connection, keyring, in, file, now); });
    } catch (ImportRefused& refused) {
        result.problems = std::move(refused.problems);
    }
    return result;
}

ImportResult ImportTabular(db::Database& database, const crypto::Keyring& keyring, std::string_view package,
                           const std::vector<TabularFile>& files, std::int64_t now) {
    TabularReading tabular = ReadTabular(package, files);
    ImportResult result = ImportDirectory(database, keyring, std::move(tabular.reading), package, now);
    result.problems = RowsOf(tabular, std::move(result.problems));
    return result;
}

boost::json::object ExportDirectory(db::Database& database, const crypto::Keyring& keyring) {
    return database.Transact([&](db::Connection& connection) {
        return ExportJson(ReadWholeDirectory(connection, keyring, Trust::kPublic));
    });
}

void ImportInto(db::Connection& connection, const crypto::Keyring& keyring, const Directory& in, std::string_view file,
                std::int64_t now) {
    Rows rows(connection, std::string(file));
    for (const Taxonomy& taxonomy : in.taxonomies)
        rows.Wrote(Table::kTaxonomies, taxonomy.id, WriteTaxonomy(connection, taxonomy, now));
    for (const TaxonomyTerm& term : in.taxonomy_terms) {
        const std::int64_t taxonomy = rows.Find(Table::kTaxonomies, term.taxonomy_id, Field(term.at, "taxonomy_id"));
        rows.Wrote(Table::kTaxonomyTerms, term.id, WriteTaxonomyTerm(connection, term, taxonomy, now));
    }
    for (const Organization& organization : in.organizations)
        rows.Wrote(Table::kOrganizations, organization.id, WriteOrganization(connection, organization, now));
    for (const Location& given : in.locations) {
        const std::int64_t organization =
            rows.Find(Table::kOrganizations, given.organization_id, Field(given.at, "organization_id"));
        // A confidential location stays so unless the import says otherwise in as many words: a
        // partner's feed that does not know it is a shelter must not publish its address.
        Location location = given;
        if (!location.confidential && !location.document.contains("ponte_confidential") &&
            IsConfidential(connection, location.id))
            MakeConfidential(location);
        // Nor does an import that does not place it (the public export read back) lose its place.
        if (location.confidential && location.place.empty()) {
            if (auto kept = SealedPlace(connection, keyring, location.id)) location.place = std::move(*kept);
        }
        rows.Wrote(Table::kLocations, location.id, WriteLocation(connection, keyring, location, organization, now));
    }
    for (const Service& service : in.services) {
        const std::int64_t organization =
            rows.Find(Table::kOrganizations, service.organization_id, Field(service.at, "organization_id"));
        std::vector<std::int64_t> terms;
        for (const std::string& term : service.term_ids)
            terms.push_back(rows.Find(Table::kTaxonomyTerms, term, Field(service.at, "attributes")));
        rows.Check();
        rows.Wrote(Table::kServices, service.id, WriteService(connection, service, organization, terms, now));
    }
    for (const ServiceAtLocation& at : in.service_at_locations) {
        const std::int64_t service = rows.Find(Table::kServices, at.service_id, Field(at.at, "service_id"));
        const std::int64_t location = rows.Find(Table::kLocations, at.location_id, Field(at.at, "location_id"));
        rows.Check();
        // Moved to another service, the one it leaves changes too.
        std::vector<std::int64_t> before;
        if (auto was = RowOf(connection, Table::kServiceAtLocations, at.id))
            before = ServicesOf(connection, Table::kServiceAtLocations, *was);
        const Written written = WriteServiceAtLocation(connection, at, service, location, now);
        rows.Wrote(Table::kServiceAtLocations, at.id, written);
        if (written.changed) rows.Touch(before);
    }
    rows.Check();
    for (std::int64_t service : rows.touched()) RefreshEntries(connection, service);
    // Other directories read what changed since they last read (modified_after): a service changes
    // when a part of it does.
    TouchServices(connection, rows.touched(), now);
}

std::optional<boost::json::object> ReadService(const Module& module, std::string_view hsds_id) {
    db::Lease connection = module.database().Acquire();
    auto service = FindService(*connection, hsds_id);
    if (!service) return std::nullopt;
    auto organization = FindOrganization(*connection, service->organization_id);
    return ComposeService(
        *service,
        ComposeOrganization(organization.value(),
                            LocationsOf(*connection, module.keyring(), organization->id, Trust::kPublic),
                            Trust::kPublic),
        PlacesOf(*connection, module.keyring(), hsds_id, Trust::kPublic), Trust::kPublic);
}

namespace {

boost::json::value TextOrNull(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? *value : boost::json::value(nullptr);
}

boost::json::array HoursJson(const std::vector<Opening>& hours) {
    boost::json::array out;
    for (const Opening& opening : hours) {
        out.push_back({{"day", opening.day},
                       {"opens", opening.opens},
                       {"closes", opening.closes},
                       {"valid_from", opening.valid_from.empty() ? boost::json::value(nullptr)
                                                                 : boost::json::value(opening.valid_from)},
                       {"valid_to", opening.valid_to.empty() ? boost::json::value(nullptr)
                                                             : boost::json::value(opening.valid_to)}});
    }
    return out;
}

boost::json::value AddressJson(const Location& location) {
    const auto* addresses = location.document.if_contains("addresses");
    if (location.confidential || addresses == nullptr || !addresses->is_array() || addresses->get_array().empty())
        return nullptr;
    const boost::json::object& address = addresses->get_array()[0].as_object();
    return boost::json::object{{"address_1", TextOrNull(address, "address_1")},
                               {"address_2", TextOrNull(address, "address_2")},
                               {"city", TextOrNull(address, "city")},
                               {"postal_code", TextOrNull(address, "postal_code")},
                               {"country", TextOrNull(address, "country")}};
}

}  // namespace

std::optional<boost::json::object> ReadServiceView(const Module& module, std::string_view hsds_id,
                                                   std::int64_t now_ms) {
    db::Lease connection = module.database().Acquire();
    auto service = FindService(*connection, hsds_id);
    if (!service) return std::nullopt;
    auto organization = FindOrganization(*connection, service->organization_id).value();
    const auto places = PlacesOf(*connection, module.keyring(), hsds_id, Trust::kPublic);
    std::vector<std::string> term_names;
    const std::vector<Entry> entries = EntriesOf(*service, organization, places, term_names);
    boost::json::array categories;
    for (const std::string& term : service->term_ids) {
        if (auto found = FindTaxonomyTerm(*connection, term); found && IsCategory(found->code))
            categories.emplace_back(found->code);
    }
    boost::json::array phones;
    if (const auto* list = service->document.if_contains("phones"); list && list->is_array()) {
        for (const auto& phone : list->get_array()) {
            if (phone.is_object())
                phones.push_back({{"number", TextOrNull(phone.as_object(), "number")},
                                  {"type", TextOrNull(phone.as_object(), "type")}});
        }
    }
    boost::json::array shown_places;
    for (std::size_t i = 0; i < places.size() && i < entries.size(); ++i) {
        const Location& location = places[i].second;
        const Entry& entry = entries[i];
        const bool known_zone = i18n::IsKnownTimeZone(entry.time_zone);
        shown_places.push_back(
            {{"location_id", location.id},
             {"name", entry.place_name},
             {"confidential", location.confidential},
             {"address", AddressJson(location)},
             {"latitude", entry.latitude ? boost::json::value(*entry.latitude) : boost::json::value(nullptr)},
             {"longitude", entry.longitude ? boost::json::value(*entry.longitude) : boost::json::value(nullptr)},
             {"time_zone", entry.time_zone},
             {"hours", HoursJson(entry.hours)},
             {"open_now", known_zone && IsOpenAt(entry.hours, i18n::ToLocal(now_ms, entry.time_zone))}});
    }
    boost::json::array languages;
    for (const std::string& code : entries.empty() ? std::vector<std::string>{} : entries[0].languages)
        languages.emplace_back(code);
    const boost::json::object& document = service->document;
    return boost::json::object{{"id", service->id},
                               {"name", service->name},
                               {"status", service->status},
                               {"description", TextOrNull(document, "description")},
                               {"organization", {{"id", organization.id}, {"name", organization.name}}},
                               {"categories", std::move(categories)},
                               {"languages", std::move(languages)},
                               {"phones", std::move(phones)},
                               {"email", TextOrNull(document, "email")},
                               {"url", TextOrNull(document, "url")},
                               {"fees_description", TextOrNull(document, "fees_description")},
                               {"eligibility_description", TextOrNull(document, "eligibility_description")},
                               {"application_process", TextOrNull(document, "application_process")},
                               {"places", std::move(shown_places)}};
}

std::optional<boost::json::object> ReadOrganization(const Module& module, std::string_view hsds_id) {
    db::Lease connection = module.database().Acquire();
    auto organization = FindOrganization(*connection, hsds_id);
    if (!organization) return std::nullopt;
    boost::json::object object = ComposeOrganization(
        *organization, LocationsOf(*connection, module.keyring(), hsds_id, Trust::kPublic), Trust::kPublic);
    boost::json::array services;
    for (std::int64_t number = 1;; ++number) {
        auto page = ListServices(*connection, {.organization_id = organization->id}, {.number = number, .size = 200});
        for (const auto& [service, of] : page.items) services.push_back(ComposeServiceListItem(service, of));
        if (number * 200 >= page.total) break;
    }
    object["services"] = std::move(services);
    return object;
}

}  // namespace ponte::directory
