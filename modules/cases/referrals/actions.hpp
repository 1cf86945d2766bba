// The use cases of referrals, free of HTTP. A referral joins two organizations: the one that sends
// it reads it and its answer; the one that receives it reads it, with her case, and answers it.
// Anyone else is answered as for a missing referral. Every read and change is audited.
#pragma once

#include <cstdint>
#include <optional>

#include "modules/cases/actions.hpp"
#include "modules/cases/referrals/store.hpp"

namespace ponte::cases {

// Refers her from `from_organization_id` (which the caller reached with kReferralSendAction): her
// record and her case in the receiving organization, in state referred, with no team until it is
// accepted. kInvalidFields naming to_organization_id ("not_found") for an organization that
// shares no network with the sender (as for a missing one), or the rule's field
// (RefusedReferral). Audited; on her case's timeline.
core::Outcome<Referral> SendReferral(const Module& module, const policy::Principal& caller, audit::Entry request,
                                     std::int64_t from_organization_id, const ReferralRequest& asked);

// A referral as its reader reaches it, and from which side.
struct ReachedReferral {
    Referral referral;
    bool receiving = false;  // the caller reads it for the receiving organization (else the sender)
};

// The referral a request names, when `caller` may take `action` on it from either side
// (kReferralAnswerAction: only the receiving one); else kNotFound, audited.
core::Outcome<ReachedReferral> ReachReferral(const Module& module, const policy::Principal& caller,
                                             audit::Entry& request, std::string_view action, std::int64_t referral_id);

// Audits the read of a reached referral.
void RecordReferralRead(const Module& module, audit::Entry request);

// Answers a pending referral: accepting moves her case to intake with its lead worker (0: the
// caller); declining closes it with the outcome "declined" and the reason, which the referrer
// reads. kConflict when it was answered already; kInvalidFields naming lead_user_id
// ("not_found") for a lead who is not a worker of the receiving organization who may lead, or the
// rule's field (RefusedAnswer). Audited; on her case's timeline.
core::Outcome<Referral> AnswerReferral(const Module& module, const policy::Principal& caller, audit::Entry request,
                                       const Referral& referral, const Answer& answer);

// A page of the organization's referrals in `box`. Audited.
core::Page<Referral> ReadReferrals(const Module& module, audit::Entry request, std::int64_t organization_id, Box box,
                                   std::optional<ReferralState> state, const core::PageRequest& page);

}  // namespace ponte::cases
