// The use cases of consents, free of HTTP: each takes the caller and the audit entry of her
// request, decides access to the person named, and returns an outcome.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/outcome.hpp"
#include "core/policy/policy.hpp"
#include "core/tenancy/resources.hpp"
#include "modules/consents/model.hpp"

namespace ponte::consents {

inline constexpr std::string_view kReadAction = "consents.decision.read";
inline constexpr std::string_view kRecordAction = "consents.decision.record";

// What the module's use cases share.
struct Module {
    // Null only in a registry that describes (core::Registry), whose handlers never run.
    db::Database* database_or_null;
    db::Database& database() const { return *database_or_null; }
    const policy::Policy& policy;
    // The declared purposes (purpose -> message key of what it means), from every module.
    const std::map<std::string, std::string, std::less<>>& purposes;
};

struct Consents {
    std::vector<PurposeState> purposes;
    std::vector<Decision> history;
};

// The person whose consents a request names, when `caller` may take `action` on them (a read or
// a record); else kNotFound, the same for a person out of reach as for one who does not exist,
// both audited. Handlers call it before they read a body: who may reach a record comes first.
// `request` is the audit entry of the request; it gets the action and the person.
core::Outcome<tenancy::UserFacts> ReachPerson(const Module& module, const policy::Principal& caller,
                                              audit::Entry& request, std::string_view action, std::int64_t user_id);

// Her decisions for every declared purpose, and their history; audited.
Consents ReadConsents(const Module& module, audit::Entry request, const tenancy::UserFacts& person);

struct NewDecision {
    std::string purpose;
    bool given = false;
    std::optional<std::string> method;  // as asked; see MethodFor
};

// Records a decision of hers, by her (online) or by staff who reach her (paper, verbal); audited.
// kInvalidFields naming `purpose` (not declared) or `method` (see MethodFor).
core::Outcome<Decision> RecordDecision(const Module& module, const policy::Principal& caller, audit::Entry request,
                                       const tenancy::UserFacts& person, const NewDecision& asked);

}  // namespace ponte::consents
