// Accounts made by staff, and invitations. A staff member creates a person's account in her
// organization (a participant may have no email) and hands over a one-time invitation code, on
// paper or as a QR code, with which the person sets her own password or passphrase. The same
// route gives a new code to someone who lost hers. Organization admins disable and enable
// accounts (removing a membership is in memberships.hpp).
//
// Nobody manages an account holding a role they could not give (resources.hpp: MayManage), so a
// re-invitation cannot take over a colleague's account.
#pragma once

#include <memory>

#include "core/authentication/service.hpp"
#include "core/registry.hpp"

namespace ponte::identity {

void RegisterUsers(core::Registry& registry, std::shared_ptr<authentication::Service> service);

}  // namespace ponte::identity
