// Reaching her outside a meeting, as her safe-contact rules (model.hpp) allow, for every job that
// writes to her (the reminders of appointments and of deadlines): whether she may be reached now,
// through which sender, in which language.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "modules/cases/profile/model.hpp"

namespace ponte::cases {

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

// Whether a message may reach her now, decided in the caller's transaction.
struct Reach {
    enum class Verdict {
        kHeld,     // no rules recorded, channel "none" or "in_person", or outside her days and hours
        kSkipped,  // her channel has no sender (a phone call is made by a person; SMS until a gateway)
        kReady,
    };
    Verdict verdict = Verdict::kHeld;
    SafeContact rules;                       // kSkipped, kReady
    const ReminderSender* sender = nullptr;  // kReady
    std::string locale;                      // kReady: ReminderLocale of her profile
    std::string to;                          // kReady: her address or number for her channel
};

// Reads her rules (and, when she may be reached, her profile's languages) and decides at `now_ms`,
// with her hours read in `time_zone` (an IANA name; UTC when unknown). Until her rules are
// recorded nobody contacts her: a message to the wrong address or at the wrong hour can put her
// at risk.
Reach ReachHer(db::Connection& connection, const crypto::Keyring& keyring, const ReminderSenders& senders,
               std::int64_t woman_id, std::string_view time_zone, std::int64_t now_ms);

}  // namespace ponte::cases
