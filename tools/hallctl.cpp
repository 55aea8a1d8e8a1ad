// hallctl: the hall from the command line, on the same client library the programs use.
// Operators, the demo and the tests script with it. `--json` prints the server's reply bodies.
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "common/hall_link.hpp"
#include "common/i18n.hpp"
#include "common/keys.hpp"
#include "common/request_client.hpp"

namespace {

using hall::json;
using hall::proto::MessageType;

constexpr const char* kUsage = R"(usage: hallctl --server HOST[:PORT] --keys KEYDIR [--json] COMMAND [ARGS]

Tickets:
  issue SERVICE [--priority elderly|disability|pregnant|child]
  call-next COUNTER            call TICKET COUNTER
  recall COUNTER               serve COUNTER
  done COUNTER                 no-show COUNTER
  transfer TICKET SERVICE [--note TEXT]
  hold TICKET                  release TICKET             cancel TICKET
  info TICKET
Counters and officers:
  login OFFICER PIN COUNTER    logout COUNTER
  pause COUNTER [REASON]       resume COUNTER
  officer-add ID NAME PIN      officers
  audit [--limit N] [--before ID] [--officer ID] [--device NAME]
                               who did what, newest first (admin keys)
Hall:
  status                       a readable snapshot
  watch [--count N]            live updates with their sequence numbers
TICKET is a number of today (A-001) or a ticket id.
)";

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

json ticket_arg(const std::string& s) {
    if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) return json(std::stoll(s));
    return json(s);
}

std::string state_text(const std::string& state) { return std::string(hall::i18n::text("state." + state, hall::i18n::Lang::id)); }

std::string describe_ticket(const json& t) {
    std::string s = t.value("number", std::string("?")) + "  " + state_text(t.value("state", std::string()));
    if (t.value("priority", std::string("regular")) != "regular")
        s += "  [" + std::string(hall::i18n::text("priority." + t["priority"].get<std::string>(), hall::i18n::Lang::id)) + "]";
    if (t.contains("counter") && t["counter"].is_string()) s += "  @" + t["counter"].get<std::string>();
    if (t.value("recalls", 0) > 0) s += "  recall x" + std::to_string(t["recalls"].get<int>());
    s += "  " + t.value("service", std::string());
    return s;
}

// One line per audit entry: when (this machine's local time), who, from where, what.
void print_audit(const json& body) {
    for (const json& e : body["entries"]) {
        std::time_t t = static_cast<std::time_t>(e.value("at", std::int64_t{0}) / 1000);
        std::tm tm{};
        localtime_r(&t, &tm);
        char when[32];
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
        auto text = [&](const char* key) { return e[key].is_string() ? e[key].get<std::string>() : std::string("-"); };
        std::string device = text("device") + (e["address"].is_string() ? "@" + text("address") : "");
        std::string what = text("action") + (e.value("outcome", std::string("ok")) == "ok" ? "" : " (" + text("outcome") + ")");
        std::printf("#%-6lld %s  %-24s officer=%-10s %-22s ticket=%-7s counter=%-9s %s\n",
                    static_cast<long long>(e.value("id", 0LL)), when, device.c_str(), text("officer").c_str(),
                    what.c_str(), text("ticket").c_str(), text("counter").c_str(),
                    e["detail"].empty() ? "" : e["detail"].dump().c_str());
    }
    if (body["entries"].empty()) std::printf("(no audit entries)\n");
    else if (body.value("more", false))
        std::printf("(older entries: --before %lld)\n", static_cast<long long>(body["entries"].back().value("id", 0LL)));
}

void print_status(const json& snap) {
    std::printf("%s  %s  (seq %lld)\n", snap["hall"].value("name", std::string()).c_str(),
                snap.value("date", std::string()).c_str(), static_cast<long long>(snap.value("seq", 0LL)));
    std::printf("\nLoket / Counters\n");
    for (const json& c : snap["counters"]) {
        std::string cur = c["ticket"].is_null() ? "-" : std::to_string(c["ticket"].get<long long>());
        for (const json& t : snap["tickets"])
            if (!c["ticket"].is_null() && t["id"] == c["ticket"]) cur = t["number"].get<std::string>();
        std::printf("  %-10s %-10s %-10s officer=%s ticket=%s%s\n", c["id"].get<std::string>().c_str(),
                    c["name"].get<std::string>().c_str(),
                    std::string(hall::i18n::text("counter." + c["state"].get<std::string>(), hall::i18n::Lang::id)).c_str(),
                    c["officer"].is_string() ? c["officer"].get<std::string>().c_str() : "-", cur.c_str(),
                    c["pause_reason"].is_string() ? ("  (" + c["pause_reason"].get<std::string>() + ")").c_str() : "");
    }
    std::printf("\nLayanan dengan antrian / Services with a queue\n");
    int shown = 0;
    for (const json& s : snap["services"]) {
        if (s.value("waiting", 0) == 0 && s.value("issued_today", 0) == 0) continue;
        ++shown;
        std::printf("  %-4s waiting=%-3d issued=%-3d est=%d min  %s  %s\n", s["prefix"].get<std::string>().c_str(),
                    s["waiting"].get<int>(), s["issued_today"].get<int>(), s["est_wait_min"].get<int>(),
                    s["status"].get<std::string>().c_str(), s["id"].get<std::string>().c_str());
    }
    if (!shown) std::printf("  (belum ada antrian hari ini / no tickets yet today)\n");
    std::printf("\nAntrian hari ini / Today's tickets: %zu\n", snap["tickets"].size());
    for (const json& t : snap["tickets"]) std::printf("  %s\n", describe_ticket(t).c_str());
}

int report_error(const hall::Error& e) {
    std::fprintf(stderr, "%s: %s / %s (%s: %s)\n", hall::i18n::both("cli.error").c_str(),
                 std::string(hall::i18n::error_text(e.code, hall::i18n::Lang::id)).c_str(),
                 std::string(hall::i18n::error_text(e.code, hall::i18n::Lang::en)).c_str(), e.code.c_str(),
                 e.message.c_str());
    return e.code == "unreachable" ? 3 : 1;
}

}  // namespace

static int run(int argc, char** argv);

// A reply that is not what this hallctl expects (an older or newer server) is reported in one
// line instead of ending in an uncaught exception.
int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "hallctl: unexpected reply from the server: %s\n", e.what());
        return 1;
    }
}

static int run(int argc, char** argv) {
    std::string server = "127.0.0.1";
    std::string keydir;
    bool as_json = false;
    std::map<std::string, std::string> opts;
    std::vector<std::string> words;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--json") as_json = true;
        else if (a == "--server" && i + 1 < argc) server = argv[++i];
        else if (a == "--keys" && i + 1 < argc) keydir = argv[++i];
        else if (a == "--help" || a == "-h") { std::fputs(kUsage, stdout); return 0; }
        else if (a == "--priority") opts["priority"] = (i + 1 < argc && argv[i + 1][0] != '-') ? argv[++i] : "elderly";
        else if (a.rfind("--", 0) == 0 && i + 1 < argc) opts[a.substr(2)] = argv[++i];
        else words.push_back(a);
    }
    if (words.empty() || keydir.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    auto keys = hall::load_client_keys(keydir);
    if (!keys) {
        std::fprintf(stderr, "hallctl: %s\n", keys.error().message.c_str());
        return 2;
    }
    hall::ClientOptions options;
    hall::parse_server_address(server, options);
    options.keys = *keys;
    const std::string& cmd = words[0];
    auto arg = [&](std::size_t i) -> std::string { return i < words.size() ? words[i] : std::string(); };
    auto need = [&](std::size_t n) {
        if (words.size() < n + 1) {
            std::fprintf(stderr, "hallctl: %s needs %zu argument(s)\n%s", cmd.c_str(), n, kUsage);
            std::exit(2);
        }
    };

    if (cmd == "watch") {
        int count = opts.count("count") ? std::stoi(opts["count"]) : -1;
        std::atomic<int> seen{0};
        hall::HallLink link(options);
        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
        link.start({}, [&](const json& e) {
            if (as_json) {
                std::printf("%s\n", e.dump().c_str());
            } else {
                std::string what = e.contains("ticket") ? describe_ticket(e["ticket"])
                                 : e.contains("counter") ? e["counter"].value("id", std::string()) + " " +
                                                               e["counter"].value("state", std::string())
                                                         : e.value("date", std::string());
                std::printf("#%lld %-13s %s\n", static_cast<long long>(e["seq"].get<long long>()),
                            e.value("action", std::string()).c_str(), what.c_str());
            }
            std::fflush(stdout);
            ++seen;
        });
        bool announced = false;
        while (!g_stop && (count < 0 || seen < count)) {
            if (!announced && link.connected()) {
                announced = true;
                std::fprintf(stderr, "watching from seq %lld (Ctrl-C to stop)\n",
                             static_cast<long long>(link.state().seq()));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        link.stop();
        return 0;
    }

    MessageType type;
    json body = json::object();
    if (cmd == "status") type = MessageType::snapshot;
    else if (cmd == "hello") type = MessageType::hello;
    else if (cmd == "issue") { need(1); type = MessageType::issue_ticket; body = {{"service", arg(1)}}; if (opts.count("priority")) body["priority"] = opts["priority"]; }
    else if (cmd == "call-next") { need(1); type = MessageType::call_next; body = {{"counter", arg(1)}}; }
    else if (cmd == "call") { need(2); type = MessageType::call_ticket; body = {{"ticket", ticket_arg(arg(1))}, {"counter", arg(2)}}; }
    else if (cmd == "recall") { need(1); type = MessageType::recall; body = {{"counter", arg(1)}}; }
    else if (cmd == "serve") { need(1); type = MessageType::start_serving; body = {{"counter", arg(1)}}; }
    else if (cmd == "done") { need(1); type = MessageType::finish; body = {{"counter", arg(1)}}; }
    else if (cmd == "no-show") { need(1); type = MessageType::no_show; body = {{"counter", arg(1)}}; }
    else if (cmd == "transfer") { need(2); type = MessageType::transfer; body = {{"ticket", ticket_arg(arg(1))}, {"service", arg(2)}}; if (opts.count("note")) body["note"] = opts["note"]; }
    else if (cmd == "hold") { need(1); type = MessageType::hold; body = {{"ticket", ticket_arg(arg(1))}}; }
    else if (cmd == "release") { need(1); type = MessageType::release; body = {{"ticket", ticket_arg(arg(1))}}; }
    else if (cmd == "cancel") { need(1); type = MessageType::cancel; body = {{"ticket", ticket_arg(arg(1))}}; }
    else if (cmd == "info") { need(1); type = MessageType::ticket_info; body = {{"ticket", ticket_arg(arg(1))}}; }
    else if (cmd == "login") { need(3); type = MessageType::login; body = {{"officer", arg(1)}, {"pin", arg(2)}, {"counter", arg(3)}}; }
    else if (cmd == "logout") { need(1); type = MessageType::logout; body = {{"counter", arg(1)}}; }
    else if (cmd == "pause") { need(1); type = MessageType::pause; body = {{"counter", arg(1)}, {"reason", arg(2)}}; }
    else if (cmd == "resume") { need(1); type = MessageType::resume; body = {{"counter", arg(1)}}; }
    else if (cmd == "officer-add") { need(3); type = MessageType::officer_add; body = {{"officer", arg(1)}, {"name", arg(2)}, {"pin", arg(3)}}; }
    else if (cmd == "officers") type = MessageType::officer_list;
    else if (cmd == "audit") {
        type = MessageType::audit_list;
        for (const char* key : {"limit", "before"})
            if (opts.count(key)) body[key] = std::stoll(opts[key]);
        for (const char* key : {"officer", "device"})
            if (opts.count(key)) body[key] = opts[key];
    }
    else {
        std::fprintf(stderr, "hallctl: unknown command '%s'\n%s", cmd.c_str(), kUsage);
        return 2;
    }

    hall::RequestClient client(options);
    if (type == MessageType::transfer) {
        // The server transfers a counter's current ticket: find which counter has it.
        auto info = client.call(MessageType::ticket_info, {{"ticket", body["ticket"]}});
        if (!info) return report_error(info.error());
        if (!info->ok) return report_error({info->error_code, info->error_message});
        const json& t = info->body["ticket"];
        if (!t["counter"].is_string())
            return report_error({"illegal_transition", "ticket " + t.value("number", std::string()) + " is not at a counter"});
        body["counter"] = t["counter"];
    }
    auto reply = client.call(type, body);
    if (!reply) return report_error(reply.error());
    if (!reply->ok) return report_error({reply->error_code, reply->error_message});
    const json& b = reply->body;
    if (as_json) {
        std::printf("%s\n", b.dump(2).c_str());
        return 0;
    }
    if (type == MessageType::snapshot) print_status(b);
    else if (type == MessageType::audit_list) print_audit(b);
    else if (type == MessageType::issue_ticket)
        std::printf("%s: %s  (%s)\n  %d %s, %s: %d\n", hall::i18n::both("cli.issued").c_str(),
                    b["ticket"]["number"].get<std::string>().c_str(), b["ticket"].value("service_name", std::string()).c_str(),
                    b["ahead"].get<int>(), std::string(hall::i18n::text("cli.ahead", hall::i18n::Lang::id)).c_str(),
                    std::string(hall::i18n::text("cli.wait", hall::i18n::Lang::id)).c_str(), b["est_wait_min"].get<int>());
    else if (b.contains("ticket")) {
        std::printf("%s\n", describe_ticket(b["ticket"]).c_str());
        if (b.contains("ahead")) std::printf("  %d %s, ~%d min\n", b["ahead"].get<int>(),
                                             std::string(hall::i18n::text("cli.ahead", hall::i18n::Lang::id)).c_str(),
                                             b["est_wait_min"].get<int>());
    } else if (b.contains("counter"))
        std::printf("%s %s %s\n", b["counter"]["id"].get<std::string>().c_str(),
                    b["counter"]["state"].get<std::string>().c_str(),
                    b["counter"]["officer"].is_string() ? b["counter"]["officer"].get<std::string>().c_str() : "");
    else std::printf("%s\n", b.dump(2).c_str());
    return 0;
}
