#include "modules/consents/actions.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/tenancy/resources.hpp"
#include "modules/consents/api.hpp"
#include "modules/consents/policy.hpp"
#include "modules/consents/store.hpp"

namespace ponte::consents {

core::Outcome<tenancy::UserFacts> ReachPerson(const Module& module, const policy::Principal& caller,
                                              audit::Entry& request, std::string_view action, std::int64_t user_id) {
    request.action = std::string(action);
    request.resource_type = "auth.user";
    request.resource_id = std::to_string(user_id);
    std::optional<tenancy::UserFacts> person;
    if (user_id > 0) person = tenancy::LoadUserFacts(*module.database().Acquire(), user_id);
    if (!person) {
        request.outcome = "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    if (!Reaches(module.policy, caller, action, *person)) {
        request.outcome = "denied";
        return core::NotFoundAudited(module.database(), request);
    }
    return *person;
}

bool HasConsent(db::Connection& connection, std::int64_t user_id, std::string_view purpose) {
    return LatestDecision(connection, user_id, purpose).value_or(false);
}

void RecordConsent(db::Connection& connection, std::int64_t user_id, std::string_view purpose, bool given,
                   std::string_view method, std::int64_t recorded_by, std::int64_t now_ms) {
    InsertDecision(connection, user_id,
                   {.purpose = std::string(purpose),
                    .given = given,
                    .method = std::string(method),
                    .recorded_at = now_ms,
                    .recorded_by = recorded_by});
}

Consents ReadConsents(const Module& module, audit::Entry request, const tenancy::UserFacts& person) {
    Consents consents;
    consents.history = DecisionsOf(*module.database().Acquire(), person.id);
    consents.purposes = CurrentState(module.purposes, consents.history);
    request.outcome = "ok";
    audit::Record(module.database(), request, core::NowMs());
    return consents;
}

core::Outcome<Decision> RecordDecision(const Module& module, const policy::Principal& caller, audit::Entry request,
                                       const tenancy::UserFacts& person, const NewDecision& asked) {
    core::Failure invalid{core::Fault::kInvalidFields};
    if (!module.purposes.contains(asked.purpose)) invalid.errors.push_back({"purpose", "format"});
    const bool own = person.id == caller.user_id;
    const auto method = MethodFor(own, asked.method);
    if (!method) {
        invalid.errors.push_back({"method", "format"});
        invalid.detail_key = own ? "consents.detail.own_decision_online" : "consents.detail.staff_record_paper";
    }
    if (!invalid.errors.empty()) return invalid;
    const Decision decision{.purpose = asked.purpose,
                            .given = asked.given,
                            .method = *method,
                            .recorded_at = core::NowMs(),
                            .recorded_by = caller.user_id};
    module.database().Transact([&](db::Connection& connection) {
        InsertDecision(connection, person.id, decision);
        request.outcome = "ok";
        request.detail = boost::json::serialize(
            boost::json::object{{"purpose", decision.purpose}, {"given", decision.given}, {"method", decision.method}});
        audit::Append(connection, request, decision.recorded_at);
    });
    return decision;
}

}  // namespace ponte::consents
