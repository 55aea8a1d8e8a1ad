// The kiosk model on its own, against a fake server and a fake printer that answer only when
// the test says so: the flow from Welcome to a ticket, the refusal reasons, double taps and
// retries (one request number per visitor action), the printer checked before a number is
// issued, a ticket that did not print, the idle return, the grouping and search of services,
// and the requirement checklist. Time is passed in, so nothing here waits.
#include <catch2/catch.hpp>

#include "kiosk/kiosk_model.hpp"
#include "tests/kiosk/kiosk_test_support.hpp"

namespace hall::kiosk::test {

namespace {

using T = Intent::Type;

// Monday 2026-11-23 09:00 at +07:00.
constexpr std::int64_t kMonday = 20780LL * 86400000 + 2LL * 3600000;

constexpr const char* kSka = "disperindag-pasuruan.surat-keterangan-asal";
constexpr const char* kHibah = "setda-pasuruan.bantuan-hibah-tempat-ibadah-lembaga";

Intent intent(T type, std::string text = {}, int index = -1) { return Intent{type, std::move(text), index}; }

struct Fixture {
    const ExampleHall& hall = example_hall();
    FakeBackend backend;
    FakePrinterPort printer;
    std::int64_t now = kMonday;
    int wakes = 0;
    KioskModel model;

    Fixture() : model(KioskModel::settings_from(example_hall().config), example_hall().config, example_hall().catalog,
                      backend, printer, [this] { ++wakes; }) {
        (void)backend.hall.load_snapshot(sample_snapshot(hall.config, hall.catalog, kMonday));
        model.update(now);
    }
    void later(std::int64_t ms) {
        now += ms;
        model.update(now);
    }
    void apply(Intent i) { model.apply(i); }
    // Welcome -> agency -> service -> priority.
    void to_priority(const std::string& service) {
        const Service* s = hall.catalog.find_service(service);
        REQUIRE(s);
        apply(intent(T::open_agency, s->agency_id));
        apply(intent(T::open_service, service));
        REQUIRE(model.screen() == Screen::service);
        apply(intent(T::take_number));
        REQUIRE(model.screen() == Screen::priority);
    }
    void answer_check(PrinterHealth health, std::size_t index = 0) {
        REQUIRE(printer.checks.size() > index);
        printer.checks[index](StatusReport{health, false, "test"});
        model.update(now);
    }
    static nlohmann::json issued(std::int64_t id, const std::string& number, const std::string& service, int ahead) {
        nlohmann::json ticket{{"id", id},          {"number", number},          {"token", "0123456789abcdef0123456789abcdef"},
                              {"service", service}, {"service_name", "x"},       {"priority", "regular"},
                              {"state", "waiting"}, {"issued_at", kMonday + 1000}, {"date", "2026-11-23"}};
        return {{"ticket", ticket}, {"ahead", ahead}, {"est_wait_min", ahead * 5}};
    }
    void answer_issue(const Result<proto::Reply>& reply, std::size_t index = 0) {
        auto posts = backend.of_type(proto::MessageType::issue_ticket);
        REQUIRE(posts.size() > index);
        posts[index]->done(reply);
        model.update(now);
    }
    static Result<proto::Reply> ok(std::int64_t req, nlohmann::json body) {
        return proto::Reply{req, true, std::move(body), "", ""};
    }
    static Result<proto::Reply> refused(std::int64_t req, const std::string& code) {
        return proto::Reply{req, false, nlohmann::json::object(), code, "refused in the test"};
    }
};

}  // namespace

TEST_CASE("the flow goes from Welcome to a printed ticket and back", "[kiosk][model]") {
    Fixture f;
    CHECK(f.model.screen() == Screen::welcome);
    REQUIRE(f.model.agencies().size() == 5);
    CHECK(f.model.agencies()[0].id == "disperindag-pasuruan");
    CHECK(f.model.hall_name() == "Mal Pelayanan Publik Kabupaten Pasuruan");
    REQUIRE(f.model.agency_waiting(f.model.agencies()[0]));

    f.to_priority(kSka);
    f.apply(intent(T::choose_priority, "elderly"));
    CHECK(f.model.busy() == Busy::checking_printer);
    CHECK(f.backend.posted.empty());  // the printer is asked first: no number yet
    f.answer_check(PrinterHealth::ready);
    CHECK(f.model.busy() == Busy::issuing);
    auto posts = f.backend.of_type(proto::MessageType::issue_ticket);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0]->body["service"] == kSka);
    CHECK(posts[0]->body["priority"] == "elderly");
    const std::int64_t req = posts[0]->req;
    CHECK(req > 0);

    f.answer_issue(Fixture::ok(req, Fixture::issued(7, "S-003", kSka, 2)));
    REQUIRE(f.model.screen() == Screen::ticket);
    REQUIRE(f.model.ticket());
    CHECK(f.model.ticket()->number == "S-003");
    CHECK(f.model.ticket()->service_name == "Pengajuan Surat Keterangan Asal (SKA)");
    CHECK(f.model.ticket()->agency_name == "Dinas Perindustrian dan Perdagangan");
    CHECK(f.model.ticket()->ahead == 2);
    CHECK(f.model.ticket()->url == "http://127.0.0.1:8080/t/0123456789abcdef0123456789abcdef");
    CHECK(f.model.print_state() == PrintState::printing);
    REQUIRE(f.printer.prints.size() == 1);
    CHECK(f.printer.prints[0].first.name == "2026-11-23_S-003");
    CHECK(f.printer.prints[0].first.layout.qr_payload == f.model.ticket()->url);

    // While the paper comes out the visitor cannot leave the screen.
    f.apply(intent(T::finish_ticket));
    CHECK(f.model.screen() == Screen::ticket);

    f.printer.prints[0].second(ok_status());
    f.model.update(f.now);
    CHECK(f.model.print_state() == PrintState::printed);
    auto reports = f.backend.of_type(proto::MessageType::report_print);
    REQUIRE(reports.size() == 1);
    CHECK(reports[0]->body == nlohmann::json{{"ticket", 7}, {"printed", true}});
    CHECK(reports[0]->req != req);
    REQUIRE(f.model.ticket_return_countdown());

    f.apply(intent(T::finish_ticket));
    CHECK(f.model.screen() == Screen::welcome);
    CHECK(f.model.ticket() == nullptr);
    CHECK(f.wakes > 0);  // answers woke the UI
}

TEST_CASE("a printed ticket's screen returns to Welcome by itself", "[kiosk][model]") {
    Fixture f;
    f.to_priority(kSka);
    f.apply(intent(T::choose_priority, "regular"));
    f.answer_check(PrinterHealth::ready);
    f.answer_issue(Fixture::ok(f.backend.posted[0].req, Fixture::issued(1, "S-001", kSka, 0)));
    f.printer.prints[0].second(ok_status());
    f.model.update(f.now);
    const int seconds = f.model.settings().ticket_return_seconds;
    f.later(static_cast<std::int64_t>(seconds - 1) * 1000);
    CHECK(f.model.screen() == Screen::ticket);
    CHECK(f.model.ticket_return_countdown() == 1);
    f.later(1000);
    CHECK(f.model.screen() == Screen::welcome);
}

TEST_CASE("a ticket that did not print stays on screen until Selesai and is reported", "[kiosk][model]") {
    Fixture f;
    f.to_priority(kSka);
    f.apply(intent(T::choose_priority, "regular"));
    f.answer_check(PrinterHealth::ready);
    f.answer_issue(Fixture::ok(f.backend.posted[0].req, Fixture::issued(9, "S-004", kSka, 1)));
    f.printer.prints[0].second(make_error("paper_out", "paper ran out"));
    f.model.update(f.now);
    CHECK(f.model.print_state() == PrintState::failed);
    auto reports = f.backend.of_type(proto::MessageType::report_print);
    REQUIRE(reports.size() == 1);
    CHECK(reports[0]->body == nlohmann::json{{"ticket", 9}, {"printed", false}});

    // Far past every idle limit, the number is still on screen.
    f.later(3600 * 1000);
    CHECK(f.model.screen() == Screen::ticket);
    CHECK_FALSE(f.model.idle_countdown());
    CHECK_FALSE(f.model.ticket_return_countdown());
    f.apply(intent(T::finish_ticket));
    CHECK(f.model.screen() == Screen::welcome);
}

TEST_CASE("a double tap makes one request, a retry reuses its request number", "[kiosk][model]") {
    Fixture f;
    f.to_priority(kSka);
    f.apply(intent(T::choose_priority, "regular"));
    f.apply(intent(T::choose_priority, "regular"));  // the second tap of a double tap
    f.apply(intent(T::choose_priority, "elderly"));  // a nervous third one
    CHECK(f.printer.checks.size() == 1);
    f.answer_check(PrinterHealth::ready);
    f.apply(intent(T::choose_priority, "regular"));  // while the server is asked
    REQUIRE(f.backend.of_type(proto::MessageType::issue_ticket).size() == 1);
    const std::int64_t req = f.backend.posted[0].req;

    SECTION("no answer: Coba lagi sends the same request number again") {
        f.answer_issue(make_error("unreachable", "no reply after 3 attempts"));
        REQUIRE(f.model.screen() == Screen::error);
        REQUIRE(f.model.problem());
        CHECK(f.model.problem()->code == "unreachable");
        CHECK(f.model.problem()->retry);
        f.apply(intent(T::retry));
        f.answer_check(PrinterHealth::ready, 1);
        auto posts = f.backend.of_type(proto::MessageType::issue_ticket);
        REQUIRE(posts.size() == 2);
        CHECK(posts[1]->req == req);
        CHECK(posts[1]->body == posts[0]->body);
        f.answer_issue(Fixture::ok(req, Fixture::issued(3, "S-002", kSka, 0)), 1);
        CHECK(f.model.screen() == Screen::ticket);
    }
    SECTION("no answer: choosing the same service and priority again reuses it too") {
        f.answer_issue(make_error("unreachable", "no reply"));
        f.apply(intent(T::back));
        CHECK(f.model.screen() == Screen::service);
        f.apply(intent(T::take_number));
        f.apply(intent(T::choose_priority, "regular"));
        f.answer_check(PrinterHealth::ready, 1);
        CHECK(f.backend.of_type(proto::MessageType::issue_ticket)[1]->req == req);
    }
    SECTION("a different choice is a different action with a new number") {
        f.answer_issue(make_error("unreachable", "no reply"));
        f.apply(intent(T::back));
        f.apply(intent(T::take_number));
        f.apply(intent(T::choose_priority, "pregnant"));
        f.answer_check(PrinterHealth::ready, 1);
        CHECK(f.backend.of_type(proto::MessageType::issue_ticket)[1]->req != req);
    }
    SECTION("after a ticket, the next visitor's action gets a new number") {
        f.answer_issue(Fixture::ok(req, Fixture::issued(3, "S-002", kSka, 0)));
        f.printer.prints[0].second(ok_status());
        f.model.update(f.now);
        f.apply(intent(T::finish_ticket));
        f.to_priority(kSka);
        f.apply(intent(T::choose_priority, "regular"));
        f.answer_check(PrinterHealth::ready, 1);
        CHECK(f.backend.of_type(proto::MessageType::issue_ticket)[1]->req != req);
    }
    SECTION("a late answer to an abandoned action changes nothing") {
        f.answer_issue(make_error("unreachable", "no reply"));
        f.apply(intent(T::home));
        f.backend.of_type(proto::MessageType::issue_ticket)[0]->done(Fixture::ok(req, Fixture::issued(3, "S-002", kSka, 0)));
        f.model.update(f.now);
        CHECK(f.model.screen() == Screen::welcome);
        CHECK(f.model.ticket() == nullptr);
    }
}

TEST_CASE("the printer is checked before a number is issued", "[kiosk][model]") {
    Fixture f;
    f.to_priority(kSka);
    f.apply(intent(T::choose_priority, "regular"));
    SECTION("out of paper: no number, a retry after refilling") {
        f.answer_check(PrinterHealth::paper_out);
        CHECK(f.backend.posted.empty());
        REQUIRE(f.model.screen() == Screen::error);
        CHECK(f.model.problem()->code == "paper_out");
        CHECK(f.model.problem()->retry);
        f.apply(intent(T::retry));
        CHECK(f.model.busy() == Busy::checking_printer);
        f.answer_check(PrinterHealth::ready, 1);
        CHECK(f.backend.of_type(proto::MessageType::issue_ticket).size() == 1);
    }
    SECTION("offline: no number") {
        f.answer_check(PrinterHealth::offline);
        CHECK(f.backend.posted.empty());
        CHECK(f.model.problem()->code == "printer_offline");
    }
    SECTION("a printer that does not answer status requests does not stop the visitor") {
        f.answer_check(PrinterHealth::unknown);
        CHECK(f.backend.of_type(proto::MessageType::issue_ticket).size() == 1);
    }
}

TEST_CASE("refusals are explained with the service's status", "[kiosk][model]") {
    Fixture f;
    const Service* s = f.hall.catalog.find_service(kSka);
    REQUIRE(s);
    f.apply(intent(T::open_agency, s->agency_id));
    f.apply(intent(T::open_service, kSka));
    CHECK_FALSE(f.model.current_block());

    SECTION("closed, break, holiday and quota block the button, each with its reason") {
        struct Case {
            const char* status;
            const char* detail;
            const char* reason;
        };
        for (const Case& c : {Case{"closed", "08:00-15:00", "closed"}, Case{"closed", "", "closed_day"},
                              Case{"break", "Istirahat 12:00-13:00", "break"}, Case{"holiday", "Hari Raya Natal", "holiday"},
                              Case{"quota_reached", "08:00-15:00", "quota"}}) {
            CAPTURE(c.status, c.detail);
            f.backend.set_status(kSka, c.status, c.detail);
            f.model.update(f.now);
            const TakeBlock block = f.model.current_block();
            CHECK(block.reason == c.reason);
            f.apply(intent(T::take_number));
            CHECK(f.model.screen() == Screen::service);
        }
        CHECK(f.model.current_block().detail == "30");  // the SKA's quota in the example hall
    }
    SECTION("the server unreachable blocks it too") {
        f.backend.is_connected = false;
        f.model.update(f.now);
        CHECK(f.model.current_block().reason == "offline");
    }
    SECTION("a refusal from the server ends on the error screen, without retry") {
        f.apply(intent(T::take_number));
        f.apply(intent(T::choose_priority, "regular"));
        f.answer_check(PrinterHealth::ready);
        f.answer_issue(Fixture::refused(f.backend.posted[0].req, "quota_reached"));
        REQUIRE(f.model.screen() == Screen::error);
        CHECK(f.model.problem()->code == "quota_reached");
        CHECK_FALSE(f.model.problem()->retry);
        CHECK(f.model.problem()->service_id == kSka);
        f.apply(intent(T::back));
        CHECK(f.model.screen() == Screen::service);
    }
    SECTION("a status that changed while the visitor chose is caught before asking") {
        f.apply(intent(T::take_number));
        f.backend.set_status(kSka, "break", "Sholat Jumat 11:00-13:00");
        f.model.update(f.now);
        f.apply(intent(T::choose_priority, "regular"));
        CHECK(f.printer.checks.empty());
        CHECK(f.model.problem()->code == "on_break");
    }
    SECTION("an unexpected server error (a failing disk) may be retried, and nothing is printed") {
        f.apply(intent(T::take_number));
        f.apply(intent(T::choose_priority, "regular"));
        f.answer_check(PrinterHealth::ready);
        f.answer_issue(Fixture::refused(f.backend.posted[0].req, "storage_error"));
        CHECK(f.model.problem()->code == "other");
        CHECK(f.model.problem()->detail == "storage_error");
        CHECK(f.model.problem()->retry);
        CHECK(f.printer.prints.empty());
        CHECK_FALSE(f.model.ticket());
    }
}

TEST_CASE("an idle kiosk counts down, then returns to Welcome", "[kiosk][model]") {
    Fixture f;
    const std::int64_t idle = f.model.settings().idle_seconds * 1000LL;
    const int countdown = f.model.settings().countdown_seconds;
    f.apply(intent(T::set_language, "en"));
    f.apply(intent(T::toggle_text_size));
    f.apply(intent(T::open_agency, "setda-pasuruan"));
    f.apply(intent(T::open_service, kHibah));
    f.apply(intent(T::toggle_requirement, {}, 0));
    CHECK(f.model.checked_count() == 1);

    f.later(idle - 1);
    CHECK_FALSE(f.model.idle_countdown());
    f.later(1);
    REQUIRE(f.model.idle_countdown());
    CHECK(*f.model.idle_countdown() == countdown);
    f.later(1000);
    CHECK(*f.model.idle_countdown() == countdown - 1);

    SECTION("a touch keeps the visitor's place") {
        f.apply(intent(T::touch));
        f.model.update(f.now);
        CHECK_FALSE(f.model.idle_countdown());
        CHECK(f.model.screen() == Screen::service);
        CHECK(f.model.checked_count() == 1);
    }
    SECTION("at the end of the countdown everything starts over") {
        f.later(static_cast<std::int64_t>(countdown - 1) * 1000);
        CHECK(f.model.screen() == Screen::welcome);
        CHECK(f.model.lang() == Lang::id);
        CHECK(f.model.text_size() == TextSize::normal);
        CHECK(f.model.current_service() == nullptr);
        CHECK_FALSE(f.model.idle_countdown());
    }
}

TEST_CASE("the model says when the clock alone will change the screen", "[kiosk][model]") {
    Fixture f;
    const std::int64_t idle = f.model.settings().idle_seconds * 1000LL;
    CHECK_FALSE(f.model.next_timer_ms());  // Welcome in the hall's language: nothing to count
    f.apply(intent(T::open_agency, "setda-pasuruan"));
    REQUIRE(f.model.next_timer_ms());
    CHECK(*f.model.next_timer_ms() == f.now + idle);  // the countdown begins then
    f.later(idle + 300);
    REQUIRE(f.model.idle_countdown());
    CHECK(*f.model.next_timer_ms() == f.now + 700);  // its next second
    f.apply(intent(T::home));
    f.apply(intent(T::set_language, "en"));
    CHECK(*f.model.next_timer_ms() == f.now + idle);  // English goes back to Indonesian then
}

TEST_CASE("no idle return while a number is being taken", "[kiosk][model]") {
    Fixture f;
    f.to_priority(kSka);
    f.apply(intent(T::choose_priority, "regular"));
    f.later(3600 * 1000);
    CHECK(f.model.busy() == Busy::checking_printer);
    CHECK(f.model.screen() == Screen::priority);
    CHECK_FALSE(f.model.idle_countdown());
    f.apply(intent(T::home));  // navigation waits for the answer
    CHECK(f.model.screen() == Screen::priority);
}

TEST_CASE("the Sekretariat Daerah's services are grouped by Bagian, general ones first", "[kiosk][model]") {
    Fixture f;
    f.apply(intent(T::open_agency, "setda-pasuruan"));
    const std::vector<ServiceGroup> groups = f.model.service_groups();
    REQUIRE(groups.size() >= 2);
    CHECK(groups[0].general);
    CHECK(groups[0].title.empty());
    REQUIRE(groups[0].services.size() == 4);  // services I-IV have no Bagian
    CHECK(groups[0].services[0]->name == "Sosialisasi");
    CHECK(groups[1].title == "Bagian Hukum");
    int total = 0;
    for (const ServiceGroup& g : groups) {
        CHECK_FALSE(g.services.empty());
        if (!g.general) CHECK(g.title.rfind("Bagian ", 0) == 0);
        total += static_cast<int>(g.services.size());
    }
    CHECK(total == 43);

    SECTION("an agency without groups has one untitled group") {
        f.apply(intent(T::home));
        f.apply(intent(T::open_agency, "disperindag-pasuruan"));
        const std::vector<ServiceGroup> plain = f.model.service_groups();
        REQUIRE(plain.size() == 1);
        CHECK_FALSE(plain[0].general);
        CHECK(plain[0].title.empty());
        CHECK(plain[0].services.size() == 11);
    }
    SECTION("the keyword search filters by name and Bagian, typed on the on-screen keyboard") {
        f.apply(intent(T::open_keyboard));
        CHECK(f.model.keyboard_open());
        for (char c : std::string("HIBAH")) f.apply(intent(T::type_text, std::string(1, c)));
        CHECK(f.model.search() == "HIBAH");
        std::vector<ServiceGroup> found = f.model.service_groups();
        REQUIRE(found.size() == 1);
        CHECK(found[0].title == "Bagian Kesejahteraan Rakyat");
        CHECK(found[0].services[0]->id == kHibah);
        CHECK(f.model.matching_services() == 1);

        f.apply(intent(T::clear_search));
        f.apply(intent(T::type_text, "bagian hukum"));
        CHECK(f.model.matching_services() == 5);
        f.apply(intent(T::backspace));
        CHECK(f.model.search() == "bagian huku");
        f.apply(intent(T::clear_search));
        f.apply(intent(T::type_text, "zzz"));
        CHECK(f.model.matching_services() == 0);
        CHECK(f.model.service_groups().empty());
        f.apply(intent(T::close_keyboard));
        CHECK_FALSE(f.model.keyboard_open());
    }
}

TEST_CASE("the requirements are a numbered checklist the visitor ticks", "[kiosk][model]") {
    Fixture f;
    f.apply(intent(T::open_agency, "setda-pasuruan"));
    f.apply(intent(T::open_service, kHibah));
    const std::vector<ContentLine>& items = f.model.requirements();
    REQUIRE(items.size() == 32);
    CHECK(items[0].label == "1.");
    CHECK(items[0].checkable);
    CHECK(items[1].label == "2.");
    CHECK_FALSE(items[1].checkable);  // "... paling sedikit memuat :" only introduces its items
    CHECK(items[2].depth == 1);
    CHECK(f.model.checkable_count() == 27);

    f.apply(intent(T::toggle_requirement, {}, 0));
    f.apply(intent(T::toggle_requirement, {}, 2));
    f.apply(intent(T::toggle_requirement, {}, 1));  // a heading: nothing happens
    CHECK(f.model.checked_count() == 2);
    CHECK(f.model.requirement_checked(0));
    CHECK_FALSE(f.model.requirement_checked(1));
    f.apply(intent(T::toggle_requirement, {}, 0));
    CHECK(f.model.checked_count() == 1);
    f.apply(intent(T::toggle_requirement, {}, 999));
    CHECK(f.model.checked_count() == 1);

    // Going to the priority screen and back keeps the ticks; another service starts afresh.
    f.apply(intent(T::take_number));
    f.apply(intent(T::back));
    CHECK(f.model.checked_count() == 1);
    f.apply(intent(T::back));
    f.apply(intent(T::open_service, "setda-pasuruan.konsultasi"));
    CHECK(f.model.checked_count() == 0);
    REQUIRE(f.model.requirements().size() == 1);
    CHECK(f.model.requirements()[0].label == "1.");  // a lone unlabelled requirement is numbered too
}

TEST_CASE("content flattens with its labels and depths", "[kiosk][model]") {
    Content content{ContentNode{"", "Satu paragraf.", {}}};
    std::vector<ContentLine> lines = flatten_content(content, false);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].label.empty());

    content = {ContentNode{"a.", "Pertama:", {ContentNode{"-", "anak", {}}, ContentNode{"", "anak dua", {}}}},
               ContentNode{"", "Kedua", {}}};
    lines = flatten_content(content, true);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].label == "a.");
    CHECK_FALSE(lines[0].checkable);
    CHECK(lines[1].label == "\u2022");
    CHECK(lines[1].depth == 1);
    CHECK(lines[2].label == "\u2022");
    CHECK(lines[3].label == "2.");
    CHECK(lines[3].checkable);
}

TEST_CASE("language and text size toggle on every screen", "[kiosk][model]") {
    Fixture f;
    CHECK(f.model.lang() == Lang::id);
    f.apply(intent(T::set_language, "en"));
    CHECK(f.model.lang() == Lang::en);
    f.apply(intent(T::toggle_text_size));
    CHECK(f.model.text_size() == TextSize::large);
    f.to_priority(kSka);
    f.apply(intent(T::set_language, "id"));
    CHECK(f.model.lang() == Lang::id);
    f.apply(intent(T::toggle_text_size));
    CHECK(f.model.text_size() == TextSize::normal);
}

TEST_CASE("without a server the kiosk still shows its content and says why it cannot issue", "[kiosk][model]") {
    Fixture f;
    f.backend.is_connected = false;
    f.backend.hall = HallState{};
    ++f.backend.changes;
    f.model.update(f.now);
    CHECK_FALSE(f.model.connected());
    CHECK_FALSE(f.model.agency_waiting(f.model.agencies()[0]));
    f.apply(intent(T::open_agency, "disperindag-pasuruan"));
    f.apply(intent(T::open_service, kSka));
    CHECK(f.model.screen() == Screen::service);
    CHECK(f.model.requirements().size() == 12);
    CHECK(f.model.current_block().reason == "offline");
}

}  // namespace hall::kiosk::test
