// libFuzzer target: the hall config parser (parse_hall_config) on any TOML text, with the
// fixture catalog folder (tests/fixtures/catalog) as its default catalog. It must never throw or
// crash, and a config it accepts must be consistent: every counter's services are offered
// services of the catalog, and every lookup by id finds what the lists hold.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/hall_config.hpp"
#include "fuzz_check.hpp"

using hall::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    hall::Catalog catalog;
    auto config = hall::parse_hall_config(text, "fuzz.toml", HALL_FIXTURES_DIR, &catalog);
    if (!config) {
        require(!config.error().message.empty());
        return 0;
    }
    for (const hall::OfferedService& s : config->services) {
        require(config->find_service(s.service_id) != nullptr);
        require(catalog.find_service(s.service_id) != nullptr);
        require(!s.prefix.empty());
    }
    for (const hall::CounterConfig& c : config->counters) {
        require(config->find_counter(c.id) == &c || config->find_counter(c.id) != nullptr);
        for (const std::string& id : c.services) require(catalog.find_service(id) != nullptr);
    }
    for (const hall::DaySchedule& day : config->week) {
        if (!day.open) continue;
        require(day.hours.start_minute >= 0 && day.hours.end_minute <= 24 * 60);
        require(day.hours.start_minute < day.hours.end_minute);
    }
    return 0;
}
