// What tenancy's handlers share: the database, the keys, the policy and what links need of the
// deployment. Internal to core/tenancy.
#pragma once

#include <string>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/policy/policy.hpp"

namespace ponte::tenancy {

struct State {
    db::Database* database;          // null in a registry that describes (core::Registry)
    const crypto::Keyring* keyring;  // null there too
    const policy::Policy& policy;
    std::string public_url;  // core::Deployment::public_url
    bool secure = true;      // core::Deployment::secure
};

}  // namespace ponte::tenancy
