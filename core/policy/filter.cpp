#include "core/policy/filter.hpp"

#include <algorithm>

#include "core/policy/policy.hpp"

namespace ponte::policy {
namespace {

void Add(std::vector<std::int64_t>& ids, std::int64_t id) {
    if (id != 0 && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

std::string Parameter(std::vector<db::Value>& params, db::Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
}

// "column IN ($3, $4)"
std::string In(std::string_view column, const std::vector<std::int64_t>& ids, std::vector<db::Value>& params) {
    std::string sql = std::string(column) + " IN (";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) sql += ", ";
        sql += Parameter(params, ids[i]);
    }
    return sql + ")";
}

}  // namespace

bool Filter::Empty() const {
    return !everything && organization_ids.empty() && network_ids.empty() && owner_user_id == 0 &&
           (assigned_user_id == 0 || assigned_organization_ids.empty());
}

Filter Policy::FilterFor(const Principal* principal, std::string_view action) const {
    Filter filter;
    if (action == kPublic) {
        filter.everything = true;
        return filter;
    }
    if (principal == nullptr || principal->second_factor_due) return filter;
    auto found = actions_.find(action);
    if (found == actions_.end()) return filter;
    // The same pairs as Permits(): each grant, with each membership that holds its role.
    for (const Grant& grant : found->second) {
        for (const Membership& membership : principal->memberships) {
            if (membership.role != grant.role) continue;
            switch (grant.scope) {
                case Scope::kOwn:
                    filter.owner_user_id = principal->user_id;
                    break;
                case Scope::kAssigned:
                    if (membership.organization_id != 0 && principal->user_id != 0) {
                        filter.assigned_user_id = principal->user_id;
                        Add(filter.assigned_organization_ids, membership.organization_id);
                    }
                    break;
                case Scope::kOrganization:
                    Add(filter.organization_ids, membership.organization_id);
                    break;
                case Scope::kNetwork:
                    Add(filter.network_ids, membership.network_id);
                    break;
                case Scope::kPlatform:
                    if (membership.role == Role::kPlatformAdmin) filter.everything = true;
                    break;
            }
        }
    }
    return filter;
}

std::string Render(const Filter& filter, const Columns& columns, std::vector<db::Value>& params) {
    if (filter.everything) return "(1 = 1)";
    std::vector<std::string> terms;
    if (!filter.organization_ids.empty() && !columns.organization.empty()) {
        terms.push_back(In(columns.organization, filter.organization_ids, params));
    }
    if (!filter.network_ids.empty()) {
        if (!columns.network.empty()) {
            terms.push_back(In(columns.network, filter.network_ids, params));
        } else if (!columns.organization.empty()) {
            terms.push_back(std::string(columns.organization) + " IN (SELECT organization_id FROM " +
                            std::string(columns.network_organizations) + " WHERE " +
                            In("network_id", filter.network_ids, params) + ")");
        }
    }
    if (filter.owner_user_id != 0 && !columns.owner.empty()) {
        terms.push_back(std::string(columns.owner) + " = " + Parameter(params, filter.owner_user_id));
    }
    if (filter.assigned_user_id != 0 && !filter.assigned_organization_ids.empty() && !columns.assigned.empty() &&
        !columns.organization.empty()) {
        std::string assigned(columns.assigned);
        constexpr std::string_view kUser = "{user}";
        const std::string user = Parameter(params, filter.assigned_user_id);
        for (auto at = assigned.find(kUser); at != std::string::npos; at = assigned.find(kUser, at + user.size())) {
            assigned.replace(at, kUser.size(), user);
        }
        terms.push_back("(" + In(columns.organization, filter.assigned_organization_ids, params) + " AND " + assigned +
                        ")");
    }
    if (terms.empty()) return "(1 = 0)";
    std::string sql = "(";
    for (std::size_t i = 0; i < terms.size(); ++i) {
        if (i > 0) sql += " OR ";
        sql += terms[i];
    }
    return sql + ")";
}

}  // namespace ponte::policy
