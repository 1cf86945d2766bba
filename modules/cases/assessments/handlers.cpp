#include "modules/cases/assessments/handlers.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "modules/cases/assessments/actions.hpp"
#include "modules/cases/assessments/store.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

using http::Reply;
using http::Request;
using http::Response;

constexpr std::string_view kSelectCasesOf =
    "SELECT c.id FROM cases_cases c JOIN cases_women w ON w.id = c.woman_id WHERE w.user_id = $1 ORDER BY c.id";
constexpr std::string_view kDeleteAssessmentsOf =
    "DELETE FROM cases_assessments WHERE case_id IN "
    "(SELECT c.id FROM cases_cases c JOIN cases_women w ON w.id = c.woman_id WHERE w.user_id = $1)";

boost::json::object AssessmentJson(const Assessment& assessment) {
    boost::json::array scores;
    for (const auto& score : assessment.scores) {
        scores.push_back({{"domain", score.domain},
                          {"score", score.score},
                          {"note", score.note.empty() ? boost::json::value(nullptr) : boost::json::value(score.note)}});
    }
    return {{"id", assessment.id},
            {"by", assessment.by_user_id == 0
                       ? boost::json::value(nullptr)
                       : boost::json::object{{"user_id", assessment.by_user_id}, {"display_name", assessment.by_name}}},
            {"assessed_at", assessment.assessed_at},
            {"recorded_at", assessment.recorded_at},
            {"scores", std::move(scores)}};
}

Reply GetAssessments(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kAssessmentReadAction);
    if (!reached) return std::move(reached.failure());
    const AssessmentFile file = ReadAssessments(module, entry, *reached);
    boost::json::array items;
    for (const auto& assessment : file.assessments) items.push_back(AssessmentJson(assessment));
    boost::json::array progress;
    for (const auto& domain : file.progress) {
        boost::json::array points;
        for (const auto& point : domain.points) points.push_back({{"at", point.at}, {"score", point.score}});
        progress.push_back({{"domain", domain.domain}, {"points", std::move(points)}});
    }
    return Response::Json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)},
                                                                          {"progress", std::move(progress)}}));
}

Reply PostAssessment(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kAssessmentRecordAction);
    if (!reached) return std::move(reached.failure());
    http::JsonFields fields(request);
    NewAssessment asked{.assessed_at = fields.Int("assessed_at")};
    // The schema has checked each item's shape, domain and score; the note's text is checked here.
    if (const boost::json::array* scores = fields.Array("scores")) {
        for (std::size_t i = 0; i < scores->size(); ++i) {
            const boost::json::object& item = (*scores)[i].as_object();
            auto note = fields.StringIn(item, "note", "scores." + std::to_string(i) + ".note");
            asked.scores.push_back({.domain = std::string(item.at("domain").as_string()),
                                    .score = static_cast<int>(item.at("score").as_int64()),
                                    .note = note.value_or("")});
        }
    }
    if (auto failure = fields.Finish()) return *failure;
    auto recorded = RecordAssessment(module, *request.principal, entry, *reached, asked);
    if (!recorded) return std::move(recorded.failure());
    return Response::Json(201, boost::json::serialize(AssessmentJson(*recorded)));
}

std::string DomainEnum() {
    boost::json::array domains;
    for (std::string_view domain : kDomains) domains.emplace_back(domain);
    return boost::json::serialize(domains);
}

std::string RequestSchema() {
    return R"({"type":"object","additionalProperties":false,"required":["scores"],"properties":{
        "scores":{"type":"array","minItems":1,"maxItems":)" +
           std::to_string(std::size(kDomains)) + R"(,"items":{"type":"object","additionalProperties":false,
          "required":["domain","score"],"properties":{"domain":{"enum":)" +
           DomainEnum() + R"(},"score":{"type":"integer","minimum":)" + std::to_string(kLowestScore) +
           R"(,"maximum":)" + std::to_string(kHighestScore) + R"(},
            "note":{"type":"string","maxLength":)" +
           std::to_string(kNoteMaxLength) + R"(}}}},
        "assessed_at":{"type":"integer","minimum":0,"description":"When it was made (ms), not in the future; now when absent"}}})";
}

std::string AssessmentSchema() {
    return R"({"type":"object","required":["id","by","assessed_at","recorded_at","scores"],"properties":{
        "id":{"type":"integer"},"by":{"type":["object","null"],"required":["user_id","display_name"],
          "properties":{"user_id":{"type":"integer"},"display_name":{"type":"string"}}},
        "assessed_at":{"type":"integer"},"recorded_at":{"type":"integer"},
        "scores":{"type":"array","items":{"type":"object","required":["domain","score","note"],"properties":{
          "domain":{"enum":)" +
           DomainEnum() + R"(},"score":{"type":"integer"},"note":{"type":["string","null"]}}}}}})";
}

std::string ListSchema() {
    return R"({"type":"object","required":["items","progress"],"properties":{
        "items":{"type":"array","items":)" +
           AssessmentSchema() + R"(},
        "progress":{"type":"array","items":{"type":"object","required":["domain","points"],"properties":{
          "domain":{"enum":)" +
           DomainEnum() + R"(},"points":{"type":"array","items":{"type":"object","required":["at","score"],
            "properties":{"at":{"type":"integer"},"score":{"type":"integer"}}}}}}}}})";
}

// Her assessments, as her data export shows them.
boost::json::value Export(db::Connection& connection, std::int64_t person, const privacy::Context& context) {
    boost::json::array out;
    auto rows = connection.Execute(kSelectCasesOf, {person});
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const std::int64_t case_id = rows.Int(row, 0);
        for (const auto& assessment : AssessmentsOf(connection, context.keyring, case_id)) {
            boost::json::object item = AssessmentJson(assessment);
            item["case_id"] = case_id;
            out.push_back(std::move(item));
        }
    }
    return out;
}

}  // namespace

void AddAssessments(core::Registry& registry, std::shared_ptr<const Module> module) {
    registry.AddSealedColumn({"cases_assessment_scores", "case_id", "note"});
    registry.AddPersonalData(
        {.name = "cases.assessments",
         .description = "The autonomy assessments of her cases: when each was made and by whom, and the score and "
                        "note of each domain assessed.",
         .tables = {"cases_assessments", "cases_assessment_scores"},
         .exporter = &Export,
         .eraser = [](db::Connection& connection, std::int64_t person, const privacy::Context&) {
             connection.Execute(kDeleteAssessmentsOf, {person});
         }});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/assessments",
                       .policy_action = std::string(kAssessmentReadAction),
                       .id = "listCaseAssessments",
                       .summary = "The case's autonomy assessments, newest first, with their scores and notes, and "
                                  "her progress in each domain scored, oldest first, for the chart",
                       .tag = "cases",
                       .response = http::Schema(ListSchema()),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(module, &GetAssessments)});
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/cases/{case_id}/assessments",
                       .policy_action = std::string(kAssessmentRecordAction),
                       .id = "recordCaseAssessment",
                       .summary = "Record an autonomy assessment of the case: a score from 1 to 5, with a note, in "
                                  "each domain assessed (at least one, each once); not on a closed case",
                       .tag = "cases",
                       .request = http::Schema(RequestSchema()),
                       .response = http::Schema(AssessmentSchema()),
                       .status = 201,
                       .errors = {401, 403, 404, 422},
                       .handler = core::Bind(module, &PostAssessment)});
}

}  // namespace ponte::cases
