// The PostgreSQL engine, on libpq: prepared statements cached per connection, parameters sent as
// text, results converted by column type (integers, booleans as 0/1, floating point, text).
#pragma once

#include <memory>
#include <string>

#include "core/db/database.hpp"

namespace ponte::db {

// Connects with a libpq URI ("postgresql://user@host:port/db?..."); throws ConnectionError.
std::unique_ptr<Connection> OpenPostgres(const std::string& conninfo);

}  // namespace ponte::db
