// The printer sinks against a fake network printer on 127.0.0.1 (status answers on demand), a
// device path, and a folder; and the worker thread that keeps them off the UI thread.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <fstream>

#include "kiosk/printer.hpp"
#include "kiosk/ticket_png.hpp"
#include "tests/kiosk/kiosk_test_support.hpp"

namespace hall::kiosk::test {

namespace {

PrintJob a_job() {
    register_strings();
    IssuedTicket t = sample_ticket("http://10.0.0.2:8080", 20780LL * 86400000 + 2LL * 3600000);
    PrintJob job;
    job.layout = ticket_layout(t, "Mal Uji", 7 * 60, 576, Lang::id);
    job.name = "2026-11-23_" + t.number;
    return job;
}

// Short timeouts: a test against a dead port should not take long.
SinkTimeouts quick() { return SinkTimeouts{800, 500, 2000}; }

// A closed port on 127.0.0.1 (bound, then released).
int closed_port() {
    FakePrinter probe;
    return probe.port();
}

}  // namespace

TEST_CASE("a network printer is asked for its status before a number is issued", "[kiosk][printer]") {
    FakePrinter printer;
    auto sink = make_network_sink("127.0.0.1", printer.port(), EscposOptions{}, quick());
    CHECK(sink->check().health == PrinterHealth::ready);
    printer.paper_out = true;
    CHECK(sink->check().health == PrinterHealth::paper_out);
    printer.paper_out = false;
    printer.offline = true;
    const StatusReport offline = sink->check();
    CHECK(offline.health == PrinterHealth::offline);
    CHECK(offline.detail.find("cover open") != std::string::npos);
    printer.offline = false;
    printer.silent = true;
    CHECK(sink->check().health == PrinterHealth::unknown);
    // Every check asked DLE EOT on its own connection, and printed nothing.
    for (const std::string& bytes : printer.connections()) {
        const DecodedTicket d = decode_escpos(bytes);
        CHECK_FALSE(d.initialised);
        CHECK_FALSE(d.status_requests.empty());
    }
}

TEST_CASE("a network printer that is not there is offline, quickly", "[kiosk][printer]") {
    auto sink = make_network_sink("127.0.0.1", closed_port(), EscposOptions{}, quick());
    const StatusReport report = sink->check();
    CHECK(report.health == PrinterHealth::offline);
    Status printed = sink->print(a_job());
    REQUIRE_FALSE(printed);
    CHECK(printed.error().code == "printer_offline");
}

TEST_CASE("a ticket printed on the network printer decodes back to the ticket", "[kiosk][printer]") {
    FakePrinter printer;
    auto sink = make_network_sink("127.0.0.1", printer.port(), EscposOptions{576, QrMode::native, 0}, quick());
    const PrintJob job = a_job();
    REQUIRE(sink->print(job));
    // The connection closes after the job; wait (generously) for the fake to have read it all.
    for (int i = 0; i < 500 && (printer.jobs().empty() || !decode_escpos(printer.jobs().back()).cut); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(printer.jobs().size() == 1);
    const DecodedTicket d = decode_escpos(printer.jobs()[0]);
    CHECK(d.error.empty());
    CHECK(d.cut);
    REQUIRE(d.qr_stored.size() == 1);
    CHECK(d.qr_stored[0] == job.layout.qr_payload);
    CHECK(d.find("S-014"));
    CHECK(d.status_requests.size() >= 3);  // asked before and after the ticket

    SECTION("paper that runs out during the ticket fails it") {
        printer.paper_out_after_job = true;
        Status again = sink->print(job);
        REQUIRE_FALSE(again);
        CHECK(again.error().code == "paper_out");
    }
    SECTION("paper out before the ticket sends nothing") {
        printer.paper_out = true;
        Status refused = sink->print(job);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == "paper_out");
        CHECK(printer.jobs().size() == 1);
    }
}

TEST_CASE("a device sink writes the bytes to its file and reads no status from a plain file", "[kiosk][printer]") {
    TempDir temp;
    const fs::path device = temp.path() / "lp0";
    { std::ofstream create(device); }
    auto sink = make_device_sink(device, EscposOptions{384, QrMode::raster, 0}, quick());
    CHECK(sink->check().health == PrinterHealth::unknown);
    REQUIRE(sink->print(a_job()));
    std::ifstream in(device, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const DecodedTicket d = decode_escpos(bytes);
    CHECK(d.error.empty());
    CHECK(d.rasters.size() == 1);
    CHECK(d.cut);

    auto missing = make_device_sink(temp.path() / "no-such-printer", EscposOptions{}, quick());
    CHECK(missing->check().health == PrinterHealth::offline);
    CHECK(missing->print(a_job()).error().code == "printer_offline");
}

TEST_CASE("a file sink keeps the ESC/POS bytes and a PNG preview", "[kiosk][printer]") {
    TempDir temp;
    auto fonts = TicketFonts::load();
    REQUIRE(fonts);
    PrinterConfig config;
    config.sink = PrinterSink::file;
    config.path = "tickets";
    auto sink = make_sink(config, temp.path(), EscposOptions{}, *fonts);
    CHECK(sink->check().health == PrinterHealth::ready);
    const PrintJob job = a_job();
    REQUIRE(sink->print(job));
    const fs::path bin = temp.path() / "tickets" / (job.name + ".bin");
    const fs::path png = temp.path() / "tickets" / (job.name + ".png");
    REQUIRE(fs::exists(bin));
    REQUIRE(fs::exists(png));
    CHECK(zbar_decode(png) == job.layout.qr_payload);

    config.sink = PrinterSink::none;
    auto none = make_sink(config, temp.path(), EscposOptions{}, nullptr);
    CHECK(none->check().health == PrinterHealth::ready);
    CHECK(none->print(job).error().code == "no_printer");
}

TEST_CASE("the printer worker answers on its own thread, in order", "[kiosk][printer]") {
    FakePrinter printer;
    printer.paper_out = true;
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<std::string> answers;
    {
        PrinterWorker worker(make_network_sink("127.0.0.1", printer.port(), EscposOptions{}, quick()));
        worker.check([&](StatusReport r) {
            std::lock_guard lock(mutex);
            answers.push_back(r.health == PrinterHealth::paper_out ? "paper_out" : "other");
            cv.notify_all();
        });
        worker.print(a_job(), [&](Status s) {
            std::lock_guard lock(mutex);
            answers.push_back(s ? "printed" : s.error().code);
            cv.notify_all();
        });
        std::unique_lock lock(mutex);
        REQUIRE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return answers.size() == 2; }));
    }
    CHECK(answers == std::vector<std::string>{"paper_out", "paper_out"});
}

}  // namespace hall::kiosk::test
