#include "core/testing/ics_reader.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/testing/engine.hpp"

namespace ponte::testing {
namespace {

// Debian installs python3-icalendar for its own interpreter, which may not be the first python3
// on the PATH (a virtual environment, pyenv). Empty when none has it.
const std::string& Python() {
    static const std::string python = [] {
        for (const char* candidate : {"/usr/bin/python3", "python3"}) {
            if (std::system((std::string(candidate) + " -c 'import icalendar' >/dev/null 2>&1").c_str()) == 0) {
                return std::string(candidate);
            }
        }
        return std::string();
    }();
    return python;
}

std::string RunCommand(const std::string& command) {
    std::string out;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) {
        ADD_FAILURE() << "cannot run " << command;
        return out;
    }
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << command << "\n" << out;
    return out;
}

}  // namespace

bool IcsReader::Available() {
    if (!Python().empty()) return true;
    const char* require = std::getenv("PONTE_REQUIRE_TOOLS");
    EXPECT_FALSE(require != nullptr && std::string_view(require) == "1")
        << "python3 with the icalendar package not found (Debian: python3-icalendar)";
    return false;
}

boost::json::object IcsReader::Read(const std::string& document) {
    const auto directory = MakeTempDirectory();
    const auto path = directory / "calendar.ics";
    std::ofstream(path, std::ios::binary) << document;
    const std::string script = std::string(PONTE_SOURCE_DIR) + "/core/calendar/read_ics.py";
    const std::string out = RunCommand(Python() + " -B '" + script + "' '" + path.string() + "'");
    std::filesystem::remove_all(directory);
    boost::system::error_code error;
    auto json = boost::json::parse(out, error);
    if (error || !json.is_object()) {
        ADD_FAILURE() << "not JSON: " << out;
        return {};
    }
    EXPECT_EQ(json.at("errors"), boost::json::array()) << out;
    return json.as_object();
}

}  // namespace ponte::testing
