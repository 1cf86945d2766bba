#include "modules/cases/actions.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/tenancy/resources.hpp"
#include "core/version.hpp"
#include "modules/cases/glass/store.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kCaseType = "cases.case";

void About(audit::Entry& entry, const Case& record) {
    entry.resource_type = std::string(kCaseType);
    entry.resource_id = std::to_string(record.id);
    entry.organization_id = record.organization_id;
}

}  // namespace

core::Outcome<Reached> ReachCase(const Module& module, const policy::Principal& caller, audit::Entry& request,
                                 std::string_view action, std::int64_t case_id) {
    request.action = std::string(action);
    request.resource_type = std::string(kCaseType);
    request.resource_id = std::to_string(case_id);
    Reached reached;
    std::optional<Case> found;
    if (case_id > 0) found = FindCase(*module.database().Acquire(), case_id, &reached.team);
    if (!found) {
        request.outcome = "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    reached.record = std::move(*found);
    About(request, reached.record);
    policy::Resource resource = ResourceOf(reached.record, reached.team);
    bool permitted = module.policy.Permits(&caller, action, resource);
    // A worker who broke the glass reads the case, while her access runs; she changes nothing.
    // (Looked up only for a reader the team does not let in: her team's reads cost no query.)
    if (!permitted && GrantedByGlass(action)) {
        for (std::int64_t user : GlassBreakers(*module.database().Acquire(), case_id, core::NowMs()))
            resource.assigned_user_ids.push_back(user);
        permitted = module.policy.Permits(&caller, action, resource);
    }
    if (!permitted) {
        request.outcome = "denied";
        return core::NotFoundAudited(module.database(), request);
    }
    return reached;
}

core::Outcome<std::int64_t> ReachOrganization(const Module& module, const policy::Principal& caller,
                                              audit::Entry& request, std::string_view action,
                                              std::int64_t organization_id) {
    request.action = std::string(action);
    request.resource_type = "auth.organization";
    request.resource_id = std::to_string(organization_id);
    std::optional<policy::Resource> organization;
    if (organization_id > 0)
        organization = tenancy::OrganizationResource(*module.database().Acquire(), organization_id);
    if (!organization) {
        request.outcome = "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    request.organization_id = organization_id;
    if (!module.policy.Permits(&caller, action, *organization)) {
        request.outcome = "denied";
        return core::NotFoundAudited(module.database(), request);
    }
    return organization_id;
}

CaseFile ReadCaseFile(const Module& module, audit::Entry request, Reached reached) {
    CaseFile file{.reached = std::move(reached)};
    auto connection = module.database().Acquire();
    file.history = TransitionsOf(*connection, module.keyring(), file.reached.record.id);
    file.referral = FindReferralOfCase(*connection, module.keyring(), file.reached.record.id);
    request.outcome = "ok";
    audit::Record(module.database(), request, core::NowMs());
    return file;
}

core::Outcome<Case> OpenWalkIn(const Module& module, const policy::Principal& caller, audit::Entry request,
                               std::int64_t organization_id, const NewCase& asked) {
    const std::int64_t lead_id = asked.lead_user_id != 0 ? asked.lead_user_id : caller.user_id;
    std::optional<Case> opened;
    module.database().Transact([&](db::Connection& connection) {
        const auto lead = FindWorker(connection, organization_id, lead_id);
        if (!lead || !lead->may_lead) return;
        const std::int64_t now = core::NowMs();
        const std::int64_t woman = CreateWoman(connection, organization_id, asked.chosen_name, 0, now);
        const std::int64_t id = OpenCase(connection, woman, State::kIntake, lead_id, now);
        opened = FindCase(connection, id);
        About(request, *opened);
        request.action = std::string(kOpenAction);
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"lead_user_id", lead_id}});
        audit::Append(connection, request, now);
    });
    if (!opened) {
        // A lead out of the organization is answered as one that does not exist.
        request.outcome = "not_found";
        request.detail = boost::json::serialize(boost::json::object{{"lead_user_id", lead_id}});
        audit::Record(module.database(), request, core::NowMs());
        return core::Failure::Invalid("lead_user_id", "not_found");
    }
    return *opened;
}

core::Outcome<Case> MoveTo(const Module& module, const policy::Principal& caller, audit::Entry request,
                           const Reached& reached, std::int64_t expected_version, const Move& move) {
    const Case& record = reached.record;
    if (expected_version != record.version) return core::StaleVersion();
    if (record.state == State::kReferred) {
        // A referral is accepted or declined by its answer, which the referrer reads.
        core::Failure failure = core::Failure::Invalid("to", "transition");
        failure.detail_key = "cases.detail.answer_referral";
        return failure;
    }
    if (record.anonymized_at != 0) {
        // Nothing of her is left to follow: a woman who comes back has a new case.
        core::Failure failure = core::Failure::Invalid("to", "transition");
        failure.detail_key = "cases.detail.case_anonymized";
        return failure;
    }
    if (auto refused = RefusedMove(record.state, move)) {
        core::Failure failure = core::Failure::Invalid(refused->field, refused->code);
        if (refused->field == "to") failure.detail_key = "cases.detail.move_not_allowed";
        return failure;
    }
    std::optional<Case> moved;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        if (!MoveCase(connection, module.keyring(), record.id, expected_version, record.state, move, caller.user_id,
                      now)) {
            return;
        }
        moved = FindCase(connection, record.id);
        request.outcome = "ok";
        request.detail =
            boost::json::serialize(boost::json::object{{"from", StateName(record.state)}, {"to", StateName(move.to)}});
        audit::Append(connection, request, now);
    });
    if (!moved) return core::StaleVersion();
    return *moved;
}

core::Outcome<std::vector<TeamMember>> PutOnTeam(const Module& module, const policy::Principal& caller,
                                                 audit::Entry request, const Reached& reached, std::int64_t user_id,
                                                 TeamRole role) {
    const Case& record = reached.record;
    std::optional<core::Failure> refused;
    std::vector<TeamMember> team;
    module.database().Transact([&](db::Connection& connection) {
        const auto worker = FindWorker(connection, record.organization_id, user_id);
        if (!worker) {
            refused = core::Failure::Invalid("user_id", "not_found");
            return;
        }
        if (role == TeamRole::kLead && !worker->may_lead) {
            refused = core::Failure::Invalid("role", "lead_role");
            refused->detail_key = "cases.detail.lead_role";
            return;
        }
        const bool leads_now = user_id == record.lead_user_id;
        if (role == TeamRole::kMember && leads_now) {
            refused = core::Failure{core::Fault::kConflict, "cases.detail.lead_stays"};
            return;
        }
        const std::int64_t now = core::NowMs();
        SetTeamRole(connection, record.id, user_id, role, now);
        AppendEvent(connection, module.keyring(), record.id,
                    {.kind = "team_changed",
                     .by_user_id = caller.user_id,
                     .at = now,
                     .detail = {{"user_id", user_id}, {"name", worker->display_name}, {"role", TeamRoleName(role)}}});
        request.outcome = "ok";
        request.detail =
            boost::json::serialize(boost::json::object{{"user_id", user_id}, {"role", TeamRoleName(role)}});
        audit::Append(connection, request, now);
        FindCase(connection, record.id, &team);
    });
    if (refused) {
        request.outcome = refused->fault == core::Fault::kConflict ? "refused" : "not_found";
        request.detail = boost::json::serialize(boost::json::object{{"user_id", user_id}});
        audit::Record(module.database(), request, core::NowMs());
        return *refused;
    }
    return team;
}

core::Outcome<std::vector<TeamMember>> TakeOffTeam(const Module& module, const policy::Principal& caller,
                                                   audit::Entry request, const Reached& reached, std::int64_t user_id) {
    const Case& record = reached.record;
    if (user_id == record.lead_user_id) return core::Failure{core::Fault::kConflict, "cases.detail.lead_stays"};
    std::vector<TeamMember> team;
    // Taking off someone who is not on the team changes nothing, whoever she is: the answer is the
    // team as it stands, so that it tells nothing of an account out of the caller's reach.
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const bool removed = RemoveFromTeam(connection, record.id, user_id);
        if (removed) {
            AppendEvent(
                connection, module.keyring(), record.id,
                {.kind = "team_changed", .by_user_id = caller.user_id, .at = now, .detail = {{"user_id", user_id}}});
        }
        request.outcome = removed ? "ok" : "unchanged";
        request.detail = boost::json::serialize(boost::json::object{{"user_id", user_id}, {"role", nullptr}});
        audit::Append(connection, request, now);
        FindCase(connection, record.id, &team);
    });
    return team;
}

core::Page<CaseloadRow> ReadCaseload(const Module& module, const policy::Principal& caller, audit::Entry request,
                                     std::int64_t organization_id, const CaseloadQuery& query,
                                     const core::PageRequest& page) {
    CaseloadQuery at_now = query;
    at_now.now_ms = core::NowMs();
    auto cases = SelectCaseload(*module.database().Acquire(), organization_id,
                                module.policy.FilterFor(&caller, kReadAction), at_now, page);
    request.outcome = "ok";
    request.detail = boost::json::serialize(boost::json::object{{"count", cases.items.size()}});
    audit::Record(module.database(), request, core::NowMs());
    return cases;
}

core::Page<Event> ReadTimeline(const Module& module, audit::Entry request, const Reached& reached,
                               const core::PageRequest& page) {
    auto events = SelectTimeline(*module.database().Acquire(), module.keyring(), reached.record.id, page);
    request.outcome = "ok";
    audit::Record(module.database(), request, core::NowMs());
    return events;
}

core::Failure RefuseAudited(const Module& module, audit::Entry& request, std::string field, std::string code) {
    request.outcome = "refused";
    request.detail = boost::json::serialize(boost::json::object{{"field", field}, {"code", code}});
    audit::Record(module.database(), request, core::NowMs());
    return core::Failure::Invalid(std::move(field), std::move(code));
}

}  // namespace ponte::cases
