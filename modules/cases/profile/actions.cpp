#include "modules/cases/profile/actions.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/version.hpp"

namespace ponte::cases {

StoredPart ReadProfilePart(const Module& module, audit::Entry request, const Reached& reached, Part part) {
    StoredPart stored = ReadPart(*module.database().Acquire(), module.keyring(), reached.record.woman_id, part);
    request.outcome = "ok";
    request.detail = boost::json::serialize(boost::json::object{{"part", PartName(part)}});
    audit::Record(module.database(), request, core::NowMs());
    return stored;
}

core::Outcome<StoredPart> WriteProfilePart(const Module& module, const policy::Principal& caller, audit::Entry request,
                                           const Reached& reached, Part part, std::int64_t expected_version,
                                           const boost::json::object& content) {
    bool written = false;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        if (!WritePart(connection, module.keyring(), reached.record.woman_id, part, expected_version, content, now))
            return;
        AppendEvent(
            connection, module.keyring(), reached.record.id,
            {.kind = "profile_changed", .by_user_id = caller.user_id, .at = now, .detail = {{"part", PartName(part)}}});
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"part", PartName(part)}});
        audit::Append(connection, request, now);
        written = true;
    });
    if (!written) return core::StaleVersion();
    return StoredPart{.content = content, .version = expected_version + 1};
}

}  // namespace ponte::cases
