// The kiosk's words: every key in both languages, placeholders, dates in the hall's local time
// written the Indonesian and the English way, and the folding the search uses.
#include <catch2/catch.hpp>

#include "common/i18n.hpp"
#include "kiosk/kiosk_strings.hpp"

namespace hall::kiosk {

TEST_CASE("the kiosk's string table is complete in both languages", "[kiosk][strings]") {
    register_strings();
    register_strings();  // twice is harmless
    std::string missing;
    CHECK(i18n::table_complete(&missing));
    CHECK(missing.empty());
    CHECK(tr("kiosk.service.take", Lang::id) == "Ambil Nomor Antrian");
    CHECK(tr("kiosk.priority.title", Lang::id) == "Layanan prioritas?");
    CHECK(tr("kiosk.paper.survey", Lang::id) == "Beri penilaian layanan kami: pindai kode QR");
    CHECK(tr("kiosk.agency.general", Lang::id) == "Layanan Umum (semua bagian)");
    CHECK(tr("kiosk.service.brought", Lang::id).find("Saya sudah membawa") != std::string::npos);
    for (const char* code : {"unreachable", "paper_out", "printer_offline", "hall_closed", "on_break", "holiday",
                             "quota_reached", "unknown_service", "other"}) {
        CAPTURE(code);
        const std::string title = std::string("kiosk.problem.") + code + ".title";
        const std::string text = std::string("kiosk.problem.") + code + ".text";
        CHECK(tr(title, Lang::id) != title);
        CHECK(tr(text, Lang::en) != text);
    }
}

TEST_CASE("placeholders are filled in order", "[kiosk][strings]") {
    CHECK(fill("{0} dari {1}", {"3", "12"}) == "3 dari 12");
    CHECK(fill("{1}-{0}-{0}", {"a", "b"}) == "b-a-a");
    CHECK(fill("{5} {x} {", {"a"}) == "{5} {x} {");
}

TEST_CASE("dates and times are the hall's local ones", "[kiosk][strings]") {
    register_strings();
    // 2026-11-23 02:05 UTC is Monday 09:05 in WIB (+07:00).
    const std::int64_t at = 20780LL * 86400000 + 2LL * 3600000 + 5 * 60000;
    const LocalTime t = local_time(at, 7 * 60);
    CHECK(t.year == 2026);
    CHECK(t.month == 11);
    CHECK(t.day == 23);
    CHECK(t.weekday == 0);
    CHECK(clock_text(t) == "09:05");
    CHECK(long_date(t, Lang::id) == "Senin, 23 November 2026");
    CHECK(long_date(t, Lang::en) == "Monday, 23 November 2026");
    CHECK(short_date(t) == "23-11-2026");
    CHECK(iso_date(t) == "2026-11-23");
    // 23:30 UTC on Sunday is already Monday in WITA (+08:00).
    const LocalTime late = local_time(20779LL * 86400000 + 23LL * 3600000 + 30 * 60000, 8 * 60);
    CHECK(late.weekday == 0);
    CHECK(clock_text(late) == "07:30");
    const LocalTime agustus = local_time(20682LL * 86400000, 7 * 60);  // 2026-08-17
    CHECK(long_date(agustus, Lang::id) == "Senin, 17 Agustus 2026");
}

TEST_CASE("the search folds case, accents and punctuation", "[kiosk][strings]") {
    CHECK(search_fold("Surat Keterangan (SKA)") == "surat keterangan  ska ");
    CHECK(search_fold("Caf\u00e9 \u00c9") == "cafe e");
    CHECK(search_fold("A\u2013B") == "a b");
}

}  // namespace hall::kiosk
