// hall_bench: measures the hall against this machine's own limits and prints a table (stdout),
// bench-results.json (the project root), and progress lines (stderr). `--day` runs only the
// simulated day, for a supervisor planning staffing.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tools/bench/day.hpp"
#include "tools/bench/report.hpp"

namespace {

constexpr const char* kUsage =
    "usage: hall_bench [--quick] [--only LIST] [--json FILE] [--work DIR]\n"
    "       hall_bench --day [--counters N] [--arrivals N] [--compression X] [--seed S]\n"
    "  --quick          short runs (a smoke test; the targets need the full run)\n"
    "  --only LIST      some measurements: sync,rtt,issue,fanout,idle,history,day (comma-separated)\n"
    "  --json FILE      where the results go (default: bench-results.json in the source tree)\n"
    "  --work DIR       scratch folder (default: bench/ beside the build's bin/; the history cache lives there)\n"
    "  --day            only the simulated day: waits per service and counter utilisation\n"
    "  --counters N     counters of the simulated day (default: the example hall's 8)\n"
    "  --arrivals N     visitors of the simulated day (default 240)\n"
    "  --compression X  simulated seconds per real second (default 600)\n"
    "  --seed S         the day's random choices (default 1)\n";

bool parse_number(const std::string& text, double low, double high, double& out) {
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end && *end == '\0' && !text.empty() && out >= low && out <= high;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace hall::bench;
    std::vector<std::string> args(argv + 1, argv + argc);
    // Subscriber processes of the fan-out measurement re-run this program.
    if (!args.empty() && args[0] == "--subscriber") return run_subscriber_process(args);

    BenchOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](double low, double high, double& out) {
            if (i + 1 >= args.size() || !parse_number(args[i + 1], low, high, out)) {
                std::fprintf(stderr, "hall_bench: %s needs a number from %g to %g\n%s", a.c_str(), low, high, kUsage);
                std::exit(2);
            }
            ++i;
        };
        double n = 0;
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (a == "--quick") {
            options.quick = true;
        } else if (a == "--day") {
            options.day_only = true;
        } else if (a == "--counters") {
            value(1, 64, n), options.day.counters = static_cast<int>(n);
        } else if (a == "--arrivals") {
            value(1, 5000, n), options.day.arrivals = static_cast<int>(n);
        } else if (a == "--compression") {
            value(1, 5000, n), options.day.compression = n;
        } else if (a == "--seed") {
            value(0, 1e15, n), options.day.seed = static_cast<std::uint64_t>(n);
        } else if ((a == "--only" || a == "--json" || a == "--work") && i + 1 < args.size()) {
            const std::string v = args[++i];
            if (a == "--only") options.only = v;
            else if (a == "--json") options.json_file = v;
            else options.work = v;
        } else {
            std::fprintf(stderr, "hall_bench: unknown or incomplete option '%s'\n%s", a.c_str(), kUsage);
            return 2;
        }
    }
    return run_bench(options);
}
