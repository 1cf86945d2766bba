#include "modules/cases/deadlines/reminders.hpp"

#include <boost/json.hpp>

#include "core/audit/audit.hpp"
#include "core/feature.hpp"
#include "core/i18n/catalogue.hpp"
#include "core/i18n/local_time.hpp"
#include "core/jobs/jobs.hpp"
#include "core/log/log.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kRemindAction = "cases.deadline.remind";
constexpr std::int64_t kDayMs = 86'400'000;
// Each run queues the next: as many attempts as the other recurring jobs', so that a database away
// for hours does not end the chain (serve also queues a run at start).
constexpr int kAttempts = 100;

enum class Fate { kSent, kHeld, kSkipped, kNone };

// Midnight UTC of a "YYYY-MM-DD" day; the day is one the store checked.
std::int64_t DayStart(std::string_view day) {
    const auto date = i18n::ParseIsoDate(day).value_or(i18n::Date{1970, 1, 1});
    return i18n::FromLocal(date.year, date.month, date.day, 0, "UTC");
}

// The due day as a moment that falls on it in UTC, the zone its date is formatted in.
i18n::Moment DueMoment(const Deadline& deadline) { return {DayStart(deadline.due_on) + kDayMs / 2}; }

std::string DocumentsText(const std::vector<std::string>& documents, std::string_view locale) {
    if (documents.empty()) return i18n::Catalogue::Instance().Translate(locale, "cases.deadline_reminder.no_documents");
    std::string out;
    for (const auto& document : documents) out += (out.empty() ? "" : ", ") + document;
    return out;
}

void Audit(db::Connection& connection, const DueDeadline& due, int lead, std::string_view audience,
           boost::json::object detail, std::int64_t now_ms) {
    detail["case_id"] = due.deadline.case_id;
    detail["lead_days"] = lead;
    detail["audience"] = audience;
    audit::Append(connection,
                  {.action = std::string(kRemindAction),
                   .outcome = "ok",
                   .resource_type = "cases.deadline",
                   .resource_id = std::to_string(due.deadline.id),
                   .organization_id = due.organization_id,
                   .detail = boost::json::serialize(detail)},
                  now_ms);
}

// The team's reminder of `lead`, once, in the caller's transaction.
Fate RemindTeam(db::Connection& connection, const ReminderSender& team_mail, const DueDeadline& due, int lead,
                int days_left, std::int64_t now_ms) {
    if (!MarkDeadlineReminded(connection, due.deadline.id, lead, "team", now_ms)) return Fate::kNone;
    const auto mailboxes = TeamMailboxes(connection, due.deadline.case_id);
    const auto& catalogue = i18n::Catalogue::Instance();
    for (const auto& mailbox : mailboxes) {
        const std::string locale(mailbox.locale.empty() ? "en" : catalogue.Negotiate(mailbox.locale));
        team_mail.Send(connection, ComposeTeamDeadlineReminder(due, days_left, locale, mailbox.email), now_ms);
    }
    Audit(connection, due, lead, "team", {{"recipients", mailboxes.size()}}, now_ms);
    return Fate::kSent;
}

// Her reminder of `lead`, once and as her rules allow, in the caller's transaction.
Fate RemindHer(db::Connection& connection, const crypto::Keyring& keyring, const ReminderSenders& senders,
               const DueDeadline& due, int lead, std::int64_t now_ms) {
    if (DeadlineReminded(connection, due.deadline.id, lead, "her")) return Fate::kNone;
    const Reach reach = ReachHer(connection, keyring, senders, due.woman_id, due.time_zone, now_ms);
    if (reach.verdict == Reach::Verdict::kHeld) return Fate::kHeld;
    if (reach.verdict == Reach::Verdict::kSkipped) {
        log::Info("no reminder sender for her channel: deadline reminder skipped",
                  {{"channel", reach.rules.channel}, {"deadline_id", std::to_string(due.deadline.id)}});
        return Fate::kSkipped;
    }
    if (!MarkDeadlineReminded(connection, due.deadline.id, lead, "her", now_ms)) return Fate::kNone;
    reach.sender->Send(connection, ComposeDeadlineReminder(due, reach.rules, reach.locale, reach.to), now_ms);
    Audit(connection, due, lead, "her", {{"channel", reach.rules.channel}}, now_ms);
    return Fate::kSent;
}

}  // namespace

int DeadlineLead(int days_left) {
    if (days_left < 0) return 0;
    int chosen = 0;
    for (int lead : kDeadlineLeads) {
        if (days_left <= lead) chosen = lead;
    }
    return chosen;
}

ReminderMessage ComposeTeamDeadlineReminder(const DueDeadline& due, int days_left, std::string_view locale,
                                            std::string to) {
    const auto& catalogue = i18n::Catalogue::Instance();
    const Deadline& deadline = due.deadline;
    const std::string kind = catalogue.Format(locale, "cases.deadline.kind", {{"kind", deadline.kind}});
    // The title is her worker's words, which may name her: the mail says the kind instead.
    const i18n::Arguments arguments{{"code", deadline.case_code},
                                    {"kind", kind},
                                    {"due", DueMoment(deadline)},
                                    {"days", std::int64_t{days_left}},
                                    {"documents", DocumentsText(deadline.documents, locale)}};
    return {.to = std::move(to),
            .subject = catalogue.Format(locale, "cases.deadline_reminder.team_subject", arguments),
            .body = catalogue.Format(locale, "cases.deadline_reminder.team_body", arguments)};
}

ReminderMessage ComposeDeadlineReminder(const DueDeadline& due, const SafeContact& rules, std::string_view locale,
                                        std::string to) {
    const auto& catalogue = i18n::Catalogue::Instance();
    const Deadline& deadline = due.deadline;
    const std::string kind = catalogue.Format(locale, "cases.deadline.kind", {{"kind", deadline.kind}});
    // Without leave to leave a message, whoever opens her mail or her phone may read it: a residence
    // permit or an asylum step tells her situation, so the message gives the day alone.
    std::string body = catalogue.Format(
        locale, rules.leave_message ? "cases.deadline_reminder.body_detailed" : "cases.deadline_reminder.body_brief",
        {{"kind", kind}, {"due", DueMoment(deadline)}, {"documents", DocumentsText(deadline.documents, locale)}});
    std::string subject;
    if (rules.name_sender) {
        body = catalogue.Format(locale, "cases.reminder.signed",
                                {{"message", body}, {"organization", due.organization_name}});
        subject = catalogue.Format(locale, "cases.deadline_reminder.subject_named",
                                   {{"due", DueMoment(deadline)}, {"organization", due.organization_name}});
    } else {
        subject = catalogue.Format(locale, "cases.deadline_reminder.subject", {{"due", DueMoment(deadline)}});
    }
    return {.to = std::move(to), .subject = std::move(subject), .body = std::move(body)};
}

DeadlineReminderRun SendDueDeadlineReminders(db::Database& database, const crypto::Keyring& keyring,
                                             const ReminderSender& team_mail, const ReminderSenders& senders,
                                             std::int64_t now_ms) {
    const std::string today = i18n::IsoDateUtc(now_ms);
    const std::int64_t midnight = DayStart(today);
    const std::string week = i18n::IsoDateUtc(midnight + kDeadlineLeads.back() * kDayMs);
    const std::string last = i18n::IsoDateUtc(midnight + kDeadlineLeads.front() * kDayMs);
    const auto due = DueDeadlines(*database.Acquire(), keyring, today, week, last, kDeadlineRemindersPerRun);
    DeadlineReminderRun run;
    for (const auto& one : due) {
        const int days_left = static_cast<int>((DayStart(one.deadline.due_on) - midnight) / kDayMs);
        const int lead = DeadlineLead(days_left);
        if (lead == 0) continue;
        try {
            const Fate team = database.Transact([&](db::Connection& connection) {
                return RemindTeam(connection, team_mail, one, lead, days_left, now_ms);
            });
            run.team += team == Fate::kSent ? 1 : 0;
            const Fate her = database.Transact(
                [&](db::Connection& connection) { return RemindHer(connection, keyring, senders, one, lead, now_ms); });
            run.her += her == Fate::kSent ? 1 : 0;
            run.held += her == Fate::kHeld ? 1 : 0;
            run.skipped += her == Fate::kSkipped ? 1 : 0;
        } catch (const std::exception& error) {
            // What failed was not recorded: the next run tries again, and the others go now.
            log::Error("deadline reminder not sent",
                       {{"deadline_id", std::to_string(one.deadline.id)}, {"error", error.what()}});
        }
    }
    return run;
}

void AddDeadlineReminders(core::Registry& registry, std::shared_ptr<const Module> module) {
    auto senders = std::make_shared<ReminderSenders>();
    auto mail = std::make_shared<EmailReminderSender>(registry.keyring_or_null());
    senders->Add("email", mail);
    // No SMS gateway yet: her SMS reminders are skipped until one is added here (SmsReminderSender).
    registry.AddRecurringJob(std::string(kDeadlineReminderJobKind), [module, senders, mail](const std::string&) {
        const std::int64_t now = core::NowMs();
        const auto run = SendDueDeadlineReminders(module->database(), module->keyring(), *mail, *senders, now);
        const std::int64_t next =
            std::chrono::duration_cast<std::chrono::milliseconds>(kDeadlineReminderInterval).count();
        jobs::EnqueueUnlessQueued(*module->database().Acquire(), kDeadlineReminderJobKind, "{}", now + next, kAttempts);
        if (run.team + run.her > 0) {
            log::Info("deadline reminders sent",
                      {{"team", std::to_string(run.team)}, {"her", std::to_string(run.her)}});
        }
    });
}

}  // namespace ponte::cases
