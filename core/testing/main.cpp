// The main function of the test programs: gtest's, except that a run whose global set-up skipped
// (an API test on PostgreSQL without a PostgreSQL server) exits with 77, which CTest is told
// means "skipped" (SKIP_RETURN_CODE): gtest then runs no test and would report success.
#include <gtest/gtest.h>

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    const int status = RUN_ALL_TESTS();
    if (status == 0 && ::testing::UnitTest::GetInstance()->ad_hoc_test_result().Skipped()) return 77;
    return status;
}
