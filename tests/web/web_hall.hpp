// A real queue server for the web tests (TestHall) with the clients a hall has: a kiosk that
// issues tickets, a counter that calls and finishes them, an admin key, and an HTTP client on
// the server's ephemeral HTTP port.
#pragma once
#include <memory>
#include <string>

#include <httplib.h>

#include "tests/server/test_hall.hpp"

namespace hall::test {

constexpr const char* kServiceSatu = "contoh-dinas.layanan-satu";
constexpr const char* kServiceDua = "contoh-dinas.layanan-dua";
constexpr const char* kHallDate = "2026-11-23";  // TestHall's Monday

inline nlohmann::json all_answers(int value) {
    return nlohmann::json{{"answers", nlohmann::json::array({value, value, value, value, value, value, value, value, value})}};
}

class WebHall {
public:
    WebHall()
        : kiosk(hall.options("kiosk-1")), counter(hall.options("counter-1")), admin(hall.options("admin-1")) {}

    std::unique_ptr<httplib::Client> http() const {
        auto c = std::make_unique<httplib::Client>("127.0.0.1", hall.http_port());
        c->set_connection_timeout(5);
        c->set_read_timeout(15);
        return c;
    }

    // Issues a ticket as a kiosk does; returns the reply body ("ticket" has the token).
    nlohmann::json issue(const std::string& service = kServiceSatu) {
        auto r = kiosk.call(proto::MessageType::issue_ticket, {{"service", service}});
        if (!r || !r->ok) throw std::runtime_error("issue failed");
        return r->body;
    }

    // Adds an officer with `role` ("officer" or "admin"); the role is set the way the command
    // line sets it, in the database.
    void add_officer(const std::string& id, const std::string& pin, const std::string& role = "officer") {
        auto r = admin.call(proto::MessageType::officer_add, {{"officer", id}, {"name", "Petugas " + id}, {"pin", pin}});
        if (!r || !r->ok) throw std::runtime_error("officer_add failed");
        if (role != "officer") {
            auto db = server::Database::open(hall.data_dir() / server::kDatabaseFile);
            if (!db) throw std::runtime_error(db.error().message);
            server::Statement q(*db, "UPDATE officers SET role = ?2 WHERE id = ?1");
            q.bind(1, id).bind(2, role);
            if (!q.run()) throw std::runtime_error(q.error());
        }
    }

    void open_counter(const std::string& officer = "budi", const std::string& counter_id = "loket-1") {
        add_officer(officer, "123456");
        auto r = counter.call(proto::MessageType::login, {{"officer", officer}, {"pin", "123456"}, {"counter", counter_id}});
        if (!r || !r->ok) throw std::runtime_error("login failed");
    }

    bool counter_does(proto::MessageType type, const std::string& counter_id = "loket-1") {
        auto r = counter.call(type, {{"counter", counter_id}});
        return r && r->ok;
    }

    // Calls, serves and finishes the next ticket at the counter.
    void serve_next(const std::string& counter_id = "loket-1") {
        if (!counter_does(proto::MessageType::call_next, counter_id) ||
            !counter_does(proto::MessageType::start_serving, counter_id) ||
            !counter_does(proto::MessageType::finish, counter_id))
            throw std::runtime_error("serving failed");
    }

    // Logs in to the supervisor's pages; returns the session cookie ("hall_admin=...") or "".
    std::string admin_cookie(const std::string& officer, const std::string& pin, std::string* set_cookie = nullptr) {
        auto r = http()->Post("/admin/login", "officer=" + officer + "&pin=" + pin, "application/x-www-form-urlencoded");
        if (!r || r->status != 303) return {};
        const std::string header = r->get_header_value("Set-Cookie");
        if (set_cookie) *set_cookie = header;
        const auto end = header.find(';');
        return header.substr(0, end);
    }

    TestHall hall;
    RequestClient kiosk;
    RequestClient counter;
    RequestClient admin;
};

}  // namespace hall::test
