#include "modules/cases/referrals/model.hpp"

#include <array>
#include <utility>

namespace ponte::cases {
namespace {

constexpr std::array<std::pair<Urgency, std::string_view>, 3> kUrgencies{
    {{Urgency::kRoutine, "routine"}, {Urgency::kSoon, "soon"}, {Urgency::kUrgent, "urgent"}}};
constexpr std::array<std::pair<ReferralState, std::string_view>, 3> kReferralStates{
    {{ReferralState::kPending, "pending"},
     {ReferralState::kAccepted, "accepted"},
     {ReferralState::kDeclined, "declined"}}};

template <typename Value, std::size_t N>
std::string_view NameIn(const std::array<std::pair<Value, std::string_view>, N>& names, Value value) {
    for (const auto& [known, name] : names) {
        if (known == value) return name;
    }
    return "";
}

template <typename Value, std::size_t N>
std::optional<Value> ParseIn(const std::array<std::pair<Value, std::string_view>, N>& names, std::string_view text) {
    for (const auto& [known, name] : names) {
        if (name == text) return known;
    }
    return std::nullopt;
}

}  // namespace

std::string_view UrgencyName(Urgency urgency) { return NameIn(kUrgencies, urgency); }
std::optional<Urgency> ParseUrgency(std::string_view name) { return ParseIn(kUrgencies, name); }
std::string_view ReferralStateName(ReferralState state) { return NameIn(kReferralStates, state); }
std::optional<ReferralState> ParseReferralState(std::string_view name) { return ParseIn(kReferralStates, name); }

std::optional<ReferralRefusal> RefusedReferral(std::int64_t from_organization_id, const ReferralRequest& request,
                                               std::int64_t now_ms) {
    if (request.consent_at > now_ms) return ReferralRefusal{"consent_at", "format"};
    // An organization records a referral to itself only for a referrer who does not use Ponte;
    // between two organizations of the network, the referrer is the one who sends it.
    const bool recorded = request.to_organization_id == from_organization_id;
    if (recorded && !request.outside) return ReferralRefusal{"referrer", "required"};
    if (!recorded && request.outside) return ReferralRefusal{"referrer", "unknown"};
    return std::nullopt;
}

std::optional<ReferralRefusal> RefusedAnswer(ReferralState state, const Answer& answer) {
    if (state != ReferralState::kPending) return ReferralRefusal{"decision", "answered"};
    if (!answer.accept && answer.reason.empty()) return ReferralRefusal{"reason", "required"};
    return std::nullopt;
}

}  // namespace ponte::cases
