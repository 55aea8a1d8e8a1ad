// A year of history, 1,000,000 tickets, written straight into a data dir's SQLite with the
// server's own migrations (so the schema is exactly the server's), in one transaction with
// prepared statements. Every ticket lives a full day's life (issued, called, served, finished,
// or a no-show or a cancellation) with its events. The result is cached under the build dir;
// each run measures on a fresh copy, so the cache is never changed.
//
// Then: the real server's time from start to its first answered request on that database (with
// the database's pages first evicted from the page cache, and again warm), and its memory
// (VmRSS, VmHWM) after an hour of a busy hall's requests.
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/hall_link.hpp"
#include "queue_server/server.hpp"
#include "queue_server/store.hpp"
#include "queue_server/ticket_rules.hpp"
#include "tools/bench/bench_hall.hpp"
#include "tools/bench/measures.hpp"

namespace hall::bench {

namespace fs = std::filesystem;

namespace {

constexpr int kCounters = 8;
constexpr const char* kPin = "2468";
constexpr std::int64_t kDayMs = 86400LL * 1000;

std::map<std::string, std::string> history_clients() {
    std::map<std::string, std::string> clients{{"kiosk-1", "kiosk"}, {"admin-1", "admin"}};
    for (int i = 1; i <= kCounters; ++i) clients["counter-" + std::to_string(i)] = "counter";
    for (int i = 1; i <= 10; ++i) clients["display-" + std::to_string(i)] = "display";
    return clients;
}

// A prepared statement on a raw connection, for the generator's tight loop.
class Prepared {
public:
    Prepared(sqlite3* db, const char* sql) : m_db(db) { sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Prepared() { sqlite3_finalize(m_stmt); }
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;
    Prepared& bind(int i, std::int64_t v) { return sqlite3_bind_int64(m_stmt, i, v), *this; }
    Prepared& bind(int i, const std::string& v) {
        return sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), *this;
    }
    Prepared& null(int i) { return sqlite3_bind_null(m_stmt, i), *this; }
    bool run() {
        const int rc = sqlite3_step(m_stmt);
        sqlite3_reset(m_stmt);
        return rc == SQLITE_DONE;
    }
    std::string error() const { return sqlite3_errmsg(m_db); }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

struct Event {
    std::int64_t at;
    std::string action;
    std::string payload;
};

Status exec(sqlite3* db, const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK) return ok_status();
    std::string message = err ? err : "unknown error";
    sqlite3_free(err);
    return make_error("history", std::string(sql) + ": " + message);
}

// Fills the (migrated, empty) database with `total` tickets over the weekdays of the year that
// ends two days before today, so today is always a fresh day for the server.
Result<std::int64_t> generate(const fs::path& file, const HallConfig& config, std::int64_t total) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) return make_error("history", "cannot open " + file.string());
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> guard(db, sqlite3_close);
    // A generator, not the server: no journal while it fills the file; WAL again at the end.
    for (const char* pragma : {"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-262144"})
        if (auto s = exec(db, pragma); !s) return s.error();
    if (auto s = exec(db, "BEGIN"); !s) return s.error();
    Prepared ticket(db, "INSERT INTO tickets (date, prefix, seq, number, service, original_service, priority, state, "
                        "counter, officer, token, issued_at, queued_at, called_at, serving_at, finished_at, "
                        "issued_by, printed) VALUES (?1,?2,?3,?4,?5,?5,?6,?7,?8,?9,?10,?11,?11,?12,?13,?14,'kiosk-1',1)");
    Prepared event(db, "INSERT INTO events (at, action, payload) VALUES (?1, ?2, ?3)");
    Prepared number(db, "INSERT INTO number_seq (date, prefix, last) VALUES (?1, ?2, ?3)");

    std::mt19937_64 rng(20261123);
    const int offset = config.utc_offset_minutes;
    const std::int64_t now = server::system_clock_ms();
    // Local midnight of the day two days ago, in UTC milliseconds.
    const std::int64_t local_now = now + std::int64_t{offset} * 60000;
    const std::int64_t last_day = (local_now / kDayMs - 2) * kDayMs - std::int64_t{offset} * 60000;
    std::vector<std::int64_t> days;
    for (int d = 364; d >= 0; --d) {
        const std::int64_t midnight = last_day - std::int64_t{d} * kDayMs;
        if (server::local_time(midnight, offset).weekday < 5) days.push_back(midnight);
    }
    // Which counters serve each service, for the counter that called a ticket.
    std::map<std::string, std::vector<std::string>> counters_of;
    for (const auto& c : config.counters)
        for (const auto& s : c.services) counters_of[s].push_back(c.id);
    std::uniform_int_distribution<std::size_t> pick_service(0, config.services.size() - 1);
    std::uniform_int_distribution<int> percent(0, 99);
    std::exponential_distribution<double> wait_minutes(1.0 / 20.0);
    std::exponential_distribution<double> serve_minutes(1.0 / 8.0);
    const char* priorities[] = {"regular", "regular", "regular", "regular", "regular",
                                "regular", "regular", "elderly", "disability", "pregnant"};

    std::int64_t written = 0;
    std::int64_t events_written = 0;
    for (std::size_t di = 0; di < days.size(); ++di) {
        const std::int64_t midnight = days[di];
        const std::string date = server::local_time(midnight, offset).date;
        const std::int64_t per_day = total / static_cast<std::int64_t>(days.size()) +
                                     (static_cast<std::int64_t>(di) < total % static_cast<std::int64_t>(days.size()) ? 1 : 0);
        // Arrivals between 08:00 and 15:00, in time order.
        std::uniform_int_distribution<std::int64_t> arrival(8 * 3600000LL, 15 * 3600000LL);
        std::vector<std::int64_t> times(static_cast<std::size_t>(per_day));
        for (auto& t : times) t = midnight + arrival(rng);
        std::sort(times.begin(), times.end());
        std::map<std::string, std::int64_t> last_seq;
        std::vector<Event> day_events;
        for (std::int64_t issued_at : times) {
            const OfferedService& offer = config.services[pick_service(rng)];
            const std::int64_t seq = ++last_seq[offer.prefix];
            const std::string num = server::format_number(offer.prefix, seq);
            const auto& counters = counters_of[offer.service_id];
            const std::string counter = counters.empty() ? "loket-1" : counters[static_cast<std::size_t>(rng() % counters.size())];
            const std::string officer = "petugas-" + counter.substr(counter.find('-') + 1);
            const int roll = percent(rng);
            const std::string state = roll < 90 ? "done" : roll < 96 ? "no_show" : "cancelled";
            const std::int64_t called_at = issued_at + static_cast<std::int64_t>(wait_minutes(rng) * 60000) + 30000;
            const std::int64_t serving_at = called_at + 45000;
            const std::int64_t finished_at =
                state == "done" ? serving_at + static_cast<std::int64_t>(serve_minutes(rng) * 60000) + 60000
                : state == "no_show" ? called_at + 180000
                                     : issued_at + 600000;
            char token[25];
            std::snprintf(token, sizeof token, "%016llx%08llx", static_cast<unsigned long long>(rng()),
                          static_cast<unsigned long long>(rng() & 0xffffffffULL));
            ticket.bind(1, date).bind(2, offer.prefix).bind(3, seq).bind(4, num).bind(5, offer.service_id);
            ticket.bind(6, std::string(priorities[rng() % 10])).bind(7, state);
            if (state == "cancelled") ticket.null(8).null(9).null(12).null(13);
            else ticket.bind(8, counter).bind(9, officer).bind(12, called_at);
            if (state == "done") ticket.bind(13, serving_at);
            else ticket.null(13);
            ticket.bind(10, std::string(token)).bind(11, issued_at).bind(14, finished_at);
            if (!ticket.run()) return make_error("history", "insert ticket: " + ticket.error());
            const std::int64_t id = sqlite3_last_insert_rowid(db);
            auto payload = [&](const std::string& s) {
                return json{{"ticket", {{"id", id}, {"number", num}, {"service", offer.service_id}, {"state", s},
                                        {"counter", s == "waiting" || s == "cancelled" ? json(nullptr) : json(counter)}}}}
                    .dump();
            };
            day_events.push_back({issued_at, "issue", payload("waiting")});
            if (state != "cancelled") day_events.push_back({called_at, "call", payload("called")});
            if (state == "done") {
                day_events.push_back({serving_at, "start_serving", payload("serving")});
                day_events.push_back({finished_at, "finish", payload("done")});
            } else {
                day_events.push_back({finished_at, state == "no_show" ? "no_show" : "cancel", payload(state)});
            }
            ++written;
        }
        std::stable_sort(day_events.begin(), day_events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
        for (const Event& e : day_events) {
            event.bind(1, e.at).bind(2, e.action).bind(3, e.payload);
            if (!event.run()) return make_error("history", "insert event: " + event.error());
        }
        events_written += static_cast<std::int64_t>(day_events.size());
        for (const auto& [prefix, last] : last_seq) {
            number.bind(1, date).bind(2, prefix).bind(3, last);
            if (!number.run()) return make_error("history", "insert number_seq: " + number.error());
        }
        if (di % 20 == 19 || di + 1 == days.size())
            progress("history: " + std::to_string(written) + " tickets, " + std::to_string(events_written) +
                     " events written (" + std::to_string(di + 1) + "/" + std::to_string(days.size()) + " days)");
    }
    if (auto s = exec(db, "COMMIT"); !s) return s.error();
    if (auto s = exec(db, "PRAGMA journal_mode=WAL"); !s) return s.error();
    return written;
}

// Drops the file's pages from the page cache (only this file's), for a cold start.
void evict(const fs::path& file) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

// Starts the server and returns ms from its start to its first answered request.
Result<double> time_to_ready(ServerProcess& server, const BenchHall& hall) {
    if (auto s = server.start(hall, 60000); !s) return s.error();
    RequestClient client(server.options(hall, "admin-1", 10000, 1));
    auto reply = client.call(proto::MessageType::hello);
    const std::int64_t answered = now_ns();
    if (!reply || !reply->ok) return make_error("history", "the server did not answer its first request");
    return ns_to_ms(answered - server.started_ns());
}

// An hour of a busy hall, as fast as the server takes it: each ticket issued, called at a
// counter serving it, served and finished; the displays (HallLinks) follow every event, and one
// in ten tickets is looked up by its QR token.
Result<int> hour_of_load(const ServerProcess& server, const BenchHall& hall, const HallConfig& config, int tickets) {
    RequestClient kiosk(server.options(hall, "kiosk-1"));
    std::vector<std::unique_ptr<RequestClient>> counters;
    std::map<std::string, std::size_t> counter_index;
    for (int i = 0; i < kCounters && i < static_cast<int>(config.counters.size()); ++i) {
        counters.push_back(std::make_unique<RequestClient>(server.options(hall, "counter-" + std::to_string(i + 1))));
        const std::string& id = config.counters[static_cast<std::size_t>(i)].id;
        counter_index[id] = static_cast<std::size_t>(i);
        auto login = counters.back()->call(
            proto::MessageType::login,
            {{"officer", "petugas-" + id.substr(id.find('-') + 1)}, {"pin", kPin}, {"counter", id}});
        if (!login || !login->ok) return make_error("history", "officer login failed at " + id);
    }
    std::vector<std::unique_ptr<HallLink>> displays;
    for (int i = 1; i <= 10; ++i) {
        displays.push_back(std::make_unique<HallLink>(server.options(hall, "display-" + std::to_string(i))));
        displays.back()->start();
    }
    int requests = 0;
    std::size_t next = 0;
    for (int t = 0; t < tickets; ++t) {
        const OfferedService& offer = config.services[next++ % config.services.size()];
        const CounterConfig* counter = nullptr;
        for (const auto& c : config.counters)
            if (counter_index.count(c.id) &&
                std::find(c.services.begin(), c.services.end(), offer.service_id) != c.services.end())
                counter = &c;
        if (!counter) continue;
        RequestClient& desk = *counters[counter_index[counter->id]];
        auto issued = kiosk.call(proto::MessageType::issue_ticket, {{"service", offer.service_id}});
        if (!issued || !issued->ok)
            return make_error("history", "issue_ticket failed during the load: " +
                                             (issued ? issued->error_code + ": " + issued->error_message
                                                     : issued.error().message));
        if (t % 10 == 0)
            (void)kiosk.call(proto::MessageType::ticket_info, {{"token", issued->body["ticket"]["token"]}});
        for (auto type : {proto::MessageType::call_next, proto::MessageType::start_serving, proto::MessageType::finish}) {
            auto reply = desk.call(type, {{"counter", counter->id}});
            if (!reply || !reply->ok)
                return make_error("history", std::string(proto::message_info(type).name) + " failed during the load: " +
                                                 (reply ? reply->error_code : reply.error().message));
        }
        requests += t % 10 == 0 ? 5 : 4;
        if (t % 250 == 249) progress("history: load " + std::to_string(t + 1) + "/" + std::to_string(tickets) + " tickets");
    }
    for (auto& d : displays) d->stop();
    return requests;
}

}  // namespace

Result<HistoryFigures> measure_history(const fs::path& work, const fs::path& cache, std::int64_t tickets,
                                       int load_tickets) {
    HistoryFigures figures;
    const fs::path cached = cache / ("history-" + std::to_string(tickets));
    std::error_code ec;
    if (!fs::exists(cached / "complete")) {
        fs::remove_all(cached, ec);
        auto toml = bench_config_toml(ConfigChoice{});
        if (!toml) return toml.error();
        auto hall = BenchHall::create(cached, *toml, history_clients());
        if (!hall) return hall.error();
        for (int i = 1; i <= kCounters; ++i)
            if (auto s = hall->add_officer("petugas-" + std::to_string(i), "Petugas " + std::to_string(i), kPin); !s)
                return s.error();
        Catalog catalog;
        auto config = load_hall_config(hall->config_file(), &catalog);
        if (!config) return config.error();
        progress("history: generating " + std::to_string(tickets) + " tickets (cached in " + cached.string() + ")");
        const std::int64_t t0 = now_ns();
        auto written = generate(hall->data_dir() / server::kDatabaseFile, *config, tickets);
        if (!written) return written.error();
        figures.generate_seconds = static_cast<double>(now_ns() - t0) / 1e9;
        std::ofstream(cached / "complete") << *written << "\n";
    }
    progress("history: copying the cached year to " + work.string());
    fs::remove_all(work, ec);
    fs::copy(cached, work, fs::copy_options::recursive, ec);
    if (ec) return make_error("history", "cannot copy " + cached.string() + ": " + ec.message());
    auto hall = BenchHall::open(work);
    if (!hall) return hall.error();
    Catalog catalog;
    auto config = load_hall_config(hall->config_file(), &catalog);
    if (!config) return config.error();
    const fs::path db_file = hall->data_dir() / server::kDatabaseFile;
    figures.db_megabytes = static_cast<double>(fs::file_size(db_file, ec)) / (1024.0 * 1024.0);
    {
        auto db = server::Database::open(db_file);
        if (!db) return db.error();
        server::Statement q(*db, "SELECT (SELECT COUNT(*) FROM tickets), (SELECT MAX(seq) FROM events)");
        if (q.step()) figures.tickets = q.column_int(0), figures.events = q.column_int(1);
    }

    for (int cold = 1; cold >= 0; --cold) {
        if (cold) {
            evict(db_file);
            evict(hall->data_dir() / (std::string(server::kDatabaseFile) + "-wal"));
        }
        ServerProcess server;
        auto ready = time_to_ready(server, *hall);
        if (!ready) return ready.error();
        (cold ? figures.ready_cold_ms : figures.ready_warm_ms) = *ready;
        progress(std::string("history: ready in ") + std::to_string(static_cast<int>(*ready)) + " ms (" +
                 (cold ? "cold" : "warm") + ")");
        if (!cold) {
            const std::int64_t t0 = now_ns();
            auto requests = hour_of_load(server, *hall, *config, load_tickets);
            if (!requests) return requests.error();
            figures.load_requests = *requests;
            figures.load_seconds = static_cast<double>(now_ns() - t0) / 1e9;
            auto memory = process_memory(server.pid());
            if (!memory) return make_error("history", "cannot read the server's memory from /proc");
            figures.rss_mib = static_cast<double>(memory->rss_kib) / 1024.0;
            figures.hwm_mib = static_cast<double>(memory->hwm_kib) / 1024.0;
        }
        server.stop();
    }
    return figures;
}

}  // namespace hall::bench
