// hall_crash: kills a real queue_server with SIGKILL at random moments under load and checks,
// after each crash, that nothing acknowledged was lost. All the work is in crash_run.cpp.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tools/crash/crash_run.hpp"

namespace {

constexpr const char* kUsage =
    "usage: hall_crash [--cycles N] [--clients N] [--seed S] [--data DIR] [--load MIN-MAX] [--per-hall N]\n"
    "                  [--server PATH] [--catalog DIR]\n"
    "  --cycles N     kill/restart cycles (default 50)\n"
    "  --clients N    client threads, half kiosks and half counters (default 4)\n"
    "  --seed S       repeat a run's random choices (default: random, printed)\n"
    "  --data DIR     work folder, kept afterwards (default: a temporary one, removed on success)\n"
    "  --load MIN-MAX milliseconds of work before each kill (default 100-600)\n"
    "  --per-hall N   start a fresh hall every N cycles (default 100)\n"
    "  --server PATH  the queue_server to test (default: the one beside hall_crash)\n"
    "  --catalog DIR  the catalog of the test hall (default: the source tree's fixture catalog)\n"
    "Exit status: 0 all checks held, 1 a violation (printed), 2 the run could not be set up.\n";

bool parse_int(const char* text, long long low, long long high, long long& out) {
    char* end = nullptr;
    out = std::strtoll(text, &end, 10);
    return end && *end == '\0' && out >= low && out <= high;
}

}  // namespace

int main(int argc, char** argv) {
    hall::crash::CrashOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "hall_crash: %s needs a value\n%s", a.c_str(), kUsage);
            return 2;
        }
        const char* value = argv[++i];
        long long n = 0;
        bool ok = true;
        if (a == "--cycles") ok = parse_int(value, 1, 1000000, n), options.cycles = static_cast<int>(n);
        else if (a == "--clients") ok = parse_int(value, 2, 64, n), options.clients = static_cast<int>(n);
        else if (a == "--seed") ok = parse_int(value, 1, 0x7fffffffffffffffLL, n), options.seed = static_cast<std::uint64_t>(n);
        else if (a == "--per-hall") ok = parse_int(value, 1, 1000000, n), options.cycles_per_hall = static_cast<int>(n);
        else if (a == "--data") options.data = value;
        else if (a == "--server") options.server_bin = value;
        else if (a == "--catalog") options.catalog = value;
        else if (a == "--load") {
            std::string range = value;
            auto dash = range.find('-');
            long long low = 0, high = 0;
            ok = dash != std::string::npos && parse_int(range.substr(0, dash).c_str(), 0, 600000, low) &&
                 parse_int(range.substr(dash + 1).c_str(), low, 600000, high);
            options.min_load_ms = static_cast<int>(low);
            options.max_load_ms = static_cast<int>(high);
        } else {
            std::fprintf(stderr, "hall_crash: unknown option %s\n%s", a.c_str(), kUsage);
            return 2;
        }
        if (!ok) {
            std::fprintf(stderr, "hall_crash: bad value '%s' for %s\n%s", value, a.c_str(), kUsage);
            return 2;
        }
    }
    return hall::crash::run_crash(options);
}
