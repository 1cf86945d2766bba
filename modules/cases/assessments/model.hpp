// The autonomy assessment of a case as plain values, and its rules. No I/O.
//
// From time to time her worker and she look at where she stands in the domains of her life and
// score each from 1 (she depends on others for it) to 5 (she manages on her own), with a note.
// Not every domain is looked at every time; the scores over time show her progress.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/cases/model.hpp"

namespace ponte::cases {

// The domains, in the order the chart and the forms show them: language; documents and legal
// status; housing; health; work; education and children; money; digital skills; social network.
inline constexpr std::string_view kDomains[] = {"language",  "documents", "housing", "health", "work",
                                                "education", "money",     "digital", "social"};
bool IsDomain(std::string_view word);

inline constexpr int kLowestScore = 1;
inline constexpr int kHighestScore = 5;
inline constexpr std::size_t kNoteMaxLength = 2000;

struct Score {
    std::string domain;  // one of kDomains
    int score = kLowestScore;
    std::string note;  // may be empty
};

struct Assessment {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::int64_t by_user_id = 0;
    std::string by_name;  // read only
    std::int64_t assessed_at = 0;
    std::int64_t recorded_at = 0;
    std::vector<Score> scores;  // in the order of kDomains
};

// Why an assessment of `scores` at `assessed_at` cannot be recorded on a case in `state` at
// `now_ms`, as a field and its code: "state": "closed" (a closed case is not assessed: it is
// reopened first); "scores": "duplicate_domain" (a domain scored twice at once); "assessed_at":
// "future". Nullopt when it can. What a schema says (known domains, scores in 1..5, at least one)
// is the request's schema's, and the table's.
std::optional<Refusal> RefusedAssessment(State state, const std::vector<Score>& scores, std::int64_t assessed_at,
                                         std::int64_t now_ms);

// Her progress in one domain: its scores, oldest first.
struct Point {
    std::int64_t at = 0;
    int score = 0;
};
struct DomainProgress {
    std::string domain;
    std::vector<Point> points;
};

// The progress in each domain scored at least once, in the order of kDomains, from `assessments`
// in any order (two at the same time in the order they were recorded).
std::vector<DomainProgress> ProgressOf(const std::vector<Assessment>& assessments);

}  // namespace ponte::cases
