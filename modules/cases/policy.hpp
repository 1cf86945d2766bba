// Who may do what with cases. A case is visible to its team (the workers assigned to it) and to
// its organization's coordinators only: not to the organization's other workers, its
// administrators, the network's coordinators or the platform's administrators.
#pragma once

#include <string_view>

#include "core/policy/policy.hpp"

namespace ponte::cases {

inline constexpr std::string_view kReadAction = "cases.case.read";
inline constexpr std::string_view kOpenAction = "cases.case.open";
inline constexpr std::string_view kMoveAction = "cases.case.move";
// Reading an organization's caseload: the list, whose rows are then those of kReadAction.
inline constexpr std::string_view kListAction = "cases.case.list";
inline constexpr std::string_view kTeamAction = "cases.team.manage";
// Her profile and safe-contact rules are read with the case (kReadAction) and written by its
// workers; her sensitive attributes are read and written by the workers of her team only, not by
// a coordinator outside it.
inline constexpr std::string_view kProfileWriteAction = "cases.profile.write";
inline constexpr std::string_view kSensitiveReadAction = "cases.sensitive.read";
inline constexpr std::string_view kSensitiveWriteAction = "cases.sensitive.write";
// The listening space: its places and interpreters are managed by coordinators (and the
// organization's administrators for places) and read by those who follow women; appointments are
// booked, and their outcome recorded, by the case's workers; they are read with the case.
inline constexpr std::string_view kPlaceManageAction = "cases.place.manage";
inline constexpr std::string_view kPlaceReadAction = "cases.place.read";
inline constexpr std::string_view kInterpreterManageAction = "cases.interpreter.manage";
inline constexpr std::string_view kAppointmentBookAction = "cases.appointment.book";
// Deadlines are read with the case and its organization's caseload, and written by its workers.
inline constexpr std::string_view kDeadlineWriteAction = "cases.deadline.write";
// Notes and documents are read with the case (a broken glass too) and written by its workers.
inline constexpr std::string_view kNoteWriteAction = "cases.note.write";
inline constexpr std::string_view kDocumentWriteAction = "cases.document.write";
// A worker's calendar feed of her appointments: she alone issues, revokes and reads the state of
// her own feed's address (the address then opens the feed without a session).
inline constexpr std::string_view kFeedManageAction = "cases.feed.manage";
inline constexpr std::string_view kFeedReadAction = "cases.feed.read";
// Referrals: sent from an organization, read and listed by the two organizations it joins,
// answered by the one that receives it.
inline constexpr std::string_view kReferralSendAction = "cases.referral.send";
inline constexpr std::string_view kReferralListAction = "cases.referral.list";
inline constexpr std::string_view kReferralReadAction = "cases.referral.read";
inline constexpr std::string_view kReferralAnswerAction = "cases.referral.answer";
// A case's autonomy assessments: read by its readers, recorded by those who move it.
inline constexpr std::string_view kAssessmentReadAction = "cases.assessment.read";
inline constexpr std::string_view kAssessmentRecordAction = "cases.assessment.record";

// Her personalized project: read with the case, agreed and revised by those who move it.
inline constexpr std::string_view kPlanWriteAction = "cases.plan.write";

// Breaking the glass: a case worker of the case's organization who is not on its team reads it
// for a while (glass/), having written why.
inline constexpr std::string_view kBreakGlassAction = "cases.case.break_glass";

// The multidisciplinary team (teams/): created and its members chosen by the coordinators of its
// organization; read, and its meetings held (agenda, minutes, decisions), by its members, whatever
// their organization (the "own" scope: a team is hers when she is on it), and by those
// coordinators. A case is shared with a team, and unshared, by those who move the case.
inline constexpr std::string_view kTeamCreateAction = "cases.mdt.create";
inline constexpr std::string_view kTeamManageAction = "cases.mdt.manage";
inline constexpr std::string_view kTeamReadAction = "cases.mdt.read";
inline constexpr std::string_view kTeamMeetAction = "cases.mdt.meet";
inline constexpr std::string_view kTeamShareAction = "cases.mdt.share";

// Her own view (her/): once her account is linked to her record, she reads her plan, her next
// appointments and what her team shares with her, marks her actions done and asks for help, on
// her own cases only (the "own" scope: the record's owner is her account). Her account is linked
// to her record by those who move her case.
inline constexpr std::string_view kOwnReadAction = "cases.own.read";
inline constexpr std::string_view kOwnActAction = "cases.own.act";
inline constexpr std::string_view kAccountLinkAction = "cases.account.link";

// True for the actions a broken glass grants: reading the case and what its team reads.
bool GrantedByGlass(std::string_view action);

void DeclarePolicy(policy::Policy& policy);

}  // namespace ponte::cases
