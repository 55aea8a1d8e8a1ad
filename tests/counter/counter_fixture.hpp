// Shared pieces of the counter client's tests: the fixture hall's config and catalog, a
// transport that records what the model sends, and a small builder of replica states
// (tickets and counters shaped as the server sends them).
#pragma once
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/hall_config.hpp"
#include "common/hall_state.hpp"
#include "counter_client/counter_model.hpp"
#include "counter_client/counter_text.hpp"
#include "tests/server/test_hall.hpp"

namespace counter_test {

using hall::json;
using hall::counter::CounterModel;

// The fixture hall (tests/fixtures): loket-1 serves contoh-dinas.* (prefixes A, A, C), loket-2
// serves layanan-dua.
struct FixtureHall {
    hall::HallConfig config;
    hall::Catalog catalog;
    FixtureHall() {
        auto parsed = hall::parse_hall_config(hall::test::fixture_config_toml(), "test.toml",
                                              hall::test::source_dir() / "tests/fixtures", &catalog);
        if (!parsed) throw std::runtime_error(parsed.error().message);
        config = *parsed;
    }
};

constexpr const char* kSatu = "contoh-dinas.layanan-satu";
constexpr const char* kDua = "contoh-dinas.layanan-dua";
constexpr const char* kTiga = "contoh-dinas.layanan-tiga";
// 09:00 on the fixture's Monday, in server milliseconds.
constexpr std::int64_t kNine = 20780LL * 86400000 + 2LL * 3600000;
constexpr std::int64_t kMinute = 60000;

struct Sent {
    std::int64_t req;
    hall::proto::MessageType type;
    json body;
};

class RecordingTransport : public hall::counter::Transport {
public:
    std::int64_t reserve_request_number() override { return ++m_next; }
    void send(std::int64_t req, hall::proto::MessageType type, const json& body) override {
        sent.push_back(Sent{req, type, body});
    }
    std::vector<Sent> sent;

private:
    std::int64_t m_next = 100;
};

inline json ticket(std::int64_t id, const std::string& number, const std::string& service, const std::string& state,
                   std::int64_t queued_minute, const std::string& priority = "regular") {
    return json{{"id", id},
                {"date", "2026-11-23"},
                {"number", number},
                {"prefix", number.substr(0, number.find('-'))},
                {"seq", id},
                {"service", service},
                {"original_service", service},
                {"service_name", "Layanan"},
                {"priority", priority},
                {"state", state},
                {"counter", nullptr},
                {"officer", nullptr},
                {"token", std::string(30, '0') + (id < 10 ? "0" : "") + std::to_string(id)},
                {"issued_at", kNine + queued_minute * kMinute},
                {"queued_at", kNine + queued_minute * kMinute},
                {"called_at", nullptr},
                {"serving_at", nullptr},
                {"finished_at", nullptr},
                {"recalls", 0},
                {"transfers", 0},
                {"note", nullptr},
                {"printed", true}};
}

// A ticket at a counter: called (or serving) by `officer` at `counter`.
inline json at_counter(json t, const std::string& state, const std::string& counter, const std::string& officer,
                       std::int64_t called_minute) {
    t["state"] = state;
    t["counter"] = counter;
    t["officer"] = officer;
    t["called_at"] = kNine + called_minute * kMinute;
    if (state == "serving" || state == "done") t["serving_at"] = kNine + (called_minute + 1) * kMinute;
    if (state == "done") t["finished_at"] = kNine + (called_minute + 6) * kMinute;
    if (state == "no_show") t["finished_at"] = kNine + (called_minute + 3) * kMinute;
    return t;
}

inline json counter(const std::string& id, const std::string& state, const std::string& officer = "",
                    json current = nullptr, const std::string& reason = "") {
    json services = id == "loket-1" ? json::array({kSatu, kDua, kTiga}) : json::array({kDua});
    return json{{"id", id},
                {"name", id == "loket-1" ? "Loket 1" : "Loket 2"},
                {"zone", ""},
                {"services", services},
                {"state", state},
                {"officer", officer.empty() ? json() : json(officer)},
                {"officer_name", officer.empty() ? json() : json("Siti Aminah")},
                {"pause_reason", reason.empty() ? json() : json(reason)},
                {"ticket", current}};
}

inline hall::HallState state_of(const json& tickets, const json& counters, std::int64_t seq = 10) {
    json services = json::array();
    for (const char* s : {kSatu, kDua, kTiga}) {
        int waiting = 0;
        for (const json& t : tickets)
            if (t["service"] == s && (t["state"] == "waiting" || t["state"] == "transferred")) ++waiting;
        const std::string name = s == std::string(kSatu) ? "Layanan Satu" : s == std::string(kDua) ? "Layanan Dua" : "Layanan Tiga";
        services.push_back(json{{"id", s}, {"agency", "contoh-dinas"}, {"prefix", "A"}, {"name", name},
                                {"waiting", waiting}, {"status", "open"}});
    }
    hall::HallState state;
    REQUIRE(state.load_snapshot(json{{"seq", seq}, {"date", "2026-11-23"}, {"hall", {{"name", "Mal Uji"}}},
                                     {"tickets", tickets}, {"counters", counters}, {"services", services}}));
    return state;
}

// The model logged in as siti at loket-1 (the replica shows it so), connected, at 09:30.
inline void log_in(CounterModel& model, RecordingTransport& transport, const hall::HallState& state) {
    model.set_clock(kNine + 30 * kMinute);
    model.update(state, true);
    model.login("siti", "482913", "loket-1");
    REQUIRE(!transport.sent.empty());
    const Sent& login = transport.sent.back();
    REQUIRE(login.type == hall::proto::MessageType::login);
    hall::proto::Reply reply;
    reply.req = login.req;
    reply.ok = true;
    reply.body = json{{"officer", {{"id", "siti"}, {"name", "Siti Aminah"}}},
                      {"counter", *state.counter("loket-1")}};
    model.on_reply(login.req, reply);
    REQUIRE(model.session());
    model.update(state, true);  // the login event reaches the replica
}

inline hall::proto::Reply ok_reply(std::int64_t req, json body) {
    hall::proto::Reply r;
    r.req = req;
    r.ok = true;
    r.body = std::move(body);
    return r;
}

inline hall::proto::Reply error_reply(std::int64_t req, const std::string& code, const std::string& message = "") {
    hall::proto::Reply r;
    r.req = req;
    r.ok = false;
    r.error_code = code;
    r.error_message = message;
    return r;
}

// Every string a test meets must exist in both languages (a missing key reads as the key).
inline void require_text(const hall::counter::Text& text) {
    REQUIRE_FALSE(text.empty());
    for (auto lang : {hall::i18n::Lang::id, hall::i18n::Lang::en}) {
        const std::string rendered = hall::counter::render(text, lang);
        INFO(text.key << " -> " << rendered);
        CHECK(rendered != text.key);
        CHECK(rendered.find("desk.") == std::string::npos);
        CHECK(rendered.find('{') == std::string::npos);
    }
}

}  // namespace counter_test
