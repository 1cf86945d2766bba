#include "core/db/transport.hpp"

#include <arpa/inet.h>
#include <libpq-fe.h>

#include <map>
#include <memory>

namespace ponte::db {
namespace {

using Options = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

// The values libpq will use for `keywords`: the URL's own, else its defaults (which read the
// PG* environment variables).
std::optional<std::map<std::string, std::string>> Settings(const std::string& url) {
    char* error = nullptr;
    Options parsed(PQconninfoParse(url.c_str(), &error), PQconninfoFree);
    if (!parsed) {
        PQfreemem(error);
        return std::nullopt;
    }
    Options defaults(PQconndefaults(), PQconninfoFree);
    std::map<std::string, std::string> settings;
    for (const auto* option = defaults.get(); option && option->keyword; ++option) {
        if (option->val && *option->val) settings[option->keyword] = option->val;
    }
    for (const auto* option = parsed.get(); option->keyword; ++option) {
        if (option->val && *option->val) settings[option->keyword] = option->val;
    }
    return settings;
}

bool IsLoopback(const std::string& host) {
    // No host is libpq's default Unix socket; a path or an abstract name is a socket too.
    if (host.empty() || host.front() == '/' || host.front() == '@' || host == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

// A comma-separated list of hosts (libpq tries each): every one must be on this machine.
std::string FirstRemote(const std::string& hosts) {
    std::size_t start = 0;
    for (;;) {
        const auto end = hosts.find(',', start);
        std::string host = hosts.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!IsLoopback(host)) return host;
        if (end == std::string::npos) return "";
        start = end + 1;
    }
}

}  // namespace

std::optional<std::string> InsecurePostgresTransport(std::string_view url) {
    if (!url.starts_with("postgresql://") && !url.starts_with("postgres://")) return std::nullopt;
    auto settings = Settings(std::string(url));
    if (!settings) return std::nullopt;
    // hostaddr, when given, is where libpq connects (host then only names the certificate).
    const auto hostaddr = settings->find("hostaddr");
    const std::string remote = FirstRemote(hostaddr != settings->end() ? hostaddr->second : (*settings)["host"]);
    if (remote.empty()) return std::nullopt;
    const auto sslmode = settings->find("sslmode");
    const std::string mode = sslmode != settings->end() ? sslmode->second : "prefer";
    if (mode == "verify-full") return std::nullopt;
    return "the database server " + remote + " is not on this machine and sslmode is " + mode +
           ": anyone on the way could read or take over the connection. Add sslmode=verify-full and "
           "sslrootcert=<the server's CA certificate> to --db (or set PGSSLMODE and PGSSLROOTCERT)";
}

}  // namespace ponte::db
