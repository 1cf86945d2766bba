#include "core/identity/admin.hpp"

#include "core/accounts/store.hpp"
#include "core/audit/audit.hpp"
#include "core/db/errors.hpp"
#include "core/tenancy/store.hpp"

#include <ctime>
#include <iostream>
#include <memory>

#include "core/feature.hpp"

namespace ponte::identity {
namespace {

// A disabled administrator cannot sign in, so she does not count: an installation whose only
// administrator was disabled needs no --force to get one again.
constexpr std::string_view kCountEnabledAdmins =
    "SELECT COUNT(*) FROM tenancy_memberships m JOIN accounts_users u ON u.id = m.user_id "
    "WHERE m.role = 'platform_admin' AND u.disabled = 0";

}  // namespace

std::variant<CreatedAdmin, AdminRefusal> CreatePlatformAdmin(db::Database& database, const NewAdmin& admin,
                                                             std::int64_t now_ms) {
    const std::string email = accounts::NormalizeEmail(admin.email);
    if (!accounts::LooksLikeEmail(email) || email.size() > 254) return AdminRefusal::kInvalidEmail;
    if (admin.display_name.empty() || admin.display_name.size() > 100) return AdminRefusal::kInvalidName;
    try {
        return database.Transact([&](db::Connection& connection) -> std::variant<CreatedAdmin, AdminRefusal> {
            if (!admin.force && connection.Execute(kCountEnabledAdmins).Int(0, 0) > 0) {
                return AdminRefusal::kAdminExists;
            }
            if (accounts::FindUserByEmail(connection, email)) return AdminRefusal::kEmailTaken;
            const std::int64_t id =
                accounts::CreateUser(connection, {.email = email, .display_name = admin.display_name}, now_ms);
            tenancy::AddMembership(connection, id, {.role = policy::Role::kPlatformAdmin}, 0, now_ms);
            accounts::Invitation invitation = accounts::IssueInvitation(connection, id, 0, now_ms);
            audit::Append(connection,
                          {.action = "auth.admin.create",
                           .outcome = "ok",
                           .resource_type = "auth.user",
                           .resource_id = std::to_string(id),
                           .detail = admin.force ? R"({"forced":true})" : R"({"forced":false})"},
                          now_ms);
            return CreatedAdmin{id, std::move(invitation)};
        });
    } catch (const db::UniqueViolation&) {
        return AdminRefusal::kEmailTaken;  // made by someone else between the check and the insert
    }
}

std::string InvitationLink(std::string_view public_url, std::string_view code) {
    while (public_url.ends_with('/')) public_url.remove_suffix(1);
    return std::string(public_url) + "/invite#" + std::string(code);
}

namespace {

std::string UtcTime(std::int64_t epoch_ms) {
    const std::time_t seconds = epoch_ms / 1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &parts);
    return text;
}

struct AdminOptions {
    NewAdmin admin{.display_name = "Platform administrator"};
    std::string public_url;
};

int CreateAdmin(core::CommandContext& context, const AdminOptions& options) {
    if (!options.public_url.empty() && !options.public_url.starts_with("https://") &&
        !options.public_url.starts_with("http://")) {
        std::cerr << "ponte: invalid setting --public-url (PONTE_PUBLIC_URL): must start with https:// or http://\n";
        return 2;
    }
    auto outcome = CreatePlatformAdmin(context.database(), options.admin, core::NowMs());
    if (const auto* refusal = std::get_if<AdminRefusal>(&outcome)) {
        switch (*refusal) {
            case AdminRefusal::kInvalidEmail:
                std::cerr << "ponte: --email: '" << options.admin.email << "' is not an email address\n";
                break;
            case AdminRefusal::kInvalidName:
                std::cerr << "ponte: --display-name: must be 1 to 100 characters\n";
                break;
            case AdminRefusal::kAdminExists:
                std::cerr << "ponte: a platform administrator exists already; an administrator invites others from "
                             "the app. Add --force only if no administrator can sign in any more.\n";
                break;
            case AdminRefusal::kEmailTaken:
                std::cerr << "ponte: an account with the email " << options.admin.email << " exists already\n";
                break;
        }
        return 1;
    }
    const auto& created = std::get<CreatedAdmin>(outcome);
    const bool configured = !options.public_url.empty();
    const std::string base = configured ? options.public_url : "http://127.0.0.1:8080";
    std::cout << "platform administrator " << accounts::NormalizeEmail(options.admin.email) << " created (account "
              << created.user_id << "), without a password.\n"
              << "Her one-time invitation, valid until " << UtcTime(created.invitation.expires_at) << ":\n"
              << "  link: " << InvitationLink(base, created.invitation.code) << "\n"
              << "  code: " << created.invitation.code << "\n"
              << (configured ? "The link uses the public address from --public-url (PONTE_PUBLIC_URL).\n"
                             : "No --public-url (PONTE_PUBLIC_URL) was given: the link assumes Ponte at "
                               "http://127.0.0.1:8080; with another address, open /invite there and enter the code.\n")
              << "She opens the link and sets her own passphrase. Hand it to her only: whoever holds it becomes "
                 "her.\n";
    return 0;
}

}  // namespace

void AddAdminCommands(CLI::App& cli, core::Commands& commands) {
    auto options = std::make_shared<AdminOptions>();
    auto* parent = cli.add_subcommand("admin", "Platform administrators");
    parent->require_subcommand(1);
    auto* create = commands.Add(cli, {"admin", "create"},
                                "Make a platform administrator without a password and print her one-time invitation",
                                [options](core::CommandContext& context) { return CreateAdmin(context, *options); });
    create->add_option("--email", options->admin.email, "Her email")->required();
    create->add_option("--display-name", options->admin.display_name, "Her name as shown in the app")
        ->capture_default_str();
    create->add_flag("--force", options->admin.force, "Make one even though a platform administrator exists");
    create->add_option("--public-url", options->public_url, "Address people open Ponte at, for the invitation link")
        ->envname("PONTE_PUBLIC_URL");
}

}  // namespace ponte::identity
