// A referral as plain values: who refers a woman to which organization, why, how urgently, and
// how she consented to it; and the rules of its answer. No I/O.
//
// A referral is pending until the receiving organization answers it: accepted (her case moves
// from referred to intake, with a lead worker) or declined with a reason (her case closes with
// the outcome "declined"). The referrer sees the answer, never the case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ponte::cases {

enum class Urgency { kRoutine, kSoon, kUrgent };
std::string_view UrgencyName(Urgency urgency);
std::optional<Urgency> ParseUrgency(std::string_view name);

enum class ReferralState { kPending, kAccepted, kDeclined };
std::string_view ReferralStateName(ReferralState state);
std::optional<ReferralState> ParseReferralState(std::string_view name);

// Who refers her when the referrer does not use Ponte (a social service that phoned or sent a
// form): told by the worker who records the referral.
struct OutsideReferrer {
    std::string name;
    std::string organization;
    std::string contact;  // a phone number or an address, as given
};

// What the referrer sends.
struct ReferralRequest {
    std::int64_t to_organization_id = 0;
    std::string chosen_name;
    std::string reason;  // sealed at rest
    Urgency urgency = Urgency::kRoutine;
    std::string consent_method;   // how she agreed to be referred: "paper", "verbal" or "online"
    std::int64_t consent_at = 0;  // when; not after the referral
    std::optional<OutsideReferrer> outside;
};

// Why the request cannot be sent from `from_organization_id` at `now_ms`, as a field and its code
// ("consent_at": "format" for a time after now; "referrer": "required" when an organization
// records a referral to itself without saying who referred her, "unknown" when a referral
// between two organizations names an outside referrer); nullopt when it can.
struct ReferralRefusal {
    std::string field;
    std::string code;
};
std::optional<ReferralRefusal> RefusedReferral(std::int64_t from_organization_id, const ReferralRequest& request,
                                               std::int64_t now_ms);

// The answer of the receiving organization.
struct Answer {
    bool accept = false;
    std::int64_t lead_user_id = 0;  // accepting: her lead worker (0: the one who answers)
    std::string reason;             // declining: why, which the referrer reads
};

// Why `answer` cannot be given to a referral in `state` ("decision": "answered" when it was
// answered already; "reason": "required" for a decline without one); nullopt when it can.
std::optional<ReferralRefusal> RefusedAnswer(ReferralState state, const Answer& answer);

}  // namespace ponte::cases
