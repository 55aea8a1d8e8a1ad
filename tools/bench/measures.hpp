// The measurements of `./hall bench`. Each returns its figures (and, where a target applies,
// the reference measured in the same run); report.hpp turns them into the table and the JSON.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "tools/bench/bench_util.hpp"

namespace hall::bench {

// F: a loop of 4 KiB write + fdatasync in `dir` (the data directory's file system).
struct SyncRate {
    double per_second = 0;
    Summary latency_ms;
};
Result<SyncRate> measure_sync_rate(const std::filesystem::path& dir, double seconds);

// A DEALER/ROUTER echo on 127.0.0.1 (another thread), plain and with CURVE as the hall uses.
struct RoundTrip {
    Summary plain_ms;
    Summary curve_ms;
};
Result<RoundTrip> measure_round_trip(int count);

// Tickets issued durably by the real server, with `clients` concurrent kiosk clients.
struct IssueRun {
    // F measured on the data dir right before this run: the disk's rate changes with what else
    // the machine does, so each run is compared with the rate of its own moment.
    SyncRate sync;
    int clients = 0;
    int tickets = 0;
    int errors = 0;
    double seconds = 0;
    double per_second = 0;
    Summary latency_ms;
    // Where the machine's two cores went: the server's and the clients' (this process) CPU.
    double server_cpu_percent = 0;  // % of one core
    double client_cpu_percent = 0;
    double server_cpu_us_per_ticket = 0;
};
struct IssueFigures {
    IssueRun one;
    IssueRun sixteen;
};
Result<IssueFigures> measure_issue(const std::filesystem::path& work, double seconds_per_run);

// A call reaching `subscribers` displays (HallLinks in `processes` processes).
struct FanoutFigures {
    int subscribers = 0;
    int processes = 0;
    int calls = 0;
    int missed = 0;          // (call, subscriber) pairs never received
    Summary from_commit_ms;  // last receipt - the call's reply (sent right after its commit)
    Summary from_request_ms; // last receipt - the call request sent (upper bound: includes the commit's sync)
};
Result<FanoutFigures> measure_fanout(const std::filesystem::path& work, int subscribers, int processes, int calls);
// The subscriber process (hall_bench --subscriber ...): see fanout.cpp.
int run_subscriber_process(const std::vector<std::string>& args);

// CPU of an idle kiosk and display under Xvfb, against the same program at 60 fps.
struct IdleProgram {
    std::string program;
    double seconds = 0;
    double idle_percent = 0;   // % of one core
    double fps60_percent = 0;  // % of one core
};
struct IdleFigures {
    std::vector<IdleProgram> programs;
    std::string skipped;  // why it was not measured (no Xvfb, no GUI build), else empty
};
Result<IdleFigures> measure_idle(const std::filesystem::path& work, double seconds);

// A year of history, then the server's start on it and its memory after an hour of load.
struct HistoryFigures {
    std::int64_t tickets = 0;
    std::int64_t events = 0;
    double db_megabytes = 0;
    double generate_seconds = 0;  // 0 when the cached database was used
    double ready_cold_ms = 0;     // the database's pages evicted from the page cache first
    double ready_warm_ms = 0;
    int load_requests = 0;
    double load_seconds = 0;
    double rss_mib = 0;
    double hwm_mib = 0;
};
Result<HistoryFigures> measure_history(const std::filesystem::path& work, const std::filesystem::path& cache,
                                       std::int64_t tickets, int load_tickets);

}  // namespace hall::bench
