// The use cases of a case's autonomy assessments, free of HTTP: each takes the case as the caller
// reached it (ReachCase, with cases.assessment.read or .record) and the audit entry of her
// request. Every read and every recording is audited.
#pragma once

#include <optional>
#include <vector>

#include "core/outcome.hpp"
#include "modules/cases/actions.hpp"
#include "modules/cases/assessments/model.hpp"

namespace ponte::cases {

// Every assessment of the case, newest first, and her progress per domain for the chart. Audited.
struct AssessmentFile {
    std::vector<Assessment> assessments;
    std::vector<DomainProgress> progress;
};
AssessmentFile ReadAssessments(const Module& module, audit::Entry request, const Reached& reached);

// An assessment as her worker records it: some domains scored, made now or at `assessed_at`.
struct NewAssessment {
    std::vector<Score> scores;
    std::optional<std::int64_t> assessed_at;
};

// Records the assessment by the caller, with an "assessed" event on the case's timeline naming
// its domains (not its notes), in one transaction with its audit entry. kInvalidFields naming the
// rule's field when RefusedAssessment refuses it (audited too). Returns it as recorded.
core::Outcome<Assessment> RecordAssessment(const Module& module, const policy::Principal& caller, audit::Entry request,
                                           const Reached& reached, const NewAssessment& asked);

}  // namespace ponte::cases
