// Access decided in the query: what Policy::Permits says of one record, said of a whole table as a
// WHERE fragment, so that a list reads only the rows its caller may read, in one statement.
//
//   const policy::Filter filter = policy.FilterFor(request.principal.get(), "cases.case.read");
//   std::vector<db::Value> params = {status};  // the store's own parameters: $1
//   const std::string where = policy::Render(filter, {.organization = "c.organization_id",
//       .owner = "c.owner_user_id",
//       .assigned = "EXISTS (SELECT 1 FROM cases_assignments a WHERE a.case_id = c.id AND a.user_id = {user})"},
//       params);  // appends its parameters as $2, $3, ...
//   connection.Execute("SELECT ... FROM cases_cases c WHERE c.status = $1 AND " + where, params);
//
// The fragment is the same SQL on SQLite and PostgreSQL, binds every id as a parameter, and for
// any row matches exactly when Policy::Permits would allow the action over that row's Resource
// (the storage tests compare the two over every role). Deny by default: an unknown action, an
// anonymous caller, one whose second factor is due, or a scope the table has no column for,
// matches nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"

namespace ponte::policy {

// The records an action reaches for one principal, whatever table holds them: the union of its
// terms (a record matching any term is permitted).
struct Filter {
    bool everything = false;                              // platform scope: every record
    std::vector<std::int64_t> organization_ids;           // records of these organizations
    std::vector<std::int64_t> network_ids;                // records of organizations in these networks
    std::int64_t owner_user_id = 0;                       // records this user owns (own scope); 0: none
    std::int64_t assigned_user_id = 0;                    // records this user is assigned to...
    std::vector<std::int64_t> assigned_organization_ids;  // ...within these organizations

    // True when no record can match (the fragment is then "1 = 0").
    bool Empty() const;
};

// Where a table keeps what the policy reads of a record. Leave out what the table does not have;
// a scope without its column matches nothing.
struct Columns {
    // The record's organization (an expression such as "c.organization_id"); on the organizations
    // table itself, its id.
    std::string_view organization;
    // The record's network, on tables whose records belong to a network itself (the networks table:
    // its id). Without it, the network scope reaches the records whose organization is in the
    // network, read from `network_organizations`.
    std::string_view network;
    // The table that puts organizations in networks (organization_id, network_id).
    std::string_view network_organizations = "tenancy_network_organizations";
    std::string_view owner;  // the user who owns the record ("c.owner_user_id")
    // A condition that holds when the user `{user}` is assigned to the record, e.g.
    // "EXISTS (SELECT 1 FROM cases_assignments a WHERE a.case_id = c.id AND a.user_id = {user})";
    // {user} becomes a bound parameter.
    std::string_view assigned;
};

// The WHERE fragment of `filter` over `columns`, in parentheses, so that it can be joined with
// AND. Its parameters are appended to `params` and numbered after those already there ($n with
// n = params.size() + 1, ...). Precondition: `columns.assigned` contains "{user}" when it is set.
std::string Render(const Filter& filter, const Columns& columns, std::vector<db::Value>& params);

}  // namespace ponte::policy
