// The web pages against a real server on 127.0.0.1: the ticket page and its live data, unknown
// tokens, the survey (validation, one per ticket, only when done), token and PIN guessing, the
// admin session cookie, the live hall and the report downloads.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/keys.hpp"
#include "tests/web/web_hall.hpp"

using namespace hall;
using namespace hall::test;
using nlohmann::json;
using proto::MessageType;

namespace {

json get_json(httplib::Client& c, const std::string& path, int expected_status) {
    auto r = c.Get(path.c_str());
    REQUIRE(r);
    INFO(path << " -> " << r->status << " " << r->body);
    REQUIRE(r->status == expected_status);
    json j = json::parse(r->body, nullptr, false);
    REQUIRE(!j.is_discarded());
    return j;
}

httplib::Result post_survey(httplib::Client& c, const std::string& token, const std::string& body) {
    return c.Post(("/api/t/" + token + "/survey").c_str(), body, "application/json");
}

}  // namespace

TEST_CASE("web: the ticket page follows a kiosk-issued ticket from waiting to called to done", "[web]") {
    WebHall w;
    REQUIRE(w.hall.http_port() > 0);
    w.issue();  // someone ahead
    json issued = w.issue();
    const std::string token = issued["ticket"]["token"];
    REQUIRE(token.size() == 32);  // 128 bits
    auto http = w.http();

    auto page = http->Get(("/t/" + token).c_str());
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(page->body.find("/static/ticket.js") != std::string::npos);
    CHECK(page->get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
    // Every script and style the page uses is served by the server itself.
    for (const char* asset : {"/static/ticket.js", "/static/strings.js", "/static/style.css"}) {
        auto a = http->Get(asset);
        REQUIRE(a);
        CHECK(a->status == 200);
    }

    json t = get_json(*http, "/api/t/" + token, 200);
    CHECK(t["number"] == "A-002");
    CHECK(t["service_name"] == "Layanan Satu");
    CHECK(t["state"] == "waiting");
    CHECK(t["ahead"] == 1);
    CHECK(t["est_wait_min"].get<int>() > 0);
    CHECK(t["counter_name"].is_null());
    CHECK(t["survey_open"] == false);
    CHECK(t["hall"] == "Mal Uji");
    // No token, officer or other internals on the phone.
    const std::string dump = t.dump();
    CHECK(dump.find(token) == std::string::npos);
    CHECK(dump.find("officer") == std::string::npos);

    w.open_counter();
    REQUIRE(w.counter_does(MessageType::call_next));   // A-001
    json t2 = get_json(*http, "/api/t/" + token, 200);
    CHECK(t2["state"] == "waiting");
    CHECK(t2["ahead"] == 0);
    REQUIRE(w.counter_does(MessageType::start_serving));
    REQUIRE(w.counter_does(MessageType::finish));
    REQUIRE(w.counter_does(MessageType::call_next));   // A-002: ours
    json called = get_json(*http, "/api/t/" + token, 200);
    CHECK(called["state"] == "called");
    CHECK(called["counter_name"] == "Loket 1");

    // The survey opens only once the ticket is done.
    auto early = post_survey(*http, token, all_answers(4).dump());
    REQUIRE(early);
    CHECK(early->status == 409);
    CHECK(json::parse(early->body)["error"] == "survey_not_done");

    REQUIRE(w.counter_does(MessageType::start_serving));
    REQUIRE(w.counter_does(MessageType::finish));
    json done = get_json(*http, "/api/t/" + token, 200);
    CHECK(done["state"] == "done");
    CHECK(done["survey_open"] == true);

    auto sent = post_survey(*http, token, all_answers(4).dump());
    REQUIRE(sent);
    CHECK(sent->status == 200);
    json after = get_json(*http, "/api/t/" + token, 200);
    CHECK(after["survey_open"] == false);
    CHECK(after["survey_answered"] == true);
    // One response per ticket.
    auto again = post_survey(*http, token, all_answers(1).dump());
    REQUIRE(again);
    CHECK(again->status == 409);
    CHECK(json::parse(again->body)["error"] == "survey_answered");
}

TEST_CASE("web: an unknown token gets a clear page, not an error dump", "[web]") {
    WebHall w;
    auto http = w.http();
    for (const std::string path : {"/t/0123456789abcdef0123456789abcdef", "/t/not-a-token", "/t/%3Cscript%3E"}) {
        auto r = http->Get(path.c_str());
        REQUIRE(r);
        INFO(path);
        CHECK(r->status == 404);
        CHECK(r->get_header_value("Content-Type").find("text/html") == 0);
        CHECK(r->body.find("Tiket tidak ditemukan") != std::string::npos);
        CHECK(r->body.find("Ticket not found") != std::string::npos);
        CHECK(r->body.find("<script") == std::string::npos);
    }
    json j = get_json(*http, "/api/t/0123456789abcdef0123456789abcdef", 404);
    CHECK(j["error"] == "unknown_ticket");
    auto nowhere = http->Get("/no/such/page");
    REQUIRE(nowhere);
    CHECK(nowhere->status == 404);
    CHECK(nowhere->body.find("Halaman tidak ditemukan") != std::string::npos);
}

TEST_CASE("web: survey answers are validated", "[web]") {
    WebHall w;
    json issued = w.issue();
    const std::string token = issued["ticket"]["token"];
    w.open_counter();
    w.serve_next();
    auto http = w.http();
    const std::string bad_bodies[] = {
        "",
        "not json",
        R"({"answers":[4,4,4,4,4,4,4,4]})",
        R"({"answers":[4,4,4,4,4,4,4,4,5]})",
        R"({"answers":[4,4,4,4,4,4,4,4,"4"]})",
        R"({"answers":[4,4,4,4,4,4,4,4,4],"age":300})",
        R"({"answers":[4,4,4,4,4,4,4,4,4],"sex":"unknown"})",
        R"({"answers":[4,4,4,4,4,4,4,4,4],"phone":"0812"})",
        R"({"answers":[4,4,4,4,4,4,4,4,4],"suggestion":")" + std::string(1200, 'x') + "\"}",
    };
    for (const std::string& body : bad_bodies) {
        auto r = post_survey(*http, token, body);
        REQUIRE(r);
        INFO(body.substr(0, 80));
        CHECK(r->status == 400);
        CHECK(json::parse(r->body, nullptr, false).value("error", "") == "bad_request");
    }
    // A body over the server's limit is refused before it is read.
    auto huge = post_survey(*http, token, std::string(64 * 1024, ' '));
    REQUIRE(huge);
    CHECK(huge->status == 413);
    // After all that, the ticket can still be rated once.
    json full = {{"answers", {3, 3, 4, 4, 3, 4, 4, 2, 3}}, {"age", 70}, {"sex", "l"}, {"education", "sd"},
                 {"occupation", "lainnya"}, {"suggestion", "Tolong tambah kursi."}};
    auto ok = post_survey(*http, token, full.dump());
    REQUIRE(ok);
    CHECK(ok->status == 200);
}

TEST_CASE("web: guessing ticket tokens is throttled per address", "[web]") {
    WebHall w;
    const std::string token = w.issue()["ticket"]["token"];
    auto http = w.http();
    get_json(*http, "/api/t/" + token, 200);
    for (int i = 0; i < web::HttpServer::kMaxUnknownTokens; ++i) {
        auto r = http->Get(("/api/t/" + random_hex(16)).c_str());
        REQUIRE(r);
        REQUIRE(r->status == 404);
    }
    // Now even a real token is refused from this address for a while.
    auto blocked = http->Get(("/api/t/" + token).c_str());
    REQUIRE(blocked);
    CHECK(blocked->status == 429);
    CHECK(blocked->get_header_value("Retry-After") == "60");
    auto page = http->Get(("/t/" + token).c_str());
    REQUIRE(page);
    CHECK(page->status == 429);
    CHECK(page->body.find("Terlalu banyak percobaan") != std::string::npos);
    auto survey = post_survey(*http, token, all_answers(4).dump());
    REQUIRE(survey);
    CHECK(survey->status == 429);
}

TEST_CASE("web: the admin session cookie is HttpOnly and SameSite, and guards the pages", "[web]") {
    WebHall w;
    w.add_officer("siti", "482913", "admin");
    w.add_officer("budi", "135790");  // not an admin
    auto http = w.http();

    auto login_page = http->Get("/admin");
    REQUIRE(login_page);
    CHECK(login_page->status == 303);
    CHECK(login_page->get_header_value("Location") == "/admin/login");
    auto live_api = http->Get("/api/admin/live");
    REQUIRE(live_api);
    CHECK(live_api->status == 401);
    auto report = http->Get("/admin/report.csv?from=2026-11-23&to=2026-11-23");
    REQUIRE(report);
    CHECK(report->status == 401);

    std::string set_cookie;
    const std::string cookie = w.admin_cookie("siti", "482913", &set_cookie);
    REQUIRE(cookie.rfind("hall_admin=", 0) == 0);
    CHECK(cookie.size() == std::string("hall_admin=").size() + 64);
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(set_cookie.find("Path=/") != std::string::npos);

    httplib::Headers with_cookie{{"Cookie", cookie}};
    auto live = http->Get("/api/admin/live", with_cookie);
    REQUIRE(live);
    CHECK(live->status == 200);
    json j = json::parse(live->body);
    CHECK(j["hall"] == "Mal Uji");
    CHECK(j["counters"].size() == 2);
    CHECK(j.contains("totals"));
    auto forged = http->Get("/api/admin/live", httplib::Headers{{"Cookie", "hall_admin=" + random_hex(32)}});
    REQUIRE(forged);
    CHECK(forged->status == 401);

    // An officer without the admin role is refused even with the right PIN.
    auto not_admin = http->Post("/admin/login", "officer=budi&pin=135790", "application/x-www-form-urlencoded");
    REQUIRE(not_admin);
    CHECK(not_admin->status == 303);
    CHECK(not_admin->get_header_value("Location") == "/admin/login?e=forbidden");
    CHECK(not_admin->get_header_value("Set-Cookie").empty());

    // Logging out ends the session.
    auto out = http->Post("/admin/logout", with_cookie, "", "application/x-www-form-urlencoded");
    REQUIRE(out);
    CHECK(out->status == 303);
    auto after = http->Get("/api/admin/live", with_cookie);
    REQUIRE(after);
    CHECK(after->status == 401);

    // Web logins are in the audit log, with their outcome.
    auto audit = w.admin.call(MessageType::audit_list, {{"limit", 50}});
    REQUIRE(audit);
    REQUIRE(audit->ok);
    int ok = 0, refused = 0;
    for (const json& e : audit->body["entries"]) {
        if (e["action"] != "web_login") continue;
        if (e["outcome"] == "ok") ++ok;
        if (e["outcome"] == "not_admin") ++refused;
    }
    CHECK(ok == 1);
    CHECK(refused == 1);
}

TEST_CASE("web: PIN guessing locks the officer and throttles the address", "[web]") {
    WebHall w;
    w.add_officer("siti", "482913", "admin");
    auto http = w.http();
    auto login = [&](const std::string& officer, const std::string& pin) {
        auto r = http->Post("/admin/login", "officer=" + officer + "&pin=" + pin, "application/x-www-form-urlencoded");
        REQUIRE(r);
        REQUIRE(r->status == 303);
        return r->get_header_value("Location");
    };
    for (int i = 0; i < 4; ++i) CHECK(login("siti", "000000") == "/admin/login?e=wrong");
    CHECK(login("siti", "000000") == "/admin/login?e=locked");  // the fifth wrong PIN locks
    CHECK(login("siti", "482913") == "/admin/login?e=locked");  // even the right PIN, for now
    // Unknown officers lock nothing, but the address is throttled after kMaxFailedLogins.
    for (int i = 0; i < web::HttpServer::kMaxFailedLogins - 6; ++i) CHECK(login("nobody" + std::to_string(i), "1234") == "/admin/login?e=wrong");
    CHECK(login("nobody", "1234") == "/admin/login?e=throttled");
    CHECK(login("siti", "482913") == "/admin/login?e=throttled");
    // Malformed input never reaches the server loop.
    auto r = http->Post("/admin/login", "officer=&pin=12", "application/x-www-form-urlencoded");
    REQUIRE(r);
    CHECK(r->status == 303);
}

TEST_CASE("web: the report CSV holds the day's tickets and the IKM", "[web]") {
    WebHall w;
    w.add_officer("siti", "482913", "admin");
    w.open_counter("budi", "loket-1");
    const std::string first = w.issue()["ticket"]["token"];
    const std::string second = w.issue()["ticket"]["token"];
    w.issue(kServiceDua);
    w.serve_next();
    w.serve_next();
    auto http = w.http();
    REQUIRE(post_survey(*http, first, all_answers(4).dump())->status == 200);
    json mixed = {{"answers", {1, 1, 1, 1, 1, 1, 1, 1, 1}}, {"suggestion", "Antrian, \"cepat\""}};
    REQUIRE(post_survey(*http, second, mixed.dump())->status == 200);

    const std::string cookie = w.admin_cookie("siti", "482913");
    REQUIRE(!cookie.empty());
    httplib::Headers with_cookie{{"Cookie", cookie}};
    auto csv = http->Get("/admin/report.csv?from=2026-11-23&to=2026-11-23", with_cookie);
    REQUIRE(csv);
    REQUIRE(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
    CHECK(csv->get_header_value("Content-Disposition").find("laporan-2026-11-23-2026-11-23.csv") != std::string::npos);
    const std::string& body = csv->body;
    INFO(body);
    CHECK(body.find("table,services\r\n") != std::string::npos);
    CHECK(body.find("contoh-dinas.layanan-satu,Layanan Satu,contoh-dinas,2,2,0,0,0,0,") != std::string::npos);
    CHECK(body.find("contoh-dinas.layanan-dua,Layanan Dua,contoh-dinas,1,0,0,0,0,0,") != std::string::npos);
    CHECK(body.find("budi,Petugas budi,2,0,0,2,") != std::string::npos);
    // (4 x 9 + 1 x 9) = 45 over 2 respondents: 25 x 45 / 18 = 62.50 D; NRR 2.50 each.
    CHECK(body.find("hall,,Mal Uji,2,2.50,2.50,2.50,2.50,2.50,2.50,2.50,2.50,2.50,62.50,D,Tidak Baik\r\n") !=
          std::string::npos);
    CHECK(body.find("service,contoh-dinas.layanan-satu,Layanan Satu,2,") != std::string::npos);
    CHECK(body.find("2026-11-23,Layanan Satu,\"Antrian, \"\"cepat\"\"\"") != std::string::npos);

    auto html = http->Get("/admin/report?from=2026-11-23&to=2026-11-23", with_cookie);
    REQUIRE(html);
    CHECK(html->status == 200);
    CHECK(html->body.find("<svg") != std::string::npos);
    CHECK(html->body.find("62,50") != std::string::npos);
    auto bad = http->Get("/admin/report?from=2026-11-30&to=2026-11-01", with_cookie);
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(bad->body.find("Tanggal tidak sah") != std::string::npos);
    auto injected = http->Get("/admin/report?from=2026-11-23%27%20OR%201=1&to=2026-11-23", with_cookie);
    REQUIRE(injected);
    CHECK(injected->status == 400);
}

TEST_CASE("web: the HTTP threads stop with the server", "[web]") {
    WebHall w;
    const int port = w.hall.http_port();
    REQUIRE(port > 0);
    w.hall.stop();
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(2);
    auto r = c.Get("/");
    CHECK(!r);  // nothing listens any more
    w.hall.start();
    CHECK(w.hall.http_port() > 0);
    auto again = w.http()->Get("/");
    REQUIRE(again);
    CHECK(again->status == 200);
}

TEST_CASE("web: queue_server report writes the same CSV and a printable HTML from the command line", "[web]") {
    WebHall w;
    w.open_counter();
    const std::string token = w.issue()["ticket"]["token"];
    w.serve_next();
    REQUIRE(post_survey(*w.http(), token, all_answers(4).dump())->status == 200);
    w.hall.stop();  // the report also works while the server serves; stopped here to be certain
                    // that the file is complete

    const auto dir = w.hall.data_dir().parent_path();
    std::string toml = fixture_config_toml();
    const std::string relative = "catalog = \"catalog\"";
    toml.replace(toml.find(relative), relative.size(),
                 "catalog = \"" + (source_dir() / "tests/fixtures/catalog").string() + "\"");
    {
        std::ofstream(dir / "hall.toml") << toml;
    }
    const std::string qs = std::string(HALL_BIN_DIR) + "/queue_server report --config " + (dir / "hall.toml").string() +
                           " --data " + w.hall.data_dir().string() + " --from 2026-11-23 --to 2026-11-23";
    REQUIRE(std::system((qs + " --format csv --out " + (dir / "r.csv").string() + " >/dev/null").c_str()) == 0);
    REQUIRE(std::system((qs + " --format html --out " + (dir / "r.html").string() + " >/dev/null").c_str()) == 0);
    std::stringstream csv, html;
    csv << std::ifstream(dir / "r.csv").rdbuf();
    html << std::ifstream(dir / "r.html").rdbuf();
    CHECK(csv.str().find("hall,,Mal Uji,1,4.00,4.00,4.00,4.00,4.00,4.00,4.00,4.00,4.00,100.00,A,Sangat Baik") !=
          std::string::npos);
    CHECK(html.str().find("<svg") != std::string::npos);
    CHECK(html.str().find("<script") == std::string::npos);
    // Bad arguments are refused with a clear line and no file.
    CHECK(std::system((std::string(HALL_BIN_DIR) + "/queue_server report --config " + (dir / "hall.toml").string() +
                       " --data " + w.hall.data_dir().string() +
                       " --from 2026-11-30 --to 2026-11-01 --format csv --out " + (dir / "bad.csv").string() +
                       " 2>/dev/null")
                          .c_str()) != 0);
    CHECK(!std::filesystem::exists(dir / "bad.csv"));
    w.hall.start();
}

TEST_CASE("web: the kiosk's survey_lookup and survey_submit share the ticket's one response", "[web][survey]") {
    WebHall w;
    w.open_counter();
    const json first = w.issue();
    const json second = w.issue();
    const std::string number = first["ticket"]["number"];
    const std::string second_token = second["ticket"]["token"];
    auto lookup = [&](const json& ticket) {
        auto r = w.kiosk.call(MessageType::survey_lookup, {{"ticket", ticket}});
        REQUIRE(r);
        return *r;
    };
    auto ok_answers = [&](const json& ticket) {
        json body = all_answers(3);
        body["ticket"] = ticket;
        return body;
    };

    proto::Reply waiting = lookup(number);
    REQUIRE(waiting.ok);
    CHECK(waiting.body["survey"] == "not_done");
    CHECK(waiting.body["ticket"]["service_name"] == "Layanan Satu");
    auto early = w.kiosk.call(MessageType::survey_submit, ok_answers(number));
    REQUIRE(early);
    CHECK(early->error_code == "survey_not_done");

    w.serve_next();  // the first ticket is done
    CHECK(lookup(number).body["survey"] == "open");
    CHECK(lookup("Z-999").error_code == "unknown_ticket");
    CHECK(lookup(42).error_code == "unknown_ticket");
    CHECK(lookup(json::array()).error_code == "bad_request");

    json bad = ok_answers(number);
    bad["answers"] = {3, 3, 3};
    CHECK(w.kiosk.call(MessageType::survey_submit, bad)->error_code == "bad_request");
    bad = ok_answers(number);
    bad["name"] = "Budi";
    CHECK(w.kiosk.call(MessageType::survey_submit, bad)->error_code == "bad_request");
    // A display key may not rate; an admin key may.
    hall::RequestClient display(w.hall.options("display-1"));
    CHECK(display.call(MessageType::survey_submit, ok_answers(number))->error_code == "forbidden");

    // A retried request (same req) gets the stored reply, not survey_answered.
    const std::int64_t req = w.kiosk.reserve_request_number();
    auto sent = w.kiosk.call_with(req, MessageType::survey_submit, ok_answers(number));
    REQUIRE(sent);
    REQUIRE(sent->ok);
    auto again = w.kiosk.call_with(req, MessageType::survey_submit, ok_answers(number));
    REQUIRE(again);
    CHECK(again->ok);
    CHECK(lookup(number).body["survey"] == "answered");
    CHECK(w.kiosk.call(MessageType::survey_submit, ok_answers(number))->error_code == "survey_answered");

    // The phone page of the second ticket and the kiosk share its one response too.
    w.serve_next();
    auto http = w.http();
    REQUIRE(post_survey(*http, second_token, all_answers(4).dump())->status == 200);
    CHECK(w.kiosk.call(MessageType::survey_submit, ok_answers(second["ticket"]["id"]))->error_code == "survey_answered");
}
