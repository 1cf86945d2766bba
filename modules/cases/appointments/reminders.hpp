// Reminders of booked appointments, sent by a recurring job in the way her safe-contact rules
// allow (profile/model.hpp), or not at all.
//
// Every kReminderInterval the job looks at the booked appointments that start within
// kReminderLead and whose reminder is not sent. For each, it reads her rules and sends nothing
// when they are not recorded, when her channel is "none" or "in_person", or when now is outside
// the days and hours she may be reached (in the place's time zone): it tries again on the next
// run, and gives up once the appointment has started. Otherwise it sends through the sender of
// her channel, in her language, and records reminded_at with its audit entry in one transaction,
// so that she gets one reminder at most. A channel without a sender (a phone call is made by a
// person; SMS until a gateway exists) is logged and skipped.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/registry.hpp"
#include "modules/cases/actions.hpp"
#include "modules/cases/appointments/store.hpp"
#include "modules/cases/profile/model.hpp"

namespace ponte::cases {

inline constexpr std::string_view kReminderJobKind = "cases.reminders";
inline constexpr std::chrono::minutes kReminderInterval{15};
inline constexpr std::chrono::hours kReminderLead{24};
// Appointments a run looks at, at most: the next run takes the rest.
inline constexpr std::int64_t kRemindersPerRun = 200;

// A reminder ready to go, in her language: where to (her address or number) and what it says.
struct ReminderMessage {
    std::string to;
    std::string subject;  // for channels that have one (email)
    std::string body;
};

// Sends the reminders of one channel. Send runs in the transaction that records the reminder, so
// a sender that queues (a job) sends exactly when the reminder is recorded; it throws to fail it
// (nothing is recorded, the next run tries again). Implementations are thread-safe.
class ReminderSender {
  public:
    virtual ~ReminderSender() = default;
    virtual void Send(db::Connection& connection, const ReminderMessage& message, std::int64_t now_ms) const = 0;
};

// Email through core/mail: queued in the caller's transaction, sealed, sent by the mail job.
class EmailReminderSender : public ReminderSender {
  public:
    explicit EmailReminderSender(const crypto::Keyring* keyring) : keyring_(keyring) {}
    void Send(db::Connection& connection, const ReminderMessage& message, std::int64_t now_ms) const override;

  private:
    const crypto::Keyring* keyring_;  // null only in a registry that describes, where no job runs
};

// What an SMS gateway must do for SMS reminders: queue `text` to `phone` in the caller's
// transaction. None is implemented yet; SmsReminderSender adapts one to the reminders.
class SmsGateway {
  public:
    virtual ~SmsGateway() = default;
    virtual void Queue(db::Connection& connection, std::string_view phone, std::string_view text,
                       std::int64_t now_ms) const = 0;
};

// SMS reminders through `gateway`: the body alone, as a text message has no subject.
class SmsReminderSender : public ReminderSender {
  public:
    explicit SmsReminderSender(std::shared_ptr<const SmsGateway> gateway) : gateway_(std::move(gateway)) {}
    void Send(db::Connection& connection, const ReminderMessage& message, std::int64_t now_ms) const override {
        gateway_->Queue(connection, message.to, message.body, now_ms);
    }

  private:
    std::shared_ptr<const SmsGateway> gateway_;
};

// One sender per channel ("email", "sms").
class ReminderSenders {
  public:
    void Add(std::string channel, std::shared_ptr<const ReminderSender> sender) {
        senders_[std::move(channel)] = std::move(sender);
    }
    // The sender of `channel`, or null.
    const ReminderSender* For(std::string_view channel) const {
        auto found = senders_.find(channel);
        return found == senders_.end() ? nullptr : found->second.get();
    }

  private:
    std::map<std::string, std::shared_ptr<const ReminderSender>, std::less<>> senders_;
};

// The language of her reminders: the first of her languages (BCP 47, best first) whose primary
// subtag the catalogue has, else English (organizations record no language of their own yet).
std::string ReminderLocale(const Profile& profile);

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
