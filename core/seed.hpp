// Demo data: `ponte seed-demo` runs every module's seed in module order, in one transaction, on a
// database without accounts. Each seed finds in the DemoWorld what earlier modules made (the
// organizations, the people by role) and adds what later ones may build on.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"

namespace ponte::core {

struct DemoAccount {
    std::string email;
    std::string role;
    std::string organization;  // empty for network and platform roles
};

struct DemoWorld {
    std::int64_t now_ms = 0;
    // How much to make: 1 for `make run`; more for benchmarks (`ponte seed-demo --scale N`), where
    // each module makes about N times its records, with N times the people to own them.
    int scale = 1;
    // How many cases the cases module makes (`ponte seed-demo --cases N`); 0: 8 × scale. Those past
    // the first eight of `make run` each have a history (benchmarks of the caseload).
    std::int64_t cases = 0;
    // How many services the directory adds to its demo directory (`ponte seed-demo --services N`),
    // spread over a region for benchmarks of its search.
    std::int64_t services = 0;
    // The keys of the field encryption, for what a seed seals (never null in `seed-demo`).
    const crypto::Keyring* keyring = nullptr;

    std::int64_t network_id = 0;
    std::vector<std::int64_t> organization_ids;
    // The account of each role that people sign in with ("participant" -> id).
    std::map<std::string, std::int64_t, std::less<>> people;
    // Further participants of each organization for larger scales (no password: not for signing in).
    std::vector<std::int64_t> participants;
    // The accounts to print, with their shared password.
    std::vector<DemoAccount> accounts;
    // Ids of records a module made for later modules, by kind ("cases.case").
    std::map<std::string, std::vector<std::int64_t>, std::less<>> records;
};

using Seed = std::function<void(db::Connection& connection, DemoWorld& world)>;

}  // namespace ponte::core
