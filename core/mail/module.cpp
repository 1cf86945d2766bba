#include "core/mail/module.hpp"
#include "core/config/config.hpp"

#include "core/log/log.hpp"
#include "core/mail/mail.hpp"

namespace ponte::mail {
namespace {

class MailModule : public core::Module {
  public:
    std::string_view word() const override { return "mail"; }

    void AddOptions(CLI::App& serve) override {
        serve
            .add_option("--smtp-url", options_.smtp_url,
                        "SMTP server for outgoing mail, smtp://HOST:PORT or smtps://...")
            ->envname("PONTE_SMTP_URL");
        serve.add_option("--mail-from", options_.from, "Sender address of outgoing mail")
            ->envname("PONTE_MAIL_FROM")
            ->capture_default_str();
        serve.add_option("--smtp-username", options_.username, "SMTP user name")->envname("PONTE_SMTP_USERNAME");
        serve.add_option("--smtp-password", options_.password, "SMTP password (prefer the environment variable)")
            ->envname("PONTE_SMTP_PASSWORD");
        serve
            .add_option("--smtp-require-tls", options_.require_tls,
                        "Refuse to send mail without TLS even to a relay on this machine (always so to others)")
            ->envname("PONTE_SMTP_REQUIRE_TLS")
            ->capture_default_str();
    }

    std::optional<std::string> CheckOptions() const override {
        if (!options_.smtp_url.empty() && !options_.smtp_url.starts_with("smtp://") &&
            !options_.smtp_url.starts_with("smtps://")) {
            return config::SettingName("--smtp-url", "PONTE_SMTP_URL") + ": must start with smtp:// or smtps://";
        }
        if (options_.from.find('@') == std::string::npos ||
            options_.from.find_first_of("\r\n<> ") != std::string::npos) {
            return config::SettingName("--mail-from", "PONTE_MAIL_FROM") +
                   ": must be a plain address like ponte@example.org";
        }
        return std::nullopt;
    }

    void Register(core::Registry& registry) const override {
        if (registry.deployment().serving && options_.smtp_url.empty()) {
            log::Warn("mail is off (no --smtp-url): password reset emails are not sent");
        }
        mail::Register(registry, options_);
    }

  private:
    Options options_{.from = "ponte@localhost"};
};

}  // namespace

std::unique_ptr<core::Module> MakeModule() { return std::make_unique<MailModule>(); }

}  // namespace ponte::mail
