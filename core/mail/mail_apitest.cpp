// Sending through a real (loopback) SMTP server with libcurl; and the rendering of a message.
#include "core/mail/mail.hpp"

#include <gtest/gtest.h>

#include "core/testing/smtp_sink.hpp"

namespace ponte::mail {
namespace {

TEST(MailTest, Send_DeliversUtf8SubjectAndBodyToTheServer) {
    testing::SmtpSink sink;
    const Options options{.smtp_url = sink.url(), .from = "ponte@example.org"};
    Send(options, {"amina@example.org", "Réinitialisez · إعادة", "Bonjour Amina,\nمرحباً\n"});
    ASSERT_TRUE(sink.WaitFor(1, std::chrono::seconds(5)));
    auto mail = sink.messages().at(0);
    EXPECT_EQ(mail.from, "ponte@example.org");
    EXPECT_EQ(mail.recipients, std::vector<std::string>{"amina@example.org"});
    EXPECT_TRUE(mail.Header("Subject").starts_with("=?UTF-8?B?")) << mail.Header("Subject");
    EXPECT_EQ(mail.Header("Content-Type"), "text/plain; charset=UTF-8");
    EXPECT_EQ(mail.Body(), "Bonjour Amina,\nمرحباً\n");
    EXPECT_FALSE(mail.Header("Date").empty());
    EXPECT_TRUE(mail.Header("Message-ID").ends_with("@example.org>"));
}

TEST(MailTest, Send_FailsWithAReasonWhenNoServerAnswersOrNoneIsConfigured) {
    int port = 0;
    {
        testing::SmtpSink gone;
        port = gone.port();
    }
    const Options options{.smtp_url = "smtp://127.0.0.1:" + std::to_string(port),
                          .from = "ponte@example.org",
                          .timeout = std::chrono::seconds(5)};
    EXPECT_THROW(Send(options, {"a@example.org", "s", "b"}), std::runtime_error);
    EXPECT_THROW(Send(Options{}, {"a@example.org", "s", "b"}), std::runtime_error);
}

TEST(MailTest, Render_RefusesLineBreaksInHeaders) {
    const Options options{.from = "ponte@example.org"};
    EXPECT_THROW(Render(options, {"a@example.org\r\nBcc: b@example.org", "s", "b"}), std::invalid_argument);
    EXPECT_THROW(Render(options, {"a@example.org", "s\nBcc: b@example.org", "b"}), std::invalid_argument);
    const std::string text = Render(options, {"a@example.org", "Plain subject", std::string(200, 'x')});
    EXPECT_NE(text.find("\r\nSubject: Plain subject\r\n"), std::string::npos);
    // Base64 body lines of at most 76 characters.
    const auto body = text.substr(text.find("\r\n\r\n") + 4);
    for (std::size_t start = 0, end; (end = body.find("\r\n", start)) != std::string::npos; start = end + 2) {
        EXPECT_LE(end - start, 76u);
    }
}

}  // namespace
}  // namespace ponte::mail
