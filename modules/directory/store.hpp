// The directory's tables (migrations/0001): each record written by its HSDS id, so that an import
// run again updates what it wrote before and never doubles it, and read back by HSDS id or in
// pages. A confidential location's place is sealed with the field encryption's keys.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "modules/directory/model.hpp"

namespace ponte::directory {

// The row id of the record of `hsds_id` in `table` (one of the directory's tables), if any.
enum class Table { kOrganizations, kServices, kLocations, kServiceAtLocations, kTaxonomies, kTaxonomyTerms };
std::optional<std::int64_t> RowOf(db::Connection& connection, Table table, std::string_view hsds_id);

// What a write did: the record's row id, and whether it changed anything (a record written again
// as it was leaves its row, and its modified_at, as they were).
struct Written {
    std::int64_t row = 0;
    bool changed = false;
};

// Each writes the record under its HSDS id, inserting or updating it. The ids of what it refers
// to are rows ids, found by the caller (RowOf).
Written WriteOrganization(db::Connection& connection, const Organization& organization, std::int64_t now);
Written WriteService(db::Connection& connection, const Service& service, std::int64_t organization_row,
                     const std::vector<std::int64_t>& term_rows, std::int64_t now);
Written WriteLocation(db::Connection& connection, const crypto::Keyring& keyring, const Location& location,
                      std::int64_t organization_row, std::int64_t now);
Written WriteServiceAtLocation(db::Connection& connection, const ServiceAtLocation& at, std::int64_t service_row,
                               std::int64_t location_row, std::int64_t now);
Written WriteTaxonomy(db::Connection& connection, const Taxonomy& taxonomy, std::int64_t now);
Written WriteTaxonomyTerm(db::Connection& connection, const TaxonomyTerm& term, std::int64_t taxonomy_row,
                          std::int64_t now);

// True when the location of `hsds_id` is held as confidential.
bool IsConfidential(db::Connection& connection, std::string_view hsds_id);

// The sealed place of the confidential location `hsds_id`, opened; nullopt when there is none.
std::optional<boost::json::object> SealedPlace(db::Connection& connection, const crypto::Keyring& keyring,
                                               std::string_view hsds_id);

// Marks the services of `rows` as modified at `now` (a part of them changed).
void TouchServices(db::Connection& connection, const std::set<std::int64_t>& rows, std::int64_t now);

std::optional<Organization> FindOrganization(db::Connection& connection, std::string_view hsds_id);
std::optional<Service> FindService(db::Connection& connection, std::string_view hsds_id);
std::optional<Taxonomy> FindTaxonomy(db::Connection& connection, std::string_view hsds_id);
std::optional<TaxonomyTerm> FindTaxonomyTerm(db::Connection& connection, std::string_view hsds_id);

// A service's locations, each with the link that places it there, in the order they were written.
// A confidential place is opened with `keyring` for a trusted reader only (left closed for a
// public one, who needs no key).
std::vector<std::pair<ServiceAtLocation, Location>> PlacesOf(db::Connection& connection, const crypto::Keyring& keyring,
                                                             std::string_view service_hsds_id, Trust trust);

// An organization's locations, in the order they were first written.
std::vector<Location> LocationsOf(db::Connection& connection, const crypto::Keyring& keyring,
                                  std::string_view organization_hsds_id, Trust trust);

// One page of an HSDS list: page numbers from 1, as the HSDS API counts them.
struct PageAsked {
    std::int64_t number = 1;
    std::int64_t size = 50;
};

template <typename Record>
struct ListPage {
    std::vector<Record> items;
    std::int64_t total = 0;
};

struct ServiceFilter {
    std::string organization_id;   // HSDS id; empty: any
    std::string taxonomy_term_id;  // HSDS id; empty: any
    std::string taxonomy_id;       // HSDS id: services with any term of it; empty: any
    std::int64_t modified_after = 0;
};

// Services in HSDS id order, each with its organization.
ListPage<std::pair<Service, Organization>> ListServices(db::Connection& connection, const ServiceFilter& filter,
                                                        const PageAsked& page);
ListPage<Organization> ListOrganizations(db::Connection& connection, const PageAsked& page);
ListPage<Taxonomy> ListTaxonomies(db::Connection& connection, const PageAsked& page);
// Terms of one taxonomy (its HSDS id; empty: all), or only the top ones.
ListPage<TaxonomyTerm> ListTaxonomyTerms(db::Connection& connection, std::string_view taxonomy_id, bool top_only,
                                         const PageAsked& page);

// The row ids of the services whose search entries a record of `table` (its row id) is part of:
// an organization's services, those at a location, a service at a location's, those with a term.
std::vector<std::int64_t> ServicesOf(db::Connection& connection, Table table, std::int64_t row);

// Every record of the directory, each list in HSDS id order (a service's term_ids left empty: its
// attributes name them). A confidential place is opened for a trusted reader only.
Directory ReadWholeDirectory(db::Connection& connection, const crypto::Keyring& keyring, Trust trust);

// How many records each table holds, in Table order.
std::vector<std::int64_t> CountRecords(db::Connection& connection);

}  // namespace ponte::directory
