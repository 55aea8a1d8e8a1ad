// Tests of the hall configuration reader: a full file parses to the expected structs, absent
// keys take their documented defaults, and every kind of mistake an admin can make is rejected
// with config_invalid and a message naming the file, the line, the key and the problem.
// The catalog is the test fixture tests/fixtures/catalog (one agency "contoh-dinas" with the
// services layanan-satu, layanan-dua and layanan-tiga).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "common/hall_config.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using hall::HallConfig;

namespace {

fs::path source_dir() {
    if (const char* env = std::getenv("HALL_SOURCE_DIR"); env && *env) return env;
    return HALL_SOURCE_DIR;
}

fs::path fixtures_dir() { return source_dir() / "tests" / "fixtures"; }

hall::Result<HallConfig> parse(const std::string& text) {
    return hall::parse_hall_config(text, "hall.toml", fixtures_dir());
}

// The message of a rejected config (the test fails if it was accepted).
std::string error_of(const std::string& text) {
    auto result = parse(text);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "config_invalid");
    return result.error().message;
}

// A small valid config; lines 1-15. Tests append their own lines from line 16 on.
const std::string kMinimal = R"([hall]
name = "Mal Contoh"
catalog = "catalog"

[hours]
monday = "08:00-15:00"

[[agency]]
id = "contoh-dinas"
prefix = "A"

[[counter]]
id = "loket-1"
name = "Loket 1"
services = ["contoh-dinas.*"]
)";

// Every table and key of the format.
const std::string kFull = R"(# Full config used by the tests.
[hall]
name = "Mal Pelayanan Publik Contoh"
utc_offset = "+07:00"
catalog = "catalog"
languages = ["en", "id"]

[server]
bind = "0.0.0.0"
request_port = 6555
publish_port = 6556
http_port = 9080
server_host = "192.168.1.10"
public_url = "http://192.168.1.10:9080"

[hours]
monday = "08:00-15:00"
tuesday = "08:00-15:00"
wednesday = "08:00-15:00"
thursday = "7:30 - 15:00"
friday = "08:00-15:30"
saturday = "closed"
# sunday left out: closed

[[hours.break]]
name = "Istirahat"
days = ["mon", "tue", "wednesday", "thu"]
time = "12:00-13:00"

[[hours.break]]
name = "Sholat Jumat"
days = ["fri"]
time = "11:00-13:00"

[[hours.break]]
name = "Apel Pagi"
days = "weekdays"
time = "08:00-08:15"

[[holiday]]
date = 2026-12-25
name = "Hari Raya Natal"

[[holiday]]
date = "2027-01-01"
name = "Tahun Baru 2027 Masehi"

[priority]
mode = "strict"
regular_per_priority = 2

[[agency]]
id = "contoh-dinas"
prefix = "A"
daily_quota = 100
services = "all"

[[agency.service]]
id = "contoh-dinas.layanan-dua"
prefix = "B"
daily_quota = 40

[[agency.service]]
id = "contoh-dinas.layanan-tiga"
daily_quota = 0

[[zone]]
id = "zona-a"
name = "Zona A"

[[zone]]
id = "zona-b"
name = "Zona B"

[[counter]]
id = "loket-1"
name = "Loket 1"
zone = "zona-a"
services = ["contoh-dinas.*"]

[[counter]]
id = "loket-2"
name = "Loket 2"
zone = "zona-b"
services = ["contoh-dinas.layanan-dua", "contoh-dinas.layanan-satu", "contoh-dinas.layanan-dua"]

[[counter]]
id = "loket-3"
name = "Loket 3"
zone = "zona-b"
services = ["*"]

[printer]
sink = "network"
host = "192.168.1.50"
port = 9101
paper_width_dots = 384

[kiosk]
idle_seconds = 90
countdown_seconds = 15

[display]
volume = 65
mute = true
running_text = "Selamat datang"
)";

int minutes(int h, int m) { return h * 60 + m; }

}  // namespace

TEST_CASE("hall config: a full file parses to the expected structs", "[hall_config]") {
    hall::Catalog catalog;
    auto result = hall::parse_hall_config(kFull, "hall.toml", fixtures_dir(), &catalog);
    INFO((result.ok() ? std::string() : result.error().message));
    REQUIRE(result.ok());
    const HallConfig& c = *result;

    CHECK(c.hall_name == "Mal Pelayanan Publik Contoh");
    CHECK(c.utc_offset_minutes == 420);
    CHECK(c.catalog_dir == (fs::absolute(fixtures_dir()) / "catalog").lexically_normal());
    CHECK(c.catalog_dir.is_absolute());
    CHECK(c.languages == std::vector<std::string>{"en", "id"});
    REQUIRE(catalog.find_agency("contoh-dinas") != nullptr);
    CHECK(catalog.service_count() == 3);

    SECTION("endpoints") {
        CHECK(c.server.bind_address == "0.0.0.0");
        CHECK(c.server.request_port == 6555);
        CHECK(c.server.publish_port == 6556);
        CHECK(c.server.http_port == 9080);
        CHECK(c.server.server_host == "192.168.1.10");
        CHECK(c.server.public_url == "http://192.168.1.10:9080");
    }
    SECTION("weekday schedule and breaks") {
        const auto& monday = c.week[0];
        CHECK(monday.open);
        CHECK(monday.hours.start_minute == minutes(8, 0));
        CHECK(monday.hours.end_minute == minutes(15, 0));
        // Sorted by start: the morning assembly, then lunch.
        REQUIRE(monday.breaks.size() == 2);
        CHECK(monday.breaks[0].name == "Apel Pagi");
        CHECK(monday.breaks[0].time.start_minute == minutes(8, 0));
        CHECK(monday.breaks[0].time.end_minute == minutes(8, 15));
        CHECK(monday.breaks[1].name == "Istirahat");
        CHECK(monday.breaks[1].time.start_minute == minutes(12, 0));
        CHECK(monday.breaks[1].time.end_minute == minutes(13, 0));
        CHECK(c.week[2].breaks.size() == 2);  // "wednesday" spelled out

        CHECK(c.week[3].hours.start_minute == minutes(7, 30));  // "7:30 - 15:00"

        const auto& friday = c.week[4];
        CHECK(friday.open);
        CHECK(friday.hours.end_minute == minutes(15, 30));
        REQUIRE(friday.breaks.size() == 2);
        CHECK(friday.breaks[1].name == "Sholat Jumat");
        CHECK(friday.breaks[1].time.start_minute == minutes(11, 0));
        CHECK(friday.breaks[1].time.end_minute == minutes(13, 0));
        CHECK(friday.breaks[1].time.contains(minutes(12, 59)));
        CHECK_FALSE(friday.breaks[1].time.contains(minutes(13, 0)));

        CHECK_FALSE(c.week[5].open);  // "closed"
        CHECK_FALSE(c.week[6].open);  // left out
        CHECK(c.week[5].breaks.empty());
    }
    SECTION("holidays, as TOML dates or strings") {
        REQUIRE(c.holidays.size() == 2);
        CHECK(c.holidays[0].date == "2026-12-25");
        CHECK(c.holidays[0].name == "Hari Raya Natal");
        CHECK(c.holidays[1].date == "2027-01-01");
        REQUIRE(c.find_holiday("2027-01-01") != nullptr);
        CHECK(c.find_holiday("2027-01-01")->name == "Tahun Baru 2027 Masehi");
        CHECK(c.find_holiday("2026-12-24") == nullptr);
    }
    SECTION("priority") {
        CHECK(c.priority.mode == hall::PriorityMode::strict);
        CHECK(c.priority.regular_per_priority == 2);
    }
    SECTION("offered services with prefixes and quotas, in catalog order") {
        REQUIRE(c.services.size() == 3);
        CHECK(c.services[0].service_id == "contoh-dinas.layanan-satu");
        CHECK(c.services[0].agency_id == "contoh-dinas");
        CHECK(c.services[0].prefix == "A");
        CHECK(c.services[0].daily_quota == 100);
        CHECK(c.services[1].service_id == "contoh-dinas.layanan-dua");
        CHECK(c.services[1].prefix == "B");
        CHECK(c.services[1].daily_quota == 40);
        CHECK(c.services[2].service_id == "contoh-dinas.layanan-tiga");
        CHECK(c.services[2].prefix == "A");
        CHECK(c.services[2].daily_quota == 0);
        REQUIRE(c.find_service("contoh-dinas.layanan-dua") != nullptr);
        CHECK(c.find_service("contoh-dinas.layanan-dua")->prefix == "B");
        CHECK(c.find_service("contoh-dinas.nope") == nullptr);
    }
    SECTION("counters with wildcard expansion, and zones") {
        REQUIRE(c.counters.size() == 3);
        CHECK(c.counters[0].id == "loket-1");
        CHECK(c.counters[0].name == "Loket 1");
        CHECK(c.counters[0].zone == "zona-a");
        CHECK(c.counters[0].services == std::vector<std::string>{"contoh-dinas.layanan-satu",
                                                                 "contoh-dinas.layanan-dua",
                                                                 "contoh-dinas.layanan-tiga"});
        // Listed order, duplicates dropped.
        CHECK(c.counters[1].services ==
              std::vector<std::string>{"contoh-dinas.layanan-dua", "contoh-dinas.layanan-satu"});
        CHECK(c.counters[2].services.size() == 3);
        REQUIRE(c.find_counter("loket-2") != nullptr);
        CHECK(c.find_counter("loket-2")->zone == "zona-b");
        CHECK(c.find_counter("loket-9") == nullptr);

        REQUIRE(c.zones.size() == 2);
        CHECK(c.zones[0].id == "zona-a");
        CHECK(c.zones[0].name == "Zona A");
        CHECK(c.zones[1].id == "zona-b");
    }
    SECTION("printer, kiosk, display") {
        CHECK(c.printer.sink == hall::PrinterSink::network);
        CHECK(c.printer.host == "192.168.1.50");
        CHECK(c.printer.port == 9101);
        CHECK(c.printer.paper_width_dots == 384);
        CHECK(c.kiosk.idle_seconds == 90);
        CHECK(c.kiosk.countdown_seconds == 15);
        CHECK(c.display.volume == 65);
        CHECK(c.display.mute);
        CHECK(c.display.running_text == "Selamat datang");
    }
}

TEST_CASE("hall config: absent optional keys take the documented defaults", "[hall_config]") {
    auto result = parse(kMinimal);
    INFO((result.ok() ? std::string() : result.error().message));
    REQUIRE(result.ok());
    const HallConfig& c = *result;
    CHECK(c.utc_offset_minutes == 420);
    CHECK(c.languages == std::vector<std::string>{"id", "en"});
    CHECK(c.server.bind_address == "127.0.0.1");
    CHECK(c.server.request_port == 5555);
    CHECK(c.server.publish_port == 5556);
    CHECK(c.server.http_port == 8080);
    CHECK(c.server.server_host == "127.0.0.1");
    CHECK(c.server.public_url == "http://127.0.0.1:8080");
    CHECK(c.week[0].open);
    CHECK(c.week[0].breaks.empty());
    for (int day = 1; day < 7; ++day) CHECK_FALSE(c.week[static_cast<std::size_t>(day)].open);
    CHECK(c.holidays.empty());
    CHECK(c.priority.mode == hall::PriorityMode::interleave);
    CHECK(c.priority.regular_per_priority == 1);
    REQUIRE(c.services.size() == 3);  // services default to "all"
    CHECK(c.services[0].daily_quota == 0);
    CHECK(c.zones.empty());
    REQUIRE(c.counters.size() == 1);
    CHECK(c.counters[0].zone.empty());
    CHECK(c.printer.sink == hall::PrinterSink::file);
    CHECK(c.printer.path == "tickets");
    CHECK(c.printer.paper_width_dots == 576);
    CHECK(c.kiosk.idle_seconds == 60);
    CHECK(c.kiosk.countdown_seconds == 10);
    CHECK(c.display.volume == 80);
    CHECK_FALSE(c.display.mute);
    CHECK(c.display.running_text.empty());
}

TEST_CASE("hall config: public_url defaults to server_host and http_port", "[hall_config]") {
    auto result = parse(kMinimal + "[server]\nserver_host = \"10.0.0.2\"\nhttp_port = 8181\n");
    REQUIRE(result.ok());
    CHECK(result->server.public_url == "http://10.0.0.2:8181");
}

TEST_CASE("hall config: utc_offset", "[hall_config]") {
    auto with_offset = [](const std::string& offset) {
        std::string text = kMinimal;
        text.replace(text.find("catalog ="), 0, "utc_offset = \"" + offset + "\"\n");
        return text;  // utc_offset is on line 3
    };
    SECTION("+07:00 is 420 minutes") {
        auto r = parse(with_offset("+07:00"));
        REQUIRE(r.ok());
        CHECK(r->utc_offset_minutes == 420);
    }
    SECTION("-03:30 is -210 minutes") {
        auto r = parse(with_offset("-03:30"));
        REQUIRE(r.ok());
        CHECK(r->utc_offset_minutes == -210);
    }
    SECTION("+09:00 (WIT)") {
        auto r = parse(with_offset("+09:00"));
        REQUIRE(r.ok());
        CHECK(r->utc_offset_minutes == 540);
    }
    SECTION("malformed or out of range") {
        for (const char* bad : {"+7", "07:00", "+07:60", "+15:00", "-13:00", "WIB"}) {
            INFO(bad);
            CHECK_THAT(error_of(with_offset(bad)),
                       Contains("hall.toml:3: [hall] utc_offset: bad offset \"" + std::string(bad) + "\""));
        }
    }
}

TEST_CASE("hall config: a wrong type names the line and key", "[hall_config][errors]") {
    CHECK_THAT(error_of(kMinimal + "[kiosk]\nidle_seconds = \"60\"\n"),
               Contains("hall.toml:17: [kiosk] idle_seconds: expected an integer, found a string"));
    CHECK_THAT(error_of(kMinimal + "[display]\nvolume = 50.5\n"),
               Contains("hall.toml:17: [display] volume: expected an integer, found a float"));
    CHECK_THAT(error_of(kMinimal + "[display]\nmute = \"yes\"\n"),
               Contains("hall.toml:17: [display] mute: expected true or false"));
    CHECK_THAT(error_of(kMinimal + "[priority]\nmode = 1\n"),
               Contains("hall.toml:17: [priority] mode: expected a string, found an integer"));
    CHECK_THAT(error_of("printer = \"file\"\n" + kMinimal),
               Contains("hall.toml:1: [printer]: expected a table, found a string (\"file\")"));
    CHECK_THAT(error_of(kMinimal + "[[holiday]]\ndate = 20261225\nname = \"x\"\n"),
               Contains("hall.toml:17: [[holiday]] date: expected a date"));
}

TEST_CASE("hall config: values out of range or unknown", "[hall_config][errors]") {
    CHECK_THAT(error_of(kMinimal + "[display]\nvolume = 150\n"),
               Contains("hall.toml:17: [display] volume: 150 is out of range (0 to 100)"));
    CHECK_THAT(error_of(kMinimal + "[server]\nhttp_port = 70000\n"),
               Contains("hall.toml:17: [server] http_port: 70000 is out of range"));
    CHECK_THAT(error_of(kMinimal + "[server]\nrequest_port = 7000\npublish_port = 7000\n"),
               Contains("hall.toml:18: [server] publish_port: port 7000 is also the request_port"));
    CHECK_THAT(error_of(kMinimal + "[server]\npublic_url = \"192.168.1.10\"\n"),
               Contains("hall.toml:17: [server] public_url: bad URL"));
    CHECK_THAT(error_of(kMinimal + "[priority]\nmode = \"fifo\"\n"),
               Contains("hall.toml:17: [priority] mode: unknown mode \"fifo\""));
    CHECK_THAT(error_of(kMinimal + "[priority]\nregular_per_priority = 0\n"),
               Contains("hall.toml:17: [priority] regular_per_priority: 0 is out of range"));
    CHECK_THAT(error_of(kMinimal + "[printer]\nsink = \"fax\"\n"),
               Contains("hall.toml:17: [printer] sink: unknown sink \"fax\""));
    CHECK_THAT(error_of(kMinimal + "[printer]\npaper_width_dots = 500\n"),
               Contains("hall.toml:17: [printer] paper_width_dots: 500 is not a multiple of 8"));
}

TEST_CASE("hall config: bad times", "[hall_config][errors]") {
    CHECK_THAT(error_of(kMinimal + "[hours]\n"),  // [hours] twice is a TOML error
               Contains("hall.toml:16: TOML syntax error"));

    std::string text = kMinimal;
    text.replace(text.find("monday = \"08:00-15:00\""), 22, "monday = \"25:00-26:00\"");
    CHECK_THAT(error_of(text), Contains("hall.toml:6: [hours] monday: bad time \"25:00\""));

    text = kMinimal;
    text.replace(text.find("monday = \"08:00-15:00\""), 22, "monday = \"15:00-08:00\"");
    CHECK_THAT(error_of(text), Contains("hall.toml:6: [hours] monday: bad time range \"15:00-08:00\": "
                                        "the end must be after the start"));

    text = kMinimal;
    text.replace(text.find("monday = \"08:00-15:00\""), 22, "monday = \"08.00-15.00\"");
    CHECK_THAT(error_of(text), Contains("hall.toml:6: [hours] monday: bad time \"08.00\" in \"08.00-15.00\""));

    text = kMinimal;
    text.replace(text.find("monday = \"08:00-15:00\""), 22, "monday = \"tutup\"");
    CHECK_THAT(error_of(text), Contains("hall.toml:6: [hours] monday:"));

    CHECK_THAT(error_of(kMinimal + "[[hours.break]]\ntime = \"12:00-12:61\"\n"),
               Contains("hall.toml:17: [[hours.break]] time: bad time \"12:61\""));
    CHECK_THAT(error_of(kMinimal + "[[hours.break]]\nname = \"Istirahat\"\n"),
               Contains("hall.toml:16: [[hours.break]] time: missing (required)"));
}

TEST_CASE("hall config: breaks must fit the opening hours", "[hall_config][errors]") {
    SECTION("outside the hours") {
        CHECK_THAT(error_of(kMinimal + "[[hours.break]]\ndays = [\"mon\"]\ntime = \"14:30-15:30\"\n"),
                   Contains("hall.toml:18: [[hours.break]] time: break 14:30-15:30 is outside the "
                            "opening hours (monday 08:00-15:00)"));
    }
    SECTION("on a closed day") {
        CHECK_THAT(error_of(kMinimal + "[[hours.break]]\ndays = [\"mon\", \"sat\"]\ntime = \"12:00-13:00\"\n"),
                   Contains("hall.toml:17: [[hours.break]] days: \"sat\" is a closed day"));
    }
    SECTION("unknown weekday") {
        CHECK_THAT(error_of(kMinimal + "[[hours.break]]\ndays = [\"mon\", \"jumat\"]\ntime = \"12:00-13:00\"\n"),
                   Contains("hall.toml:17: [[hours.break]] days: unknown weekday \"jumat\""));
        CHECK_THAT(error_of(kMinimal + "[[hours.break]]\ndays = \"weekday\"\ntime = \"12:00-13:00\"\n"),
                   Contains("hall.toml:17: [[hours.break]] days: unknown weekday \"weekday\""));
    }
    SECTION("overlapping breaks on one day") {
        CHECK_THAT(error_of(kMinimal +
                            "[[hours.break]]\nname = \"Istirahat\"\ntime = \"12:00-13:00\"\n"
                            "[[hours.break]]\nname = \"Rapat\"\ntime = \"12:30-13:30\"\n"),
                   Contains("hall.toml:21: [[hours.break]] time: break \"Rapat\" 12:30-13:30 overlaps "
                            "break \"Istirahat\" 12:00-13:00 on monday"));
    }
    SECTION("no day open at all") {
        std::string text = kMinimal;
        text.replace(text.find("monday = \"08:00-15:00\""), 22, "monday = \"closed\"");
        CHECK_THAT(error_of(text), Contains("hall.toml:5: [hours]: no day is open"));
    }
}

TEST_CASE("hall config: unknown keys and tables are errors, with a suggestion", "[hall_config][errors]") {
    CHECK_THAT(error_of(kMinimal + "[display]\nvolme = 50\n"),
               Contains("hall.toml:17: [display] volme: unknown key (did you mean \"volume\"?)"));
    CHECK_THAT(error_of(kMinimal + "[printr]\nsink = \"none\"\n"),
               Contains("hall.toml:16: [printr]: unknown table (did you mean [printer]?)"));
    CHECK_THAT(error_of(kMinimal + "[[counters]]\nid = \"x\"\n"),
               Contains("hall.toml:16: [counters]: unknown table (did you mean [counter]?)"));
    CHECK_THAT(error_of("verbose = true\n" + kMinimal),
               Contains("hall.toml:1: verbose: unknown top-level key"));

    std::string text = kMinimal;
    text.replace(text.find("prefix = \"A\""), 0, "quota = 5\n");
    CHECK_THAT(error_of(text), Contains("hall.toml:10: [[agency]] quota: unknown key"));

    text = kMinimal;
    text.replace(text.find("monday"), 0, "senin = \"08:00-15:00\"\n");
    CHECK_THAT(error_of(text), Contains("hall.toml:6: [hours] senin: unknown key"));
}

TEST_CASE("hall config: references are checked against the catalog", "[hall_config][errors]") {
    SECTION("unknown service on a counter") {
        std::string text = kMinimal;
        text.replace(text.find("services = [\"contoh-dinas.*\"]"), 29,
                     "services = [\"contoh-dinas.*\", \"foo.bar\"]");
        CHECK_THAT(error_of(text),
                   Contains("hall.toml:15: [[counter]] services: unknown service \"foo.bar\""));
    }
    SECTION("unknown agency") {
        std::string text = kMinimal;
        text.replace(text.find("id = \"contoh-dinas\""), 19, "id = \"dinas-lain\"");
        const auto message = error_of(text);
        CHECK_THAT(message, Contains("hall.toml:9: [[agency]] id: unknown agency \"dinas-lain\" "
                                     "(the catalog has: contoh-dinas)"));
        CHECK_THAT(message, Contains("hall.toml:15: [[counter]] services: agency \"contoh-dinas\" is not "
                                     "offered by the hall"));
    }
    SECTION("a counter may serve only offered services") {
        std::string text = kMinimal;
        text.replace(text.find("prefix = \"A\""), 0,
                     "services = [\"contoh-dinas.layanan-satu\", \"contoh-dinas.layanan-tiga\"]\n");
        // Line 10 is now services, the counter's services are on line 16.
        auto ok = parse(text);
        REQUIRE(ok.ok());
        CHECK(ok->services.size() == 2);
        CHECK(ok->counters[0].services ==
              std::vector<std::string>{"contoh-dinas.layanan-satu", "contoh-dinas.layanan-tiga"});

        text.replace(text.find("services = [\"contoh-dinas.*\"]"), 29,
                     "services = [\"contoh-dinas.layanan-dua\", \"contoh-dinas.*\"]");
        CHECK_THAT(error_of(text),
                   Contains("hall.toml:16: [[counter]] services: service \"contoh-dinas.layanan-dua\" is "
                            "not offered by the hall"));
    }
    SECTION("agency service lists") {
        std::string text = kMinimal;
        text.replace(text.find("prefix = \"A\""), 0, "services = [\"contoh-dinas.layanan-empat\"]\n");
        CHECK_THAT(error_of(text),
                   Contains("hall.toml:10: [[agency]] services: unknown service \"contoh-dinas.layanan-empat\""));
        text = kMinimal;
        text.replace(text.find("prefix = \"A\""), 0, "services = \"semua\"\n");
        CHECK_THAT(error_of(text),
                   Contains("hall.toml:10: [[agency]] services: expected \"all\" or a list of service ids"));
        text = kMinimal;
        text.replace(text.find("prefix = \"A\""), 0, "services = []\n");
        CHECK_THAT(error_of(text), Contains("hall.toml:10: [[agency]] services: lists no service"));
    }
    SECTION("overrides must name an offered service of the agency") {
        std::string text = kMinimal;
        text.replace(text.find("prefix = \"A\""), 0, "services = [\"contoh-dinas.layanan-satu\"]\n");
        text.replace(text.find("\n[[counter]]"), 0,
                     "[[agency.service]]\nid = \"contoh-dinas.layanan-dua\"\nprefix = \"B\"\n");
        CHECK_THAT(error_of(text), Contains("hall.toml:13: [[agency.service]] id: service "
                                            "\"contoh-dinas.layanan-dua\" is not offered"));
    }
    SECTION("the same agency twice") {
        std::string text = kMinimal;
        text.replace(text.find("\n[[counter]]"), 0, "[[agency]]\nid = \"contoh-dinas\"\nprefix = \"B\"\n");
        CHECK_THAT(error_of(text), Contains("hall.toml:12: [[agency]] id: agency \"contoh-dinas\" is "
                                            "already offered at line 9"));
    }
    SECTION("the catalog folder must exist") {
        std::string text = kMinimal;
        text.replace(text.find("catalog = \"catalog\""), 19, "catalog = \"no-such-folder\"");
        CHECK_THAT(error_of(text), Contains("hall.toml:3: [hall] catalog: catalog folder"));
        CHECK_THAT(error_of(text), Contains("does not exist"));
    }
}

TEST_CASE("hall config: counters", "[hall_config][errors]") {
    SECTION("duplicate id") {
        CHECK_THAT(error_of(kMinimal + "[[counter]]\nid = \"loket-1\"\nname = \"Loket 1b\"\n"
                                       "services = [\"contoh-dinas.*\"]\n"),
                   Contains("hall.toml:17: [[counter]] id: duplicate counter id \"loket-1\" (first at line 13)"));
    }
    SECTION("bad id, missing name, empty services") {
        const auto message = error_of(kMinimal + "[[counter]]\nid = \"Loket 2\"\nservices = []\n");
        CHECK_THAT(message, Contains("hall.toml:17: [[counter]] id: bad id \"Loket 2\""));
        CHECK_THAT(message, Contains("hall.toml:16: [[counter]] name: missing (required)"));
        CHECK_THAT(message, Contains("hall.toml:18: [[counter]] services: lists no service"));
    }
    SECTION("zones: unknown, or missing once zones exist") {
        CHECK_THAT(error_of(kMinimal + "[[counter]]\nid = \"loket-2\"\nname = \"Loket 2\"\nzone = \"lantai-2\"\n"
                                       "services = [\"*\"]\n"),
                   Contains("hall.toml:19: [[counter]] zone: unknown zone \"lantai-2\" (no [[zone]] is defined)"));
        CHECK_THAT(error_of(kMinimal + "[[zone]]\nid = \"zona-a\"\nname = \"Zona A\"\n"),
                   Contains("hall.toml:12: [[counter]] zone: missing (required when [[zone]] tables are defined)"));
        CHECK_THAT(error_of(kMinimal + "[[zone]]\nid = \"zona-a\"\nname = \"A\"\n[[zone]]\nid = \"zona-a\"\nname = \"B\"\n"),
                   Contains("hall.toml:20: [[zone]] id: duplicate zone id \"zona-a\""));
    }
    SECTION("an offered service no counter serves") {
        std::string text = kMinimal;
        text.replace(text.find("services = [\"contoh-dinas.*\"]"), 29,
                     "services = [\"contoh-dinas.layanan-satu\"]");
        CHECK_THAT(error_of(text),
                   Contains("hall.toml:9: [[agency]] services: 2 offered service(s) of \"contoh-dinas\" are "
                            "served by no [[counter]]: contoh-dinas.layanan-dua, contoh-dinas.layanan-tiga"));
    }
    SECTION("counter written as a single table") {
        std::string text = kMinimal;
        text.replace(text.find("[[counter]]"), 11, "[counter]");
        CHECK_THAT(error_of(text), Contains("hall.toml:12: [[counter]]: expected an array of tables"));
    }
}

TEST_CASE("hall config: required parts", "[hall_config][errors]") {
    SECTION("hall name") {
        std::string text = kMinimal;
        text.erase(text.find("name = \"Mal Contoh\"\n"), 20);
        CHECK_THAT(error_of(text), Contains("hall.toml:1: [hall] name: missing (required)"));
        text = kMinimal;
        text.replace(text.find("name = \"Mal Contoh\""), 19, "name = \"  \"");
        CHECK_THAT(error_of(text), Contains("hall.toml:2: [hall] name: must not be empty"));
    }
    SECTION("[hall] table") {
        std::string text = kMinimal;
        text.replace(0, 6, "[hal]");
        const auto message = error_of(text);
        CHECK_THAT(message, Contains("hall.toml:1: [hall]: missing"));
        CHECK_THAT(message, Contains("hall.toml:1: [hal]: unknown table (did you mean [hall]?)"));
    }
    SECTION("at least one offered service and one counter") {
        const auto message = error_of("[hall]\nname = \"Kosong\"\n[hours]\nmonday = \"08:00-12:00\"\n");
        CHECK_THAT(message, Contains("hall.toml:1: [[agency]]: missing: the hall offers no service"));
        CHECK_THAT(message, Contains("hall.toml:1: [[counter]]: missing: the hall has no counter"));
    }
    SECTION("agency prefix") {
        std::string text = kMinimal;
        text.erase(text.find("prefix = \"A\"\n"), 13);
        CHECK_THAT(error_of(text), Contains("hall.toml:8: [[agency]] prefix: missing (required)"));
        text = kMinimal;
        text.replace(text.find("prefix = \"A\""), 12, "prefix = \"a1\"");
        CHECK_THAT(error_of(text), Contains("hall.toml:10: [[agency]] prefix: bad prefix \"a1\""));
    }
}

TEST_CASE("hall config: holidays", "[hall_config][errors]") {
    CHECK_THAT(error_of(kMinimal + "[[holiday]]\ndate = \"2026-02-30\"\nname = \"x\"\n"),
               Contains("hall.toml:17: [[holiday]] date: bad date"));
    CHECK_THAT(error_of(kMinimal + "[[holiday]]\ndate = 2026-08-17\nname = \"A\"\n"
                                   "[[holiday]]\ndate = \"2026-08-17\"\nname = \"B\"\n"),
               Contains("hall.toml:20: [[holiday]] date: duplicate holiday 2026-08-17 (first at line 17)"));
    CHECK_THAT(error_of(kMinimal + "[[holiday]]\ndate = 2026-08-17\n"),
               Contains("hall.toml:16: [[holiday]] name: missing (required)"));
}

TEST_CASE("hall config: printer keys must fit the sink", "[hall_config][errors]") {
    CHECK_THAT(error_of(kMinimal + "[printer]\nsink = \"file\"\nhost = \"10.0.0.9\"\n"),
               Contains("hall.toml:18: [printer] host: only used with sink = \"network\""));
    CHECK_THAT(error_of(kMinimal + "[printer]\nsink = \"device\"\n"),
               Contains("hall.toml:16: [printer] path: missing (required for sink = \"device\""));
    CHECK_THAT(error_of(kMinimal + "[printer]\nsink = \"network\"\n"),
               Contains("hall.toml:16: [printer] host: missing (required for sink = \"network\")"));

    auto device = parse(kMinimal + "[printer]\nsink = \"device\"\npath = \"/dev/usb/lp0\"\n");
    REQUIRE(device.ok());
    CHECK(device->printer.sink == hall::PrinterSink::device);
    CHECK(device->printer.path == "/dev/usb/lp0");
    // "none" keeps the other settings so a printer can be switched off without losing them.
    auto none = parse(kMinimal + "[printer]\nsink = \"none\"\nhost = \"10.0.0.9\"\n");
    REQUIRE(none.ok());
    CHECK(none->printer.sink == hall::PrinterSink::none);
}

TEST_CASE("hall config: a prefix may be shared only within one agency", "[hall_config][errors]") {
    // A second agency made from the fixture, in a temporary catalog folder.
    const fs::path dir = fs::temp_directory_path() /
                         ("hall_config_test_" + std::to_string(std::random_device{}()));
    fs::create_directories(dir / "catalog");
    fs::copy_file(fixtures_dir() / "catalog" / "000_contoh-dinas.json", dir / "catalog" / "000_contoh-dinas.json");
    {
        std::ifstream in(fixtures_dir() / "catalog" / "000_contoh-dinas.json");
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::string json = buffer.str();
        for (std::size_t at = json.find("contoh-dinas"); at != std::string::npos; at = json.find("contoh-dinas", at))
            json.replace(at, 12, "contoh-badan");
        json.replace(json.find("000_test-fixture"), 3, "001");
        std::ofstream(dir / "catalog" / "001_contoh-badan.json") << json;
    }
    const std::string two_agencies = R"([hall]
name = "Mal Contoh"
[hours]
monday = "08:00-15:00"
[[agency]]
id = "contoh-dinas"
prefix = "A"
[[agency.service]]
id = "contoh-dinas.layanan-dua"
prefix = "B"
[[agency.service]]
id = "contoh-dinas.layanan-tiga"
prefix = "B"
[[agency]]
id = "contoh-badan"
prefix = "PREFIX_LINE_15"
[[counter]]
id = "loket-1"
name = "Loket 1"
services = ["*"]
)";
    auto with_prefix = [&](const std::string& prefix) {
        std::string text = two_agencies;
        text.replace(text.find("PREFIX_LINE_15"), 14, prefix);
        return hall::parse_hall_config(text, "hall.toml", dir);
    };

    auto ok = with_prefix("C");  // B shared by two services of contoh-dinas: allowed
    INFO((ok.ok() ? std::string() : ok.error().message));
    REQUIRE(ok.ok());
    CHECK(ok->services.size() == 6);
    CHECK(ok->find_service("contoh-dinas.layanan-tiga")->prefix == "B");
    CHECK(ok->find_service("contoh-badan.layanan-tiga")->prefix == "C");

    auto clash = with_prefix("B");
    REQUIRE_FALSE(clash.ok());
    CHECK(clash.error().code == "config_invalid");
    CHECK_THAT(clash.error().message,
               Contains("hall.toml:16: [[agency]] prefix: prefix \"B\" is already used by agency "
                        "\"contoh-dinas\" (line 10)"));
    // One line per clash, not one per service.
    CHECK(clash.error().message.find('\n') == std::string::npos);

    std::error_code ec;
    fs::remove_all(dir, ec);
}

TEST_CASE("hall config: all problems are reported, sorted by line", "[hall_config][errors]") {
    const auto message = error_of(kMinimal + "[display]\nvolume = -1\nmute = 0\n[kiosk]\nidle = 5\n");
    const auto a = message.find("hall.toml:17:");
    const auto b = message.find("hall.toml:18:");
    const auto c = message.find("hall.toml:20:");
    REQUIRE(a != std::string::npos);
    REQUIRE(b != std::string::npos);
    REQUIRE(c != std::string::npos);
    CHECK(a < b);
    CHECK(b < c);
}

TEST_CASE("hall config: TOML syntax errors give the line", "[hall_config][errors]") {
    CHECK_THAT(error_of(kMinimal + "[display]\nvolume = \n"),
               Contains("hall.toml:17: TOML syntax error (column"));
    CHECK_THAT(error_of("[hall]\nname = \"unterminated\n"), Contains("hall.toml:2: TOML syntax error"));
}

TEST_CASE("hall config: never crashes on damaged input", "[hall_config]") {
    // Every cut of the full file, and single-byte damage along it, is either accepted or
    // rejected with config_invalid; nothing throws.
    for (std::size_t cut = 0; cut <= kFull.size(); cut += 5) {
        auto result = parse(kFull.substr(0, cut));
        if (!result.ok()) CHECK(result.error().code == "config_invalid");
    }
    std::mt19937 rng(20260101);
    const std::string noise = "\"[]{}=.,#\n\t 0aZ-*\\\xff";
    for (int i = 0; i < 400; ++i) {
        std::string text = kFull;
        text[rng() % text.size()] = noise[rng() % noise.size()];
        auto result = parse(text);
        if (!result.ok()) CHECK(result.error().code == "config_invalid");
    }
}

TEST_CASE("hall config: load_hall_config reads a file and resolves the catalog beside it", "[hall_config]") {
    const fs::path dir = fs::temp_directory_path() /
                         ("hall_config_load_" + std::to_string(std::random_device{}()));
    fs::create_directories(dir);
    const fs::path file = dir / "hall.toml";
    std::string text = kMinimal;
    text.replace(text.find("catalog = \"catalog\""), 19,
                 "catalog = \"" + (fixtures_dir() / "catalog").generic_string() + "\"");
    std::ofstream(file) << text;

    auto result = hall::load_hall_config(file);
    INFO((result.ok() ? std::string() : result.error().message));
    REQUIRE(result.ok());
    CHECK(result->hall_name == "Mal Contoh");

    // Relative catalog folders are taken from the config file's folder.
    std::ofstream(file) << kMinimal;
    auto relative = hall::load_hall_config(file);
    REQUIRE_FALSE(relative.ok());
    CHECK_THAT(relative.error().message, Contains((dir / "hall.toml").string() + ":3: [hall] catalog"));
    CHECK_THAT(relative.error().message, Contains((dir / "catalog").string()));

    auto missing = hall::load_hall_config(dir / "nope.toml");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "config_invalid");
    CHECK_THAT(missing.error().message, Contains("nope.toml"));

    std::error_code ec;
    fs::remove_all(dir, ec);
}
