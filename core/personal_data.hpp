// The personal-data registry: every module declares, for each table it creates, either what
// personal data it holds there (and how to export and erase it) or that it holds none. A test
// fails when a table is in neither list, so no module can keep data about a person that
// `ponte export-person` would not show or `ponte erase-person` would leave behind unnoticed.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"

namespace ponte::privacy {

// What an exporter or eraser may need besides the connection.
struct Context {
    const crypto::Keyring& keyring;  // to open sealed fields
    std::int64_t now_ms = 0;
};

struct PersonalData {
    std::string name;                 // "auth.account"
    std::string description;          // what is held about the person, and why
    std::vector<std::string> tables;  // the tables this source covers
    // Everything held about the person, as JSON.
    std::function<boost::json::value(db::Connection&, std::int64_t person_id, const Context&)> exporter;
    // Erases or anonymizes it, keeping what aggregate statistics need but nothing that identifies
    // her. Null when the data is kept; `retention` then says why (a legal duty, for instance).
    std::function<void(db::Connection&, std::int64_t person_id, const Context&)> eraser;
    std::string retention;
};

// A table that holds nothing about any person, and why.
struct NoPersonalData {
    std::string table;
    std::string reason;
};

}  // namespace ponte::privacy
