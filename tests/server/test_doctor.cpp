// queue_server doctor: a healthy hall passes the checks it should, and each kind of damage (a
// bad config, a server key others can read or that is gone, a damaged database, a printer that
// does not answer, a device that never connected) is one problem line with its fix.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "queue_server/doctor.hpp"
#include "tests/server/test_hall.hpp"

using hall::server::DoctorLine;
using hall::server::DoctorOptions;
using hall::server::run_doctor;
using hall::test::TestHall;
namespace fs = std::filesystem;

namespace {

// The fixture hall's config as a file next to the data dir, its catalog by absolute path.
fs::path write_config(const TestHall& hall, const std::string& extra = "") {
    std::string toml = hall::test::fixture_config_toml(extra);
    const std::string relative = "catalog = \"catalog\"";
    toml.replace(toml.find(relative), relative.size(),
                 "catalog = \"" + (hall::test::source_dir() / "tests/fixtures/catalog").string() + "\"");
    const fs::path file = hall.data_dir().parent_path() / "hall.toml";
    std::ofstream(file) << toml;
    return file;
}

DoctorOptions options_now() {
    DoctorOptions o;
    o.now_ms = hall::server::system_clock_ms();
    o.min_free_bytes = 1;  // the test machine's disk is not the point here
    o.printer_timeout_ms = 3000;
    return o;
}

// The one line whose text contains `needle` (fails when none or several do).
DoctorLine line_with(const std::vector<DoctorLine>& lines, const std::string& needle) {
    const DoctorLine* found = nullptr;
    int count = 0;
    for (const DoctorLine& l : lines)
        if (l.text.find(needle) != std::string::npos) {
            found = &l;
            ++count;
        }
    INFO("looking for \"" << needle << "\"");
    for (const DoctorLine& l : lines) INFO(hall::server::format_doctor_line(l));
    REQUIRE(count == 1);
    return *found;
}

int problems(const std::vector<DoctorLine>& lines) {
    int n = 0;
    for (const DoctorLine& l : lines) n += l.ok ? 0 : 1;
    return n;
}

// A TCP port on 127.0.0.1 that accepts connections while the object lives.
struct Listener {
    int fd = -1;
    int port = 0;
    Listener() {
        fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(listen(fd, 4) == 0);
        socklen_t len = sizeof a;
        getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        port = ntohs(a.sin_port);
    }
    ~Listener() { close(fd); }
};

}  // namespace

TEST_CASE("doctor: a working hall, the devices it heard and the ones it did not", "[doctor]") {
    TestHall hall;
    const fs::path config = write_config(hall);
    {
        hall::RequestClient kiosk(hall.options("kiosk-1"));
        REQUIRE(kiosk.call(hall::proto::MessageType::hello)->ok);
    }
    auto running = run_doctor(config, hall.data_dir(), options_now());
    CHECK(line_with(running, "the server is running").ok);

    hall.stop();  // the server writes the devices it heard when it stops
    auto lines = run_doctor(config, hall.data_dir(), options_now());
    CHECK(line_with(lines, "config and catalog valid").ok);
    CHECK(line_with(lines, "3 layanan/services, 2 loket/counters").ok);
    CHECK(line_with(lines, "server key present").ok);
    CHECK(line_with(lines, "database intact").ok);
    const DoctorLine kiosk = line_with(lines, "kiosk-1 (kiosk)");
    CHECK(kiosk.ok);
    CHECK(kiosk.text.find("last connected or asked") != std::string::npos);
    CHECK(kiosk.text.find("127.0.0.1") != std::string::npos);
    const DoctorLine counter = line_with(lines, "counter-1 (counter)");
    CHECK_FALSE(counter.ok);
    CHECK(counter.text.find("never connected") != std::string::npos);
    CHECK(counter.fix.find("--keys") != std::string::npos);
    const DoctorLine stopped = line_with(lines, "the server is not running");
    CHECK_FALSE(stopped.ok);
    CHECK(stopped.fix.find("systemctl start") != std::string::npos);
    // The fixture writes tickets to files and has no scheduled backups: both are said, with fixes.
    CHECK(line_with(lines, "tickets go to files").fix.find("sink") != std::string::npos);
    CHECK(line_with(lines, "scheduled backups are off").fix.find("interval_minutes") != std::string::npos);
    // Every problem has a fix, and the report has exactly these six.
    for (const DoctorLine& l : lines) CHECK((l.ok || !l.fix.empty()));
    CHECK(problems(lines) == 6);  // counter-1, display-1, admin-1 never connected; stopped; printer; backups
}

TEST_CASE("doctor: damage is reported one line each, with its fix", "[doctor]") {
    TestHall hall;
    hall.stop();
    const fs::path config = write_config(hall);

    SECTION("a config with a mistake names it") {
        std::ofstream(config, std::ios::app) << "\n[hall]\nname = 3\n";
        const DoctorLine l = line_with(run_doctor(config, hall.data_dir(), options_now()), "config invalid");
        CHECK_FALSE(l.ok);
        CHECK(l.fix.find(config.string()) != std::string::npos);
    }
    SECTION("a server key others can read") {
        fs::permissions(hall.data_dir() / "server.key", fs::perms::others_read, fs::perm_options::add);
        const DoctorLine l = line_with(run_doctor(config, hall.data_dir(), options_now()), "readable by others");
        CHECK_FALSE(l.ok);
        CHECK(l.fix.find("chmod 600") != std::string::npos);
    }
    SECTION("a server key that is gone") {
        fs::remove(hall.data_dir() / "server.key");
        const DoctorLine l = line_with(run_doctor(config, hall.data_dir(), options_now()), "server key missing");
        CHECK_FALSE(l.ok);
    }
    SECTION("a damaged database") {
        const fs::path db = hall.data_dir() / "hall.db";
        const auto size = fs::file_size(db);
        REQUIRE(size > 8192);
        {
            std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(static_cast<std::streamoff>(size / 2));
            const std::string junk(4096, '\x5a');
            f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
        }
        auto lines = run_doctor(config, hall.data_dir(), options_now());
        bool reported = false;
        for (const DoctorLine& l : lines)
            if (!l.ok && (l.text.find("database damaged") != std::string::npos ||
                          l.text.find("device list unreadable") != std::string::npos))
                reported = true;
        CHECK(reported);
        for (const DoctorLine& l : lines) CHECK(l.text.find("database intact") == std::string::npos);
    }
}

TEST_CASE("doctor: a network printer that answers, and one that does not", "[doctor]") {
    TestHall hall;
    hall.stop();
    int port = 0;
    {
        Listener printer;
        port = printer.port;
        const fs::path config =
            write_config(hall, "\n[printer]\nsink = \"network\"\nhost = \"127.0.0.1\"\nport = " + std::to_string(port) + "\n");
        CHECK(line_with(run_doctor(config, hall.data_dir(), options_now()), "network printer answers").ok);
    }
    // The printer is switched off: nothing listens on its port any more.
    const fs::path config =
        write_config(hall, "\n[printer]\nsink = \"network\"\nhost = \"127.0.0.1\"\nport = " + std::to_string(port) + "\n");
    const DoctorLine l = line_with(run_doctor(config, hall.data_dir(), options_now()), "network printer unreachable");
    CHECK_FALSE(l.ok);
    CHECK(l.fix.find("--print-test") != std::string::npos);
}
