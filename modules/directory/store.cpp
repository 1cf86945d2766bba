#include "modules/directory/store.hpp"

#include <array>

namespace ponte::directory {
namespace {

// An update only when the document changed, so that an import run again leaves modified_at (what
// the HSDS API's modified_after reads) as it was; RETURNING then has no row, and the id is read.
constexpr std::string_view kWriteOrganization =
    "INSERT INTO directory_organizations (hsds_id, name, document, modified_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (hsds_id) DO UPDATE SET name = excluded.name, document = excluded.document, "
    "modified_at = excluded.modified_at WHERE directory_organizations.document <> excluded.document RETURNING id";
constexpr std::string_view kWriteService =
    "INSERT INTO directory_services (hsds_id, organization_id, name, status, document, modified_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hsds_id) DO UPDATE SET organization_id = excluded.organization_id, "
    "name = excluded.name, status = excluded.status, document = excluded.document, modified_at = excluded.modified_at "
    "WHERE directory_services.document <> excluded.document OR directory_services.organization_id <> "
    "excluded.organization_id RETURNING id";
constexpr std::string_view kWriteLocation =
    "INSERT INTO directory_locations (hsds_id, organization_id, latitude, longitude, confidential, document, "
    "modified_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (hsds_id) DO UPDATE SET "
    "organization_id = excluded.organization_id, latitude = excluded.latitude, longitude = excluded.longitude, "
    "confidential = excluded.confidential, document = excluded.document, modified_at = excluded.modified_at "
    "RETURNING id";
constexpr std::string_view kWritePlace = "UPDATE directory_locations SET place = $2 WHERE id = $1";
constexpr std::string_view kLocationAsItIs =
    "SELECT id, organization_id, latitude, longitude, confidential, place, document FROM directory_locations "
    "WHERE hsds_id = $1";
constexpr std::string_view kTouchService =
    "UPDATE directory_services SET modified_at = $2 WHERE id = $1 AND modified_at < $2";
constexpr std::string_view kWriteServiceAtLocation =
    "INSERT INTO directory_service_at_locations (hsds_id, service_id, location_id, document, modified_at) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hsds_id) DO UPDATE SET service_id = excluded.service_id, "
    "location_id = excluded.location_id, document = excluded.document, modified_at = excluded.modified_at "
    "WHERE directory_service_at_locations.document <> excluded.document OR directory_service_at_locations.service_id "
    "<> excluded.service_id OR directory_service_at_locations.location_id <> excluded.location_id RETURNING id";
constexpr std::string_view kWriteTaxonomy =
    "INSERT INTO directory_taxonomies (hsds_id, name, document, modified_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (hsds_id) DO UPDATE SET name = excluded.name, document = excluded.document, "
    "modified_at = excluded.modified_at WHERE directory_taxonomies.document <> excluded.document RETURNING id";
constexpr std::string_view kWriteTerm =
    "INSERT INTO directory_taxonomy_terms (hsds_id, taxonomy_id, parent_hsds_id, code, name, document, modified_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (hsds_id) DO UPDATE SET taxonomy_id = excluded.taxonomy_id, "
    "parent_hsds_id = excluded.parent_hsds_id, code = excluded.code, name = excluded.name, "
    "document = excluded.document, modified_at = excluded.modified_at "
    "WHERE directory_taxonomy_terms.document <> excluded.document RETURNING id";
constexpr std::string_view kClearServiceTerms = "DELETE FROM directory_service_terms WHERE service_id = $1";
constexpr std::string_view kAddServiceTerm =
    "INSERT INTO directory_service_terms (service_id, term_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

constexpr std::array<std::string_view, 6> kRowOf = {"SELECT id FROM directory_organizations WHERE hsds_id = $1",
                                                    "SELECT id FROM directory_services WHERE hsds_id = $1",
                                                    "SELECT id FROM directory_locations WHERE hsds_id = $1",
                                                    "SELECT id FROM directory_service_at_locations WHERE hsds_id = $1",
                                                    "SELECT id FROM directory_taxonomies WHERE hsds_id = $1",
                                                    "SELECT id FROM directory_taxonomy_terms WHERE hsds_id = $1"};
constexpr std::array<std::string_view, 6> kCount = {
    "SELECT COUNT(*) FROM directory_organizations", "SELECT COUNT(*) FROM directory_services",
    "SELECT COUNT(*) FROM directory_locations",     "SELECT COUNT(*) FROM directory_service_at_locations",
    "SELECT COUNT(*) FROM directory_taxonomies",    "SELECT COUNT(*) FROM directory_taxonomy_terms"};

constexpr std::string_view kOrganizationColumns = "o.hsds_id, o.name, o.document";
constexpr std::string_view kFindOrganization =
    "SELECT o.hsds_id, o.name, o.document FROM directory_organizations o WHERE o.hsds_id = $1";
constexpr std::string_view kFindService =
    "SELECT s.hsds_id, o.hsds_id, s.name, s.status, s.document FROM directory_services s "
    "JOIN directory_organizations o ON o.id = s.organization_id WHERE s.hsds_id = $1";
constexpr std::string_view kServiceTerms =
    "SELECT t.hsds_id FROM directory_service_terms st JOIN directory_taxonomy_terms t ON t.id = st.term_id "
    "JOIN directory_services s ON s.id = st.service_id WHERE s.hsds_id = $1 ORDER BY t.hsds_id";
constexpr std::string_view kFindTaxonomy =
    "SELECT hsds_id, name, document FROM directory_taxonomies WHERE hsds_id = $1";
constexpr std::string_view kTermColumns =
    "SELECT t.hsds_id, x.hsds_id, t.parent_hsds_id, t.code, t.name, t.document FROM directory_taxonomy_terms t "
    "LEFT JOIN directory_taxonomies x ON x.id = t.taxonomy_id ";
constexpr std::string_view kFindTerm =
    "SELECT t.hsds_id, x.hsds_id, t.parent_hsds_id, t.code, t.name, t.document FROM directory_taxonomy_terms t "
    "LEFT JOIN directory_taxonomies x ON x.id = t.taxonomy_id WHERE t.hsds_id = $1";
constexpr std::string_view kPlaces =
    "SELECT a.hsds_id, a.document, l.id, l.hsds_id, lo.hsds_id, l.latitude, l.longitude, l.confidential, l.place, "
    "l.document FROM directory_service_at_locations a JOIN directory_services s ON s.id = a.service_id "
    "JOIN directory_locations l ON l.id = a.location_id LEFT JOIN directory_organizations lo ON lo.id = "
    "l.organization_id WHERE s.hsds_id = $1 ORDER BY a.id";

constexpr std::string_view kLocationsOf =
    "SELECT l.id, l.hsds_id, o.hsds_id, l.latitude, l.longitude, l.confidential, l.place, l.document "
    "FROM directory_locations l JOIN directory_organizations o ON o.id = l.organization_id WHERE o.hsds_id = $1 "
    "ORDER BY l.id";

// A page of services, filtered: the filters that are not asked for are NULL.
constexpr std::string_view kServiceFilter =
    "FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id "
    "WHERE ($1 = '' OR o.hsds_id = $1) "
    "AND ($2 = '' OR EXISTS (SELECT 1 FROM directory_service_terms st JOIN directory_taxonomy_terms t "
    "ON t.id = st.term_id WHERE st.service_id = s.id AND t.hsds_id = $2)) "
    "AND ($3 = '' OR EXISTS (SELECT 1 FROM directory_service_terms st JOIN directory_taxonomy_terms t "
    "ON t.id = st.term_id JOIN directory_taxonomies x ON x.id = t.taxonomy_id WHERE st.service_id = s.id "
    "AND x.hsds_id = $3)) AND s.modified_at > $4";

boost::json::object Document(const db::Result& rows, std::size_t row, std::size_t column) {
    return boost::json::parse(rows.Text(row, column)).as_object();
}

std::string OptionalText(const db::Result& rows, std::size_t row, std::size_t column) {
    return rows.IsNull(row, column) ? std::string() : rows.Text(row, column);
}

db::Value OptionalNumber(const std::optional<double>& number) {
    return number ? db::Value{*number} : db::Value{nullptr};
}

db::Value EmptyIsNull(const std::string& text) { return text.empty() ? db::Value{nullptr} : db::Value{text}; }

// The row id a write returned (it changed the row), or the existing row's when it changed nothing.
Written WrittenRow(db::Connection& connection, const db::Result& written, Table table, const std::string& hsds_id) {
    if (!written.empty()) return {written.Int(0, 0), true};
    return {RowOf(connection, table, hsds_id).value(), false};
}

std::string PlaceContext(std::int64_t row) { return crypto::FieldContext("directory_locations", "place", row); }

Organization OrganizationAt(const db::Result& rows, std::size_t row, std::size_t first) {
    return {.id = rows.Text(row, first), .name = rows.Text(row, first + 1), .document = Document(rows, row, first + 2)};
}

TaxonomyTerm TermAt(const db::Result& rows, std::size_t row) {
    return {.id = rows.Text(row, 0),
            .taxonomy_id = OptionalText(rows, row, 1),
            .parent_id = OptionalText(rows, row, 2),
            .code = OptionalText(rows, row, 3),
            .name = rows.Text(row, 4),
            .document = Document(rows, row, 5)};
}

std::string Limits(const PageAsked& page) {
    return " LIMIT " + std::to_string(page.size) + " OFFSET " + std::to_string((page.number - 1) * page.size);
}

}  // namespace

std::optional<std::int64_t> RowOf(db::Connection& connection, Table table, std::string_view hsds_id) {
    auto rows = connection.Execute(kRowOf[static_cast<std::size_t>(table)], {std::string(hsds_id)});
    if (rows.empty()) return std::nullopt;
    return rows.Int(0, 0);
}

Written WriteOrganization(db::Connection& connection, const Organization& organization, std::int64_t now) {
    auto written = connection.Execute(
        kWriteOrganization, {organization.id, organization.name, boost::json::serialize(organization.document), now});
    return WrittenRow(connection, written, Table::kOrganizations, organization.id);
}

Written WriteService(db::Connection& connection, const Service& service, std::int64_t organization_row,
                     const std::vector<std::int64_t>& term_rows, std::int64_t now) {
    auto written = connection.Execute(kWriteService, {service.id, organization_row, service.name, service.status,
                                                      boost::json::serialize(service.document), now});
    const Written row = WrittenRow(connection, written, Table::kServices, service.id);
    if (row.changed) {
        connection.Execute(kClearServiceTerms, {row.row});
        for (std::int64_t term : term_rows) connection.Execute(kAddServiceTerm, {row.row, term});
    }
    return row;
}

Written WriteLocation(db::Connection& connection, const crypto::Keyring& keyring, const Location& location,
                      std::int64_t organization_row, std::int64_t now) {
    // Its place is sealed under a new nonce each time: compared opened, to know whether it changed.
    if (auto was = connection.Execute(kLocationAsItIs, {location.id}); !was.empty()) {
        const std::int64_t row = was.Int(0, 0);
        const bool same_place =
            was.IsNull(0, 5)
                ? !location.confidential
                : location.confidential &&
                      boost::json::parse(keyring.Open(was.Text(0, 5), PlaceContext(row))).as_object() == location.place;
        const auto real = [&](std::size_t column) {
            return was.IsNull(0, column) ? std::optional<double>() : std::optional<double>(was.Real(0, column));
        };
        if (same_place && (was.IsNull(0, 1) ? 0 : was.Int(0, 1)) == organization_row && real(2) == location.latitude &&
            real(3) == location.longitude && (was.Int(0, 4) != 0) == location.confidential &&
            Document(was, 0, 6) == location.document) {
            return {row, false};
        }
    }
    auto written = connection.Execute(kWriteLocation,
                                      {location.id, db::NullIfZero(organization_row), OptionalNumber(location.latitude),
                                       OptionalNumber(location.longitude), std::int64_t{location.confidential ? 1 : 0},
                                       boost::json::serialize(location.document), now});
    const std::int64_t row = written.Int(0, 0);
    connection.Execute(
        kWritePlace,
        {row, location.confidential ? db::Value{keyring.Seal(boost::json::serialize(location.place), PlaceContext(row))}
                                    : db::Value{nullptr}});
    return {row, true};
}

std::optional<boost::json::object> SealedPlace(db::Connection& connection, const crypto::Keyring& keyring,
                                               std::string_view hsds_id) {
    auto rows = connection.Execute(kLocationAsItIs, {std::string(hsds_id)});
    if (rows.empty() || rows.IsNull(0, 5)) return std::nullopt;
    return boost::json::parse(keyring.Open(rows.Text(0, 5), PlaceContext(rows.Int(0, 0)))).as_object();
}

bool IsConfidential(db::Connection& connection, std::string_view hsds_id) {
    auto rows = connection.Execute(kLocationAsItIs, {std::string(hsds_id)});
    return !rows.empty() && rows.Int(0, 4) != 0;
}

void TouchServices(db::Connection& connection, const std::set<std::int64_t>& rows, std::int64_t now) {
    for (std::int64_t row : rows) connection.Execute(kTouchService, {row, now});
}

Written WriteServiceAtLocation(db::Connection& connection, const ServiceAtLocation& at, std::int64_t service_row,
                               std::int64_t location_row, std::int64_t now) {
    auto written = connection.Execute(kWriteServiceAtLocation,
                                      {at.id, service_row, location_row, boost::json::serialize(at.document), now});
    return WrittenRow(connection, written, Table::kServiceAtLocations, at.id);
}

Written WriteTaxonomy(db::Connection& connection, const Taxonomy& taxonomy, std::int64_t now) {
    auto written = connection.Execute(kWriteTaxonomy,
                                      {taxonomy.id, taxonomy.name, boost::json::serialize(taxonomy.document), now});
    return WrittenRow(connection, written, Table::kTaxonomies, taxonomy.id);
}

Written WriteTaxonomyTerm(db::Connection& connection, const TaxonomyTerm& term, std::int64_t taxonomy_row,
                          std::int64_t now) {
    auto written =
        connection.Execute(kWriteTerm, {term.id, db::NullIfZero(taxonomy_row), EmptyIsNull(term.parent_id),
                                        EmptyIsNull(term.code), term.name, boost::json::serialize(term.document), now});
    return WrittenRow(connection, written, Table::kTaxonomyTerms, term.id);
}

std::optional<Organization> FindOrganization(db::Connection& connection, std::string_view hsds_id) {
    auto rows = connection.Execute(kFindOrganization, {std::string(hsds_id)});
    if (rows.empty()) return std::nullopt;
    return OrganizationAt(rows, 0, 0);
}

std::optional<Service> FindService(db::Connection& connection, std::string_view hsds_id) {
    auto rows = connection.Execute(kFindService, {std::string(hsds_id)});
    if (rows.empty()) return std::nullopt;
    Service service{.id = rows.Text(0, 0),
                    .organization_id = rows.Text(0, 1),
                    .name = rows.Text(0, 2),
                    .status = rows.Text(0, 3),
                    .document = Document(rows, 0, 4)};
    auto terms = connection.Execute(kServiceTerms, {std::string(hsds_id)});
    for (std::size_t row = 0; row < terms.size(); ++row) service.term_ids.push_back(terms.Text(row, 0));
    return service;
}

std::optional<Taxonomy> FindTaxonomy(db::Connection& connection, std::string_view hsds_id) {
    auto rows = connection.Execute(kFindTaxonomy, {std::string(hsds_id)});
    if (rows.empty()) return std::nullopt;
    return Taxonomy{.id = rows.Text(0, 0), .name = rows.Text(0, 1), .document = Document(rows, 0, 2)};
}

std::optional<TaxonomyTerm> FindTaxonomyTerm(db::Connection& connection, std::string_view hsds_id) {
    auto rows = connection.Execute(kFindTerm, {std::string(hsds_id)});
    if (rows.empty()) return std::nullopt;
    return TermAt(rows, 0);
}

namespace {

// The location of the columns from `first` on: its row id, HSDS id, organization's HSDS id,
// latitude, longitude, confidential, place and document.
Location LocationAt(const db::Result& rows, std::size_t row, std::size_t first, const crypto::Keyring& keyring,
                    Trust trust) {
    Location location{.id = rows.Text(row, first + 1),
                      .organization_id = OptionalText(rows, row, first + 2),
                      .confidential = rows.Int(row, first + 5) != 0,
                      .document = Document(rows, row, first + 7)};
    if (!rows.IsNull(row, first + 3)) location.latitude = rows.Real(row, first + 3);
    if (!rows.IsNull(row, first + 4)) location.longitude = rows.Real(row, first + 4);
    if (location.confidential && trust == Trust::kTrusted && !rows.IsNull(row, first + 6)) {
        location.place =
            boost::json::parse(keyring.Open(rows.Text(row, first + 6), PlaceContext(rows.Int(row, first)))).as_object();
    }
    return location;
}

}  // namespace

std::vector<Location> LocationsOf(db::Connection& connection, const crypto::Keyring& keyring,
                                  std::string_view organization_hsds_id, Trust trust) {
    auto rows = connection.Execute(kLocationsOf, {std::string(organization_hsds_id)});
    std::vector<Location> locations;
    for (std::size_t row = 0; row < rows.size(); ++row) locations.push_back(LocationAt(rows, row, 0, keyring, trust));
    return locations;
}

std::vector<std::pair<ServiceAtLocation, Location>> PlacesOf(db::Connection& connection, const crypto::Keyring& keyring,
                                                             std::string_view service_hsds_id, Trust trust) {
    auto rows = connection.Execute(kPlaces, {std::string(service_hsds_id)});
    std::vector<std::pair<ServiceAtLocation, Location>> places;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        ServiceAtLocation at{.id = rows.Text(row, 0),
                             .service_id = std::string(service_hsds_id),
                             .location_id = rows.Text(row, 3),
                             .document = Document(rows, row, 1)};
        Location location = LocationAt(rows, row, 2, keyring, trust);
        places.emplace_back(std::move(at), std::move(location));
    }
    return places;
}

ListPage<std::pair<Service, Organization>> ListServices(db::Connection& connection, const ServiceFilter& filter,
                                                        const PageAsked& page) {
    const std::initializer_list<db::Value> params = {filter.organization_id, filter.taxonomy_term_id,
                                                     filter.taxonomy_id, filter.modified_after};
    ListPage<std::pair<Service, Organization>> out;
    out.total = connection.Execute(std::string("SELECT COUNT(*) ") + std::string(kServiceFilter), params).Int(0, 0);
    auto rows = connection.Execute(std::string("SELECT s.hsds_id, s.name, s.status, s.document, ") +
                                       std::string(kOrganizationColumns) + " " + std::string(kServiceFilter) +
                                       " ORDER BY s.hsds_id" + Limits(page),
                                   params);
    for (std::size_t row = 0; row < rows.size(); ++row) {
        Organization organization = OrganizationAt(rows, row, 4);
        Service service{.id = rows.Text(row, 0),
                        .organization_id = organization.id,
                        .name = rows.Text(row, 1),
                        .status = rows.Text(row, 2),
                        .document = Document(rows, row, 3)};
        out.items.emplace_back(std::move(service), std::move(organization));
    }
    return out;
}

ListPage<Organization> ListOrganizations(db::Connection& connection, const PageAsked& page) {
    ListPage<Organization> out;
    out.total = connection.Execute(kCount[0]).Int(0, 0);
    auto rows = connection.Execute("SELECT " + std::string(kOrganizationColumns) +
                                   " FROM directory_organizations o ORDER BY o.hsds_id" + Limits(page));
    for (std::size_t row = 0; row < rows.size(); ++row) out.items.push_back(OrganizationAt(rows, row, 0));
    return out;
}

ListPage<Taxonomy> ListTaxonomies(db::Connection& connection, const PageAsked& page) {
    ListPage<Taxonomy> out;
    out.total = connection.Execute(kCount[4]).Int(0, 0);
    auto rows =
        connection.Execute("SELECT hsds_id, name, document FROM directory_taxonomies ORDER BY hsds_id" + Limits(page));
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.items.push_back({.id = rows.Text(row, 0), .name = rows.Text(row, 1), .document = Document(rows, row, 2)});
    }
    return out;
}

ListPage<TaxonomyTerm> ListTaxonomyTerms(db::Connection& connection, std::string_view taxonomy_id, bool top_only,
                                         const PageAsked& page) {
    constexpr std::string_view kWhere = "WHERE ($1 = '' OR x.hsds_id = $1) AND ($2 = 0 OR t.parent_hsds_id IS NULL)";
    const std::initializer_list<db::Value> params = {std::string(taxonomy_id), std::int64_t{top_only ? 1 : 0}};
    ListPage<TaxonomyTerm> out;
    out.total = connection
                    .Execute(
                        "SELECT COUNT(*) FROM directory_taxonomy_terms t LEFT JOIN directory_taxonomies x ON "
                        "x.id = t.taxonomy_id " +
                            std::string(kWhere),
                        params)
                    .Int(0, 0);
    auto rows = connection.Execute(
        std::string(kTermColumns) + std::string(kWhere) + " ORDER BY t.hsds_id" + Limits(page), params);
    for (std::size_t row = 0; row < rows.size(); ++row) out.items.push_back(TermAt(rows, row));
    return out;
}

std::vector<std::int64_t> ServicesOf(db::Connection& connection, Table table, std::int64_t row) {
    std::string_view sql;
    switch (table) {
        case Table::kOrganizations:
            sql = "SELECT id FROM directory_services WHERE organization_id = $1";
            break;
        case Table::kLocations:
            sql = "SELECT service_id FROM directory_service_at_locations WHERE location_id = $1";
            break;
        case Table::kServiceAtLocations:
            sql = "SELECT service_id FROM directory_service_at_locations WHERE id = $1";
            break;
        case Table::kTaxonomyTerms:
            sql = "SELECT service_id FROM directory_service_terms WHERE term_id = $1";
            break;
        case Table::kServices:
            return {row};
        case Table::kTaxonomies:
            return {};
    }
    auto rows = connection.Execute(sql, {row});
    std::vector<std::int64_t> services;
    for (std::size_t i = 0; i < rows.size(); ++i) services.push_back(rows.Int(i, 0));
    return services;
}

Directory ReadWholeDirectory(db::Connection& connection, const crypto::Keyring& keyring, Trust trust) {
    Directory out;
    auto organizations = connection.Execute("SELECT " + std::string(kOrganizationColumns) +
                                            " FROM directory_organizations o ORDER BY o.hsds_id");
    for (std::size_t row = 0; row < organizations.size(); ++row)
        out.organizations.push_back(OrganizationAt(organizations, row, 0));
    auto services = connection.Execute(
        "SELECT s.hsds_id, o.hsds_id, s.name, s.status, s.document FROM directory_services s "
        "JOIN directory_organizations o ON o.id = s.organization_id ORDER BY s.hsds_id");
    for (std::size_t row = 0; row < services.size(); ++row) {
        out.services.push_back({.id = services.Text(row, 0),
                                .organization_id = services.Text(row, 1),
                                .name = services.Text(row, 2),
                                .status = services.Text(row, 3),
                                .term_ids = {},
                                .document = Document(services, row, 4),
                                .at = {}});
    }
    auto locations = connection.Execute(
        "SELECT l.id, l.hsds_id, o.hsds_id, l.latitude, l.longitude, l.confidential, l.place, l.document "
        "FROM directory_locations l LEFT JOIN directory_organizations o ON o.id = l.organization_id "
        "ORDER BY l.hsds_id");
    for (std::size_t row = 0; row < locations.size(); ++row)
        out.locations.push_back(LocationAt(locations, row, 0, keyring, trust));
    auto at_locations = connection.Execute(
        "SELECT a.hsds_id, s.hsds_id, l.hsds_id, a.document FROM directory_service_at_locations a "
        "JOIN directory_services s ON s.id = a.service_id JOIN directory_locations l ON l.id = a.location_id "
        "ORDER BY a.hsds_id");
    for (std::size_t row = 0; row < at_locations.size(); ++row) {
        out.service_at_locations.push_back({.id = at_locations.Text(row, 0),
                                            .service_id = at_locations.Text(row, 1),
                                            .location_id = at_locations.Text(row, 2),
                                            .document = Document(at_locations, row, 3),
                                            .at = {}});
    }
    auto taxonomies = connection.Execute("SELECT hsds_id, name, document FROM directory_taxonomies ORDER BY hsds_id");
    for (std::size_t row = 0; row < taxonomies.size(); ++row) {
        out.taxonomies.push_back(
            {.id = taxonomies.Text(row, 0), .name = taxonomies.Text(row, 1), .document = Document(taxonomies, row, 2)});
    }
    auto terms = connection.Execute(std::string(kTermColumns) + "ORDER BY t.hsds_id");
    for (std::size_t row = 0; row < terms.size(); ++row) out.taxonomy_terms.push_back(TermAt(terms, row));
    return out;
}

std::vector<std::int64_t> CountRecords(db::Connection& connection) {
    std::vector<std::int64_t> counts;
    counts.reserve(kCount.size());
    for (std::string_view sql : kCount) counts.push_back(connection.Execute(sql).Int(0, 0));
    return counts;
}

}  // namespace ponte::directory
