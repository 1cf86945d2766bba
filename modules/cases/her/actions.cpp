#include "modules/cases/her/actions.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/accounts/store.hpp"
#include "core/db/errors.hpp"
#include "core/feature.hpp"
#include "core/i18n/catalogue.hpp"
#include "core/mail/mail.hpp"
#include "modules/cases/her/store.hpp"
#include "modules/cases/plans/actions.hpp"
#include "modules/cases/policy.hpp"
#include "modules/cases/profile/model.hpp"
#include "modules/cases/profile/store.hpp"

namespace ponte::cases {
namespace {

// True when her safe-contact rules let what she reads name the organization; never before she
// (or her worker) wrote them.
bool MayNameSender(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t woman_id) {
    const StoredPart rules = ReadPart(connection, keyring, woman_id, Part::kSafeContact);
    return rules.content && SafeContactFrom(*rules.content).name_sender;
}

// True when the case is one she reads in her own view: past its referral, not anonymized, and of
// an organization where she is still a participant (her link to the record does not outlive her
// membership).
bool SheReads(const policy::Principal& caller, const Case& record) {
    if (record.state == State::kReferred || record.anonymized_at != 0) return false;
    return std::any_of(caller.memberships.begin(), caller.memberships.end(), [&](const policy::Membership& held) {
        return held.role == policy::Role::kParticipant && held.organization_id == record.organization_id;
    });
}

// A case ReachCase reached for `action` that she does not read in her own view, answered as a
// missing one, audited.
core::Failure NotHers(const Module& module, audit::Entry& request) {
    request.outcome = "denied";
    return core::NotFoundAudited(module.database(), request);
}

// The case of her own view the request names, as ReachCase reaches it for `action`.
core::Outcome<Reached> ReachHers(const Module& module, const policy::Principal& caller, audit::Entry& request,
                                 std::string_view action, std::int64_t case_id) {
    auto reached = ReachCase(module, caller, request, action, case_id);
    if (reached && !SheReads(caller, reached->record)) return NotHers(module, request);
    return reached;
}

// Her action in `plan`, or null.
const PlanAction* ActionIn(const Plan& plan, std::int64_t action_id) {
    for (const auto& goal : plan.goals) {
        for (const auto& action : goal.actions) {
            if (action.id == action_id) return &action;
        }
    }
    return nullptr;
}

// The appointment as she reads it: the place's name only when the organization may be named, never
// a cancellation's reason.
HerAppointment Hers(Appointment appointment, const std::optional<Place>& place, bool name_sender) {
    if (!name_sender) appointment.place_name.clear();
    appointment.reason.clear();
    return {.appointment = std::move(appointment),
            .place_address = place ? place->address : std::string(),
            .time_zone = place ? place->time_zone : std::string()};
}

// Her booked appointments of the case that have not ended, with their places' addresses.
std::vector<HerAppointment> UpcomingOf(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                                       bool name_sender, std::int64_t now_ms) {
    std::map<std::int64_t, std::optional<Place>> places;
    std::vector<HerAppointment> out;
    for (auto& appointment : AppointmentsOfCase(connection, keyring, case_id)) {
        if (appointment.state != Attendance::kBooked || appointment.ends_at <= now_ms) continue;
        auto [place, added] = places.try_emplace(appointment.place_id);
        if (added) place->second = FindPlace(connection, appointment.place_id);
        out.push_back(Hers(std::move(appointment), place->second, name_sender));
    }
    return out;
}

// Tells her lead worker, in his language, that the woman of case `code` asks for help with an
// action of her plan: by the code only, as a mail may be read where her name must not be.
void MailLead(db::Connection& connection, const crypto::Keyring& keyring, const Case& record, std::int64_t now) {
    if (record.lead_user_id == 0) return;
    const auto lead = accounts::FindUser(connection, record.lead_user_id);
    if (!lead || lead->email.empty()) return;
    const auto& catalogue = i18n::Catalogue::Instance();
    const std::string locale(catalogue.Resolve(lead->locale));
    const i18n::Arguments arguments = {{"lead", lead->display_name}, {"code", record.code}};
    mail::Enqueue(connection, keyring,
                  {lead->email, catalogue.Format(locale, "cases.mail.help_asked.subject", arguments),
                   catalogue.Format(locale, "cases.mail.help_asked.body", arguments)},
                  now);
}

// One of her cases as she reads it; nullopt when it is not hers.
std::optional<HerCase> ReadHerCase(const Module& module, db::Connection& connection, const policy::Principal& caller,
                                   std::int64_t case_id, std::int64_t now_ms) {
    std::vector<TeamMember> team;
    auto record = FindCase(connection, case_id, &team);
    if (!record || !SheReads(caller, *record) ||
        !module.policy.Permits(&caller, kOwnReadAction, ResourceOf(*record, team))) {
        return std::nullopt;
    }
    HerCase her{.record = std::move(*record)};
    her.name_sender = MayNameSender(connection, module.keyring(), her.record.woman_id);
    if (her.name_sender) her.organization_name = OrganizationName(connection, her.record.organization_id);
    her.plan = ReadPlan(connection, module.keyring(), case_id);
    if (!her.name_sender) {
        for (auto& goal : her.plan.goals) {
            for (auto& action : goal.actions) {
                if (action.owner == Owner::kPartner) action.owner_name.clear();
            }
        }
    }
    if (auto versions = PlanVersions(connection, module.keyring(), case_id); !versions.empty()) {
        her.changes = std::move(versions.front().changes);
    }
    her.appointments = UpcomingOf(connection, module.keyring(), case_id, her.name_sender, now_ms);
    her.notes = NotesOfCase(connection, module.keyring(), case_id, true);
    her.documents = DocumentsOfCase(connection, module.keyring(), case_id, true);
    return her;
}

}  // namespace

std::vector<HerCase> ReadHerCases(const Module& module, const policy::Principal& caller, audit::Entry request,
                                  std::int64_t now_ms) {
    std::vector<HerCase> out;
    {
        auto connection = module.database().Acquire();
        for (const std::int64_t case_id : CasesOfAccount(*connection, caller.user_id)) {
            auto her = ReadHerCase(module, *connection, caller, case_id, now_ms);
            if (her) out.push_back(std::move(*her));
        }
    }
    // Each case read, audited once the connection is back in the pool.
    request.action = std::string(kOwnReadAction);
    request.resource_type = "cases.case";
    request.outcome = "ok";
    for (const auto& her : out) {
        request.resource_id = std::to_string(her.record.id);
        request.organization_id = her.record.organization_id;
        audit::Record(module.database(), request, now_ms);
    }
    return out;
}

core::Outcome<ReachedAction> ReachHerAction(const Module& module, const policy::Principal& caller,
                                            audit::Entry& request, std::int64_t action_id) {
    auto reached = ReachPlanAction(module, caller, request, kOwnActAction, action_id);
    if (reached && !SheReads(caller, reached->reached.record)) return NotHers(module, request);
    return reached;
}

core::Outcome<Plan> MarkHerActionDone(const Module& module, const policy::Principal& caller, audit::Entry request,
                                      const ReachedAction& reached) {
    const Plan current = ReadPlan(*module.database().Acquire(), module.keyring(), reached.reached.record.id);
    const PlanAction* action = ActionIn(current, reached.action_id);
    if (action == nullptr || action->owner != Owner::kHer) return RefuseAudited(module, request, "owner", "not_hers");
    // Her team dropped it: she does not take it up again on her own.
    if (action->state == ActionState::kDropped) return RefuseAudited(module, request, "state", "dropped");
    if (action->state == ActionState::kDone) {
        request.outcome = "ok";
        request.detail = R"({"unchanged":true})";
        audit::Record(module.database(), request, core::NowMs());
        return current;
    }
    // She sent no version: the plan as it is when the change is written (0), however her team revised it.
    return SetActionState(module, caller, std::move(request), reached, 0, ActionState::kDone);
}

core::Outcome<bool> AskForHelp(const Module& module, const policy::Principal& caller, audit::Entry request,
                               const ReachedAction& reached, const std::string& message) {
    const Case& record = reached.reached.record;
    if (record.state == State::kClosed) return RefuseAudited(module, request, "state", "closed");
    bool asked = false;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const Plan plan = ReadPlan(connection, module.keyring(), record.id);
        const PlanAction* action = ActionIn(plan, reached.action_id);
        if (action == nullptr) return;  // revised away since it was reached
        AppendEvent(connection, module.keyring(), record.id,
                    {.kind = "help_asked",
                     .by_user_id = caller.user_id,
                     .at = now,
                     .detail = {{"action_id", reached.action_id}, {"title", action->title}, {"message", message}}});
        MailLead(connection, module.keyring(), record, now);
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"action_id", reached.action_id}});
        audit::Append(connection, request, now);
        asked = true;
    });
    if (!asked) {
        request.outcome = "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    return true;
}

core::Outcome<ReachedHerAppointment> ReachHerAppointment(const Module& module, const policy::Principal& caller,
                                                         audit::Entry& request, std::int64_t appointment_id) {
    std::optional<Appointment> found;
    if (appointment_id > 0) found = FindAppointment(*module.database().Acquire(), module.keyring(), appointment_id);
    // A missing appointment is answered as a missing case, audited alike.
    auto reached = ReachHers(module, caller, request, kOwnReadAction, found ? found->case_id : 0);
    if (!reached) return std::move(reached.failure());
    ReachedHerAppointment out;
    std::optional<Place> place;
    {
        auto connection = module.database().Acquire();
        out.name_sender = MayNameSender(*connection, module.keyring(), reached->record.woman_id);
        if (out.name_sender) out.organization_name = OrganizationName(*connection, reached->record.organization_id);
        place = FindPlace(*connection, found->place_id);
    }
    out.appointment = Hers(std::move(*found), place, out.name_sender);
    request.outcome = "ok";
    request.detail = boost::json::serialize(boost::json::object{{"appointment_id", appointment_id}});
    audit::Record(module.database(), request, core::NowMs());
    return out;
}

core::Outcome<DocumentFile> ReadHerDocument(const Module& module, const policy::Principal& caller, audit::Entry request,
                                            std::int64_t case_id, std::int64_t document_id) {
    auto reached = ReachHers(module, caller, request, kOwnReadAction, case_id);
    if (!reached) return std::move(reached.failure());
    return ReadDocumentFile(module, std::move(request), *reached, document_id, true);
}

core::Outcome<std::string> LinkHerAccount(const Module& module, const policy::Principal& caller, audit::Entry request,
                                          const Reached& reached, std::int64_t user_id) {
    const Case& record = reached.record;
    if (record.anonymized_at != 0) return RefuseAudited(module, request, "state", "anonymized");
    std::optional<std::string> name;
    std::optional<core::Failure> refused;
    try {
        module.database().Transact([&](db::Connection& connection) {
            name = user_id == 0 ? std::optional<std::string>("")
                                : FindParticipant(connection, record.organization_id, user_id);
            if (!name) return;
            const auto linked =
                user_id == 0 ? std::nullopt : WomanOfAccount(connection, record.organization_id, user_id);
            if (linked && *linked != record.woman_id) {
                refused = core::Failure{core::Fault::kConflict, "cases.detail.account_linked"};
                return;
            }
            boost::json::object detail{{"user_id", user_id}};
            const std::int64_t now = core::NowMs();
            request.outcome = "ok";
            if (record.woman_user_id == user_id) {  // linked as asked already: nothing changes
                request.detail = R"({"unchanged":true})";
                audit::Append(connection, request, now);
                return;
            }
            if (record.woman_user_id != 0) detail["replaced_user_id"] = record.woman_user_id;
            LinkAccount(connection, record.woman_id, user_id, now);
            AppendEvent(connection, module.keyring(), record.id,
                        {.kind = user_id == 0 ? "account_unlinked" : "account_linked",
                         .by_user_id = caller.user_id,
                         .at = now,
                         .detail = detail});
            request.detail = boost::json::serialize(detail);
            audit::Append(connection, request, now);
        });
    } catch (const db::UniqueViolation&) {
        // Another worker linked the account to another woman's record at the same moment.
        refused = core::Failure{core::Fault::kConflict, "cases.detail.account_linked"};
    }
    if (!name) return RefuseAudited(module, request, "user_id", "not_found");
    if (refused) {
        request.outcome = "conflict";
        audit::Record(module.database(), request, core::NowMs());
        return std::move(*refused);
    }
    return *name;
}

}  // namespace ponte::cases
