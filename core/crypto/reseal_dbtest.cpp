#include "core/crypto/reseal.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/accounts/store.hpp"
#include "core/db/migrate.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"

namespace ponte::crypto {
namespace {

// Rotation on real storage: values sealed under k1 move to k2, open under their context, and a
// second run finds nothing left to do.
class ResealTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
    }
    std::int64_t AddUserWithSecret(const Keyring& keyring, std::string_view name, std::string_view secret) {
        return database().Transact([&](db::Connection& connection) {
            std::int64_t id = accounts::CreateUser(
                connection,
                accounts::User{.email = std::string(name) + "@example.org", .display_name = std::string(name)}, 1);
            connection.Execute("INSERT INTO authentication_totp (user_id, secret, created_at) VALUES ($1, $2, 1)",
                               {id, keyring.Seal(secret, FieldContext("auth_totp", "secret", id))});
            return id;
        });
    }
    std::string Stored(std::int64_t id) {
        return database()
            .Acquire()
            ->Execute("SELECT secret FROM authentication_totp WHERE user_id = $1", {id})
            .Text(0, 0);
    }
    const std::vector<SealedColumn> columns_{{"authentication_totp", "user_id", "secret", "auth_totp"}};
};

TEST_P(ResealTest, Rotation_MovesEveryValueToTheCurrentKey) {
    const std::string first_key = Keyring::NewKeyLine("k1");
    const Keyring before = Keyring::Parse(first_key);
    const std::int64_t ana = AddUserWithSecret(before, "ana", "SECRETANA");
    const std::int64_t bea = AddUserWithSecret(before, "bea", "SECRETBEA");

    const Keyring after = Keyring::Parse(first_key + "\n" + Keyring::NewKeyLine("k2"));
    const std::int64_t carla = AddUserWithSecret(after, "carla", "SECRETCARLA");
    auto report = Reseal(database(), after, columns_);
    EXPECT_EQ(report.resealed, 2);
    EXPECT_EQ(report.current, 1);
    for (auto [id, secret] : {std::pair{ana, "SECRETANA"}, {bea, "SECRETBEA"}, {carla, "SECRETCARLA"}}) {
        EXPECT_EQ(Keyring::KeyIdOf(Stored(id)), "k2");
        EXPECT_EQ(after.Open(Stored(id), FieldContext("auth_totp", "secret", id)), secret);
    }
    // k1 alone no longer opens anything: it may be removed from the key file.
    EXPECT_THROW(before.Open(Stored(ana), FieldContext("auth_totp", "secret", ana)), SealError);
    auto again = Reseal(database(), after, columns_);
    EXPECT_EQ(again.resealed, 0);
    EXPECT_EQ(again.current, 3);
}

TEST_P(ResealTest, AValueThatDoesNotOpen_StopsTheRunAndChangesNothingElse) {
    const Keyring keyring = Keyring::Parse(Keyring::NewKeyLine("k1"));
    const std::int64_t ana = AddUserWithSecret(keyring, "ana", "SECRETANA");
    const std::string original = Stored(ana);
    const Keyring unrelated = Keyring::Parse(Keyring::NewKeyLine("k1") + "\n" + Keyring::NewKeyLine("k2"));
    EXPECT_THROW(Reseal(database(), unrelated, columns_), SealError);
    EXPECT_EQ(Stored(ana), original);
}

// Files: one moves to the current key, one already under it is left alone, one erased since it
// was listed is skipped, a leftover of an interrupted run is replaced, and a file that does not
// open stops the run naming it, leaving it as it was.
TEST_P(ResealTest, Files_MovedToTheCurrentKey_GoneOnesSkipped_OneThatDoesNotOpenNamed) {
    const std::filesystem::path folder = testing::MakeTempDirectory();
    const std::string first_key = Keyring::NewKeyLine("k1");
    const Keyring before = Keyring::Parse(first_key);
    const Keyring after = Keyring::Parse(first_key + "\n" + Keyring::NewKeyLine("k2"));
    auto write = [&](const Keyring& keyring, const std::string& name, const std::string& plain) {
        std::istringstream in(plain);
        std::ofstream out(folder / name, std::ios::binary);
        keyring.SealStream(in, out, "file:" + name);
        return SealedFile{.path = folder / name, .context = "file:" + name};
    };
    auto open = [&](const Keyring& keyring, const SealedFile& file) {
        std::ifstream in(file.path, std::ios::binary);
        std::ostringstream out;
        keyring.OpenStream(in, out, file.context);
        return out.str();
    };
    std::vector<SealedFile> files = {
        write(before, "a", "alpha"), write(after, "b", "beta"), {.path = folder / "gone", .context = "file:gone"}};
    std::ofstream(folder / "a.reseal") << "left by an interrupted run";
    const std::vector<SealedFiles> sources = {{.name = "test files", .list = [&](db::Connection&) { return files; }}};
    const auto report = ResealFiles(database(), after, sources);
    EXPECT_EQ(report.resealed, 1);
    EXPECT_EQ(report.current, 1);
    EXPECT_EQ(open(after, files[0]), "alpha");
    EXPECT_THROW(open(before, files[0]), SealError);
    EXPECT_EQ(open(after, files[1]), "beta");
    EXPECT_FALSE(std::filesystem::exists(folder / "a.reseal"));
    EXPECT_FALSE(std::filesystem::exists(folder / "gone"));

    files.push_back(write(before, "c", "gamma"));
    files.back().context = "file:other";  // as if moved from another record
    try {
        ResealFiles(database(), after, sources);
        ADD_FAILURE() << "a file that does not open was resealed";
    } catch (const SealError& error) {
        EXPECT_NE(std::string(error.what()).find((folder / "c").string()), std::string::npos) << error.what();
    }
    std::ifstream c(folder / "c", std::ios::binary);
    EXPECT_EQ(Keyring::KeyIdOfStream(c), "k1");
    EXPECT_FALSE(std::filesystem::exists(folder / "c.reseal"));
    std::filesystem::remove_all(folder);
}

PONTE_INSTANTIATE_ENGINES(ResealTest);

// A database from before the identity module's tables took their rooms' names: a secret sealed
// then, for auth_totp, opens and is resealed once the table is authentication_totp.
class ResealAcrossRenameTest : public testing::EngineTest {};

TEST_P(ResealAcrossRenameTest, SecretSealedBeforeItsTableWasRenamed_StillOpensAndReseals) {
    db::Migrate(database(), db::LoadEmbeddedMigrations("audit", "core/audit/migrations/"));
    db::Migrate(database(), db::LoadEmbeddedMigrations("auth", "core/identity/migrations/"));
    const std::string first_key = Keyring::NewKeyLine("k1");
    const Keyring before = Keyring::Parse(first_key);
    const std::int64_t ana = database().Transact([&](db::Connection& connection) {
        const std::int64_t id = connection
                                    .Execute(
                                        "INSERT INTO auth_users (email, display_name, created_at, updated_at) "
                                        "VALUES ('ana@example.org', 'Ana', 1, 1) RETURNING id")
                                    .Int(0, 0);
        connection.Execute("INSERT INTO auth_totp (user_id, secret, created_at) VALUES ($1, $2, 1)",
                           {id, before.Seal("SECRETANA", FieldContext("auth_totp", "secret", id))});
        return id;
    });

    testing::MigrateAll(database());
    const Keyring after = Keyring::Parse(first_key + "\n" + Keyring::NewKeyLine("k2"));
    const auto report = Reseal(database(), after, {{"authentication_totp", "user_id", "secret", "auth_totp"}});
    EXPECT_EQ(report.resealed, 1);
    const std::string stored =
        database().Acquire()->Execute("SELECT secret FROM authentication_totp WHERE user_id = $1", {ana}).Text(0, 0);
    EXPECT_EQ(Keyring::KeyIdOf(stored), "k2");
    EXPECT_EQ(after.Open(stored, FieldContext("auth_totp", "secret", ana)), "SECRETANA");
    EXPECT_EQ(accounts::FindUser(*database().Acquire(), ana)->display_name, "Ana");
}

PONTE_INSTANTIATE_ENGINES(ResealAcrossRenameTest);

}  // namespace
}  // namespace ponte::crypto
