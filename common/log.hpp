// One line per event on stderr: time (UTC), level, component, message. English only.
#pragma once
#include <functional>
#include <string_view>

namespace hall::log {

enum class Level { debug, info, warn, error };

// Lines below this level are dropped; HALL_LOG=debug|info|warn|error sets it at start-up.
void set_level(Level level);
void write(Level level, std::string_view component, std::string_view message);
// Test hook: every line written is also handed to `sink` (without its newline), from the
// writing thread; an empty function removes it. Lines below the level are never handed.
void set_capture(std::function<void(std::string_view line)> sink);

inline void debug(std::string_view c, std::string_view m) { write(Level::debug, c, m); }
inline void info(std::string_view c, std::string_view m) { write(Level::info, c, m); }
inline void warn(std::string_view c, std::string_view m) { write(Level::warn, c, m); }
inline void error(std::string_view c, std::string_view m) { write(Level::error, c, m); }

}  // namespace hall::log
