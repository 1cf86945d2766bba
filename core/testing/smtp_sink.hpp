// A loopback SMTP server for tests: it accepts every message, keeps it, and lets a test wait for
// it. Plain SMTP without STARTTLS, one connection at a time, on 127.0.0.1 and a free port.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ponte::testing {

struct ReceivedMail {
    std::string from;                     // MAIL FROM, without the angle brackets
    std::vector<std::string> recipients;  // RCPT TO, likewise
    std::string data;                     // the message as sent, dot-unstuffed

    std::string Header(std::string_view name) const;  // the first such header's value
    std::string Body() const;                         // the body, base64-decoded when so encoded
};

class SmtpSink {
  public:
    SmtpSink();  // listens at once; throws std::runtime_error when it cannot
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    // Waits until `count` messages have arrived; false after `timeout`.
    bool WaitFor(std::size_t count, std::chrono::milliseconds timeout) const;
    std::vector<ReceivedMail> messages() const;

  private:
    void Serve();
    void Converse(int client);

    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    mutable std::condition_variable arrived_;
    std::vector<ReceivedMail> messages_;
    bool stopping_ = false;
};

}  // namespace ponte::testing
