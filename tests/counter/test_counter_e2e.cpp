// The desk against a real queue server (TestHall: 127.0.0.1, ephemeral ports, CURVE keys):
// the officer logs in, calls the ticket a kiosk issued, serves and finishes it, transfers
// another, scans a third and marks it a no-show, checking the server's own snapshot after each
// step; a reply lost on the way is retried with the same request number and applies once; with
// the server down every action is refused, and after it returns the desk resyncs; a second
// device that takes the counter over leaves the first one refused.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "common/request_client.hpp"
#include "counter_client/counter_app.hpp"
#include "counter_client/counter_model.hpp"
#include "counter_fixture.hpp"

using namespace counter_test;
using hall::RequestClient;
using hall::counter::Action;
using hall::counter::CounterApp;
using hall::counter::Dialog;
using hall::counter::Intent;
using hall::counter::IntentKind;
using hall::counter::Screen;
using hall::proto::MessageType;
using hall::test::TestHall;

namespace {

constexpr int kWaitMs = 20000;  // generous: the machine is shared; nothing here is timed

// Pumps the desk (as its UI loop would) until `pred` holds or the time is up.
template <class Pred>
bool pump_until(CounterApp& app, Pred pred, int ms = kWaitMs) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < deadline) {
        app.pump(hall::counter::wall_clock_ms());
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    app.pump(hall::counter::wall_clock_ms());
    return pred();
}

json call_ok(RequestClient& client, MessageType type, json body = json::object()) {
    auto r = client.call(type, body);
    REQUIRE(r);
    INFO(r->error_code << " " << r->error_message);
    REQUIRE(r->ok);
    return r->body;
}

json find_ticket(const json& snapshot, const std::string& number) {
    for (const json& t : snapshot["tickets"])
        if (t["number"] == number) return t;
    FAIL("no ticket " << number << " in the server's snapshot");
    return json();
}

json find_counter(const json& snapshot, const std::string& id) {
    for (const json& c : snapshot["counters"])
        if (c["id"] == id) return c;
    FAIL("no counter " << id);
    return json();
}

void add_officer(TestHall& hall, const std::string& id, const std::string& name, const std::string& pin) {
    RequestClient admin(hall.options("admin-1"));
    call_ok(admin, MessageType::officer_add, json{{"officer", id}, {"name", name}, {"pin", pin}});
}

std::unique_ptr<CounterApp> desk_for(TestHall& hall, const std::string& key_name) {
    FixtureHall fixture;
    hall::counter::register_counter_strings();
    auto app = std::make_unique<CounterApp>(fixture.config, std::move(fixture.catalog), hall.options(key_name),
                                            CounterModel::Options{});
    app->start();
    REQUIRE(pump_until(*app, [&] { return app->model().connected(); }));
    return app;
}

// A fixture hall with the officer Siti enrolled, a kiosk to issue tickets and an admin to
// read the server's own snapshot.
struct Hall {
    TestHall hall;
    RequestClient kiosk{hall.options("kiosk-1")};
    RequestClient admin{hall.options("admin-1")};
    Hall() { add_officer(hall, "siti", "Siti Aminah", "482913"); }
    json issue(const char* service) { return call_ok(kiosk, MessageType::issue_ticket, {{"service", service}})["ticket"]; }
    json snapshot() { return call_ok(admin, MessageType::snapshot); }
};

void log_in_desk(CounterApp& app, const std::string& pin = "482913") {
    app.model().apply(Intent::of_text(IntentKind::login, "siti", pin, "loket-1"));
    REQUIRE(pump_until(app, [&] { return !app.model().busy(); }));
}

}  // namespace

TEST_CASE("end to end: log in, call the kiosk's ticket, serve, finish, transfer, no-show", "[counter][e2e]") {
    Hall h;
    TestHall& hall = h.hall;
    RequestClient& admin = h.admin;
    const json first = h.issue(kSatu);
    const json second = h.issue(kSatu);
    const json third = h.issue(kTiga);

    auto app = desk_for(hall, "counter-1");
    auto& model = app->model();
    REQUIRE(model.screen() == Screen::login);

    // A wrong PIN first: the server's count of attempts left reaches the screen.
    log_in_desk(*app, "111111");
    REQUIRE(model.notice());
    CHECK(model.notice()->text.key == "desk.login.failed_left");
    CHECK(hall::counter::render(model.notice()->text, hall::i18n::Lang::en).find("4 attempt") != std::string::npos);
    CHECK_FALSE(model.session());

    log_in_desk(*app);
    REQUIRE(model.session());
    REQUIRE(pump_until(*app, [&] { return model.screen() == Screen::main && model.waiting_count() == 3; }));
    json snap = call_ok(admin, MessageType::snapshot);
    CHECK(find_counter(snap, "loket-1")["state"] == "open");
    CHECK(find_counter(snap, "loket-1")["officer"] == "siti");

    // F1: the kiosk's first ticket is called to this desk.
    REQUIRE(model.press_function_key(1));
    REQUIRE(pump_until(*app, [&] { return model.current_ticket() && !model.busy(); }));
    CHECK(model.current_ticket()->number == first["number"]);
    snap = call_ok(admin, MessageType::snapshot);
    CHECK(find_ticket(snap, first["number"])["state"] == "called");
    CHECK(find_ticket(snap, first["number"])["counter"] == "loket-1");
    CHECK(find_ticket(snap, first["number"])["officer"] == "siti");
    // Finishing before serving is refused on the desk, and nothing reaches the server.
    model.press_function_key(4);
    CHECK(model.notice()->text.key == "desk.why.start_first");
    // F2 recalls; the count shows.
    model.press_function_key(2);
    REQUIRE(pump_until(*app, [&] { return !model.busy() && model.current_ticket() && model.current_ticket()->recalls == 1; }));
    CHECK(find_ticket(call_ok(admin, MessageType::snapshot), first["number"])["recalls"] == 1);

    // F3: serving.
    model.press_function_key(3);
    REQUIRE(pump_until(*app, [&] { return !model.busy() && model.current_ticket() && model.current_ticket()->state == "serving"; }));
    snap = call_ok(admin, MessageType::snapshot);
    CHECK(find_ticket(snap, first["number"])["state"] == "serving");
    CHECK(find_ticket(snap, first["number"])["serving_at"].is_number_integer());
    // The serving timer runs on the server's clock (TestHall's is days away from this one).
    CHECK(model.server_now() - model.current_ticket()->serving_at.value() >= 0);
    CHECK(model.server_now() - model.current_ticket()->serving_at.value() < 60000);

    // F4: done; today's figures count it.
    model.press_function_key(4);
    REQUIRE(pump_until(*app, [&] { return !model.busy() && !model.current_ticket() && model.figures().served == 1; }));
    CHECK(find_ticket(call_ok(admin, MessageType::snapshot), first["number"])["state"] == "done");
    CHECK(model.figures().average_service_s.has_value());

    // The second ticket: called, then transferred to layanan-dua with a note.
    model.press_function_key(1);
    REQUIRE(pump_until(*app, [&] { return !model.busy() && model.current_ticket(); }));
    CHECK(model.current_ticket()->number == second["number"]);
    model.press_function_key(6);
    REQUIRE(model.dialog() == Dialog::transfer);
    model.apply(Intent::of_text(IntentKind::transfer, kDua, "Bawa KTP asli"));
    REQUIRE(pump_until(*app, [&] { return !model.busy() && !model.current_ticket() && model.dialog() == Dialog::none; }));
    snap = call_ok(admin, MessageType::snapshot);
    const json moved = find_ticket(snap, second["number"]);
    CHECK(moved["state"] == "transferred");
    CHECK(moved["service"] == kDua);
    CHECK(moved["original_service"] == kSatu);
    CHECK(moved["note"] == "Bawa KTP asli");
    CHECK(moved["counter"].is_null());

    // The third ticket by scanning its QR link (the scanner types it, then Enter), then Enter
    // again to call it; the visitor does not come: no-show.
    model.apply(Intent::of_text(IntentKind::scan, "http://127.0.0.1:8080/t/" + third["token"].get<std::string>() + "\r"));
    REQUIRE(model.selected_ticket());
    CHECK(*model.selected_ticket() == third["id"].get<std::int64_t>());
    model.apply(Intent::of_text(IntentKind::scan, ""));
    REQUIRE(pump_until(*app, [&] { return !model.busy() && model.current_ticket(); }));
    CHECK(model.current_ticket()->number == third["number"]);
    CHECK(find_ticket(call_ok(admin, MessageType::snapshot), third["number"])["state"] == "called");
    model.press_function_key(5);
    REQUIRE(pump_until(*app, [&] { return !model.busy() && !model.current_ticket() && model.figures().no_shows == 1; }));
    snap = call_ok(admin, MessageType::snapshot);
    CHECK(find_ticket(snap, third["number"])["state"] == "no_show");
    CHECK(find_ticket(snap, third["number"])["finished_at"].is_number_integer());
    // The transferred ticket is still in this counter's queue (loket-1 serves layanan-dua too).
    REQUIRE(pump_until(*app, [&] { return model.waiting_count() == 1; }));

    // Pause with a reason, resume, log out.
    model.open_pause();
    model.apply(Intent::of_text(IntentKind::pause, "Sholat"));
    REQUIRE(pump_until(*app, [&] { return !model.busy() && model.screen() == Screen::paused; }));
    snap = call_ok(admin, MessageType::snapshot);
    CHECK(find_counter(snap, "loket-1")["state"] == "paused");
    CHECK(find_counter(snap, "loket-1")["pause_reason"] == "Sholat");
    model.resume();
    REQUIRE(pump_until(*app, [&] { return !model.busy() && model.screen() == Screen::main; }));
    model.logout();
    REQUIRE(pump_until(*app, [&] { return !model.busy() && model.screen() == Screen::login; }));
    CHECK(find_counter(call_ok(admin, MessageType::snapshot), "loket-1")["state"] == "closed");
    app->stop();
}

namespace {

// Sends through a real RequestClient, but loses the first reply to `lose` on its way back:
// the server applied the request, the desk never heard.
class LossyTransport : public hall::counter::Transport {
public:
    LossyTransport(hall::ClientOptions options, MessageType lose) : m_client(std::move(options)), m_lose(lose) {}
    std::int64_t reserve_request_number() override { return m_client.reserve_request_number(); }
    void send(std::int64_t req, MessageType type, const json& body) override {
        sent.push_back(Sent{req, type, body});
        auto reply = m_client.call_with(req, type, body);
        if (type == m_lose && !m_lost) {
            m_lost = true;
            answers.emplace_back(req, hall::Result<hall::proto::Reply>(hall::make_error("unreachable", "reply lost")));
            return;
        }
        answers.emplace_back(req, reply);
    }
    void deliver(CounterModel& model) {
        auto pending = std::move(answers);
        answers.clear();
        for (auto& [req, reply] : pending) model.on_reply(req, reply);
    }
    std::vector<Sent> sent;
    std::vector<std::pair<std::int64_t, hall::Result<hall::proto::Reply>>> answers;

private:
    RequestClient m_client;
    MessageType m_lose;
    bool m_lost = false;
};

hall::HallState replica_of(RequestClient& admin) {
    hall::HallState state;
    REQUIRE(state.load_snapshot(call_ok(admin, MessageType::snapshot)));
    return state;
}

}  // namespace

TEST_CASE("end to end: a lost reply is retried with the same request number and applies once", "[counter][e2e]") {
    Hall h;
    TestHall& hall = h.hall;
    RequestClient& admin = h.admin;
    const json first = h.issue(kSatu);
    const json second = h.issue(kSatu);

    FixtureHall fixture;
    hall::counter::register_counter_strings();
    LossyTransport transport(hall.options("counter-1"), MessageType::call_next);
    CounterModel model(fixture.config, &fixture.catalog, transport, CounterModel::Options{});
    model.set_clock(hall::counter::wall_clock_ms());
    model.update(replica_of(admin), true);
    model.login("siti", "482913", "loket-1");
    transport.deliver(model);
    REQUIRE(model.session());
    model.update(replica_of(admin), true);

    // F1: the server calls the first ticket, but its answer is lost.
    model.press_function_key(1);
    transport.deliver(model);
    REQUIRE(model.has_unconfirmed());
    CHECK(model.notice()->text.key == "desk.notice.unconfirmed");
    const json after_first = call_ok(admin, MessageType::snapshot);
    CHECK(find_ticket(after_first, first["number"])["state"] == "called");

    // The desk retries: the same request number, so the server answers with what it did,
    // and does not call the next ticket.
    model.retry();
    transport.deliver(model);
    REQUIRE(transport.sent.size() == 3);  // login, call, retry
    CHECK(transport.sent[2].req == transport.sent[1].req);
    CHECK(transport.sent[2].type == MessageType::call_next);
    CHECK_FALSE(model.has_unconfirmed());
    REQUIRE(model.current_ticket());
    CHECK(model.current_ticket()->number == first["number"]);
    const json after_retry = call_ok(admin, MessageType::snapshot);
    CHECK(after_retry["seq"] == after_first["seq"]);  // nothing happened twice
    CHECK(find_ticket(after_retry, second["number"])["state"] == "waiting");
    CHECK(find_ticket(after_retry, first["number"])["recalls"] == 0);
}

TEST_CASE("end to end: with the server down every action is refused; back up, the desk resyncs", "[counter][e2e]") {
    Hall h;
    TestHall& hall = h.hall;
    h.issue(kSatu);
    auto app = desk_for(hall, "counter-1");
    auto& model = app->model();
    log_in_desk(*app);
    REQUIRE(model.session());
    REQUIRE(pump_until(*app, [&] { return model.waiting_count() == 1; }));

    hall.stop();
    REQUIRE(pump_until(*app, [&] { return !model.connected(); }));
    model.press_function_key(1);
    CHECK(model.notice()->text.key == "desk.why.disconnected");
    CHECK_FALSE(model.busy());  // refused on the desk: nothing was handed to the link

    hall.start();
    REQUIRE(pump_until(*app, [&] { return model.connected(); }));
    CHECK(model.session());
    // The refused call never reached the server.
    RequestClient admin(hall.options("admin-1"));
    json snap = call_ok(admin, MessageType::snapshot);
    CHECK(snap["tickets"][0]["state"] == "waiting");
    // Changes made while the desk was away show after the resync.
    RequestClient kiosk(hall.options("kiosk-1"));
    call_ok(kiosk, MessageType::issue_ticket, {{"service", kDua}});
    REQUIRE(pump_until(*app, [&] { return model.waiting_count() == 2; }));
    // And it works again.
    model.press_function_key(1);
    REQUIRE(pump_until(*app, [&] { return !model.busy() && model.current_ticket(); }));
    CHECK(find_ticket(call_ok(admin, MessageType::snapshot), model.current_ticket()->number)["state"] == "called");
    app->stop();
}

TEST_CASE("end to end: a counter taken over from another device refuses this one", "[counter][e2e]") {
    Hall h;
    TestHall& hall = h.hall;
    hall.enrol("counter-2", "counter");
    h.issue(kSatu);
    auto first = desk_for(hall, "counter-1");
    log_in_desk(*first);
    REQUIRE(first->model().session());

    // The same officer logs in at the same counter on another computer.
    auto second = desk_for(hall, "counter-2");
    log_in_desk(*second);
    REQUIRE(second->model().session());

    // The first desk's next action is refused by the server; the desk says why and logs out.
    REQUIRE(pump_until(*first, [&] { return first->model().waiting_count() == 1; }));
    first->model().press_function_key(1);
    REQUIRE(pump_until(*first, [&] { return !first->model().busy(); }));
    CHECK_FALSE(first->model().session());
    REQUIRE(first->model().notice());
    CHECK(first->model().notice()->text.key == "desk.error.forbidden_device");
    CHECK(h.snapshot()["tickets"][0]["state"] == "waiting");
    first->stop();
    second->stop();
}
