// The table of her profile's parts. Each part is one sealed JSON value with its version; every
// function runs on the caller's connection, so that the caller groups a change with its audit
// entry and the case's timeline in one transaction.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"

namespace ponte::cases {

enum class Part { kProfile, kSafeContact, kSensitive };
// The part's column ("profile", "safe_contact", "sensitive"), also its name on the timeline.
std::string_view PartName(Part part);

struct StoredPart {
    std::optional<boost::json::object> content;  // none: never written
    std::int64_t version = 1;                    // 1 until first written
};

// The part of her record `woman_id`.
StoredPart ReadPart(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t woman_id, Part part);

// Replaces the part when it is still at `expected_version` (1: never written), sealed; false,
// changing nothing, when it is not. Returns true with the part at `expected_version + 1`.
bool WritePart(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t woman_id, Part part,
               std::int64_t expected_version, const boost::json::object& content, std::int64_t now_ms);

// The context a part is sealed in (crypto::FieldContext), bound to her record.
std::string PartContext(Part part, std::int64_t woman_id);

}  // namespace ponte::cases
