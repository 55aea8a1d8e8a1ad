// A simulated day in the example hall, for the bench and for a supervisor planning staffing
// (`./hall bench --day --counters N`): visitors arrive through the opening hours with a morning
// peak, each for a service of the catalog, and N counters call, serve and finish them through
// the real server, whose clock runs compressed.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/catalog.hpp"
#include "common/result.hpp"
#include "tools/bench/bench_util.hpp"

namespace hall::bench {

struct DayOptions {
    int counters = 0;       // 0 = the example hall's own counters
    int arrivals = 240;     // visitors who come to the kiosk during the day
    double compression = 600;  // simulated seconds per real second
    std::uint64_t seed = 1;
};

struct ServiceDay {
    std::string service;
    std::string name;
    int served = 0;
    int refused = 0;          // the kiosk refused the ticket (quota, break, closed)
    double mean_wait_min = 0;
    double p90_wait_min = 0;
};
struct CounterDay {
    std::string counter;
    int served = 0;
    double busy_min = 0;
    double utilisation = 0;   // busy time / the day (opening to the last finish)
};
struct DayFigures {
    int counters = 0;
    int arrivals = 0;
    int issued = 0;
    int refused = 0;
    double mean_wait_min = 0;
    double p90_wait_min = 0;
    std::string last_finish;  // HH:MM local
    double real_seconds = 0;
    std::vector<ServiceDay> services;
    std::vector<CounterDay> counter_days;
};

// Minutes a visitor spends at the counter for `service`: its Standar Pelayanan duration when the
// catalog gives it in minutes or hours (capped at half an hour: longer ones are processing
// time behind the counter), else a default of 10 minutes.
double service_minutes(const Service* service);
// The share of the day's arrivals in each hour from 08:00 (index 0) to 15:00: the morning peak.
const std::vector<double>& arrival_profile();

Result<DayFigures> simulate_day(const std::filesystem::path& work, const DayOptions& options);
// The supervisor's report, Bahasa Indonesia first, English second.
std::string format_day(const DayFigures& day);

}  // namespace hall::bench
