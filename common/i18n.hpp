// The i18n tables: every user-facing string, in Bahasa Indonesia (first) and English. Programs
// look strings up by key; protocol error codes are keys too ("error.quota_reached").
#pragma once
#include <string>
#include <cstddef>
#include <string_view>

namespace hall::i18n {

enum class Lang { id, en };

// One string in both languages. Programs keep their own tables (e.g. kiosk/kiosk_strings.cpp)
// and register them once at start-up; lookups search the common table first.
struct Entry {
    std::string_view key;
    std::string_view id;
    std::string_view en;
};
struct Table {
    const Entry* entries;
    std::size_t size;
};
// Adds a program's table (static storage; registering the same table twice is harmless).
void register_table(Table table);

// The text of `key` in `lang`; the key itself when the table lacks it (tests forbid that).
std::string_view text(std::string_view key, Lang lang);
// The text of a protocol error code, e.g. "quota_reached".
std::string_view error_text(std::string_view code, Lang lang);
// "Indonesian / English" on one line, for command-line tools.
std::string both(std::string_view key);
// True when every key of every registered table has both languages, no key is defined twice,
// and every protocol error code has an entry.
bool table_complete(std::string* missing = nullptr);

}  // namespace hall::i18n
