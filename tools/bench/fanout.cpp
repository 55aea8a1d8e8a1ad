// A call reaching many displays. The subscribers are HallLinks (the client library every
// display uses: CURVE SUB, snapshot, replica, events) spread over a few hall_bench processes
// started in subscriber mode; each notes when every `call` event reached each of its links, on
// CLOCK_MONOTONIC, which all processes of the machine share.
//
// The server commits a batch, then replies, then publishes. The counter's reply to call_next
// therefore leaves right after the commit: "from commit" is measured from the moment that reply
// arrived (it can only be late, never early, so the figure slightly flatters the fan-out by the
// reply's own one-way trip); "from request" adds the request's trip and the commit's sync, an
// upper bound.
#include <signal.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include "common/hall_link.hpp"
#include "tools/bench/bench_hall.hpp"
#include "tools/bench/measures.hpp"

namespace hall::bench {

namespace fs = std::filesystem;

namespace {

constexpr const char* kOfficer = "bench";
constexpr const char* kPin = "2468";
constexpr const char* kService = "disperindag-pasuruan.surat-keterangan-asal";
constexpr const char* kCounter = "loket-1";

std::atomic<bool> g_report{false};
void on_report_signal(int) { g_report = true; }

std::string option(const std::vector<std::string>& args, const std::string& name) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) return args[i + 1];
    return {};
}

}  // namespace

// hall_bench --subscriber --dir HALL --port P --first K --count M --calls N
// Prints "ready" once its M links hold a snapshot, then, when every link saw N calls (or on
// SIGUSR1), one line "call <ticket id> <last receipt ns> <links that got it>" per call, and "done".
int run_subscriber_process(const std::vector<std::string>& args) {
    std::signal(SIGUSR1, on_report_signal);
    auto hall = BenchHall::open(option(args, "--dir"));
    if (!hall) {
        std::fprintf(stderr, "subscriber: %s\n", hall.error().message.c_str());
        return 2;
    }
    const int port = std::atoi(option(args, "--port").c_str());
    const int first = std::atoi(option(args, "--first").c_str());
    const int count = std::atoi(option(args, "--count").c_str());
    const int calls = std::atoi(option(args, "--calls").c_str());

    struct Receipts {
        std::mutex mutex;
        std::map<std::int64_t, std::int64_t> at;  // ticket id -> receipt ns
    };
    std::vector<std::unique_ptr<Receipts>> receipts;
    std::vector<std::unique_ptr<HallLink>> links;
    for (int i = 0; i < count; ++i) {
        ClientOptions o;
        o.host = "127.0.0.1";
        o.port = port;
        o.keys = hall->keys("display-" + std::to_string(first + i));
        receipts.push_back(std::make_unique<Receipts>());
        links.push_back(std::make_unique<HallLink>(o));
    }
    for (int i = 0; i < count; ++i) {
        Receipts* r = receipts[static_cast<std::size_t>(i)].get();
        links[static_cast<std::size_t>(i)]->start({}, [r](const json& event) {
            const std::int64_t t = now_ns();
            if (event.value("action", "") != "call" || !event.contains("ticket")) return;
            std::lock_guard lock(r->mutex);
            r->at.emplace(event["ticket"].value("id", std::int64_t{0}), t);
        });
    }
    const std::int64_t give_up = now_ns() + 60'000'000'000LL;
    for (auto& link : links)
        while (!link->connected() && now_ns() < give_up) sleep_ms(10);
    std::printf("ready\n");
    std::fflush(stdout);
    while (!g_report) {
        bool all = true;
        for (auto& r : receipts) {
            std::lock_guard lock(r->mutex);
            if (static_cast<int>(r->at.size()) < calls) all = false;
        }
        if (all) break;
        sleep_ms(20);
    }
    for (auto& link : links) link->stop();
    std::map<std::int64_t, std::pair<std::int64_t, int>> per_call;  // id -> (last, links)
    for (auto& r : receipts)
        for (auto [id, t] : r->at) {
            auto& entry = per_call[id];
            entry.first = std::max(entry.first, t);
            ++entry.second;
        }
    for (auto& [id, entry] : per_call)
        std::printf("call %lld %lld %d\n", static_cast<long long>(id), static_cast<long long>(entry.first), entry.second);
    std::printf("done\n");
    std::fflush(stdout);
    return 0;
}

Result<FanoutFigures> measure_fanout(const fs::path& work, int subscribers, int processes, int calls) {
    std::error_code ec;
    fs::remove_all(work, ec);
    auto toml = bench_config_toml(ConfigChoice{});
    if (!toml) return toml.error();
    std::map<std::string, std::string> clients{{"kiosk-1", "kiosk"}, {"counter-1", "counter"}};
    for (int i = 1; i <= subscribers; ++i) clients["display-" + std::to_string(i)] = "display";
    auto hall = BenchHall::create(work, *toml, clients);
    if (!hall) return hall.error();
    if (auto s = hall->add_officer(kOfficer, "Petugas Bench", kPin); !s) return s.error();
    ServerProcess server;
    if (auto s = server.start(*hall); !s) return s.error();

    RequestClient kiosk(server.options(*hall, "kiosk-1"));
    RequestClient counter(server.options(*hall, "counter-1"));
    auto login = counter.call(proto::MessageType::login, {{"officer", kOfficer}, {"pin", kPin}, {"counter", kCounter}});
    if (!login || !login->ok) return make_error("fanout", "the bench officer could not log in");

    progress("fan-out: starting " + std::to_string(subscribers) + " subscribers in " + std::to_string(processes) +
             " processes");
    std::vector<Child> children(static_cast<std::size_t>(processes));
    int first = 1;
    for (int p = 0; p < processes; ++p) {
        const int count = subscribers / processes + (p < subscribers % processes ? 1 : 0);
        std::string error;
        if (!children[static_cast<std::size_t>(p)].start(
                {(bin_dir() / "hall_bench").string(), "--subscriber", "--dir", work.string(), "--port",
                 std::to_string(server.request_port()), "--first", std::to_string(first), "--count",
                 std::to_string(count), "--calls", std::to_string(calls)},
                work / "subscribers.log", {}, error))
            return make_error("fanout", "cannot start a subscriber process: " + error);
        first += count;
    }
    for (auto& child : children) {
        auto line = child.read_line(90000);
        if (!line || *line != "ready") return make_error("fanout", "a subscriber process did not get ready");
    }
    sleep_ms(500);

    progress("fan-out: " + std::to_string(calls) + " calls");
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> sent;  // ticket id -> (request ns, reply ns)
    for (int i = 0; i < calls; ++i) {
        auto issued = kiosk.call(proto::MessageType::issue_ticket, {{"service", kService}});
        if (!issued || !issued->ok) return make_error("fanout", "issue_ticket failed");
        const std::int64_t t0 = now_ns();
        auto called = counter.call(proto::MessageType::call_next, {{"counter", kCounter}});
        const std::int64_t t1 = now_ns();
        if (!called || !called->ok) return make_error("fanout", "call_next failed");
        sent[called->body["ticket"].value("id", std::int64_t{0})] = {t0, t1};
        // Let this call reach everyone before the next, as calls in a hall are seconds apart.
        sleep_ms(30);
        (void)counter.call(proto::MessageType::start_serving, {{"counter", kCounter}});
        (void)counter.call(proto::MessageType::finish, {{"counter", kCounter}});
    }

    FanoutFigures figures;
    figures.subscribers = subscribers;
    figures.processes = processes;
    figures.calls = calls;
    std::map<std::int64_t, std::pair<std::int64_t, int>> last;  // id -> (last ns, links)
    for (auto& child : children) {
        bool done = false;
        for (int round = 0; round < 2 && !done; ++round) {
            while (auto line = child.read_line(round == 0 ? 15000 : 5000)) {
                if (*line == "done") {
                    done = true;
                    break;
                }
                long long id = 0, at = 0;
                int n = 0;
                if (std::sscanf(line->c_str(), "call %lld %lld %d", &id, &at, &n) == 3) {
                    auto& entry = last[id];
                    entry.first = std::max<std::int64_t>(entry.first, at);
                    entry.second += n;
                }
            }
            if (!done) ::kill(child.pid(), SIGUSR1);
        }
        child.wait(5000);
    }
    server.stop();
    std::vector<double> from_commit, from_request;
    for (auto& [id, times] : sent) {
        auto it = last.find(id);
        const int received = it == last.end() ? 0 : it->second.second;
        figures.missed += subscribers - received;
        if (it == last.end()) continue;
        from_commit.push_back(ns_to_ms(it->second.first - times.second));
        from_request.push_back(ns_to_ms(it->second.first - times.first));
    }
    figures.from_commit_ms = summarize(std::move(from_commit));
    figures.from_request_ms = summarize(std::move(from_request));
    return figures;
}

}  // namespace hall::bench
