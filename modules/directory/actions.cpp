#include "modules/directory/actions.hpp"

#include <map>
#include <set>

#include "modules/directory/search.hpp"

namespace ponte::directory {
namespace {

// The row ids of what an import wrote, by HSDS id, and of what it found in the directory.
class Rows {
  public:
    Rows(db::Connection& connection, std::string file) : connection_(connection), file_(std::move(file)) {}

    void Wrote(Table table, const std::string& hsds_id, std::int64_t row) {
        rows_[{table, hsds_id}] = row;
        for (std::int64_t service : ServicesOf(connection_, table, row)) touched_.insert(service);
    }

    // The services whose search entries what was written is part of.
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
    for (const Location& location : in.locations) {
        const std::int64_t organization =
            rows.Find(Table::kOrganizations, location.organization_id, Field(location.at, "organization_id"));
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
        rows.Wrote(Table::kServiceAtLocations, at.id, WriteServiceAtLocation(connection, at, service, location, now));
    }
    rows.Check();
    for (std::int64_t service : rows.touched()) RefreshEntries(connection, service);
}

std::optional<boost::json::object> ReadService(const Module& module, std::string_view hsds_id) {
    db::Lease connection = module.database().Acquire();
    auto service = FindService(*connection, hsds_id);
    if (!service) return std::nullopt;
    auto organization = FindOrganization(*connection, service->organization_id);
    return ComposeService(
        *service,
        ComposeOrganization(organization.value(), LocationsOf(*connection, module.keyring(), organization->id),
                            Trust::kPublic),
        PlacesOf(*connection, module.keyring(), hsds_id), Trust::kPublic);
}

std::optional<boost::json::object> ReadOrganization(const Module& module, std::string_view hsds_id) {
    db::Lease connection = module.database().Acquire();
    auto organization = FindOrganization(*connection, hsds_id);
    if (!organization) return std::nullopt;
    boost::json::object object =
        ComposeOrganization(*organization, LocationsOf(*connection, module.keyring(), hsds_id), Trust::kPublic);
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
