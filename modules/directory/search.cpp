#include "modules/directory/search.hpp"

#include <cmath>
#include <numbers>
#include <set>

#include "core/i18n/local_time.hpp"

namespace ponte::directory {
namespace {

constexpr std::string_view kServiceOf =
    "SELECT s.hsds_id, s.name, s.status, s.document, o.hsds_id, o.name, o.document FROM directory_services s "
    "JOIN directory_organizations o ON o.id = s.organization_id WHERE s.id = $1";
// A confidential place is not read: an entry of it has no coordinates.
constexpr std::string_view kPlacesOf =
    "SELECT a.hsds_id, a.document, l.id, l.hsds_id, l.latitude, l.longitude, l.confidential, l.document "
    "FROM directory_service_at_locations a JOIN directory_locations l ON l.id = a.location_id "
    "WHERE a.service_id = $1 ORDER BY a.id";
constexpr std::string_view kTermNames =
    "SELECT t.name FROM directory_service_terms st JOIN directory_taxonomy_terms t ON t.id = st.term_id "
    "WHERE st.service_id = $1 ORDER BY t.id";
constexpr std::string_view kClearEntries = "DELETE FROM directory_entries WHERE service_id = $1";
constexpr std::string_view kInsertEntry =
    "INSERT INTO directory_entries (service_id, location_id, status, name, place_name, latitude, longitude, "
    "time_zone, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr std::string_view kInsertLanguage =
    "INSERT INTO directory_entry_languages (entry_id, code) VALUES ($1, $2) ON CONFLICT DO NOTHING";
constexpr std::string_view kInsertHours =
    "INSERT INTO directory_entry_hours (entry_id, day, opens, closes, valid_from, valid_to) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kInsertZone = "INSERT INTO directory_time_zones (zone) VALUES ($1) ON CONFLICT DO NOTHING";
constexpr std::string_view kZones = "SELECT zone FROM directory_time_zones ORDER BY zone";

constexpr double kEarthDiameterMeters = 2 * 6371008.8;
constexpr double kMetersPerDegree = 111320.0;

db::Value Optional(const std::optional<double>& value) { return value ? db::Value{*value} : db::Value{nullptr}; }
db::Value EmptyIsNull(const std::string& text) { return text.empty() ? db::Value{nullptr} : db::Value{text}; }

std::vector<std::string> Words(const db::Result& rows, std::size_t row, std::size_t column) {
    std::vector<std::string> words;
    if (rows.IsNull(row, column)) return words;
    const std::string& text = rows.Text(row, column);
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find(' ', start), text.size());
        if (end > start) words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    std::ranges::sort(words);
    return words;
}

// Statement text and its parameters, numbered as they are added.
class Statement {
  public:
    std::string Param(db::Value value) {
        params_.push_back(std::move(value));
        return "$" + std::to_string(params_.size());
    }
    std::vector<db::Value>& params() { return params_; }

  private:
    std::vector<db::Value> params_;
};

// "Open now" in each time zone of the directory: the day, minute and date its clocks show.
std::string OpenCondition(db::Connection& connection, Statement& statement, std::int64_t now_ms) {
    auto zones = connection.Execute(kZones);
    std::string any;
    for (std::size_t row = 0; row < zones.size(); ++row) {
        const std::string& zone = zones.Text(row, 0);
        if (!i18n::IsKnownTimeZone(zone)) continue;
        const i18n::LocalTime local = i18n::ToLocal(now_ms, zone);
        char date[11];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", local.year, local.month, local.day);
        const std::string minute = statement.Param(std::int64_t{local.minute});
        const std::string day = statement.Param(std::string(date));
        if (!any.empty()) any += " OR ";
        any += "(e.time_zone = ";
        any += statement.Param(zone);
        any += " AND h.day = ";
        any += statement.Param(std::int64_t{local.weekday});
        any += " AND h.opens <= ";
        any += minute;
        any += " AND h.closes > ";
        any += minute;
        any += " AND (h.valid_from IS NULL OR h.valid_from <= ";
        any += day;
        any += ") AND (h.valid_to IS NULL OR h.valid_to >= ";
        any += day;
        any += "))";
    }
    if (any.empty()) return "(1 = 0)";
    return "EXISTS (SELECT 1 FROM directory_entry_hours h WHERE h.entry_id = e.id AND (" + any + "))";
}

}  // namespace

void RefreshEntries(db::Connection& connection, std::int64_t service_row) {
    auto of = connection.Execute(kServiceOf, {service_row});
    connection.Execute(kClearEntries, {service_row});
    if (of.empty()) return;
    const Service service{.id = of.Text(0, 0),
                          .organization_id = of.Text(0, 4),
                          .name = of.Text(0, 1),
                          .status = of.Text(0, 2),
                          .document = boost::json::parse(of.Text(0, 3)).as_object()};
    const Organization organization{
        .id = of.Text(0, 4), .name = of.Text(0, 5), .document = boost::json::parse(of.Text(0, 6)).as_object()};
    auto rows = connection.Execute(kPlacesOf, {service_row});
    std::vector<std::pair<ServiceAtLocation, Location>> places;
    std::vector<std::int64_t> location_rows;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        Location location{.id = rows.Text(row, 3),
                          .confidential = rows.Int(row, 6) != 0,
                          .document = boost::json::parse(rows.Text(row, 7)).as_object()};
        if (!rows.IsNull(row, 4)) location.latitude = rows.Real(row, 4);
        if (!rows.IsNull(row, 5)) location.longitude = rows.Real(row, 5);
        places.emplace_back(ServiceAtLocation{.id = rows.Text(row, 0),
                                              .service_id = service.id,
                                              .location_id = location.id,
                                              .document = boost::json::parse(rows.Text(row, 1)).as_object()},
                            std::move(location));
        location_rows.push_back(rows.Int(row, 2));
    }
    std::vector<std::string> term_names;
    auto terms = connection.Execute(kTermNames, {service_row});
    for (std::size_t row = 0; row < terms.size(); ++row) term_names.push_back(terms.Text(row, 0));

    const std::vector<Entry> entries = EntriesOf(service, organization, places, term_names);
    std::set<std::string> zones;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Entry& entry = entries[i];
        const db::Value location = places.empty() ? db::Value{nullptr} : db::Value{location_rows[i]};
        const std::int64_t id =
            connection
                .Execute(kInsertEntry,
                         {service_row, location, service.status, entry.name, entry.place_name, Optional(entry.latitude),
                          Optional(entry.longitude), entry.time_zone, entry.search_text})
                .Int(0, 0);
        for (const std::string& code : entry.languages) connection.Execute(kInsertLanguage, {id, code});
        for (const Opening& opening : entry.hours) {
            connection.Execute(
                kInsertHours, {id, std::int64_t{opening.day}, std::int64_t{opening.opens}, std::int64_t{opening.closes},
                               EmptyIsNull(opening.valid_from), EmptyIsNull(opening.valid_to)});
        }
        zones.insert(entry.time_zone);
    }
    for (const std::string& zone : zones) connection.Execute(kInsertZone, {zone});
}

bool SortsByText(const SearchQuery& query) {
    if (query.sort == SortBy::kRelevance) return SearchWords(query.text).empty();
    if (query.sort == SortBy::kDistance) return !query.near;
    return true;
}

core::Page<Hit> SearchEntries(db::Connection& connection, const SearchQuery& query, const core::PageRequest& page,
                              std::int64_t now_ms) {
    const bool sqlite = connection.engine() == db::Engine::kSqlite;
    Statement statement;
    const std::vector<std::string> words = SearchWords(query.text);
    // Near a point, the few entries in the box around it are read first and each is tested for the
    // words; else the index of words is read first (with each match's relevance).
    const bool ranked = !words.empty() && (query.sort == SortBy::kRelevance || !query.near);
    std::string joins;
    std::string where = "e.status = 'active'";
    std::string text;
    if (!words.empty()) {
        for (const std::string& word : words) {
            if (!text.empty()) text += sqlite ? " " : " & ";
            text += sqlite ? "\"" + word + "\"*" : "'" + word + "':*";
        }
        if (ranked) text = statement.Param(text);
        if (sqlite && ranked) {
            joins +=
                " JOIN (SELECT rowid AS id, bm25(directory_entries_text) AS score FROM directory_entries_text "
                "WHERE directory_entries_text MATCH " +
                text + ") hit ON hit.id = e.id";
        } else if (!ranked) {
            // Each word the start of one of the entry's words: what the index would find, tested on
            // the few entries near the point.
            for (const std::string& word : words) {
                where += std::string(sqlite ? " AND instr(e.search_text, " : " AND strpos(e.search_text, ") +
                         statement.Param(" " + word) + ") > 0";
            }
        } else {
            where += " AND e.search_vector @@ to_tsquery('simple', " + text + ")";
        }
    }
    std::string distance = "NULL";
    std::string within;
    if (query.near) {
        const double latitude = query.near->latitude;
        const double longitude = query.near->longitude;
        const double dlat = query.within_meters / kMetersPerDegree;
        const double dlon =
            query.within_meters / (kMetersPerDegree * std::max(0.01, std::cos(latitude * std::numbers::pi / 180)));
        const std::string south = statement.Param(latitude - dlat);
        const std::string north = statement.Param(latitude + dlat);
        const std::string west = statement.Param(longitude - dlon);
        const std::string east = statement.Param(longitude + dlon);
        if (sqlite) {
            joins += " JOIN directory_entries_place p ON p.id = e.id AND p.min_latitude >= " + south +
                     " AND p.max_latitude <= " + north + " AND p.min_longitude >= " + west +
                     " AND p.max_longitude <= " + east;
        } else {
            where += " AND e.latitude IS NOT NULL AND point(e.longitude, e.latitude) <@ box(point(" + west + ", " +
                     south + "), point(" + east + ", " + north + "))";
        }
        const std::string lat = statement.Param(latitude);
        const std::string lon = statement.Param(longitude);
        distance = "CAST(ROUND(" + std::to_string(kEarthDiameterMeters) +
                   " * asin(sqrt(power(sin(radians(e.latitude - " + lat + ") / 2), 2) + cos(radians(" + lat +
                   ")) * cos(radians(e.latitude)) * power(sin(radians(" + "e.longitude - " + lon +
                   ") / 2), 2)))) AS BIGINT)";
        within =
            "x.distance <= " + statement.Param(static_cast<std::int64_t>(std::ceil(query.within_meters))) + " AND ";
    }
    for (const std::string& category : query.categories) {
        where +=
            " AND EXISTS (SELECT 1 FROM directory_service_terms st JOIN directory_taxonomy_terms t ON t.id = "
            "st.term_id WHERE st.service_id = e.service_id AND t.code = " +
            statement.Param(category) + ")";
    }
    if (!query.language.empty()) {
        where += " AND EXISTS (SELECT 1 FROM directory_entry_languages el WHERE el.entry_id = e.id AND el.code = " +
                 statement.Param(query.language) + ")";
    }
    const std::string open = OpenCondition(connection, statement, now_ms);
    if (query.open_now) where += " AND " + open;

    std::string key = "e.name";  // by name, unless the sort asked for has what it needs
    if (!SortsByText(query) && query.sort == SortBy::kRelevance) {
        key = sqlite ? "CAST(hit.score * 1000000 AS BIGINT)"
                     : "CAST(-ts_rank(e.search_vector, to_tsquery('simple', " + text + ")) * 1000000 AS BIGINT)";
    } else if (!SortsByText(query)) {
        key = distance;
    }
    // The page is cut first, on the entries alone; only its rows are then read whole.
    const std::string matching = "SELECT e.id, " + distance + " AS distance, " + key +
                                 " AS sort_key FROM directory_entries e" + joins + " WHERE " + where;
    const std::string cut = "SELECT x.id, x.distance, x.sort_key FROM (" + matching + ") x WHERE " + within +
                            core::After(page, "x.sort_key", "x.id", statement.params()) +
                            " ORDER BY x.sort_key, x.id LIMIT " + core::FetchLimit(page, statement.params());
    const std::string aggregate = sqlite ? "group_concat(" : "string_agg(";
    const std::string sql =
        "SELECT e.id, s.hsds_id, s.name, o.name, e.status, l.hsds_id, e.place_name, e.latitude, e.longitude, "
        "cut.distance, CASE WHEN " +
        open + " THEN 1 ELSE 0 END, (SELECT " + aggregate +
        "el.code, ' ') FROM directory_entry_languages el WHERE el.entry_id = e.id), (SELECT " + aggregate +
        "t.code, ' ') FROM directory_service_terms st JOIN directory_taxonomy_terms t ON t.id = st.term_id WHERE "
        "st.service_id = e.service_id AND t.code IS NOT NULL), cut.sort_key FROM (" +
        cut +
        ") cut JOIN directory_entries e ON e.id = cut.id JOIN directory_services s ON s.id = e.service_id "
        "JOIN directory_organizations o ON o.id = s.organization_id LEFT JOIN directory_locations l ON l.id = "
        "e.location_id ORDER BY cut.sort_key, cut.id";
    auto rows = connection.Execute(sql, statement.params());

    core::Page<Hit> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        if (static_cast<std::int64_t>(out.items.size()) == page.limit) {
            const std::size_t last = row - 1;
            out.next = core::Position{
                .key = SortsByText(query) ? db::Value{rows.Text(last, 13)} : db::Value{rows.Int(last, 13)},
                .id = rows.Int(last, 0)};
            break;
        }
        Hit hit{.entry_id = rows.Int(row, 0),
                .service_id = rows.Text(row, 1),
                .service_name = rows.Text(row, 2),
                .organization_name = rows.Text(row, 3),
                .status = rows.Text(row, 4),
                .location_id = rows.IsNull(row, 5) ? "" : rows.Text(row, 5),
                .place_name = rows.Text(row, 6),
                .open_now = rows.Int(row, 10) != 0,
                .languages = Words(rows, row, 11),
                .categories = Words(rows, row, 12)};
        if (!rows.IsNull(row, 7)) hit.latitude = rows.Real(row, 7);
        if (!rows.IsNull(row, 8)) hit.longitude = rows.Real(row, 8);
        if (!rows.IsNull(row, 9)) hit.distance_meters = rows.Int(row, 9);
        out.items.push_back(std::move(hit));
    }
    return out;
}

}  // namespace ponte::directory
