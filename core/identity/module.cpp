#include "core/identity/module.hpp"
#include "core/config/config.hpp"

#include <algorithm>

#include "core/authentication/authentication.hpp"
#include "core/db/migrate.hpp"
#include "core/identity/admin.hpp"
#include "core/identity/personal_data.hpp"
#include "core/identity/seed.hpp"
#include "core/identity/users.hpp"
#include "core/tenancy/tenancy.hpp"

namespace ponte::identity {
namespace {

class IdentityModule : public core::Module {
  public:
    std::string_view word() const override { return "identity"; }

    void AddOptions(CLI::App& serve) override {
        serve.add_option("--session-idle-timeout", session_idle_s_, "Seconds a session may stay unused")
            ->envname("PONTE_SESSION_IDLE_TIMEOUT")
            ->capture_default_str();
        serve
            .add_option("--session-absolute-timeout", session_absolute_s_,
                        "Seconds after which a session ends however much it is used")
            ->envname("PONTE_SESSION_ABSOLUTE_TIMEOUT")
            ->capture_default_str();
        serve
            .add_option("--password-memory-mib", password_memory_mib_,
                        "Argon2id memory per password hash, in MiB (new hashes)")
            ->envname("PONTE_PASSWORD_MEMORY_MIB")
            ->capture_default_str();
        serve.add_option("--password-passes", password_passes_, "Argon2id passes per password hash (new hashes)")
            ->envname("PONTE_PASSWORD_PASSES")
            ->capture_default_str();
    }

    void AddCommands(CLI::App& cli, core::Commands& commands) override { AddAdminCommands(cli, commands); }

    std::optional<std::string> CheckOptions() const override {
        if (!(session_idle_s_ >= 60 && session_idle_s_ <= 86400)) {
            return config::SettingName("--session-idle-timeout", "PONTE_SESSION_IDLE_TIMEOUT") +
                   ": must be 60..86400 seconds";
        }
        if (!(session_absolute_s_ >= session_idle_s_ && session_absolute_s_ <= 30 * 86400)) {
            return config::SettingName("--session-absolute-timeout", "PONTE_SESSION_ABSOLUTE_TIMEOUT") +
                   ": must be at least the idle timeout and at most 30 days";
        }
        if (password_memory_mib_ < 1 || password_memory_mib_ > 4096) {
            return config::SettingName("--password-memory-mib", "PONTE_PASSWORD_MEMORY_MIB") + ": must be 1..4096";
        }
        if (password_passes_ < 1 || password_passes_ > 20) {
            return config::SettingName("--password-passes", "PONTE_PASSWORD_PASSES") + ": must be 1..20";
        }
        return std::nullopt;
    }

    void Register(core::Registry& registry) const override {
        const core::Deployment& deployment = registry.deployment();
        auto ms = [](double seconds) { return std::chrono::milliseconds(static_cast<long long>(seconds * 1000)); };
        authentication::Options options;
        options.sessions.secure_cookie = deployment.secure;
        options.sessions.staff_second_factor = !deployment.demo;
        options.sessions.idle = ms(session_idle_s_);
        options.sessions.absolute = ms(session_absolute_s_);
        options.password_cost.memory_bytes = static_cast<std::size_t>(password_memory_mib_) << 20;
        options.password_cost.passes = static_cast<std::uint64_t>(password_passes_);
        options.hashing_threads = std::max(1, deployment.threads / 2);
        options.public_url = deployment.public_url;
        registry.AddMigrations(Migrations());
        registry.AddSeed("identity", &SeedDemo);
        tenancy::Register(registry);
        auto service = authentication::Register(registry, options);
        RegisterUsers(registry, service);
        DeclarePersonalData(registry);
    }

  private:
    double session_idle_s_ = 30 * 60;
    double session_absolute_s_ = 12 * 60 * 60;
    int password_memory_mib_ = 64;
    int password_passes_ = 2;
};

}  // namespace

std::vector<db::Migration> Migrations() {
    std::vector<db::Migration> all;
    auto add = [&all](std::string_view module, std::string_view dir) {
        for (auto& migration : db::LoadEmbeddedMigrations(module, dir)) all.push_back(std::move(migration));
    };
    add("audit", "core/audit/migrations/");
    // The schema of the rooms from before they were rooms: schema_migrations records it as
    // module "auth". Then each room's own, from the renaming of its tables under its name on.
    add("auth", "core/identity/migrations/");
    add("accounts", "core/accounts/migrations/");
    add("tenancy", "core/tenancy/migrations/");
    add("authentication", "core/authentication/migrations/");
    add("throttle", "core/throttle/migrations/");
    return all;
}

std::unique_ptr<core::Module> MakeModule() { return std::make_unique<IdentityModule>(); }

}  // namespace ponte::identity
