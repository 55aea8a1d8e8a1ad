// End to end: the kiosk model against a real queue server (TestHall) and a fake network
// printer. A visitor's ticket is issued, printed (the printer's bytes decode to the number and
// the ticket's QR link), reported, and then shows in a snapshot and in `hallctl status`; a
// double tap makes one ticket; paper out stops a number from being issued; a ticket whose paper
// did not come out is reported so; a quota is explained.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

#include "common/request_client.hpp"
#include "kiosk/kiosk_model.hpp"
#include "tests/kiosk/kiosk_test_support.hpp"
#include "tests/server/test_hall.hpp"

namespace hall::kiosk::test {

namespace {

using T = Intent::Type;
using Clock = std::chrono::steady_clock;

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Kiosk {
    hall::test::TestHall& hall;
    HallConfig config;
    Catalog catalog;
    FakePrinter device;
    LinkBackend backend;
    PrinterWorker printer;
    std::unique_ptr<KioskModel> model;

    explicit Kiosk(hall::test::TestHall& h, const std::string& extra = "")
        : hall(h),
          backend(h.options("kiosk-1")),
          printer(make_network_sink("127.0.0.1", device.port(), EscposOptions{}, SinkTimeouts{1500, 1000, 5000})) {
        register_strings();
        auto parsed = parse_hall_config(hall::test::fixture_config_toml(extra), "test.toml",
                                        hall::test::source_dir() / "tests/fixtures", &catalog);
        if (!parsed) throw std::runtime_error(parsed.error().message);
        config = *parsed;
        config.server.public_url = "http://192.168.1.10:8080";
        model = std::make_unique<KioskModel>(KioskModel::settings_from(config), config, catalog, backend, printer);
        backend.start({});
        REQUIRE(pump([&] { return model->connected() && model->hall().loaded(); }));
    }
    ~Kiosk() { backend.stop(); }

    // Runs the model's loop until `done` holds; false after a generous minute.
    template <class Done>
    bool pump(Done done) {
        const auto deadline = Clock::now() + std::chrono::seconds(60);
        while (Clock::now() < deadline) {
            model->update(now_ms());
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    }
    void apply(T type, std::string text = {}) { model->apply(Intent{type, std::move(text), -1}); }
    void to_priority(const std::string& service) {
        apply(T::open_agency, "contoh-dinas");
        apply(T::open_service, service);
        apply(T::take_number);
        REQUIRE(model->screen() == Screen::priority);
    }
    // Takes a number for `service` and waits until its paper is done (printed or not).
    void take(const std::string& service, const std::string& priority = "regular") {
        to_priority(service);
        apply(T::choose_priority, priority);
        REQUIRE(pump([&] {
            return model->busy() == Busy::none &&
                   (model->screen() != Screen::ticket || model->print_state() != PrintState::printing);
        }));
    }
    nlohmann::json snapshot() {
        RequestClient admin(hall.options("admin-1"));
        Result<proto::Reply> reply = admin.call(proto::MessageType::snapshot);
        REQUIRE(reply);
        REQUIRE(reply->ok);
        return reply->body;
    }
    // Today's tickets on the server.
    nlohmann::json tickets() { return snapshot()["tickets"]; }
    // Waits until the server's ticket `number` has its `printed` field set.
    nlohmann::json printed_ticket(const std::string& number) {
        nlohmann::json found;
        const auto deadline = Clock::now() + std::chrono::seconds(60);
        while (Clock::now() < deadline) {
            model->update(now_ms());
            for (const nlohmann::json& t : tickets())
                if (t["number"] == number && t.contains("printed") && !t["printed"].is_null()) return t;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return found;
    }
};

std::string run(const std::string& command) {
    std::FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return {};
    std::string out;
    char buffer[1024];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    ::pclose(pipe);
    return out;
}

}  // namespace

TEST_CASE("a visitor's ticket is issued, printed, reported and shown by hallctl", "[kiosk][e2e]") {
    hall::test::TestHall hall;
    Kiosk kiosk(hall);
    CHECK(kiosk.model->agency_waiting(kiosk.model->agencies().at(0)) == 0);
    kiosk.take("contoh-dinas.layanan-satu", "elderly");
    REQUIRE(kiosk.model->screen() == Screen::ticket);
    CHECK(kiosk.model->print_state() == PrintState::printed);
    const IssuedTicket ticket = *kiosk.model->ticket();
    CHECK(ticket.number == "A-001");
    CHECK(ticket.priority == "elderly");
    CHECK(ticket.service_name == "Layanan Satu");
    CHECK(ticket.url.rfind("http://192.168.1.10:8080/t/", 0) == 0);
    CHECK(ticket.url.size() == std::string("http://192.168.1.10:8080/t/").size() + 32);

    // The printer got the ticket: the number and the QR link.
    REQUIRE(kiosk.device.jobs().size() == 1);
    const DecodedTicket paper = decode_escpos(kiosk.device.jobs()[0]);
    CHECK(paper.error.empty());
    CHECK(paper.find("A-001"));
    CHECK(paper.find("Mal Uji"));
    REQUIRE(paper.qr_stored.size() == 1);
    CHECK(paper.qr_stored[0] == ticket.url);

    // The server has it, printed, and hallctl shows it.
    const nlohmann::json on_server = kiosk.printed_ticket("A-001");
    REQUIRE(on_server.is_object());
    CHECK(on_server["printed"] == true);
    CHECK(on_server["priority"] == "elderly");
    CHECK(ticket.url.substr(ticket.url.size() - 32) == on_server["token"].get<std::string>());
    const std::string status =
        run(std::string(HALL_BIN_DIR) + "/hallctl --server 127.0.0.1:" + std::to_string(hall.request_port()) +
            " --keys '" + hall.key_dir("admin-1").string() + "' status 2>&1");
    CHECK(status.find("A-001") != std::string::npos);

    // The waiting count on Welcome follows.
    CHECK(kiosk.pump([&] { return kiosk.model->agency_waiting(kiosk.model->agencies().at(0)) == 1; }));
    kiosk.apply(T::finish_ticket);
    CHECK(kiosk.model->screen() == Screen::welcome);
}

TEST_CASE("a double tap and a retried request make one ticket on the server", "[kiosk][e2e]") {
    hall::test::TestHall hall;
    Kiosk kiosk(hall);
    kiosk.to_priority("contoh-dinas.layanan-satu");
    kiosk.apply(T::choose_priority, "regular");
    kiosk.apply(T::choose_priority, "regular");
    REQUIRE(kiosk.pump([&] { return kiosk.model->screen() == Screen::ticket && kiosk.model->print_state() != PrintState::printing; }));
    CHECK(kiosk.tickets().size() == 1);

    // The same request number sent twice (a retry after a lost reply) returns the same ticket.
    const std::int64_t req = kiosk.backend.reserve_request_number();
    Result<proto::Reply> first = make_error("unreachable", "not yet");
    Result<proto::Reply> second = make_error("unreachable", "not yet");
    std::atomic<int> answered{0};
    const nlohmann::json body{{"service", "contoh-dinas.layanan-dua"}, {"priority", "regular"}};
    kiosk.backend.post(proto::MessageType::issue_ticket, body, [&](const Result<proto::Reply>& r) { first = r; ++answered; }, req);
    kiosk.backend.post(proto::MessageType::issue_ticket, body, [&](const Result<proto::Reply>& r) { second = r; ++answered; }, req);
    REQUIRE(kiosk.pump([&] { return answered == 2; }));
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->body["ticket"]["number"] == second->body["ticket"]["number"]);
    CHECK(kiosk.tickets().size() == 2);
}

TEST_CASE("paper out stops the number before it is issued", "[kiosk][e2e]") {
    hall::test::TestHall hall;
    Kiosk kiosk(hall);
    kiosk.device.paper_out = true;
    kiosk.take("contoh-dinas.layanan-satu");
    REQUIRE(kiosk.model->screen() == Screen::error);
    CHECK(kiosk.model->problem()->code == "paper_out");
    CHECK(kiosk.tickets().empty());

    // Paper refilled: "Coba lagi" issues the number.
    kiosk.device.paper_out = false;
    kiosk.apply(T::retry);
    REQUIRE(kiosk.pump([&] { return kiosk.model->screen() == Screen::ticket && kiosk.model->print_state() != PrintState::printing; }));
    CHECK(kiosk.model->print_state() == PrintState::printed);
    CHECK(kiosk.tickets().size() == 1);
}

TEST_CASE("a ticket whose paper did not come out stays on screen and is reported", "[kiosk][e2e]") {
    hall::test::TestHall hall;
    Kiosk kiosk(hall);
    kiosk.device.paper_out_after_job = true;
    kiosk.take("contoh-dinas.layanan-dua");
    REQUIRE(kiosk.model->screen() == Screen::ticket);
    CHECK(kiosk.model->print_state() == PrintState::failed);
    const std::string number = kiosk.model->ticket()->number;
    const nlohmann::json on_server = kiosk.printed_ticket(number);
    REQUIRE(on_server.is_object());
    CHECK(on_server["printed"] == false);
    // Long after the idle time the number is still there for the visitor.
    kiosk.model->update(now_ms() + 3600 * 1000);
    CHECK(kiosk.model->screen() == Screen::ticket);
}

TEST_CASE("a used-up quota is explained, and no number is taken", "[kiosk][e2e]") {
    hall::test::TestHall hall("\n[[agency.service]]\nid = \"contoh-dinas.layanan-dua\"\ndaily_quota = 1\n");
    Kiosk kiosk(hall, "\n[[agency.service]]\nid = \"contoh-dinas.layanan-dua\"\ndaily_quota = 1\n");
    kiosk.take("contoh-dinas.layanan-dua");
    REQUIRE(kiosk.model->screen() == Screen::ticket);
    kiosk.apply(T::finish_ticket);
    kiosk.apply(T::open_agency, "contoh-dinas");
    kiosk.apply(T::open_service, "contoh-dinas.layanan-dua");
    REQUIRE(kiosk.pump([&] { return kiosk.model->current_block().reason == "quota"; }));
    CHECK(kiosk.model->current_block().detail == "1");
    kiosk.apply(T::take_number);
    CHECK(kiosk.model->screen() == Screen::service);
    CHECK(kiosk.tickets().size() == 1);
}

TEST_CASE("with the server gone the kiosk says so and keeps its content", "[kiosk][e2e]") {
    hall::test::TestHall hall;
    Kiosk kiosk(hall);
    hall.stop();
    REQUIRE(kiosk.pump([&] { return !kiosk.model->connected(); }));
    kiosk.apply(T::open_agency, "contoh-dinas");
    kiosk.apply(T::open_service, "contoh-dinas.layanan-satu");
    CHECK(kiosk.model->current_block().reason == "offline");
    CHECK_FALSE(kiosk.model->requirements().empty());
    hall.start();
    CHECK(kiosk.pump([&] { return kiosk.model->connected(); }));
    CHECK_FALSE(kiosk.model->current_block());
}

}  // namespace hall::kiosk::test
