// The personalized project as a printable document (core/pdf): her plan in her language and in
// her worker's, one after the other, for her to keep and for the file.
#pragma once

#include <string>
#include <vector>

#include "core/pdf/document.hpp"
#include "modules/cases/plans/model.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {

// The document of `plan` for the case `record`: in each of `locales` (catalogue locales; the first
// is the document's), the goals with their targets and the table of their actions, who takes
// each and by when. The words of the plan are as its workers wrote them; the labels, days and
// states are in each language.
pdf::Document PlanDocument(const Plan& plan, const Case& record, const std::vector<std::string>& locales);

}  // namespace ponte::cases
