#include "modules/consents/model.hpp"

namespace ponte::consents {

boost::json::object ToJson(const Decision& decision) {
    return {{"purpose", decision.purpose},
            {"given", decision.given},
            {"method", decision.method},
            {"recorded_at", decision.recorded_at},
            {"recorded_by", decision.recorded_by == 0 ? boost::json::value(nullptr) : decision.recorded_by}};
}

std::optional<std::string> MethodFor(bool own_decision, const std::optional<std::string>& method) {
    if (own_decision) {
        if (method && *method != "online") return std::nullopt;
        return "online";
    }
    if (!method || (*method != "paper" && *method != "verbal")) return std::nullopt;
    return *method;
}

std::vector<PurposeState> CurrentState(const std::map<std::string, std::string, std::less<>>& purposes,
                                       const std::vector<Decision>& history) {
    std::vector<PurposeState> out;
    for (const auto& [purpose, description_key] : purposes) {
        PurposeState state{purpose, description_key, std::nullopt};
        for (const Decision& decision : history) {
            if (decision.purpose == purpose) state.given = decision.given;
        }
        out.push_back(std::move(state));
    }
    return out;
}

}  // namespace ponte::consents
