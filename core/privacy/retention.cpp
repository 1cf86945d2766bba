#include "core/privacy/retention.hpp"

#include "core/jobs/jobs.hpp"
#include "core/log/log.hpp"

namespace ponte::privacy {

const std::vector<RetentionRule>& RetentionRules() {
    using std::chrono::days;
    // A session is over when it expired or went unused past the idle timeout (at most a day), so a
    // session last seen before the cut-off is over too.
    static const std::vector<RetentionRule> rules = {
        {"auth.sessions", "Sessions that ended: when and from which address and browser she was signed in",
         "the session ended (expired or unused)", days(30),
         "to see which devices were signed in when she or an administrator suspects someone else was",
         "DELETE FROM authentication_sessions WHERE expires_at < $1 OR last_seen_at < $1"},
        {"auth.invitations", "Invitation codes that were spent or expired (only a digest of the code)",
         "the code was spent or expired", days(30), "to answer why a code no longer works",
         "DELETE FROM accounts_invitations WHERE (used_at IS NOT NULL AND used_at < $1) OR expires_at < $1"},
        {"auth.password_resets", "Password reset links that were spent or expired (only a digest of the link)",
         "the link was spent or expired", days(30), "to answer why a link no longer works",
         "DELETE FROM authentication_password_resets WHERE (used_at IS NOT NULL AND used_at < $1) OR expires_at < $1"},
        {"auth.membership_invitations",
         "Join codes that were spent or expired (only a digest of the code, its organization and role, and who "
         "made and accepted it)",
         "the code was spent or expired", days(30), "to answer why a code no longer works",
         "DELETE FROM tenancy_membership_invitations WHERE (used_at IS NOT NULL AND used_at < $1) OR expires_at < $1"},
        {"auth.access_resets",
         "New invitation codes staff gave for her account after she had set her own passphrase: who, when and "
         "why (sealed)",
         "the code was given", days(90), "she is shown them at every sign-in until then, however long she stays away",
         "DELETE FROM accounts_access_resets WHERE created_at < $1"},
        {"auth.throttle", "Counts of failed sign-ins per email address and per network address",
         "the counting window started and any lockout ended", days(1),
         "only while they can still lock a sign-in out; a day gives a margin over the longest window",
         "DELETE FROM throttle_keys WHERE window_start < $1 AND locked_until < $1"},
        {"jobs.finished", "Background jobs that finished or failed, such as sent mail (sealed: name and link)",
         "the job finished or failed for good", days(7), "to look into a mail that did not arrive",
         "DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < $1"},
    };
    return rules;
}

std::vector<std::pair<std::string, std::int64_t>> Purge(db::Connection& connection, std::int64_t now_ms) {
    std::vector<std::pair<std::string, std::int64_t>> deleted;
    for (const auto& rule : RetentionRules()) {
        const std::int64_t cutoff = now_ms - std::chrono::milliseconds(rule.period).count();
        const auto result = connection.Execute(rule.purge, {cutoff});
        if (result.affected_rows > 0) deleted.emplace_back(rule.name, result.affected_rows);
    }
    return deleted;
}

bool ScheduleRetention(db::Connection& connection, std::int64_t run_at_ms) {
    // Each run queues the next, so a run that failed for good would end the purges until the next
    // start: with the worker's backoff (capped at an hour) this many attempts outlast days of an
    // unreachable database.
    constexpr int kAttempts = 100;
    return jobs::EnqueueUnlessQueued(connection, kRetentionJobKind, "{}", run_at_ms, kAttempts);
}

void RunRetention(db::Database& database, std::int64_t now_ms) {
    const auto deleted = database.Transact([&](db::Connection& connection) {
        auto purged = Purge(connection, now_ms);
        ScheduleRetention(connection, now_ms + std::chrono::milliseconds(kRetentionInterval).count());
        return purged;
    });
    std::string summary;
    for (const auto& [name, count] : deleted)
        summary += (summary.empty() ? "" : " ") + name + "=" + std::to_string(count);
    if (!summary.empty()) log::Info("retention: deleted records past their period", {{"deleted", summary}});
}

boost::json::array RetentionJson() {
    boost::json::array out;
    for (const auto& rule : RetentionRules()) {
        out.push_back({{"records", rule.records},
                       {"name", rule.name},
                       {"deleted_after_days", rule.period.count()},
                       {"counted_from", rule.after},
                       {"why", rule.why}});
    }
    out.push_back({{"records", "Everything else in this export"},
                   {"name", "everything_else"},
                   {"deleted_after_days", nullptr},
                   {"counted_from", "the account is erased (ponte erase-person)"},
                   {"why",
                    "kept while the account exists; what is kept after erasure, without anything that "
                    "identifies her, is said under each source's retention"}});
    return out;
}

}  // namespace ponte::privacy
