// The table of referrals. SQL is in store.cpp as named constants with bound parameters; every
// function runs on the caller's connection, so that the caller groups a change with its audit
// entry and the case's own change in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/page.hpp"
#include "modules/cases/referrals/model.hpp"

namespace ponte::cases {

struct Referral {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::int64_t from_organization_id = 0;  // 0 once that organization is gone
    std::string from_organization_name;
    std::int64_t to_organization_id = 0;
    std::string to_organization_name;
    std::int64_t referred_by = 0;
    std::string referred_by_name;
    std::optional<OutsideReferrer> outside;
    std::string chosen_name;
    Urgency urgency = Urgency::kRoutine;
    std::string reason;
    std::string consent_method;
    std::int64_t consent_at = 0;
    ReferralState state = ReferralState::kPending;
    std::int64_t answered_by = 0;
    std::string answered_by_name;
    std::int64_t answered_at = 0;
    std::string answer;  // a decline's reason
    std::int64_t created_at = 0;
};

// Records the referral of the case (opened in state referred) from `from_organization_id` by
// `referred_by`, its reason and outside referrer sealed. Returns its id.
std::int64_t InsertReferral(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                            std::int64_t from_organization_id, std::int64_t referred_by, const ReferralRequest& request,
                            std::int64_t now_ms);

// The referral, or nullopt.
std::optional<Referral> FindReferral(db::Connection& connection, const crypto::Keyring& keyring,
                                     std::int64_t referral_id);

// The referral that opened the case, or nullopt for a case opened otherwise.
std::optional<Referral> FindReferralOfCase(db::Connection& connection, const crypto::Keyring& keyring,
                                           std::int64_t case_id);

// Which referrals of an organization: those it received, or those it sent.
enum class Box { kReceived, kSent };
std::optional<Box> ParseBox(std::string_view name);

// A page of the organization's referrals in `box` (only those in `state`, when given), oldest
// first: the one waiting longest comes first. One statement a page.
core::Page<Referral> SelectReferrals(db::Connection& connection, const crypto::Keyring& keyring,
                                     std::int64_t organization_id, Box box, std::optional<ReferralState> state,
                                     const core::PageRequest& page);

// Records the answer of a pending referral; false, changing nothing, when it was answered
// meanwhile.
bool RecordAnswer(db::Connection& connection, const crypto::Keyring& keyring, const Referral& referral,
                  const Answer& answer, std::int64_t by_user_id, std::int64_t now_ms);

// The contexts its sealed values are bound to (crypto::FieldContext), bound to the case.
std::string ReferralReasonContext(std::int64_t case_id);
std::string OutsideReferrerContext(std::int64_t case_id);
std::string AnswerContext(std::int64_t case_id);

}  // namespace ponte::cases
