// The cases tables on both engines: for every role of the test world, the caseload's pages hold
// exactly the cases Policy::Permits lets her read (her team's, or all of her organization's for a
// coordinator), one statement a page (and one for a search's statistics); its search finds
// exactly the substring; a state change is made once, at the version it was asked at, and its
// reason is kept sealed.
#include "modules/cases/store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <set>

#include "core/accounts/store.hpp"
#include "core/db/errors.hpp"
#include "core/i18n/search_text.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/counting_connection.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "modules/cases/policy.hpp"
#include "modules/cases/search.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

class CaseStoreTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        application_ = testing::Application();
        world_ = std::make_unique<testing::Identities>(database());
        database().Transact([&](db::Connection& connection) {
            // A colleague of the world's case worker, in the same organization.
            colleague_ = accounts::CreateUser(connection, {.email = "colleague@example.org", .display_name = "C"}, 1);
            tenancy::AddMembership(connection, colleague_,
                                   {.role = Role::kCaseWorker, .organization_id = world_->own_organization}, 0, 1);
            const std::int64_t worker = world_->actor(Role::kCaseWorker).user_id;
            const std::int64_t mentor = world_->actor(Role::kMentor).user_id;
            for (int i = 0; i < 9; ++i) {
                // Hers, her colleague's (some with the mentor in the team), and the foreign organization's.
                const bool foreign = i % 3 == 2;
                const std::int64_t organization = foreign ? world_->foreign_organization : world_->own_organization;
                const std::int64_t woman = CreateWoman(connection, organization, "Woman " + std::to_string(i), 0, 1);
                const std::int64_t lead = i % 3 == 0 ? worker : colleague_;
                const std::int64_t id = OpenCase(connection, woman, State::kActive, lead, 1);
                if (i % 3 == 1 && i > 3) AddToTeam(connection, id, mentor, TeamRole::kMember, 1);
                ids_.push_back(id);
            }
        });
    }

    // Every page of the caseload of the own organization, `limit` at a time.
    std::vector<std::int64_t> Caseload(const policy::Filter& filter, std::int64_t limit,
                                       const CaseloadQuery& query = {}) {
        std::vector<std::int64_t> ids;
        core::PageRequest page{.limit = limit};
        for (int pages = 0; pages < 50; ++pages) {
            db::Lease lease = database().Acquire();
            testing::CountingConnection connection(*lease);
            auto result = SelectCaseload(connection, world_->own_organization, filter, query, page);
            // One, and one more to read the search's statistics (search.hpp) when it has three
            // characters or more.
            EXPECT_EQ(connection.statements, CodePoints(i18n::FoldForSearch(query.search)) >= 3 ? 2 : 1);
            for (const auto& item : result.items) ids.push_back(item.record.id);
            if (!result.next) break;
            page.after = result.next;
        }
        return ids;
    }

    std::unique_ptr<core::Registry> application_;
    std::unique_ptr<testing::Identities> world_;
    std::int64_t colleague_ = 0;
    std::vector<std::int64_t> ids_;
};

TEST_P(CaseStoreTest, Caseload_EveryRole_ReadsExactlyTheCasesItMayRead_OneStatementAPage) {
    const policy::Policy& policy = application_->policy();
    for (const auto& actor : world_->actors()) {
        policy::Principal storage;
        const policy::Principal* caller = world_->Caller(actor, storage);
        std::vector<std::int64_t> permitted;
        for (std::int64_t id : ids_) {
            std::vector<TeamMember> team;
            const auto found = FindCase(*database().Acquire(), id, &team);
            ASSERT_TRUE(found);
            if (found->organization_id == world_->own_organization &&
                policy.Permits(caller, kReadAction, ResourceOf(*found, team))) {
                permitted.push_back(id);
            }
        }
        const policy::Filter filter = policy.FilterFor(caller, kReadAction);
        for (std::int64_t limit : {1, 2, 200}) EXPECT_EQ(Caseload(filter, limit), permitted) << actor.name;
        // Her own cases only, for a case worker; every case of the organization for a coordinator;
        // the mentor, the one she is on the team of; nothing for the others.
        if (actor.role == Role::kCaseWorker) {
            EXPECT_EQ(permitted, (std::vector<std::int64_t>{ids_[0], ids_[3], ids_[6]}));
        } else if (actor.role == Role::kCoordinator) {
            EXPECT_EQ(permitted.size(), 6u);
        } else if (actor.role == Role::kMentor) {
            EXPECT_EQ(permitted, (std::vector<std::int64_t>{ids_[4], ids_[7]}));
        } else {
            EXPECT_TRUE(permitted.empty()) << actor.name;
        }
    }
}

TEST_P(CaseStoreTest, Caseload_FilteredByState_HoldsOnlyThatState) {
    const auto keyring = testing::TestKeyring();
    database().Transact([&](db::Connection& connection) {
        ASSERT_TRUE(MoveCase(connection, *keyring, ids_[3], 1, State::kActive,
                             {.to = State::kSuspended, .reason = "in hospital"}, 0, 2));
    });
    policy::Principal storage;
    const auto filter =
        application_->policy().FilterFor(world_->Caller(world_->actor(Role::kCoordinator), storage), kReadAction);
    EXPECT_EQ(Caseload(filter, 200, {.state = State::kSuspended}), std::vector<std::int64_t>{ids_[3]});
    EXPECT_EQ(Caseload(filter, 200, {.state = State::kActive}).size(), 5u);
    EXPECT_TRUE(Caseload(filter, 200, {.state = State::kClosed}).empty());
}

TEST_P(CaseStoreTest, Caseload_ByWorkerAndSearch_FindsNamesHoweverTyped) {
    const std::int64_t worker = world_->actor(Role::kCaseWorker).user_id;
    std::int64_t zoe = 0;
    std::string code;
    database().Transact([&](db::Connection& connection) {
        zoe = OpenCase(connection, CreateWoman(connection, world_->own_organization, "Zoë Şahin", 0, 1), State::kIntake,
                       colleague_, 1);
        code = FindCase(connection, zoe)->code;
        // Wildcards in a search are letters like any other.
        OpenCase(connection, CreateWoman(connection, world_->own_organization, "100% sure_x", 0, 1), State::kIntake,
                 colleague_, 1);
    });
    policy::Principal storage;
    const auto filter =
        application_->policy().FilterFor(world_->Caller(world_->actor(Role::kCoordinator), storage), kReadAction);
    for (const std::string& typed : std::vector<std::string>{"zoe", "ZOË", "sahin", "oë Ş", code, code.substr(2, 4)}) {
        EXPECT_EQ(Caseload(filter, 200, {.search = typed}), std::vector<std::int64_t>{zoe}) << typed;
    }
    EXPECT_EQ(Caseload(filter, 200, {.search = "%"}).size(), 1u);
    EXPECT_EQ(Caseload(filter, 200, {.search = "_"}).size(), 1u);
    EXPECT_EQ(Caseload(filter, 200, {.search = "e_x"}).size(), 1u);
    EXPECT_TRUE(Caseload(filter, 200, {.search = "nobody"}).empty());
    // The trigram index's query language is not the caller's: quotes and operators are letters.
    EXPECT_TRUE(Caseload(filter, 200, {.search = "\"zoe"}).empty());
    EXPECT_EQ(Caseload(filter, 200, {.search = "zoe OR"}).size(), 0u);
    EXPECT_EQ(Caseload(filter, 200, {.worker_user_id = worker}),
              (std::vector<std::int64_t>{ids_[0], ids_[3], ids_[6]}));
    EXPECT_EQ(Caseload(filter, 1, {.state = State::kIntake, .worker_user_id = colleague_, .search = "zo"}),
              std::vector<std::int64_t>{zoe});
}

TEST_P(CaseStoreTest, Search_ByRareTrigramsOnceTheCommonAreCounted_FindsExactlyTheSubstring) {
    // Twelve more women whose names share " (demo)", half of them "leila" and half "amina", and two
    // whose names hold letters past ASCII and LIKE's wildcards.
    database().Transact([&](db::Connection& connection) {
        std::vector<std::string> names;
        for (int i = 1; i <= 12; ++i) {
            names.push_back(std::string(i % 2 == 0 ? "Leila" : "Amina") + " (demo) " + std::to_string(i * 111));
        }
        names.emplace_back("Şükran Zoë (demo) 555");
        names.emplace_back(R"(Ana "100%_x\" (demo))");
        for (const auto& name : names) {
            OpenCase(connection, CreateWoman(connection, world_->own_organization, name, 0, 1), State::kActive,
                     colleague_, 1);
        }
    });
    policy::Principal storage;
    const auto filter =
        application_->policy().FilterFor(world_->Caller(world_->actor(Role::kCoordinator), storage), kReadAction);
    // What a plain substring test over every case of the organization finds, read apart.
    auto substring = [&](const std::string& search) {
        auto rows = database().Acquire()->Execute(
            "SELECT c.id, w.chosen_name, w.code FROM cases_cases c JOIN cases_women w ON w.id = c.woman_id "
            "WHERE c.organization_id = $1 ORDER BY c.id",
            {world_->own_organization});
        std::vector<std::int64_t> ids;
        const std::string folded = i18n::FoldForSearch(search);
        for (std::size_t row = 0; row < rows.size(); ++row) {
            const std::string text = i18n::FoldForSearch(rows.Text(row, 1) + " " + rows.Text(row, 2));
            if (text.find(folded) != std::string::npos) ids.push_back(rows.Int(row, 0));
        }
        return ids;
    };
    const std::vector<std::string> searches = {
        "leila (demo) 444", "(demo)",           "amina",  "mo) 7",  "a (demo) 8",    "woman 3", "ila (d",  "w-",
        "demo 4",           "eila (demo) 1332", "ŞÜKRAN", "ükr zo", "zoe (demo) 55", "100%_",   "%_x\\\"", "\"1"};
    auto all_found = [&](std::string_view when) {
        for (const auto& search : searches) {
            EXPECT_EQ(Caseload(filter, 200, {.search = search}), substring(search)) << search << " " << when;
        }
    };
    EXPECT_EQ(substring("leila (demo) 444").size(), 1u);
    EXPECT_EQ(substring("(demo)").size(), 14u);
    all_found("before any count");

    // Counted with a floor of three: what more than three of the 23 women hold is common.
    database().Transact([&](db::Connection& connection) { CountSearchStatistics(connection, 2, 3); });
    auto connection = database().Acquire();
    auto row = connection->Execute("SELECT women, common_trigrams, counted_at FROM cases_search_statistics");
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(row.Int(0, 0), 23);
    EXPECT_EQ(row.Int(0, 2), 2);
    std::set<std::string> common;
    const boost::json::value counted = boost::json::parse(row.Text(0, 1));
    for (const auto& trigram : counted.as_array()) common.emplace(trigram.as_string());
    for (const char* shared : {"dem", "emo", "lei", "ami", " (d", " w-"})
        EXPECT_TRUE(common.contains(shared)) << shared;
    EXPECT_FALSE(common.contains("444"));
    all_found("once counted");

    const auto rare = RareTrigrams(*connection, "leila (demo) 444");
    ASSERT_FALSE(rare.empty());
    EXPECT_LE(rare.size(), kMostTrigramsAsked);
    for (const auto& trigram : rare) {
        EXPECT_FALSE(common.contains(trigram)) << trigram;
        // On PostgreSQL three letters or digits of one word, the pieces pg_trgm cuts from '%abc%'.
        if (database().engine() == db::Engine::kPostgres) {
            EXPECT_TRUE(std::all_of(trigram.begin(), trigram.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) != 0;
            })) << trigram;
        }
    }
    // The caseload asks its index for those: an FTS5 phrase each, or a LIKE pattern each.
    {
        testing::CountingConnection counting(*connection);
        SelectCaseload(counting, world_->own_organization, filter, {.search = "leila (demo) 444"}, {.limit = 10});
        std::set<std::string> texts;
        for (const auto& value : counting.last_params) {
            if (const auto* text = std::get_if<std::string>(&value)) texts.insert(*text);
        }
        std::string match;
        for (const auto& trigram : rare) {
            match += (match.empty() ? "\"" : " \"") + trigram + "\"";
            if (database().engine() == db::Engine::kPostgres)
                EXPECT_TRUE(texts.contains("%" + trigram + "%")) << trigram;
        }
        if (database().engine() == db::Engine::kSqlite) EXPECT_TRUE(texts.contains(match)) << match;
        EXPECT_FALSE(texts.contains("\"leila (demo) 444\"")) << "not the whole phrase";
        EXPECT_FALSE(texts.contains("%leila (demo) 444%")) << "not the whole pattern";
    }
    EXPECT_TRUE(RareTrigrams(*connection, "(demo)").empty()) << "only common pieces: the index is asked for them all";
    EXPECT_TRUE(RareTrigrams(*connection, "le").empty());

    // Statistics that cannot be read are none: every search still answers, by all its pieces.
    connection->Execute("UPDATE cases_search_statistics SET common_trigrams = '{not json'");
    EXPECT_TRUE(RareTrigrams(*connection, "leila (demo) 444").empty());
    all_found("with the statistics unreadable");

    // Another count replaces the first.
    database().Transact([&](db::Connection& again) { CountSearchStatistics(again, 3, 100); });
    EXPECT_EQ(
        connection->Execute("SELECT common_trigrams FROM cases_search_statistics WHERE counted_at = 3").Text(0, 0),
        "[]");
}

TEST_P(CaseStoreTest, Timeline_HoldsEveryChange_DetailSealed_OnePageAStatement) {
    const auto keyring = testing::TestKeyring();
    const std::int64_t id = ids_[0];
    database().Transact([&](db::Connection& connection) {
        ASSERT_TRUE(MoveCase(connection, *keyring, id, 1, State::kActive,
                             {.to = State::kSuspended, .reason = "she is in hospital"}, colleague_, 5));
        AppendEvent(connection, *keyring, id,
                    {.kind = "team_changed", .by_user_id = colleague_, .at = 6, .detail = {{"user_id", 7}}});
    });
    std::vector<Event> events;
    core::PageRequest page{.limit = 1};
    for (int pages = 0; pages < 10; ++pages) {
        db::Lease lease = database().Acquire();
        testing::CountingConnection connection(*lease);
        auto result = SelectTimeline(connection, *keyring, id, page);
        EXPECT_EQ(connection.statements, 1);
        for (auto& event : result.items) events.push_back(std::move(event));
        if (!result.next) break;
        page.after = result.next;
    }
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].kind, "opened");
    EXPECT_EQ(events[0].by_user_id, world_->actor(Role::kCaseWorker).user_id);
    EXPECT_TRUE(events[0].detail.empty());
    EXPECT_EQ(events[1].kind, "moved");
    EXPECT_EQ(events[1].by_name, "C");
    EXPECT_EQ(events[1].detail.at("to"), "suspended");
    EXPECT_EQ(events[1].detail.at("reason"), "she is in hospital");
    EXPECT_EQ(events[2].detail.at("user_id"), 7);
    const auto stored =
        database().Acquire()->Execute("SELECT detail FROM cases_events WHERE case_id = $1 AND kind = 'moved'", {id});
    EXPECT_EQ(stored.Text(0, 0).find("hospital"), std::string::npos) << "sealed at rest";
}

TEST_P(CaseStoreTest, Team_LeadHandedOver_FormerLeadStaysAMember) {
    auto connection = database().Acquire();
    const std::int64_t worker = world_->actor(Role::kCaseWorker).user_id;
    SetTeamRole(*connection, ids_[0], colleague_, TeamRole::kLead, 2);
    std::vector<TeamMember> team;
    auto found = FindCase(*connection, ids_[0], &team);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->lead_user_id, colleague_);
    EXPECT_EQ(found->lead_name, "C");
    ASSERT_EQ(team.size(), 2u);
    EXPECT_EQ(team[1].user_id, worker);
    EXPECT_EQ(team[1].role, TeamRole::kMember);
    EXPECT_TRUE(RemoveFromTeam(*connection, ids_[0], worker));
    EXPECT_FALSE(RemoveFromTeam(*connection, ids_[0], worker));
}

TEST_P(CaseStoreTest, Workers_AreTheOrganizationsFollowingRoles_Only) {
    auto connection = database().Acquire();
    const auto worker = FindWorker(*connection, world_->own_organization, world_->actor(Role::kCaseWorker).user_id);
    ASSERT_TRUE(worker);
    EXPECT_TRUE(worker->may_lead);
    const auto mentor = FindWorker(*connection, world_->own_organization, world_->actor(Role::kMentor).user_id);
    ASSERT_TRUE(mentor);
    EXPECT_FALSE(mentor->may_lead);
    EXPECT_TRUE(FindWorker(*connection, world_->own_organization, world_->actor(Role::kCoordinator).user_id));
    for (Role role : {Role::kParticipant, Role::kTrainer, Role::kOrgAdmin, Role::kPlatformAdmin}) {
        EXPECT_FALSE(FindWorker(*connection, world_->own_organization, world_->actor(role).user_id))
            << policy::RoleName(role);
    }
    EXPECT_FALSE(FindWorker(*connection, world_->foreign_organization, world_->actor(Role::kCaseWorker).user_id));
    EXPECT_FALSE(FindWorker(*connection, world_->own_organization, 987654321));
}

TEST_P(CaseStoreTest, Move_AtItsVersion_OnceOnly_ReasonKeptSealed) {
    const auto keyring = testing::TestKeyring();
    const std::int64_t id = ids_[0];
    const std::int64_t worker = world_->actor(Role::kCaseWorker).user_id;
    database().Transact([&](db::Connection& connection) {
        EXPECT_TRUE(MoveCase(connection, *keyring, id, 1, State::kActive,
                             {.to = State::kSuspended, .reason = "she is in hospital"}, worker, 5));
        // A second worker who read version 1 changes nothing.
        EXPECT_FALSE(MoveCase(connection, *keyring, id, 1, State::kActive,
                              {.to = State::kClosed, .outcome = "withdrew", .reason = "x"}, colleague_, 6));
    });
    const auto found = FindCase(*database().Acquire(), id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->state, State::kSuspended);
    EXPECT_EQ(found->version, 2);
    EXPECT_EQ(found->lead_user_id, worker);

    const auto history = TransitionsOf(*database().Acquire(), *keyring, id);
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].from, State::kActive);
    EXPECT_EQ(history[0].to, State::kSuspended);
    EXPECT_EQ(history[0].reason, "she is in hospital");
    EXPECT_EQ(history[0].by_user_id, worker);
    const auto stored = database().Acquire()->Execute("SELECT reason FROM cases_transitions WHERE case_id = $1", {id});
    EXPECT_EQ(stored.Text(0, 0).find("hospital"), std::string::npos) << "sealed at rest";
}

TEST_P(CaseStoreTest, ASecondLead_IsRefusedByTheSchema) {
    auto connection = database().Acquire();
    EXPECT_THROW(AddToTeam(*connection, ids_[0], colleague_, TeamRole::kLead, 2), db::UniqueViolation);
    AddToTeam(*connection, ids_[0], colleague_, TeamRole::kMember, 2);
    std::vector<TeamMember> team;
    ASSERT_TRUE(FindCase(*connection, ids_[0], &team));
    ASSERT_EQ(team.size(), 2u);
    EXPECT_EQ(team[0].role, TeamRole::kLead);
    EXPECT_EQ(team[1].user_id, colleague_);
}

PONTE_INSTANTIATE_ENGINES(CaseStoreTest);

}  // namespace
}  // namespace ponte::cases
