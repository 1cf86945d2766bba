// The main function of the test programs: gtest's, except that a run in which every selected case
// was skipped, and none failed, exits with 77: the status CTest counts as a skip
// (cmake/gtest_tests.cmake). CTest runs one case per process, so this is how a skip reaches it.
#include <gtest/gtest.h>

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    const int status = RUN_ALL_TESTS();
    const auto& unit = *::testing::UnitTest::GetInstance();
    if (status != 0) return status;
    // A skip in the global set-up (an API test on PostgreSQL without a PostgreSQL server) runs no case.
    if (unit.ad_hoc_test_result().Skipped()) return 77;
    if (unit.test_to_run_count() > 0 && unit.skipped_test_count() == unit.test_to_run_count()) return 77;
    return status;
}
