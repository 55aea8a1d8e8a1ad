// What the hall refuses, and that each refusal leaves a line in the server's log: an unknown
// key, a client without CURVE, a display calling tickets, a kiosk doing an admin's work; and the
// throttles against guessing: five wrong PINs lock an officer for five minutes, and more than
// Server::kMaxUnknownTokens unknown ticket tokens within a minute get a key `rate_limited`.
#include <catch2/catch.hpp>

#include "common/i18n.hpp"
#include "common/request_client.hpp"
#include "security_hall.hpp"

using hall::proto::MessageType;
using hall::server::Server;
using hall::test::LogCapture;
using hall::test::SecurityHall;
using json = nlohmann::json;

namespace {

const std::string kHello = R"({"v":1,"type":"hello","client":"x","req":1,"body":{}})";
const std::string kSatu = "contoh-dinas.layanan-satu";

json issue(hall::RequestClient& kiosk) {
    auto r = kiosk.call(MessageType::issue_ticket, {{"service", kSatu}});
    REQUIRE(r);
    REQUIRE(r->ok);
    return r->body["ticket"];
}

// A SUB socket on the publisher, with CURVE keys or none; true when it hears anything.
bool subscriber_hears(const SecurityHall& hall, const hall::ClientKeys* keys, int ms) {
    zmq::context_t ctx(1);
    zmq::socket_t sub(ctx, zmq::socket_type::sub);
    sub.set(zmq::sockopt::linger, 0);
    if (keys) hall::apply_curve_client(sub, *keys);
    sub.set(zmq::sockopt::subscribe, "");
    sub.connect("tcp://127.0.0.1:" + std::to_string(hall.publish_port()));
    zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(ms));
    return (item.revents & ZMQ_POLLIN) != 0;
}

}  // namespace

TEST_CASE("an unknown key is refused and logged with its public key", "[security]") {
    SecurityHall hall;
    LogCapture log;
    REQUIRE_FALSE(hall.start());
    hall::ClientKeys stranger = hall.keys("kiosk-1");
    auto pair = hall::generate_key_pair();
    REQUIRE(pair);
    stranger.keys = *pair;
    CHECK_FALSE(hall.raw_request(stranger, kHello));
    CHECK(log.wait_for({"refused unknown client key", pair->public_key, "127.0.0.1"}));
    // The publisher refuses it too, and says so.
    CHECK_FALSE(subscriber_hears(hall, &stranger, 1500));
    CHECK(log.count({"refused unknown client key", pair->public_key}) >= 2);
    // A known key still gets in.
    CHECK(hall.raw_request(hall.keys("kiosk-1"), kHello));
}

TEST_CASE("a client without CURVE is refused and logged", "[security]") {
    SecurityHall hall;
    LogCapture log;
    REQUIRE_FALSE(hall.start());
    CHECK_FALSE(hall.raw_request(hall.keys("kiosk-1"), kHello, /*curve=*/false));
    CHECK(log.wait_for({"refused a connection on the request socket", "CURVE"}));
    CHECK_FALSE(subscriber_hears(hall, nullptr, 1500));
    CHECK(log.wait_for({"refused a connection on the update socket", "CURVE"}));
    // The plaintext peer reached neither ZAP nor the request loop.
    CHECK(log.count({"bad request"}) == 0);
    CHECK(hall.raw_request(hall.keys("kiosk-1"), kHello));
}

TEST_CASE("a display asking to call a ticket is refused and logged", "[security]") {
    SecurityHall hall;
    LogCapture log;
    REQUIRE_FALSE(hall.start());
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    json ticket = issue(kiosk);
    hall::RequestClient display(hall.options("display-1"));
    for (MessageType type : {MessageType::call_ticket, MessageType::call_next, MessageType::recall}) {
        auto r = display.call(type, {{"counter", "loket-1"}, {"ticket", ticket["number"]}});
        REQUIRE(r);
        CHECK_FALSE(r->ok);
        CHECK(r->error_code == "forbidden");
    }
    CHECK(log.wait_for({"forbidden call_ticket from display-1"}));
    CHECK(log.count({"forbidden call_next from display-1"}) == 1);
    CHECK(log.count({"forbidden recall from display-1"}) == 1);
    // Nothing changed: the ticket still waits.
    auto snap = kiosk.call(MessageType::snapshot);
    REQUIRE(snap);
    CHECK(snap->body["tickets"][0]["state"] == "waiting");
}

TEST_CASE("a kiosk asking for admin actions is refused and logged", "[security]") {
    SecurityHall hall;
    LogCapture log;
    REQUIRE_FALSE(hall.start());
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    auto add = kiosk.call(MessageType::officer_add, {{"officer", "mallory"}, {"name", "Mallory"}, {"pin", "1234"}});
    REQUIRE(add);
    CHECK(add->error_code == "forbidden");
    auto list = kiosk.call(MessageType::officer_list);
    REQUIRE(list);
    CHECK(list->error_code == "forbidden");
    auto login = kiosk.call(MessageType::login, {{"officer", "mallory"}, {"pin", "1234"}, {"counter", "loket-1"}});
    REQUIRE(login);
    CHECK(login->error_code == "forbidden");
    CHECK(log.wait_for({"forbidden officer_add from kiosk-1"}));
    CHECK(log.count({"forbidden officer_list from kiosk-1"}) == 1);
    CHECK(log.count({"forbidden login from kiosk-1"}) == 1);
    // No officer was created.
    hall::RequestClient admin(hall.options("admin-1"));
    auto officers = admin.call(MessageType::officer_list);
    REQUIRE(officers);
    REQUIRE(officers->ok);
    CHECK(officers->body.dump().find("mallory") == std::string::npos);
}

TEST_CASE("five wrong PINs lock the officer for five minutes, across a restart", "[security]") {
    SecurityHall hall;
    LogCapture log;
    REQUIRE_FALSE(hall.start());
    hall::RequestClient admin(hall.options("admin-1"));
    REQUIRE(admin.call(MessageType::officer_add, {{"officer", "sari"}, {"name", "Sari"}, {"pin", "246810"}})->ok);
    hall::RequestClient desk(hall.options("counter-1"));
    auto login = [&](const char* pin) {
        auto r = desk.call(MessageType::login, {{"officer", "sari"}, {"pin", pin}, {"counter", "loket-1"}});
        REQUIRE(r);
        return *r;
    };
    for (int i = 1; i <= 4; ++i) {
        auto r = login("000000");
        CHECK(r.error_code == "login_failed");
        CHECK_THAT(r.error_message, Catch::Matchers::Contains(std::to_string(5 - i) + " attempt(s) left"));
    }
    CHECK(login("111111").error_code == "login_locked");
    // Locked: even the right PIN is refused, and the refusal says for how long.
    auto locked = login("246810");
    CHECK(locked.error_code == "login_locked");
    CHECK_THAT(locked.error_message, Catch::Matchers::Contains("5 minute(s)"));
    CHECK(log.count({"wrong PIN for officer 'sari' from counter-1"}) == 5);
    CHECK(log.count({"wrong PIN for officer 'sari'", "now locked"}) == 1);
    CHECK(log.count({"login from counter-1 refused: login_locked"}) == 1);
    // The lock is in the database: a restart does not lift it.
    hall.stop();
    REQUIRE_FALSE(hall.start());
    CHECK(login("246810").error_code == "login_locked");
    hall.advance(4 * 60 * 1000);
    CHECK(login("246810").error_code == "login_locked");
    // Five minutes after the lock, the right PIN works again.
    hall.advance(60 * 1000 + 1000);
    auto ok = login("246810");
    CHECK(ok.ok);
}

TEST_CASE("guessing ticket tokens is throttled per client key", "[security]") {
    SecurityHall hall;
    LogCapture log;
    REQUIRE_FALSE(hall.start());
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    json ticket = issue(kiosk);
    const std::string token = ticket["token"].get<std::string>();
    hall::RequestClient guesser(hall.options("display-1"));
    auto by_token = [](hall::RequestClient& c, const std::string& t) {
        auto r = c.call(MessageType::ticket_info, {{"token", t}});
        REQUIRE(r);
        return *r;
    };
    // A real token works; unknown ones are unknown_ticket, up to the limit.
    CHECK(by_token(guesser, token).ok);
    for (int i = 0; i < Server::kMaxUnknownTokens; ++i) {
        auto r = by_token(guesser, "deadbeef" + std::to_string(1000000 + i));
        CHECK(r.error_code == "unknown_ticket");
    }
    CHECK(log.wait_for({"ticket-token guessing from display-1"}));
    // Over the limit: refused without looking, even for a real token.
    for (const std::string& t : {std::string("0123456789abcdef0123456789abcdef"), token}) {
        auto r = by_token(guesser, t);
        CHECK(r.error_code == "rate_limited");
        CHECK_THAT(r.error_message, Catch::Matchers::Contains("wait a minute"));
    }
    // Only token look-ups of that key are throttled: its other requests, and other keys, work.
    auto by_number = guesser.call(MessageType::ticket_info, {{"ticket", ticket["number"]}});
    REQUIRE(by_number);
    CHECK(by_number->ok);
    CHECK(by_token(kiosk, token).ok);
    // The error has words for the visitor in both languages.
    CHECK(hall::i18n::error_text("rate_limited", hall::i18n::Lang::id) != hall::i18n::error_text("internal_error", hall::i18n::Lang::id));
    // A minute later the misses have left the window.
    hall.advance(Server::kUnknownTokenWindowMs + 1000);
    CHECK(by_token(guesser, token).ok);
}
