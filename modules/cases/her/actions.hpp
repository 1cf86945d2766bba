// Her own view, free of HTTP: what a woman whose account is linked to her record reads of her
// cases (her plan and what changed in it, her next appointments, the notes and documents her team
// shares with her), her actions marked done, her asking for help, and the linking itself.
//
// Her safe-contact rules decide what her screens may show: unless they let a message name the
// organization, nothing she reads names it (nor the places, whose names often do; their address
// stays, so that she finds her way), as someone may look at her phone. Nothing of her sensitive
// attributes is ever in her view. Every read and change is audited; a case, action, appointment
// or document that is not hers is answered as a missing one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/cases/actions.hpp"
#include "modules/cases/appointments/store.hpp"
#include "modules/cases/documents/actions.hpp"
#include "modules/cases/notes/store.hpp"
#include "modules/cases/plans/actions.hpp"

namespace ponte::cases {

struct HerAppointment {
    Appointment appointment;  // place_name emptied unless the organization may be named
    std::string place_address;
    std::string time_zone;  // the place's, in which she reads the time
};

// One of her cases as she reads it.
struct HerCase {
    Case record;
    bool name_sender = false;                  // her safe-contact rules let the organization be named
    std::string organization_name;             // empty unless name_sender
    Plan plan;                                 // partner organizations' names emptied unless name_sender
    boost::json::array changes;                // what the plan's latest version changed
    std::vector<HerAppointment> appointments;  // booked, not yet ended, soonest first
    std::vector<Note> notes;                   // shared with her, newest first
    std::vector<Document> documents;           // shared with her, newest first
};

// The cases of the caller's own account, as she reads them. Each read is audited.
std::vector<HerCase> ReadHerCases(const Module& module, const policy::Principal& caller, audit::Entry request,
                                  std::int64_t now_ms);

// Her action the path names, on her own case (past its referral, not anonymized, of an organization
// where she is still a participant); kNotFound for any other, audited as a missing one.
core::Outcome<ReachedAction> ReachHerAction(const Module& module, const policy::Principal& caller,
                                            audit::Entry& request, std::int64_t action_id);

// Marks her action done (a new version of her plan, on the timeline, whatever version her team
// revised it to meanwhile); nothing changes for one done already. kInvalidFields "owner":
// "not_hers" for an action of her plan that a worker or a partner takes, "state": "dropped" for
// one her team dropped, "closed" for a closed case. Returns her plan as it is now.
core::Outcome<Plan> MarkHerActionDone(const Module& module, const policy::Principal& caller, audit::Entry request,
                                      const ReachedAction& reached);

// She asks her team for help with her action: on the timeline ("help_asked", with her words,
// sealed) and told to her lead worker by mail, by the case's code only; kInvalidFields "state":
// "closed" for a closed case. Audited.
core::Outcome<bool> AskForHelp(const Module& module, const policy::Principal& caller, audit::Entry request,
                               const ReachedAction& reached, const std::string& message);

// Her appointment the path names, with its case, when it is of one of her own cases; kNotFound
// otherwise, audited as a missing one.
struct ReachedHerAppointment {
    HerAppointment appointment;
    bool name_sender = false;
    std::string organization_name;  // empty unless name_sender
};
core::Outcome<ReachedHerAppointment> ReachHerAppointment(const Module& module, const policy::Principal& caller,
                                                         audit::Entry& request, std::int64_t appointment_id);

// A document of her case shared with her, and its bytes; kNotFound for one her team keeps for
// itself, another case's, or a case not hers. Audited.
core::Outcome<DocumentFile> ReadHerDocument(const Module& module, const policy::Principal& caller, audit::Entry request,
                                            std::int64_t case_id, std::int64_t document_id);

// Links the case's record of her to `user_id`, a participant account of the case's organization
// who is none of its staff (0: unlinks it; an account linked before is replaced, which the
// timeline says). kInvalidFields "user_id": "not_found" for anyone else (as for a missing
// account), "state": "anonymized" for an anonymized case; kConflict when the account is linked to
// another woman of the organization. Audited; on the timeline, unless nothing changes. Returns
// the account's name.
core::Outcome<std::string> LinkHerAccount(const Module& module, const policy::Principal& caller, audit::Entry request,
                                          const Reached& reached, std::int64_t user_id);

}  // namespace ponte::cases
