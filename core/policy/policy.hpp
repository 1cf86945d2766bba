// The one place that decides access. Every route names a policy action; modules declare, in
// their Register(), which roles may take each action and over which scope of records. Handlers
// ask Permits() with the facts of the record at hand; stores of lists add FilterFor()'s predicate
// to their SQL (filter.hpp), which reaches exactly the records Permits() allows; nothing else decides.
//
// Scopes, from narrow to wide:
//   own           the record is the caller's own (owner_user_id)
//   assigned      the caller is assigned to it (case team) and holds the role in its organization
//   organization  the record belongs to an organization where the caller holds the role
//   network       the record's organization is in a network the caller coordinates
//   platform      any record (platform admin)
// A grant of a wide scope does not imply the narrow ones for other roles: each (action, role)
// pair is one grant. Deny by default: an action nobody declared is refused, and a route whose
// action is undeclared stops the program at start.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/principal.hpp"

namespace ponte::policy {

struct Filter;  // core/policy/filter.hpp

enum class Scope { kOwn, kAssigned, kOrganization, kNetwork, kPlatform };

struct Grant {
    Role role;
    Scope scope;
};

// What the handler knows of the record an action touches.
struct Resource {
    std::int64_t organization_id = 0;
    std::vector<std::int64_t> network_ids;  // networks the record's organization belongs to
    std::int64_t owner_user_id = 0;
    std::vector<std::int64_t> assigned_user_ids;
};

// The route actions that need no policy: "public" (anyone, signed in or not), "signed_in" (any
// signed-in user, on their own session and account) and "signing_in" (any session, even one
// whose second factor is still due: the routes that finish signing in, read the session or end it).
inline constexpr std::string_view kPublic = "public";
inline constexpr std::string_view kSignedIn = "signed_in";
inline constexpr std::string_view kSigningIn = "signing_in";

class Policy {
  public:
    // Declares who may take `action` ("<module>.<resource>.<verb>"). Throws std::logic_error when
    // the action is declared twice or malformed.
    void Declare(std::string action, std::vector<Grant> grants);

    bool Knows(std::string_view action) const;

    // True when the principal holds a role with some grant for `action`: the coarse check the
    // guard makes before the handler reads anything. Anonymous callers (null) have none; callers
    // whose second factor is due have only kSigningIn.
    bool MayEver(const Principal* principal, std::string_view action) const;

    // True when one of the principal's memberships grants `action` over `resource` (never while
    // the principal's second factor is due).
    bool Permits(const Principal* principal, std::string_view action, const Resource& resource) const;

    // The records `action` reaches for the principal, as a predicate a store adds to its SQL
    // (policy::Render in filter.hpp): a record matches it exactly when Permits() holds over it.
    // Nothing matches for an anonymous caller, one whose second factor is due or an undeclared
    // action; everything for kPublic.
    Filter FilterFor(const Principal* principal, std::string_view action) const;

    // The declared actions with their grants, for the documentation and the matrix tests.
    const std::map<std::string, std::vector<Grant>, std::less<>>& actions() const { return actions_; }

  private:
    std::map<std::string, std::vector<Grant>, std::less<>> actions_;
};

// True when `membership` with `scope` covers `resource` for `user_id`. Pure; exposed for tests.
bool Covers(const Membership& membership, Scope scope, std::int64_t user_id, const Resource& resource);

}  // namespace ponte::policy
