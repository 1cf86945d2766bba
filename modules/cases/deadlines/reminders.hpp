// Reminders of deadlines, sent by a recurring job well before the day: to the case's team (its
// lead and members), and to her as her safe-contact rules allow (profile/reach.hpp), or not at all.
//
// Leads: kDeadlineLeads, 30 days (time to gather papers, book an appointment at an office, ask a
// consulate) and 7 days (a last call). Each reminder, for a lead and an audience, goes once
// (cases_deadline_reminders, written in the transaction that sends it, with its audit entry).
// A deadline already within 7 days when it is looked at first gets the 7-day reminders only. Days
// are counted in UTC, so a reminder may come a few hours early or late on the clock where she is.
//
// The team's mail goes to each member with an address, in her own language, and names the case
// only by its pseudonymous code, the kind, the day and the documents: never her name, as mail
// leaves the platform. Hers is held while her rules are not recorded, say no message, or now is
// outside her days and hours (read in the zone of the organization's first place): the next run
// tries again until the day passes or the next lead supersedes it. It names the organization only
// when name_sender is true, and the kind and documents (which tell her legal situation) only when
// leave_message is true; else it gives a date alone.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/registry.hpp"
#include "modules/cases/actions.hpp"
#include "modules/cases/deadlines/store.hpp"
#include "modules/cases/profile/reach.hpp"

namespace ponte::cases {

inline constexpr std::string_view kDeadlineReminderJobKind = "cases.deadline_reminders";
// As often as the appointment reminders, so that her reminder finds a short window of her hours.
inline constexpr std::chrono::minutes kDeadlineReminderInterval{15};
// The leads, in days before the day, longest first.
inline constexpr std::array<int, 2> kDeadlineLeads{30, 7};
// Deadlines a run looks at, at most: the next run takes the rest.
inline constexpr std::int64_t kDeadlineRemindersPerRun = 200;

// The lead whose reminders are due `days_left` days before the day: the shortest lead that is
// not shorter than days_left; 0 when none is (too early) or the day has passed. Pure.
int DeadlineLead(int days_left);

// The team's reminder of `due`, `days_left` days before, in `locale`, to `to`. Pure but for the
// catalogue.
ReminderMessage ComposeTeamDeadlineReminder(const DueDeadline& due, int days_left, std::string_view locale,
                                            std::string to);

// Her reminder of `due` as her rules allow it to read, in `locale`, to `to`. Pure but for the
// catalogue.
ReminderMessage ComposeDeadlineReminder(const DueDeadline& due, const SafeContact& rules, std::string_view locale,
                                        std::string to);

// What a run did: reminders that went to a team, to her, held back by her rules, skipped (no
// sender for her channel).
struct DeadlineReminderRun {
    int team = 0;
    int her = 0;
    int held = 0;
    int skipped = 0;
};

// Sends the deadline reminders due at `now_ms`: the team's through `team_mail`, hers through the
// sender of her channel. Each reminder in a transaction of its own with its audit entry (a failure
// of one is logged and leaves the others). Thread-safe; two instances at once send each once.
DeadlineReminderRun SendDueDeadlineReminders(db::Database& database, const crypto::Keyring& keyring,
                                             const ReminderSender& team_mail, const ReminderSenders& senders,
                                             std::int64_t now_ms);

// Adds the recurring deadline reminder job (serve queues its first run).
void AddDeadlineReminders(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases
