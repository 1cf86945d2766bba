#include "modules/cases/referrals/store.hpp"

#include <boost/json.hpp>

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertReferral =
    "INSERT INTO cases_referrals (case_id, from_organization_id, to_organization_id, referred_by, outside_referrer, "
    "urgency, reason, consent_method, consent_at, created_at) "
    "SELECT $1, $2, organization_id, $3, $4, $5, $6, $7, $8, $9 FROM cases_cases WHERE id = $1 RETURNING id";
// The columns of a Referral, in its order, over cases_referrals r and the names it shows.
constexpr std::string_view kSelectReferral =
    "SELECT r.id, r.case_id, COALESCE(r.from_organization_id, 0), COALESCE(fo.name, ''), r.to_organization_id, "
    "tor.name, COALESCE(r.referred_by, 0), COALESCE(ru.display_name, ''), r.outside_referrer, w.chosen_name, "
    "r.urgency, r.reason, r.consent_method, r.consent_at, r.state, COALESCE(r.answered_by, 0), "
    "COALESCE(au.display_name, ''), COALESCE(r.answered_at, 0), r.answer, r.created_at "
    "FROM cases_referrals r JOIN cases_cases c ON c.id = r.case_id JOIN cases_women w ON w.id = c.woman_id "
    "JOIN tenancy_organizations tor ON tor.id = r.to_organization_id "
    "LEFT JOIN tenancy_organizations fo ON fo.id = r.from_organization_id "
    "LEFT JOIN accounts_users ru ON ru.id = r.referred_by LEFT JOIN accounts_users au ON au.id = r.answered_by ";
constexpr std::string_view kUpdateAnswer =
    "UPDATE cases_referrals SET state = $2, answered_by = $3, answered_at = $4, answer = $5 "
    "WHERE id = $1 AND state = 'pending'";

std::string Open(const crypto::Keyring& keyring, const db::Result& rows, std::size_t row, std::size_t column,
                 const std::string& context) {
    return rows.IsNull(row, column) ? std::string() : keyring.Open(rows.Text(row, column), context);
}

Referral ReadReferral(const crypto::Keyring& keyring, const db::Result& rows, std::size_t row) {
    const std::int64_t case_id = rows.Int(row, 1);
    Referral out{.id = rows.Int(row, 0),
                 .case_id = case_id,
                 .from_organization_id = rows.Int(row, 2),
                 .from_organization_name = rows.Text(row, 3),
                 .to_organization_id = rows.Int(row, 4),
                 .to_organization_name = rows.Text(row, 5),
                 .referred_by = rows.Int(row, 6),
                 .referred_by_name = rows.Text(row, 7),
                 .chosen_name = rows.Text(row, 9),
                 .urgency = ParseUrgency(rows.Text(row, 10)).value_or(Urgency::kRoutine),
                 .reason = Open(keyring, rows, row, 11, ReferralReasonContext(case_id)),
                 .consent_method = rows.Text(row, 12),
                 .consent_at = rows.Int(row, 13),
                 .state = ParseReferralState(rows.Text(row, 14)).value_or(ReferralState::kPending),
                 .answered_by = rows.Int(row, 15),
                 .answered_by_name = rows.Text(row, 16),
                 .answered_at = rows.Int(row, 17),
                 .answer = Open(keyring, rows, row, 18, AnswerContext(case_id)),
                 .created_at = rows.Int(row, 19)};
    if (!rows.IsNull(row, 8)) {
        const auto outside = boost::json::parse(keyring.Open(rows.Text(row, 8), OutsideReferrerContext(case_id)));
        out.outside = OutsideReferrer{.name = std::string(outside.at("name").as_string()),
                                      .organization = std::string(outside.at("organization").as_string()),
                                      .contact = std::string(outside.at("contact").as_string())};
    }
    return out;
}

}  // namespace

std::string ReferralReasonContext(std::int64_t case_id) {
    return crypto::FieldContext("cases_referrals", "reason", case_id);
}
std::string OutsideReferrerContext(std::int64_t case_id) {
    return crypto::FieldContext("cases_referrals", "outside_referrer", case_id);
}
std::string AnswerContext(std::int64_t case_id) { return crypto::FieldContext("cases_referrals", "answer", case_id); }

std::int64_t InsertReferral(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                            std::int64_t from_organization_id, std::int64_t referred_by, const ReferralRequest& request,
                            std::int64_t now_ms) {
    db::Value outside = nullptr;
    if (request.outside) {
        outside =
            keyring.Seal(boost::json::serialize(boost::json::object{{"name", request.outside->name},
                                                                    {"organization", request.outside->organization},
                                                                    {"contact", request.outside->contact}}),
                         OutsideReferrerContext(case_id));
    }
    return connection
        .Execute(kInsertReferral, {case_id, db::NullIfZero(from_organization_id), db::NullIfZero(referred_by),
                                   std::move(outside), std::string(UrgencyName(request.urgency)),
                                   keyring.Seal(request.reason, ReferralReasonContext(case_id)), request.consent_method,
                                   request.consent_at, now_ms})
        .Int(0, 0);
}

std::optional<Referral> FindReferral(db::Connection& connection, const crypto::Keyring& keyring,
                                     std::int64_t referral_id) {
    auto rows = connection.Execute(std::string(kSelectReferral) + "WHERE r.id = $1", {referral_id});
    if (rows.empty()) return std::nullopt;
    return ReadReferral(keyring, rows, 0);
}

std::optional<Referral> FindReferralOfCase(db::Connection& connection, const crypto::Keyring& keyring,
                                           std::int64_t case_id) {
    auto rows = connection.Execute(std::string(kSelectReferral) + "WHERE r.case_id = $1", {case_id});
    if (rows.empty()) return std::nullopt;
    return ReadReferral(keyring, rows, 0);
}

std::optional<Box> ParseBox(std::string_view name) {
    if (name == "received") return Box::kReceived;
    if (name == "sent") return Box::kSent;
    return std::nullopt;
}

core::Page<Referral> SelectReferrals(db::Connection& connection, const crypto::Keyring& keyring,
                                     std::int64_t organization_id, Box box, std::optional<ReferralState> state,
                                     const core::PageRequest& page) {
    std::vector<db::Value> params = {organization_id};
    std::string sql = std::string(kSelectReferral) + (box == Box::kReceived ? "WHERE r.to_organization_id = $1 "
                                                                            : "WHERE r.from_organization_id = $1 ");
    if (state) {
        params.emplace_back(std::string(ReferralStateName(*state)));
        sql += "AND r.state = $" + std::to_string(params.size()) + " ";
    }
    sql += "AND " + core::After(page, "r.id", "r.id", params);
    sql += " ORDER BY r.id LIMIT " + core::FetchLimit(page, params);
    auto rows = connection.Execute(sql, params);
    core::Page<Referral> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.items.push_back(ReadReferral(keyring, rows, row));
    if (static_cast<std::int64_t>(out.items.size()) > page.limit) {
        out.items.pop_back();
        out.next = core::Position{.key = out.items.back().id, .id = out.items.back().id};
    }
    return out;
}

bool RecordAnswer(db::Connection& connection, const crypto::Keyring& keyring, const Referral& referral,
                  const Answer& answer, std::int64_t by_user_id, std::int64_t now_ms) {
    const ReferralState state = answer.accept ? ReferralState::kAccepted : ReferralState::kDeclined;
    db::Value reason = nullptr;
    if (!answer.accept) reason = keyring.Seal(answer.reason, AnswerContext(referral.case_id));
    return connection
               .Execute(kUpdateAnswer, {referral.id, std::string(ReferralStateName(state)), db::NullIfZero(by_user_id),
                                        now_ms, std::move(reason)})
               .affected_rows > 0;
}

}  // namespace ponte::cases
