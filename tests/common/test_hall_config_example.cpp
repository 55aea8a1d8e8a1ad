// The shipped example configuration (assets/hall.example.toml, the demo default) must load
// against the real catalog, offer every service of the five agencies, and keep the Friday
// prayer break.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "common/hall_config.hpp"

namespace fs = std::filesystem;

namespace {

fs::path example_source_dir() {
    if (const char* env = std::getenv("HALL_SOURCE_DIR"); env && *env) return env;
    return HALL_SOURCE_DIR;
}

}  // namespace

TEST_CASE("hall.example.toml offers all 83 services of the five agencies", "[hall_config][example]") {
    hall::Catalog catalog;
    auto result = hall::load_hall_config(example_source_dir() / "assets" / "hall.example.toml", &catalog);
    INFO((result.ok() ? std::string() : result.error().message));
    REQUIRE(result.ok());
    const hall::HallConfig& c = *result;

    CHECK(c.hall_name == "Mal Pelayanan Publik Kabupaten Pasuruan");
    CHECK(c.utc_offset_minutes == 7 * 60);
    CHECK(c.catalog_dir == (fs::absolute(example_source_dir()) / "assets" / "catalog").lexically_normal());

    const std::set<std::string> agencies{"disperindag-pasuruan", "diskopumkm-pasuruan", "setda-pasuruan",
                                         "disperinaker-probolinggo", "dpmptsp-purwakarta"};
    REQUIRE(catalog.agencies().size() == 5);
    std::set<std::string> offered_agencies;
    for (const auto& s : c.services) offered_agencies.insert(s.agency_id);
    CHECK(offered_agencies == agencies);

    CHECK(catalog.service_count() == 83);
    CHECK(c.services.size() == 83);
    for (const auto& agency : catalog.agencies())
        for (const auto& service : agency.services) {
            INFO(service.id);
            CHECK(c.find_service(service.id) != nullptr);
        }

    // Every offered service has a counter (the reader enforces it; checked here as the demo's promise).
    std::set<std::string> served;
    for (const auto& counter : c.counters) served.insert(counter.services.begin(), counter.services.end());
    CHECK(served.size() == 83);
    CHECK(c.counters.size() == 8);
    CHECK(c.zones.size() == 2);

    // Agency prefixes A-E.
    CHECK(c.find_service(catalog.find_agency("setda-pasuruan")->services.front().id)->prefix == "C");
    CHECK(c.find_service(catalog.find_agency("dpmptsp-purwakarta")->services.front().id)->prefix == "E");

    SECTION("Friday has the prayer break, inside its opening hours") {
        const auto& friday = c.week[4];
        REQUIRE(friday.open);
        bool found = false;
        for (const auto& b : friday.breaks) {
            if (b.name != "Sholat Jumat") continue;
            found = true;
            CHECK(b.time.start_minute >= friday.hours.start_minute);
            CHECK(b.time.end_minute <= friday.hours.end_minute);
            CHECK(b.time.contains(12 * 60));  // the Friday prayer is around noon
        }
        CHECK(found);
        CHECK_FALSE(c.week[5].open);
        CHECK_FALSE(c.week[6].open);
        for (int day = 0; day < 4; ++day) {
            INFO(day);
            CHECK(c.week[static_cast<std::size_t>(day)].open);
            CHECK(c.week[static_cast<std::size_t>(day)].breaks.size() == 1);
        }
    }
    SECTION("endpoints and printer of the demo") {
        CHECK(c.server.bind_address == "127.0.0.1");
        CHECK(c.server.request_port == 5555);
        CHECK(c.server.publish_port == 5556);
        CHECK(c.server.http_port == 8080);
        CHECK(c.printer.sink == hall::PrinterSink::file);
        CHECK(c.printer.path == "tickets");
        CHECK(c.priority.mode == hall::PriorityMode::interleave);
        CHECK(c.priority.regular_per_priority == 1);
        CHECK(c.find_holiday("2026-12-25") != nullptr);
    }
}
