// The directory's search (migrations/0002): its entries, rebuilt from the records of a service
// whenever an import writes them, and the search of them by words (SQLite FTS5, PostgreSQL
// full-text search), category, language spoken, opening hours now (in each entry's time zone)
// and distance from a point (SQLite R*Tree, PostgreSQL GiST), sorted by relevance, distance or
// name, a page at a time (core/page.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "core/page.hpp"
#include "modules/directory/entries.hpp"

namespace ponte::directory {

// Writes the entries of the service of row `service_row` again, from its records.
void RefreshEntries(db::Connection& connection, std::int64_t service_row);

enum class SortBy { kName, kRelevance, kDistance };

struct Point {
    double latitude = 0;
    double longitude = 0;
};

struct SearchQuery {
    std::string text;                     // as typed; empty: any
    std::vector<std::string> categories;  // taxonomy term codes, each required
    std::string language;                 // an ISO 639 code spoken; empty: any
    bool open_now = false;
    std::optional<Point> near;
    double within_meters = 0;  // with `near`: at most this far
    SortBy sort = SortBy::kName;
};

struct Hit {
    std::int64_t entry_id = 0;
    std::string service_id;  // HSDS id
    std::string service_name;
    std::string organization_name;
    std::string status;
    std::string location_id;  // HSDS id; empty: none
    std::string place_name;
    std::optional<double> latitude;  // none: confidential, or no place
    std::optional<double> longitude;
    std::optional<std::int64_t> distance_meters;  // with `near`
    bool open_now = false;
    std::vector<std::string> languages;
    std::vector<std::string> categories;  // term codes
};

// True when the search's pages are cut on a text (the name), false on a number (the relevance or
// the distance): the kind of key its cursor holds.
bool SortsByText(const SearchQuery& query);

// One page of the active services that match, at `now` (for what is open). The sort key of a
// page's cursor is the name, the relevance (in millionths) or the distance (in meters).
core::Page<Hit> SearchEntries(db::Connection& connection, const SearchQuery& query, const core::PageRequest& page,
                              std::int64_t now_ms);

}  // namespace ponte::directory
