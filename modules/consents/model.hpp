// Consent decisions as plain values, and the rules about them. No I/O.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ponte::consents {

struct Decision {
    std::string purpose;
    bool given = false;
    std::string method;            // "online", "paper" or "verbal"
    std::int64_t recorded_at = 0;  // ms since the epoch
    std::int64_t recorded_by = 0;  // account id; 0 when unknown (erased, or recorded by the system)
};

// A declared purpose with her current decision: nullopt when she was never asked.
struct PurposeState {
    std::string purpose;
    std::string description_key;  // message key of what it means
    std::optional<bool> given;
};

// A decision as the API and the person's data export show it.
boost::json::object ToJson(const Decision& decision);

// How a decision may be recorded: her own decision is made online, by her; staff record only what
// she decided on paper or by voice. `method` is what the request asked for, if anything. Returns
// the method to record, or nullopt when the request breaks the rule.
std::optional<std::string> MethodFor(bool own_decision, const std::optional<std::string>& method);

// Each declared purpose (purpose -> description key) with the latest of `history` (oldest first).
std::vector<PurposeState> CurrentState(const std::map<std::string, std::string, std::less<>>& purposes,
                                       const std::vector<Decision>& history);

}  // namespace ponte::consents
