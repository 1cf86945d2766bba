// The ponte command line: bad settings stop it with a message naming them.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/db/database.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/server_process.hpp"

namespace {

struct Run {
    int status;
    std::string output;
};

Run Ponte(const std::string& arguments, const std::string& environment = "") {
    std::string command = environment + " " + std::getenv("PONTE_BINARY") + " " + arguments + " 2>&1";
    Run run{0, ""};
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) run.output.append(buffer.data(), n);
    int status = pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

TEST(Cli, BadFlag_ExitsWithMessageNamingIt) {
    auto run = Ponte("serve --listen nonsense --db sqlite:/tmp/never-created.db");
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.output.find("--listen (PONTE_LISTEN)"), std::string::npos) << run.output;
}

TEST(Cli, BadEnvironmentVariable_ExitsWithMessageNamingIt) {
    auto run = Ponte("migrate", "PONTE_DB=oracle://x");
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.output.find("PONTE_DB"), std::string::npos) << run.output;
    auto threads = Ponte("serve", "PONTE_THREADS=many");
    EXPECT_NE(threads.status, 0);
    EXPECT_NE(threads.output.find("--threads"), std::string::npos) << threads.output;
}

TEST(Cli, UnreachableDatabase_FailsWithoutServing) {
    auto run = Ponte("migrate --db postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find("cannot connect"), std::string::npos) << run.output;
}

TEST(Cli, MigrateThenBackup_WritesACopy) {
    std::string dir = "/tmp/ponte-cli-" + std::to_string(getpid());
    ASSERT_EQ(Ponte("migrate --db sqlite:" + dir + "/a.db").status, 0);
    auto again = Ponte("migrate --db sqlite:" + dir + "/a.db");
    EXPECT_NE(again.output.find("up to date"), std::string::npos);
    // The files folder beside the database (its default place) is copied beside the copy.
    std::filesystem::create_directories(dir + "/files/cases/documents");
    std::ofstream(dir + "/files/cases/documents/f1") << "sealed bytes";
    std::ofstream(dir + "/files/cases/documents/f2.reseal") << "a reseal cut short";
    auto backup = Ponte("backup --db sqlite:" + dir + "/a.db --out " + dir + "/copy.db");
    EXPECT_EQ(backup.status, 0) << backup.output;
    EXPECT_NE(backup.output.find("copy.db.files (1 files)"), std::string::npos) << backup.output;
    std::ifstream copied(dir + "/copy.db.files/cases/documents/f1");
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(copied), {}), "sealed bytes");
    EXPECT_FALSE(std::filesystem::exists(dir + "/copy.db.files/cases/documents/f2.reseal"));
    struct stat status {};
    ASSERT_EQ(stat((dir + "/copy.db.files/cases/documents/f1").c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600u);
    ASSERT_EQ(stat((dir + "/copy.db.files/cases").c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0700u);
    auto refused = Ponte("backup --db sqlite:" + dir + "/a.db --out " + dir + "/copy.db");
    EXPECT_EQ(refused.status, 1);
    std::system(("rm -rf " + dir).c_str());
}

// Every module seeds in order on what earlier ones made: at scale 3 each organization has two more
// participants, and each participant's demo consent is recorded.
TEST(Cli, SeedDemoAtScale_EveryModuleBuildsOnTheIdentities) {
    std::string dir = "/tmp/ponte-cli-scale-" + std::to_string(getpid());
    const std::string db = "--db sqlite:" + dir + "/a.db --key-file " + dir + "/ponte.keys";
    ASSERT_EQ(Ponte("keys generate --key-file " + dir + "/ponte.keys").status, 0);
    auto seeded = Ponte("seed-demo --scale 3 " + db);
    ASSERT_EQ(seeded.status, 0) << seeded.output;
    EXPECT_NE(seeded.output.find("and 6 more participants"), std::string::npos) << seeded.output;
    {
        auto database = ponte::db::Database::Open("sqlite:" + dir + "/a.db");
        auto connection = database->Acquire();
        EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM tenancy_memberships WHERE role = 'participant'").Int(0, 0),
                  7);
        EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM consents_decisions WHERE given = 1").Int(0, 0), 7);
    }
    EXPECT_NE(Ponte("seed-demo --scale 0 " + db).status, 0);
    std::system(("rm -rf " + dir).c_str());
}

TEST(Cli, SeedDemo_OnceOnly_ThenAuditVerifyNamesAnEditedEntry) {
    std::string dir = "/tmp/ponte-cli-audit-" + std::to_string(getpid());
    const std::string db = "--db sqlite:" + dir + "/a.db --key-file " + dir + "/ponte.keys";
    ASSERT_EQ(Ponte("keys generate --key-file " + dir + "/ponte.keys").status, 0);
    auto seeded = Ponte("seed-demo " + db);
    EXPECT_EQ(seeded.status, 0) << seeded.output;
    EXPECT_NE(seeded.output.find("case_worker@demo.ponte.example"), std::string::npos) << seeded.output;
    auto again = Ponte("seed-demo " + db);
    EXPECT_NE(again.output.find("nothing added"), std::string::npos) << again.output;

    auto intact = Ponte("audit verify " + db);
    EXPECT_EQ(intact.status, 0) << intact.output;
    EXPECT_NE(intact.output.find("intact: 1 entries"), std::string::npos) << intact.output;
    {
        auto database = ponte::db::Database::Open("sqlite:" + dir + "/a.db");
        database->Acquire()->ExecuteScript(
            "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET outcome = 'denied' WHERE seq = 1");
    }
    auto broken = Ponte("audit verify " + db);
    EXPECT_EQ(broken.status, 1);
    EXPECT_NE(broken.output.find("BROKEN at entry 1: content was altered"), std::string::npos) << broken.output;
    std::system(("rm -rf " + dir).c_str());
}

TEST(Cli, Keys_GenerateRotateReseal_AndServeRefusesToStartWithoutThem) {
    std::string dir = "/tmp/ponte-cli-keys-" + std::to_string(getpid());
    const std::string file = dir + "/ponte.keys";
    const std::string db = "--db sqlite:" + dir + "/a.db";

    auto missing = Ponte("serve --listen 127.0.0.1:0 --key-file " + file + " " + db, "PONTE_KEYS=");
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.output.find("no key file at " + file), std::string::npos) << missing.output;

    auto generated = Ponte("keys generate --key-file " + file);
    ASSERT_EQ(generated.status, 0) << generated.output;
    struct stat status {};
    ASSERT_EQ(stat(file.c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600u);
    auto again = Ponte("keys generate --key-file " + file);
    EXPECT_EQ(again.status, 1);
    EXPECT_NE(again.output.find("exists already"), std::string::npos) << again.output;

    auto rotated = Ponte("keys rotate --key-file " + file);
    EXPECT_EQ(rotated.status, 0) << rotated.output;
    EXPECT_NE(rotated.output.find("added key k2"), std::string::npos) << rotated.output;
    auto resealed = Ponte("keys reseal --key-file " + file + " " + db, "PONTE_KEYS=");
    EXPECT_EQ(resealed.status, 0) << resealed.output;
    EXPECT_NE(resealed.output.find("resealed 0 values under key k2"), std::string::npos) << resealed.output;
    EXPECT_NE(resealed.output.find("resealed 0 files under key k2"), std::string::npos) << resealed.output;

    chmod(file.c_str(), 0644);
    auto exposed = Ponte("keys reseal --key-file " + file + " " + db, "PONTE_KEYS=");
    EXPECT_EQ(exposed.status, 1);
    EXPECT_NE(exposed.output.find("chmod 600"), std::string::npos) << exposed.output;
    auto bad_env = Ponte("keys reseal " + db, "PONTE_KEYS='k1 short'");
    EXPECT_EQ(bad_env.status, 1);
    EXPECT_NE(bad_env.output.find("PONTE_KEYS: key line 1"), std::string::npos) << bad_env.output;
    std::system(("rm -rf " + dir).c_str());
}

TEST(Cli, ExportThenErasePerson_ByEmail) {
    std::string dir = "/tmp/ponte-cli-person-" + std::to_string(getpid());
    const std::string db = "--db sqlite:" + dir + "/a.db";
    const std::string keys = "--key-file " + dir + "/ponte.keys";
    ASSERT_EQ(Ponte("keys generate " + keys).status, 0);
    ASSERT_EQ(Ponte("seed-demo " + db + " " + keys).status, 0);

    auto exported = Ponte("export-person --email Participant@demo.ponte.example " + db + " " + keys, "PONTE_KEYS=");
    EXPECT_EQ(exported.status, 0) << exported.output;
    EXPECT_NE(exported.output.find("\"format\":\"ponte.person-export/1\""), std::string::npos);
    EXPECT_NE(exported.output.find("participant@demo.ponte.example"), std::string::npos);
    auto to_file =
        Ponte("export-person --email participant@demo.ponte.example --out " + dir + "/p.json " + db + " " + keys,
              "PONTE_KEYS=");
    EXPECT_EQ(to_file.status, 0) << to_file.output;
    struct stat status {};
    ASSERT_EQ(stat((dir + "/p.json").c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600u);

    auto unconfirmed = Ponte("erase-person --email participant@demo.ponte.example " + db + " " + keys, "PONTE_KEYS=");
    EXPECT_EQ(unconfirmed.status, 2);
    auto erased =
        Ponte("erase-person --confirm --email participant@demo.ponte.example " + db + " " + keys, "PONTE_KEYS=");
    EXPECT_EQ(erased.status, 0) << erased.output;
    EXPECT_NE(erased.output.find("auth.account"), std::string::npos) << erased.output;
    auto gone = Ponte("export-person --email participant@demo.ponte.example " + db + " " + keys, "PONTE_KEYS=");
    EXPECT_EQ(gone.status, 1);
    EXPECT_NE(gone.output.find("no account with the email"), std::string::npos) << gone.output;
    auto unnamed = Ponte("export-person " + db + " " + keys, "PONTE_KEYS=");
    EXPECT_EQ(unnamed.status, 2);
    EXPECT_NE(unnamed.output.find("--user-id or --email"), std::string::npos) << unnamed.output;
    EXPECT_EQ(Ponte("audit verify " + db + " " + keys).status, 0);
    std::system(("rm -rf " + dir).c_str());
}

// What follows a label ("  code: ") on its line of `output`.
std::string Labelled(const std::string& output, const std::string& label) {
    const auto start = output.find(label);
    if (start == std::string::npos) return "";
    const auto from = start + label.size();
    return output.substr(from, output.find('\n', from) - from);
}

TEST(Cli, AdminCreate_PrintsAnInvitationThatSignsIn_ThenRefusesASecondUnlessForced) {
    std::string dir = "/tmp/ponte-cli-admin-" + std::to_string(getpid());
    const std::string url = "sqlite:" + dir + "/a.db";
    const std::string keys = "PONTE_KEYS='" + ponte::testing::TestKeys() + "' PONTE_PUBLIC_URL=";
    auto created = Ponte("admin create --email Amina@Example.org --display-name 'Amina B' --db " + url, keys);
    ASSERT_EQ(created.status, 0) << created.output;
    const std::string code = Labelled(created.output, "  code: ");
    ASSERT_EQ(code.size(), 24u) << created.output;  // 5 groups of 4 and their dashes
    EXPECT_EQ(Labelled(created.output, "  link: "), "http://127.0.0.1:8080/invite#" + code) << created.output;
    EXPECT_NE(created.output.find("No --public-url"), std::string::npos) << created.output;

    auto again = Ponte("admin create --email other@example.org --db " + url, keys);
    EXPECT_EQ(again.status, 1);
    EXPECT_NE(again.output.find("a platform administrator exists already"), std::string::npos) << again.output;
    auto forced = Ponte("admin create --force --email other@example.org --db " + url,
                        keys + " PONTE_PUBLIC_URL=https://ponte.example.org/");
    EXPECT_EQ(forced.status, 0) << forced.output;
    EXPECT_TRUE(Labelled(forced.output, "  link: ").starts_with("https://ponte.example.org/invite#")) << forced.output;
    auto taken = Ponte("admin create --force --email amina@example.org --db " + url, keys);
    EXPECT_EQ(taken.status, 1);
    EXPECT_NE(taken.output.find("exists already"), std::string::npos) << taken.output;

    ponte::testing::ServerProcess server(url);
    auto accepted = ponte::testing::HttpClient(server.port())
                        .Send("POST", "/api/v1/invitations/accept",
                              R"({"code":")" + code + R"(","password":"a passphrase of her own"})",
                              {{"Content-Type", "application/json"}});
    EXPECT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_NE(accepted.body.find("platform_admin"), std::string::npos) << accepted.body;
    std::system(("rm -rf " + dir).c_str());
}

TEST(Cli, ServeOutsideDemoMode_RefusesDemoAccounts_ServesThemWithDemo) {
    std::string dir = "/tmp/ponte-cli-demo-" + std::to_string(getpid());
    const std::string url = "sqlite:" + dir + "/a.db";
    const std::string keys = "PONTE_KEYS='" + ponte::testing::TestKeys() + "'";
    ASSERT_EQ(Ponte("seed-demo --db " + url, keys).status, 0);

    auto refused = Ponte("serve --listen 127.0.0.1:0 --db " + url, keys);
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.output.find("9 account(s) still have the published demo password"), std::string::npos)
        << refused.output;
    EXPECT_NE(refused.output.find("ponte admin create"), std::string::npos) << refused.output;

    // The test suite's servers always get --test-routes (which skips the check); take it back.
    ponte::testing::ServerProcess demo(url, {"--test-routes=false", "--demo"});
    EXPECT_EQ(ponte::testing::HttpClient(demo.port()).Send("GET", "/healthz", "", {}).status, 200);
    std::system(("rm -rf " + dir).c_str());
}

unsigned Mode(const std::string& path) {
    struct stat status {};
    if (stat(path.c_str(), &status) != 0) return 01000;  // missing: no mode matches
    return status.st_mode & 0777;
}

TEST(Cli, FilesAtRest_AreOwnerOnly_AndServeRefusesAnOpenDatabase) {
    std::string dir = "/tmp/ponte-cli-files-" + std::to_string(getpid());
    const std::string file = dir + "/data/a.db";
    const std::string keys = "PONTE_KEYS='" + ponte::testing::TestKeys() + "'";
    ASSERT_EQ(Ponte("keys generate --key-file " + dir + "/keys/ponte.keys").status, 0);
    EXPECT_EQ(Mode(dir + "/keys"), 0700u);
    EXPECT_EQ(Mode(dir + "/keys/ponte.keys"), 0600u);
    {
        // While a server has it open, the database has its -wal and -shm files.
        ponte::testing::ServerProcess server("sqlite:" + file);
        EXPECT_EQ(Mode(dir + "/data"), 0700u);
        EXPECT_EQ(Mode(file), 0600u);
        EXPECT_EQ(Mode(file + "-wal"), 0600u);
        EXPECT_EQ(Mode(file + "-shm"), 0600u);
    }
    auto backup = Ponte("backup --db sqlite:" + file + " --out " + dir + "/copy.db");
    ASSERT_EQ(backup.status, 0) << backup.output;
    EXPECT_EQ(Mode(dir + "/copy.db"), 0600u);

    chmod(file.c_str(), 0644);
    auto refused = Ponte("serve --listen 127.0.0.1:0 --db sqlite:" + file, keys);
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.output.find("mode 0644"), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find("chmod 600 " + file), std::string::npos) << refused.output;
    std::system(("rm -rf " + dir).c_str());
}

}  // namespace
