// iCalendar documents read back by another implementation: Debian's python3-icalendar, through
// core/calendar/read_ics.py (which also checks CR LF line ends and 75-octet lines). For the tests
// of core/calendar and of every module that serves a calendar.
//
// Without the package a test that needs it is skipped, unless PONTE_REQUIRE_TOOLS=1 (as
// `make test` sets) makes it a failure:
//
//   if (!testing::IcsReader::Available()) GTEST_SKIP() << testing::IcsReader::kMissing;
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

namespace ponte::testing {

class IcsReader {
  public:
    static constexpr std::string_view kMissing = "python3-icalendar not found (Debian package python3-icalendar)";
    // Whether python3 with the icalendar package is installed; a failure of the running test when
    // it is not and PONTE_REQUIRE_TOOLS=1.
    static bool Available();

    // What read_ics.py reads in `document`: {"calendar": {...}, "events": [...], "errors": [...]},
    // its errors checked to be none; {} (a failure of the test) when it does not answer JSON.
    static boost::json::object Read(const std::string& document);
};

}  // namespace ponte::testing
