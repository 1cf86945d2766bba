// Reminders of booked appointments, sent by a recurring job in the way her safe-contact rules
// allow (profile/model.hpp), or not at all.
//
// Every kReminderInterval the job looks at the booked appointments that start within
// kReminderLead and whose reminder is not sent. For each, ReachHer (profile/reach.hpp) decides
// from her rules, in the place's time zone: held (no rules, channel "none" or "in_person", outside
// her days and hours) tries again on the next run and gives up once the appointment has started;
// a channel without a sender is logged and skipped. Otherwise it sends through the sender of her
// channel, in her language, and records reminded_at with its audit entry in one transaction, so
// that she gets one reminder at most.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/registry.hpp"
#include "modules/cases/actions.hpp"
#include "modules/cases/appointments/store.hpp"
#include "modules/cases/profile/model.hpp"
#include "modules/cases/profile/reach.hpp"

namespace ponte::cases {

inline constexpr std::string_view kReminderJobKind = "cases.reminders";
inline constexpr std::chrono::minutes kReminderInterval{15};
inline constexpr std::chrono::hours kReminderLead{24};
// Appointments a run looks at, at most: the next run takes the rest.
inline constexpr std::int64_t kRemindersPerRun = 200;

// The reminder of `due` as her rules allow it to read, in `locale`, to `rules`' address or phone.
// It names the organization (and the place by its name, which is often the organization's) only
// when name_sender is true, and says more than the day, the time and the place (the kind of visit)
// only when leave_message is true. Pure but for the catalogue.
ReminderMessage ComposeReminder(const DueReminder& due, const SafeContact& rules, std::string_view locale);

// What a run did: reminders sent, held back (her rules, for now), and skipped (no sender).
struct ReminderRun {
    int sent = 0;
    int held = 0;
    int skipped = 0;
};

// Sends the reminders due at `now_ms`, each in a transaction of its own with its audit entry (a
// failure of one is logged and leaves the others). Thread-safe; two instances at once send each
// reminder once (MarkReminded).
ReminderRun SendDueReminders(db::Database& database, const crypto::Keyring& keyring, const ReminderSenders& senders,
                             std::int64_t now_ms);

// The job's work: SendDueReminders, then queue the next run kReminderInterval later.
ReminderRun RunReminders(db::Database& database, const crypto::Keyring& keyring, const ReminderSenders& senders,
                         std::int64_t now_ms);

// Adds the recurring reminder job with the email sender (serve queues its first run).
void AddReminders(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases
