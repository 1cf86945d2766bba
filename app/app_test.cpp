#include "app/app.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ponte::app {
namespace {

// The first bad setting any module finds in `serve`'s arguments (after CLI11 parsed them).
std::optional<std::string> CheckServe(std::vector<std::string> arguments) {
    const core::Modules modules = AllModules();
    CLI::App serve;
    for (const auto& module : modules) module->AddOptions(serve);
    std::reverse(arguments.begin(), arguments.end());  // CLI11 takes a vector in reverse order
    serve.parse(arguments);
    for (const auto& module : modules) {
        if (auto invalid = module->CheckOptions()) return invalid;
    }
    return std::nullopt;
}

TEST(Modules, WordsAreUnique) {
    std::set<std::string> words;
    for (const auto& module : AllModules()) EXPECT_TRUE(words.emplace(module->word()).second) << module->word();
}

TEST(Modules, DefaultSettings_AreValid) { EXPECT_EQ(CheckServe({}), std::nullopt); }

// Each module checks the settings it declares, and names the flag and its variable.
TEST(Modules, BadSettings_NameTheFlagAndTheVariable) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--session-idle-timeout", "5"}, "--session-idle-timeout (PONTE_SESSION_IDLE_TIMEOUT)"},
        {{"--session-absolute-timeout", "100"}, "--session-absolute-timeout (PONTE_SESSION_ABSOLUTE_TIMEOUT)"},
        {{"--password-memory-mib", "0"}, "--password-memory-mib (PONTE_PASSWORD_MEMORY_MIB)"},
        {{"--password-passes", "0"}, "--password-passes (PONTE_PASSWORD_PASSES)"},
        {{"--metrics-token", "short"}, "--metrics-token (PONTE_METRICS_TOKEN)"},
        {{"--quick-exit-url", "weather.example"}, "--quick-exit-url (PONTE_QUICK_EXIT_URL)"},
        {{"--smtp-url", "mail.example:25"}, "--smtp-url (PONTE_SMTP_URL)"},
        {{"--mail-from", "Ponte <ponte@example.org>"}, "--mail-from (PONTE_MAIL_FROM)"},
        {{"--case-retention-days", "7"}, "--case-retention-days (PONTE_CASE_RETENTION_DAYS)"},
        {{"--case-document-max-bytes", "100"}, "--case-document-max-bytes (PONTE_CASE_DOCUMENT_MAX_BYTES)"},
    };
    for (const auto& [arguments, named] : cases) {
        auto message = CheckServe(arguments);
        ASSERT_TRUE(message.has_value()) << named;
        EXPECT_EQ(message->rfind(named, 0), 0u) << *message;
    }
}

TEST(Modules, ModuleSettings_ComeFromTheEnvironmentToo) {
    setenv("PONTE_PASSWORD_PASSES", "0", 1);
    auto message = CheckServe({});
    unsetenv("PONTE_PASSWORD_PASSES");
    ASSERT_TRUE(message.has_value());
    EXPECT_EQ(message->rfind("--password-passes (PONTE_PASSWORD_PASSES)", 0), 0u);
}

}  // namespace
}  // namespace ponte::app
