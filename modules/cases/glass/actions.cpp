#include "modules/cases/glass/actions.hpp"

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/i18n/catalogue.hpp"
#include "core/mail/mail.hpp"
#include "modules/cases/glass/store.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

// Tells the lead worker, in her language, who broke the glass of which case: by its code, as a
// mail may be read where her name must not be.
void MailLead(db::Connection& connection, const crypto::Keyring& keyring, const Case& record,
              const std::string& worker_name, std::int64_t now) {
    if (record.lead_user_id == 0) return;
    const auto lead = accounts::FindUser(connection, record.lead_user_id);
    if (!lead || lead->email.empty()) return;
    const auto& catalogue = i18n::Catalogue::Instance();
    const std::string locale(catalogue.Resolve(lead->locale));
    const i18n::Arguments arguments = {
        {"lead", lead->display_name}, {"worker", worker_name}, {"code", record.code}, {"hours", kGlassHours}};
    mail::Enqueue(connection, keyring,
                  {lead->email, catalogue.Format(locale, "cases.mail.glass_broken.subject", arguments),
                   catalogue.Format(locale, "cases.mail.glass_broken.body", arguments)},
                  now);
}

}  // namespace

core::Outcome<Case> ReachGlassCase(const Module& module, const policy::Principal& caller, audit::Entry& request,
                                   std::int64_t case_id) {
    request.action = std::string(kBreakGlassAction);
    request.resource_type = "cases.case";
    request.resource_id = std::to_string(case_id);
    // Reached over the organization only: she breaks the glass of a case she is not on the team of.
    std::vector<TeamMember> team;
    std::optional<Case> found;
    if (case_id > 0) found = FindCase(*module.database().Acquire(), case_id, &team);
    const policy::Resource organization{.organization_id = found ? found->organization_id : 0};
    if (!found || !module.policy.Permits(&caller, kBreakGlassAction, organization)) {
        request.outcome = found ? "denied" : "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    request.organization_id = found->organization_id;
    if (module.policy.Permits(&caller, kReadAction, ResourceOf(*found, team))) {
        return core::Failure{core::Fault::kConflict, "cases.detail.glass_not_needed"};
    }
    return *found;
}

std::int64_t BreakCaseGlass(const Module& module, const policy::Principal& caller, audit::Entry request,
                            const Case& record, const std::string& reason) {
    const std::int64_t case_id = record.id;
    std::int64_t expires = 0;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        expires = BreakGlass(connection, module.keyring(), case_id, caller.user_id, reason, now);
        const auto worker = accounts::FindUser(connection, caller.user_id);
        const std::string name = worker ? worker->display_name : std::string();
        AppendEvent(
            connection, module.keyring(), case_id,
            {.kind = "glass_broken",
             .by_user_id = caller.user_id,
             .at = now,
             .detail = {{"user_id", caller.user_id}, {"name", name}, {"reason", reason}, {"expires_at", expires}}});
        MailLead(connection, module.keyring(), record, name, now);
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"expires_at", expires}});
        audit::Append(connection, request, now);
    });
    return expires;
}

}  // namespace ponte::cases
