#include "core/testing/smtp_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace ponte::testing {
namespace {

bool SendLine(int client, std::string_view line) {
    std::string text = std::string(line) + "\r\n";
    return ::send(client, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
}

std::string Unbracket(std::string_view argument) {
    auto open = argument.find('<');
    auto close = argument.rfind('>');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::string(argument);
    return std::string(argument.substr(open + 1, close - open - 1));
}

bool StartsWithCommand(std::string_view line, std::string_view command) {
    if (line.size() < command.size()) return false;
    for (std::size_t i = 0; i < command.size(); ++i) {
        if (std::toupper(static_cast<unsigned char>(line[i])) != command[i]) return false;
    }
    return true;
}

}  // namespace

std::string ReceivedMail::Header(std::string_view name) const {
    std::string_view rest = data;
    while (!rest.empty()) {
        auto end = rest.find("\r\n");
        std::string_view line = rest.substr(0, end);
        if (line.empty()) break;
        if (line.size() > name.size() && line[name.size()] == ':' &&
            std::equal(name.begin(), name.end(), line.begin(),
                       [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
            std::string_view value = line.substr(name.size() + 1);
            while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
            return std::string(value);
        }
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 2);
    }
    return "";
}

std::string ReceivedMail::Body() const {
    auto start = data.find("\r\n\r\n");
    if (start == std::string::npos) return "";
    std::string body = data.substr(start + 4);
    if (Header("Content-Transfer-Encoding") != "base64") return body;
    std::string compact;
    for (char c : body) {
        if (c != '\r' && c != '\n') compact += c;
    }
    std::string decoded(compact.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(), compact.data(),
                          compact.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
        return "<undecodable base64>";
    }
    decoded.resize(length);
    return decoded;
}

SmtpSink::SmtpSink() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) throw std::runtime_error("smtp sink: socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 8) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(listener_);
        throw std::runtime_error("smtp sink: cannot listen on loopback");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
}

SmtpSink::~SmtpSink() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
}

void SmtpSink::Serve() {
    for (;;) {
        pollfd waiting{listener_, POLLIN, 0};
        const int ready = ::poll(&waiting, 1, 100);
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
        }
        if (ready <= 0) continue;
        const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        timeval timeout{5, 0};
        ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        Converse(client);
        ::close(client);
    }
}

void SmtpSink::Converse(int client) {
    std::string pending;
    auto read_line = [&](std::string& line) {
        for (;;) {
            auto end = pending.find("\r\n");
            if (end != std::string::npos) {
                line = pending.substr(0, end);
                pending.erase(0, end + 2);
                return true;
            }
            char buffer[4096];
            const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0) return false;
            pending.append(buffer, static_cast<std::size_t>(n));
        }
    };
    SendLine(client, "220 sink.test ESMTP");
    ReceivedMail mail;
    std::string line;
    while (read_line(line)) {
        if (StartsWithCommand(line, "EHLO")) {
            SendLine(client, "250-sink.test");
            SendLine(client, "250 8BITMIME");
        } else if (StartsWithCommand(line, "HELO")) {
            SendLine(client, "250 sink.test");
        } else if (StartsWithCommand(line, "MAIL FROM:")) {
            mail = {};
            mail.from = Unbracket(line.substr(10));
            SendLine(client, "250 OK");
        } else if (StartsWithCommand(line, "RCPT TO:")) {
            mail.recipients.push_back(Unbracket(line.substr(8)));
            SendLine(client, "250 OK");
        } else if (StartsWithCommand(line, "DATA")) {
            SendLine(client, "354 end with .");
            std::string data;
            bool complete = false;
            while (read_line(line)) {
                if (line == ".") {
                    complete = true;
                    break;
                }
                data += (line.starts_with("..") ? line.substr(1) : line) + "\r\n";
            }
            if (!complete) return;
            mail.data = std::move(data);
            {
                std::lock_guard lock(mutex_);
                messages_.push_back(std::move(mail));
            }
            arrived_.notify_all();
            mail = {};
            SendLine(client, "250 OK queued");
        } else if (StartsWithCommand(line, "QUIT")) {
            SendLine(client, "221 bye");
            return;
        } else if (StartsWithCommand(line, "RSET") || StartsWithCommand(line, "NOOP")) {
            SendLine(client, "250 OK");
        } else {
            SendLine(client, "502 not implemented");
        }
    }
}

bool SmtpSink::WaitFor(std::size_t count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, timeout, [&] { return messages_.size() >= count; });
}

std::vector<ReceivedMail> SmtpSink::messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
}

}  // namespace ponte::testing
