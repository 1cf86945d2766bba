#include "modules/cases/policy.hpp"

#include <string>

namespace ponte::cases {

bool GrantedByGlass(std::string_view action) {
    return action == kReadAction || action == kSensitiveReadAction || action == kAssessmentReadAction;
}

void DeclarePolicy(policy::Policy& policy) {
    using policy::Role;
    using policy::Scope;
    // Her team reads and moves her case; the coordinators of the organization, every case of it.
    policy.Declare(std::string(kReadAction), {{Role::kCaseWorker, Scope::kAssigned},
                                              {Role::kMentor, Scope::kAssigned},
                                              {Role::kCoordinator, Scope::kOrganization}});
    policy.Declare(std::string(kMoveAction),
                   {{Role::kCaseWorker, Scope::kAssigned}, {Role::kCoordinator, Scope::kOrganization}});
    policy.Declare(std::string(kAssessmentReadAction), {{Role::kCaseWorker, Scope::kAssigned},
                                                        {Role::kMentor, Scope::kAssigned},
                                                        {Role::kCoordinator, Scope::kOrganization}});
    policy.Declare(std::string(kAssessmentRecordAction),
                   {{Role::kCaseWorker, Scope::kAssigned}, {Role::kCoordinator, Scope::kOrganization}});
    policy.Declare(std::string(kTeamAction),
                   {{Role::kCaseWorker, Scope::kAssigned}, {Role::kCoordinator, Scope::kOrganization}});
    policy.Declare(std::string(kProfileWriteAction),
                   {{Role::kCaseWorker, Scope::kAssigned}, {Role::kCoordinator, Scope::kOrganization}});
    for (const auto action : {kSensitiveReadAction, kSensitiveWriteAction}) {
        policy.Declare(std::string(action),
                       {{Role::kCaseWorker, Scope::kAssigned}, {Role::kCoordinator, Scope::kAssigned}});
    }
    policy.Declare(std::string(kPlaceManageAction),
                   {{Role::kCoordinator, Scope::kOrganization}, {Role::kOrgAdmin, Scope::kOrganization}});
    policy.Declare(std::string(kPlaceReadAction), {{Role::kCaseWorker, Scope::kOrganization},
                                                   {Role::kMentor, Scope::kOrganization},
                                                   {Role::kCoordinator, Scope::kOrganization},
                                                   {Role::kOrgAdmin, Scope::kOrganization}});
    policy.Declare(std::string(kInterpreterManageAction), {{Role::kCoordinator, Scope::kOrganization}});
    policy.Declare(std::string(kAppointmentBookAction),
                   {{Role::kCaseWorker, Scope::kAssigned}, {Role::kCoordinator, Scope::kOrganization}});
    policy.Declare(std::string(kBreakGlassAction), {{Role::kCaseWorker, Scope::kOrganization}});
    policy.Declare(std::string(kPlanWriteAction),
                   {{Role::kCaseWorker, Scope::kAssigned}, {Role::kCoordinator, Scope::kOrganization}});
    for (const auto action : {kDeadlineWriteAction, kNoteWriteAction, kDocumentWriteAction}) {
        policy.Declare(std::string(action),
                       {{Role::kCaseWorker, Scope::kAssigned}, {Role::kCoordinator, Scope::kOrganization}});
    }
    for (const auto action : {kTeamCreateAction, kTeamManageAction}) {
        policy.Declare(std::string(action), {{Role::kCoordinator, Scope::kOrganization}});
    }
    for (const auto action : {kTeamReadAction, kTeamMeetAction}) {
        policy.Declare(std::string(action), {{Role::kMentor, Scope::kOwn},
                                             {Role::kCaseWorker, Scope::kOwn},
                                             {Role::kTrainer, Scope::kOwn},
                                             {Role::kCoordinator, Scope::kOwn},
                                             {Role::kCoordinator, Scope::kOrganization}});
    }
    policy.Declare(std::string(kTeamShareAction),
                   {{Role::kCaseWorker, Scope::kAssigned}, {Role::kCoordinator, Scope::kOrganization}});
    for (const auto action : {kOwnReadAction, kOwnActAction}) {
        policy.Declare(std::string(action), {{Role::kParticipant, Scope::kOwn}});
    }
    policy.Declare(std::string(kAccountLinkAction),
                   {{Role::kCaseWorker, Scope::kAssigned}, {Role::kCoordinator, Scope::kOrganization}});
    // Those who have appointments with women: their own feed only, whatever their organizations.
    for (const auto action : {kFeedManageAction, kFeedReadAction}) {
        policy.Declare(
            std::string(action),
            {{Role::kCaseWorker, Scope::kOwn}, {Role::kMentor, Scope::kOwn}, {Role::kCoordinator, Scope::kOwn}});
    }
    // Those who follow women open their organization's caseload, which shows each the cases she reads.
    policy.Declare(std::string(kListAction), {{Role::kCaseWorker, Scope::kOrganization},
                                              {Role::kMentor, Scope::kOrganization},
                                              {Role::kCoordinator, Scope::kOrganization}});
    // Any case worker of the organization takes a woman on: she then leads the case.
    policy.Declare(std::string(kOpenAction),
                   {{Role::kCaseWorker, Scope::kOrganization}, {Role::kCoordinator, Scope::kOrganization}});
    // The case workers and coordinators of an organization send its referrals and read those it
    // sent; those of the receiving organization read the referrals it received, as an inbox that
    // any of them may pick up, and answer them.
    for (const auto action : {kReferralSendAction, kReferralListAction, kReferralReadAction, kReferralAnswerAction}) {
        policy.Declare(std::string(action),
                       {{Role::kCaseWorker, Scope::kOrganization}, {Role::kCoordinator, Scope::kOrganization}});
    }
}

}  // namespace ponte::cases
