#include "core/tenancy/store.hpp"

namespace ponte::tenancy {
namespace {

constexpr std::string_view kInsertNetwork =
    "INSERT INTO tenancy_networks (name, created_at) VALUES ($1, $2) RETURNING id";
constexpr std::string_view kInsertOrganization =
    "INSERT INTO tenancy_organizations (name, kind, created_at) VALUES ($1, $2, $3) RETURNING id";
constexpr std::string_view kInsertNetworkOrganization =
    "INSERT INTO tenancy_network_organizations (network_id, organization_id) VALUES ($1, $2)";
constexpr std::string_view kSelectNetworksOf =
    "SELECT network_id FROM tenancy_network_organizations WHERE organization_id = $1 ORDER BY network_id";
constexpr std::string_view kInsertMembership =
    "INSERT INTO tenancy_memberships (user_id, role, organization_id, network_id, created_at, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kSelectMemberships =
    "SELECT id, role, COALESCE(organization_id, 0), COALESCE(network_id, 0) FROM tenancy_memberships "
    "WHERE user_id = $1 ORDER BY id";

}  // namespace

std::int64_t CreateNetwork(db::Connection& connection, std::string_view name, std::int64_t now_ms) {
    return connection.Execute(kInsertNetwork, {std::string(name), now_ms}).Int(0, 0);
}

std::int64_t CreateOrganization(db::Connection& connection, std::string_view name, std::string_view kind,
                                std::int64_t now_ms) {
    return connection.Execute(kInsertOrganization, {std::string(name), std::string(kind), now_ms}).Int(0, 0);
}

void AddOrganizationToNetwork(db::Connection& connection, std::int64_t network_id, std::int64_t organization_id) {
    connection.Execute(kInsertNetworkOrganization, {network_id, organization_id});
}

std::vector<std::int64_t> NetworksOf(db::Connection& connection, std::int64_t organization_id) {
    auto rows = connection.Execute(kSelectNetworksOf, {organization_id});
    std::vector<std::int64_t> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(rows.Int(row, 0));
    return out;
}

std::int64_t AddMembership(db::Connection& connection, std::int64_t user_id, const policy::Membership& membership,
                           std::int64_t created_by, std::int64_t now_ms) {
    auto rows = connection.Execute(
        kInsertMembership,
        {user_id, std::string(policy::RoleName(membership.role)), db::NullIfZero(membership.organization_id),
         db::NullIfZero(membership.network_id), now_ms, db::NullIfZero(created_by)});
    return rows.Int(0, 0);
}

std::vector<policy::Membership> ListMemberships(db::Connection& connection, std::int64_t user_id) {
    auto rows = connection.Execute(kSelectMemberships, {user_id});
    std::vector<policy::Membership> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        auto role = policy::ParseRole(rows.Text(row, 1));
        if (!role) continue;  // a role this version does not know grants nothing
        out.push_back({rows.Int(row, 0), *role, rows.Int(row, 2), rows.Int(row, 3)});
    }
    return out;
}

}  // namespace ponte::tenancy
