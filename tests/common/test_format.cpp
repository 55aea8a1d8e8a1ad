// Tests of the money and time formatting shown to visitors: Indonesian digit grouping, "Gratis",
// unit words in both languages, ranges, and the fallbacks to the catalog's own text.
#include <catch2/catch.hpp>

#include <climits>

#include "common/format.hpp"

using hall::Duration;
using hall::DurationUnit;
using hall::Fee;
using hall::i18n::Lang;
namespace format = hall::format;

TEST_CASE("grouped writes thousands with dots", "[format]") {
    CHECK(format::grouped(0) == "0");
    CHECK(format::grouped(999) == "999");
    CHECK(format::grouped(1000) == "1.000");
    CHECK(format::grouped(25000) == "25.000");
    CHECK(format::grouped(1234567) == "1.234.567");
    CHECK(format::grouped(-1500) == "-1.500");
    CHECK(format::grouped(LLONG_MIN) == "-9.223.372.036.854.775.808");
}

TEST_CASE("rupiah amounts read the Indonesian way", "[format]") {
    CHECK(format::rupiah(25000) == "Rp 25.000");
    CHECK(format::rupiah(500) == "Rp 500");
    CHECK(format::rupiah(0) == "Rp 0");
    CHECK(format::rupiah(1500000) == "Rp 1.500.000");
    CHECK(format::rupiah(-5000) == "-Rp 5.000");
}

TEST_CASE("a fee is Gratis, an amount, or the source's text", "[format]") {
    CHECK(format::fee(Fee{0, "Tidak dipungut biaya (GRATIS)"}, Lang::id) == "Gratis");
    CHECK(format::fee(Fee{0, "Gratis"}, Lang::en) == "Free");
    CHECK(format::fee(Fee{25000, "Rp. 25.000,-"}, Lang::id) == "Rp 25.000");
    CHECK(format::fee(Fee{25000, "Rp. 25.000,-"}, Lang::en) == "Rp 25.000");
    CHECK(format::fee(Fee{std::nullopt, "Mengikuti Appraisal"}, Lang::id) == "Mengikuti Appraisal");
}

TEST_CASE("numbers use the language's decimal mark and drop useless decimals", "[format]") {
    CHECK(format::number(1, Lang::id) == "1");
    CHECK(format::number(1.5, Lang::id) == "1,5");
    CHECK(format::number(1.5, Lang::en) == "1.5");
    CHECK(format::number(2.25, Lang::id) == "2,25");
    CHECK(format::number(0.1 + 0.2, Lang::en) == "0.3");
    CHECK(format::number(1000, Lang::id) == "1.000");
    CHECK(format::number(1000, Lang::en) == "1,000");
    CHECK(format::number(-2.5, Lang::id) == "-2,5");
    CHECK(format::number(-0.001, Lang::id) == "0");
}

TEST_CASE("quantities carry their unit word", "[format]") {
    CHECK(format::quantity(10, DurationUnit::minute, Lang::id) == "10 menit");
    CHECK(format::quantity(1, DurationUnit::minute, Lang::en) == "1 minute");
    CHECK(format::quantity(10, DurationUnit::minute, Lang::en) == "10 minutes");
    CHECK(format::quantity(1, DurationUnit::hour, Lang::id) == "1 jam");
    CHECK(format::quantity(1.5, DurationUnit::hour, Lang::en) == "1.5 hours");
    CHECK(format::quantity(2, DurationUnit::day, Lang::id) == "2 hari");
    CHECK(format::quantity(1, DurationUnit::working_day, Lang::id) == "1 hari kerja");
    CHECK(format::quantity(1, DurationUnit::working_day, Lang::en) == "1 working day");
    CHECK(format::quantity(15, DurationUnit::working_day, Lang::en) == "15 working days");
}

TEST_CASE("a service's duration reads as words, a range, or the source's text", "[format]") {
    Duration one_day{1, std::nullopt, DurationUnit::working_day, "1 (satu) hari kerja"};
    CHECK(format::duration(one_day, Lang::id) == "1 hari kerja");
    CHECK(format::duration(one_day, Lang::en) == "1 working day");

    Duration ten_minutes{10, std::nullopt, DurationUnit::minute, "10 (sepuluh) menit"};
    CHECK(format::duration(ten_minutes, Lang::id) == "10 menit");

    Duration range{9, 21, DurationUnit::working_day, "9 s.d. 21 Hari kerja"};
    CHECK(format::duration(range, Lang::id) == "9\u201321 hari kerja");
    CHECK(format::duration(range, Lang::en) == "9\u201321 working days");

    Duration degenerate{3, 3, DurationUnit::day, "3 hari"};
    CHECK(format::duration(degenerate, Lang::id) == "3 hari");

    Duration unknown{std::nullopt, std::nullopt, std::nullopt, "3 (tiga) bulan"};
    CHECK(format::duration(unknown, Lang::id) == "3 (tiga) bulan");
    CHECK(format::duration(unknown, Lang::en) == "3 (tiga) bulan");
}

TEST_CASE("waits in minutes read in hours and minutes", "[format]") {
    CHECK(format::minutes(0, Lang::id) == "0 menit");
    CHECK(format::minutes(10, Lang::id) == "10 menit");
    CHECK(format::minutes(60, Lang::id) == "1 jam");
    CHECK(format::minutes(75, Lang::id) == "1 jam 15 menit");
    CHECK(format::minutes(75, Lang::en) == "1 hour 15 minutes");
    CHECK(format::minutes(121, Lang::en) == "2 hours 1 minute");
    CHECK(format::minutes(-5, Lang::id) == "0 menit");
}
