// Idle clients: the real kiosk and display programs under Xvfb, connected to a running server
// with nothing happening, measured by utime + stime from /proc over a window that starts after
// they settled; then the same program forced to redraw at 60 fps (--fps60) as the reference.
#include <sys/stat.h>

#include <algorithm>
#include <fstream>

#include "tools/bench/bench_hall.hpp"
#include "tools/bench/measures.hpp"

namespace hall::bench {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kSettleMs = 3000;

// A display number with no X server, lock or socket.
int free_x_display() {
    for (int n = 90; n < 200; ++n) {
        const std::string lock = "/tmp/.X" + std::to_string(n) + "-lock";
        const std::string socket = "/tmp/.X11-unix/X" + std::to_string(n);
        if (!fs::exists(lock) && !fs::exists(socket)) return n;
    }
    return -1;
}

struct ProgramRun {
    std::string name;
    std::vector<std::string> args;
    Child child;
    double cpu0 = 0;
    std::int64_t t0 = 0;
};

// Starts every program, lets them settle, and returns each one's share of a core (percent)
// over `seconds`.
Result<std::vector<double>> cpu_of(std::vector<ProgramRun>& runs, const std::string& display, const fs::path& log,
                                   double seconds) {
    for (auto& run : runs) {
        std::string error;
        if (!run.child.start(run.args, log, {"DISPLAY=" + display}, error))
            return make_error("idle", "cannot start " + run.name + ": " + error);
    }
    sleep_ms(kSettleMs);
    for (auto& run : runs) {
        auto cpu = process_cpu_seconds(run.child.pid());
        if (!cpu) return make_error("idle", run.name + " exited early (see " + log.string() + ")");
        run.cpu0 = *cpu;
        run.t0 = now_ns();
    }
    sleep_ms(static_cast<std::int64_t>(seconds * 1000));
    std::vector<double> percent;
    for (auto& run : runs) {
        auto cpu = process_cpu_seconds(run.child.pid());
        const double elapsed = static_cast<double>(now_ns() - run.t0) / 1e9;
        if (!cpu) return make_error("idle", run.name + " exited during the measurement (see " + log.string() + ")");
        percent.push_back((*cpu - run.cpu0) / elapsed * 100.0);
    }
    for (auto& run : runs) run.child.stop(5000);
    return percent;
}

}  // namespace

Result<IdleFigures> measure_idle(const fs::path& work, double seconds) {
    IdleFigures figures;
    const fs::path xvfb = "/usr/bin/Xvfb";
    const fs::path kiosk = bin_dir() / "kiosk";
    const fs::path display_bin = bin_dir() / "display";
    if (!fs::exists(xvfb)) {
        figures.skipped = "Xvfb is not installed (apt-get install xvfb)";
        return figures;
    }
    if (!fs::exists(kiosk) || !fs::exists(display_bin)) {
        figures.skipped = "the kiosk and display programs are not built";
        return figures;
    }
    std::error_code ec;
    fs::remove_all(work, ec);
    auto toml = bench_config_toml(ConfigChoice{});
    if (!toml) return toml.error();
    auto hall = BenchHall::create(work, *toml, {{"kiosk-1", "kiosk"}, {"display-1", "display"}});
    if (!hall) return hall.error();
    ServerProcess server;
    if (auto s = server.start(*hall); !s) return s.error();
    // Clients find the server through the config's request port.
    {
        std::string text = *toml;
        auto pos = text.find("request_port = 0");
        if (pos != std::string::npos)
            text.replace(pos, 16, "request_port = " + std::to_string(server.request_port()));
        std::ofstream(work / "client.toml") << text;
    }

    const int number = free_x_display();
    if (number < 0) return make_error("idle", "no free X display number");
    const std::string display = ":" + std::to_string(number);
    Child x;
    std::string error;
    if (!x.start({xvfb.string(), display, "-screen", "0", "1920x1920x24", "-nolisten", "tcp"}, work / "xvfb.log", {},
                 error))
        return make_error("idle", "cannot start Xvfb: " + error);
    const fs::path socket = "/tmp/.X11-unix/X" + std::to_string(number);
    for (int i = 0; i < 100 && !fs::exists(socket); ++i) sleep_ms(50);
    if (!fs::exists(socket)) return make_error("idle", "Xvfb did not start (see " + (work / "xvfb.log").string() + ")");

    const std::string config = (work / "client.toml").string();
    auto kiosk_args = [&](bool fps60) {
        std::vector<std::string> a{kiosk.string(), "--config", config, "--keys", hall->key_dir("kiosk-1").string(),
                                   "--data", work.string(), "--windowed", "--size", "1080x1920"};
        if (fps60) a.push_back("--fps60");
        return a;
    };
    auto display_args = [&](bool fps60) {
        std::vector<std::string> a{display_bin.string(), "--config", config, "--keys",
                                   hall->key_dir("display-1").string(), "--windowed", "--size", "1920x1080"};
        if (fps60) a.push_back("--fps60");
        return a;
    };
    const fs::path log = work / "clients.log";
    progress("idle: kiosk and display idle under Xvfb for " + std::to_string(static_cast<int>(seconds)) + " s");
    std::vector<ProgramRun> idle;
    idle.push_back(ProgramRun{"kiosk", kiosk_args(false), {}, 0, 0});
    idle.push_back(ProgramRun{"display", display_args(false), {}, 0, 0});
    auto idle_cpu = cpu_of(idle, display, log, seconds);
    if (!idle_cpu) return idle_cpu.error();
    // A program redrawing 60 times a second is steady within a few seconds; the idle one only
    // draws on its clock's ticks (the display's running text turns a line every 12 s), so it is
    // measured over a longer window to average several of them.
    const double busy_seconds = std::min(seconds, 10.0);
    std::vector<double> busy;
    for (int i = 0; i < 2; ++i) {
        progress(std::string("idle: ") + (i == 0 ? "kiosk" : "display") + " at 60 fps for " +
                 std::to_string(static_cast<int>(busy_seconds)) + " s");
        std::vector<ProgramRun> one;
        one.push_back(ProgramRun{i == 0 ? "kiosk" : "display", i == 0 ? kiosk_args(true) : display_args(true), {}, 0, 0});
        auto cpu = cpu_of(one, display, log, busy_seconds);
        if (!cpu) return cpu.error();
        busy.push_back((*cpu)[0]);
    }
    x.stop(5000);
    server.stop();
    figures.programs.push_back(IdleProgram{"kiosk", seconds, (*idle_cpu)[0], busy[0]});
    figures.programs.push_back(IdleProgram{"display", seconds, (*idle_cpu)[1], busy[1]});
    return figures;
}

}  // namespace hall::bench
