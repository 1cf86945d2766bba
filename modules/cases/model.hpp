// A case as plain values, and the rules of its life. No I/O.
//
// A case goes referred -> intake -> active, may be suspended and taken up again, and closes with
// an outcome; a closed case may be reopened. A referral that the receiving organization declines
// closes at once, with the outcome "declined".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ponte::cases {

enum class State { kReferred, kIntake, kActive, kSuspended, kClosed };

inline constexpr State kAllStates[] = {State::kReferred, State::kIntake, State::kActive, State::kSuspended,
                                       State::kClosed};

std::string_view StateName(State state);
std::optional<State> ParseState(std::string_view name);

// How a case ended: the words of its closing.
inline constexpr std::string_view kOutcomes[] = {"autonomy_reached", "referred_elsewhere", "moved_away",
                                                 "withdrew",         "declined",           "other"};

// In the team of a case: its lead worker (one per case) or another member.
enum class TeamRole { kLead, kMember };
std::string_view TeamRoleName(TeamRole role);

// A change of state that a worker asks for.
struct Move {
    State to = State::kActive;
    std::string outcome;  // closing: one of kOutcomes
    std::string reason;   // suspending, closing and reopening: why, in her worker's words
};

// Why `move` cannot be made from `from`, as a field and its error code ("to": "transition";
// "outcome": "required" or "format"; "reason": "required"); nullopt when it can.
struct Refusal {
    std::string field;
    std::string code;
};
std::optional<Refusal> RefusedMove(State from, const Move& move);

}  // namespace ponte::cases
