// The paper ticket: its layout, the ESC/POS bytes read back by a decoder (text, sizes, the QR
// payload, native and raster, the cut) on 80 and 58 mm paper, the status bytes, and the PNG
// preview whose QR code zbarimg must read back as the ticket's URL.
#include <catch2/catch.hpp>

#include <fstream>

#include "kiosk/escpos.hpp"
#include "kiosk/qr_code.hpp"
#include "kiosk/ticket.hpp"
#include "kiosk/ticket_png.hpp"
#include "tests/kiosk/kiosk_test_support.hpp"

namespace hall::kiosk::test {

namespace {

constexpr std::int64_t kMonday = 20780LL * 86400000 + 2LL * 3600000 + 5 * 60000;  // 09:05 local

IssuedTicket a_ticket() {
    IssuedTicket t;
    t.id = 42;
    t.number = "C-014";
    t.token = "9f1c2e3d4b5a69788796a5b4c3d2e1f0";
    t.service_id = "setda-pasuruan.konsultasi";
    t.service_name = "Konsultasi";
    t.agency_name = "Sekretariat Daerah";
    t.priority = "elderly";
    t.issued_at_ms = kMonday;
    t.ahead = 3;
    t.est_wait_min = 15;
    t.url = ticket_url("http://192.168.1.10:8080/", t.token);
    return t;
}

const std::string kHall = "Mal Pelayanan Publik Kabupaten Pasuruan";

}  // namespace

TEST_CASE("the ticket URL is the public URL, /t/ and the token", "[kiosk][ticket]") {
    CHECK(ticket_url("http://192.168.1.10:8080", "abc") == "http://192.168.1.10:8080/t/abc");
    CHECK(ticket_url("http://192.168.1.10:8080//", "abc") == "http://192.168.1.10:8080/t/abc");
}

TEST_CASE("an issue reply becomes an issued ticket, and a broken one is refused", "[kiosk][ticket]") {
    nlohmann::json body{{"ticket", {{"id", 5}, {"number", "A-005"}, {"token", "ab12"}, {"service", "x.y"},
                                    {"service_name", "Y"}, {"priority", "child"}, {"issued_at", 1000}}},
                        {"ahead", 4}, {"est_wait_min", 20}};
    Result<IssuedTicket> t = ticket_from_reply(body, "http://h:1");
    REQUIRE(t);
    CHECK(t->id == 5);
    CHECK(t->number == "A-005");
    CHECK(t->priority == "child");
    CHECK(t->ahead == 4);
    CHECK(t->est_wait_min == 20);
    CHECK(t->url == "http://h:1/t/ab12");
    body["ticket"].erase("token");
    CHECK_FALSE(ticket_from_reply(body, "http://h:1"));
    CHECK_FALSE(ticket_from_reply(nlohmann::json::array(), "http://h:1"));
}

TEST_CASE("the ESC/POS bytes decode back to the ticket's text and QR payload", "[kiosk][ticket][escpos]") {
    register_strings();
    const IssuedTicket ticket = a_ticket();
    const TicketLayout layout = ticket_layout(ticket, kHall, 7 * 60, 576, Lang::id);
    Result<std::string> bytes = render_escpos(layout, EscposOptions{576, QrMode::native, 0});
    REQUIRE(bytes);
    const DecodedTicket d = decode_escpos(*bytes);
    INFO(d.text());
    REQUIRE(d.error.empty());
    CHECK(d.initialised);
    CHECK(d.cut);

    const DecodedLine* hall = d.find("Mal Pelayanan Publik");
    REQUIRE(hall);
    CHECK(hall->bold);
    CHECK(hall->align == 1);
    CHECK(d.find("23-11-2026 09:05"));
    CHECK(d.find("Sekretariat Daerah"));
    CHECK(d.find("Konsultasi"));
    CHECK(d.find("NOMOR ANTRIAN"));
    const DecodedLine* number = d.find("C-014");
    REQUIRE(number);
    CHECK(number->width == 6);  // as large as 80 mm paper allows, at most 6x
    CHECK(number->height == 6);
    CHECK(number->bold);
    CHECK(number->align == 1);
    CHECK(d.find("Prioritas: Lansia"));
    CHECK(d.find("3 orang di depan Anda"));
    CHECK(d.find("Perkiraan tunggu: 15 menit"));
    CHECK(d.find("Beri penilaian layanan kami: pindai kode QR"));
    CHECK(d.find("http://192.168.1.10:8080/t/9f1c2e3d4b5a69788796a5b4c3d2e1f0"));
    // Every line fits the 48 columns of 80 mm paper at its size (64 in the small font).
    for (const DecodedLine& line : d.lines) {
        CAPTURE(line.text);
        CHECK(static_cast<int>(line.text.size()) * line.width <= (line.small ? 64 : 48));
    }
    CHECK(d.find("http://")->small);
    // The size is reset after the number.
    const auto after = std::find_if(d.lines.begin(), d.lines.end(), [](const DecodedLine& l) { return l.text == "C-014"; });
    REQUIRE(after + 1 != d.lines.end());
    CHECK((after + 1)->width == 1);

    REQUIRE(d.qr_stored.size() == 1);
    CHECK(d.qr_stored[0] == ticket.url);
    CHECK(d.qr_printed == 1);
    CHECK(d.qr_model == '2');
    CHECK(d.qr_module == 8);
    CHECK(d.qr_level == '1');  // level M
    CHECK(d.rasters.empty());

    SECTION("in English") {
        Result<std::string> en = render_escpos(ticket_layout(ticket, kHall, 7 * 60, 576, Lang::en), EscposOptions{});
        REQUIRE(en);
        const DecodedTicket e = decode_escpos(*en);
        CHECK(e.find("QUEUE NUMBER"));
        CHECK(e.find("3 people ahead of you"));
        CHECK(e.find("Rate our service: scan the QR code"));
        CHECK(e.find("Priority: Elderly"));
    }
}

TEST_CASE("on 58 mm paper the text wraps to 32 columns and the number still fits", "[kiosk][ticket][escpos]") {
    register_strings();
    IssuedTicket ticket = a_ticket();
    ticket.number = "ABC-1234";
    ticket.service_name = "Pemberian Bantuan Hibah Kepada Masjid, Musholla, Ponpes Dan Tempat Peribadatan Lainnya";
    const TicketLayout layout = ticket_layout(ticket, kHall, 7 * 60, 384, Lang::id);
    Result<std::string> bytes = render_escpos(layout, EscposOptions{384, QrMode::native, 0});
    REQUIRE(bytes);
    const DecodedTicket d = decode_escpos(*bytes);
    REQUIRE(d.error.empty());
    for (const DecodedLine& line : d.lines) {
        CAPTURE(line.text);
        CHECK(static_cast<int>(line.text.size()) * line.width <= (line.small ? 42 : 32));
    }
    // The link breaks after its last '/' that fits.
    CHECK(d.find("http://192.168.1.10:8080/t/"));
    CHECK(d.find("9f1c2e3d4b5a69788796a5b4c3d2e1f0"));
    const DecodedLine* number = d.find("ABC-1234");
    REQUIRE(number);
    CHECK(number->width == 4);
    CHECK(d.qr_module == 6);
    // The long service name is all there, over several lines.
    std::string all;
    for (const DecodedLine& line : d.lines) all += line.text + " ";
    CHECK(all.find("Pemberian Bantuan Hibah Kepada Masjid, Musholla, Ponpes Dan Tempat") != std::string::npos);
}

TEST_CASE("the raster QR fallback is drawn from libqrencode's matrix and scans", "[kiosk][ticket][escpos]") {
    register_strings();
    TempDir temp;
    const IssuedTicket ticket = a_ticket();
    for (int width : {576, 384}) {
        CAPTURE(width);
        Result<std::string> bytes =
            render_escpos(ticket_layout(ticket, kHall, 7 * 60, width, Lang::id), EscposOptions{width, QrMode::raster, 0});
        REQUIRE(bytes);
        const DecodedTicket d = decode_escpos(*bytes);
        REQUIRE(d.error.empty());
        CHECK(d.qr_stored.empty());
        REQUIRE(d.rasters.size() == 1);
        const RasterImage& raster = d.rasters[0];
        CHECK(raster.width_bytes == width / 8);
        CHECK(raster.height > 100);
        const fs::path png = shot_path(temp, "raster_qr_" + std::to_string(width) + ".png");
        REQUIRE(ui::write_png(raster_picture(raster), png));
        CHECK(zbar_decode(png) == ticket.url);
    }
}

TEST_CASE("text for the printer is plain ASCII", "[kiosk][ticket][escpos]") {
    CHECK(printer_text("Rp 25.000 \u2013 \u201cGratis\u201d \u2022 caf\u00e9 \u00c9") == "Rp 25.000 - \"Gratis\" * cafe E");
    CHECK(printer_text("a\tb\nc\x01") == "a b c");
    CHECK(printer_text("\u260e 0343") == "Tel. 0343");
    CHECK(printer_text("\xe4\xb8\xad") == "?");
    CHECK(wrap_columns("satu dua tiga empat", 9) == std::vector<std::string>{"satu dua", "tiga", "empat"});
    CHECK(wrap_columns("panjangsekali", 5) == std::vector<std::string>{"panja", "ngsek", "ali"});
    CHECK(wrap_columns("http://a.b/t/0123456789", 16) == std::vector<std::string>{"http://a.b/t/", "0123456789"});
    CHECK(wrap_columns("", 5).empty());
    CHECK(fitting_scale(5, 576) == 6);
    CHECK(fitting_scale(8, 384) == 4);
    CHECK(fitting_scale(100, 384) == 1);
}

TEST_CASE("the printer's status bytes are read as a printer means them", "[kiosk][escpos]") {
    CHECK(status_request(4) == std::string("\x10\x04\x04", 3));
    CHECK(interpret_status(0x12, 0x12, 0x12).health == PrinterHealth::ready);
    CHECK(interpret_status(0x1A, 0x32, 0x72).health == PrinterHealth::paper_out);
    CHECK(interpret_status(std::nullopt, std::nullopt, 0x72).health == PrinterHealth::paper_out);
    CHECK(interpret_status(0x1A, 0x16, 0x12).health == PrinterHealth::offline);
    const StatusReport near = interpret_status(0x12, 0x12, 0x1E);
    CHECK(near.health == PrinterHealth::ready);
    CHECK(near.paper_near_end);
    CHECK(interpret_status(std::nullopt, std::nullopt, std::nullopt).health == PrinterHealth::unknown);
    CHECK(interpret_status(0xFF, 0x00, std::nullopt).health == PrinterHealth::unknown);  // not status bytes
}

TEST_CASE("the ticket PNG's QR code scans to the ticket URL", "[kiosk][ticket][png]") {
    register_strings();
    TempDir temp;
    Result<std::shared_ptr<const TicketFonts>> fonts = TicketFonts::load();
    REQUIRE(fonts);
    const IssuedTicket ticket = a_ticket();
    for (int width : {576, 384}) {
        CAPTURE(width);
        const fs::path file = shot_path(temp, "ticket_" + std::to_string(width) + ".png");
        REQUIRE(write_ticket_png(ticket_layout(ticket, kHall, 7 * 60, width, Lang::id), width, **fonts, file));
        Result<ui::Image> image = ui::read_png(file);
        REQUIRE(image);
        CHECK(image->width == width);
        CHECK(image->height > 800);
        CHECK(zbar_decode(file) == ticket.url);
    }
}

TEST_CASE("kiosk --ticket-png renders a sample ticket that scans", "[kiosk][ticket][png][cli]") {
    TempDir temp;
    const fs::path png = shot_path(temp, "ticket_cli.png");
    const fs::path bin = temp.path() / "ticket_cli.bin";
    const std::string command = std::string(HALL_BIN_DIR) + "/kiosk --ticket-png '" + png.string() + "' --ticket-escpos '" +
                                bin.string() + "' --printer-qr raster 2>/dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    const std::string url = zbar_decode(png);
    CHECK(url.rfind("http://127.0.0.1:8080/t/", 0) == 0);
    std::ifstream in(bin, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const DecodedTicket d = decode_escpos(bytes);
    CHECK(d.error.empty());
    REQUIRE(d.rasters.size() == 1);
    CHECK(d.find(url));
}

TEST_CASE("QR codes come from libqrencode", "[kiosk][qr]") {
    Result<QrMatrix> qr = encode_qr("http://192.168.1.10:8080/t/9f1c2e3d4b5a69788796a5b4c3d2e1f0");
    REQUIRE(qr);
    CHECK(qr->size >= 21);
    CHECK(qr->size % 4 == 1);
    CHECK(qr->dark(0, 0));  // the finder pattern's corner
    CHECK_FALSE(encode_qr(""));
}

}  // namespace hall::kiosk::test
