#include "modules/cases/appointments/reminders.hpp"

#include <boost/json.hpp>

#include "core/audit/audit.hpp"
#include "core/feature.hpp"
#include "core/i18n/catalogue.hpp"
#include "core/jobs/jobs.hpp"
#include "core/log/log.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kRemindAction = "cases.appointment.remind";
// Each run queues the next: as many attempts as retention's, so that a database away for hours
// does not end the chain (serve also queues a run at start).
constexpr int kAttempts = 100;

enum class Fate { kSent, kHeld, kSkipped, kTaken };

// What becomes of one due reminder at `now_ms`, decided and done in the caller's transaction.
Fate Remind(db::Connection& connection, const crypto::Keyring& keyring, const ReminderSenders& senders,
            const DueReminder& due, std::int64_t now_ms) {
    const Reach reach = ReachHer(connection, keyring, senders, due.woman_id, due.time_zone, now_ms);
    if (reach.verdict == Reach::Verdict::kHeld) return Fate::kHeld;
    if (reach.verdict == Reach::Verdict::kSkipped) {
        log::Info("no reminder sender for her channel: reminder skipped",
                  {{"channel", reach.rules.channel}, {"appointment_id", std::to_string(due.appointment_id)}});
        return Fate::kSkipped;
    }
    if (!MarkReminded(connection, due.appointment_id, now_ms)) return Fate::kTaken;
    reach.sender->Send(connection, ComposeReminder(due, reach.rules, reach.locale), now_ms);
    audit::Append(connection,
                  {.action = std::string(kRemindAction),
                   .outcome = "ok",
                   .resource_type = "cases.appointment",
                   .resource_id = std::to_string(due.appointment_id),
                   .organization_id = due.organization_id,
                   .detail = boost::json::serialize(
                       boost::json::object{{"case_id", due.case_id}, {"channel", reach.rules.channel}})},
                  now_ms);
    return Fate::kSent;
}

}  // namespace

ReminderMessage ComposeReminder(const DueReminder& due, const SafeContact& rules, std::string_view locale) {
    const auto& catalogue = i18n::Catalogue::Instance();
    // A place is often called after its organization ("Casa delle Donne"): without leave to name
    // the sender, the reminder gives its address alone.
    std::string place = due.place_address;
    if (place.empty() || rules.name_sender) {
        place = due.place_address.empty() ? due.place_name : due.place_name + ", " + due.place_address;
    }
    const i18n::Moment when{due.starts_at};
    // Without leave to leave a message, whoever picks up her phone or opens her mail may read it:
    // it then says no more than a day, a time and a place, nothing of what the meeting is for.
    // Her code word is never written: it is said by a caller, so that she knows who calls.
    std::string body = catalogue.Format(
        locale, rules.leave_message ? "cases.reminder.body_detailed" : "cases.reminder.body_brief",
        {{"when", when}, {"place", place}, {"visit", std::string(VisitName(due.visit))}}, due.time_zone);
    std::string subject;
    if (rules.name_sender) {
        body = catalogue.Format(locale, "cases.reminder.signed",
                                {{"message", body}, {"organization", due.organization_name}});
        subject = catalogue.Format(locale, "cases.reminder.subject_named",
                                   {{"when", when}, {"organization", due.organization_name}}, due.time_zone);
    } else {
        subject = catalogue.Format(locale, "cases.reminder.subject", {{"when", when}}, due.time_zone);
    }
    return {.to = rules.channel == "email" ? rules.email : rules.phone,
            .subject = std::move(subject),
            .body = std::move(body)};
}

ReminderRun SendDueReminders(db::Database& database, const crypto::Keyring& keyring, const ReminderSenders& senders,
                             std::int64_t now_ms) {
    const std::int64_t lead = std::chrono::duration_cast<std::chrono::milliseconds>(kReminderLead).count();
    // Only appointments still to come: once one has started, its reminder is given up.
    const auto due = DueReminders(*database.Acquire(), now_ms, now_ms + lead, kRemindersPerRun);
    ReminderRun run;
    for (const auto& reminder : due) {
        try {
            const Fate fate = database.Transact(
                [&](db::Connection& connection) { return Remind(connection, keyring, senders, reminder, now_ms); });
            run.sent += fate == Fate::kSent ? 1 : 0;
            run.held += fate == Fate::kHeld ? 1 : 0;
            run.skipped += fate == Fate::kSkipped ? 1 : 0;
        } catch (const std::exception& error) {
            // Nothing of it was recorded: the next run tries again, and the others go now.
            log::Error("reminder not sent",
                       {{"appointment_id", std::to_string(reminder.appointment_id)}, {"error", error.what()}});
        }
    }
    return run;
}

ReminderRun RunReminders(db::Database& database, const crypto::Keyring& keyring, const ReminderSenders& senders,
                         std::int64_t now_ms) {
    const ReminderRun run = SendDueReminders(database, keyring, senders, now_ms);
    const std::int64_t next = std::chrono::duration_cast<std::chrono::milliseconds>(kReminderInterval).count();
    jobs::EnqueueUnlessQueued(*database.Acquire(), kReminderJobKind, "{}", now_ms + next, kAttempts);
    if (run.sent > 0) log::Info("reminders sent", {{"sent", std::to_string(run.sent)}});
    return run;
}

void AddReminders(core::Registry& registry, std::shared_ptr<const Module> module) {
    auto senders = std::make_shared<ReminderSenders>();
    senders->Add("email", std::make_shared<EmailReminderSender>(registry.keyring_or_null()));
    // No SMS gateway yet: SMS reminders are skipped until one is added here (SmsReminderSender).
    registry.AddRecurringJob(std::string(kReminderJobKind), [module, senders](const std::string&) {
        RunReminders(module->database(), module->keyring(), *senders, core::NowMs());
    });
}

}  // namespace ponte::cases
