// HTTP routes. cpp-httplib's exceptions and every error are turned into a clear page or a JSON
// error here; nothing below the handlers ever answers with an error dump.
#include "queue_server/http_server.hpp"

#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "common/keys.hpp"
#include "common/log.hpp"
#include "common/skm_questions.hpp"
#include "queue_server/http_assets.hpp"
#include "queue_server/http_input.hpp"
#include "queue_server/report.hpp"
#include "queue_server/store.hpp"
#include "queue_server/ticket_rules.hpp"

namespace hall::web {

namespace {

constexpr std::size_t kThreads = 16;
constexpr std::size_t kMaxBodyBytes = 16 * 1024;

struct Session {
    std::string officer;
    std::string name;
    std::int64_t expires_ms = 0;
};

// A page a person reads when something is wrong: Indonesian first, English second.
std::string message_page(const std::string& title_id, const std::string& title_en, const std::string& text_id,
                         const std::string& text_en) {
    return "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width, initial-scale=1\"><title>" +
           html_escape(title_id) + "</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>"
           "<header class=\"top\"><span class=\"hall\">Antrian · Queue</span></header><main><section class=\"card\">"
           "<h1>" + html_escape(title_id) + "</h1><p>" + html_escape(text_id) + "</p><h2 class=\"en\">" +
           html_escape(title_en) + "</h2><p class=\"en\">" + html_escape(text_en) + "</p></section></main></body></html>";
}

void send_page(httplib::Response& res, int status, const std::string& html) {
    res.status = status;
    res.set_content(html, "text/html; charset=utf-8");
}

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

// A JSON error with the reason in both languages, for the pages' scripts.
void send_json_error(httplib::Response& res, int status, const std::string& code, const std::string& id,
                     const std::string& en) {
    send_json(res, status, json{{"error", code}, {"message_id", id}, {"message_en", en}});
}

void redirect(httplib::Response& res, const std::string& to) {
    res.status = 303;
    res.set_header("Location", to);
}

void unknown_ticket_page(httplib::Response& res) {
    send_page(res, 404,
              message_page("Tiket tidak ditemukan", "Ticket not found",
                           "Alamat ini tidak cocok dengan tiket antrian mana pun. Periksa kode QR pada tiket Anda, atau "
                           "tanyakan kepada petugas informasi.",
                           "This address does not match any queue ticket. Check the QR code on your ticket, or ask "
                           "at the information desk."));
}

void expired_ticket_page(httplib::Response& res) {
    send_page(res, 410,
              message_page("Tiket sudah tidak berlaku", "Ticket expired",
                           "Tiket ini sudah lewat masa berlakunya. Silakan ambil nomor baru di kiosk.",
                           "This ticket is no longer valid. Please take a new number at the kiosk."));
}

void throttled_page(httplib::Response& res) {
    res.set_header("Retry-After", "60");
    send_page(res, 429,
              message_page("Terlalu banyak percobaan", "Too many attempts",
                           "Perangkat ini mencoba terlalu banyak alamat tiket yang salah. Tunggu satu menit, lalu pindai "
                           "kode QR pada tiket Anda lagi.",
                           "This device tried too many wrong ticket addresses. Wait a minute, then scan the QR code on "
                           "your ticket again."));
}

void busy_page(httplib::Response& res) {
    send_page(res, 503,
              message_page("Server sedang sibuk", "Server busy", "Silakan muat ulang halaman ini sebentar lagi.",
                           "Please reload this page in a moment."));
}

std::string cookie_value(const httplib::Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        std::string part = header.substr(pos, end - pos);
        const auto b = part.find_first_not_of(' ');
        if (b != std::string::npos) part = part.substr(b);
        if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
        pos = end + 1;
    }
    return {};
}

json skm_json() {
    json elements = json::array();
    for (const skm::Element& e : skm::elements()) {
        json labels_id = json::array(), labels_en = json::array();
        for (auto l : e.labels_id) labels_id.push_back(l);
        for (auto l : e.labels_en) labels_en.push_back(l);
        elements.push_back({{"code", e.code},
                            {"name", {{"id", e.name_id}, {"en", e.name_en}}},
                            {"question", {{"id", e.question_id}, {"en", e.question_en}}},
                            {"labels", {{"id", labels_id}, {"en", labels_en}}}});
    }
    json fields = json::array();
    for (const skm::ChoiceField& f : skm::choice_fields()) {
        json choices = json::array();
        for (int i = 0; i < f.count; ++i)
            choices.push_back({{"value", f.choices[i].value}, {"id", f.choices[i].id}, {"en", f.choices[i].en}});
        fields.push_back({{"key", f.key}, {"label", {{"id", f.label_id}, {"en", f.label_en}}}, {"choices", choices}});
    }
    return json{{"elements", elements},
                {"fields", fields},
                {"age", {{"min", skm::kMinAge}, {"max", skm::kMaxAge}}},
                {"suggestion_max_bytes", skm::kMaxSuggestionBytes}};
}

// What the phone may see of a ticket: no token, no officer, nothing about the visitor.
json public_ticket_view(const json& info, const std::string& hall_name) {
    const json& t = info["ticket"];
    std::string state = t.value("state", "");
    const std::string today = info.value("today", "");
    const bool final_state = state == "done" || state == "no_show" || state == "cancelled";
    // A ticket of a past day that never finished will not be called any more.
    if (!final_state && t.value("date", "") < today) state = "expired";
    json out{{"hall", hall_name},
             {"number", t.value("number", "")},
             {"service_name", t.value("service_name", t.value("service", ""))},
             {"date", t.value("date", "")},
             {"state", state},
             {"ahead", info.value("ahead", 0)},
             {"est_wait_min", info.value("est_wait_min", 0)},
             {"counter_name", nullptr},
             {"survey_answered", info.value("answered", false)},
             {"survey_open", state == "done" && !info.value("answered", false)}};
    if ((state == "called" || state == "serving") && info.contains("counter") && info["counter"].is_object())
        out["counter_name"] = info["counter"].value("name", "");
    return out;
}

}  // namespace

json loop_reply(const Result<json>& result) {
    if (result) return json{{"ok", true}, {"body", *result}};
    return json{{"ok", false}, {"code", result.error().code}, {"message", result.error().message}};
}

Result<json> parse_loop_reply(const json& reply) {
    if (!reply.is_object() || !reply.contains("ok") || !reply["ok"].is_boolean())
        return make_error("internal_error", "malformed reply from the server loop");
    if (reply["ok"].get<bool>()) return reply.contains("body") ? reply["body"] : json::object();
    return make_error(reply.value("code", "internal_error"), reply.value("message", "error"));
}

struct HttpServer::Impl {
    HttpSettings settings;
    LoopCall loop;
    httplib::Server server;
    std::thread thread;
    int port = 0;
    bool stopped = false;
    std::mutex stop_mutex;

    Throttle token_guesses{kMaxUnknownTokens, kTokenWindowMs};
    Throttle login_failures{kMaxFailedLogins, kLoginWindowMs};
    std::mutex sessions_mutex;
    std::map<std::string, Session> sessions;

    std::mutex report_mutex;  // one connection is never shared between threads at once
    std::optional<server::Database> report_db;

    std::int64_t now() const { return settings.clock(); }

    std::string hall_date() const {
        return server::local_time(now(), settings.config->utc_offset_minutes).date;
    }

    std::optional<Session> session_of(const httplib::Request& req) {
        const std::string id = cookie_value(req, kSessionCookie);
        if (id.empty()) return std::nullopt;
        std::lock_guard lock(sessions_mutex);
        auto it = sessions.find(id);
        if (it == sessions.end()) return std::nullopt;
        if (it->second.expires_ms <= now()) {
            sessions.erase(it);
            return std::nullopt;
        }
        return it->second;
    }

    // Looks a token up through the loop, with the guessing limit. Returns nullopt after it has
    // answered `res` itself (unknown, expired, throttled, busy).
    std::optional<json> ticket_for(const httplib::Request& req, httplib::Response& res, const std::string& token,
                                   bool as_json) {
        const std::string who = req.remote_addr;
        if (token_guesses.blocked(who, now())) {
            if (as_json) {
                res.set_header("Retry-After", "60");
                send_json_error(res, 429, "rate_limited", "Terlalu banyak percobaan. Tunggu satu menit.",
                                "Too many attempts. Wait a minute.");
            } else {
                throttled_page(res);
            }
            return std::nullopt;
        }
        auto unknown = [&] {
            if (token_guesses.note_failure(who, now()))
                log::warn("http", "ticket-token guessing from " + who + ": " + std::to_string(kMaxUnknownTokens) +
                                      " unknown tokens within a minute; its token look-ups are refused for now");
            if (as_json)
                send_json_error(res, 404, "unknown_ticket", "Tiket tidak ditemukan.", "Ticket not found.");
            else
                unknown_ticket_page(res);
        };
        if (!is_token(token)) {
            unknown();
            return std::nullopt;
        }
        auto info = loop(json{{"op", "ticket"}, {"token", token}});
        if (!info) {
            if (info.error().code == "unknown_ticket") {
                unknown();
            } else if (as_json) {
                send_json_error(res, 503, "unavailable", "Server sedang sibuk.", "The server is busy.");
            } else {
                busy_page(res);
            }
            return std::nullopt;
        }
        const std::string date = (*info)["ticket"].value("date", "");
        const std::string today = info->value("today", hall_date());
        if (parse_date(date) && parse_date(today) && days_from_civil(today) - days_from_civil(date) > kTicketPageDays) {
            if (as_json)
                send_json_error(res, 410, "expired", "Tiket sudah tidak berlaku.", "The ticket has expired.");
            else
                expired_ticket_page(res);
            return std::nullopt;
        }
        return *info;
    }

    void serve_asset(httplib::Response& res, const std::string& name) {
        const Asset* a = find_asset(name);
        if (!a) {
            send_page(res, 404, message_page("Halaman tidak ditemukan", "Page not found", "Alamat ini tidak ada.",
                                             "There is no such address."));
            return;
        }
        res.status = 200;
        res.set_content(std::string(a->data), std::string(a->content_type));
    }

    Result<json> report_for(const std::string& from, const std::string& to) {
        std::lock_guard lock(report_mutex);
        if (!report_db) {
            auto db = server::Database::open_read_only(settings.database);
            if (!db) return db.error();
            report_db.emplace(std::move(*db));
        }
        return report::build(*report_db, *settings.config, *settings.catalog, from, to, now());
    }

    // The date range of a report request: both given, or today's date for both.
    Result<DateRange> range_of(const httplib::Request& req) {
        const std::string today = hall_date();
        const std::string from = req.has_param("from") ? req.get_param_value("from") : today;
        const std::string to = req.has_param("to") ? req.get_param_value("to") : from;
        return parse_range(from, to);
    }

    json live_view(const json& snap) {
        const std::int64_t now_ms = snap.value("now", now());
        std::map<std::string, std::int64_t> longest;  // service -> oldest queued_at
        json totals{{"issued", 0}, {"waiting", 0}, {"at_counter", 0}, {"done", 0}, {"no_show", 0}, {"cancelled", 0},
                    {"on_hold", 0}};
        std::map<std::int64_t, json> by_id;
        json oldest = nullptr;
        for (const json& t : snap["tickets"]) {
            by_id[t.value("id", std::int64_t{0})] = t;
            totals["issued"] = totals["issued"].get<int>() + 1;
            const std::string st = t.value("state", "");
            if (st == "waiting" || st == "transferred") {
                totals["waiting"] = totals["waiting"].get<int>() + 1;
                const std::int64_t q = t.value("queued_at", now_ms);
                const std::string svc = t.value("service", "");
                if (!longest.count(svc) || q < longest[svc]) longest[svc] = q;
                if (oldest.is_null() || q < oldest.value("queued_at", now_ms)) oldest = t;
            } else if (st == "called" || st == "serving") {
                totals["at_counter"] = totals["at_counter"].get<int>() + 1;
            } else if (totals.contains(st)) {
                totals[st] = totals[st].get<int>() + 1;
            }
        }
        auto minutes_since = [&](std::int64_t at) { return std::max<std::int64_t>(0, (now_ms - at) / 60000); };
        json services = json::array();
        for (const json& s : snap["services"]) {
            const std::string id = s.value("id", "");
            services.push_back({{"id", id},
                                {"name", s.value("name", id)},
                                {"prefix", s.value("prefix", "")},
                                {"waiting", s.value("waiting", 0)},
                                {"issued_today", s.value("issued_today", 0)},
                                {"est_wait_min", s.value("est_wait_min", 0)},
                                {"counters_open", s.value("counters_open", 0)},
                                {"counters_total", s.value("counters_total", 0)},
                                {"status", s.value("status", "")},
                                {"longest_wait_min", longest.count(id) ? json(minutes_since(longest[id])) : json(nullptr)}});
        }
        json counters = json::array();
        for (const json& c : snap["counters"]) {
            json ticket = nullptr;
            if (c.contains("ticket") && c["ticket"].is_number_integer()) {
                auto it = by_id.find(c["ticket"].get<std::int64_t>());
                if (it != by_id.end())
                    ticket = {{"number", it->second.value("number", "")}, {"state", it->second.value("state", "")}};
            }
            counters.push_back({{"id", c.value("id", "")},
                                {"name", c.value("name", "")},
                                {"state", c.value("state", "closed")},
                                {"officer_name", c.contains("officer_name") ? c["officer_name"] : json(nullptr)},
                                {"pause_reason", c.contains("pause_reason") ? c["pause_reason"] : json(nullptr)},
                                {"ticket", ticket}});
        }
        json out{{"hall", snap["hall"].value("name", "")},
                 {"date", snap.value("date", "")},
                 {"now", now_ms},
                 {"totals", totals},
                 {"services", services},
                 {"counters", counters},
                 {"longest_wait", nullptr}};
        if (!oldest.is_null())
            out["longest_wait"] = {{"number", oldest.value("number", "")},
                                   {"service_name", oldest.value("service_name", oldest.value("service", ""))},
                                   {"minutes", minutes_since(oldest.value("queued_at", now_ms))}};
        return out;
    }

    void routes();
};

void HttpServer::Impl::routes() {
    auto& s = server;
    s.Get("/", [this](const httplib::Request&, httplib::Response& res) { serve_asset(res, "index.html"); });
    s.Get(R"(/static/([A-Za-z0-9_.-]{1,64}))", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string name = req.matches[1];
        if (name.find(".html") != std::string::npos) {  // pages have routes of their own
            serve_asset(res, "");
            return;
        }
        serve_asset(res, name);
    });

    s.Get(R"(/t/([^/]{0,128}))", [this](const httplib::Request& req, httplib::Response& res) {
        if (!ticket_for(req, res, req.matches[1], /*as_json=*/false)) return;
        serve_asset(res, "ticket.html");
    });
    s.Get(R"(/api/t/([^/]{0,128}))", [this](const httplib::Request& req, httplib::Response& res) {
        auto info = ticket_for(req, res, req.matches[1], /*as_json=*/true);
        if (!info) return;
        send_json(res, 200, public_ticket_view(*info, settings.config->hall_name));
    });
    s.Get("/api/skm", [](const httplib::Request&, httplib::Response& res) { send_json(res, 200, skm_json()); });
    s.Post(R"(/api/t/([^/]{0,128})/survey)", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string token = req.matches[1];
        auto survey = parse_survey_body(req.body);
        if (!survey) {
            send_json_error(res, 400, "bad_request", "Jawaban survei tidak lengkap atau tidak sah.",
                            "The survey answers are incomplete or invalid: " + survey.error().message);
            return;
        }
        auto info = ticket_for(req, res, token, /*as_json=*/true);
        if (!info) return;
        auto stored = loop(json{{"op", "survey"}, {"token", token}, {"survey", json::parse(req.body, nullptr, false)}});
        if (stored) {
            send_json(res, 200, json{{"ok", true}});
            return;
        }
        const std::string code = stored.error().code;
        if (code == "survey_answered")
            send_json_error(res, 409, code, "Survei untuk tiket ini sudah diisi.", "This ticket has already been rated.");
        else if (code == "survey_not_done")
            send_json_error(res, 409, code, "Survei dapat diisi setelah pelayanan selesai.",
                            "The survey opens when the service is finished.");
        else if (code == "bad_request")
            send_json_error(res, 400, code, "Jawaban survei tidak sah.", stored.error().message);
        else if (code == "unknown_ticket")
            send_json_error(res, 404, code, "Tiket tidak ditemukan.", "Ticket not found.");
        else
            send_json_error(res, 503, "unavailable", "Server sedang sibuk. Coba lagi.", "The server is busy. Try again.");
    });

    // Supervisor pages.
    s.Get("/admin", [this](const httplib::Request& req, httplib::Response& res) {
        redirect(res, session_of(req) ? "/admin/live" : "/admin/login");
    });
    s.Get("/admin/login", [this](const httplib::Request&, httplib::Response& res) { serve_asset(res, "login.html"); });
    s.Post("/admin/login", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string who = req.remote_addr;
        if (login_failures.blocked(who, now())) {
            redirect(res, "/admin/login?e=throttled");
            return;
        }
        const std::string officer = req.get_param_value("officer");
        const std::string pin = req.get_param_value("pin");
        if (!is_officer_id(officer) || !is_pin(pin)) {
            login_failures.note_failure(who, now());
            redirect(res, "/admin/login?e=invalid");
            return;
        }
        auto ok = loop(json{{"op", "login"}, {"officer", officer}, {"pin", pin}, {"address", who}});
        if (!ok) {
            const std::string code = ok.error().code;
            if (code == "login_failed" || code == "login_locked" || code == "forbidden") {
                if (login_failures.note_failure(who, now()))
                    log::warn("http", "admin login guessing from " + who + ": " + std::to_string(kMaxFailedLogins) +
                                          " failed logins; its logins are refused for now");
            }
            redirect(res, code == "login_failed"   ? "/admin/login?e=wrong"
                          : code == "login_locked" ? "/admin/login?e=locked"
                          : code == "forbidden"    ? "/admin/login?e=forbidden"
                                                   : "/admin/login?e=unavailable");
            return;
        }
        Session session{officer, (*ok)["officer"].value("name", officer), now() + kSessionMs};
        const std::string id = random_hex(32);
        {
            std::lock_guard lock(sessions_mutex);
            for (auto it = sessions.begin(); it != sessions.end();)  // drop expired sessions
                it = it->second.expires_ms <= now() ? sessions.erase(it) : std::next(it);
            sessions[id] = session;
        }
        log::info("http", "admin " + officer + " logged in from " + who);
        res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                         std::to_string(kSessionMs / 1000));
        redirect(res, "/admin/live");
    });
    s.Post("/admin/logout", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string id = cookie_value(req, kSessionCookie);
        {
            std::lock_guard lock(sessions_mutex);
            sessions.erase(id);
        }
        res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        redirect(res, "/admin/login");
    });
    s.Get("/admin/live", [this](const httplib::Request& req, httplib::Response& res) {
        if (!session_of(req)) return redirect(res, "/admin/login");
        serve_asset(res, "live.html");
    });
    s.Get("/api/admin/live", [this](const httplib::Request& req, httplib::Response& res) {
        if (!session_of(req)) {
            send_json_error(res, 401, "login_required", "Silakan masuk.", "Please log in.");
            return;
        }
        auto snap = loop(json{{"op", "snapshot"}});
        if (!snap) {
            send_json_error(res, 503, "unavailable", "Server sedang sibuk.", "The server is busy.");
            return;
        }
        send_json(res, 200, live_view(*snap));
    });
    auto report_route = [this](bool csv) {
        return [this, csv](const httplib::Request& req, httplib::Response& res) {
            if (!session_of(req)) {
                if (csv) send_page(res, 401, message_page("Silakan masuk", "Please log in", "Masuk sebagai admin dahulu.", "Log in as an admin first."));
                else redirect(res, "/admin/login");
                return;
            }
            auto range = range_of(req);
            if (!range) {
                send_page(res, 400, message_page("Tanggal tidak sah", "Invalid dates",
                                                 "Pilih tanggal mulai dan tanggal akhir (paling lama 366 hari).",
                                                 range.error().message));
                return;
            }
            auto built = report_for(range->from, range->to);
            if (!built) {
                log::error("http", "report failed: " + built.error().message);
                busy_page(res);
                return;
            }
            if (csv) {
                res.set_header("Content-Disposition",
                               "attachment; filename=\"laporan-" + range->from + "-" + range->to + ".csv\"");
                res.status = 200;
                res.set_content(report::to_csv(*built), "text/csv; charset=utf-8");
            } else {
                send_page(res, 200, report::to_html(*built, /*controls=*/true));
            }
        };
    };
    s.Get("/admin/report", report_route(false));
    s.Get("/admin/report.csv", report_route(true));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

HttpServer::~HttpServer() { stop(); }

int HttpServer::port() const { return m_impl->port; }

void HttpServer::stop() {
    std::lock_guard lock(m_impl->stop_mutex);
    if (m_impl->stopped) return;
    m_impl->stopped = true;
    m_impl->server.stop();
    if (m_impl->thread.joinable()) m_impl->thread.join();
}

Result<std::unique_ptr<HttpServer>> HttpServer::start(const HttpSettings& settings, LoopCall loop) {
    auto impl = std::make_unique<Impl>();
    impl->settings = settings;
    impl->loop = std::move(loop);
    auto& s = impl->server;
    s.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
    // Phones poll every 2 s: a short keep-alive frees the threads of phones that went away.
    s.set_keep_alive_timeout(2);
    s.set_read_timeout(10);
    s.set_write_timeout(10);
    s.set_payload_max_length(kMaxBodyBytes);
    s.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                           {"X-Frame-Options", "DENY"},
                           {"Referrer-Policy", "no-referrer"},
                           {"Cache-Control", "no-store"},
                           {"Content-Security-Policy",
                            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                            "script-src 'self'; frame-ancestors 'none'; form-action 'self'"}});
    s.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        log::error("http", "error while answering " + req.method + " " + req.path + ": " + what);
        send_page(res, 500, message_page("Terjadi kesalahan", "Something went wrong",
                                         "Silakan coba lagi sebentar lagi.", "Please try again in a moment."));
    });
    s.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (res.status == 413)
            send_page(res, 413, message_page("Data terlalu besar", "Too large", "Kiriman ini terlalu besar.",
                                             "What was sent is too large."));
        else if (res.status == 404)
            send_page(res, 404, message_page("Halaman tidak ditemukan", "Page not found", "Alamat ini tidak ada.",
                                             "There is no such address."));
        else
            send_page(res, res.status, message_page("Permintaan tidak dapat diproses", "Request refused",
                                                    "Periksa alamat lalu coba lagi.", "Check the address and try again."));
        return httplib::Server::HandlerResponse::Handled;
    }));
    impl->routes();
    const std::string& host = settings.bind_address;
    int port = settings.port;
    if (port == 0) {
        port = s.bind_to_any_port(host);
        if (port < 0) return make_error("port_in_use", "cannot serve HTTP on " + host + ": no free port");
    } else if (!s.bind_to_port(host, port)) {
        return make_error("port_in_use", "cannot serve HTTP on " + host + ":" + std::to_string(port) +
                                             ": the port is in use or the address is not on this machine");
    }
    impl->port = port;
    Impl* raw = impl.get();
    impl->thread = std::thread([raw] {
        if (!raw->server.listen_after_bind()) log::error("http", "the HTTP server stopped with an error");
    });
    // stop() only works once the server is listening: wait for it (it is a matter of microseconds).
    for (int i = 0; i < 5000 && !raw->server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    log::info("http", "serving web pages on http://" + host + ":" + std::to_string(port));
    return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

}  // namespace hall::web
