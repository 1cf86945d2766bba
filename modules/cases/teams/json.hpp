// The multidisciplinary team's records as the API answers them, and the JSON Schemas of those
// answers (for the OpenAPI document and the tests that check answers against it).
#pragma once

#include <boost/json.hpp>
#include <string>

#include "modules/cases/teams/actions.hpp"

namespace ponte::cases {

boost::json::object TeamJson(const Team& team);
boost::json::object ShareJson(const Share& share);
boost::json::object MeetingJson(const Meeting& meeting);
boost::json::object DecisionJson(const Decision& decision);
boost::json::object MinutesJson(const AgendaItem& item);
// The meeting with its agenda: each case's code and chosen name, minutes, decisions and goals.
boost::json::object MeetingFileJson(const MeetingFile& file);

std::string TeamSchema();
std::string ShareSchema();
std::string DecisionSchema();
std::string MeetingSchema();
// {"items": [item, ...]}.
std::string ItemsSchema(const std::string& item);

}  // namespace ponte::cases
