#include "modules/cases/profile/store.hpp"

#include <boost/json.hpp>

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertRow =
    "INSERT INTO cases_profiles (woman_id, updated_at) VALUES ($1, $2) ON CONFLICT (woman_id) DO NOTHING";

// The part's columns are named by the program, never by a request: kParts holds every one.
struct Columns {
    Part part;
    std::string_view content;
    std::string_view version;
};
constexpr Columns kParts[] = {{Part::kProfile, "profile", "profile_version"},
                              {Part::kSafeContact, "safe_contact", "safe_contact_version"},
                              {Part::kSensitive, "sensitive", "sensitive_version"}};

const Columns& ColumnsOf(Part part) {
    for (const auto& columns : kParts) {
        if (columns.part == part) return columns;
    }
    return kParts[0];
}

}  // namespace

std::string_view PartName(Part part) { return ColumnsOf(part).content; }

std::string PartContext(Part part, std::int64_t woman_id) {
    return crypto::FieldContext("cases_profiles", ColumnsOf(part).content, woman_id);
}

StoredPart ReadPart(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t woman_id, Part part) {
    const Columns& columns = ColumnsOf(part);
    auto rows = connection.Execute("SELECT " + std::string(columns.content) + ", " + std::string(columns.version) +
                                       " FROM cases_profiles WHERE woman_id = $1",
                                   {woman_id});
    StoredPart out;
    if (rows.empty()) return out;
    out.version = rows.Int(0, 1);
    if (!rows.IsNull(0, 0)) {
        out.content = boost::json::parse(keyring.Open(rows.Text(0, 0), PartContext(part, woman_id))).as_object();
    }
    return out;
}

bool WritePart(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t woman_id, Part part,
               std::int64_t expected_version, const boost::json::object& content, std::int64_t now_ms) {
    const Columns& columns = ColumnsOf(part);
    connection.Execute(kInsertRow, {woman_id, now_ms});
    const std::string update = "UPDATE cases_profiles SET " + std::string(columns.content) + " = $3, " +
                               std::string(columns.version) + " = " + std::string(columns.version) +
                               " + 1, updated_at = $4 WHERE woman_id = $1 AND " + std::string(columns.version) +
                               " = $2";
    const std::string sealed = keyring.Seal(boost::json::serialize(content), PartContext(part, woman_id));
    return connection.Execute(update, {woman_id, expected_version, sealed, now_ms}).affected_rows > 0;
}

}  // namespace ponte::cases
