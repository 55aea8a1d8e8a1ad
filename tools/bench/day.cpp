// The simulated day runs the real server core in this process with a compressed clock (the
// engine stamps every ticket with it), and drives it through the real client library: one kiosk
// and one desk client per counter. The waits and the counters' busy time are read back from the
// server's own records (the final snapshot), not from the driver's bookkeeping.
//
// The data dir lives in /dev/shm when there is one: this is a model of the hall's queues, not a
// durability measurement, and a disk sync of a few milliseconds would be seconds of simulated
// time at this compression.
#include "tools/bench/day.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "common/hall_config.hpp"
#include "common/log.hpp"
#include "common/request_client.hpp"
#include "queue_server/server.hpp"
#include "tools/bench/bench_hall.hpp"

namespace hall::bench {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPin = "2468";
// 2026-11-23 is a Monday (day 20780 since the epoch), an ordinary working day of the example.
constexpr std::int64_t kDayUtcMs = 20780LL * 86400000;
constexpr int kOpenMinute = 8 * 60;
constexpr int kCloseMinute = 15 * 60;

std::string hhmm(double minute) {
    const int m = static_cast<int>(std::lround(minute));
    char text[32];
    std::snprintf(text, sizeof text, "%02d:%02d", m / 60, m % 60);
    return text;
}

// N counters over the example's agencies, in proportion to the example's own staffing (its
// counters per agency reflect the demand the hall expects); every agency gets one when N allows.
std::string counters_toml(const HallConfig& example, int n) {
    std::vector<std::pair<std::string, int>> agencies;  // agency wildcard -> example counters
    for (const auto& c : example.counters) {
        const std::string agency = c.services.empty() ? "" : c.services.front().substr(0, c.services.front().find('.'));
        auto it = std::find_if(agencies.begin(), agencies.end(), [&](auto& a) { return a.first == agency; });
        if (it == agencies.end()) agencies.emplace_back(agency, 1);
        else ++it->second;
    }
    const int total = static_cast<int>(example.counters.size());
    std::vector<std::vector<std::string>> served(static_cast<std::size_t>(n));
    if (n < static_cast<int>(agencies.size())) {
        for (std::size_t a = 0; a < agencies.size(); ++a) served[a % static_cast<std::size_t>(n)].push_back(agencies[a].first);
    } else {
        std::vector<int> share;
        int given = 0;
        for (auto& a : agencies) {
            share.push_back(std::max(1, a.second * n / total));
            given += share.back();
        }
        // Hand out what rounding left to the busiest agencies first.
        for (std::size_t i = 0; given < n; i = (i + 1) % share.size(), ++given) ++share[i];
        for (std::size_t i = share.size(); given > n; --given) {
            i = (i + share.size() - 1) % share.size();
            while (share[i] <= 1) i = (i + share.size() - 1) % share.size();
            --share[i];
        }
        std::size_t k = 0;
        for (std::size_t a = 0; a < agencies.size(); ++a)
            for (int j = 0; j < share[a]; ++j) served[k++].push_back(agencies[a].first);
    }
    std::ostringstream out;
    for (int i = 0; i < n; ++i) {
        out << "[[counter]]\nid = \"loket-" << i + 1 << "\"\nname = \"Loket " << i + 1 << "\"\nservices = [";
        for (std::size_t j = 0; j < served[static_cast<std::size_t>(i)].size(); ++j)
            out << (j ? ", " : "") << "\"" << served[static_cast<std::size_t>(i)][j] << ".*\"";
        out << "]\n\n";
    }
    return out.str();
}

}  // namespace

double service_minutes(const Service* service) {
    constexpr double kDefault = 10;
    if (!service || !service->duration.unit) return kDefault;
    const auto unit = *service->duration.unit;
    if (unit != DurationUnit::minute && unit != DurationUnit::hour) return kDefault;
    auto minutes = service->duration.max_minutes();
    if (!minutes || *minutes <= 0) return kDefault;
    return std::min(*minutes, 30.0);
}

const std::vector<double>& arrival_profile() {
    // 08-09, 09-10, 10-11, 11-12, 12-13 (break: no tickets), 13-14, 14-15.
    static const std::vector<double> profile{0.17, 0.26, 0.22, 0.13, 0.0, 0.13, 0.09};
    return profile;
}

Result<DayFigures> simulate_day(const fs::path& work, const DayOptions& options) {
    std::error_code ec;
    // The example hall as shipped (hours, breaks, quotas), with N counters if asked.
    Catalog catalog;
    auto example_toml = bench_config_toml(ConfigChoice{false, false, true, {}});
    if (!example_toml) return example_toml.error();
    auto example = parse_hall_config(*example_toml, "hall.toml", source_dir(), &catalog);
    if (!example) return example.error();
    const int n = options.counters > 0 ? options.counters : static_cast<int>(example->counters.size());
    ConfigChoice choice{false, false, true, {}};
    if (n != static_cast<int>(example->counters.size())) choice.counters_toml = counters_toml(*example, n);
    auto toml = bench_config_toml(choice);
    if (!toml) return toml.error();

    fs::path dir = work;
    if (fs::is_directory("/dev/shm")) dir = fs::path("/dev/shm") / ("hall-bench-day-" + std::to_string(::getpid()));
    fs::remove_all(dir, ec);
    std::map<std::string, std::string> clients{{"kiosk-1", "kiosk"}};
    for (int i = 1; i <= n; ++i) clients["counter-" + std::to_string(i)] = "counter";
    auto hall = BenchHall::create(dir, *toml, clients);
    if (!hall) return hall.error();
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code e;
            fs::remove_all(dir, e);
        }
    } cleanup{dir};
    for (int i = 1; i <= n; ++i)
        if (auto s = hall->add_officer("petugas-" + std::to_string(i), "Petugas " + std::to_string(i), kPin); !s)
            return s.error();
    Catalog day_catalog;
    auto config = load_hall_config(hall->config_file(), &day_catalog);
    if (!config) return config.error();

    // The compressed clock: 07:55 local on the simulated Monday when the run starts.
    const std::int64_t sim_start = kDayUtcMs + (std::int64_t{kOpenMinute - 5} - config->utc_offset_minutes) * 60000;
    const std::int64_t real_start = now_ns();
    const double factor = options.compression;
    auto clock = [=] {
        return sim_start + static_cast<std::int64_t>(static_cast<double>(now_ns() - real_start) / 1e6 * factor);
    };
    auto sim_minute = [&](std::int64_t sim_ms) {
        return static_cast<double>(sim_ms - kDayUtcMs) / 60000.0 + config->utc_offset_minutes;
    };
    // The in-process server logs every event; the supervisor reads the report, not those lines.
    log::set_level(log::Level::warn);
    auto server = server::Server::create(*config, day_catalog, hall->data_dir(), clock);
    if (!server) return server.error();
    std::atomic<bool> stop{false};
    std::thread serving([&] { (*server)->run(stop); });
    struct Joiner {
        std::atomic<bool>& stop;
        std::thread& thread;
        ~Joiner() {
            stop = true;
            if (thread.joinable()) thread.join();
        }
    } joiner{stop, serving};

    auto options_for = [&](const std::string& name) {
        ClientOptions o;
        o.host = "127.0.0.1";
        o.port = (*server)->request_port();
        o.keys = hall->keys(name);
        o.timeout_ms = 5000;
        return o;
    };
    RequestClient kiosk(options_for("kiosk-1"));
    struct Desk {
        std::string id;
        std::unique_ptr<RequestClient> client;
        double free_at = -1;  // simulated minute its visitor leaves; < 0 when idle
    };
    std::vector<Desk> desks;
    for (int i = 1; i <= n; ++i) {
        Desk d{config->counters[static_cast<std::size_t>(i - 1)].id,
               std::make_unique<RequestClient>(options_for("counter-" + std::to_string(i))), -1};
        auto login = d.client->call(proto::MessageType::login,
                                    {{"officer", "petugas-" + std::to_string(i)}, {"pin", kPin}, {"counter", d.id}});
        if (!login || !login->ok) return make_error("day", "officer login failed at " + d.id);
        desks.push_back(std::move(d));
    }

    // The day's visitors: an hour by the profile, a minute within it, a service by the
    // example's staffing of its agency.
    std::mt19937_64 rng(options.seed);
    std::map<std::string, double> agency_weight;
    for (const auto& c : example->counters)
        if (!c.services.empty()) agency_weight[c.services.front().substr(0, c.services.front().find('.'))] += 1;
    std::vector<double> service_weights;
    for (const auto& s : config->services) {
        int in_agency = 0;
        for (const auto& t : config->services) in_agency += t.agency_id == s.agency_id;
        service_weights.push_back(agency_weight[s.agency_id] / std::max(1, in_agency));
    }
    std::discrete_distribution<std::size_t> pick_service(service_weights.begin(), service_weights.end());
    std::discrete_distribution<int> pick_hour(arrival_profile().begin(), arrival_profile().end());
    std::uniform_real_distribution<double> within(0.0, 60.0);
    struct Arrival {
        double minute;
        std::size_t service;
    };
    std::vector<Arrival> arrivals;
    for (int i = 0; i < options.arrivals; ++i)
        arrivals.push_back({kOpenMinute + 60.0 * pick_hour(rng) + within(rng), pick_service(rng)});
    std::sort(arrivals.begin(), arrivals.end(), [](auto& a, auto& b) { return a.minute < b.minute; });
    // Time at the counter: a gamma draw (shape 2) around the service's Standar Pelayanan time.
    std::map<std::int64_t, double> serve_for;  // ticket id -> minutes at the counter
    std::gamma_distribution<double> spread(2.0, 0.5);

    DayFigures figures;
    figures.counters = n;
    figures.arrivals = options.arrivals;
    std::map<std::string, int> refused;
    auto now_minute = [&] { return sim_minute(clock()); };
    auto wait_until = [&](double minute) {
        const double left_real_ms = (minute - now_minute()) * 60000.0 / factor;
        if (left_real_ms > 0) sleep_ms(static_cast<std::int64_t>(std::ceil(left_real_ms)));
    };
    // An idle desk calls the next visitor of its services, who is served at once.
    auto try_call = [&](Desk& d) -> Status {
        auto called = d.client->call(proto::MessageType::call_next, {{"counter", d.id}});
        if (!called) return called.error();
        if (!called->ok) return ok_status();  // queue_empty: stays idle
        const std::int64_t id = called->body["ticket"].value("id", std::int64_t{0});
        auto started = d.client->call(proto::MessageType::start_serving, {{"counter", d.id}});
        if (!started || !started->ok) return make_error("day", "start_serving failed at " + d.id);
        d.free_at = now_minute() + serve_for[id];
        return ok_status();
    };

    progress("day: " + std::to_string(options.arrivals) + " visitors, " + std::to_string(n) + " counters, clock x" +
             std::to_string(static_cast<int>(factor)));
    std::size_t next = 0;
    int last_hour = -1;
    while (true) {
        double next_minute = next < arrivals.size() ? arrivals[next].minute : 1e18;
        Desk* finishing = nullptr;
        for (auto& d : desks)
            if (d.free_at >= 0 && d.free_at < next_minute) next_minute = d.free_at, finishing = &d;
        if (next_minute >= 1e18) break;
        wait_until(next_minute);
        if (static_cast<int>(now_minute()) / 60 != last_hour) {
            last_hour = static_cast<int>(now_minute()) / 60;
            progress("day: " + hhmm(now_minute()) + " simulated");
        }
        if (finishing) {
            auto done = finishing->client->call(proto::MessageType::finish, {{"counter", finishing->id}});
            if (!done || !done->ok) return make_error("day", "finish failed at " + finishing->id);
            finishing->free_at = -1;
            if (auto s = try_call(*finishing); !s) return s.error();
            continue;
        }
        const Arrival a = arrivals[next++];
        const OfferedService& offer = config->services[a.service];
        auto issued = kiosk.call(proto::MessageType::issue_ticket, {{"service", offer.service_id}});
        if (!issued) return issued.error();
        if (!issued->ok) {
            ++refused[offer.service_id];
            ++figures.refused;
            continue;
        }
        ++figures.issued;
        const std::int64_t id = issued->body["ticket"].value("id", std::int64_t{0});
        serve_for[id] = service_minutes(day_catalog.find_service(offer.service_id)) * spread(rng);
        for (auto& d : desks)
            if (d.free_at < 0)
                if (auto s = try_call(d); !s) return s.error();
    }
    figures.real_seconds = static_cast<double>(now_ns() - real_start) / 1e9;

    // The server's own record of the day.
    auto snapshot = kiosk.call(proto::MessageType::snapshot);
    if (!snapshot || !snapshot->ok) return make_error("day", "no snapshot at the end of the day");
    std::map<std::string, std::vector<double>> waits;
    std::map<std::string, CounterDay> per_counter;
    for (const auto& d : desks) per_counter[d.id].counter = d.id;
    std::vector<double> all_waits;
    double last_finish = kCloseMinute;
    for (const auto& t : snapshot->body["tickets"]) {
        if (!t["called_at"].is_number_integer()) continue;
        const double wait = static_cast<double>(t["called_at"].get<std::int64_t>() - t["issued_at"].get<std::int64_t>()) / 60000.0;
        waits[t["service"].get<std::string>()].push_back(wait);
        all_waits.push_back(wait);
        if (t["finished_at"].is_number_integer() && t["counter"].is_string()) {
            auto& c = per_counter[t["counter"].get<std::string>()];
            ++c.served;
            c.busy_min += static_cast<double>(t["finished_at"].get<std::int64_t>() - t["called_at"].get<std::int64_t>()) / 60000.0;
            last_finish = std::max(last_finish, sim_minute(t["finished_at"].get<std::int64_t>()));
        }
    }
    figures.last_finish = hhmm(last_finish);
    auto overall = summarize(all_waits);
    figures.mean_wait_min = overall.mean;
    figures.p90_wait_min = overall.p90;
    for (const auto& offer : config->services) {
        auto it = waits.find(offer.service_id);
        const int refused_here = refused.count(offer.service_id) ? refused[offer.service_id] : 0;
        if (it == waits.end() && refused_here == 0) continue;
        ServiceDay s;
        s.service = offer.service_id;
        const Service* service = day_catalog.find_service(offer.service_id);
        s.name = service ? service->name : offer.service_id;
        s.refused = refused_here;
        if (it != waits.end()) {
            auto w = summarize(it->second);
            s.served = static_cast<int>(w.count);
            s.mean_wait_min = w.mean;
            s.p90_wait_min = w.p90;
        }
        figures.services.push_back(s);
    }
    for (auto& [id, c] : per_counter) {
        c.utilisation = c.busy_min / (last_finish - kOpenMinute);
        figures.counter_days.push_back(c);
    }
    std::sort(figures.counter_days.begin(), figures.counter_days.end(), [](auto& a, auto& b) {
        return std::stoi(a.counter.substr(a.counter.find('-') + 1)) < std::stoi(b.counter.substr(b.counter.find('-') + 1));
    });
    return figures;
}

std::string format_day(const DayFigures& day) {
    std::ostringstream out;
    char line[512];
    out << "Simulasi satu hari / A simulated day: " << day.arrivals << " pengunjung / visitors, " << day.counters
        << " loket / counters\n";
    std::snprintf(line, sizeof line,
                  "Tiket terbit / tickets issued: %d; ditolak (kuota, istirahat, tutup) / refused (quota, break, "
                  "closed): %d; loket terakhir selesai / last visitor done: %s\n",
                  day.issued, day.refused, day.last_finish.c_str());
    out << line;
    std::snprintf(line, sizeof line, "Waktu tunggu seluruh layanan / waits, all services: rata-rata / mean %.1f menit / min, "
                                     "p90 %.1f menit / min\n\n",
                  day.mean_wait_min, day.p90_wait_min);
    out << line;
    out << "Waktu tunggu per layanan / Waits per service (menit / minutes)\n";
    std::snprintf(line, sizeof line, "  %-58s %7s %7s %7s %7s\n", "layanan / service", "dilayani", "rata2", "p90",
                  "ditolak");
    out << line;
    std::snprintf(line, sizeof line, "  %-58s %7s %7s %7s %7s\n", "", "served", "mean", "p90", "refused");
    out << line;
    for (const auto& s : day.services) {
        std::string name = s.name.size() > 56 ? s.name.substr(0, 53) + "..." : s.name;
        std::snprintf(line, sizeof line, "  %-58s %7d %7.1f %7.1f %7d\n", name.c_str(), s.served, s.mean_wait_min,
                      s.p90_wait_min, s.refused);
        out << line;
    }
    out << "\nPemakaian loket / Counter utilisation (waktu melayani / hari) (time serving / the day)\n";
    for (const auto& c : day.counter_days) {
        std::snprintf(line, sizeof line, "  %-10s %4d dilayani / served  %6.0f menit / min  %5.1f %%\n", c.counter.c_str(),
                      c.served, c.busy_min, c.utilisation * 100);
        out << line;
    }
    return out.str();
}

}  // namespace hall::bench
