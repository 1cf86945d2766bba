#include "modules/cases/assessments/actions.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "modules/cases/assessments/store.hpp"

namespace ponte::cases {
namespace {

// The domains scored, in the order of kDomains.
boost::json::array DomainsOf(const std::vector<Score>& scores) {
    boost::json::array domains;
    for (std::string_view domain : kDomains) {
        const bool scored =
            std::any_of(scores.begin(), scores.end(), [&](const Score& s) { return s.domain == domain; });
        if (scored) domains.emplace_back(domain);
    }
    return domains;
}

}  // namespace

AssessmentFile ReadAssessments(const Module& module, audit::Entry request, const Reached& reached) {
    AssessmentFile file;
    file.assessments = AssessmentsOf(*module.database().Acquire(), module.keyring(), reached.record.id);
    file.progress = ProgressOf(file.assessments);
    request.outcome = "ok";
    request.detail = boost::json::serialize(boost::json::object{{"count", file.assessments.size()}});
    audit::Record(module.database(), request, core::NowMs());
    return file;
}

core::Outcome<Assessment> RecordAssessment(const Module& module, const policy::Principal& caller, audit::Entry request,
                                           const Reached& reached, const NewAssessment& asked) {
    const Case& record = reached.record;
    const std::int64_t now = core::NowMs();
    const std::int64_t assessed_at = asked.assessed_at.value_or(now);
    if (auto refused = RefusedAssessment(record.state, asked.scores, assessed_at, now)) {
        core::Failure failure = core::Failure::Invalid(refused->field, refused->code);
        if (refused->code == "closed") failure.detail_key = "cases.detail.assessment_closed";
        if (refused->code == "duplicate_domain") failure.detail_key = "cases.detail.assessment_duplicate_domain";
        request.outcome = "refused";
        request.detail =
            boost::json::serialize(boost::json::object{{"field", refused->field}, {"code", refused->code}});
        audit::Record(module.database(), request, now);
        return failure;
    }
    std::optional<Assessment> recorded;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t id =
            InsertAssessment(connection, module.keyring(), record.id, caller.user_id, assessed_at, now, asked.scores);
        const boost::json::object detail{
            {"assessment_id", id}, {"assessed_at", assessed_at}, {"domains", DomainsOf(asked.scores)}};
        AppendEvent(connection, module.keyring(), record.id,
                    {.kind = "assessed", .by_user_id = caller.user_id, .at = now, .detail = detail});
        request.outcome = "ok";
        request.detail = boost::json::serialize(detail);
        audit::Append(connection, request, now);
        for (auto& assessment : AssessmentsOf(connection, module.keyring(), record.id)) {
            if (assessment.id == id) recorded = std::move(assessment);
        }
    });
    return *recorded;
}

}  // namespace ponte::cases
