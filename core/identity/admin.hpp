// The first platform administrator of a new installation, made on the server's own command line
// (`ponte admin create`): an account without a password and a one-time invitation code with which
// she sets her own, so that no password is ever published, printed or typed on the command line.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "core/accounts/invitations.hpp"
#include "core/db/database.hpp"
#include "core/module.hpp"

namespace ponte::identity {

struct NewAdmin {
    std::string email;  // as typed; normalized here
    std::string display_name;
    // Make one even though an enabled platform administrator exists (the only one lost her access).
    bool force = false;
};

struct CreatedAdmin {
    std::int64_t user_id = 0;
    accounts::Invitation invitation;
};

enum class AdminRefusal {
    kInvalidEmail,  // not an address
    kInvalidName,   // empty or longer than 100 characters
    kAdminExists,   // an enabled platform administrator exists and `force` is false
    kEmailTaken,    // an account has this email already
};

// Creates the account, its platform_admin membership and its invitation, and audits it
// ("auth.admin.create", detail {"forced":bool}), all in one transaction; or changes nothing and
// says why.
std::variant<CreatedAdmin, AdminRefusal> CreatePlatformAdmin(db::Database& database, const NewAdmin& admin,
                                                             std::int64_t now_ms);

// The invitation link of a code: "<public_url>/invite#CODE" (the code in the fragment, which
// browsers never send to a server). A trailing slash of `public_url` is dropped.
std::string InvitationLink(std::string_view public_url, std::string_view code);

// Adds `ponte admin create --email ... [--display-name ...] [--force] [--public-url ...]`, which
// makes one and prints her invitation (link and code), or says on standard error why not (exit 1;
// 2 for a bad setting).
void AddAdminCommands(CLI::App& cli, core::Commands& commands);

}  // namespace ponte::identity
