#include "modules/cases/teams/json.hpp"

namespace ponte::cases {
namespace {

boost::json::value IdOrNull(std::int64_t id) { return id == 0 ? boost::json::value(nullptr) : boost::json::value(id); }

}  // namespace

boost::json::object TeamJson(const Team& team) {
    boost::json::array members;
    for (const auto& mate : team.members) {
        members.push_back({{"user_id", mate.user_id},
                           {"organization_id", mate.organization_id},
                           {"display_name", mate.display_name}});
    }
    return {{"id", team.id},
            {"organization_id", team.organization_id},
            {"name", team.name},
            {"created_at", team.created_at},
            {"members", std::move(members)}};
}

boost::json::object ShareJson(const Share& share) {
    return {{"team_id", share.team_id},
            {"team_name", share.team_name},
            {"case_id", share.case_id},
            {"code", share.code},
            {"chosen_name", share.chosen_name},
            {"consent", share.consent_method.empty() ? std::string("her_record") : share.consent_method},
            {"shared_at", share.shared_at}};
}

boost::json::object MeetingJson(const Meeting& meeting) {
    return {{"id", meeting.id},
            {"team_id", meeting.team_id},
            {"starts_at", meeting.starts_at},
            {"place", meeting.place},
            {"created_at", meeting.created_at}};
}

boost::json::object DecisionJson(const Decision& decision) {
    return {{"id", decision.id},
            {"item_id", decision.item_id},
            {"case_id", decision.case_id},
            {"title", decision.text},
            {"owner", decision.owner},
            {"owner_user_id", IdOrNull(decision.owner_user_id)},
            {"owner_organization_id", IdOrNull(decision.owner_organization_id)},
            {"due_on", decision.due_on},
            {"plan_action_id", IdOrNull(decision.plan_action_id)},
            {"decided_by", IdOrNull(decision.decided_by)},
            {"created_at", decision.created_at}};
}

boost::json::object MinutesJson(const AgendaItem& item) {
    return {{"id", item.id},
            {"minutes", item.minutes},
            {"minutes_by", IdOrNull(item.minutes_by)},
            {"minutes_at", item.minutes_at}};
}

boost::json::object MeetingFileJson(const MeetingFile& file) {
    boost::json::object out = MeetingJson(file.meeting);
    boost::json::array agenda;
    for (const auto& entry : file.agenda) {
        boost::json::array decisions;
        for (const auto& decision : entry.decisions) decisions.push_back(DecisionJson(decision));
        boost::json::array goals;
        for (const auto& goal : entry.goals) {
            goals.push_back({{"id", goal.id}, {"domain", goal.domain}, {"statement", goal.statement}});
        }
        agenda.push_back({{"id", entry.item.id},
                          {"case_id", entry.item.case_id},
                          {"code", entry.share.code},
                          {"chosen_name", entry.share.chosen_name},
                          {"minutes", entry.item.minutes},
                          {"minutes_by", IdOrNull(entry.item.minutes_by)},
                          {"minutes_at", IdOrNull(entry.item.minutes_at)},
                          {"decisions", std::move(decisions)},
                          {"goals", std::move(goals)}});
    }
    out["agenda"] = std::move(agenda);
    return out;
}

std::string TeamSchema() {
    return R"({"type":"object","required":["id","organization_id","name","created_at","members"],"properties":{
        "id":{"type":"integer"},"organization_id":{"type":"integer"},"name":{"type":"string"},
        "created_at":{"type":"integer"},"members":{"type":"array","items":{"type":"object",
          "required":["user_id","organization_id","display_name"],"properties":{"user_id":{"type":"integer"},
          "organization_id":{"type":"integer","description":"The organization she sits on the team for"},
          "display_name":{"type":"string"}}}}}})";
}

std::string ShareSchema() {
    return R"({"type":"object","required":["team_id","team_name","case_id","code","chosen_name","consent",
        "shared_at"],"properties":{"team_id":{"type":"integer"},"team_name":{"type":"string"},
        "case_id":{"type":"integer"},"code":{"type":"string"},"chosen_name":{"type":"string"},
        "consent":{"enum":["her_record","paper","verbal"],
          "description":"Her own consent record, or the consent her worker recorded on the share"},
        "shared_at":{"type":"integer"}}})";
}

std::string DecisionSchema() {
    return R"({"type":"object","required":["id","item_id","case_id","title","owner","owner_user_id",
        "owner_organization_id","due_on","plan_action_id","decided_by","created_at"],"properties":{
        "id":{"type":"integer"},"item_id":{"type":"integer"},"case_id":{"type":"integer"},"title":{"type":"string"},
        "owner":{"enum":["her","worker","partner"]},"owner_user_id":{"type":["integer","null"]},
        "owner_organization_id":{"type":["integer","null"]},"due_on":{"type":"string"},
        "plan_action_id":{"type":["integer","null"],"description":"The action of her plan it became"},
        "decided_by":{"type":["integer","null"]},"created_at":{"type":"integer"}}})";
}

std::string MeetingSchema() {
    return R"({"type":"object","required":["id","team_id","starts_at","place","created_at","agenda"],"properties":{
        "id":{"type":"integer"},"team_id":{"type":"integer"},"starts_at":{"type":"integer"},
        "place":{"type":"string"},"created_at":{"type":"integer"},
        "agenda":{"type":"array","description":"The cases still shared with the team","items":{"type":"object",
          "required":["id","case_id","code","chosen_name","minutes","minutes_by","minutes_at","decisions","goals"],
          "properties":{"id":{"type":"integer"},"case_id":{"type":"integer"},"code":{"type":"string"},
          "chosen_name":{"type":"string"},"minutes":{"type":"string"},"minutes_by":{"type":["integer","null"]},
          "minutes_at":{"type":["integer","null"]},"goals":{"type":"array",
            "description":"The goals of her plan, which a decision becomes an action under","items":{"type":"object",
            "required":["id","domain","statement"],"properties":{"id":{"type":"integer"},"domain":{"type":"string"},
            "statement":{"type":"string"}}}},"decisions":{"type":"array","items":)" +
           DecisionSchema() + "}}}}}}";
}

std::string ItemsSchema(const std::string& item) {
    return R"({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":)" + item + "}}}";
}

}  // namespace ponte::cases
