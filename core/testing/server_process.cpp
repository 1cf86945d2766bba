#include "core/testing/server_process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <stdexcept>

#include "core/crypto/keyring.hpp"
#include "core/testing/engine.hpp"

namespace ponte::testing {

const std::string& TestKeys() {
    static const std::string keys = crypto::Keyring::NewKeyLine("test1");
    return keys;
}

std::shared_ptr<const crypto::Keyring> TestKeyring() {
    static const auto keyring = std::make_shared<const crypto::Keyring>(crypto::Keyring::Parse(TestKeys()));
    return keyring;
}

const std::filesystem::path& TestFilesDirectory() {
    struct Folder {
        std::filesystem::path path = MakeTempDirectory() / "files";
        ~Folder() {
            std::error_code ignored;
            std::filesystem::remove_all(path.parent_path(), ignored);
        }
    };
    static const Folder folder;
    return folder.path;
}

ServerProcess::ServerProcess(std::string db_url, std::vector<std::string> extra_args) {
    const char* binary = std::getenv("PONTE_BINARY");
    if (!binary) throw std::runtime_error("PONTE_BINARY is not set (CTest sets it to build/ponte)");
    // A PostgreSQL run of a test that starts ponte on SQLite would pass without testing anything new.
    if (ApiTestEngine() == db::Engine::kPostgres && db_url.starts_with("sqlite:")) {
        throw std::runtime_error(
            "PONTE_TEST_ENGINE=postgres, but this test starts ponte on SQLite: take its database from "
            "testing::ApiDatabaseUrl(), or list the suite among the SQLite-only API suites in CMakeLists.txt");
    }

    std::vector<std::string> args{binary,          "serve",     "--listen", "127.0.0.1:0", "--db", db_url,
                                  "--test-routes", "--threads", "2"};
    if (std::find(extra_args.begin(), extra_args.end(), "--files-dir") == extra_args.end()) {
        args.insert(args.end(), {"--files-dir", TestFilesDirectory().string()});
    }
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    // The test process's environment, with its field-encryption keys (unless a test set its own).
    std::string keys = "PONTE_KEYS=" + TestKeys();
    std::vector<char*> envp;
    for (char** variable = environ; *variable; ++variable) {
        if (std::string_view(*variable).starts_with("PONTE_KEYS=")) keys.clear();
        envp.push_back(*variable);
    }
    if (!keys.empty()) envp.push_back(keys.data());
    envp.push_back(nullptr);

    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        execve(binary, argv.data(), envp.data());
        _exit(127);
    }
    close(fds[1]);
    output_ = fds[0];
    reader_ = std::thread([this] {
        std::string pending;
        char buffer[4096];
        for (;;) {
            ssize_t n = read(output_, buffer, sizeof buffer);
            if (n <= 0) break;
            pending.append(buffer, static_cast<std::size_t>(n));
            std::size_t newline;
            while ((newline = pending.find('\n')) != std::string::npos) {
                std::lock_guard lock(mutex_);
                lines_.push_back(pending.substr(0, newline));
                pending.erase(0, newline + 1);
                changed_.notify_all();
            }
        }
        std::lock_guard lock(mutex_);
        if (!pending.empty()) lines_.push_back(pending);
        closed_ = true;
        changed_.notify_all();
    });

    std::unique_lock lock(mutex_);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    std::size_t seen = 0;
    while (port_ == 0) {
        for (; seen < lines_.size(); ++seen) {
            if (lines_[seen].find(R"("msg":"listening")") == std::string::npos) continue;
            auto line = boost::json::parse(lines_[seen]);
            port_ = static_cast<std::uint16_t>(std::stoi(std::string(line.at("port").as_string())));
        }
        if (port_ != 0) break;
        if (closed_ || changed_.wait_until(lock, deadline) == std::cv_status::timeout) {
            std::string log;
            for (const auto& line : lines_) log += line + "\n";
            lock.unlock();
            Kill();
            // The child is gone, so its output ends and the reader finishes: a thread left joinable
            // would abort the test program instead of letting it report this.
            reader_.join();
            close(output_);
            throw std::runtime_error("ponte did not start listening:\n" + log);
        }
    }
}

ServerProcess::~ServerProcess() {
    Kill();
    if (reader_.joinable()) reader_.join();
    if (output_ >= 0) close(output_);
}

int ServerProcess::Reap(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        pid_t done = waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (std::chrono::steady_clock::now() >= deadline) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

int ServerProcess::Terminate(std::chrono::milliseconds timeout) {
    if (pid_ < 0) return -1;
    kill(pid_, SIGTERM);
    int status = Reap(timeout);
    if (status < 0) Kill();
    return status;
}

void ServerProcess::Kill() {
    if (pid_ < 0) return;
    kill(pid_, SIGKILL);
    Reap(std::chrono::seconds(30));
}

std::vector<std::string> ServerProcess::Log() const {
    std::lock_guard lock(mutex_);
    return lines_;
}

bool ServerProcess::WaitForLog(std::string_view text, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
        for (const auto& line : lines_) {
            if (line.find(text) != std::string::npos) return true;
        }
        return closed_;
    }) && std::any_of(lines_.begin(), lines_.end(), [&](const auto& line) {
               return line.find(text) != std::string::npos;
           });
}

}  // namespace ponte::testing
