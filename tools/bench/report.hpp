// Runs the measurements and reports them: every figure with its reference from the same run,
// the ratio, and whether its target is met, as a table and as JSON.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/bench/day.hpp"
#include "tools/bench/measures.hpp"

namespace hall::bench {

struct BenchOptions {
    bool quick = false;
    bool day_only = false;
    std::string only;  // comma-separated measurement names; empty = all
    std::filesystem::path json_file;  // empty = <source>/bench-results.json
    std::filesystem::path work;       // empty = <bin>/../bench
    DayOptions day;
};

// One line of the table.
struct Row {
    std::string figure;
    std::string value;
    std::string reference;  // what it is compared with, measured in the same run
    std::string ratio;
    std::string target;
    std::optional<bool> met;  // nullopt: no target
};

// The table as text (fixed-width columns).
std::string format_table(const std::vector<Row>& rows);
// "12.3" with `digits` decimals.
std::string fixed(double value, int digits);

// Runs what `options` asks; prints, writes the JSON; returns the exit status (0 even when a
// target is missed: the table says so; 1 when a measurement could not run).
int run_bench(const BenchOptions& options);

}  // namespace hall::bench
