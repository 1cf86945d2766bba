// A real `ponte serve` in a child process, for API tests: started on a free loopback port with
// the test routes, its JSON log captured, stopped with SIGTERM or killed with SIGKILL.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/crypto/keyring.hpp"

namespace ponte::testing {

// The field-encryption keys every ServerProcess of this test process gets in PONTE_KEYS (unless
// the environment already sets it), so that a test may open what the server sealed.
const std::string& TestKeys();
// The same keys, parsed.
std::shared_ptr<const crypto::Keyring> TestKeyring();
// The folder of stored files every ServerProcess of this test process gets (--files-dir, unless
// the test passes its own), so that a test may store a file the server then serves: a new
// temporary folder, removed when the test process ends.
const std::filesystem::path& TestFilesDirectory();

class ServerProcess {
  public:
    // Starts $PONTE_BINARY (set by CTest) with `serve --listen 127.0.0.1:0 --db <db_url>
    // --test-routes --files-dir TestFilesDirectory() <extra_args...>` and PONTE_KEYS=TestKeys() and waits until it logs
    // that it listens. Throws std::runtime_error, with the log, when it exits or does not listen within 30 s.
    ServerProcess(std::string db_url, std::vector<std::string> extra_args = {});
    ~ServerProcess();  // kills the child if it still runs
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::uint16_t port() const { return port_; }

    // Sends SIGTERM and waits (at most `timeout`) for the exit; returns the exit status, or -1
    // when it did not exit in time (it is then killed).
    int Terminate(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    // Sends SIGKILL and reaps the child.
    void Kill();

    // The log lines so far.
    std::vector<std::string> Log() const;
    // Waits until a log line contains `text`; false after `timeout`.
    bool WaitForLog(std::string_view text, std::chrono::milliseconds timeout) const;

  private:
    int Reap(std::chrono::milliseconds timeout);

    int pid_ = -1;
    int output_ = -1;
    std::uint16_t port_ = 0;
    std::thread reader_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::vector<std::string> lines_;
    bool closed_ = false;
};

}  // namespace ponte::testing
