// Small pieces every measurement of hall_bench uses: a monotonic clock shared by all processes
// of the machine, percentiles, progress lines, child processes (the real queue_server, kiosk,
// display, Xvfb and hall_bench's own subscriber processes) and what /proc says about them.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hall::bench {

// CLOCK_MONOTONIC in nanoseconds: one clock for every process on this machine, so a time taken
// in a subscriber process can be compared with one taken in the driver.
std::int64_t now_ns();
inline double ns_to_ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }
void sleep_ms(std::int64_t ms);

// A sample's summary. Percentiles are nearest-rank on the sorted values.
struct Summary {
    std::size_t count = 0;
    double mean = 0;
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    double max = 0;
};
Summary summarize(std::vector<double> values);
// The nearest-rank percentile `q` (0..1) of `sorted` (ascending, not empty).
double percentile(const std::vector<double>& sorted, double q);

// "[bench] ..." on stderr: progress of the long steps (stdout carries only the table).
void progress(const std::string& line);

// A free TCP port on 127.0.0.1 (bound and released; the kernel's choice).
int free_port();

// A child process whose stdout can be read line by line. The child is killed when this object
// goes (and when hall_bench itself dies: PR_SET_PDEATHSIG), so no run leaves one behind.
class Child {
public:
    Child() = default;
    ~Child();
    Child(Child&& other) noexcept;
    Child& operator=(Child&& other) noexcept;
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // Starts `args[0]` (a path) with `args`. stderr goes to `stderr_file` (appended; empty =
    // /dev/null); `extra_env` entries ("NAME=value") are added to the environment.
    bool start(const std::vector<std::string>& args, const std::filesystem::path& stderr_file,
               const std::vector<std::string>& extra_env, std::string& error);
    // The next line of the child's stdout (without '\n'); nullopt on end of file or timeout.
    std::optional<std::string> read_line(int timeout_ms);
    // SIGTERM, wait up to `grace_ms`, then SIGKILL. Returns the exit status (128+signal if killed).
    int stop(int grace_ms = 5000);
    // Waits for the child to exit on its own; -1 after `timeout_ms`.
    int wait(int timeout_ms);
    pid_t pid() const { return m_pid; }
    bool running() const { return m_pid > 0; }

private:
    pid_t m_pid = -1;
    int m_out = -1;
    std::string m_buffer;
};

// utime + stime of a process (all its threads), in seconds; nullopt when it is gone.
std::optional<double> process_cpu_seconds(pid_t pid);
// VmRSS and VmHWM of a process, in KiB.
struct Memory {
    long rss_kib = 0;
    long hwm_kib = 0;
};
std::optional<Memory> process_memory(pid_t pid);

// The directory holding this executable (build/bin): queue_server, kiosk and display live there.
std::filesystem::path bin_dir();
// The source tree (assets, catalog), from HALL_SOURCE_DIR or the build's setting.
std::filesystem::path source_dir();

}  // namespace hall::bench
