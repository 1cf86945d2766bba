// The directory's records: each HSDS object that has a row of its own (organization, service,
// location, service at a location, taxonomy, taxonomy term), with the columns the directory
// searches on and its HSDS document. A document holds what the object owns (phones, schedules,
// languages, contacts, attributes, ...) but not the objects that have rows of their own, which an
// export puts back in (ComposeService). Pure: no I/O.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::directory {

// One thing wrong with an import, for its validation report: the file, the row of a table (1 for
// the first row under the header; 0 in a JSON file) and the field, dotted for a nested one
// ("services.0.service_at_locations.1.location.latitude"), with a code ("required", "unknown",
// "type", "format", "too_large", "duplicate", "ends_before_start", "not_found", ...).
struct Problem {
    std::string file;
    std::int64_t row = 0;
    std::string field;
    std::string code;
};

struct Organization {
    std::string id;  // the HSDS id, a UUID
    std::string name;
    boost::json::object document;
};

struct Service {
    std::string id;
    std::string organization_id;
    std::string name;
    std::string status;
    std::vector<std::string> term_ids;  // the taxonomy terms its attributes name
    boost::json::object document;
    std::string at;  // where an import held it ("services.0"), for its report
};

struct Location {
    std::string id;
    std::string organization_id;  // empty: none
    std::optional<double> latitude;
    std::optional<double> longitude;
    // A confidential location (a shelter): its addresses, coordinates and directions are in
    // `place`, never in `document`, and only trusted readers see them.
    bool confidential = false;
    boost::json::object place;
    boost::json::object document;
    std::string at;  // where an import held it ("services.0"), for its report
};

struct ServiceAtLocation {
    std::string id;
    std::string service_id;
    std::string location_id;
    boost::json::object document;
    std::string at;  // where an import held it ("services.0"), for its report
};

struct Taxonomy {
    std::string id;
    std::string name;
    boost::json::object document;
};

struct TaxonomyTerm {
    std::string id;
    std::string taxonomy_id;  // empty: none
    std::string parent_id;    // empty: a top term
    std::string code;
    std::string name;
    boost::json::object document;
    std::string at;  // where an import held it ("services.0"), for its report
};

// A set of HSDS objects, each once.
struct Directory {
    std::vector<Organization> organizations;
    std::vector<Service> services;
    std::vector<Location> locations;
    std::vector<ServiceAtLocation> service_at_locations;
    std::vector<Taxonomy> taxonomies;
    std::vector<TaxonomyTerm> taxonomy_terms;
};

struct Reading {
    Directory directory;
    std::vector<Problem> problems;  // empty when the whole input may be imported
};

// Reads an import in HSDS JSON: an object with any of "organizations", "services", "locations",
// "service_at_locations", "taxonomies" and "taxonomy_terms", each an array of HSDS objects or an
// HSDS page of them ({"contents": [...]}), as nested as HSDS writes them (a service with its
// organization and its locations). Checks it against the HSDS schema of each kind (KindSchema)
// and then what a schema cannot say: opening hours that end before they start, coordinates
// without their pair, an id used twice for different objects, a service without an organization.
// What the input names but does not hold (a service's organization_id) is checked by the import
// against the directory.
Reading ReadJsonImport(const boost::json::value& input, std::string_view file);

// What the public sees of a confidential location: its name and what it says of itself, the
// languages spoken, how to call it and when. Everything else (addresses, coordinates, directions,
// external identifiers, accessibility, its metadata, which may hold an old address) is its place.
inline constexpr std::string_view kConfidentialKeeps[] = {
    "id",     "location_type", "name",       "alternate_name",     "description",    "languages",
    "phones", "schedules",     "attributes", "ponte_confidential", "ponte_time_zone"};

// Moves what a confidential location keeps from the public out of its document into its place,
// and marks it confidential.
void MakeConfidential(Location& location);

// What a reader of the directory may see of a confidential location's place.
enum class Trust { kPublic, kTrusted };

// The location as HSDS writes it, its place put back for a trusted reader.
boost::json::object ComposeLocation(const Location& location, Trust trust);

// An organization as the HSDS API writes it: its document with its locations, without Ponte's
// own fields.
boost::json::object ComposeOrganization(const Organization& organization, const std::vector<Location>& locations,
                                        Trust trust);

// A service as the HSDS API's "fully nested service" writes it: its document, its organization
// (ComposeOrganization) and its locations (service_at_locations, each with its location).
boost::json::object ComposeService(const Service& service, const boost::json::object& organization,
                                   const std::vector<std::pair<ServiceAtLocation, Location>>& places, Trust trust);

// A service as the HSDS API's lists write it: its own fields, with its organization's.
boost::json::object ComposeServiceListItem(const Service& service, const Organization& organization);

// The whole of `directory` as a public reader may see it, each record once as HSDS writes it and
// without Ponte's own fields, in the lists an import reads: {"organizations": [...], "services":
// [...], "locations": [...], "service_at_locations": [...], "taxonomies": [...], "taxonomy_terms":
// [...]}. A record names the ones it belongs to by id (a service its organization_id, a service at
// a location its service_id and location_id). A confidential location shows only what it keeps
// from the public (kConfidentialKeeps).
boost::json::object ExportJson(const Directory& directory);

// The fields of `object` that are not arrays or objects: what HSDS's lists show.
boost::json::object OneToOneFields(const boost::json::object& object);

}  // namespace ponte::directory
