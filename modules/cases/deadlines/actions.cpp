#include "modules/cases/deadlines/actions.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/i18n/local_time.hpp"
#include "core/version.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {

core::Outcome<Deadline> AddDeadline(const Module& module, const policy::Principal& caller, audit::Entry request,
                                    const Reached& reached, Deadline deadline) {
    if (!i18n::ParseIsoDate(deadline.due_on)) return core::Failure::Invalid("due_on", "format");
    if (reached.record.state == State::kClosed) return core::Failure::Invalid("case", "closed");
    deadline.case_id = reached.record.id;
    deadline.created_by = caller.user_id;
    std::optional<Deadline> added;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const std::int64_t id = InsertDeadline(connection, module.keyring(), deadline, now);
        AppendEvent(connection, module.keyring(), deadline.case_id,
                    {.kind = "deadline_added",
                     .by_user_id = caller.user_id,
                     .at = now,
                     .detail = {{"deadline_id", id}, {"kind", deadline.kind}, {"due_on", deadline.due_on}}});
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"deadline_id", id}});
        audit::Append(connection, request, now);
        added = FindDeadline(connection, module.keyring(), id);
    });
    return *added;
}

std::vector<Deadline> ReadDeadlines(const Module& module, audit::Entry request, const Reached& reached) {
    auto deadlines = DeadlinesOfCase(*module.database().Acquire(), module.keyring(), reached.record.id);
    request.outcome = "ok";
    audit::Record(module.database(), request, core::NowMs());
    return deadlines;
}

core::Outcome<ReachedDeadline> ReachDeadline(const Module& module, const policy::Principal& caller,
                                             audit::Entry& request, std::string_view action, std::int64_t deadline_id) {
    std::optional<Deadline> found;
    if (deadline_id > 0) found = FindDeadline(*module.database().Acquire(), module.keyring(), deadline_id);
    // A missing deadline is answered as a missing case, audited alike.
    auto reached = ReachCase(module, caller, request, action, found ? found->case_id : 0);
    if (!reached) return std::move(reached.failure());
    return ReachedDeadline{.deadline = std::move(*found), .reached = std::move(*reached)};
}

core::Outcome<Deadline> CompleteDeadline(const Module& module, const policy::Principal& caller, audit::Entry request,
                                         const ReachedDeadline& reached, std::int64_t expected_version) {
    const Deadline& deadline = reached.deadline;
    if (expected_version != deadline.version) return core::StaleVersion();
    if (deadline.done_at != 0) return core::Failure{core::Fault::kConflict, "cases.detail.deadline_done"};
    std::optional<Deadline> done;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        if (!MarkDeadlineDone(connection, deadline.id, expected_version, now)) return;
        AppendEvent(connection, module.keyring(), deadline.case_id,
                    {.kind = "deadline_done",
                     .by_user_id = caller.user_id,
                     .at = now,
                     .detail = {{"deadline_id", deadline.id}, {"kind", deadline.kind}}});
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"deadline_id", deadline.id}});
        audit::Append(connection, request, now);
        done = FindDeadline(connection, module.keyring(), deadline.id);
    });
    if (!done) return core::StaleVersion();
    return *done;
}

core::Page<Deadline> ReadOpenDeadlines(const Module& module, const policy::Principal& caller, audit::Entry request,
                                       std::int64_t organization_id, std::string_view before,
                                       const core::PageRequest& page) {
    auto deadlines = SelectOpenDeadlines(*module.database().Acquire(), module.keyring(), organization_id,
                                         module.policy.FilterFor(&caller, kReadAction), before, core::NowMs(), page);
    request.outcome = "ok";
    request.detail = boost::json::serialize(boost::json::object{{"count", deadlines.items.size()}});
    audit::Record(module.database(), request, core::NowMs());
    return deadlines;
}

}  // namespace ponte::cases
