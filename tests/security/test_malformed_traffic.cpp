// Malformed traffic against a running server, from clients whose keys are on the allow-list:
// 10,000 messages of random bytes, truncated JSON, wrong types, huge numbers, bad and repeated
// request numbers, unknown types, multi-frame messages, requests the role may not send,
// out-of-order actions, and replays; plus oversized frames, which ZMQ_MAXMSGSIZE answers by
// dropping the connection. The server must answer every message that is not oversized with
// an error reply (a replay of an acknowledged request: with the stored reply, byte for byte),
// stay up, and then serve a valid client correctly. The messages come from a fixed seed, so
// a failure repeats.
#include <catch2/catch.hpp>

#include <zmq_addon.hpp>

#include <deque>
#include <map>
#include <random>

#include "common/log.hpp"
#include "common/request_client.hpp"
#include "security_hall.hpp"

using hall::proto::MessageType;
using hall::test::SecurityHall;
using json = nlohmann::json;

namespace {

constexpr int kMessages = 10000;
constexpr int kOversized = 100;
constexpr int kWindow = 64;  // requests in flight per socket

struct Probe {
    std::vector<std::string> frames;
    std::string kind;         // category, for the figures
    std::string code;         // the error code expected; empty: any known code
    std::string stored;       // non-empty: the exact reply expected (a replay)
};

// The `req` the server puts in an error reply: the frame's integer `req`, else 0.
std::int64_t expected_req(const std::string& frame) {
    json j = json::parse(frame, nullptr, false);
    if (j.is_object() && j.contains("req") && j["req"].is_number_integer()) return j["req"].get<std::int64_t>();
    return 0;
}

std::string request(const std::string& type, std::int64_t req, const json& body, const std::string& client = "flood") {
    return json{{"v", 1}, {"type", type}, {"client", client}, {"req", req}, {"body", body}}.dump();
}

class Generator {
public:
    Generator(std::string role, std::uint32_t seed) : m_role(std::move(role)), m_rng(seed) {}

    Probe next(std::int64_t& req) {
        ++req;
        switch (pick(11)) {
        case 0: return random_bytes();
        case 1: return truncated(req);
        case 2: return wrong_type(req);
        case 3: return huge_number(req);
        case 4: return bad_req();
        case 5: return unknown_type(req);
        case 6: return multi_frame(req);
        case 7: return forbidden(req);
        case 8:
        case 9: return bad_action(req);
        default: return replay(req);
        }
    }
    // A message of this socket that was acknowledged, and its stored reply, to replay.
    void add_stored(std::string frame, std::string reply) { m_stored.emplace_back(std::move(frame), std::move(reply)); }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    template <class T>
    const T& one_of(const std::vector<T>& v) { return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))]; }

    Probe remember(Probe p) {
        if (m_sent.size() < 200) m_sent.push_back(p);
        return p;
    }

    Probe random_bytes() {
        std::string s(static_cast<std::size_t>(pick(257)), '\0');
        for (char& c : s) c = static_cast<char>(pick(256));
        if (!s.empty() && s[0] == '{') s[0] = '(';  // keep it from being a JSON object by luck
        return remember({{s}, "random bytes", "malformed", ""});
    }
    Probe truncated(std::int64_t req) {
        std::string full = request("issue_ticket", req, {{"service", "contoh-dinas.layanan-satu"}});
        return remember({{full.substr(0, static_cast<std::size_t>(pick(static_cast<int>(full.size()))))},
                         "truncated JSON", "malformed", ""});
    }
    Probe wrong_type(std::int64_t req) {
        static const std::vector<json> wrong{"1", 1.5, true, nullptr, json::array({1}), json::object()};
        json j = json::parse(request("hello", req, json::object()));
        static const std::vector<std::string> fields{"v", "req", "type", "client", "body", "client_empty",
                                                     "client_long"};
        const std::string& field = one_of(fields);
        std::string code = "malformed";
        if (field == "client_empty") {
            j["client"] = "";
        } else if (field == "client_long") {
            j["client"] = std::string(129, 'c');
        } else {
            json value = one_of(wrong);
            if (field == "body" && value.is_object()) value = "not an object";
            if (field == "type" && value.is_string()) code = "unknown_type";  // "1" names no type
            if (field == "client" && value.is_string()) value = 1;           // "1" is a fine client id
            j[field] = value;
        }
        return remember({{j.dump()}, "wrong types", code, ""});
    }
    Probe huge_number(std::int64_t req) {
        switch (pick(4)) {
        case 0: {
            static const std::vector<std::string> versions{"4294967297", "-9223372036854775808",
                                                           "18446744073709551615", "2"};
            return remember({{R"({"v":)" + one_of(versions) + R"(,"type":"hello","client":"c","req":)" +
                              std::to_string(req) + "}"},
                             "huge numbers", "version_mismatch", ""});
        }
        case 1: {
            static const std::vector<std::string> floats{"1e308", "1e400", "-1e400", "99999999999999999999999"};
            return remember({{R"({"v":1,"type":"hello","client":"c","req":)" + one_of(floats) + "}"}, "huge numbers",
                             "malformed", ""});
        }
        case 2:
            return remember({{R"({"v":1,"type":"ticket_info","client":"c","req":)" + std::to_string(req) +
                              R"(,"body":{"ticket":99999999999999999999999}})"},
                             "huge numbers", "bad_request", ""});
        default:
            return remember({{R"({"v":1,"type":"ticket_info","client":"c","req":)" + std::to_string(req) +
                              R"(,"body":{"ticket":9223372036854775807}})"},
                             "huge numbers", "unknown_ticket", ""});
        }
    }
    Probe bad_req() {
        static const std::vector<std::int64_t> reqs{0, -1, -9223372036854775807LL};
        if (pick(2) == 0)
            return remember({{request("hello", one_of(reqs), json::object())}, "negative or zero req", "malformed", ""});
        // The same request number over and over, on a request that fails: answered every time.
        return remember({{request("ticket_info", 7, {{"ticket", "Z-999"}})}, "duplicate req", "unknown_ticket", ""});
    }
    Probe unknown_type(std::int64_t req) {
        static const std::vector<std::string> types{"", "HELLO", "fly_away", "issue_tickets", "drop_tables",
                                                    "hello ", "\u00e9t\u00e9"};
        return remember({{request(one_of(types), req, json::object())}, "unknown types", "unknown_type", ""});
    }
    Probe multi_frame(std::int64_t req) {
        Probe p{{}, "multi-frame", "malformed", ""};
        int extra = 1 + pick(3);
        for (int i = 0; i < extra; ++i) p.frames.push_back(i % 2 ? "" : "frame");
        p.frames.push_back(request("hello", req, json::object()));
        return remember(p);
    }
    Probe forbidden(std::int64_t req) {
        static const std::map<std::string, std::vector<std::string>> not_allowed{
            {"kiosk", {"call_next", "officer_add", "login", "finish", "officer_list"}},
            {"counter", {"issue_ticket", "officer_add", "officer_list", "report_print"}},
            {"display", {"call_ticket", "call_next", "issue_ticket", "officer_add", "login", "cancel"}},
        };
        auto it = not_allowed.find(m_role);
        if (it == not_allowed.end()) return bad_action(req);  // an admin may send every type
        return remember({{request(one_of(it->second), req, {{"counter", "loket-1"}, {"ticket", "A-001"}})},
                         "forbidden by role", "forbidden", ""});
    }
    // Well-formed requests the role may send, that must fail: bad bodies and actions out of
    // order (nothing is logged in at the counters, no ticket but A-001 exists).
    Probe bad_action(std::int64_t req) {
        static const std::vector<std::pair<std::string, json>> any{
            {"ticket_info", json::object()},
            {"ticket_info", {{"ticket", json::array()}}},
            {"ticket_info", {{"ticket", -3}}},
            {"ticket_info", {{"token", "0000"}}},
        };
        static const std::vector<std::pair<std::string, json>> kiosk{
            {"issue_ticket", {{"service", "no.such-service"}}},
            {"issue_ticket", {{"service", 7}}},
            {"issue_ticket", {{"service", "contoh-dinas.layanan-satu"}, {"priority", "vip"}}},
            {"issue_ticket", {{"service", std::string(60000, 'x')}}},
            {"report_print", {{"ticket", "Z-999"}, {"printed", true}}},
            {"report_print", {{"ticket", "A-001"}, {"printed", "yes"}}},
        };
        static const std::vector<std::pair<std::string, json>> counter{
            {"call_next", {{"counter", "loket-1"}}},
            {"call_next", {{"counter", "loket-99"}}},
            {"recall", {{"counter", "loket-1"}}},
            {"start_serving", {{"counter", "loket-2"}}},
            {"finish", {{"counter", "loket-1"}}},
            {"no_show", {{"counter", "loket-1"}}},
            {"transfer", {{"counter", "loket-1"}, {"service", "contoh-dinas.layanan-dua"}}},
            {"pause", {{"counter", "loket-1"}}},
            {"resume", {{"counter", "loket-1"}}},
            {"hold", {{"ticket", "Z-999"}}},
            {"cancel", {{"ticket", 424242}}},
            {"login", {{"officer", "nobody"}, {"pin", "1234"}, {"counter", "loket-1"}}},
            {"login", {{"officer", 5}}},
            {"call_ticket", {{"counter", "loket-1"}, {"ticket", "Z-999"}}},
        };
        static const std::vector<std::pair<std::string, json>> admin{
            {"officer_add", {{"officer", "x"}, {"name", "X"}, {"pin", "12"}}},
            {"officer_add", {{"officer", "x"}, {"pin", "123456"}}},
            {"officer_add", {{"officer", std::string(65, 'o')}, {"name", "X"}, {"pin", "123456"}}},
        };
        std::vector<std::pair<std::string, json>> choices = any;
        if (m_role == "kiosk" || m_role == "admin") choices.insert(choices.end(), kiosk.begin(), kiosk.end());
        if (m_role == "counter" || m_role == "admin") choices.insert(choices.end(), counter.begin(), counter.end());
        if (m_role == "admin") choices.insert(choices.end(), admin.begin(), admin.end());
        const auto& [type, body] = one_of(choices);
        return remember({{request(type, req, body, "flood-" + m_role)}, "bad bodies and out-of-order actions", "", ""});
    }
    Probe replay(std::int64_t req) {
        if (!m_stored.empty() && pick(2) == 0) {
            const auto& [frame, reply] = one_of(m_stored);
            return {{frame}, "replays of acknowledged requests", "", reply};
        }
        if (m_sent.empty()) return random_bytes();
        Probe p = one_of(m_sent);
        p.kind = "replays of refused messages";
        (void)req;
        return p;
    }

    std::string m_role;
    std::mt19937 m_rng;
    std::vector<Probe> m_sent;
    std::vector<std::pair<std::string, std::string>> m_stored;
};

struct Flow {
    std::string key;
    std::unique_ptr<zmq::socket_t> socket;
    std::deque<Probe> waiting;   // not sent yet
    std::deque<Probe> inflight;  // sent, in order
};

}  // namespace

TEST_CASE("10,000 malformed, oversized and out-of-order messages: every one answered, server stays up",
          "[security][malformed]") {
    SecurityHall hall;
    REQUIRE_FALSE(hall.start());
    hall.enrol("kiosk-2", "kiosk");
    zmq::context_t ctx(1);

    // One acknowledged ticket first, whose exact request the kiosk flows will replay.
    const std::string issue_frame = request("issue_ticket", 1, {{"service", "contoh-dinas.layanan-satu"}}, "flood-kiosk");
    auto stored = hall.raw_request(hall.keys("kiosk-1"), issue_frame);
    REQUIRE(stored);
    REQUIRE(json::parse(*stored)["ok"] == true);
    REQUIRE(json::parse(*stored)["body"]["ticket"]["number"] == "A-001");

    std::vector<Flow> flows;
    std::vector<Generator> generators;
    for (const char* key : {"kiosk-1", "kiosk-2", "counter-1", "display-1", "admin-1"}) {
        Flow f;
        f.key = key;
        f.socket = std::make_unique<zmq::socket_t>(ctx, zmq::socket_type::dealer);
        f.socket->set(zmq::sockopt::linger, 0);
        f.socket->set(zmq::sockopt::rcvhwm, 100000);
        f.socket->set(zmq::sockopt::sndhwm, 100000);
        hall::apply_curve_client(*f.socket, hall.keys(key));
        f.socket->connect("tcp://127.0.0.1:" + std::to_string(hall.request_port()));
        flows.push_back(std::move(f));
        std::string role = hall.keys(key).role;
        generators.emplace_back(role, static_cast<std::uint32_t>(20261122 + flows.size()));
    }
    generators[0].add_stored(issue_frame, *stored);
    std::vector<std::int64_t> reqs(flows.size(), 100);
    for (int i = 0; i < kMessages; ++i) {
        std::size_t f = static_cast<std::size_t>(i) % flows.size();
        flows[f].waiting.push_back(generators[f].next(reqs[f]));
    }

    hall::log::set_level(hall::log::Level::error);  // 10,000 "bad request" lines help no one here
    std::map<std::string, int> per_kind;
    std::map<std::string, int> per_code;
    int answered = 0;
    int wrong = 0;
    std::string first_wrong;
    auto started = std::chrono::steady_clock::now();
    auto last_progress = started;
    while (answered < kMessages) {
        for (Flow& f : flows) {
            while (!f.waiting.empty() && f.inflight.size() < kWindow) {
                Probe& p = f.waiting.front();
                for (std::size_t i = 0; i < p.frames.size(); ++i)
                    f.socket->send(zmq::buffer(p.frames[i]),
                                   i + 1 < p.frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
                f.inflight.push_back(std::move(p));
                f.waiting.pop_front();
            }
        }
        std::vector<zmq::pollitem_t> items;
        for (Flow& f : flows) items.push_back({f.socket->handle(), 0, ZMQ_POLLIN, 0});
        zmq::poll(items.data(), items.size(), std::chrono::milliseconds(100));
        for (std::size_t i = 0; i < flows.size(); ++i) {
            Flow& f = flows[i];
            zmq::message_t m;
            while (f.socket->recv(m, zmq::recv_flags::dontwait)) {
                REQUIRE_FALSE(f.inflight.empty());
                Probe p = std::move(f.inflight.front());
                f.inflight.pop_front();
                ++answered;
                ++per_kind[p.kind];
                last_progress = std::chrono::steady_clock::now();
                std::string reply = m.to_string();
                bool right = false;
                auto decoded = hall::proto::decode_reply(reply);
                if (!p.stored.empty()) {
                    right = reply == p.stored;
                } else if (decoded && !decoded->ok) {
                    ++per_code[decoded->error_code];
                    right = hall::proto::parse_error_code(decoded->error_code).has_value() &&
                            decoded->req == expected_req(p.frames.back()) &&
                            (p.code.empty() || decoded->error_code == p.code ||
                             (p.code == "unknown_ticket" && decoded->error_code == "rate_limited"));
                }
                if (!right) {
                    ++wrong;
                    if (first_wrong.empty())
                        first_wrong = p.kind + " from " + f.key + ": sent " + p.frames.back().substr(0, 200) +
                                      " expected " + (p.stored.empty() ? "error " + p.code : p.stored) + ", got " +
                                      reply.substr(0, 300);
                }
            }
        }
        if (std::chrono::steady_clock::now() - last_progress > std::chrono::seconds(10)) break;
    }
    auto flood_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    hall::log::set_level(hall::log::Level::info);
    INFO("first wrong answer: " << first_wrong);
    CHECK(answered == kMessages);
    CHECK(wrong == 0);

    // Oversized frames: each from its own connection, which libzmq drops; no reply comes.
    std::vector<std::unique_ptr<zmq::socket_t>> big;
    std::mt19937 rng(7);
    for (int i = 0; i < kOversized; ++i) {
        auto s = std::make_unique<zmq::socket_t>(ctx, zmq::socket_type::dealer);
        s->set(zmq::sockopt::linger, 0);
        hall::apply_curve_client(*s, hall.keys(i % 2 ? "kiosk-1" : "counter-1"));
        s->connect("tcp://127.0.0.1:" + std::to_string(hall.request_port()));
        std::size_t size = std::uniform_int_distribution<std::size_t>(hall::proto::kMaxMessageBytes, 300000)(rng);
        std::string frame = request("hello", 1, {{"pad", std::string(size, 'p')}});
        s->send(zmq::buffer(frame), zmq::send_flags::none);
        big.push_back(std::move(s));
    }
    int oversized_answered = 0;
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
    while (std::chrono::steady_clock::now() < until) {
        std::vector<zmq::pollitem_t> items;
        for (auto& s : big) items.push_back({s->handle(), 0, ZMQ_POLLIN, 0});
        zmq::poll(items.data(), items.size(), std::chrono::milliseconds(100));
        for (auto& s : big) {
            zmq::message_t m;
            while (s->recv(m, zmq::recv_flags::dontwait)) ++oversized_answered;
        }
    }
    CHECK(oversized_answered == 0);

    // The server is up and serves a valid client correctly: numbering continues from A-001, a
    // counter logs in and calls it, and nothing the flood sent left a trace.
    hall::RequestClient kiosk(hall.options("kiosk-1"));
    auto next = kiosk.call(MessageType::issue_ticket, {{"service", "contoh-dinas.layanan-satu"}});
    REQUIRE(next);
    REQUIRE(next->ok);
    CHECK(next->body["ticket"]["number"] == "A-002");
    hall::RequestClient admin(hall.options("admin-1"));
    REQUIRE(admin.call(MessageType::officer_add, {{"officer", "budi"}, {"name", "Budi"}, {"pin", "123456"}})->ok);
    hall::RequestClient desk(hall.options("counter-1"));
    REQUIRE(desk.call(MessageType::login, {{"officer", "budi"}, {"pin", "123456"}, {"counter", "loket-1"}})->ok);
    auto called = desk.call(MessageType::call_next, {{"counter", "loket-1"}});
    REQUIRE(called);
    REQUIRE(called->ok);
    CHECK(called->body["ticket"]["number"] == "A-001");
    auto snap = kiosk.call(MessageType::snapshot);
    REQUIRE(snap);
    CHECK(snap->body["tickets"].size() == 2);
    auto officers = admin.call(MessageType::officer_list);
    REQUIRE(officers);
    CHECK(officers->body["officers"].size() == 1);

    std::string kinds;
    for (const auto& [kind, n] : per_kind) kinds += "\n  " + kind + ": " + std::to_string(n);
    std::string codes;
    for (const auto& [code, n] : per_code) codes += " " + code + "=" + std::to_string(n);
    WARN("malformed traffic: " << answered << " of " << kMessages << " messages answered in " << flood_ms
                               << " ms, " << wrong << " wrong; " << kOversized << " oversized frames dropped ("
                               << oversized_answered << " answered)" << kinds << "\n  error codes:" << codes);
}
