#include "core/log/log.hpp"

#include <fmt/chrono.h>
#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>

namespace ponte::log {
namespace {

std::shared_ptr<spdlog::logger>& Logger() {
    static std::shared_ptr<spdlog::logger> logger = [] {
        auto l = spdlog::stdout_logger_mt("ponte-sync");
        l->set_pattern("%v");
        return l;
    }();
    return logger;
}

std::string Timestamp() {
    auto now = std::chrono::system_clock::now();
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    return fmt::format("{:%FT%T}.{:03}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)), millis);
}

void Write(spdlog::level::level_enum level, std::string_view message, Fields fields) {
    auto& logger = Logger();
    if (!logger->should_log(level)) return;
    boost::json::object line;
    line["ts"] = Timestamp();
    auto level_name = spdlog::level::to_string_view(level);
    line["level"] = std::string_view(level_name.data(), level_name.size());
    line["msg"] = message;
    for (const auto& [key, value] : fields) line[key] = value;
    logger->log(level, boost::json::serialize(line));
}

}  // namespace

void Init(Level level) {
    spdlog::init_thread_pool(8192, 1);
    auto logger = std::make_shared<spdlog::async_logger>("ponte", std::make_shared<spdlog::sinks::stdout_sink_mt>(),
                                                         spdlog::thread_pool(), spdlog::async_overflow_policy::block);
    logger->set_pattern("%v");
    switch (level) {
        case Level::kDebug:
            logger->set_level(spdlog::level::debug);
            break;
        case Level::kInfo:
            logger->set_level(spdlog::level::info);
            break;
        case Level::kWarn:
            logger->set_level(spdlog::level::warn);
            break;
        case Level::kError:
            logger->set_level(spdlog::level::err);
            break;
    }
    logger->flush_on(spdlog::level::info);
    Logger() = logger;
}

void Shutdown() {
    Logger()->flush();
    spdlog::shutdown();
}

void Info(std::string_view message, Fields fields) { Write(spdlog::level::info, message, fields); }
void Warn(std::string_view message, Fields fields) { Write(spdlog::level::warn, message, fields); }
void Error(std::string_view message, Fields fields) { Write(spdlog::level::err, message, fields); }

void Access(std::string_view request_id, std::string_view method, std::string_view path, int status, double duration_ms,
            std::size_t bytes, std::string_view remote) {
    auto& logger = Logger();
    if (!logger->should_log(spdlog::level::info)) return;
    boost::json::object line;
    line["ts"] = Timestamp();
    line["level"] = "info";
    line["msg"] = "request";
    line["request_id"] = request_id;
    line["method"] = method;
    line["path"] = path;
    line["status"] = status;
    line["duration_ms"] = duration_ms;
    line["bytes"] = bytes;
    line["remote"] = remote;
    logger->info(boost::json::serialize(line));
}

}  // namespace ponte::log
