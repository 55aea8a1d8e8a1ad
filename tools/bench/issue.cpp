// Issuing tickets durably against the real queue_server process: each kiosk client is a thread
// with the project's RequestClient, issuing one ticket after another for a fixed time. A reply
// only comes after the ticket's transaction committed (synchronous=FULL), so every counted
// ticket is on disk.
#include <unistd.h>

#include <atomic>
#include <barrier>
#include <mutex>
#include <thread>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "tools/bench/bench_hall.hpp"
#include "tools/bench/measures.hpp"

namespace hall::bench {

namespace fs = std::filesystem;

namespace {

IssueRun issue_run(const ServerProcess& server, const BenchHall& hall, const std::vector<std::string>& services,
                   int clients, double seconds) {
    std::vector<std::unique_ptr<RequestClient>> links;
    for (int i = 0; i < clients; ++i)
        links.push_back(std::make_unique<RequestClient>(server.options(hall, "kiosk-" + std::to_string(i + 1))));
    std::mutex mutex;
    std::vector<double> latencies;
    std::atomic<int> errors{0};
    std::atomic<std::int64_t> end_ns{0};
    std::barrier ready(clients + 1);
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            RequestClient& client = *links[static_cast<std::size_t>(i)];
            // Connect and finish the CURVE handshake before the clock starts.
            (void)client.call(proto::MessageType::hello);
            ready.arrive_and_wait();
            std::vector<double> mine;
            std::size_t next = static_cast<std::size_t>(i);
            while (now_ns() < end_ns.load()) {
                const std::string& service = services[next++ % services.size()];
                const std::int64_t t0 = now_ns();
                auto reply = client.call(proto::MessageType::issue_ticket, {{"service", service}});
                const std::int64_t t1 = now_ns();
                if (!reply || !reply->ok) {
                    ++errors;
                    continue;
                }
                mine.push_back(ns_to_ms(t1 - t0));
            }
            std::lock_guard lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    }
    const double server_cpu0 = process_cpu_seconds(server.pid()).value_or(0);
    const double client_cpu0 = process_cpu_seconds(::getpid()).value_or(0);
    const std::int64_t start = now_ns();
    end_ns = start + static_cast<std::int64_t>(seconds * 1e9);
    ready.arrive_and_wait();
    for (auto& t : threads) t.join();
    IssueRun run;
    const double elapsed = static_cast<double>(now_ns() - start) / 1e9;
    const double server_cpu = process_cpu_seconds(server.pid()).value_or(0) - server_cpu0;
    run.server_cpu_percent = server_cpu / elapsed * 100;
    run.client_cpu_percent = (process_cpu_seconds(::getpid()).value_or(0) - client_cpu0) / elapsed * 100;
    if (!latencies.empty()) run.server_cpu_us_per_ticket = server_cpu * 1e6 / static_cast<double>(latencies.size());
    run.clients = clients;
    run.seconds = static_cast<double>(now_ns() - start) / 1e9;
    run.tickets = static_cast<int>(latencies.size());
    run.errors = errors.load();
    run.per_second = static_cast<double>(run.tickets) / run.seconds;
    run.latency_ms = summarize(std::move(latencies));
    return run;
}

}  // namespace

Result<IssueFigures> measure_issue(const fs::path& work, double seconds_per_run) {
    std::error_code ec;
    fs::remove_all(work, ec);
    auto toml = bench_config_toml(ConfigChoice{});
    if (!toml) return toml.error();
    std::map<std::string, std::string> clients;
    for (int i = 1; i <= 16; ++i) clients["kiosk-" + std::to_string(i)] = "kiosk";
    auto hall = BenchHall::create(work, *toml, clients);
    if (!hall) return hall.error();
    Catalog catalog;
    auto config = load_hall_config(hall->config_file(), &catalog);
    if (!config) return config.error();
    std::vector<std::string> services;
    for (const auto& s : config->services) services.push_back(s.service_id);

    ServerProcess server;
    if (auto s = server.start(*hall); !s) return s.error();
    IssueFigures figures;
    for (IssueRun* run : {&figures.one, &figures.sixteen}) {
        const int concurrent = run == &figures.one ? 1 : 16;
        auto sync = measure_sync_rate(hall->data_dir(), seconds_per_run / 2);
        if (!sync) return sync.error();
        progress("issue: F " + std::to_string(static_cast<int>(sync->per_second)) + " /s just before; " +
                 std::to_string(concurrent) + " client(s) for " + std::to_string(static_cast<int>(seconds_per_run)) + " s");
        *run = issue_run(server, *hall, services, concurrent, seconds_per_run);
        run->sync = *sync;
    }
    server.stop();
    if (figures.one.tickets == 0 || figures.sixteen.tickets == 0)
        return make_error("issue", "no ticket was issued (see " + (work / "server.log").string() + ")");
    return figures;
}

}  // namespace hall::bench
