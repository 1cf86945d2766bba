// The ponte command line: bad settings stop it with a message naming them.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>

#include "core/db/database.hpp"

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
    auto backup = Ponte("backup --db sqlite:" + dir + "/a.db --out " + dir + "/copy.db");
    EXPECT_EQ(backup.status, 0) << backup.output;
    auto refused = Ponte("backup --db sqlite:" + dir + "/a.db --out " + dir + "/copy.db");
    EXPECT_EQ(refused.status, 1);
    std::system(("rm -rf " + dir).c_str());
}

TEST(Cli, SeedDemo_OnceOnly_ThenAuditVerifyNamesAnEditedEntry) {
    std::string dir = "/tmp/ponte-cli-audit-" + std::to_string(getpid());
    const std::string db = "--db sqlite:" + dir + "/a.db";
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

}  // namespace
