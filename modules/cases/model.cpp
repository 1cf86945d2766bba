#include "modules/cases/model.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ponte::cases {
namespace {

constexpr std::array<std::pair<State, std::string_view>, 5> kStateNames{{{State::kReferred, "referred"},
                                                                         {State::kIntake, "intake"},
                                                                         {State::kActive, "active"},
                                                                         {State::kSuspended, "suspended"},
                                                                         {State::kClosed, "closed"}}};

// The moves a case may make. Intake ends by starting the project, not by closing: a woman who
// came to the listening space has a case to follow, even a short one.
bool Allowed(State from, State to) {
    switch (from) {
        case State::kReferred:
            return to == State::kIntake || to == State::kClosed;
        case State::kIntake:
            return to == State::kActive;
        case State::kActive:
            return to == State::kSuspended || to == State::kClosed;
        case State::kSuspended:
            return to == State::kActive || to == State::kClosed;
        case State::kClosed:
            return to == State::kActive;
    }
    return false;
}

}  // namespace

std::string_view StateName(State state) {
    for (const auto& [value, name] : kStateNames) {
        if (value == state) return name;
    }
    return "";
}

std::optional<State> ParseState(std::string_view name) {
    for (const auto& [value, text] : kStateNames) {
        if (text == name) return value;
    }
    return std::nullopt;
}

std::string_view TeamRoleName(TeamRole role) { return role == TeamRole::kLead ? "lead" : "member"; }

std::optional<Refusal> RefusedMove(State from, const Move& move) {
    if (!Allowed(from, move.to)) return Refusal{"to", "transition"};
    if (move.to == State::kClosed) {
        if (move.outcome.empty()) return Refusal{"outcome", "required"};
        const bool known = std::find(std::begin(kOutcomes), std::end(kOutcomes), move.outcome) != std::end(kOutcomes);
        // Only a referral is declined; a case that was taken on ends otherwise.
        if (!known || (move.outcome == "declined") != (from == State::kReferred)) return Refusal{"outcome", "format"};
    }
    const bool needs_reason = move.to == State::kSuspended || move.to == State::kClosed || from == State::kClosed;
    if (needs_reason && move.reason.empty()) return Refusal{"reason", "required"};
    return std::nullopt;
}

}  // namespace ponte::cases
