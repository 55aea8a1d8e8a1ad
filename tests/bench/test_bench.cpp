// hall_bench's own pieces (percentiles, the bench hall's config, service times) and a smoke
// run: a very short bench whose JSON must hold every figure. No timing is asserted here: the
// figures themselves are for `./hall bench`, on a quiet machine.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "common/hall_config.hpp"
#include "tools/bench/bench_hall.hpp"
#include "tools/bench/day.hpp"
#include "tools/bench/report.hpp"

using namespace hall;
using namespace hall::bench;

TEST_CASE("percentiles are nearest-rank on the sorted sample", "[bench]") {
    std::vector<double> values;
    for (int i = 100; i >= 1; --i) values.push_back(i);
    Summary s = summarize(values);
    CHECK(s.count == 100);
    CHECK(s.p50 == 50);
    CHECK(s.p90 == 90);
    CHECK(s.p99 == 99);
    CHECK(s.max == 100);
    CHECK(s.mean == Approx(50.5));
    CHECK(summarize({}).count == 0);
    CHECK(percentile({7.0}, 0.99) == 7.0);
}

TEST_CASE("the bench hall is the example hall, open all day, without quotas, on free ports", "[bench]") {
    auto toml = bench_config_toml(ConfigChoice{});
    REQUIRE(toml);
    Catalog catalog;
    auto config = parse_hall_config(*toml, "hall.toml", source_dir(), &catalog);
    REQUIRE(config);
    auto example = load_hall_config(source_dir() / "assets/hall.example.toml");
    REQUIRE(example);
    CHECK(config->services.size() == example->services.size());
    CHECK(config->counters.size() == example->counters.size());
    CHECK(config->server.request_port == 0);
    CHECK(config->server.publish_port == 0);
    CHECK(config->holidays.empty());
    CHECK(config->backup.interval_minutes == 0);
    for (const auto& day : config->week) {
        CHECK(day.open);
        CHECK(day.breaks.empty());
        CHECK(day.hours.start_minute == 0);
        CHECK(day.hours.end_minute == 24 * 60);
    }
    for (const auto& s : config->services) CHECK(s.daily_quota == 0);

    // The simulated day keeps the example's hours, breaks and quotas.
    auto day_toml = bench_config_toml(ConfigChoice{false, false, true, {}});
    REQUIRE(day_toml);
    auto day = parse_hall_config(*day_toml, "hall.toml", source_dir());
    REQUIRE(day);
    CHECK(day->holidays.size() == example->holidays.size());
    CHECK(day->week[0].breaks.size() == example->week[0].breaks.size());
    CHECK(day->week[5].open == example->week[5].open);
}

TEST_CASE("service times come from the Standar Pelayanan in minutes or hours, else a default", "[bench]") {
    Service s;
    CHECK(service_minutes(nullptr) == 10);
    CHECK(service_minutes(&s) == 10);
    s.duration.value = 15;
    s.duration.unit = DurationUnit::minute;
    CHECK(service_minutes(&s) == Approx(15));
    s.duration.value = 2;
    s.duration.unit = DurationUnit::hour;
    CHECK(service_minutes(&s) == Approx(30));  // capped: the rest is work behind the counter
    s.duration.unit = DurationUnit::working_day;
    CHECK(service_minutes(&s) == 10);
    double total = 0;
    for (double share : arrival_profile()) total += share;
    CHECK(total == Approx(1.0));
    CHECK(arrival_profile()[1] > arrival_profile()[5]);  // the morning peak
}

TEST_CASE("a short bench writes every figure to its JSON", "[bench][smoke]") {
    std::random_device rd;
    const auto dir = std::filesystem::temp_directory_path() / ("hall-bench-test-" + std::to_string(rd()));
    BenchOptions options;
    options.quick = true;
    options.only = "sync,rtt,issue,fanout,history,day";
    options.work = dir / "work";
    options.json_file = dir / "results.json";
    CHECK(run_bench(options) == 0);
    std::ifstream in(options.json_file);
    auto results = nlohmann::json::parse(in, nullptr, false);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    REQUIRE(results.is_object());
    CHECK(results["sync"]["per_second"].get<double>() > 0);
    CHECK(results["sync"]["latency_ms"].contains("p99"));
    CHECK(results["round_trip"]["curve_ms"].contains("p99"));
    for (const char* run : {"one", "sixteen"}) {
        CHECK(results["issue"][run]["tickets"].get<int>() > 0);
        CHECK(results["issue"][run]["latency_ms"].contains("p99"));
        CHECK(results["issue"][run].contains("ratio_to_F"));
    }
    CHECK(results["issue"].contains("p99_bound_ms"));
    CHECK(results["fanout"]["subscribers"] == 100);
    CHECK(results["fanout"]["missed"] == 0);
    CHECK(results["fanout"]["from_commit_ms"].contains("p99"));
    CHECK(results["history"]["tickets"] == 20000);
    for (const char* key : {"ready_cold_ms", "ready_warm_ms", "rss_mib", "hwm_mib"})
        CHECK(results["history"][key].get<double>() > 0);
    CHECK(results["day"]["issued"].get<int>() > 0);
    CHECK(results["day"]["services"].size() > 0);
    CHECK(results["day"]["counter_days"].size() == 8);
}
