// The board's model fed directly with snapshots and events (no server): it applies updates,
// resyncs on a gap (and announces the calls it missed), filters by zone, orders the board and
// the announcements, times the highlight and the banner, and builds the running text.
#include <catch2/catch.hpp>

#include <algorithm>

#include "common/hall_config.hpp"
#include "display/board_model.hpp"
#include "display/board_text.hpp"
#include "display/display_strings.hpp"
#include "display/sample_board.hpp"

using namespace hall::display;
using hall::json;
using hall::HallState;

namespace {

json ticket(std::int64_t id, const std::string& number, const std::string& state, const std::string& counter = "",
            std::int64_t called_at = 0, int recalls = 0, const std::string& service = "s.one") {
    return json{{"id", id},
                {"date", "2026-11-23"},
                {"number", number},
                {"prefix", number.substr(0, 1)},
                {"seq", id},
                {"service", service},
                {"original_service", service},
                {"service_name", "Layanan " + service},
                {"priority", "regular"},
                {"state", state},
                {"counter", counter.empty() ? json(nullptr) : json(counter)},
                {"officer", nullptr},
                {"token", "0"},
                {"issued_at", 1000},
                {"queued_at", 1000},
                {"called_at", called_at ? json(called_at) : json(nullptr)},
                {"serving_at", nullptr},
                {"finished_at", nullptr},
                {"recalls", recalls},
                {"transfers", 0},
                {"note", nullptr},
                {"printed", true}};
}

json counter(const std::string& id, const std::string& name, const std::string& zone, const std::string& state = "open",
             std::int64_t current = 0, std::vector<std::string> services = {"s.one", "s.two"}) {
    return json{{"id", id},     {"name", name},       {"zone", zone},   {"services", services},
                {"state", state}, {"officer", "budi"}, {"officer_name", "Budi"},
                {"pause_reason", nullptr}, {"ticket", current ? json(current) : json(nullptr)}};
}

json service(const std::string& id, const std::string& prefix, int waiting, const std::string& status = "open",
             const std::string& detail = "08:00-15:00") {
    return json{{"id", id},         {"agency", "contoh"}, {"prefix", prefix},     {"name", "Layanan " + id},
                {"status", status}, {"status_detail", detail}, {"waiting", waiting}, {"issued_today", 3},
                {"quota", 0},       {"avg_service_s", 300.0},  {"counters_open", 1},  {"counters_total", 1},
                {"est_wait_min", 5}};
}

// A hall of two zones: loket-1 and loket-2 in zona-a (services s.one, s.two), loket-5 in
// zona-b (service s.three).
json hall_snapshot(std::int64_t seq, json tickets = json::array()) {
    return json{{"seq", seq},
                {"date", "2026-11-23"},
                {"hall", {{"name", "Mal Uji"}}},
                {"tickets", tickets},
                {"counters",
                 json::array({counter("loket-1", "Loket 1", "zona-a"), counter("loket-2", "Loket 2", "zona-a"),
                              counter("loket-5", "Loket 5", "zona-b", "open", 0, {"s.three"})})},
                {"services", json::array({service("s.one", "A", 2), service("s.two", "B", 0),
                                          service("s.three", "C", 4)})}};
}

json call_event(std::int64_t seq, const json& t, const json& c, const std::string& action = "call",
                std::int64_t at = 0) {
    return json{{"seq", seq},  {"action", action}, {"at", at ? at : t["called_at"].get<std::int64_t>()},
                {"ticket", t}, {"counter", c},     {"services", json::array()}};
}

BoardConfig zone_config(const std::string& zone) {
    BoardConfig config;
    config.hall_name = "Mal dari Konfigurasi";
    config.zone = zone;
    config.counter_order = {"loket-2", "loket-1", "loket-5"};
    config.highlight_ms = 10000;
    config.previous_calls = 6;
    return config;
}

std::vector<std::string> pending_numbers(const BoardModel& model) {
    std::vector<std::string> out;
    for (const Announcement& a : model.announcements().pending()) out.push_back(a.number);
    return out;
}

}  // namespace

TEST_CASE("the model applies updates and announces a call", "[display][model]") {
    std::int64_t now = 50000;
    BoardModel model(zone_config(""), [&] { return now; });
    BoardSnapshot empty = model.snapshot();
    CHECK_FALSE(empty.loaded);
    CHECK_FALSE(empty.latest);
    CHECK(empty.hall_name == "Mal dari Konfigurasi");

    REQUIRE(model.load_snapshot(hall_snapshot(5, json::array({ticket(1, "A-001", "waiting")}))));
    CHECK(model.announcements().pending().empty());  // a board that starts repeats nothing
    BoardSnapshot loaded = model.snapshot();
    CHECK(loaded.hall_name == "Mal Uji");  // the server's name wins
    CHECK(loaded.waiting_total == 6);

    json called = ticket(1, "A-001", "called", "loket-1", 900000);
    CHECK(model.apply(call_event(6, called, counter("loket-1", "Loket 1", "zona-a", "open", 1))) ==
          HallState::Apply::applied);
    BoardSnapshot board = model.snapshot();
    REQUIRE(board.latest);
    CHECK(board.latest->number == "A-001");
    CHECK(board.latest->counter_name == "Loket 1");
    CHECK(board.latest->service_name == "Layanan s.one");
    CHECK(board.latest_is_new);
    CHECK(std::find_if(board.counters.begin(), board.counters.end(), [](const BoardCounter& c) {
              return c.id == "loket-1" && c.ticket_number == "A-001" && c.ticket_state == "called";
          }) != board.counters.end());
    REQUIRE(model.announcements().pending().size() == 1);
    CHECK(model.announcements().pending()[0].sentence() ==
          "Nomor antrian, a satu, silakan menuju loket satu.");

    // The same event again is stale: no second announcement.
    CHECK(model.apply(call_event(6, called, counter("loket-1", "Loket 1", "zona-a", "open", 1))) ==
          HallState::Apply::stale);
    CHECK(model.announcements().pending().size() == 1);

    // Serving is not a call.
    json serving = called;
    serving["state"] = "serving";
    CHECK(model.apply(json{{"seq", 7}, {"action", "start_serving"}, {"at", 901000}, {"ticket", serving},
                           {"counter", counter("loket-1", "Loket 1", "zona-a", "open", 1)}}) ==
          HallState::Apply::applied);
    CHECK(model.announcements().pending().size() == 1);
    CHECK(model.snapshot().latest->state == "serving");

    // The highlight lasts a few seconds.
    now += 9000;
    CHECK(model.snapshot().latest_is_new);
    now += 2000;
    CHECK_FALSE(model.snapshot().latest_is_new);
}

TEST_CASE("the model resyncs on a gap and announces the calls it missed", "[display][model]") {
    std::int64_t now = 0;
    BoardModel model(zone_config(""), [&] { return now; });
    REQUIRE(model.load_snapshot(hall_snapshot(7, json::array({ticket(1, "A-001", "waiting"),
                                                              ticket(2, "A-002", "waiting"),
                                                              ticket(3, "C-001", "waiting", "", 0, 0, "s.three")}))));
    // Event 8 was lost: 9 is a gap, not applied.
    json called2 = ticket(2, "A-002", "called", "loket-2", 5000);
    CHECK(model.apply(call_event(9, called2, counter("loket-2", "Loket 2", "zona-a", "open", 2))) ==
          HallState::Apply::gap);
    CHECK(model.needs_snapshot());
    CHECK(model.snapshot().resyncing);
    CHECK_FALSE(model.snapshot().latest);
    CHECK(model.seq() == 7);

    // The fresh snapshot holds events 8 (A-001 called at loket-1) and 9 (A-002 at loket-2).
    json snap = hall_snapshot(9, json::array({ticket(1, "A-001", "called", "loket-1", 4000),
                                              ticket(2, "A-002", "called", "loket-2", 5000),
                                              ticket(3, "C-001", "waiting", "", 0, 0, "s.three")}));
    snap["counters"][0]["ticket"] = 1;
    snap["counters"][1]["ticket"] = 2;
    REQUIRE(model.load_snapshot(snap));
    CHECK_FALSE(model.needs_snapshot());
    CHECK_FALSE(model.snapshot().resyncing);
    CHECK(model.seq() == 9);
    CHECK(pending_numbers(model) == std::vector<std::string>{"A-001", "A-002"});  // in call order
    BoardSnapshot board = model.snapshot();
    REQUIRE(board.latest);
    CHECK(board.latest->number == "A-002");
    CHECK(board.latest_is_new);
    REQUIRE(board.previous.size() == 1);
    CHECK(board.previous[0].number == "A-001");

    // Event 9 arriving late is stale; the same snapshot again announces nothing twice.
    CHECK(model.apply(call_event(9, called2, counter("loket-2", "Loket 2", "zona-a", "open", 2))) ==
          HallState::Apply::stale);
    REQUIRE(model.load_snapshot(snap));
    CHECK(model.announcements().pending().size() == 2);
    // A malformed snapshot changes nothing.
    CHECK_FALSE(model.load_snapshot(json{{"seq", "x"}}));
    CHECK(model.seq() == 9);
}

TEST_CASE("a board shows and announces only its zone", "[display][model][zone]") {
    BoardModel model(zone_config("zona-b"));
    REQUIRE(model.load_snapshot(hall_snapshot(1, json::array({ticket(1, "A-001", "waiting"),
                                                              ticket(2, "C-001", "waiting", "", 0, 0, "s.three")}))));
    json a = ticket(1, "A-001", "called", "loket-1", 1000);
    json c = ticket(2, "C-001", "called", "loket-5", 2000, 0, "s.three");
    model.apply(call_event(2, a, counter("loket-1", "Loket 1", "zona-a", "open", 1)));
    model.apply(call_event(3, c, counter("loket-5", "Loket 5", "zona-b", "open", 2, {"s.three"})));
    CHECK(pending_numbers(model) == std::vector<std::string>{"C-001"});
    BoardSnapshot board = model.snapshot();
    REQUIRE(board.latest);
    CHECK(board.latest->number == "C-001");
    CHECK(board.previous.empty());
    REQUIRE(board.counters.size() == 1);
    CHECK(board.counters[0].id == "loket-5");
    REQUIRE(board.waiting.size() == 1);  // s.three only: s.one's waiting belong to zona-a
    CHECK(board.waiting[0].prefix == "C");
    CHECK(board.waiting_total == 4);

    BoardModel all(zone_config(""));
    REQUIRE(all.load_snapshot(hall_snapshot(1)));
    BoardSnapshot everything = all.snapshot();
    REQUIRE(everything.counters.size() == 3);
    CHECK(everything.counters[0].id == "loket-2");  // the config's order
    CHECK(everything.counters[1].id == "loket-1");
    CHECK(everything.waiting_total == 6);
}

TEST_CASE("a recall is announced again and brings its ticket back to the top", "[display][model]") {
    BoardModel model(zone_config(""));
    REQUIRE(model.load_snapshot(hall_snapshot(1, json::array({ticket(1, "A-001", "waiting"),
                                                              ticket(2, "B-001", "waiting", "", 0, 0, "s.two")}))));
    json first = ticket(1, "A-001", "called", "loket-1", 1000);
    json second = ticket(2, "B-001", "called", "loket-2", 2000, 0, "s.two");
    model.apply(call_event(2, first, counter("loket-1", "Loket 1", "zona-a", "open", 1)));
    model.apply(call_event(3, second, counter("loket-2", "Loket 2", "zona-a", "open", 2)));
    CHECK(model.snapshot().latest->number == "B-001");
    json recalled = first;
    recalled["recalls"] = 1;
    model.apply(call_event(4, recalled, counter("loket-1", "Loket 1", "zona-a", "open", 1), "recall", 3000));
    BoardSnapshot board = model.snapshot();
    CHECK(board.latest->number == "A-001");
    CHECK(board.latest->recalls == 1);
    REQUIRE(board.previous.size() == 1);
    CHECK(board.previous[0].number == "B-001");
    auto pending = model.announcements().pending();
    REQUIRE(pending.size() == 3);
    CHECK(pending[2].kind == CallKind::recall);
    CHECK(pending[2].sentence() == "Panggilan ulang, nomor antrian, a satu, silakan menuju loket satu.");
}

TEST_CASE("the banner tells how long the server has not been heard", "[display][model]") {
    std::int64_t now = 1000;
    BoardModel model(zone_config(""), [&] { return now; });
    now += 4000;
    BoardSnapshot starting = model.snapshot();
    CHECK_FALSE(starting.connected);
    CHECK(starting.offline_ms == 4000);  // never heard since the start
    model.set_connected(true);
    CHECK(model.snapshot().offline_ms == 0);
    REQUIRE(model.load_snapshot(hall_snapshot(3, json::array({ticket(1, "A-001", "called", "loket-1", 500)}))));
    now += 60000;
    model.set_connected(false);
    now += 75000;
    BoardSnapshot lost = model.snapshot();
    CHECK_FALSE(lost.connected);
    CHECK(lost.offline_ms == 75000);
    REQUIRE(lost.latest);  // the board keeps its last state
    CHECK(lost.latest->number == "A-001");
    register_display_strings();
    CHECK(age_text(lost.offline_ms, hall::i18n::Lang::id) == "1 menit");
    CHECK(age_text(45000, hall::i18n::Lang::id) == "45 detik");
    CHECK(age_text(45000, hall::i18n::Lang::en) == "45 seconds");
}

TEST_CASE("the running text carries the server's service status and the hall's messages", "[display][model]") {
    BoardConfig config = zone_config("zona-a");
    config.running_text = {{TickerKind::message, "", "Selamat datang."}};
    BoardModel model(config);
    json snap = hall_snapshot(1);
    snap["services"][0] = service("s.one", "A", 0, "break", "Istirahat 12:00-13:00");
    snap["services"][1] = service("s.two", "B", 0, "quota_reached");
    REQUIRE(model.load_snapshot(snap));
    register_display_strings();
    auto messages = ticker_messages(model.snapshot().ticker, hall::i18n::Lang::id);
    REQUIRE(messages.size() == 3);
    CHECK(messages[0].find("Istirahat 12:00-13:00") != std::string::npos);
    CHECK(messages[1].find("Layanan s.two") != std::string::npos);
    CHECK(messages[2] == "Selamat datang.");
}

TEST_CASE("the board's config comes from the hall config, its zones and pledges", "[display][model]") {
    hall::Catalog catalog;
    auto config = hall::load_hall_config(std::filesystem::path(HALL_SOURCE_DIR) / "assets/hall.example.toml", &catalog);
    REQUIRE(config);
    auto unknown = board_config(*config, catalog, "zona-z");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == "unknown_zone");
    CHECK(unknown.error().message.find("zona-a") != std::string::npos);

    auto zone_a = board_config(*config, catalog, "zona-a");
    REQUIRE(zone_a);
    CHECK(zone_a->zone_name == "Zona A (Loket 1-4)");
    REQUIRE(zone_a->running_text.size() == 2);  // the hall's text, then Setda's pledge
    CHECK(zone_a->running_text[0].kind == TickerKind::message);
    CHECK(zone_a->running_text[1].kind == TickerKind::pledge);
    CHECK(zone_a->running_text[1].title.find("Sekretariat Daerah") != std::string::npos);
    CHECK(zone_a->running_text[1].text.find('\n') == std::string::npos);

    auto zone_b = board_config(*config, catalog, "zona-b");
    REQUIRE(zone_b);
    REQUIRE(zone_b->running_text.size() == 3);  // Setda (loket 5) and Disperinaker (loket 6-7)
    auto all = board_config(*config, catalog, "");
    REQUIRE(all);
    CHECK(all->zone_name.empty());
    CHECK(all->running_text.size() == 3);
}

TEST_CASE("the sample hall fills every part of the board", "[display][model][sample]") {
    hall::Catalog catalog;
    auto config = hall::load_hall_config(std::filesystem::path(HALL_SOURCE_DIR) / "assets/hall.example.toml", &catalog);
    REQUIRE(config);
    for (const std::string zone : {"", "zona-a", "zona-b"}) {
        CAPTURE(zone);
        BoardModel model(*board_config(*config, catalog, zone));
        load_sample(model, *config, catalog, 1795314160000);
        BoardSnapshot board = model.snapshot();
        REQUIRE(board.latest);
        CHECK(board.latest_is_new);
        CHECK(board.previous.size() >= 3);
        CHECK_FALSE(board.waiting.empty());
        CHECK(board.counters.size() == (zone.empty() ? 8u : 4u));
        CHECK(model.announcements().pending().size() == (zone.empty() ? 2u : 1u));
        CHECK(board.connected);
    }
}

TEST_CASE("clock and date read in the hall's time zone", "[display][model]") {
    register_display_strings();
    // 2026-11-23 02:05 UTC is 09:05 WIB on a Monday.
    const std::int64_t at = (20780LL * 86400 + 2 * 3600 + 5 * 60) * 1000;
    CHECK(clock_text(at, 7 * 60) == "09:05");
    CHECK(local_date(at, 7 * 60) == "2026-11-23");
    CHECK(local_date(at, -5 * 60) == "2026-11-22");
    CHECK(date_text("2026-11-23", hall::i18n::Lang::id) == "Senin, 23 November 2026");
    CHECK(date_text("2026-08-17", hall::i18n::Lang::id) == "Senin, 17 Agustus 2026");
    CHECK(date_text("2027-01-01", hall::i18n::Lang::en) == "Friday, 1 January 2027");
    CHECK(date_text("not a date", hall::i18n::Lang::id) == "not a date");
}

TEST_CASE("the display's strings are complete in both languages", "[display][i18n]") {
    register_display_strings();
    std::string missing;
    CHECK(hall::i18n::table_complete(&missing));
    CHECK(missing.empty());
}
