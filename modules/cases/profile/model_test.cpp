#include "modules/cases/profile/model.hpp"

#include <gtest/gtest.h>

namespace ponte::cases {
namespace {

TEST(SafeContactModel, AChannelNeedsItsAddress_HoursEndAfterTheyStart) {
    EXPECT_EQ(RefusedSafeContact({.channel = "sms"})->field, "phone");
    EXPECT_EQ(RefusedSafeContact({.channel = "phone_call"})->code, "required");
    EXPECT_EQ(RefusedSafeContact({.channel = "email"})->field, "email");
    EXPECT_FALSE(RefusedSafeContact({.channel = "none"}));
    EXPECT_FALSE(RefusedSafeContact({.channel = "in_person"}));
    EXPECT_EQ(RefusedSafeContact({.channel = "none", .from = "09:00"})->field, "to");
    EXPECT_EQ(RefusedSafeContact({.channel = "none", .to = "09:00"})->field, "from");
    EXPECT_EQ(RefusedSafeContact({.channel = "none", .from = "12:00", .to = "09:00"})->code, "before_start");
    EXPECT_EQ(RefusedSafeContact({.channel = "none", .from = "09:00", .to = "09:00"})->code, "before_start");
    EXPECT_FALSE(RefusedSafeContact({.channel = "sms", .phone = "+39 333", .from = "09:00", .to = "12:30"}));
}

TEST(SafeContactModel, MessagesReachHerOnlyOnHerDaysAndHours) {
    const SafeContact rules{.channel = "sms", .phone = "+39 333", .days = {1, 3}, .from = "09:00", .to = "12:30"};
    EXPECT_TRUE(MayContactAt(rules, 1, 9 * 60));
    EXPECT_TRUE(MayContactAt(rules, 3, 12 * 60 + 29));
    EXPECT_FALSE(MayContactAt(rules, 3, 12 * 60 + 30)) << "the end is excluded";
    EXPECT_FALSE(MayContactAt(rules, 1, 8 * 60 + 59));
    EXPECT_FALSE(MayContactAt(rules, 2, 10 * 60)) << "not on Tuesdays";
    EXPECT_TRUE(MayContactAt({.channel = "email", .email = "a@b"}, 7, 23 * 60)) << "any day, any time";
    // Unrecorded rules, "none" and "in person" let no message reach her.
    EXPECT_FALSE(MayContactAt({}, 1, 600));
    EXPECT_FALSE(MayContactAt({.channel = "none"}, 1, 600));
    EXPECT_FALSE(MayContactAt({.channel = "in_person"}, 1, 600));
}

TEST(ProfileModel, ALanguageIsGivenOnce) {
    Profile profile{.languages = {{"ar", "native"}, {"it", "basic"}}};
    EXPECT_FALSE(RefusedProfile(profile));
    profile.languages.push_back({"ar", "fluent"});
    EXPECT_EQ(RefusedProfile(profile)->field, "languages");
    EXPECT_EQ(RefusedProfile(profile)->code, "duplicate");
}

TEST(ProfileModel, EachPartReadsBackFromItsJson) {
    const Profile profile{.languages = {{"tir", "native"}}, .children = {{.age = 7, .school = "primary"}}};
    const Profile back = ProfileFrom(ToJson(profile));
    ASSERT_EQ(back.languages.size(), 1u);
    EXPECT_EQ(back.languages[0].language, "tir");
    ASSERT_EQ(back.children.size(), 1u);
    EXPECT_EQ(back.children[0].age, 7);
    EXPECT_FALSE(back.children[0].special_needs);
    const SafeContact rules{
        .channel = "sms", .phone = "+39 333", .days = {5}, .leave_message = true, .code_word = "olive"};
    const SafeContact rules_back = SafeContactFrom(ToJson(rules));
    EXPECT_EQ(rules_back.days, std::vector<int>{5});
    EXPECT_TRUE(rules_back.leave_message);
    EXPECT_FALSE(rules_back.name_sender);
    EXPECT_EQ(rules_back.code_word, "olive");
    EXPECT_EQ(SensitiveFrom(ToJson(Sensitive{.violence = "past", .legal_note = "renewal due"})).legal_note,
              "renewal due");
}

}  // namespace
}  // namespace ponte::cases
