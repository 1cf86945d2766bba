// The use cases of cases, free of HTTP: each takes the caller and the audit entry of her request,
// decides access to the records named, and returns an outcome. Every read and every change of a
// case is audited; a case out of the caller's reach is answered as a missing one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/crypto/keyring.hpp"
#include "core/outcome.hpp"
#include "core/page.hpp"
#include "core/policy/policy.hpp"
#include "modules/cases/model.hpp"
#include "modules/cases/referrals/store.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {

// What the module's use cases share.
struct Module {
    // Both null only in a registry that describes (core::Registry), whose handlers never run.
    db::Database* database_or_null;
    const crypto::Keyring* keyring_or_null;
    const policy::Policy& policy;
    // Where the case's documents are stored, sealed (DocumentsFolder of the files folder).
    std::filesystem::path documents;
    db::Database& database() const { return *database_or_null; }
    const crypto::Keyring& keyring() const { return *keyring_or_null; }
};

// A case as its reader reaches it: the record and its team.
struct Reached {
    Case record;
    std::vector<TeamMember> team;
};

// The case a request names, when `caller` may take `action` on it; else kNotFound, the same for a
// case out of reach as for one that does not exist, both audited. `request` is the audit entry of
// the request; it gets the action and the case.
core::Outcome<Reached> ReachCase(const Module& module, const policy::Principal& caller, audit::Entry& request,
                                 std::string_view action, std::int64_t case_id);

// The organization a request names, when `caller` may take `action` there (open a case, read the
// caseload); else kNotFound, as for a missing one, audited.
core::Outcome<std::int64_t> ReachOrganization(const Module& module, const policy::Principal& caller,
                                              audit::Entry& request, std::string_view action,
                                              std::int64_t organization_id);

// Her case as its team reads it: the case, its team, its history and its referral. Audited.
struct CaseFile {
    Reached reached;
    std::vector<Transition> history;
    std::optional<Referral> referral;  // the referral that brought her, if one did
};
CaseFile ReadCaseFile(const Module& module, audit::Entry request, Reached reached);

// A woman who comes to the listening space without a referral: her record and her case, opened
// in intake with `lead_user_id` (0: the caller) as its lead. kInvalidFields naming lead_user_id
// ("not_found") when the lead is not a worker of the organization who may lead (as for a missing
// account). Audited.
struct NewCase {
    std::string chosen_name;
    std::int64_t lead_user_id = 0;
};
core::Outcome<Case> OpenWalkIn(const Module& module, const policy::Principal& caller, audit::Entry request,
                               std::int64_t organization_id, const NewCase& asked);

// Moves the case as `move` says, when it is at `expected_version`: kStale when it is not (or was
// changed meanwhile), kInvalidFields naming the rule's field when the move is not allowed from its
// state. Audited. Returns the case as it is now.
core::Outcome<Case> MoveTo(const Module& module, const policy::Principal& caller, audit::Entry request,
                           const Reached& reached, std::int64_t expected_version, const Move& move);

// Puts a worker of the case's organization on its team with `role` (a new lead: the former one
// stays a member). kInvalidFields naming user_id ("not_found") for anyone who is not a worker of
// the organization, and role ("lead_role") when a mentor is asked to lead. Audited; on the
// timeline.
core::Outcome<std::vector<TeamMember>> PutOnTeam(const Module& module, const policy::Principal& caller,
                                                 audit::Entry request, const Reached& reached, std::int64_t user_id,
                                                 TeamRole role);

// Takes a member off the case's team (nothing changes when she is not on it); kConflict when she
// leads it (another lead is named first). Audited; on the timeline. Returns the team as it is now.
core::Outcome<std::vector<TeamMember>> TakeOffTeam(const Module& module, const policy::Principal& caller,
                                                   audit::Entry request, const Reached& reached, std::int64_t user_id);

// A page of the caseload of the organization, with the caller's access in the query. Audited.
core::Page<CaseloadRow> ReadCaseload(const Module& module, const policy::Principal& caller, audit::Entry request,
                                     std::int64_t organization_id, const CaseloadQuery& query,
                                     const core::PageRequest& page);

// A request refused for `field` and its rule `code` (422), audited as "refused" with both.
core::Failure RefuseAudited(const Module& module, audit::Entry& request, std::string field, std::string code);

// A page of the case's timeline. Audited.
core::Page<Event> ReadTimeline(const Module& module, audit::Entry request, const Reached& reached,
                               const core::PageRequest& page);

}  // namespace ponte::cases
