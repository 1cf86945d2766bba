#include "modules/cases/profile/reach.hpp"

#include <algorithm>
#include <cctype>

#include "core/i18n/catalogue.hpp"
#include "core/i18n/local_time.hpp"
#include "core/mail/mail.hpp"
#include "modules/cases/profile/store.hpp"

namespace ponte::cases {

void EmailReminderSender::Send(db::Connection& connection, const ReminderMessage& message, std::int64_t now_ms) const {
    mail::Enqueue(connection, *keyring_, {.to = message.to, .subject = message.subject, .body = message.body}, now_ms);
}

std::string ReminderLocale(const Profile& profile) {
    const auto locales = i18n::Catalogue::Instance().Locales();
    for (const auto& spoken : profile.languages) {
        std::string primary = spoken.language.substr(0, spoken.language.find_first_of("-_"));
        std::transform(primary.begin(), primary.end(), primary.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (std::find(locales.begin(), locales.end(), primary) != locales.end()) return primary;
    }
    return "en";
}

Reach ReachHer(db::Connection& connection, const crypto::Keyring& keyring, const ReminderSenders& senders,
               std::int64_t woman_id, std::string_view time_zone, std::int64_t now_ms) {
    const auto stored = ReadPart(connection, keyring, woman_id, Part::kSafeContact);
    if (!stored.content) return {};
    Reach reach{.rules = SafeContactFrom(*stored.content)};
    const std::string_view zone = i18n::IsKnownTimeZone(time_zone) ? time_zone : "UTC";
    const i18n::LocalTime local = i18n::ToLocal(now_ms, zone);
    if (!MayContactAt(reach.rules, local.weekday, local.minute)) return reach;
    reach.sender = senders.For(reach.rules.channel);
    if (reach.sender == nullptr) {
        reach.verdict = Reach::Verdict::kSkipped;
        return reach;
    }
    const auto profile = ReadPart(connection, keyring, woman_id, Part::kProfile);
    reach.verdict = Reach::Verdict::kReady;
    reach.locale = ReminderLocale(profile.content ? ProfileFrom(*profile.content) : Profile{});
    reach.to = reach.rules.channel == "email" ? reach.rules.email : reach.rules.phone;
    return reach;
}

}  // namespace ponte::cases
