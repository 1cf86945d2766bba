// The HTTP face of referrals: decode the request, call the use case, answer JSON or the failure.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"
#include "modules/cases/referrals/store.hpp"

namespace ponte::cases {

// The referral as the receiving organization (`receiving`) or the sending one reads it: the
// sender never learns her case.
boost::json::object ReferralJson(const Referral& referral, bool receiving);

// The JSON Schema of ReferralJson.
extern const std::string_view kReferralSchema;

// Adds the referral routes, bound to `module`.
void AddReferralRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases
