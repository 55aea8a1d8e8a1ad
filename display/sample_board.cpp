// The sample is generated from the config rather than written out by hand, so it follows
// whatever hall it is given (the example hall's eight counters in two zones, or a test hall's
// two). Counters cycle through the states a board must show; ticket numbers follow each
// prefix's daily sequence as the server would give them.
#include "display/sample_board.hpp"

#include <cstdio>
#include <map>

#include "display/board_text.hpp"

namespace hall::display {

namespace {

enum class Pattern { fresh_call, serving, called, paused, closed };

Pattern pattern_of(std::size_t index) {
    static constexpr Pattern kCycle[] = {Pattern::fresh_call, Pattern::serving, Pattern::called, Pattern::paused,
                                         Pattern::serving,    Pattern::fresh_call, Pattern::closed, Pattern::serving};
    return kCycle[index % 8];
}

std::string service_name(const Catalog& catalog, const std::string& id) {
    const Service* service = catalog.find_service(id);
    return service ? service->name : id;
}

// A service of the counter with a name short enough to read at a glance, if it has one.
std::string pick_service(const CounterConfig& counter, const Catalog& catalog, std::size_t index) {
    if (counter.services.empty()) return {};
    const std::size_t n = counter.services.size();
    for (std::size_t k = 0; k < n; ++k) {
        const std::string& id = counter.services[(index * 3 + k) % n];
        if (service_name(catalog, id).size() <= 40) return id;
    }
    return counter.services[index % n];
}

}  // namespace

SampleHall sample_hall(const HallConfig& config, const Catalog& catalog, std::int64_t now_ms) {
    const std::string date = local_date(now_ms, config.utc_offset_minutes);
    json tickets = json::array();
    json counters = json::array();
    std::map<std::string, int> next_number;  // prefix -> next daily number
    std::int64_t next_id = 1;
    std::vector<json> fresh;  // tickets to call by event, in order

    auto make_ticket = [&](const std::string& service_id, const std::string& state, const std::string& counter,
                           std::int64_t called_ago_s) {
        const OfferedService* offered = config.find_service(service_id);
        const std::string prefix = offered ? offered->prefix : "A";
        int& seq = next_number.try_emplace(prefix, 7 + static_cast<int>(prefix[0] % 9)).first->second;
        char number[16];
        std::snprintf(number, sizeof number, "%s-%03d", prefix.c_str(), seq++);
        const std::int64_t called_at = now_ms - called_ago_s * 1000;
        const bool finished = state == "done" || state == "no_show";
        json t{{"id", next_id++},
               {"date", date},
               {"number", number},
               {"prefix", prefix},
               {"seq", seq - 1},
               {"service", service_id},
               {"original_service", service_id},
               {"service_name", service_name(catalog, service_id)},
               {"priority", "regular"},
               {"state", state},
               {"counter", counter.empty() ? json(nullptr) : json(counter)},
               {"officer", counter.empty() ? json(nullptr) : json("petugas-" + counter)},
               {"token", "000000000000000000000000"},
               {"issued_at", called_at - 25 * 60 * 1000},
               {"queued_at", called_at - 25 * 60 * 1000},
               {"called_at", counter.empty() ? json(nullptr) : json(called_at)},
               {"serving_at", state == "serving" || state == "done" ? json(called_at + 30000) : json(nullptr)},
               {"finished_at", finished ? json(called_at + 240000) : json(nullptr)},
               {"recalls", 0},
               {"transfers", 0},
               {"note", nullptr},
               {"printed", true}};
        return t;
    };

    // Earlier calls first (their numbers are lower), then each counter's current one.
    for (std::size_t i = 0; i < config.counters.size(); ++i) {
        const CounterConfig& counter = config.counters[i];
        if (pattern_of(i) == Pattern::closed || counter.services.empty()) continue;
        const std::string service = pick_service(counter, catalog, i);
        tickets.push_back(make_ticket(service, i % 3 == 2 ? "no_show" : "done", counter.id,
                                      static_cast<std::int64_t>(9 * 60 + i * 47)));
    }
    for (std::size_t i = 0; i < config.counters.size(); ++i) {
        const CounterConfig& counter = config.counters[i];
        const Pattern pattern = pattern_of(i);
        const std::string service = pick_service(counter, catalog, i);
        json c{{"id", counter.id},
               {"name", counter.name},
               {"zone", counter.zone},
               {"services", counter.services},
               {"state", "open"},
               {"officer", "petugas-" + counter.id},
               {"officer_name", "Petugas " + counter.name},
               {"pause_reason", nullptr},
               {"ticket", nullptr}};
        if (pattern == Pattern::closed || service.empty()) {
            c["state"] = "closed";
            c["officer"] = nullptr;
            c["officer_name"] = nullptr;
        } else if (pattern == Pattern::paused) {
            c["state"] = "paused";
            c["pause_reason"] = "Istirahat";
        } else if (pattern == Pattern::fresh_call) {
            json t = make_ticket(service, "waiting", "", 0);
            c["ticket"] = nullptr;
            tickets.push_back(t);
            t["state"] = "called";
            t["counter"] = counter.id;
            t["officer"] = "petugas-" + counter.id;
            json called_counter = c;
            called_counter["ticket"] = t["id"];
            fresh.push_back(json{{"ticket", t}, {"counter", called_counter}});
        } else {
            json t = make_ticket(service, pattern == Pattern::serving ? "serving" : "called", counter.id,
                                 static_cast<std::int64_t>(60 + i * 35));
            c["ticket"] = t["id"];
            tickets.push_back(t);
        }
        counters.push_back(c);
    }

    json services = json::array();
    for (std::size_t i = 0; i < config.services.size(); ++i) {
        const OfferedService& offered = config.services[i];
        static constexpr int kWaiting[] = {3, 0, 0, 1, 0, 0, 0, 2, 0, 0, 5, 0, 0, 1, 0, 0, 0};
        services.push_back(json{{"id", offered.service_id},
                                {"agency", offered.agency_id},
                                {"prefix", offered.prefix},
                                {"name", service_name(catalog, offered.service_id)},
                                {"status", "open"},
                                {"status_detail", "08:00-15:00"},
                                {"waiting", kWaiting[i % std::size(kWaiting)]},
                                {"issued_today", 12},
                                {"quota", offered.daily_quota},
                                {"avg_service_s", 300.0},
                                {"counters_open", 1},
                                {"counters_total", 1},
                                {"est_wait_min", 10}});
    }

    SampleHall sample;
    sample.snapshot = json{{"seq", 120},
                           {"date", date},
                           {"hall", {{"name", config.hall_name}}},
                           {"tickets", tickets},
                           {"counters", counters},
                           {"services", services}};
    // The first counter's call comes last, so it is the latest on a board of every zone.
    std::int64_t seq = 120;
    const std::int64_t count = static_cast<std::int64_t>(fresh.size());
    for (std::int64_t k = 0; k < count; ++k) {
        json event = fresh[static_cast<std::size_t>(count - 1 - k)];
        const std::int64_t called_at = now_ms - (count - k) * 3000;
        event["ticket"]["called_at"] = called_at;
        event["seq"] = ++seq;
        event["action"] = "call";
        event["at"] = called_at;
        event["services"] = json::array();
        sample.events.push_back(event);
    }
    return sample;
}

void load_sample(BoardModel& model, const HallConfig& config, const Catalog& catalog, std::int64_t now_ms) {
    SampleHall sample = sample_hall(config, catalog, now_ms);
    model.load_snapshot(sample.snapshot);
    for (const json& event : sample.events) model.apply(event);
    model.set_connected(true);
}

}  // namespace hall::display
