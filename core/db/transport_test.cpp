// Which PostgreSQL URLs `serve` warns about: a server off this machine without sslmode=verify-full.
#include "core/db/transport.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace ponte::db {
namespace {

// libpq's defaults come from the environment: the cases run without PG* settings of the machine.
class TransportTest : public ::testing::Test {
  protected:
    void SetUp() override {
        for (const char* name : {"PGHOST", "PGHOSTADDR", "PGSSLMODE"}) {
            if (const char* value = std::getenv(name)) saved_.emplace_back(name, value);
            unsetenv(name);
        }
    }
    void TearDown() override {
        unsetenv("PGSSLMODE");
        for (const auto& [name, value] : saved_) setenv(name.c_str(), value.c_str(), 1);
    }
    std::vector<std::pair<std::string, std::string>> saved_;
};

TEST_F(TransportTest, RemoteHostWithoutVerifyFull_IsWarnedAbout) {
    for (const char* url : {"postgresql://ponte@db.example.org/ponte", "postgres://ponte@10.0.0.5:5432/ponte",
                            "postgresql://ponte@db.example.org/ponte?sslmode=require",
                            "postgresql://ponte@db.example.org/ponte?sslmode=verify-ca&sslrootcert=/etc/ca.crt",
                            "postgresql://ponte@localhost,db.example.org/ponte?sslmode=disable",
                            "postgresql://ponte@localhost/ponte?hostaddr=192.0.2.7"}) {
        auto warning = InsecurePostgresTransport(url);
        ASSERT_TRUE(warning) << url;
        EXPECT_NE(warning->find("sslmode=verify-full"), std::string::npos) << *warning;
    }
    EXPECT_NE(InsecurePostgresTransport("postgresql://u@db.example.org/p")->find("sslmode is prefer"),
              std::string::npos);
}

TEST_F(TransportTest, VerifyFullOrThisMachine_IsNotWarnedAbout) {
    for (const char* url :
         {"postgresql://ponte@db.example.org/ponte?sslmode=verify-full&sslrootcert=/etc/ponte/ca.crt",
          "postgresql://ponte@127.0.0.1:5432/ponte", "postgresql://ponte@127.8.9.1/ponte",
          "postgresql://ponte@[::1]/ponte", "postgresql://ponte@localhost/ponte", "postgresql:///ponte",
          "postgresql:///ponte?host=/var/run/postgresql", "sqlite:data/ponte.db"}) {
        EXPECT_FALSE(InsecurePostgresTransport(url)) << url;
    }
}

TEST_F(TransportTest, SslModeFromTheEnvironment_CountsLikeLibpqs) {
    setenv("PGSSLMODE", "verify-full", 1);
    EXPECT_FALSE(InsecurePostgresTransport("postgresql://ponte@db.example.org/ponte"));
    EXPECT_TRUE(InsecurePostgresTransport("postgresql://ponte@db.example.org/ponte?sslmode=require"));
}

}  // namespace
}  // namespace ponte::db
