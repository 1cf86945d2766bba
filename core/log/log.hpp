// Structured logging: one JSON object per line on standard output (spdlog, asynchronous), so that
// any log collector can read it. Never log personal data: ids and counts, not names or notes.
#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>

namespace ponte::log {

enum class Level { kDebug, kInfo, kWarn, kError };

using Fields = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// Sets up the asynchronous JSON logger. Call once at start; before that, lines go to a
// synchronous default logger, so logging is always safe.
void Init(Level level);
// Flushes and stops the logger thread; call before exit.
void Shutdown();

void Info(std::string_view message, Fields fields = {});
void Warn(std::string_view message, Fields fields = {});
void Error(std::string_view message, Fields fields = {});

// The access log line of one request.
void Access(std::string_view request_id, std::string_view method, std::string_view path, int status, double duration_ms,
            std::size_t bytes, std::string_view remote);

}  // namespace ponte::log
