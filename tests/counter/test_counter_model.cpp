// The desk's model without a screen or a server: states and the actions each allows (with the
// reason for the ones it does not), the function keys, the scan field, refusals while the
// server is unreachable, one request at a time, retries with the same request number, replies
// shown before the replica catches up, the queue, the figures, transfer and pause, and the
// ways a session ends.
#include <catch2/catch.hpp>

#include "counter_client/counter_model.hpp"
#include "counter_client/counter_text.hpp"
#include "counter_client/scan_code.hpp"
#include "counter_fixture.hpp"

using namespace counter_test;
using hall::counter::Action;
using hall::counter::Dialog;
using hall::counter::NoticeKind;
using hall::counter::parse_scan;
using hall::counter::ScanCode;
using hall::counter::Screen;
using hall::proto::MessageType;

namespace {

struct Desk {
    FixtureHall hall;
    RecordingTransport transport;
    CounterModel model;
    Desk() : model(hall.config, &hall.catalog, transport, CounterModel::Options{}) {
        hall::counter::register_counter_strings();
    }
};

// Three waiting tickets: A-001 (satu, 09:01), A-002 (dua, 09:02, elderly), C-001 (tiga, 09:03);
// loket-1 open with siti and no ticket.
json three_waiting() {
    return json::array({ticket(1, "A-001", kSatu, "waiting", 1), ticket(2, "A-002", kDua, "waiting", 2, "elderly"),
                        ticket(3, "C-001", kTiga, "waiting", 3)});
}

hall::HallState open_desk(json tickets = three_waiting()) {
    return state_of(tickets, json::array({counter("loket-1", "open", "siti"), counter("loket-2", "closed")}));
}

// loket-1 with ticket 1 in `state` at it.
hall::HallState desk_with_ticket(const std::string& state) {
    json tickets = three_waiting();
    tickets[0] = at_counter(tickets[0], state, "loket-1", "siti", 20);
    return state_of(tickets, json::array({counter("loket-1", "open", "siti", 1), counter("loket-2", "closed")}));
}

void require_refused(const hall::counter::Availability& a, const std::string& reason) {
    CHECK_FALSE(a.allowed);
    CHECK(a.reason.key == reason);
    require_text(a.reason);
}

}  // namespace

TEST_CASE("F1 to F7 are the seven actions, in the order of the buttons", "[counter][model]") {
    using hall::counter::action_of_function_key;
    using hall::counter::function_key_of;
    CHECK(action_of_function_key(1) == Action::call_next);
    CHECK(action_of_function_key(2) == Action::recall);
    CHECK(action_of_function_key(3) == Action::start_serving);
    CHECK(action_of_function_key(4) == Action::finish);
    CHECK(action_of_function_key(5) == Action::no_show);
    CHECK(action_of_function_key(6) == Action::transfer);
    CHECK(action_of_function_key(7) == Action::hold);
    CHECK_FALSE(action_of_function_key(0));
    CHECK_FALSE(action_of_function_key(8));
    for (Action a : hall::counter::kActions) {
        CHECK(action_of_function_key(function_key_of(a)) == a);
        hall::counter::register_counter_strings();
        require_text(hall::counter::Text{hall::counter::action_label_key(a), {}});
    }
}

TEST_CASE("the counter's strings are complete in both languages", "[counter][model]") {
    hall::counter::register_counter_strings();
    std::string missing;
    CHECK(hall::i18n::table_complete(&missing));
    INFO(missing);
    CHECK(hall::counter::render({"desk.done.call", {hall::counter::lit("A-001"), hall::counter::lit("Loket 1")}},
                                hall::i18n::Lang::id) == "A-001 dipanggil ke Loket 1.");
    // A value is put in as it is, even when it looks like a placeholder itself.
    CHECK(hall::counter::render({"desk.ticket.note", {hall::counter::lit("{1} {2}")}}, hall::i18n::Lang::en) ==
          "Note: {1} {2}");
    CHECK(hall::counter::render({"error.no_such_code", {}}, hall::i18n::Lang::id) ==
          hall::i18n::error_text("internal_error", hall::i18n::Lang::id));
}

TEST_CASE("before login only logging in is possible", "[counter][model]") {
    Desk d;
    d.model.update(open_desk(), true);
    CHECK(d.model.screen() == Screen::login);
    for (Action a : hall::counter::kActions) require_refused(d.model.availability(a), "desk.why.logged_out");
    CHECK_FALSE(d.model.press_function_key(1));
    CHECK(d.model.can_login().allowed);
    CHECK(d.transport.sent.empty());
    CHECK(d.model.counter_choices().size() == 2);
}

TEST_CASE("login: checks what was typed, sends it once, and reads the server's answer", "[counter][model]") {
    Desk d;
    d.model.update(open_desk(), true);

    SECTION("an empty id, a malformed PIN or no counter is caught before anything is sent") {
        d.model.login("", "482913", "loket-1");
        CHECK(d.model.notice()->text.key == "desk.login.need_officer");
        d.model.login("siti", "48a9", "loket-1");
        CHECK(d.model.notice()->text.key == "desk.login.pin_format");
        d.model.login("siti", "123", "loket-1");
        CHECK(d.model.notice()->text.key == "desk.login.pin_format");
        d.model.login("siti", "482913", "");
        CHECK(d.model.notice()->text.key == "desk.login.need_counter");
        d.model.login("siti", "482913", "loket-99");
        CHECK(d.model.notice()->text.key == "desk.login.need_counter");
        CHECK(d.transport.sent.empty());
    }
    SECTION("a wrong PIN shows how many attempts are left") {
        d.model.login("siti", "000000", "loket-1");
        REQUIRE(d.transport.sent.size() == 1);
        CHECK(d.transport.sent[0].body == json{{"officer", "siti"}, {"pin", "000000"}, {"counter", "loket-1"}});
        d.model.on_reply(d.transport.sent[0].req,
                         error_reply(d.transport.sent[0].req, "login_failed",
                                     "unknown officer or wrong PIN (3 attempt(s) left before a lock)"));
        REQUIRE(d.model.notice());
        CHECK(d.model.notice()->kind == NoticeKind::error);
        CHECK(d.model.notice()->text.key == "desk.login.failed_left");
        CHECK(hall::counter::render(d.model.notice()->text, hall::i18n::Lang::id).find("Sisa 3 kali") != std::string::npos);
        CHECK_FALSE(d.model.session());
        // The next try is a new attempt: a new request number (the server keeps wrong-PIN replies).
        d.model.login("siti", "000000", "loket-1");
        REQUIRE(d.transport.sent.size() == 2);
        CHECK(d.transport.sent[1].req != d.transport.sent[0].req);
    }
    SECTION("a lock shows the minutes to wait, or a general lock message") {
        d.model.login("siti", "000000", "loket-1");
        d.model.on_reply(d.transport.sent[0].req, error_reply(d.transport.sent[0].req, "login_locked",
                                                              "too many wrong PINs: try again in 4 minute(s)"));
        CHECK(d.model.notice()->text.key == "desk.login.locked_minutes");
        CHECK(hall::counter::render(d.model.notice()->text, hall::i18n::Lang::en).find("4 minute") != std::string::npos);
        d.model.login("siti", "000000", "loket-1");
        d.model.on_reply(d.transport.sent[1].req, error_reply(d.transport.sent[1].req, "login_locked",
                                                              "too many wrong PINs: the officer is locked for a while"));
        CHECK(d.model.notice()->text.key == "desk.login.locked");
    }
    SECTION("a key that is not a counter's is told apart from a wrong PIN") {
        d.model.login("siti", "482913", "loket-1");
        d.model.on_reply(d.transport.sent[0].req, error_reply(d.transport.sent[0].req, "forbidden"));
        CHECK(d.model.notice()->text.key == "desk.error.forbidden_login");
    }
    SECTION("success opens the desk at the chosen counter") {
        log_in(d.model, d.transport, open_desk());
        CHECK(d.model.screen() == Screen::main);
        CHECK(d.model.session()->officer_name == "Siti Aminah");
        CHECK(d.model.counter_name() == "Loket 1");
        CHECK(d.model.notice()->text.key == "desk.notice.welcome");
        require_text(d.model.notice()->text);
    }
}

TEST_CASE("a preset counter is the only choice and is used whatever the form says", "[counter][model]") {
    FixtureHall hall;
    RecordingTransport transport;
    CounterModel model(hall.config, &hall.catalog, transport, CounterModel::Options{std::string("loket-2"), hall::i18n::Lang::id});
    model.update(open_desk(), true);
    REQUIRE(model.counter_choices().size() == 1);
    CHECK(model.counter_choices()[0].id == "loket-2");
    model.login("siti", "482913", "loket-1");
    REQUIRE(transport.sent.size() == 1);
    CHECK(transport.sent[0].body["counter"] == "loket-2");
}

TEST_CASE("the allowed actions follow the current ticket's state", "[counter][model]") {
    Desk d;
    SECTION("no ticket: only call next, and only when someone waits") {
        log_in(d.model, d.transport, open_desk());
        CHECK(d.model.availability(Action::call_next).allowed);
        for (Action a : {Action::recall, Action::start_serving, Action::finish, Action::no_show, Action::transfer, Action::hold})
            require_refused(d.model.availability(a), "desk.why.no_ticket");
        d.model.update(open_desk(json::array()), true);
        require_refused(d.model.availability(Action::call_next), "desk.why.queue_empty");
        CHECK(d.model.can_pause().allowed);
        CHECK(d.model.can_logout().allowed);
    }
    SECTION("called: recall, start, no-show, transfer, hold; not finish, not another call") {
        log_in(d.model, d.transport, desk_with_ticket("called"));
        REQUIRE(d.model.current_ticket());
        CHECK(d.model.current_ticket()->number == "A-001");
        require_refused(d.model.availability(Action::call_next), "desk.why.finish_first");
        CHECK(hall::counter::render(d.model.availability(Action::call_next).reason, hall::i18n::Lang::id).find("A-001") !=
              std::string::npos);
        for (Action a : {Action::recall, Action::start_serving, Action::no_show, Action::transfer, Action::hold})
            CHECK(d.model.availability(a).allowed);
        require_refused(d.model.availability(Action::finish), "desk.why.start_first");
        require_refused(d.model.can_pause(), "desk.why.pause_with_ticket");
        require_refused(d.model.can_logout(), "desk.why.logout_with_ticket");
    }
    SECTION("serving: finish, transfer, hold; no recall, no start, no no-show") {
        log_in(d.model, d.transport, desk_with_ticket("serving"));
        for (Action a : {Action::finish, Action::transfer, Action::hold}) CHECK(d.model.availability(a).allowed);
        require_refused(d.model.availability(Action::recall), "desk.why.recall_serving");
        require_refused(d.model.availability(Action::start_serving), "desk.why.already_serving");
        require_refused(d.model.availability(Action::no_show), "desk.why.no_show_serving");
        require_refused(d.model.availability(Action::call_next), "desk.why.finish_first");
    }
    SECTION("paused: the paused screen, nothing can be called, resume can") {
        log_in(d.model, d.transport, open_desk());
        d.model.update(state_of(three_waiting(), json::array({counter("loket-1", "paused", "siti", nullptr, "Sholat"),
                                                              counter("loket-2", "closed")})),
                       true);
        CHECK(d.model.screen() == Screen::paused);
        CHECK(d.model.pause_reason() == "Sholat");
        require_refused(d.model.availability(Action::call_next), "desk.why.paused");
        require_refused(d.model.can_call_ticket(2), "desk.why.paused");
        require_refused(d.model.can_pause(), "desk.why.already_paused");
        CHECK(d.model.can_resume().allowed);
        d.model.resume();
        REQUIRE(d.transport.sent.size() == 2);
        CHECK(d.transport.sent[1].type == MessageType::resume);
        CHECK(d.transport.sent[1].body == json{{"counter", "loket-1"}});
    }
}

TEST_CASE("function keys carry out allowed actions and refuse the others with the reason", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, desk_with_ticket("called"));
    const std::size_t before = d.transport.sent.size();

    CHECK(d.model.press_function_key(4));  // finish: not yet
    CHECK(d.transport.sent.size() == before);
    REQUIRE(d.model.notice());
    CHECK(d.model.notice()->kind == NoticeKind::error);
    CHECK(d.model.notice()->text.key == "desk.why.start_first");

    CHECK(d.model.press_function_key(3));  // start serving
    REQUIRE(d.transport.sent.size() == before + 1);
    CHECK(d.transport.sent.back().type == MessageType::start_serving);
    CHECK(d.transport.sent.back().body == json{{"counter", "loket-1"}, {"ticket", 1}});

    SECTION("other keys mean nothing") {
        CHECK_FALSE(d.model.press_function_key(0));
        CHECK_FALSE(d.model.press_function_key(9));
    }
    SECTION("F6 opens the transfer dialog; keys are ignored while it is open") {
        d.model.on_reply(d.transport.sent.back().req, error_reply(d.transport.sent.back().req, "storage_error"));
        CHECK(d.model.press_function_key(6));
        CHECK(d.model.dialog() == Dialog::transfer);
        CHECK(d.transport.sent.size() == before + 1);
        CHECK_FALSE(d.model.press_function_key(1));
        d.model.close_dialog();
        CHECK(d.model.dialog() == Dialog::none);
    }
    SECTION("F7 holds the ticket by its id") {
        d.model.on_reply(d.transport.sent.back().req, error_reply(d.transport.sent.back().req, "storage_error"));
        CHECK(d.model.press_function_key(7));
        CHECK(d.transport.sent.back().type == MessageType::hold);
        CHECK(d.transport.sent.back().body == json{{"ticket", 1}});
    }
}

TEST_CASE("while the server is unreachable every action is refused and nothing is sent", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, open_desk());
    const std::size_t before = d.transport.sent.size();
    d.model.update(open_desk(), false);
    CHECK_FALSE(d.model.connected());
    for (Action a : hall::counter::kActions) require_refused(d.model.availability(a), "desk.why.disconnected");
    require_refused(d.model.can_call_ticket(2), "desk.why.disconnected");
    require_refused(d.model.can_pause(), "desk.why.disconnected");
    require_refused(d.model.can_logout(), "desk.why.disconnected");

    CHECK(d.model.press_function_key(1));
    CHECK(d.model.notice()->text.key == "desk.why.disconnected");
    d.model.call_ticket(2);
    d.model.pause("Rapat");
    d.model.logout();
    CHECK(d.transport.sent.size() == before);  // never queued to go later

    SECTION("a replica that is not loaded counts as unreachable too") {
        d.model.update(hall::HallState{}, true);
        CHECK_FALSE(d.model.connected());
    }
    SECTION("when the connection is back the desk says so, and works again") {
        d.model.update(open_desk(), true);
        REQUIRE(d.model.notice());
        CHECK(d.model.notice()->text.key == "desk.notice.reconnected");
        CHECK(d.model.press_function_key(1));
        CHECK(d.transport.sent.size() == before + 1);
        CHECK(d.transport.sent.back().type == MessageType::call_next);
    }
    SECTION("logging in is refused too") {
        Desk other;
        other.model.update(open_desk(), false);
        other.model.login("siti", "482913", "loket-1");
        CHECK(other.transport.sent.empty());
        CHECK(other.model.notice()->text.key == "desk.why.disconnected");
    }
}

TEST_CASE("one request at a time: a second action waits for the first answer", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, open_desk());
    d.model.press_function_key(1);
    const std::size_t after_first = d.transport.sent.size();
    CHECK(d.model.busy());
    require_refused(d.model.availability(Action::call_next), "desk.why.busy");
    d.model.call_ticket(3);
    CHECK(d.transport.sent.size() == after_first);
    d.model.on_reply(d.transport.sent.back().req, error_reply(d.transport.sent.back().req, "queue_empty"));
    CHECK_FALSE(d.model.busy());
    CHECK(d.model.notice()->text.key == "error.queue_empty");
    require_text(d.model.notice()->text);
}

TEST_CASE("an action with no answer is retried with the same request number", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, open_desk());
    d.model.press_function_key(1);
    const Sent first = d.transport.sent.back();
    d.model.on_reply(first.req, hall::Result<hall::proto::Reply>(hall::make_error("unreachable", "no reply")));
    CHECK_FALSE(d.model.busy());
    CHECK(d.model.has_unconfirmed());
    CHECK(d.model.notice()->text.key == "desk.notice.unconfirmed");
    require_text(d.model.notice()->text);
    CHECK(d.model.unconfirmed_label_key() == "desk.action.call_next");

    SECTION("the retry button sends the same request") {
        d.model.retry();
        CHECK(d.transport.sent.back().req == first.req);
        CHECK(d.transport.sent.back().type == MessageType::call_next);
        CHECK(d.transport.sent.back().body == first.body);
    }
    SECTION("pressing the same key again is the same retry") {
        d.model.press_function_key(1);
        CHECK(d.transport.sent.back().req == first.req);
    }
    SECTION("a retry while still unreachable is refused, and stays possible") {
        d.model.update(open_desk(), false);
        const std::size_t count = d.transport.sent.size();
        d.model.retry();
        CHECK(d.transport.sent.size() == count);
        CHECK(d.model.has_unconfirmed());
        d.model.update(open_desk(), true);
        CHECK(d.model.notice()->text.key == "desk.notice.reconnected_unconfirmed");
        d.model.retry();
        CHECK(d.transport.sent.back().req == first.req);
    }
    SECTION("a different action gets a new number, and the old one is dropped") {
        d.model.call_ticket(3);
        CHECK(d.transport.sent.back().req != first.req);
        CHECK_FALSE(d.model.has_unconfirmed());
    }
    SECTION("an answer settles it") {
        d.model.retry();
        json called = at_counter(ticket(1, "A-001", kSatu, "waiting", 1), "called", "loket-1", "siti", 30);
        d.model.on_reply(first.req, ok_reply(first.req, json{{"ticket", called}, {"counter", counter("loket-1", "open", "siti", 1)}}));
        CHECK_FALSE(d.model.has_unconfirmed());
        CHECK(d.model.current_ticket()->number == "A-001");
    }
}

TEST_CASE("answers that match no request in flight are ignored", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, open_desk());
    d.model.on_reply(999, ok_reply(999, json{{"ticket", at_counter(ticket(1, "A-001", kSatu, "waiting", 1), "called",
                                                                   "loket-1", "siti", 30)}}));
    CHECK_FALSE(d.model.current_ticket());
}

TEST_CASE("a confirmed answer shows at once, and the replica takes over when it catches up", "[counter][model]") {
    Desk d;
    const hall::HallState before = open_desk();
    log_in(d.model, d.transport, before);
    d.model.press_function_key(1);
    const Sent call = d.transport.sent.back();
    CHECK_FALSE(d.model.current_ticket());  // nothing is shown before the server confirms

    json called = at_counter(ticket(1, "A-001", kSatu, "waiting", 1), "called", "loket-1", "siti", 30);
    json desk = counter("loket-1", "open", "siti", 1);
    d.model.on_reply(call.req, ok_reply(call.req, json{{"ticket", called}, {"counter", desk}}));
    REQUIRE(d.model.current_ticket());
    CHECK(d.model.current_ticket()->number == "A-001");
    CHECK(d.model.notice()->text.key == "desk.done.call");
    CHECK(d.model.availability(Action::start_serving).allowed);
    // The queue no longer lists the called ticket, though the replica has not caught up.
    for (const auto& row : d.model.queue()) CHECK(row.ticket.id != 1);

    SECTION("an older replica does not take it back") {
        d.model.update(before, true);
        REQUIRE(d.model.current_ticket());
        CHECK(d.model.current_ticket()->number == "A-001");
    }
    SECTION("the replica with the event replaces it") {
        json tickets = three_waiting();
        tickets[0] = called;
        d.model.update(state_of(tickets, json::array({desk, counter("loket-2", "closed")}), 11), true);
        CHECK(d.model.current_ticket()->number == "A-001");
        // From now on the replica alone decides: a later change by someone else shows.
        tickets[0]["state"] = "on_hold";
        tickets[0]["counter"] = nullptr;
        d.model.update(state_of(tickets, json::array({counter("loket-1", "open", "siti"), counter("loket-2", "closed")}), 12),
                       true);
        CHECK_FALSE(d.model.current_ticket());
    }
    SECTION("after a few seconds the replica decides anyway") {
        d.model.set_clock(kNine + 31 * kMinute);
        d.model.update(before, true);
        CHECK_FALSE(d.model.current_ticket());
    }
}

TEST_CASE("the timers and waits read the server's clock", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, desk_with_ticket("serving"));
    auto t = d.model.current_ticket();
    REQUIRE(t);
    REQUIRE(t->serving_at);
    CHECK(*t->called_at - t->issued_at == 19 * kMinute);  // queued 09:01, called 09:20
    // The local clock is days off the server's (as in TestHall); an event's time aligns them.
    const std::int64_t local = 1'000'000'000'000;
    d.model.set_clock(local);
    d.model.observe_server_time(*t->serving_at + 252'000, local);
    CHECK(d.model.server_now() - *t->serving_at == 252'000);
    CHECK(hall::counter::clock_text(252) == "4:12");
    CHECK(hall::counter::clock_text(3725) == "1:02:05");
    CHECK(hall::counter::clock_text(-5) == "0:00");
}

TEST_CASE("the queue: the counter's services first come first served, then the on-hold tickets", "[counter][model]") {
    Desk d;
    json tickets = three_waiting();
    tickets.push_back(ticket(4, "A-003", kDua, "transferred", 0));  // transferred in: keeps its early place
    json held = ticket(5, "A-004", kSatu, "on_hold", 5);
    tickets.push_back(held);
    tickets.push_back(at_counter(ticket(6, "A-005", kDua, "waiting", 0), "called", "loket-2", "budi", 10));
    tickets.push_back(at_counter(ticket(7, "A-006", kSatu, "waiting", 0), "done", "loket-1", "siti", 5));
    log_in(d.model, d.transport, state_of(tickets, json::array({counter("loket-1", "open", "siti"), counter("loket-2", "open", "budi", 6)})));
    d.model.set_clock(kNine + 30 * kMinute);

    const auto rows = d.model.queue();
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].ticket.number == "A-003");
    CHECK(rows[1].ticket.number == "A-001");
    CHECK(rows[2].ticket.number == "A-002");
    CHECK(rows[2].ticket.is_priority());
    CHECK(rows[3].ticket.number == "C-001");
    CHECK(rows[4].ticket.number == "A-004");
    CHECK(rows[4].on_hold);
    CHECK(rows[1].minutes_waited == 29);
    CHECK(d.model.waiting_count() == 4);
    for (const auto& row : rows) CHECK(row.call.allowed);

    // Any of them can be called directly, the on-hold one too.
    d.model.call_ticket(5);
    REQUIRE(d.transport.sent.back().type == MessageType::call_ticket);
    CHECK(d.transport.sent.back().body == json{{"counter", "loket-1"}, {"ticket", 5}});
    d.model.on_reply(d.transport.sent.back().req, error_reply(d.transport.sent.back().req, "counter_busy"));

    // A ticket elsewhere or finished cannot.
    require_refused(d.model.can_call_ticket(6), "desk.why.at_other_counter");
    require_refused(d.model.can_call_ticket(7), "desk.why.not_callable");
    require_refused(d.model.can_call_ticket(99), "error.unknown_ticket");
}

TEST_CASE("loket-2 sees only the service it serves", "[counter][model]") {
    FixtureHall hall;
    RecordingTransport transport;
    CounterModel model(hall.config, &hall.catalog, transport, CounterModel::Options{});
    hall::counter::register_counter_strings();
    model.update(state_of(three_waiting(), json::array({counter("loket-1", "closed"), counter("loket-2", "open", "budi")})), true);
    model.preview_session({"budi", "Budi", "loket-2"});
    const auto rows = model.queue();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].ticket.number == "A-002");
    require_refused(model.can_call_ticket(1), "desk.why.not_served");
}

TEST_CASE("today's figures count this counter and this officer only", "[counter][model]") {
    Desk d;
    json tickets = json::array();
    tickets.push_back(at_counter(ticket(1, "A-001", kSatu, "waiting", 1), "done", "loket-1", "siti", 10));   // 5 min
    tickets.push_back(at_counter(ticket(2, "A-002", kSatu, "waiting", 2), "done", "loket-1", "siti", 20));   // 5 min
    tickets.push_back(at_counter(ticket(3, "A-003", kSatu, "waiting", 3), "no_show", "loket-1", "siti", 30));
    tickets.push_back(at_counter(ticket(4, "A-004", kDua, "waiting", 4), "done", "loket-2", "budi", 10));    // other desk
    tickets.push_back(at_counter(ticket(5, "A-005", kSatu, "waiting", 5), "done", "loket-1", "budi", 40));   // other officer
    tickets.push_back(ticket(6, "A-006", kSatu, "waiting", 6));
    log_in(d.model, d.transport, state_of(tickets, json::array({counter("loket-1", "open", "siti"), counter("loket-2", "closed")})));
    const auto f = d.model.figures();
    CHECK(f.served == 2);
    CHECK(f.no_shows == 1);
    REQUIRE(f.average_service_s);
    CHECK(*f.average_service_s == 300);
}

TEST_CASE("transfer: a dialog, a target other than the current service, an optional note", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, desk_with_ticket("serving"));
    const std::size_t before = d.transport.sent.size();
    d.model.act(Action::transfer);
    CHECK(d.model.dialog() == Dialog::transfer);
    CHECK(d.transport.sent.size() == before);

    const auto targets = d.model.transfer_targets();
    REQUIRE(targets.size() == 2);
    for (const auto& t : targets) CHECK(t.id != kSatu);
    CHECK(d.model.transfer_targets("tiga").size() == 1);
    CHECK(d.model.transfer_targets("TIGA").size() == 1);
    CHECK(d.model.transfer_targets("tidak ada").empty());

    d.model.transfer("", "");
    CHECK(d.model.notice()->text.key == "desk.transfer.pick_service");
    d.model.transfer(kSatu, "");
    CHECK(d.model.notice()->text.key == "desk.transfer.pick_service");
    CHECK(d.transport.sent.size() == before);

    d.model.transfer(kDua, "Bawa KTP asli");
    REQUIRE(d.transport.sent.size() == before + 1);
    const Sent sent = d.transport.sent.back();
    CHECK(sent.type == MessageType::transfer);
    CHECK(sent.body == json{{"counter", "loket-1"}, {"ticket", 1}, {"service", kDua}, {"note", "Bawa KTP asli"}});
    CHECK(d.model.dialog() == Dialog::transfer);  // open until the server confirms

    json moved = ticket(1, "A-001", kDua, "transferred", 1);
    moved["transfers"] = 1;
    moved["note"] = "Bawa KTP asli";
    d.model.on_reply(sent.req, ok_reply(sent.req, json{{"ticket", moved}, {"counter", counter("loket-1", "open", "siti")}}));
    CHECK(d.model.dialog() == Dialog::none);
    CHECK_FALSE(d.model.current_ticket());
    CHECK(d.model.notice()->text.key == "desk.done.transfer");
    require_text(d.model.notice()->text);
}

TEST_CASE("pause with a reason, then resume", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, open_desk());
    d.model.open_pause();
    CHECK(d.model.dialog() == Dialog::pause);
    d.model.pause("Sholat");
    CHECK(d.transport.sent.back().type == MessageType::pause);
    CHECK(d.transport.sent.back().body == json{{"counter", "loket-1"}, {"reason", "Sholat"}});
    d.model.on_reply(d.transport.sent.back().req,
                     ok_reply(d.transport.sent.back().req, json{{"counter", counter("loket-1", "paused", "siti", nullptr, "Sholat")}}));
    CHECK(d.model.dialog() == Dialog::none);
    CHECK(d.model.screen() == Screen::paused);
    REQUIRE(d.model.paused_since());

    SECTION("a counter with a visitor cannot pause") {
        Desk busy;
        log_in(busy.model, busy.transport, desk_with_ticket("called"));
        busy.model.open_pause();
        CHECK(busy.model.dialog() == Dialog::none);
        CHECK(busy.model.notice()->text.key == "desk.why.pause_with_ticket");
    }
}

TEST_CASE("the session ends when the server says the counter is gone from this desk", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, open_desk());
    d.model.update(open_desk(), true);  // the replica shows siti at loket-1: the session is confirmed

    SECTION("another device took the counter: the next action is forbidden") {
        d.model.press_function_key(1);
        d.model.on_reply(d.transport.sent.back().req, error_reply(d.transport.sent.back().req, "forbidden"));
        CHECK_FALSE(d.model.session());
        CHECK(d.model.screen() == Screen::login);
        CHECK(d.model.notice()->text.key == "desk.error.forbidden_device");
    }
    SECTION("the replica shows the counter closed") {
        d.model.update(state_of(three_waiting(), json::array({counter("loket-1", "closed"), counter("loket-2", "closed")})), true);
        CHECK_FALSE(d.model.session());
        CHECK(d.model.notice()->text.key == "desk.notice.session_ended");
    }
    SECTION("logging out") {
        d.model.logout();
        CHECK(d.transport.sent.back().type == MessageType::logout);
        d.model.on_reply(d.transport.sent.back().req,
                         ok_reply(d.transport.sent.back().req, json{{"counter", counter("loket-1", "closed")}}));
        CHECK_FALSE(d.model.session());
        CHECK(d.model.notice()->text.key == "desk.notice.logged_out");
    }
}

TEST_CASE("messages: a success fades after a few seconds, an error stays", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, open_desk());
    REQUIRE(d.model.notice());
    d.model.set_clock(kNine + 30 * kMinute + 9000);
    CHECK_FALSE(d.model.notice());
    d.model.press_function_key(2);  // refused: no ticket
    REQUIRE(d.model.notice());
    d.model.set_clock(kNine + 40 * kMinute);
    CHECK(d.model.notice());
    d.model.dismiss_notice();
    CHECK_FALSE(d.model.notice());
}

TEST_CASE("the requirement checklist belongs to the current ticket", "[counter][model]") {
    Desk d;
    log_in(d.model, d.transport, desk_with_ticket("serving"));
    REQUIRE(d.model.shown_service());
    CHECK(d.model.shown_service()->id == kSatu);
    REQUIRE(d.model.checked().size() == d.model.shown_service()->component(hall::Component::persyaratan).size());
    d.model.toggle_requirement(0);
    d.model.toggle_requirement(99);
    CHECK(d.model.checked_count() == 1);
    // The next visitor starts with an empty checklist.
    json tickets = three_waiting();
    tickets[0] = at_counter(tickets[0], "done", "loket-1", "siti", 20);
    tickets[2] = at_counter(tickets[2], "called", "loket-1", "siti", 29);
    d.model.update(state_of(tickets, json::array({counter("loket-1", "open", "siti", 3), counter("loket-2", "closed")}), 12), true);
    CHECK(d.model.current_ticket()->number == "C-001");
    CHECK(d.model.checked_count() == 0);
}

TEST_CASE("scan field parsing: ticket links, bare tokens, typed numbers, and garbage", "[counter][scan]") {
    const std::string token = "4ca585fed0aff41e8d38879f6b1e0a27";
    auto token_of = [](std::string_view text) -> std::string {
        auto code = parse_scan(text);
        if (!code || code->kind != ScanCode::Kind::token) return "-";
        return code->value;
    };
    auto number_of = [](std::string_view text) -> std::string {
        auto code = parse_scan(text);
        if (!code || code->kind != ScanCode::Kind::number) return "-";
        return code->value;
    };
    CHECK(token_of("http://192.168.1.10:8080/t/" + token) == token);
    CHECK(token_of("http://127.0.0.1:8080/t/" + token + "\r\n") == token);
    CHECK(token_of("  https://mpp.example.go.id/t/" + token + "/") == token);
    CHECK(token_of("http://host/t/" + token + "?lang=en") == token);
    CHECK(token_of("http://host/t/" + token + "#top") == token);
    CHECK(token_of("HTTP://HOST:8080/T/4CA585FED0AFF41E8D38879F6B1E0A27") == token);  // Caps Lock on
    CHECK(token_of(token) == token);

    CHECK(number_of("A-001") == "A-001");
    CHECK(number_of("s-7") == "S-007");
    CHECK(number_of("S7") == "S-007");
    CHECK(number_of("abc-0012") == "ABC-012");
    CHECK(number_of("A-1234") == "A-1234");

    for (std::string garbage : {std::string(""), std::string("   \r\n"), std::string("hello world"),
                                std::string("http://host/t/"), std::string("http://host/t/1234"),
                                std::string("http://host:8080/x/" + token), std::string("http://host"),
                                std::string("http://host/t/" + token + "00"), std::string("http://host/t/zzzz585fed0aff41e8d38879f6b1e0a27"),
                                std::string("4ca585fed0aff41e8d38879"), std::string("ABCD-1"), std::string("A-12345"),
                                std::string("-001"), std::string("8992761002114"), std::string("A-"),
                                std::string("\x01\x02\xff"), std::string("http://host/t/" + token + "x")}) {
        INFO(garbage);
        CHECK_FALSE(parse_scan(garbage));
    }
}

TEST_CASE("a scan selects the ticket and Enter calls it", "[counter][scan][model]") {
    Desk d;
    json tickets = three_waiting();
    tickets.push_back(at_counter(ticket(4, "A-003", kSatu, "waiting", 0), "done", "loket-1", "siti", 5));
    log_in(d.model, d.transport, state_of(tickets, json::array({counter("loket-1", "open", "siti"), counter("loket-2", "closed")})));
    const std::size_t before = d.transport.sent.size();
    const std::string token3 = tickets[2]["token"].get<std::string>();

    d.model.scan("http://127.0.0.1:8080/t/" + token3 + "\n");
    REQUIRE(d.model.selected_ticket());
    CHECK(*d.model.selected_ticket() == 3);
    CHECK(d.model.notice()->text.key == "desk.scan.selected_callable");
    require_text(d.model.notice()->text);
    CHECK(d.model.shown_service()->id == kTiga);  // its requirements are previewed
    CHECK(d.transport.sent.size() == before);     // a scan alone calls no one

    d.model.scan("");  // Enter on the empty field: call the selected ticket
    REQUIRE(d.transport.sent.size() == before + 1);
    CHECK(d.transport.sent.back().type == MessageType::call_ticket);
    CHECK(d.transport.sent.back().body == json{{"counter", "loket-1"}, {"ticket", 3}});
    d.model.on_reply(d.transport.sent.back().req, error_reply(d.transport.sent.back().req, "counter_busy"));

    SECTION("a typed number works too") {
        d.model.scan("a-2");
        CHECK(*d.model.selected_ticket() == 2);
    }
    SECTION("a finished ticket is selected but says why it cannot be called") {
        d.model.scan("A-003");
        CHECK(*d.model.selected_ticket() == 4);
        CHECK(d.model.notice()->text.key == "desk.scan.selected");
        require_text(d.model.notice()->text);
        require_text(d.model.notice()->detail);
    }
    SECTION("unknown tokens and numbers, and garbage, are errors and select nothing") {
        d.model.select_ticket(0);
        d.model.scan("http://127.0.0.1:8080/t/ffffffffffffffffffffffffffffffff");
        CHECK(d.model.notice()->text.key == "desk.scan.token_not_found");
        d.model.scan("Z-999");
        CHECK(d.model.notice()->text.key == "desk.scan.number_not_found");
        d.model.scan("8992761002114");  // a product barcode
        CHECK(d.model.notice()->text.key == "desk.scan.unrecognized");
        require_text(d.model.notice()->text);
        CHECK_FALSE(d.model.selected_ticket());
        CHECK(d.transport.sent.size() == before + 1);
    }
}
