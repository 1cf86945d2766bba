#include "core/mail/mail.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <ctime>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/crypto/random.hpp"
#include "core/jobs/jobs.hpp"

namespace ponte::mail {
namespace {

constexpr std::string_view kPayloadContext = "jobs.payload:mail.send";

std::string Base64(std::string_view data) {
    crypto::EnsureInitialized();
    std::string out(sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

bool IsAscii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Header values never carry a line break: that would let text inject headers or recipients.
void CheckHeaderValue(std::string_view name, std::string_view value) {
    if (value.find_first_of("\r\n") != std::string_view::npos || value.find('\0') != std::string_view::npos) {
        throw std::invalid_argument(std::string(name) + " contains a line break");
    }
}

std::string Domain(std::string_view address) {
    auto at = address.rfind('@');
    return at == std::string_view::npos ? "localhost" : std::string(address.substr(at + 1));
}

std::string DateHeader() {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday], utc.tm_mday,
                  kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return buffer;
}

struct Upload {
    std::string_view rest;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload->rest.size());
    std::copy_n(upload->rest.data(), n, buffer);
    upload->rest.remove_prefix(n);
    return n;
}

// True for smtp://localhost, 127.x.x.x or [::1] (a relay on this machine).
bool IsLoopback(std::string_view url) {
    auto start = url.find("://");
    if (start == std::string_view::npos) return false;
    auto host = url.substr(start + 3);
    host = host.substr(0, host.find_first_of("/?"));
    if (host.starts_with("[::1]")) return true;
    host = host.substr(0, host.find(':'));
    return host == "localhost" || host.starts_with("127.");
}

void EnsureCurl() {
    static const CURLcode status = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (status != CURLE_OK) throw std::runtime_error("libcurl could not be initialized");
}

}  // namespace

std::string Render(const Options& options, const Message& message) {
    CheckHeaderValue("from", options.from);
    CheckHeaderValue("to", message.to);
    CheckHeaderValue("subject", message.subject);
    const std::string subject =
        IsAscii(message.subject) ? message.subject : "=?UTF-8?B?" + Base64(message.subject) + "?=";
    std::string text = "Date: " + DateHeader() + "\r\n" + "From: <" + options.from + ">\r\n" + "To: <" + message.to +
                       ">\r\n" + "Subject: " + subject + "\r\n" + "Message-ID: <" + crypto::RandomToken(18) + "@" +
                       Domain(options.from) + ">\r\n" + "MIME-Version: 1.0\r\n" +
                       "Content-Type: text/plain; charset=UTF-8\r\n" + "Content-Transfer-Encoding: base64\r\n\r\n";
    const std::string body = Base64(message.body);
    for (std::size_t i = 0; i < body.size(); i += 76) text += body.substr(i, 76) + "\r\n";
    return text;
}

void Send(const Options& options, const Message& message) {
    if (options.smtp_url.empty()) throw std::runtime_error("no SMTP server is configured (--smtp-url)");
    EnsureCurl();
    const std::string text = Render(options, message);
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) throw std::runtime_error("libcurl: no handle");
    const std::string from = "<" + options.from + ">";
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
        curl_slist_append(nullptr, ("<" + message.to + ">").c_str()), &curl_slist_free_all);
    Upload upload{text};
    char error[CURL_ERROR_SIZE] = {};
    CURL* handle = curl.get();
    curl_easy_setopt(handle, CURLOPT_URL, options.smtp_url.c_str());
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, &ReadUpload);
    curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
    curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
    // Mails carry one-time links: beyond this machine they go over TLS or not at all.
    const bool tls = options.require_tls || !IsLoopback(options.smtp_url);
    curl_easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(options.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
    if (!options.username.empty()) {
        curl_easy_setopt(handle, CURLOPT_USERNAME, options.username.c_str());
        curl_easy_setopt(handle, CURLOPT_PASSWORD, options.password.c_str());
    }
    const CURLcode result = curl_easy_perform(handle);
    if (result != CURLE_OK) {
        throw std::runtime_error(std::string("mail not sent: ") + (error[0] ? error : curl_easy_strerror(result)));
    }
}

void Enqueue(db::Connection& connection, const crypto::Keyring& keyring, const Message& message, std::int64_t now_ms) {
    const std::string payload = boost::json::serialize(
        boost::json::object{{"to", message.to}, {"subject", message.subject}, {"body", message.body}});
    jobs::Enqueue(connection, kJobKind, keyring.Seal(payload, kPayloadContext), now_ms);
}

void SendQueued(const Options& options, const crypto::Keyring& keyring, const std::string& payload) {
    auto object = boost::json::parse(keyring.Open(payload, kPayloadContext)).as_object();
    Send(options, Message{std::string(object.at("to").as_string()), std::string(object.at("subject").as_string()),
                          std::string(object.at("body").as_string())});
}

namespace {

constexpr std::string_view kSelectMailJobs =
    "SELECT id, payload, status, created_at FROM jobs WHERE kind = 'mail.send' ORDER BY id";
constexpr std::string_view kSelectEmail = "SELECT COALESCE(email, '') FROM accounts_users WHERE id = $1";
constexpr std::string_view kDeleteJob = "DELETE FROM jobs WHERE id = $1";

// Calls `visit(job id, opened message, status, created_at)` for each mail job to the person.
template <typename Visit>
void ForEachMailTo(db::Connection& connection, std::int64_t person, const crypto::Keyring& keyring, Visit visit) {
    auto email = connection.Execute(kSelectEmail, {person});
    if (email.empty() || email.Text(0, 0).empty()) return;
    auto rows = connection.Execute(kSelectMailJobs);
    for (std::size_t row = 0; row < rows.size(); ++row) {
        boost::json::object message;
        try {
            message = boost::json::parse(keyring.Open(rows.Text(row, 1), kPayloadContext)).as_object();
        } catch (const crypto::SealError&) {
            continue;  // sealed under a key no longer in the key file: nobody can read it
        }
        if (message.at("to").as_string() != email.Text(0, 0)) continue;
        visit(rows.Int(row, 0), message, rows.Text(row, 2), rows.Int(row, 3));
    }
}

}  // namespace

void Register(core::Registry& registry, const Options& options) {
    const crypto::Keyring* keyring = registry.keyring_or_null();
    registry.DeclareConsentPurpose("mail.news", "mail.consent.news");
    registry.AddPersonalData(
        {.name = "mail.outbox",
         .description = "Emails sent or waiting to be sent to the person (address, subject, text), sealed.",
         .tables = {"jobs"},
         .exporter =
             [](db::Connection& connection, std::int64_t person, const privacy::Context& context) {
                 boost::json::array mails;
                 ForEachMailTo(connection, person, context.keyring,
                               [&](std::int64_t, const boost::json::object& message, const std::string& status,
                                   std::int64_t created_at) {
                                   mails.push_back({{"to", message.at("to")},
                                                    {"subject", message.at("subject")},
                                                    {"body", message.at("body")},
                                                    {"status", status},
                                                    {"created_at", created_at}});
                               });
                 return boost::json::value(std::move(mails));
             },
         .eraser =
             [](db::Connection& connection, std::int64_t person, const privacy::Context& context) {
                 ForEachMailTo(connection, person, context.keyring,
                               [&](std::int64_t id, const boost::json::object&, const std::string&, std::int64_t) {
                                   connection.Execute(kDeleteJob, {id});
                               });
             }});
    registry.AddJobHandler(std::string(kJobKind), [options, keyring](const std::string& payload) {
        SendQueued(options, *keyring, payload);  // jobs run in a registry that runs, with its keys
    });
}

}  // namespace ponte::mail
