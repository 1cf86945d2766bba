// Her profile's parts on both engines: each part is written at its own version, sealed, and a
// write at a stale version changes nothing.
#include "modules/cases/profile/store.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/server_process.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

class ProfileStoreTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        woman_ = database().Transact([&](db::Connection& connection) {
            const std::int64_t organization = tenancy::CreateOrganization(connection, "Org", "ngo", 1);
            return CreateWoman(connection, organization, "Hawa", 0, 1);
        });
    }
    StoredPart Read(Part part) { return ReadPart(*database().Acquire(), *keyring_, woman_, part); }
    bool Write(Part part, std::int64_t expected, const boost::json::object& content) {
        return database().Transact([&](db::Connection& connection) {
            return WritePart(connection, *keyring_, woman_, part, expected, content, 2);
        });
    }

    std::shared_ptr<const crypto::Keyring> keyring_ = testing::TestKeyring();
    std::int64_t woman_ = 0;
};

TEST_P(ProfileStoreTest, EachPartHasItsOwnVersion_AStaleWriteChangesNothing) {
    EXPECT_FALSE(Read(Part::kProfile).content);
    EXPECT_EQ(Read(Part::kSensitive).version, 1);
    ASSERT_TRUE(Write(Part::kSafeContact, 1, {{"channel", "sms"}, {"code_word", "olive"}}));
    ASSERT_TRUE(Write(Part::kSensitive, 1, {{"violence", "ongoing"}}));
    ASSERT_TRUE(Write(Part::kSensitive, 2, {{"violence", "past"}}));
    EXPECT_FALSE(Write(Part::kSensitive, 2, {{"violence", "none"}})) << "stale";
    EXPECT_FALSE(Write(Part::kProfile, 3, {{"languages", boost::json::array{}}})) << "never written: version 1";
    EXPECT_EQ(Read(Part::kSafeContact).version, 2);
    EXPECT_EQ(Read(Part::kSafeContact).content->at("code_word"), "olive");
    EXPECT_EQ(Read(Part::kSensitive).version, 3);
    EXPECT_EQ(Read(Part::kSensitive).content->at("violence"), "past");
    EXPECT_FALSE(Read(Part::kProfile).content);
}

TEST_P(ProfileStoreTest, PartsAreSealedEachInItsOwnContext) {
    ASSERT_TRUE(Write(Part::kSensitive, 1, {{"violence", "ongoing"}, {"violence_note", "her husband"}}));
    auto rows = database().Acquire()->Execute("SELECT sensitive FROM cases_profiles WHERE woman_id = $1", {woman_});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.Text(0, 0).find("husband"), std::string::npos);
    EXPECT_NO_THROW(keyring_->Open(rows.Text(0, 0), PartContext(Part::kSensitive, woman_)));
    // Moved to another part, or another woman's record, it no longer opens.
    EXPECT_THROW(keyring_->Open(rows.Text(0, 0), PartContext(Part::kProfile, woman_)), crypto::SealError);
    EXPECT_THROW(keyring_->Open(rows.Text(0, 0), PartContext(Part::kSensitive, woman_ + 1)), crypto::SealError);
}

PONTE_INSTANTIATE_ENGINES(ProfileStoreTest);

}  // namespace
}  // namespace ponte::cases
