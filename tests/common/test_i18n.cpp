// The i18n tables: both languages for every key, every protocol error code covered, and
// program tables registered at run time are found.
#include <catch2/catch.hpp>

#include <iterator>

#include "common/i18n.hpp"

using hall::i18n::Lang;

TEST_CASE("every string has both languages and every error code has a text", "[i18n]") {
    std::string missing;
    CHECK(hall::i18n::table_complete(&missing));
    INFO(missing);
    CHECK(missing.empty());
    CHECK(hall::i18n::error_text("quota_reached", Lang::id).find("Kuota") != std::string_view::npos);
    CHECK(hall::i18n::error_text("quota_reached", Lang::en).find("quota") != std::string_view::npos);
    // An unknown code still gives the visitor a sentence, never a raw code.
    CHECK(hall::i18n::error_text("no_such_code", Lang::id) == hall::i18n::error_text("internal_error", Lang::id));
}

TEST_CASE("a program's table is found after it registers it", "[i18n]") {
    static constexpr hall::i18n::Entry kProgram[] = {{"test.hello", "Halo", "Hello"}};
    CHECK(hall::i18n::text("test.hello", Lang::id) == "test.hello");
    hall::i18n::register_table({kProgram, std::size(kProgram)});
    hall::i18n::register_table({kProgram, std::size(kProgram)});
    CHECK(hall::i18n::text("test.hello", Lang::id) == "Halo");
    CHECK(hall::i18n::text("test.hello", Lang::en) == "Hello");
    CHECK(hall::i18n::table_complete());
}

TEST_CASE("a key defined twice makes the table incomplete", "[i18n]") {
    static constexpr hall::i18n::Entry kDuplicate[] = {{"state.waiting", "Antri", "Queued"}};
    hall::i18n::register_table({kDuplicate, std::size(kDuplicate)});
    std::string missing;
    CHECK_FALSE(hall::i18n::table_complete(&missing));
    CHECK(missing == "state.waiting");
}
