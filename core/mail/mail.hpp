// Outgoing email through an SMTP server (libcurl), sent by the job worker so that a slow or
// unreachable mail server never holds up a request, and retried with backoff when it fails.
//
// A queued message is sealed with the field-encryption keys: mails carry one-time links, and the
// jobs table keeps payloads after sending.
#pragma once

#include <chrono>
#include <string>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/registry.hpp"

namespace ponte::mail {

struct Options {
    std::string smtp_url;  // "smtp://host:25", "smtps://host:465", "smtp://host:587"; empty: mail is off
    std::string from;      // the sender address, "ponte@example.org"
    std::string username;  // optional SMTP credentials
    std::string password;
    // Refuse to send over a connection that STARTTLS could not protect. Always so for a server
    // that is not on this machine; for a local relay only when asked.
    bool require_tls = false;
    std::chrono::seconds timeout{30};
};

struct Message {
    std::string to;
    std::string subject;  // UTF-8
    std::string body;     // UTF-8 plain text
};

inline constexpr std::string_view kJobKind = "mail.send";

// Queues `message` in the caller's transaction.
void Enqueue(db::Connection& connection, const crypto::Keyring& keyring, const Message& message, std::int64_t now_ms);

// The RFC 5322 text of a message: headers (the subject as an RFC 2047 encoded word when it is
// not ASCII) and the body in base64, CRLF line ends. Pure but for the Date and Message-ID.
std::string Render(const Options& options, const Message& message);

// Sends one message now. Throws std::runtime_error with libcurl's reason when it is not accepted.
void Send(const Options& options, const Message& message);

// The job handler's work: opens a queued payload and sends it.
void SendQueued(const Options& options, const crypto::Keyring& keyring, const std::string& payload);

// Adds the mail.send job handler.
void Register(core::Registry& registry, const Options& options);

}  // namespace ponte::mail
