// Who may do what with cases. A case is visible to its team (the workers assigned to it) and to
// its organization's coordinators only: not to the organization's other workers, its
// administrators, the network's coordinators or the platform's administrators.
#pragma once

#include <string_view>

#include "core/policy/policy.hpp"

namespace ponte::cases {

inline constexpr std::string_view kReadAction = "cases.case.read";
inline constexpr std::string_view kOpenAction = "cases.case.open";
inline constexpr std::string_view kMoveAction = "cases.case.move";
// Reading an organization's caseload: the list, whose rows are then those of kReadAction.
inline constexpr std::string_view kListAction = "cases.case.list";
inline constexpr std::string_view kTeamAction = "cases.team.manage";
// A case's autonomy assessments: read by its readers, recorded by those who move it.
inline constexpr std::string_view kAssessmentReadAction = "cases.assessment.read";
inline constexpr std::string_view kAssessmentRecordAction = "cases.assessment.record";

void DeclarePolicy(policy::Policy& policy);

}  // namespace ponte::cases
