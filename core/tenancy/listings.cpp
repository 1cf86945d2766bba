#include "core/tenancy/listings.hpp"

namespace ponte::tenancy {
namespace {

// The page of organizations first, then their networks joined to it: one statement, and a page
// of N organizations is N rows or more (one per network) of which none is cut by the LIMIT.
constexpr std::string_view kSelectOrganizationsPage =
    "SELECT o.id, o.name, o.kind, n.network_id FROM (SELECT p.id, p.name, p.kind FROM tenancy_organizations p "
    "WHERE {access} AND {after} ORDER BY p.name, p.id LIMIT {limit}) o "
    "LEFT JOIN tenancy_network_organizations n ON n.organization_id = o.id ORDER BY o.name, o.id, n.network_id";
constexpr std::string_view kSelectNetworksPage =
    "SELECT w.id, w.name, n.organization_id FROM (SELECT p.id, p.name FROM tenancy_networks p "
    "WHERE {access} AND {after} ORDER BY p.name, p.id LIMIT {limit}) w "
    "LEFT JOIN tenancy_network_organizations n ON n.network_id = w.id ORDER BY w.name, w.id, n.organization_id";
constexpr std::string_view kSelectMembersPage =
    "SELECT m.id, m.user_id, u.display_name, m.role, u.disabled, u.version FROM tenancy_memberships m "
    "JOIN accounts_users u ON u.id = m.user_id WHERE m.organization_id = $1 AND u.erased_at IS NULL "
    "AND {access} AND {after} ORDER BY m.id LIMIT {limit}";

// The statement with its access condition, page condition and LIMIT parameter in their places.
std::string Fill(std::string_view sql, const std::string& access, const std::string& after, const std::string& limit) {
    std::string out(sql);
    auto put = [&out](std::string_view name, const std::string& value) {
        out.replace(out.find(name), name.size(), value);
    };
    put("{access}", access);
    put("{after}", after);
    put("{limit}", limit);
    return out;
}

}  // namespace

core::Page<OrganizationRow> SelectOrganizations(db::Connection& connection, const policy::Filter& filter,
                                                const core::PageRequest& page) {
    std::vector<db::Value> params;
    const std::string access = policy::Render(filter, {.organization = "p.id"}, params);
    const std::string after = core::After(page, "p.name", "p.id", params);
    const std::string limit = core::FetchLimit(page, params);
    auto rows = connection.Execute(Fill(kSelectOrganizationsPage, access, after, limit), params);
    core::Page<OrganizationRow> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const std::int64_t id = rows.Int(row, 0);
        if (out.items.empty() || out.items.back().id != id) {
            out.items.push_back({.id = id, .name = rows.Text(row, 1), .kind = rows.Text(row, 2)});
        }
        if (!rows.IsNull(row, 3)) out.items.back().network_ids.push_back(rows.Int(row, 3));
    }
    if (static_cast<std::int64_t>(out.items.size()) > page.limit) {
        out.items.pop_back();
        out.next = core::Position{.key = out.items.back().name, .id = out.items.back().id};
    }
    return out;
}

core::Page<NetworkRow> SelectNetworks(db::Connection& connection, const policy::Filter& filter,
                                      const core::PageRequest& page) {
    std::vector<db::Value> params;
    const std::string access = policy::Render(filter, {.network = "p.id"}, params);
    const std::string after = core::After(page, "p.name", "p.id", params);
    const std::string limit = core::FetchLimit(page, params);
    auto rows = connection.Execute(Fill(kSelectNetworksPage, access, after, limit), params);
    core::Page<NetworkRow> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const std::int64_t id = rows.Int(row, 0);
        if (out.items.empty() || out.items.back().id != id) out.items.push_back({.id = id, .name = rows.Text(row, 1)});
        if (!rows.IsNull(row, 2)) out.items.back().organization_ids.push_back(rows.Int(row, 2));
    }
    if (static_cast<std::int64_t>(out.items.size()) > page.limit) {
        out.items.pop_back();
        out.next = core::Position{.key = out.items.back().name, .id = out.items.back().id};
    }
    return out;
}

core::Page<MemberRow> SelectMembers(db::Connection& connection, std::int64_t organization_id,
                                    const policy::Filter& filter, const core::PageRequest& page) {
    std::vector<db::Value> params = {organization_id};
    const std::string access = policy::Render(filter, {.organization = "m.organization_id"}, params);
    const std::string after = core::After(page, "m.id", "m.id", params);
    const std::string limit = core::FetchLimit(page, params);
    auto rows = connection.Execute(Fill(kSelectMembersPage, access, after, limit), params);
    core::Page<MemberRow> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.items.push_back({.id = rows.Int(row, 0),
                             .user_id = rows.Int(row, 1),
                             .display_name = rows.Text(row, 2),
                             .role = rows.Text(row, 3),
                             .disabled = rows.Int(row, 4) != 0,
                             .user_version = rows.Int(row, 5)});
    }
    if (static_cast<std::int64_t>(out.items.size()) > page.limit) {
        out.items.pop_back();
        out.next = core::Position{.key = out.items.back().id, .id = out.items.back().id};
    }
    return out;
}

}  // namespace ponte::tenancy
