#include "modules/cases/referrals/actions.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/tenancy/resources.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kReferralType = "cases.referral";

void About(audit::Entry& entry, const Referral& referral, std::int64_t organization_id) {
    entry.resource_type = std::string(kReferralType);
    entry.resource_id = std::to_string(referral.id);
    entry.organization_id = organization_id;
}

core::Failure Refused(const ReferralRefusal& refusal) { return core::Failure::Invalid(refusal.field, refusal.code); }

}  // namespace

core::Outcome<Referral> SendReferral(const Module& module, const policy::Principal& caller, audit::Entry request,
                                     std::int64_t from_organization_id, const ReferralRequest& asked) {
    const std::int64_t now = core::NowMs();
    if (auto refused = RefusedReferral(from_organization_id, asked, now)) return Refused(*refused);
    std::optional<Referral> sent;
    module.database().Transact([&](db::Connection& connection) {
        if (!InOneNetwork(connection, from_organization_id, asked.to_organization_id)) return;
        const std::int64_t woman = CreateWoman(connection, asked.to_organization_id, asked.chosen_name, 0, now);
        const std::int64_t case_id = OpenCase(connection, woman, State::kReferred, 0, now, caller.user_id);
        const std::int64_t id =
            InsertReferral(connection, module.keyring(), case_id, from_organization_id, caller.user_id, asked, now);
        sent = FindReferral(connection, module.keyring(), id);
        About(request, *sent, from_organization_id);
        request.outcome = "ok";
        request.detail = boost::json::serialize(
            boost::json::object{{"to_organization_id", asked.to_organization_id}, {"case_id", case_id}});
        audit::Append(connection, request, now);
    });
    if (!sent) {
        // An organization out of the sender's networks is answered as one that does not exist.
        request.outcome = "not_found";
        request.detail = boost::json::serialize(boost::json::object{{"to_organization_id", asked.to_organization_id}});
        audit::Record(module.database(), request, now);
        return core::Failure::Invalid("to_organization_id", "not_found");
    }
    return *sent;
}

core::Outcome<ReachedReferral> ReachReferral(const Module& module, const policy::Principal& caller,
                                             audit::Entry& request, std::string_view action, std::int64_t referral_id) {
    request.action = std::string(action);
    request.resource_type = std::string(kReferralType);
    request.resource_id = std::to_string(referral_id);
    auto connection = module.database().Acquire();
    std::optional<Referral> found;
    if (referral_id > 0) found = FindReferral(*connection, module.keyring(), referral_id);
    if (!found) {
        request.outcome = "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    auto permitted = [&](std::int64_t organization_id) {
        if (organization_id == 0) return false;
        const auto organization = tenancy::OrganizationResource(*connection, organization_id);
        return organization && module.policy.Permits(&caller, action, *organization);
    };
    ReachedReferral reached{.referral = std::move(*found)};
    reached.receiving = permitted(reached.referral.to_organization_id);
    const bool sending =
        !reached.receiving && action != kReferralAnswerAction && permitted(reached.referral.from_organization_id);
    About(request, reached.referral,
          reached.receiving || !sending ? reached.referral.to_organization_id : reached.referral.from_organization_id);
    if (!reached.receiving && !sending) {
        request.outcome = "denied";
        return core::NotFoundAudited(module.database(), request);
    }
    return reached;
}

void RecordReferralRead(const Module& module, audit::Entry request) {
    request.outcome = "ok";
    audit::Record(module.database(), request, core::NowMs());
}

core::Outcome<Referral> AnswerReferral(const Module& module, const policy::Principal& caller, audit::Entry request,
                                       const Referral& referral, const Answer& answer) {
    if (auto refused = RefusedAnswer(referral.state, answer)) {
        if (refused->code == "answered") return core::Failure{core::Fault::kConflict, "cases.detail.referral_answered"};
        return Refused(*refused);
    }
    const std::int64_t lead_id = answer.lead_user_id != 0 ? answer.lead_user_id : caller.user_id;
    enum class Result { kAnswered, kAnsweredMeanwhile, kNoLead } result = Result::kAnsweredMeanwhile;
    std::optional<Referral> answered;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        std::optional<Worker> lead;
        if (answer.accept) {
            lead = FindWorker(connection, referral.to_organization_id, lead_id);
            if (!lead || !lead->may_lead) {
                result = Result::kNoLead;
                return;
            }
        }
        const auto record = FindCase(connection, referral.case_id);
        if (!record || record->state != State::kReferred ||
            !RecordAnswer(connection, module.keyring(), referral, answer, caller.user_id, now)) {
            return;
        }
        const Move move = answer.accept ? Move{.to = State::kIntake}
                                        : Move{.to = State::kClosed, .outcome = "declined", .reason = answer.reason};
        if (!MoveCase(connection, module.keyring(), record->id, record->version, State::kReferred, move, caller.user_id,
                      now)) {
            throw std::logic_error("a referred case changed inside its answer's transaction");
        }
        if (lead) {
            SetTeamRole(connection, record->id, lead->user_id, TeamRole::kLead, now);
            AppendEvent(connection, module.keyring(), record->id,
                        {.kind = "team_changed",
                         .by_user_id = caller.user_id,
                         .at = now,
                         .detail = {{"user_id", lead->user_id}, {"name", lead->display_name}, {"role", "lead"}}});
        }
        answered = FindReferral(connection, module.keyring(), referral.id);
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"decision", answer.accept ? "accept" : "decline"},
                                                                    {"lead_user_id", lead ? lead->user_id : 0}});
        audit::Append(connection, request, now);
        result = Result::kAnswered;
    });
    switch (result) {
        case Result::kAnswered:
            return *answered;
        case Result::kAnsweredMeanwhile:
            return core::Failure{core::Fault::kConflict, "cases.detail.referral_answered"};
        case Result::kNoLead:
            // A lead out of the organization is answered as one that does not exist.
            request.outcome = "not_found";
            request.detail = boost::json::serialize(boost::json::object{{"lead_user_id", lead_id}});
            audit::Record(module.database(), request, core::NowMs());
            return core::Failure::Invalid("lead_user_id", "not_found");
    }
    return core::Failure{core::Fault::kConflict, "cases.detail.referral_answered"};
}

core::Page<Referral> ReadReferrals(const Module& module, audit::Entry request, std::int64_t organization_id, Box box,
                                   std::optional<ReferralState> state, const core::PageRequest& page) {
    auto referrals = SelectReferrals(*module.database().Acquire(), module.keyring(), organization_id, box, state, page);
    request.outcome = "ok";
    request.detail = boost::json::serialize(
        boost::json::object{{"box", box == Box::kReceived ? "received" : "sent"}, {"count", referrals.items.size()}});
    audit::Record(module.database(), request, core::NowMs());
    return referrals;
}

}  // namespace ponte::cases
