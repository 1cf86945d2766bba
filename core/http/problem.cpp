#include "core/http/problem.hpp"

#include <boost/json.hpp>

#include "core/i18n/catalogue.hpp"

namespace ponte::http {

ProblemInfo Describe(ProblemKind kind) {
    switch (kind) {
        case ProblemKind::kBadRequest:
            return {400, "/problems/bad-request", "problem.bad_request"};
        case ProblemKind::kMalformedJson:
            return {400, "/problems/malformed-json", "problem.malformed_json"};
        case ProblemKind::kInvalidFields:
            return {422, "/problems/invalid-fields", "problem.invalid_fields"};
        case ProblemKind::kUnsupportedMediaType:
            return {415, "/problems/unsupported-media-type", "problem.unsupported_media_type"};
        case ProblemKind::kUnauthorized:
            return {401, "/problems/unauthorized", "problem.unauthorized"};
        case ProblemKind::kForbidden:
            return {403, "/problems/forbidden", "problem.forbidden"};
        case ProblemKind::kNotFound:
            return {404, "/problems/not-found", "problem.not_found"};
        case ProblemKind::kMethodNotAllowed:
            return {405, "/problems/method-not-allowed", "problem.method_not_allowed"};
        case ProblemKind::kRequestTimeout:
            return {408, "/problems/request-timeout", "problem.request_timeout"};
        case ProblemKind::kConflict:
            return {409, "/problems/conflict", "problem.conflict"};
        case ProblemKind::kPreconditionFailed:
            return {412, "/problems/precondition-failed", "problem.precondition_failed"};
        case ProblemKind::kPreconditionRequired:
            return {428, "/problems/precondition-required", "problem.precondition_required"};
        case ProblemKind::kPayloadTooLarge:
            return {413, "/problems/payload-too-large", "problem.payload_too_large"};
        case ProblemKind::kHeadersTooLarge:
            return {431, "/problems/headers-too-large", "problem.headers_too_large"};
        case ProblemKind::kTooManyRequests:
            return {429, "/problems/too-many-requests", "problem.too_many_requests"};
        case ProblemKind::kInternal:
            return {500, "/problems/internal", "problem.internal"};
        case ProblemKind::kUnavailable:
            return {503, "/problems/unavailable", "problem.unavailable"};
    }
    return {500, "/problems/internal", "problem.internal"};  // unreachable: every kind is handled above
}

namespace {

ProblemKind KindFor(core::Fault fault) {
    using core::Fault;
    switch (fault) {
        case Fault::kUnreadable:
            return ProblemKind::kMalformedJson;
        case Fault::kInvalidFields:
            return ProblemKind::kInvalidFields;
        case Fault::kBadParameter:
            return ProblemKind::kBadRequest;
        case Fault::kNotSignedIn:
            return ProblemKind::kUnauthorized;
        case Fault::kForbidden:
            return ProblemKind::kForbidden;
        case Fault::kNotFound:
            return ProblemKind::kNotFound;
        case Fault::kConflict:
            return ProblemKind::kConflict;
        case Fault::kStale:
            return ProblemKind::kPreconditionFailed;
        case Fault::kVersionRequired:
            return ProblemKind::kPreconditionRequired;
        case Fault::kThrottled:
            return ProblemKind::kTooManyRequests;
        case Fault::kUnavailable:
            return ProblemKind::kUnavailable;
    }
    return ProblemKind::kInternal;  // unreachable: every fault is handled above
}

}  // namespace

Problem ProblemFor(core::Failure failure) {
    Problem problem{KindFor(failure.fault), std::move(failure.detail_key), std::move(failure.internal),
                    std::move(failure.errors)};
    problem.detail_arguments = std::move(failure.detail_arguments);
    if (failure.retry_after_ms > 0) {
        problem.headers.Add("Retry-After", std::to_string((failure.retry_after_ms + 999) / 1000));
    }
    return problem;
}

Response RenderProblem(const Problem& problem, std::string_view locale, std::string_view instance,
                       std::string_view request_id) {
    const ProblemInfo info = Describe(problem.kind);
    const auto& catalogue = i18n::Catalogue::Instance();
    boost::json::object body;
    body["type"] = info.type;
    body["title"] = catalogue.Translate(locale, info.title_key);
    body["status"] = info.status;
    if (!problem.detail_key.empty()) {
        body["detail"] = catalogue.Format(locale, problem.detail_key, problem.detail_arguments);
    }
    if (!instance.empty()) body["instance"] = instance;
    body["request_id"] = request_id;
    if (!problem.errors.empty()) {
        boost::json::array errors;
        for (const auto& error : problem.errors) {
            errors.push_back(boost::json::object{
                {"field", error.field},
                {"code", error.code},
                {"message", catalogue.Translate(locale, "field." + error.code)},
            });
        }
        body["errors"] = std::move(errors);
    }

    Response response;
    response.status = info.status;
    response.headers.Set("Content-Type", "application/problem+json");
    response.headers.Set("Content-Language", std::string(catalogue.Resolve(locale)));
    if (!problem.allow.empty()) {
        std::string allow;
        for (const auto& method : problem.allow) allow += (allow.empty() ? "" : ", ") + method;
        response.headers.Set("Allow", std::move(allow));
    }
    for (const auto& [name, value] : problem.headers.fields()) response.headers.Add(name, value);
    response.body = boost::json::serialize(body);
    return response;
}

}  // namespace ponte::http
