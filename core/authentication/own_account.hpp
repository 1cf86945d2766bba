// Her own account, for every signed-in person (policy action `signed_in`):
//
// - POST /api/v1/auth/password changes her passphrase. The current one is required: a wrong one
//   is a 422 naming `current_password` and counts as a failed sign-in of the account (the same
//   throttle key as signing in, so guesses through either way add up; 429 once locked). The new
//   one must pass the rules of passwords.hpp (422 naming `new_password`). On success every other
//   session of the account ends, and this one continues under a new id and CSRF token (answered
//   like a sign-in, with the cookie): a copy of the old cookie, wherever it went, is worth nothing.
//   A second factor already passed in this session stays passed. Audited.
// - GET /api/v1/auth/sessions lists her live sessions: a short public id (random, unrelated to the
//   cookie), when each began and was last used, the device and browser summarized from the user
//   agent, and which one is this. No address is shown.
// - DELETE /api/v1/auth/sessions/{session_id} ends one of them (this one too, clearing the
//   cookie); another person's id answers exactly like an unknown one (404), at the same cost.
// - POST /api/v1/auth/sessions/end-others ends all but this one.
//
// The second factor is set up with the routes of second_factor.hpp, open to every account.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/authentication/service.hpp"
#include "core/registry.hpp"

namespace ponte::authentication {

// What a user agent string says about the device, coarsely enough to recognize one's own phone
// or computer and no more.
struct DeviceSummary {
    std::string device;   // "phone", "tablet", "computer" or "unknown"
    std::string browser;  // "Chrome", "Edge", "Firefox", "Opera", "Safari", "Samsung Internet" or ""
    std::string system;   // "Android", "iOS", "Windows", "macOS", "ChromeOS", "Linux" or ""
};

DeviceSummary SummarizeUserAgent(std::string_view user_agent);

void RegisterOwnAccount(core::Registry& registry, std::shared_ptr<Service> service);

}  // namespace ponte::authentication
