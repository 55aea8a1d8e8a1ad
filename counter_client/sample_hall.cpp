// The sample is built as the server would send it (TICKET, COUNTER and SERVICE objects of
// PROTOCOL.md section 7), so the model reads it exactly as it reads a live hall.
#include "counter_client/sample_hall.hpp"

#include <array>
#include <map>

#include "common/hall_state.hpp"

namespace hall::counter {

namespace {

using json = nlohmann::json;

constexpr std::int64_t kMinute = 60000;
// 2026-11-23 (day 20780 since 1970-01-01) at 03:02:30 UTC = 10:02:30 WIB.
constexpr std::int64_t kMorning = 20780LL * 86400000 + (3 * 3600 + 2 * 60 + 30) * 1000LL;
constexpr std::int64_t kNoon = kMorning + 2 * 60 * kMinute;
constexpr const char* kDate = "2026-11-23";

constexpr const char* kSka = "disperindag-pasuruan.surat-keterangan-asal";
constexpr const char* kKonsultasi = "disperindag-pasuruan.konsultasi";
constexpr const char* kTera = "disperindag-pasuruan.tera-dan-tera-ulang";
constexpr const char* kGudang = "disperindag-pasuruan.tanda-daftar-gudang";
constexpr const char* kData = "disperindag-pasuruan.data-dan-informasi";
constexpr const char* kDistributor = "disperindag-pasuruan.surat-keterangan-distributor";
constexpr const char* kKukm = "diskopumkm-pasuruan.klinik-kukm";

struct TicketSpec {
    std::string number;
    std::string service;
    std::string priority = "regular";
    std::string state = "waiting";
    std::int64_t issued = 0;  // minutes after 08:00
    std::optional<double> called;    // minutes after 08:00
    std::optional<double> serving;
    std::optional<double> finished;
    std::string counter;
    std::string officer;
    int recalls = 0;
    std::string original_service;
    std::string note;
    std::string tag;  // "current" (Loket 1's visitor), "other" (Loket 2's)
};

std::int64_t at_minute(double minutes_after_eight) {
    const std::int64_t eight = kMorning - (2 * 60 + 2) * kMinute - 30000;  // 08:00:00 WIB
    return eight + static_cast<std::int64_t>(minutes_after_eight * kMinute);
}

std::string token_for(std::int64_t id) {
    // 32 hex digits, deterministic, unlike any real token's randomness (sample only).
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t x = 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(id + 1);
    std::string token;
    for (int i = 0; i < 32; ++i) {
        x ^= x >> 13;
        x *= 0xff51afd7ed558ccdULL;
        token += kHex[x & 0xF];
    }
    return token;
}

json nullable(const std::string& s) { return s.empty() ? json() : json(s); }
json nullable_time(const std::optional<double>& m) { return m ? json(at_minute(*m)) : json(); }

json make_ticket(std::int64_t id, const TicketSpec& spec, const Catalog& catalog) {
    const auto dash = spec.number.find('-');
    json t{{"id", id},
           {"date", kDate},
           {"number", spec.number},
           {"prefix", spec.number.substr(0, dash)},
           {"seq", std::stoi(spec.number.substr(dash + 1))},
           {"service", spec.service},
           {"original_service", spec.original_service.empty() ? spec.service : spec.original_service},
           {"priority", spec.priority},
           {"state", spec.state},
           {"counter", nullable(spec.counter)},
           {"officer", nullable(spec.officer)},
           {"token", token_for(id)},
           {"issued_at", at_minute(static_cast<double>(spec.issued))},
           {"queued_at", at_minute(static_cast<double>(spec.issued))},
           {"called_at", nullable_time(spec.called)},
           {"serving_at", nullable_time(spec.serving)},
           {"finished_at", nullable_time(spec.finished)},
           {"recalls", spec.recalls},
           {"transfers", spec.original_service.empty() ? 0 : 1},
           {"note", nullable(spec.note)},
           {"printed", true}};
    if (const Service* s = catalog.find_service(spec.service)) t["service_name"] = s->name;
    return t;
}

}  // namespace

std::optional<Scene> parse_scene(std::string_view name) {
    for (Scene s : {Scene::login, Scene::main, Scene::transfer, Scene::paused, Scene::disconnected})
        if (scene_name(s) == name) return s;
    return std::nullopt;
}

std::string_view scene_name(Scene scene) {
    switch (scene) {
        case Scene::login: return "login";
        case Scene::main: return "main";
        case Scene::transfer: return "transfer";
        case Scene::paused: return "paused";
        case Scene::disconnected: return "disconnected";
    }
    return "main";  // defensive
}

std::int64_t sample_now(Scene scene) { return scene == Scene::paused ? kNoon : kMorning; }

Session sample_session() { return Session{"siti", "Siti Aminah", "loket-1"}; }

json sample_snapshot(const HallConfig& config, const Catalog& catalog, Scene scene) {
    const bool paused = scene == Scene::paused;
    const bool logged_in = scene != Scene::login;
    std::vector<TicketSpec> specs;
    // Served earlier today at Loket 1 by Siti: service times of 4 to 9 minutes, two no-shows.
    const std::array<const char*, 14> done_services{kKonsultasi, kSka, kTera, kSka, kData, kKonsultasi, kSka,
                                                    kTera, kGudang, kSka, kKonsultasi, kSka, kDistributor, kTera};
    std::map<std::string, int> next{{"A", 1}, {"S", 1}, {"B", 1}};
    auto number_for = [&](const std::string& service) {
        const std::string prefix = service == kSka ? "S" : "A";
        const int n = next[prefix]++;
        return prefix + "-" + (n < 10 ? "00" : "0") + std::to_string(n);
    };
    for (std::size_t i = 0; i < done_services.size(); ++i) {
        TicketSpec s;
        s.service = done_services[i];
        s.number = number_for(s.service);
        s.issued = static_cast<std::int64_t>(2 + i * 6);
        const double called = static_cast<double>(s.issued) + 6.0 + static_cast<double>(i % 4);
        s.called = called;
        s.counter = "loket-1";
        s.officer = "siti";
        if (i == 4 || i == 9) {
            s.state = "no_show";
            s.finished = called + 3.0;
        } else {
            s.state = "done";
            s.serving = called + 0.6;
            s.finished = *s.serving + 4.0 + static_cast<double>((i * 3) % 6);
        }
        specs.push_back(s);
    }
    // Loket 2 (Budi) has a visitor; the queue of Disperindag's services waits for both desks.
    auto spec = [](std::string number, const char* service, const char* priority, const char* state,
                   std::int64_t issued) {
        TicketSpec s;
        s.number = std::move(number);
        s.service = service;
        s.priority = priority;
        s.state = state;
        s.issued = issued;
        return s;
    };
    TicketSpec other = spec(number_for(kKonsultasi), kKonsultasi, "regular", "serving", 98);
    other.called = 118.0;
    other.serving = 119.0;
    other.counter = "loket-2";
    other.officer = "budi";
    other.tag = "other";
    specs.push_back(other);
    specs.push_back(spec(number_for(kDistributor), kDistributor, "regular", "on_hold", 80));
    // The SKA exporter at Loket 1: waited 23 minutes, recalled once, served for 4:12.
    TicketSpec current = spec(number_for(kSka), kSka, "regular", paused ? "done" : "serving", 94);
    current.called = 117.33;
    current.serving = 118.3;
    current.counter = "loket-1";
    current.officer = "siti";
    current.recalls = 1;
    current.tag = "current";
    if (paused) current.finished = 128.0;
    specs.push_back(current);
    specs.push_back(spec(number_for(kKonsultasi), kKonsultasi, "regular", "waiting", 104));
    specs.push_back(spec(number_for(kSka), kSka, "elderly", "waiting", 107));
    specs.push_back(spec(number_for(kTera), kTera, "regular", "waiting", 110));
    TicketSpec moved = spec("B-005", kGudang, "regular", "transferred", 113);
    moved.original_service = "diskopumkm-pasuruan.konsultasi";
    moved.note = "Sudah punya NIB, perlu Tanda Daftar Gudang";
    specs.push_back(moved);
    specs.push_back(spec(number_for(kSka), kSka, "regular", "waiting", 117));
    specs.push_back(spec(number_for(kData), kData, "disability", "waiting", 120));

    json tickets = json::array();
    std::int64_t id = 1;
    std::int64_t current_id = 0;
    std::int64_t other_id = 0;
    std::map<std::string, int> waiting;
    std::map<std::string, int> issued;
    for (const TicketSpec& s : specs) {
        if (!config.find_service(s.service)) continue;
        if (s.tag == "current") current_id = id;
        if (s.tag == "other") other_id = id;
        tickets.push_back(make_ticket(id++, s, catalog));
        if (s.state == "waiting" || s.state == "transferred") ++waiting[s.service];
        ++issued[s.original_service.empty() ? s.service : s.original_service];
    }

    json counters = json::array();
    const std::map<std::string, std::pair<std::string, std::string>> officers{
        {"loket-1", {"siti", "Siti Aminah"}}, {"loket-2", {"budi", "Budi Santoso"}},
        {"loket-3", {"dewi", "Dewi Lestari"}}, {"loket-5", {"agus", "Agus Prasetyo"}},
        {"loket-6", {"rina", "Rina Wulandari"}}};
    for (const CounterConfig& c : config.counters) {
        json counter{{"id", c.id}, {"name", c.name}, {"zone", c.zone}, {"services", c.services}, {"state", "closed"},
                     {"officer", nullptr}, {"officer_name", nullptr}, {"pause_reason", nullptr}, {"ticket", nullptr}};
        auto who = officers.find(c.id);
        const bool staffed = who != officers.end() && (c.id != "loket-1" || logged_in);
        if (staffed) {
            counter["state"] = "open";
            counter["officer"] = who->second.first;
            counter["officer_name"] = who->second.second;
        }
        if (c.id == "loket-1" && staffed) {
            if (paused) {
                counter["state"] = "paused";
                counter["pause_reason"] = "Sholat";
            } else if (current_id) {  // (in the paused scene the SKA visitor is done)
                counter["ticket"] = current_id;
            }
        }
        if (c.id == "loket-2" && staffed && other_id) counter["ticket"] = other_id;
        if (c.id == "loket-5" && staffed) {
            counter["state"] = "paused";
            counter["pause_reason"] = "Rapat";
        }
        counters.push_back(counter);
    }

    json services = json::array();
    for (const OfferedService& o : config.services) {
        int total = 0;
        int open = 0;
        for (const json& c : counters) {
            bool serves = false;
            for (const json& s : c["services"]) serves = serves || s == o.service_id;
            if (!serves) continue;
            ++total;
            if (c["state"] == "open") ++open;
        }
        const Service* s = catalog.find_service(o.service_id);
        const int w = waiting[o.service_id];
        services.push_back(json{{"id", o.service_id}, {"agency", o.agency_id}, {"prefix", o.prefix},
                                {"name", s ? s->name : o.service_id}, {"status", "open"},
                                {"status_detail", "08:00-15:00"}, {"waiting", w},
                                {"issued_today", issued[o.service_id]}, {"quota", o.daily_quota},
                                {"avg_service_s", 390.0}, {"counters_open", open}, {"counters_total", total},
                                {"est_wait_min", w == 0 ? 0 : (w * 390 + 60 * std::max(1, open) - 1) / (60 * std::max(1, open))}});
    }
    return json{{"seq", 412}, {"date", kDate}, {"hall", {{"name", config.hall_name}}},
                {"tickets", tickets}, {"counters", counters}, {"services", services}};
}

void show_sample(CounterModel& model, const Catalog& catalog, Scene scene) {
    HallState state;
    (void)state.load_snapshot(sample_snapshot(model.config(), catalog, scene));
    model.set_clock(sample_now(scene));
    model.observe_server_time(sample_now(scene), sample_now(scene));
    model.update(state, scene != Scene::disconnected);
    if (scene == Scene::login) return;
    model.preview_session(sample_session(), scene == Scene::paused ? std::optional<std::int64_t>(kNoon - 4 * kMinute - 30000)
                                                                   : std::nullopt);
    // The officer has checked the first documents of the exporter's file.
    for (int i = 0; i < 5; ++i) model.toggle_requirement(i);
    if (scene == Scene::transfer) model.act(Action::transfer);
}

}  // namespace hall::counter
