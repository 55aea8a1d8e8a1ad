// Report figures on a database with known tickets: counts per agency, service, hour and day;
// waiting and service times (mean, median, p90); no-shows and transfers; per officer; the share
// within the Standar Pelayanan; the IKM table; and the CSV/HTML made from them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "queue_server/report.hpp"
#include "queue_server/skm.hpp"
#include "queue_server/survey_store.hpp"
#include "tests/server/test_hall.hpp"

using namespace hall;
using nlohmann::json;

namespace {

// 2026-11-23 00:00 at +07:00, in ms.
constexpr std::int64_t kDay = 20780LL * 86400000 - 7LL * 3600000;
constexpr std::int64_t kMin = 60000;

struct ReportDb {
    ReportDb() {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() / ("hall-report-" + std::to_string(rd()));
        std::filesystem::create_directories(dir);
        auto opened = server::Database::open(dir / "hall.db");
        REQUIRE(opened);
        db.emplace(std::move(*opened));
        auto parsed = parse_hall_config(test::fixture_config_toml(), "test.toml", test::source_dir() / "tests/fixtures",
                                        &catalog);
        REQUIRE(parsed);
        config = *parsed;
        REQUIRE(db->exec("INSERT INTO officers (id, name, pin_hash, created_at) VALUES ('budi', 'Budi Santoso', 'x', 0)"));
    }
    ~ReportDb() {
        db.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }

    // A ticket issued at `hour`:`minute` local time on 2026-11-23 (+ `day` days).
    std::int64_t ticket(const std::string& service, const std::string& state, int hour, int minute, int wait_min,
                        int service_min, int transfers = 0, int day = 0) {
        const std::int64_t issued = kDay + day * 86400000LL + hour * 60 * kMin + minute * kMin;
        const std::string date = day == 0 ? "2026-11-23" : "2026-11-24";
        server::Statement q(*db, "INSERT INTO tickets (date, prefix, seq, number, service, original_service, priority, "
                                 "state, counter, officer, token, issued_at, queued_at, called_at, serving_at, "
                                 "finished_at, transfers, issued_by) VALUES (?1, 'A', ?2, ?3, ?4, ?4, 'regular', ?5, "
                                 "'loket-1', ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12, 'kiosk-1')");
        ++seq;
        q.bind(1, date).bind(2, seq).bind(3, "A-" + std::to_string(seq)).bind(4, service).bind(5, state);
        const bool called = state != "waiting";
        if (called) q.bind(6, "budi"); else q.bind_null(6);
        q.bind(7, "tok" + std::to_string(seq)).bind(8, issued);
        if (called) q.bind(9, issued + wait_min * kMin); else q.bind_null(9);
        if (state == "done") {
            q.bind(10, issued + wait_min * kMin + kMin);
            q.bind(11, issued + wait_min * kMin + kMin + service_min * kMin);
        } else {
            q.bind_null(10);
            if (state == "no_show") q.bind(11, issued + wait_min * kMin + 2 * kMin); else q.bind_null(11);
        }
        q.bind(12, transfers);
        REQUIRE(q.run());
        return db->last_insert_rowid();
    }

    std::filesystem::path dir;
    std::optional<server::Database> db;
    Catalog catalog;
    HallConfig config;
    int seq = 0;
};

}  // namespace

TEST_CASE("report: duration statistics", "[report]") {
    json e = report::duration_stats({});
    CHECK(e["n"] == 0);
    CHECK(e["mean_s"].is_null());
    json s = report::duration_stats({50, 10, 40, 20, 30});
    CHECK(s["n"] == 5);
    CHECK(s["mean_s"] == 30.0);
    CHECK(s["median_s"] == 30.0);
    CHECK(s["p90_s"] == 50.0);
    json even = report::duration_stats({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    CHECK(even["median_s"] == 5.5);
    CHECK(even["p90_s"] == 9.0);
}

TEST_CASE("report: tickets, times, officers, standards and IKM for a date range", "[report]") {
    ReportDb r;
    // Layanan Dua's standard is 30 minutes: two of three served within it.
    const auto a = r.ticket("contoh-dinas.layanan-dua", "done", 9, 0, 4, 20);
    r.ticket("contoh-dinas.layanan-dua", "done", 9, 10, 10, 30);
    r.ticket("contoh-dinas.layanan-dua", "done", 10, 5, 16, 45, /*transfers=*/1);
    r.ticket("contoh-dinas.layanan-satu", "no_show", 10, 20, 2, 0);
    r.ticket("contoh-dinas.layanan-satu", "waiting", 13, 0, 0, 0);
    r.ticket("contoh-dinas.layanan-satu", "done", 8, 30, 40, 5, 0, /*day=*/1);  // the next day
    REQUIRE(server::store_survey(*r.db, a, *skm::parse_response(json{{"answers", {4, 4, 4, 4, 4, 4, 4, 4, 4}}}),
                                 server::SurveyChannel::web, kDay));

    auto built = report::build(*r.db, r.config, r.catalog, "2026-11-23", "2026-11-23", kDay);
    REQUIRE(built);
    const json& rep = *built;
    CHECK(rep["totals"]["issued"] == 5);
    CHECK(rep["totals"]["done"] == 3);
    CHECK(rep["totals"]["no_show"] == 1);
    CHECK(rep["totals"]["transferred"] == 1);
    // Waits 4, 10, 16, 2 minutes.
    CHECK(rep["totals"]["wait"]["n"] == 4);
    CHECK(rep["totals"]["wait"]["mean_s"] == 480.0);
    CHECK(rep["totals"]["wait"]["median_s"] == 420.0);
    CHECK(rep["totals"]["wait"]["p90_s"] == 960.0);
    // Service times 20, 30, 45 minutes.
    CHECK(rep["totals"]["service_time"]["median_s"] == 1800.0);
    REQUIRE(rep["standards"].size() == 1);
    CHECK(rep["standards"][0]["id"] == "contoh-dinas.layanan-dua");
    CHECK(rep["standards"][0]["measured"] == 3);
    CHECK(rep["standards"][0]["within"] == 2);
    CHECK(rep["standards"][0]["share"] == 66.7);
    REQUIRE(rep["agencies"].size() == 1);
    CHECK(rep["agencies"][0]["issued"] == 5);
    CHECK(rep["agencies"][0]["name"] == "Dinas Contoh (Test Fixture)");
    bool nine = false, thirteen = false;
    for (const json& h : rep["hours"]) {
        if (h["hour"] == 9) nine = h["issued"] == 2;
        if (h["hour"] == 13) thirteen = h["issued"] == 1;
    }
    CHECK(nine);
    CHECK(thirteen);
    REQUIRE(rep["officers"].size() == 1);
    CHECK(rep["officers"][0]["name"] == "Budi Santoso");
    CHECK(rep["officers"][0]["done"] == 3);
    CHECK(rep["officers"][0]["no_show"] == 1);
    CHECK(rep["ikm"][0]["scope"] == "hall");
    CHECK(rep["ikm"][0]["ikm"] == "100.00");
    CHECK(rep["ikm"][0]["grade"] == "A");

    auto two_days = report::build(*r.db, r.config, r.catalog, "2026-11-23", "2026-11-24", kDay);
    REQUIRE(two_days);
    CHECK((*two_days)["totals"]["issued"] == 6);
    REQUIRE((*two_days)["days"].size() == 2);
    CHECK((*two_days)["days"][1]["date"] == "2026-11-24");
    CHECK((*two_days)["days"][1]["done"] == 1);

    const std::string csv = report::to_csv(rep);
    CHECK(csv.find("contoh-dinas.layanan-dua,Layanan Dua,30 menit,30.00,3,2,66.70\r\n") != std::string::npos);
    CHECK(csv.find("hall,,Mal Uji,1,4.00,4.00,4.00,4.00,4.00,4.00,4.00,4.00,4.00,100.00,A,Sangat Baik\r\n") != std::string::npos);
    const std::string html = report::to_html(rep, false);
    CHECK(html.find("<script") == std::string::npos);  // the printable page needs nothing else
    CHECK(html.find("100,00 A") != std::string::npos);
    CHECK(html.find("Tiket per jam") != std::string::npos);
    CHECK(html.find("U9 Sarana dan Prasarana") != std::string::npos);
}

TEST_CASE("report: only a finished ticket is rated, once", "[report]") {
    ReportDb r;
    const auto waiting = r.ticket("contoh-dinas.layanan-satu", "waiting", 9, 0, 0, 0);
    const auto done = r.ticket("contoh-dinas.layanan-satu", "done", 9, 0, 1, 1);
    auto answers = *skm::parse_response(json{{"answers", {3, 3, 3, 3, 3, 3, 3, 3, 3}}});
    auto refused = server::store_survey(*r.db, waiting, answers, server::SurveyChannel::kiosk, kDay);
    REQUIRE(!refused);
    CHECK(refused.error().code == "survey_not_done");
    REQUIRE(server::store_survey(*r.db, done, answers, server::SurveyChannel::kiosk, kDay));
    auto twice = server::store_survey(*r.db, done, answers, server::SurveyChannel::web, kDay);
    REQUIRE(!twice);
    CHECK(twice.error().code == "survey_answered");
    auto unknown = server::store_survey(*r.db, 9999, answers, server::SurveyChannel::web, kDay);
    REQUIRE(!unknown);
    CHECK(unknown.error().code == "unknown_ticket");
    // The database refuses a second row for a ticket and an answer out of range by itself.
    CHECK(!r.db->exec("INSERT INTO survey_responses (ticket_id, date, service, at, channel, u1, u2, u3, u4, u5, u6, "
                      "u7, u8, u9) VALUES (" + std::to_string(done) + ", 'd', 's', 0, 'web', 1,1,1,1,1,1,1,1,1)"));
    CHECK(!r.db->exec("INSERT INTO survey_responses (ticket_id, date, service, at, channel, u1, u2, u3, u4, u5, u6, "
                      "u7, u8, u9) VALUES (" + std::to_string(waiting) + ", 'd', 's', 0, 'web', 5,1,1,1,1,1,1,1,1)"));
}

TEST_CASE("report: SVG charts escape their labels", "[report]") {
    const std::string svg = report::svg_columns("<Judul>", {{"a&b", 3, "3"}, {"c", 0, "0"}}, 400, 200);
    CHECK(svg.rfind("<svg", 0) == 0);
    CHECK(svg.find("&lt;Judul&gt;") != std::string::npos);
    CHECK(svg.find("a&amp;b") != std::string::npos);
    const std::string rows = report::svg_rows("NRR", {{"U1", 4.0, "4,00"}}, 4.0, 700);
    CHECK(rows.find("4,00") != std::string::npos);
}
