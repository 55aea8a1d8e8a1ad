// The crash tool's run: a real `queue_server serve` process, client threads that issue, call,
// serve and finish tickets (retrying with the same request number after a timeout, as the
// programs do), a display replica, and a loop that kills the server with SIGKILL at a random
// moment, checks the database it left behind, restarts it, and checks that the replica
// converges to the restarted server's state.
#pragma once
#include <cstdint>
#include <filesystem>

namespace hall::crash {

struct CrashOptions {
    int cycles = 50;
    int clients = 4;          // half kiosks (rounded up), half counters; at least one of each
    std::uint64_t seed = 0;   // 0: a random seed (printed, so a run can be repeated)
    std::filesystem::path data;        // work folder; empty: a temporary one, removed when all is well
    std::filesystem::path server_bin;  // empty: queue_server beside this program
    std::filesystem::path catalog;     // empty: the fixture catalog of the source tree
    int min_load_ms = 100;    // how long clients work before the kill, drawn per cycle
    int max_load_ms = 600;
    int cycles_per_hall = 100;  // a fresh hall (data dir, server, clients) after this many
};

// Runs the cycles, printing one line per cycle and a summary. Returns the exit status:
// 0 when every check held, 1 on a violation (each printed with its cycle), 2 when the run
// could not be set up.
int run_crash(const CrashOptions& options);

}  // namespace hall::crash
