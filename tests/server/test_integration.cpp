// Integration tests against a real server on 127.0.0.1 ephemeral ports: concurrency, retries,
// late subscribers, restarts, and the security model (CURVE, allow-list, roles).
#include <catch2/catch.hpp>

#include <zmq_addon.hpp>

#include <array>
#include <cstdio>
#include <set>

#include "common/hall_link.hpp"
#include "common/keys.hpp"
#include "test_hall.hpp"

using hall::json;
using hall::proto::MessageType;
using hall::test::TestHall;

namespace {

std::string issue(hall::RequestClient& c, const std::string& service, const std::string& priority = "regular") {
    auto r = c.call(MessageType::issue_ticket, {{"service", service}, {"priority", priority}});
    REQUIRE(r);
    INFO(r->error_code << " " << r->error_message);
    REQUIRE(r->ok);
    return r->body["ticket"]["number"].get<std::string>();
}

json snapshot(hall::RequestClient& c) {
    auto r = c.call(MessageType::snapshot);
    REQUIRE(r);
    REQUIRE(r->ok);
    return r->body;
}

void add_officer_and_login(TestHall& hall, hall::RequestClient& counter, const std::string& officer,
                           const std::string& counter_id) {
    hall::RequestClient admin(hall.options("admin-1"));
    auto added = admin.call(MessageType::officer_add, {{"officer", officer}, {"name", "Petugas " + officer}, {"pin", "123456"}});
    REQUIRE(added);
    REQUIRE(added->ok);
    auto login = counter.call(MessageType::login, {{"officer", officer}, {"pin", "123456"}, {"counter", counter_id}});
    REQUIRE(login);
    REQUIRE(login->ok);
}

// Waits until `pred` holds or two seconds pass.
template <class Pred>
bool eventually(Pred pred, int ms = 3000) {
    for (int i = 0; i < ms / 10; ++i) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return pred();
}

// Sends raw frames from a CURVE client with the given keys and returns the reply frame, if any.
std::optional<std::string> raw_request(const TestHall& hall, const hall::ClientKeys& keys, const std::string& frame,
                                       bool curve = true, int timeout_ms = 1000) {
    zmq::context_t ctx(1);
    zmq::socket_t s(ctx, zmq::socket_type::dealer);
    s.set(zmq::sockopt::linger, 0);
    if (curve) hall::apply_curve_client(s, keys);
    s.connect("tcp://127.0.0.1:" + std::to_string(hall.request_port()));
    s.send(zmq::buffer(frame), zmq::send_flags::none);
    zmq::pollitem_t item{s.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(timeout_ms));
    if (!(item.revents & ZMQ_POLLIN)) return std::nullopt;
    zmq::message_t m;
    (void)s.recv(m);
    return m.to_string();
}

}  // namespace

TEST_CASE("handshake answers the protocol version, and a mismatch explicitly", "[integration]") {
    TestHall hall;
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    auto hello = kiosk.call(MessageType::hello);
    REQUIRE(hello);
    REQUIRE(hello->ok);
    CHECK(hello->body["protocol"] == hall::proto::kProtocolVersion);
    CHECK(hello->body["pub_port"] == hall.publish_port());
    CHECK(hello->body["role"] == "kiosk");

    auto reply = raw_request(hall, hall.options("kiosk-1").keys,
                             R"({"v":99,"type":"hello","client":"x","req":1,"body":{}})");
    REQUIRE(reply);
    json j = json::parse(*reply);
    CHECK(j["ok"] == false);
    CHECK(j["error"]["code"] == "version_mismatch");
    CHECK(j["server_version"] == hall::proto::kProtocolVersion);
}

TEST_CASE("two clients issuing at once never share a number", "[integration]") {
    TestHall hall;
    hall.enrol("kiosk-2", "kiosk");
    std::vector<std::string> a, b;
    auto run = [&](const std::string& name, std::vector<std::string>& out) {
        hall::RequestClient c(hall.options(name));
        for (int i = 0; i < 40; ++i) {
            auto r = c.call(MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}});
            if (r && r->ok) out.push_back(r->body["ticket"]["number"].get<std::string>());
        }
    };
    std::thread t1(run, "kiosk-1", std::ref(a));
    std::thread t2(run, "kiosk-2", std::ref(b));
    t1.join();
    t2.join();
    REQUIRE(a.size() == 40);
    REQUIRE(b.size() == 40);
    std::set<std::string> all(a.begin(), a.end());
    all.insert(b.begin(), b.end());
    CHECK(all.size() == 80);
    // No gaps: A-001 ... A-080.
    CHECK(all.count("A-001") == 1);
    CHECK(all.count("A-080") == 1);
    CHECK(all.count("A-081") == 0);
}

TEST_CASE("a retried request returns the ticket already issued", "[integration]") {
    TestHall hall;
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    std::int64_t req = kiosk.reserve_request_number();
    json body{{"service", "contoh-dinas.layanan-satu"}};
    auto first = kiosk.call_with(req, MessageType::issue_ticket, body);
    auto again = kiosk.call_with(req, MessageType::issue_ticket, body);
    REQUIRE(first);
    REQUIRE(again);
    REQUIRE(first->ok);
    REQUIRE(again->ok);
    CHECK(first->body["ticket"]["id"] == again->body["ticket"]["id"]);
    CHECK(first->body["ticket"]["number"] == "A-001");
    CHECK(snapshot(kiosk)["tickets"].size() == 1);
    // A new request number is a new ticket.
    CHECK(issue(kiosk, "contoh-dinas.layanan-satu") == "A-002");
}

TEST_CASE("a subscriber that joins late converges to the server's state", "[integration]") {
    TestHall hall;
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    hall::RequestClient counter(hall.options("counter-1"));
    add_officer_and_login(hall, counter, "budi", "loket-1");
    for (int i = 0; i < 5; ++i) issue(kiosk, "contoh-dinas.layanan-satu");
    REQUIRE(counter.call(MessageType::call_next, {{"counter", "loket-1"}})->ok);

    hall::HallLink display(hall.options("display-1"));
    std::vector<json> seen;
    std::mutex m;
    display.start({}, [&](const json& e) {
        std::lock_guard lock(m);
        seen.push_back(e);
    });
    REQUIRE(eventually([&] { return display.connected(); }));
    // More activity after it joined.
    issue(kiosk, "contoh-dinas.layanan-dua");
    REQUIRE(counter.call(MessageType::recall, {{"counter", "loket-1"}})->ok);
    REQUIRE(counter.call(MessageType::start_serving, {{"counter", "loket-1"}})->ok);
    json server = snapshot(kiosk);
    REQUIRE(eventually([&] { return display.state().seq() == server["seq"].get<std::int64_t>(); }));
    hall::HallState expected;
    REQUIRE(expected.load_snapshot(server));
    CHECK(display.state().canonical() == expected.canonical());
    {
        std::lock_guard lock(m);
        REQUIRE(seen.size() == 3);
        CHECK(seen[0]["action"] == "issue");
        CHECK(seen[1]["action"] == "recall");
        CHECK(seen[2]["action"] == "start_serving");
        CHECK(seen[1]["seq"].get<std::int64_t>() == seen[0]["seq"].get<std::int64_t>() + 1);
    }
    display.stop();
}

TEST_CASE("a replica that misses messages resyncs from a snapshot", "[integration]") {
    TestHall hall;
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    hall::HallLink display(hall.options("display-1"));
    display.start();
    REQUIRE(eventually([&] { return display.connected(); }));
    REQUIRE(display.snapshots() == 1);
    // Take the server down: the replica misses nothing yet, but notices the lost heartbeat.
    hall.stop();
    REQUIRE(eventually([&] { return !display.connected(); }, 6000));
    // Activity it cannot hear: the server restarts on the same ports with new tickets.
    hall.start();
    issue(kiosk, "contoh-dinas.layanan-satu");
    issue(kiosk, "contoh-dinas.layanan-satu");
    json server = snapshot(kiosk);
    REQUIRE(eventually([&] { return display.connected() && display.state().seq() >= server["seq"].get<std::int64_t>(); }, 10000));
    CHECK(display.snapshots() >= 2);
    hall::HallState expected;
    REQUIRE(expected.load_snapshot(snapshot(kiosk)));
    REQUIRE(eventually([&] { return display.state().canonical() == expected.canonical(); }));
    display.stop();
}

TEST_CASE("a server restarted mid-day continues numbering", "[integration]") {
    TestHall hall;
    {
        hall::RequestClient kiosk(hall.options("kiosk-1"));
        CHECK(issue(kiosk, "contoh-dinas.layanan-satu") == "A-001");
        CHECK(issue(kiosk, "contoh-dinas.layanan-dua") == "A-002");
        CHECK(issue(kiosk, "contoh-dinas.layanan-tiga") == "C-001");
    }
    hall.stop();
    hall.start();
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    CHECK(issue(kiosk, "contoh-dinas.layanan-satu") == "A-003");
    CHECK(issue(kiosk, "contoh-dinas.layanan-tiga") == "C-002");
    CHECK(snapshot(kiosk)["tickets"].size() == 5);
}

TEST_CASE("a client with an unknown key, without CURVE, or with the wrong role is refused", "[integration]") {
    TestHall hall;
    const std::string hello = R"({"v":1,"type":"hello","client":"x","req":1,"body":{}})";
    SECTION("unknown key") {
        hall::ClientKeys stranger = hall.options("kiosk-1").keys;
        auto pair = hall::generate_key_pair();
        REQUIRE(pair);
        stranger.keys = *pair;
        CHECK_FALSE(raw_request(hall, stranger, hello));
    }
    SECTION("no CURVE") { CHECK_FALSE(raw_request(hall, hall.options("kiosk-1").keys, hello, /*curve=*/false)); }
    SECTION("wrong role") {
        hall::RequestClient display(hall.options("display-1"));
        auto r = display.call(MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}});
        REQUIRE(r);
        CHECK_FALSE(r->ok);
        CHECK(r->error_code == "forbidden");
        hall::RequestClient kiosk(hall.options("kiosk-1"));
        auto c = kiosk.call(MessageType::call_next, {{"counter", "loket-1"}});
        REQUIRE(c);
        CHECK(c->error_code == "forbidden");
        CHECK(snapshot(kiosk)["tickets"].empty());
    }
    // And the server still serves a valid client afterwards.
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    CHECK(issue(kiosk, "contoh-dinas.layanan-satu") == "A-001");
}

TEST_CASE("malformed and oversized messages get errors and never stop the server", "[integration]") {
    TestHall hall;
    auto keys = hall.options("kiosk-1").keys;
    auto code_of = [&](const std::string& frame) {
        auto r = raw_request(hall, keys, frame);
        REQUIRE(r);
        return json::parse(*r)["error"]["code"].get<std::string>();
    };
    CHECK(code_of("not json at all") == "malformed");
    CHECK(code_of("[1,2,3]") == "malformed");
    CHECK(code_of(R"({"v":1,"type":"hello","client":"x"})") == "malformed");
    CHECK(code_of(R"({"v":1,"type":"fly_away","client":"x","req":3})") == "unknown_type");
    CHECK(code_of(R"({"v":1,"type":"issue_ticket","client":"x","req":3,"body":{"service":7}})") == "bad_request");
    CHECK(code_of(R"({"v":1,"type":"issue_ticket","client":"x","req":4,"body":{"service":"no.such"}})") ==
          "unknown_service");
    // Over the size cap: the connection is dropped, the server carries on.
    CHECK_FALSE(raw_request(hall, keys, std::string(200 * 1024, 'x')));
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    CHECK(issue(kiosk, "contoh-dinas.layanan-satu") == "A-001");
}

TEST_CASE("the server refuses to start without an allow-list", "[integration]") {
    auto dir = std::filesystem::temp_directory_path() / ("hall-empty-" + std::to_string(std::random_device{}()));
    REQUIRE(hall::server::init_server_keys(dir));
    hall::Catalog catalog;
    auto config = hall::parse_hall_config(hall::test::fixture_config_toml(), "test.toml",
                                          hall::test::source_dir() / "tests/fixtures", &catalog);
    REQUIRE(config);
    auto server = hall::server::Server::create(*config, catalog, dir);
    REQUIRE_FALSE(server);
    CHECK(server.error().code == "no_allow_list");
    std::filesystem::remove_all(dir);
}

TEST_CASE("hallctl drives a whole ticket life against a real server", "[integration][hallctl]") {
    TestHall hall;
    hall::RequestClient admin(hall.options("admin-1"));
    REQUIRE(admin.call(MessageType::officer_add, {{"officer", "sari"}, {"name", "Sari"}, {"pin", "2468"}})->ok);
    auto run = [&](const std::string& key, const std::string& args) {
        std::string cmd = std::string(HALL_BIN_DIR) + "/hallctl --server 127.0.0.1:" +
                          std::to_string(hall.request_port()) + " --keys " + hall.key_dir(key).string() + " " + args +
                          " 2>&1";
        std::string out;
        FILE* p = popen(cmd.c_str(), "r");
        REQUIRE(p);
        std::array<char, 512> buf{};
        while (fgets(buf.data(), buf.size(), p)) out += buf.data();
        int rc = pclose(p);
        return std::make_pair(WEXITSTATUS(rc), out);
    };
    auto [rc1, out1] = run("kiosk-1", "issue contoh-dinas.layanan-satu");
    CHECK(rc1 == 0);
    CHECK(out1.find("A-001") != std::string::npos);
    CHECK(run("counter-1", "login sari 2468 loket-1").first == 0);
    auto [rc2, out2] = run("counter-1", "call-next loket-1");
    CHECK(rc2 == 0);
    CHECK(out2.find("A-001") != std::string::npos);
    CHECK(out2.find("Dipanggil") != std::string::npos);
    auto [rc3, out3] = run("counter-1", "recall loket-1");
    CHECK(out3.find("recall x1") != std::string::npos);
    CHECK(run("counter-1", "serve loket-1").first == 0);
    auto [rc4, out4] = run("counter-1", "done loket-1");
    CHECK(rc4 == 0);
    CHECK(out4.find("Selesai") != std::string::npos);
    // An error is explained in both languages with a non-zero exit.
    auto [rc5, out5] = run("counter-1", "call-next loket-1");
    CHECK(rc5 == 1);
    CHECK(out5.find("Tidak ada antrian yang menunggu") != std::string::npos);
    CHECK(out5.find("queue_empty") != std::string::npos);
    auto [rc6, out6] = run("kiosk-1", "--json status");
    CHECK(rc6 == 0);
    json status = json::parse(out6);
    CHECK(status["tickets"][0]["state"] == "done");
}

TEST_CASE("a counter is driven only from the device its officer logged in from", "[integration]") {
    TestHall hall;
    hall.enrol("counter-2", "counter");
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    hall::RequestClient desk(hall.options("counter-1"));
    hall::RequestClient other(hall.options("counter-2"));
    add_officer_and_login(hall, desk, "budi", "loket-1");
    issue(kiosk, "contoh-dinas.layanan-satu");
    auto stolen = other.call(MessageType::call_next, {{"counter", "loket-1"}});
    REQUIRE(stolen);
    CHECK(stolen->error_code == "forbidden");
    REQUIRE(desk.call(MessageType::call_next, {{"counter", "loket-1"}})->ok);
    // Another device cannot hold the visitor away from the counter either.
    CHECK(other.call(MessageType::hold, {{"ticket", "A-001"}})->error_code == "forbidden");
    // Another officer cannot take the counter over while a visitor is at it.
    hall::RequestClient admin(hall.options("admin-1"));
    REQUIRE(admin.call(MessageType::officer_add, {{"officer", "sari"}, {"name", "Sari"}, {"pin", "1111"}})->ok);
    auto takeover = other.call(MessageType::login, {{"officer", "sari"}, {"pin", "1111"}, {"counter", "loket-1"}});
    REQUIRE(takeover);
    CHECK(takeover->error_code == "counter_busy");
    // A wrong PIN says how many attempts are left.
    auto wrong = other.call(MessageType::login, {{"officer", "sari"}, {"pin", "0000"}, {"counter", "loket-2"}});
    REQUIRE(wrong);
    CHECK(wrong->error_code == "login_failed");
    CHECK(wrong->error_message.find("4 attempt(s) left") != std::string::npos);
    // An admin may act on any counter.
    CHECK(admin.call(MessageType::start_serving, {{"counter", "loket-1"}})->ok);
    CHECK(desk.call(MessageType::finish, {{"counter", "loket-1"}})->ok);
    // Once the counter is idle, the next officer may take it over (a forgotten logout).
    auto login = other.call(MessageType::login, {{"officer", "sari"}, {"pin", "1111"}, {"counter", "loket-1"}});
    REQUIRE(login);
    CHECK(login->ok);
    CHECK(desk.call(MessageType::call_next, {{"counter", "loket-1"}})->error_code == "forbidden");
}

TEST_CASE("the kiosk records whether a ticket was printed", "[integration]") {
    TestHall hall;
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    issue(kiosk, "contoh-dinas.layanan-satu");
    CHECK(snapshot(kiosk)["tickets"][0]["printed"].is_null());
    auto r = kiosk.call(MessageType::report_print, {{"ticket", "A-001"}, {"printed", false}});
    REQUIRE(r);
    REQUIRE(r->ok);
    CHECK(r->body["ticket"]["printed"] == false);
    CHECK(snapshot(kiosk)["tickets"][0]["printed"] == false);
    CHECK(kiosk.call(MessageType::report_print, {{"ticket", "A-001"}, {"printed", "no"}})->error_code == "bad_request");
    hall::RequestClient display(hall.options("display-1"));
    CHECK(display.call(MessageType::report_print, {{"ticket", "A-001"}, {"printed", true}})->error_code == "forbidden");
}
