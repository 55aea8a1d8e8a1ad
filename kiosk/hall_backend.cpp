// The link backend adds nothing to HallLink but the interface; the sample snapshot follows the
// SERVICE and COUNTER objects of PROTOCOL.md section 7 so the model reads it like the real one.
#include "kiosk/hall_backend.hpp"

#include <cmath>

#include "kiosk/kiosk_strings.hpp"

namespace hall::kiosk {

LinkBackend::LinkBackend(ClientOptions options) : m_link(std::move(options)) {}

LinkBackend::~LinkBackend() { stop(); }

void LinkBackend::start(std::function<void()> on_change) { m_link.start(std::move(on_change)); }

void LinkBackend::stop() { m_link.stop(); }

void LinkBackend::post(proto::MessageType type, nlohmann::json body, Callback done, std::int64_t req) {
    m_link.post(type, std::move(body), std::move(done), req);
}

void StaticBackend::post(proto::MessageType, nlohmann::json, Callback done, std::int64_t) {
    if (done) done(make_error("unreachable", "no queue server (sample state)"));
}

namespace {

std::string hhmm(int minute) {
    auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    return two(minute / 60) + ":" + two(minute % 60);
}

}  // namespace

nlohmann::json sample_snapshot(const HallConfig& config, const Catalog& catalog, std::int64_t now_ms) {
    using nlohmann::json;
    const LocalTime today = local_time(now_ms, config.utc_offset_minutes);
    // Today's hours, or the first open day's when the hall is closed today: the sample is open.
    const DaySchedule* day = &config.week[static_cast<std::size_t>(today.weekday)];
    for (std::size_t i = 0; !day->open && i < config.week.size(); ++i) day = &config.week[i];
    const std::string hours = day->open ? hhmm(day->hours.start_minute) + "-" + hhmm(day->hours.end_minute) : "";

    json services = json::array();
    int index = 0;
    for (const OfferedService& offered : config.services) {
        const Service* service = catalog.find_service(offered.service_id);
        // A few people at most services, none at some: the same pattern every run.
        const int waiting = (index * 7 + 3) % 9 < 6 ? (index * 7 + 3) % 9 : 0;
        ++index;
        int counters = 0;
        for (const CounterConfig& counter : config.counters)
            for (const std::string& id : counter.services)
                if (id == offered.service_id) ++counters;
        const double average_s = 300.0;
        const int n = std::max(1, counters);
        services.push_back({
            {"id", offered.service_id},
            {"agency", offered.agency_id},
            {"prefix", offered.prefix},
            {"name", service ? service->name : offered.service_id},
            {"status", "open"},
            {"status_detail", hours},
            {"waiting", waiting},
            {"issued_today", waiting + 2},
            {"quota", offered.daily_quota},
            {"avg_service_s", average_s},
            {"counters_open", counters},
            {"counters_total", counters},
            {"est_wait_min", static_cast<int>(std::ceil(waiting * average_s / 60.0 / n))},
        });
    }
    json counters = json::array();
    for (const CounterConfig& counter : config.counters) {
        counters.push_back({{"id", counter.id},
                            {"name", counter.name},
                            {"zone", counter.zone},
                            {"services", counter.services},
                            {"state", "open"},
                            {"officer", nullptr},
                            {"officer_name", nullptr},
                            {"pause_reason", nullptr},
                            {"ticket", nullptr}});
    }
    auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    return json{{"seq", 0},
                {"date", std::to_string(today.year) + "-" + two(today.month) + "-" + two(today.day)},
                {"hall", {{"name", config.hall_name}}},
                {"tickets", json::array()},
                {"counters", counters},
                {"services", services}};
}

}  // namespace hall::kiosk
