// The --db URL reaches libpq unchanged: its parameters (sslmode, sslrootcert, application_name...)
// take effect. PostgreSQL only; SQLite has no transport.
#include "core/db/transport.hpp"

#include <gtest/gtest.h>

#include "core/db/errors.hpp"
#include "core/testing/engine.hpp"

namespace ponte::db {
namespace {

class TransportDbTest : public testing::EngineTest {};

TEST_P(TransportDbTest, LibpqParametersInTheUrl_TakeEffect) {
    if (GetParam() != Engine::kPostgres) GTEST_SKIP() << "a PostgreSQL connection setting";
    const std::string separator = url().find('?') == std::string::npos ? "?" : "&";
    auto named = Database::Open(url() + separator + "application_name=ponte-transport-test");
    EXPECT_EQ(named->Acquire()->Execute("SHOW application_name").Text(0, 0), "ponte-transport-test");
    // verify-full with a CA file that does not exist cannot connect: the setting is not dropped.
    EXPECT_THROW(Database::Open(url() + separator + "sslmode=verify-full&sslrootcert=/nonexistent/ca.crt"),
                 ConnectionError);
}

PONTE_INSTANTIATE_ENGINES(TransportDbTest);

}  // namespace
}  // namespace ponte::db
