#include "core/tenancy/organizations.hpp"

#include <algorithm>

#include "core/accounts/store.hpp"
#include "core/db/errors.hpp"
#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/page.hpp"
#include "core/policy/filter.hpp"
#include "core/tenancy/listings.hpp"
#include "core/tenancy/resources.hpp"
#include "core/tenancy/store.hpp"

namespace ponte::tenancy {
namespace {

using core::NextCursor;
using http::Schema;

using core::Failure;
using core::Fault;
using http::Method;
using http::Problem;
using http::ProblemKind;
using http::Reply;
using http::Request;
using http::Response;
using policy::Role;
using policy::Scope;

constexpr std::string_view kReadOrganization = "auth.organization.read";
constexpr std::string_view kCreateOrganization = "auth.organization.create";
constexpr std::string_view kReadNetwork = "auth.network.read";
constexpr std::string_view kCreateNetwork = "auth.network.create";
constexpr std::string_view kLinkNetwork = "auth.network.link";

constexpr std::string_view kSelectOrganization = "SELECT id, name, kind FROM tenancy_organizations WHERE id = $1";
constexpr std::string_view kSelectNetwork = "SELECT id, name FROM tenancy_networks WHERE id = $1";
constexpr std::string_view kSelectNetworkOrganizations =
    "SELECT organization_id FROM tenancy_network_organizations WHERE network_id = $1 ORDER BY organization_id";
constexpr std::string_view kUnlink =
    "DELETE FROM tenancy_network_organizations WHERE network_id = $1 AND organization_id = $2";

boost::json::object OrganizationJson(const db::Result& rows, std::size_t row,
                                     const std::vector<std::int64_t>& networks) {
    return {{"id", rows.Int(row, 0)},
            {"name", rows.Text(row, 1)},
            {"kind", rows.Text(row, 2)},
            {"network_ids", boost::json::array(networks.begin(), networks.end())}};
}

audit::Entry Entry(const Request& request, std::string_view action, std::string outcome, std::string_view type,
                   std::int64_t id) {
    audit::Entry entry = core::AuditEntry(request, std::string(action), std::move(outcome));
    entry.resource_type = std::string(type);
    if (id != 0) entry.resource_id = std::to_string(id);
    return entry;
}

Response Json(int status, const boost::json::value& body) {
    return Response::Json(status, boost::json::serialize(body));
}

// Organizations the caller may see (her own, those of the networks she coordinates, all for
// platform admins), a page at a time: one statement, with her access in its WHERE.
Reply ListOrganizations(State& service, const Request& request) {
    auto page = core::ReadPage(request, *service.keyring);
    if (!page) return std::move(page.failure());
    const policy::Filter filter = service.policy.FilterFor(request.principal.get(), kReadOrganization);
    auto organizations = SelectOrganizations(*service.database->Acquire(), filter, *page);
    boost::json::array items;
    for (const auto& organization : organizations.items) {
        items.push_back(
            {{"id", organization.id},
             {"name", organization.name},
             {"kind", organization.kind},
             {"network_ids", boost::json::array(organization.network_ids.begin(), organization.network_ids.end())}});
    }
    return Json(200, boost::json::object{{"items", std::move(items)},
                                         {"next_cursor", NextCursor(request, *service.keyring, organizations.next)}});
}

// A foreign organization answers as a missing one; both are audited, so that they cost the same.
Reply ReadOrganization(State& service, const Request& request) {
    const auto id = core::ParseId(request.Param("organization_id"));
    std::optional<db::Result> rows;
    std::vector<std::int64_t> networks;
    if (id) {
        db::Lease connection = service.database->Acquire();
        rows = connection->Execute(kSelectOrganization, {*id});
        if (!rows->empty()) networks = NetworksOf(*connection, *id);
    }
    if (!rows || rows->empty()) {
        return core::NotFoundAudited(
            *service.database, Entry(request, kReadOrganization, "not_found", "auth.organization", id.value_or(0)));
    }
    if (!service.policy.Permits(request.principal.get(), kReadOrganization,
                                {.organization_id = *id, .network_ids = networks})) {
        return core::NotFoundAudited(*service.database,
                                     Entry(request, kReadOrganization, "denied", "auth.organization", *id));
    }
    return Json(200, OrganizationJson(*rows, 0, networks));
}

Reply CreateOrganizationRoute(State& service, const Request& request) {
    http::JsonFields fields(request);
    auto name = fields.String("name", http::Text::kName);
    auto kind = fields.String("kind");
    if (kind && std::find(std::begin(kOrganizationKinds), std::end(kOrganizationKinds), *kind) ==
                    std::end(kOrganizationKinds)) {
        fields.Invalid("kind", "format");
    }
    if (auto problem = fields.Finish()) return *problem;
    try {
        const std::int64_t id = service.database->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            const std::int64_t created = CreateOrganization(connection, *name, *kind, now);
            audit::Append(connection, Entry(request, kCreateOrganization, "ok", "auth.organization", created), now);
            return created;
        });
        return Json(201, boost::json::object{
                             {"id", id}, {"name", *name}, {"kind", *kind}, {"network_ids", boost::json::array()}});
    } catch (const db::UniqueViolation&) {
        return Failure{Fault::kConflict, "detail.name_taken", "organization name exists"};
    }
}

std::optional<policy::Resource> NetworkResource(db::Connection& connection, std::string_view id_text) {
    auto id = core::ParseId(id_text);
    if (!id || connection.Execute(kSelectNetwork, {*id}).empty()) return std::nullopt;
    return policy::Resource{.network_ids = {*id}};
}

boost::json::object NetworkJson(db::Connection& connection, std::int64_t id, const std::string& name) {
    auto rows = connection.Execute(kSelectNetworkOrganizations, {id});
    boost::json::array organizations;
    for (std::size_t row = 0; row < rows.size(); ++row) organizations.push_back(rows.Int(row, 0));
    return {{"id", id}, {"name", name}, {"organization_ids", std::move(organizations)}};
}

// The networks the caller coordinates (all, for platform admins), a page at a time, in one statement.
Reply ListNetworks(State& service, const Request& request) {
    auto page = core::ReadPage(request, *service.keyring);
    if (!page) return std::move(page.failure());
    const policy::Filter filter = service.policy.FilterFor(request.principal.get(), kReadNetwork);
    auto networks = SelectNetworks(*service.database->Acquire(), filter, *page);
    boost::json::array items;
    for (const auto& network : networks.items) {
        items.push_back({{"id", network.id},
                         {"name", network.name},
                         {"organization_ids",
                          boost::json::array(network.organization_ids.begin(), network.organization_ids.end())}});
    }
    return Json(200, boost::json::object{{"items", std::move(items)},
                                         {"next_cursor", NextCursor(request, *service.keyring, networks.next)}});
}

Reply CreateNetworkRoute(State& service, const Request& request) {
    http::JsonFields fields(request);
    auto name = fields.String("name", http::Text::kName);
    if (auto problem = fields.Finish()) return *problem;
    try {
        const std::int64_t id = service.database->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            const std::int64_t created = CreateNetwork(connection, *name, now);
            audit::Append(connection, Entry(request, kCreateNetwork, "ok", "auth.network", created), now);
            return created;
        });
        return Json(201, boost::json::object{{"id", id}, {"name", *name}, {"organization_ids", boost::json::array()}});
    } catch (const db::UniqueViolation&) {
        return Failure{Fault::kConflict, "detail.name_taken", "network name exists"};
    }
}

// Adding an organization to a network gives the network's coordinators network-wide access to
// it: only platform admins do it, never a coordinator for her own network.
Reply LinkOrganization(State& service, const Request& request, bool link) {
    std::optional<policy::Resource> network;
    {
        db::Lease connection = service.database->Acquire();
        network = NetworkResource(*connection, request.Param("network_id"));
    }
    if (!network) {
        return core::NotFoundAudited(*service.database, Entry(request, kLinkNetwork, "not_found", "auth.network",
                                                              core::ParseId(request.Param("network_id")).value_or(0)));
    }
    const std::int64_t network_id = network->network_ids.front();
    if (!service.policy.Permits(request.principal.get(), kLinkNetwork, *network)) {
        return core::NotFoundAudited(*service.database,
                                     Entry(request, kLinkNetwork, "denied", "auth.network", network_id));
    }
    std::optional<std::int64_t> organization_id;
    if (link) {
        http::JsonFields fields(request);
        organization_id = fields.Int("organization_id");
        if (auto problem = fields.Finish()) return *problem;
    } else {
        organization_id = core::ParseId(request.Param("organization_id"));
        if (!organization_id) return Failure{Fault::kNotFound};
    }
    enum class Outcome { kDone, kNoOrganization, kAlready, kNotLinked };
    Outcome outcome = Outcome::kAlready;
    try {
        outcome = service.database->Transact([&](db::Connection& connection) {
            if (!OrganizationResource(connection, *organization_id)) return Outcome::kNoOrganization;
            const std::int64_t now = core::NowMs();
            if (link) {
                auto networks = NetworksOf(connection, *organization_id);
                if (std::find(networks.begin(), networks.end(), network_id) != networks.end()) return Outcome::kAlready;
                AddOrganizationToNetwork(connection, network_id, *organization_id);
            } else if (connection.Execute(kUnlink, {network_id, *organization_id}).affected_rows == 0) {
                return Outcome::kNotLinked;
            }
            audit::Entry entry =
                Entry(request, link ? "auth.network.link" : "auth.network.unlink", "ok", "auth.network", network_id);
            entry.organization_id = *organization_id;
            audit::Append(connection, entry, now);
            return Outcome::kDone;
        });
    } catch (const db::UniqueViolation&) {
        outcome = Outcome::kAlready;  // linked by a concurrent request
    }
    switch (outcome) {
        case Outcome::kNoOrganization: {
            if (!link) return Failure{Fault::kNotFound};
            Failure problem{Fault::kInvalidFields};
            problem.errors.push_back({"organization_id", "not_found"});
            return problem;
        }
        case Outcome::kAlready:
            return Failure{Fault::kConflict, "", "already in the network"};
        case Outcome::kNotLinked:
            return Failure{Fault::kNotFound};
        case Outcome::kDone:
            break;
    }
    if (!link) {
        Response response;
        response.status = 204;
        return response;
    }
    db::Lease connection = service.database->Acquire();
    auto rows = connection->Execute(kSelectNetwork, {network_id});
    return Json(200, NetworkJson(*connection, network_id, rows.Text(0, 1)));
}

constexpr std::string_view kOrganizationSchema = R"({"type":"object","required":["id","name","kind","network_ids"],
    "properties":{"id":{"type":"integer"},"name":{"type":"string"},"kind":{"type":"string"},
      "network_ids":{"type":"array","items":{"type":"integer"}}}})";
constexpr std::string_view kNetworkSchema = R"({"type":"object","required":["id","name","organization_ids"],
    "properties":{"id":{"type":"integer"},"name":{"type":"string"},
      "organization_ids":{"type":"array","items":{"type":"integer"}}}})";

// A page of a list: its items and the cursor of the next page (null at the end).
boost::json::value PageSchema(std::string_view item) {
    const std::string items = R"({"type":"array","items":)" + std::string(item) + "}";
    return Schema(R"({"type":"object","required":["items","next_cursor"],"properties":{"items":)" + items +
                  R"(,"next_cursor":{"type":["string","null"]}}})");
}

}  // namespace

void RegisterOrganizations(core::Registry& registry, std::shared_ptr<State> service) {
    auto& policy = registry.policy();
    std::vector<policy::Grant> readers;
    for (Role role : policy::kAllRoles) {
        if (policy::IsOrganizationRole(role)) readers.push_back({role, Scope::kOrganization});
    }
    readers.push_back({Role::kNetworkCoordinator, Scope::kNetwork});
    readers.push_back({Role::kPlatformAdmin, Scope::kPlatform});
    policy.Declare(std::string(kReadOrganization), readers);
    policy.Declare(std::string(kCreateOrganization), {{Role::kPlatformAdmin, Scope::kPlatform}});
    policy.Declare(std::string(kReadNetwork),
                   {{Role::kNetworkCoordinator, Scope::kNetwork}, {Role::kPlatformAdmin, Scope::kPlatform}});
    policy.Declare(std::string(kCreateNetwork), {{Role::kPlatformAdmin, Scope::kPlatform}});
    policy.Declare(std::string(kLinkNetwork), {{Role::kPlatformAdmin, Scope::kPlatform}});

    registry.AddRoute({.method = Method::kGet,
                       .path = "/api/v1/organizations",
                       .policy_action = std::string(kReadOrganization),
                       .id = "listOrganizations",
                       .summary = "The organizations the caller may see, a page at a time (?limit=, at most 200, "
                                  "default 50; ?cursor=, the next_cursor of the page before)",
                       .tag = "auth",
                       .parameters = core::PageParameters(),
                       .response = PageSchema(kOrganizationSchema),
                       .errors = {400, 401, 403},
                       .handler = core::Bind(service, &ListOrganizations)});
    registry.AddRoute({.method = Method::kGet,
                       .path = "/api/v1/organizations/{organization_id}",
                       .policy_action = std::string(kReadOrganization),
                       .id = "getOrganization",
                       .summary = "One organization, with the networks it takes part in",
                       .tag = "auth",
                       .response = Schema(kOrganizationSchema),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(service, &ReadOrganization)});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/organizations",
                       .policy_action = std::string(kCreateOrganization),
                       .id = "createOrganization",
                       .summary = "Add an organization (platform admins)",
                       .tag = "auth",
                       .request = Schema(R"({"type":"object","additionalProperties":false,"required":["name","kind"],
                            "properties":{"name":{"type":"string","minLength":1,"maxLength":200},
                              "kind":{"type":"string","enum":["social_service","ngo","training_provider","employer",
                                "association","public_body"]}}})"),
                       .response = Schema(kOrganizationSchema),
                       .status = 201,
                       .errors = {401, 403, 409, 422},
                       .handler = core::Bind(service, &CreateOrganizationRoute)});
    registry.AddRoute({.method = Method::kGet,
                       .path = "/api/v1/networks",
                       .policy_action = std::string(kReadNetwork),
                       .id = "listNetworks",
                       .summary = "The territorial networks the caller coordinates (all, for platform admins), a page "
                                  "at a time (?limit=, at most 200, default 50; ?cursor=)",
                       .tag = "auth",
                       .parameters = core::PageParameters(),
                       .response = PageSchema(kNetworkSchema),
                       .errors = {400, 401, 403},
                       .handler = core::Bind(service, &ListNetworks)});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/networks",
                       .policy_action = std::string(kCreateNetwork),
                       .id = "createNetwork",
                       .summary = "Add a territorial network (platform admins)",
                       .tag = "auth",
                       .request = Schema(R"({"type":"object","additionalProperties":false,"required":["name"],
                            "properties":{"name":{"type":"string","minLength":1,"maxLength":200}}})"),
                       .response = Schema(kNetworkSchema),
                       .status = 201,
                       .errors = {401, 403, 409, 422},
                       .handler = core::Bind(service, &CreateNetworkRoute)});
    registry.AddRoute(
        {.method = Method::kPost,
         .path = "/api/v1/networks/{network_id}/organizations",
         .policy_action = std::string(kLinkNetwork),
         .id = "addNetworkOrganization",
         .summary = "Add an organization to a network (platform admins)",
         .tag = "auth",
         .request = Schema(R"({"type":"object","additionalProperties":false,"required":["organization_id"],
                            "properties":{"organization_id":{"type":"integer","minimum":1}}})"),
         .response = Schema(kNetworkSchema),
         .errors = {401, 403, 404, 409, 422},
         .handler = [service](const Request& request) { return LinkOrganization(*service, request, true); }});
    registry.AddRoute(
        {.method = Method::kDelete,
         .path = "/api/v1/networks/{network_id}/organizations/{organization_id}",
         .policy_action = std::string(kLinkNetwork),
         .id = "removeNetworkOrganization",
         .summary = "Take an organization out of a network (platform admins)",
         .tag = "auth",
         .status = 204,
         .errors = {401, 403, 404},
         .handler = [service](const Request& request) { return LinkOrganization(*service, request, false); }});
}

}  // namespace ponte::tenancy
