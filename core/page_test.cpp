#include "core/page.hpp"

#include <gtest/gtest.h>

#include "core/policy/principal.hpp"

namespace ponte::core {
namespace {

http::Request RequestOf(std::string path, std::string query, std::int64_t caller) {
    http::Request request;
    request.path = std::move(path);
    request.query = std::move(query);
    if (caller != 0) {
        auto principal = std::make_shared<policy::Principal>();
        principal->user_id = caller;
        request.principal = std::move(principal);
    }
    return request;
}

class PageTest : public ::testing::Test {
  protected:
    crypto::Keyring keyring_ = crypto::Keyring::Parse(crypto::Keyring::NewKeyLine("k1"));
    const std::string list_ = "/api/v1/organizations/4/memberships";

    // The cursor after `position`, issued to user 7 on list_.
    std::string Cursor(const Position& position) { return IssueCursor(RequestOf(list_, "", 7), keyring_, position); }
    Outcome<PageRequest> Read(const std::string& query, std::int64_t caller = 7, std::string path = "") {
        return ReadPage(RequestOf(path.empty() ? list_ : path, query, caller), keyring_);
    }
    static void ExpectBad(const Outcome<PageRequest>& page, const std::string& field, const std::string& code) {
        ASSERT_FALSE(page);
        EXPECT_EQ(page.failure().fault, Fault::kBadParameter);
        ASSERT_EQ(page.failure().errors.size(), 1u);
        EXPECT_EQ(page.failure().errors[0].field, field);
        EXPECT_EQ(page.failure().errors[0].code, code);
    }
};

TEST_F(PageTest, NoParameters_IsTheFirstPageOfTheDefaultSize) {
    auto page = Read("");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->limit, kDefaultPageSize);
    EXPECT_FALSE(page->after);
    ASSERT_TRUE(Read("other=1&limit=200"));
    EXPECT_EQ(Read("limit=200")->limit, 200);
}

TEST_F(PageTest, BadLimit_NamesLimit) {
    ExpectBad(Read("limit=0"), "limit", "too_small");
    ExpectBad(Read("limit=-3"), "limit", "too_small");
    ExpectBad(Read("limit=201"), "limit", "too_large");
    ExpectBad(Read("limit=99999999999999999999"), "limit", "too_large");
    ExpectBad(Read("limit=ten"), "limit", "format");
    ExpectBad(Read("limit=5x"), "limit", "format");
    ExpectBad(Read("limit="), "limit", "format");
    ExpectBad(Read("limit=5&limit=6"), "limit", "format");
}

TEST_F(PageTest, IssuedCursor_ReadsBackItsPosition) {
    for (const Position& position : {Position{std::string("Casa de la Dona"), 12}, Position{std::int64_t{40}, 40}}) {
        auto page = Read("limit=10&cursor=" + Cursor(position));
        ASSERT_TRUE(page);
        EXPECT_EQ(page->limit, 10);
        ASSERT_TRUE(page->after);
        EXPECT_EQ(page->after->key, position.key);
        EXPECT_EQ(page->after->id, position.id);
    }
}

TEST_F(PageTest, TamperedCursor_NamesCursor) {
    const std::string cursor = Cursor({std::string("Casa"), 12});
    const Position other{std::string("Zeta"), 99};
    const std::string forged_payload = Cursor(other);
    // The payload of one cursor with the MAC of another.
    const auto dot = cursor.rfind('.');
    const auto other_dot = forged_payload.rfind('.');
    ExpectBad(Read("cursor=" + forged_payload.substr(0, other_dot) + cursor.substr(dot)), "cursor", "invalid_cursor");
    std::string flipped = cursor;
    flipped[4] = flipped[4] == 'A' ? 'B' : 'A';
    ExpectBad(Read("cursor=" + flipped), "cursor", "invalid_cursor");
    ExpectBad(Read("cursor=" + cursor.substr(0, cursor.size() - 1)), "cursor", "invalid_cursor");
    ExpectBad(Read("cursor=garbage"), "cursor", "invalid_cursor");
    ExpectBad(Read("cursor="), "cursor", "invalid_cursor");
    ExpectBad(Read("cursor=k9" + cursor.substr(2)), "cursor", "invalid_cursor");
    ExpectBad(Read("cursor=" + cursor + "&cursor=" + cursor), "cursor", "invalid_cursor");
}

TEST_F(PageTest, CursorOfAnotherListOrCaller_NamesCursor) {
    const std::string cursor = Cursor({std::int64_t{40}, 40});
    ASSERT_TRUE(Read("cursor=" + cursor));
    ExpectBad(Read("cursor=" + cursor, 8), "cursor", "invalid_cursor");
    ExpectBad(Read("cursor=" + cursor, 0), "cursor", "invalid_cursor");
    ExpectBad(Read("cursor=" + cursor, 7, "/api/v1/organizations/5/memberships"), "cursor", "invalid_cursor");
    ExpectBad(Read("cursor=" + cursor, 7, "/api/v1/organizations"), "cursor", "invalid_cursor");
}

TEST_F(PageTest, CursorUnderAnotherKeyFile_NamesCursor) {
    const auto other = crypto::Keyring::Parse(crypto::Keyring::NewKeyLine("k1"));
    const std::string cursor = IssueCursor(RequestOf(list_, "", 7), other, {std::int64_t{40}, 40});
    ExpectBad(Read("cursor=" + cursor), "cursor", "invalid_cursor");
}

TEST_F(PageTest, After_FirstPageIsEverything_NextPageBindsTheKeyAndId) {
    std::vector<db::Value> params = {std::int64_t{4}};
    EXPECT_EQ(After(PageRequest{}, "o.name", "o.id", params), "(1 = 1)");
    EXPECT_EQ(params.size(), 1u);
    PageRequest next{.limit = 2, .after = Position{std::string("Casa"), 12}};
    EXPECT_EQ(After(next, "o.name", "o.id", params), "(o.name > $2 OR (o.name = $2 AND o.id > $3))");
    EXPECT_EQ(FetchLimit(next, params), "$4");
    EXPECT_EQ(params,
              (std::vector<db::Value>{std::int64_t{4}, std::string("Casa"), std::int64_t{12}, std::int64_t{3}}));
}

TEST_F(PageTest, Before_ForNewestFirst_BindsTheKeyAndIdBelow) {
    std::vector<db::Value> params;
    EXPECT_EQ(Before(PageRequest{}, "n.created_at", "n.id", params), "(1 = 1)");
    PageRequest next{.limit = 2, .after = Position{std::int64_t{1700}, 9}};
    EXPECT_EQ(Before(next, "n.created_at", "n.id", params), "(n.created_at < $1 OR (n.created_at = $1 AND n.id < $2))");
    EXPECT_EQ(params, (std::vector<db::Value>{std::int64_t{1700}, std::int64_t{9}}));
}

TEST_F(PageTest, NextCursor_NullAtTheEnd) {
    EXPECT_TRUE(NextCursor(RequestOf(list_, "", 7), keyring_, std::nullopt).is_null());
    EXPECT_TRUE(NextCursor(RequestOf(list_, "", 7), keyring_, Position{std::int64_t{1}, 1}).is_string());
}

}  // namespace
}  // namespace ponte::core
