// How `serve` reaches its PostgreSQL server. The --db URL goes to libpq as it is, so every libpq
// parameter works in it: "postgresql://ponte@db.example.org/ponte?sslmode=verify-full&
// sslrootcert=/etc/ponte/db-ca.crt" (also sslcert, sslkey, connect_timeout...).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ponte::db {

// For a postgresql:// URL to a server that is not on this machine (a host other than a Unix
// socket, localhost or a loopback address) with an sslmode weaker than verify-full (the URL's, or
// else libpq's default: PGSSLMODE, then "prefer"), the warning to log: the connection could be
// read or taken over on the way. nullopt otherwise, or for a URL libpq cannot parse (connecting
// reports that). Host and hostaddr fall back to PGHOST and PGHOSTADDR as libpq's do.
std::optional<std::string> InsecurePostgresTransport(std::string_view url);

}  // namespace ponte::db
