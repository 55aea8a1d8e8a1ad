// Writes whole lines with one fwrite so lines from different threads never interleave.
#include "common/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string>

namespace hall::log {

namespace {
Level initial_level() {
    const char* env = std::getenv("HALL_LOG");
    if (!env) return Level::info;
    std::string_view v(env);
    if (v == "debug") return Level::debug;
    if (v == "warn") return Level::warn;
    if (v == "error") return Level::error;
    return Level::info;
}
std::atomic<Level> g_level{initial_level()};
constexpr const char* kNames[] = {"DEBUG", "INFO", "WARN", "ERROR"};
std::mutex g_capture_mutex;
std::function<void(std::string_view)> g_capture;
std::atomic<bool> g_capturing{false};
}  // namespace

void set_level(Level level) { g_level = level; }

void set_capture(std::function<void(std::string_view line)> sink) {
    std::lock_guard lock(g_capture_mutex);
    g_capture = std::move(sink);
    g_capturing = static_cast<bool>(g_capture);
}

void write(Level level, std::string_view component, std::string_view message) {
    if (level < g_level.load()) return;
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    std::string line = std::string(stamp) + " " + kNames[static_cast<int>(level)] + " " + std::string(component) +
                       ": " + std::string(message) + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    if (g_capturing.load()) {
        std::lock_guard lock(g_capture_mutex);
        if (g_capture) g_capture(std::string_view(line).substr(0, line.size() - 1));
    }
}

}  // namespace hall::log
