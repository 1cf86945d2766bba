#include "modules/cases/assessments/model.hpp"

#include <algorithm>
#include <set>

namespace ponte::cases {

bool IsDomain(std::string_view word) {
    return std::find(std::begin(kDomains), std::end(kDomains), word) != std::end(kDomains);
}

std::optional<Refusal> RefusedAssessment(State state, const std::vector<Score>& scores, std::int64_t assessed_at,
                                         std::int64_t now_ms) {
    // Her worker assesses a case she follows; a closed one is reopened first.
    if (state == State::kClosed) return Refusal{"state", "closed"};
    std::set<std::string_view> seen;
    for (const auto& score : scores) {
        // Two scores of one domain at once would say two things of the same moment.
        if (!seen.insert(score.domain).second) return Refusal{"scores", "duplicate_domain"};
    }
    if (assessed_at > now_ms) return Refusal{"assessed_at", "future"};
    return std::nullopt;
}

std::vector<DomainProgress> ProgressOf(const std::vector<Assessment>& assessments) {
    std::vector<const Assessment*> ordered;
    ordered.reserve(assessments.size());
    for (const auto& assessment : assessments) ordered.push_back(&assessment);
    std::sort(ordered.begin(), ordered.end(), [](const Assessment* a, const Assessment* b) {
        return a->assessed_at != b->assessed_at ? a->assessed_at < b->assessed_at : a->id < b->id;
    });
    std::vector<DomainProgress> out;
    for (std::string_view domain : kDomains) {
        DomainProgress progress{.domain = std::string(domain)};
        for (const Assessment* assessment : ordered) {
            for (const auto& score : assessment->scores) {
                if (score.domain == domain) progress.points.push_back({assessment->assessed_at, score.score});
            }
        }
        if (!progress.points.empty()) out.push_back(std::move(progress));
    }
    return out;
}

}  // namespace ponte::cases
