// The order of the run: the machine's limits first (they are the references), then the server's
// figures, the clients', the history, and the simulated day.
#include "tools/bench/report.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

namespace hall::bench {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

json summary_json(const Summary& s) {
    return json{{"count", s.count}, {"mean", s.mean}, {"p50", s.p50}, {"p90", s.p90}, {"p99", s.p99}, {"max", s.max}};
}

std::string machine_line() {
    std::string cpu = "unknown CPU";
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("model name", 0) == 0) {
            cpu = line.substr(line.find(':') + 2);
            break;
        }
    std::string os = "Linux";
    std::ifstream release("/etc/os-release");
    for (std::string line; std::getline(release, line);)
        if (line.rfind("PRETTY_NAME=", 0) == 0) os = line.substr(13, line.size() - 14);
    return std::to_string(::sysconf(_SC_NPROCESSORS_ONLN)) + " cores (" + cpu + "), " + os;
}

bool wanted(const BenchOptions& o, const std::string& name) {
    if (o.only.empty()) return true;
    std::string list = "," + o.only + ",";
    return list.find("," + name + ",") != std::string::npos;
}

std::string ms(double v) { return fixed(v, 2) + " ms"; }

}  // namespace

std::string fixed(double value, int digits) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", digits, value);
    return text;
}

std::string format_table(const std::vector<Row>& rows) {
    std::vector<std::string> head{"figure", "value", "reference (same run)", "ratio", "target", "met"};
    std::vector<std::size_t> width(head.size());
    auto cells = [](const Row& r) {
        return std::vector<std::string>{r.figure, r.value, r.reference, r.ratio, r.target,
                                        r.met ? (*r.met ? "yes" : "NO") : "-"};
    };
    for (std::size_t i = 0; i < head.size(); ++i) width[i] = head[i].size();
    for (const auto& r : rows) {
        auto c = cells(r);
        for (std::size_t i = 0; i < c.size(); ++i) width[i] = std::max(width[i], c[i].size());
    }
    std::ostringstream out;
    auto line = [&](const std::vector<std::string>& c) {
        out << "|";
        for (std::size_t i = 0; i < c.size(); ++i) out << " " << c[i] << std::string(width[i] - c[i].size(), ' ') << " |";
        out << "\n";
    };
    line(head);
    out << "|";
    for (auto w : width) out << std::string(w + 2, '-') << "|";
    out << "\n";
    for (const auto& r : rows) line(cells(r));
    return out.str();
}

int run_bench(const BenchOptions& o) {
    const fs::path work = o.work.empty() ? bin_dir().parent_path() / "bench" : o.work;
    std::error_code ec;
    fs::create_directories(work, ec);
    const bool quick = o.quick;

    if (o.day_only) {
        auto day = simulate_day(work / "day", o.day);
        if (!day) {
            std::fprintf(stderr, "hall_bench: the simulated day failed: %s\n", day.error().message.c_str());
            return 1;
        }
        std::fputs(format_day(*day).c_str(), stdout);
        return 0;
    }

    json results{{"machine", machine_line()}, {"quick", quick}};
    {
        std::time_t now = std::time(nullptr);
        char when[32];
        std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
        results["when"] = when;
    }
    std::vector<Row> rows;
    int failures = 0;
    auto failed = [&](const std::string& what, const Error& e) {
        std::fprintf(stderr, "hall_bench: %s could not be measured: %s\n", what.c_str(), e.message.c_str());
        results[what] = json{{"error", e.message}};
        ++failures;
    };

    // ---- the machine's limits ----
    std::optional<SyncRate> sync;
    if (wanted(o, "sync") || wanted(o, "issue")) {
        progress("sync: 4 KiB write + fdatasync in " + work.string());
        auto r = measure_sync_rate(work / "sync", quick ? 1.0 : 5.0);
        if (!r) failed("sync", r.error());
        else {
            sync = *r;
            results["sync"] = json{{"per_second", r->per_second}, {"latency_ms", summary_json(r->latency_ms)},
                                   {"dir", work.string()}};
            rows.push_back({"F: data dir sync rate (4 KiB write + fdatasync)", fixed(r->per_second, 0) + " /s",
                            "p50 " + ms(r->latency_ms.p50) + ", p99 " + ms(r->latency_ms.p99), "", "", std::nullopt});
        }
    }
    std::optional<RoundTrip> rtt;
    if (wanted(o, "rtt") || wanted(o, "issue")) {
        progress("rtt: ZeroMQ round trips on 127.0.0.1");
        auto r = measure_round_trip(quick ? 300 : 3000);
        if (!r) failed("round_trip", r.error());
        else {
            rtt = *r;
            results["round_trip"] = json{{"plain_ms", summary_json(r->plain_ms)}, {"curve_ms", summary_json(r->curve_ms)}};
            rows.push_back({"ZeroMQ round trip, loopback (plain)", "p50 " + ms(r->plain_ms.p50) + ", p99 " + ms(r->plain_ms.p99),
                            "", "", "", std::nullopt});
            rows.push_back({"ZeroMQ round trip, loopback (CURVE)", "p50 " + ms(r->curve_ms.p50) + ", p99 " + ms(r->curve_ms.p99),
                            "", "", "", std::nullopt});
        }
    }

    // ---- issuing durably ----
    if (wanted(o, "issue") && sync && rtt) {
        auto r = measure_issue(work / "issue", quick ? 2.0 : 10.0);
        if (!r) failed("issue", r.error());
        else {
            auto bound_of = [&](const IssueRun& run) { return 2 * run.sync.latency_ms.p99 + rtt->curve_ms.p99 + 1.0; };
            auto run_json = [&](const IssueRun& run) {
                return json{{"clients", run.clients}, {"tickets", run.tickets}, {"errors", run.errors},
                            {"seconds", run.seconds}, {"per_second", run.per_second},
                            {"F", run.sync.per_second}, {"sync_latency_ms", summary_json(run.sync.latency_ms)},
                            {"ratio_to_F", run.per_second / run.sync.per_second},
                            {"latency_ms", summary_json(run.latency_ms)},
                            {"server_cpu_percent", run.server_cpu_percent},
                            {"client_cpu_percent", run.client_cpu_percent},
                            {"server_cpu_us_per_ticket", run.server_cpu_us_per_ticket}};
            };
            const IssueRun& one = r->one;
            const IssueRun& many = r->sixteen;
            const double bound = bound_of(one);
            const double ratio = many.per_second / many.sync.per_second;
            results["issue"] = json{{"one", run_json(one)}, {"sixteen", run_json(many)}, {"p99_bound_ms", bound}};
            results["issue"]["one"]["p99_bound_ms"] = bound;
            results["issue"]["targets"] = json{{"sixteen_ratio_at_least_0_8", ratio >= 0.8},
                                               {"one_p99_within_bound", one.latency_ms.p99 <= bound}};
            auto f_of = [](const IssueRun& run) {
                return "F " + fixed(run.sync.per_second, 0) + " /s (sync p99 " + ms(run.sync.latency_ms.p99) + ")";
            };
            rows.push_back({"issue, 1 client: tickets/s", fixed(one.per_second, 0) + " /s", f_of(one),
                            fixed(one.per_second / one.sync.per_second, 2) + " x F", "", std::nullopt});
            rows.push_back({"issue, 1 client: latency", "p50 " + ms(one.latency_ms.p50) + ", p99 " + ms(one.latency_ms.p99),
                            "2 x sync p99 + RTT p99 + 1 ms = " + ms(bound), fixed(one.latency_ms.p99 / bound, 2),
                            "p99 <= bound", one.latency_ms.p99 <= bound});
            rows.push_back({"issue, 16 clients: tickets/s", fixed(many.per_second, 0) + " /s", f_of(many),
                            fixed(ratio, 2) + " x F", ">= 0.8 x F", ratio >= 0.8});
            rows.push_back({"issue, 16 clients: latency",
                            "p50 " + ms(many.latency_ms.p50) + ", p99 " + ms(many.latency_ms.p99), "", "", "",
                            std::nullopt});
            for (const IssueRun* run : {&one, &many})
                rows.push_back({"issue, " + std::to_string(run->clients) + " client(s): CPU",
                                "server " + fixed(run->server_cpu_percent, 0) + " % of a core, " +
                                    fixed(run->server_cpu_us_per_ticket, 0) + " us/ticket",
                                "clients " + fixed(run->client_cpu_percent, 0) + " %", "", "", std::nullopt});
        }
    }

    // ---- a call reaching the displays ----
    if (wanted(o, "fanout")) {
        const int subscribers = 100;
        auto r = measure_fanout(work / "fanout", subscribers, 4, quick ? 20 : 200);
        if (!r) failed("fanout", r.error());
        else {
            results["fanout"] = json{{"subscribers", r->subscribers}, {"processes", r->processes}, {"calls", r->calls},
                                     {"missed", r->missed}, {"from_commit_ms", summary_json(r->from_commit_ms)},
                                     {"from_request_ms", summary_json(r->from_request_ms)},
                                     {"target_p99_under_20ms", r->from_commit_ms.p99 < 20 && r->missed == 0}};
            rows.push_back({"call -> last of 100 displays (from commit)",
                            "p50 " + ms(r->from_commit_ms.p50) + ", p99 " + ms(r->from_commit_ms.p99),
                            "20 ms; missed " + std::to_string(r->missed), fixed(r->from_commit_ms.p99 / 20.0, 2),
                            "p99 < 20 ms", r->from_commit_ms.p99 < 20 && r->missed == 0});
            rows.push_back({"call -> last of 100 displays (from request)",
                            "p50 " + ms(r->from_request_ms.p50) + ", p99 " + ms(r->from_request_ms.p99),
                            "includes the commit's sync", "", "", std::nullopt});
        }
    }

    // ---- idle clients ----
    if (wanted(o, "idle")) {
        auto r = measure_idle(work / "idle", quick ? 3.0 : 30.0);
        if (!r) failed("idle", r.error());
        else if (!r->skipped.empty()) {
            results["idle"] = json{{"skipped", r->skipped}};
            rows.push_back({"idle kiosk and display", "not measured: " + r->skipped, "", "", "", std::nullopt});
        } else {
            json list = json::array();
            for (const auto& p : r->programs) {
                const double ratio = p.fps60_percent > 0 ? p.idle_percent / p.fps60_percent : 0;
                const bool met = p.idle_percent <= 1.0 && ratio <= 0.05;
                list.push_back(json{{"program", p.program}, {"seconds", p.seconds}, {"idle_percent", p.idle_percent},
                                    {"fps60_percent", p.fps60_percent}, {"ratio", ratio}, {"met", met}});
                rows.push_back({"idle " + p.program + " (Xvfb, " + fixed(p.seconds, 0) + " s): CPU",
                                fixed(p.idle_percent, 2) + " % of a core", "60 fps: " + fixed(p.fps60_percent, 1) + " %",
                                fixed(ratio, 3), "<= 1 % and <= 0.05 x", met});
            }
            results["idle"] = list;
        }
    }

    // ---- history ----
    if (wanted(o, "history")) {
        const std::int64_t tickets = quick ? 20000 : 1000000;
        auto r = measure_history(work / "history", work / "cache", tickets, quick ? 50 : 1000);
        if (!r) failed("history", r.error());
        else {
            results["history"] = json{{"tickets", r->tickets}, {"events", r->events}, {"db_mib", r->db_megabytes},
                                      {"generate_seconds", r->generate_seconds}, {"ready_cold_ms", r->ready_cold_ms},
                                      {"ready_warm_ms", r->ready_warm_ms}, {"load_requests", r->load_requests},
                                      {"load_seconds", r->load_seconds}, {"rss_mib", r->rss_mib}, {"hwm_mib", r->hwm_mib},
                                      {"target_ready_within_1s", r->ready_cold_ms <= 1000},
                                      {"target_rss_at_most_32mib", r->rss_mib <= 32}};
            const std::string year = std::to_string(r->tickets) + " tickets, " + fixed(r->db_megabytes, 0) + " MiB";
            rows.push_back({"server ready on a year (cold cache)", ms(r->ready_cold_ms), year,
                            fixed(r->ready_cold_ms / 1000.0, 3), "<= 1 s", r->ready_cold_ms <= 1000});
            rows.push_back({"server ready on a year (warm cache)", ms(r->ready_warm_ms), "1 s",
                            fixed(r->ready_warm_ms / 1000.0, 3), "<= 1 s", r->ready_warm_ms <= 1000});
            rows.push_back({"server RSS after an hour of load", fixed(r->rss_mib, 1) + " MiB (peak " + fixed(r->hwm_mib, 1) + ")",
                            std::to_string(r->load_requests) + " requests in " + fixed(r->load_seconds, 0) + " s",
                            fixed(r->rss_mib / 32.0, 2), "<= 32 MiB", r->rss_mib <= 32});
        }
    }

    // ---- the simulated day ----
    if (wanted(o, "day")) {
        DayOptions day_options = o.day;
        if (quick) day_options.arrivals = 60, day_options.compression = 1200;
        auto r = simulate_day(work / "day", day_options);
        if (!r) failed("day", r.error());
        else {
            json services = json::array();
            for (const auto& s : r->services)
                services.push_back(json{{"service", s.service}, {"served", s.served}, {"refused", s.refused},
                                        {"mean_wait_min", s.mean_wait_min}, {"p90_wait_min", s.p90_wait_min}});
            json counters = json::array();
            double sum = 0;
            for (const auto& c : r->counter_days) {
                counters.push_back(json{{"counter", c.counter}, {"served", c.served}, {"busy_min", c.busy_min},
                                        {"utilisation", c.utilisation}});
                sum += c.utilisation;
            }
            const double mean_util = r->counter_days.empty() ? 0 : sum / static_cast<double>(r->counter_days.size());
            results["day"] = json{{"counters", r->counters}, {"arrivals", r->arrivals}, {"issued", r->issued},
                                  {"refused", r->refused}, {"mean_wait_min", r->mean_wait_min},
                                  {"p90_wait_min", r->p90_wait_min}, {"last_finish", r->last_finish},
                                  {"real_seconds", r->real_seconds}, {"services", services}, {"counter_days", counters},
                                  {"mean_utilisation", mean_util}};
            rows.push_back({"simulated day: wait, all services",
                            "mean " + fixed(r->mean_wait_min, 1) + " min, p90 " + fixed(r->p90_wait_min, 1) + " min",
                            std::to_string(r->issued) + " tickets, " + std::to_string(r->counters) + " counters", "", "",
                            std::nullopt});
            rows.push_back({"simulated day: counter utilisation", "mean " + fixed(mean_util * 100, 0) + " %",
                            "last visitor done " + r->last_finish, "", "", std::nullopt});
            std::fputs(format_day(*r).c_str(), stderr);
        }
    }

    std::printf("Bench on %s%s\n\n", machine_line().c_str(), quick ? " (--quick: short runs)" : "");
    std::fputs(format_table(rows).c_str(), stdout);
    const fs::path file = o.json_file.empty() ? source_dir() / "bench-results.json" : o.json_file;
    std::ofstream out(file);
    out << results.dump(2) << "\n";
    if (!out) {
        std::fprintf(stderr, "hall_bench: cannot write %s\n", file.string().c_str());
        return 1;
    }
    progress("results written to " + file.string());
    return failures ? 1 : 0;
}

}  // namespace hall::bench
