#include "modules/cases/assessments/store.hpp"

#include <algorithm>

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertAssessment =
    "INSERT INTO cases_assessments (case_id, by_user_id, assessed_at, recorded_at) VALUES ($1, $2, $3, $4) "
    "RETURNING id";
constexpr std::string_view kInsertScore =
    "INSERT INTO cases_assessment_scores (assessment_id, case_id, domain, score, note) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kSelectAssessments =
    "SELECT a.id, COALESCE(a.by_user_id, 0), COALESCE(u.display_name, ''), a.assessed_at, a.recorded_at, s.domain, "
    "s.score, s.note FROM cases_assessments a JOIN cases_assessment_scores s ON s.assessment_id = a.id "
    "LEFT JOIN accounts_users u ON u.id = a.by_user_id WHERE a.case_id = $1 "
    "ORDER BY a.assessed_at DESC, a.id DESC";

std::size_t DomainIndex(std::string_view domain) {
    return static_cast<std::size_t>(std::find(std::begin(kDomains), std::end(kDomains), domain) - std::begin(kDomains));
}

}  // namespace

std::string NoteContext(std::int64_t case_id) {
    return crypto::FieldContext("cases_assessment_scores", "note", case_id);
}

std::int64_t InsertAssessment(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                              std::int64_t by_user_id, std::int64_t assessed_at, std::int64_t now_ms,
                              const std::vector<Score>& scores) {
    const std::int64_t id =
        connection.Execute(kInsertAssessment, {case_id, db::NullIfZero(by_user_id), assessed_at, now_ms}).Int(0, 0);
    for (const auto& score : scores) {
        const db::Value note =
            score.note.empty() ? db::Value{nullptr} : db::Value{keyring.Seal(score.note, NoteContext(case_id))};
        connection.Execute(kInsertScore, {id, case_id, score.domain, static_cast<std::int64_t>(score.score), note});
    }
    return id;
}

std::vector<Assessment> AssessmentsOf(db::Connection& connection, const crypto::Keyring& keyring,
                                      std::int64_t case_id) {
    auto rows = connection.Execute(kSelectAssessments, {case_id});
    std::vector<Assessment> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const std::int64_t id = rows.Int(row, 0);
        if (out.empty() || out.back().id != id) {
            out.push_back({.id = id,
                           .case_id = case_id,
                           .by_user_id = rows.Int(row, 1),
                           .by_name = rows.Text(row, 2),
                           .assessed_at = rows.Int(row, 3),
                           .recorded_at = rows.Int(row, 4)});
        }
        out.back().scores.push_back(
            {.domain = rows.Text(row, 5),
             .score = static_cast<int>(rows.Int(row, 6)),
             .note = rows.IsNull(row, 7) ? "" : keyring.Open(rows.Text(row, 7), NoteContext(case_id))});
    }
    for (auto& assessment : out) {
        std::sort(assessment.scores.begin(), assessment.scores.end(),
                  [](const Score& a, const Score& b) { return DomainIndex(a.domain) < DomainIndex(b.domain); });
    }
    return out;
}

}  // namespace ponte::cases
