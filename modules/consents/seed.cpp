#include "modules/consents/seed.hpp"

#include "modules/consents/api.hpp"

namespace ponte::consents {

void SeedDemo(db::Connection& connection, core::DemoWorld& world) {
    std::vector<std::int64_t> people = world.participants;
    if (auto participant = world.people.find("participant"); participant != world.people.end()) {
        people.push_back(participant->second);
    }
    for (std::int64_t person : people)
        RecordConsent(connection, person, "mail.news", true, "online", person, world.now_ms);
}

}  // namespace ponte::consents
