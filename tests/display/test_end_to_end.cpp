// End to end: a real queue server (TestHall), a display model fed by a HallLink with the
// display's own key, and calls made through the real hallctl program. Each call reaches the
// board and enters its announcement queue once, in call order; a recall enters it again; a
// server restart leaves the board's banner up, then resyncs it.
#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <thread>

#include "common/hall_link.hpp"
#include "display/board_feed.hpp"
#include "display/board_model.hpp"
#include "tests/server/test_hall.hpp"

using namespace hall::display;
using hall::json;
using hall::proto::MessageType;
using hall::test::TestHall;

namespace {

template <class Pred>
bool eventually(Pred pred, int ms = 15000) {
    for (int waited = 0; waited < ms; waited += 20) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return pred();
}

// Runs build/bin/hallctl with a key of the test hall; returns (exit code, output).
std::pair<int, std::string> hallctl(const TestHall& hall, const std::string& key, const std::string& args) {
    const std::string command = std::string(HALL_BIN_DIR) + "/hallctl --server 127.0.0.1:" +
                                std::to_string(hall.request_port()) + " --keys " + hall.key_dir(key).string() + " " +
                                args + " 2>&1";
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return {-1, "popen failed"};
    std::array<char, 512> buffer{};
    while (fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
    const int status = pclose(pipe);
    return {WEXITSTATUS(status), out};
}

std::vector<std::string> announced(const BoardModel& model) {
    std::vector<std::string> out;
    for (const Announcement& a : model.announcements().finished()) out.push_back(a.sentence());
    if (auto current = model.announcements().current()) out.push_back(current->sentence());
    for (const Announcement& a : model.announcements().pending()) out.push_back(a.sentence());
    return out;
}

BoardConfig fixture_board() {
    BoardConfig config;
    config.hall_name = "Mal Uji";
    config.counter_order = {"loket-1", "loket-2"};
    return config;
}

}  // namespace

TEST_CASE("a call made with hallctl reaches the display and enters its announcement queue",
          "[display][integration]") {
    TestHall hall;
    hall::RequestClient admin(hall.options("admin-1"));
    REQUIRE(admin.call(MessageType::officer_add, {{"officer", "sari"}, {"name", "Sari"}, {"pin", "2468"}})->ok);
    REQUIRE(admin.call(MessageType::officer_add, {{"officer", "budi"}, {"name", "Budi"}, {"pin", "1357"}})->ok);
    hall.enrol("counter-2", "counter");

    BoardModel model(fixture_board());
    hall::HallLink link(hall.options("display-1"));
    int wakes = 0;
    start_board_feed(link, model, [&wakes] { ++wakes; });
    REQUIRE(eventually([&] { return model.snapshot().loaded && model.snapshot().connected; }));
    CHECK(model.snapshot().hall_name == "Mal Uji");
    CHECK(model.announcements().pushed_count() == 0);

    // Visitors take tickets at the kiosk.
    // (layanan-satu and -dua share the prefix A; layanan-tiga has C; loket-2 serves only -dua.)
    for (const char* service : {"contoh-dinas.layanan-satu", "contoh-dinas.layanan-dua", "contoh-dinas.layanan-tiga"})
        REQUIRE(hallctl(hall, "kiosk-1", std::string("issue ") + service).first == 0);
    REQUIRE(eventually([&] { return model.snapshot().waiting_total == 3; }));

    // Two officers log in and call at once, then one recalls.
    REQUIRE(hallctl(hall, "counter-1", "login sari 2468 loket-1").first == 0);
    REQUIRE(hallctl(hall, "counter-2", "login budi 1357 loket-2").first == 0);
    auto [rc1, out1] = hallctl(hall, "counter-1", "call-next loket-1");
    REQUIRE(rc1 == 0);
    CHECK(out1.find("A-001") != std::string::npos);
    auto [rc2, out2] = hallctl(hall, "counter-2", "call-next loket-2");
    REQUIRE(rc2 == 0);
    CHECK(out2.find("A-002") != std::string::npos);
    REQUIRE(hallctl(hall, "counter-1", "recall loket-1").first == 0);

    REQUIRE(eventually([&] { return model.announcements().pushed_count() == 3; }));
    const std::vector<std::string> expected = {
        "Nomor antrian, a satu, silakan menuju loket satu.",
        "Nomor antrian, a dua, silakan menuju loket dua.",
        "Panggilan ulang, nomor antrian, a satu, silakan menuju loket satu.",
    };
    CHECK(announced(model) == expected);
    BoardSnapshot board = model.snapshot();
    REQUIRE(board.latest);
    CHECK(board.latest->number == "A-001");  // recalled: on top again
    CHECK(board.latest_is_new);
    REQUIRE(board.previous.size() == 1);
    CHECK(board.previous[0].number == "A-002");
    CHECK(board.waiting_total == 1);
    CHECK(wakes > 0);

    // The server goes away: the banner comes up and the board keeps its state.
    hall.stop();
    REQUIRE(eventually([&] { return !model.snapshot().connected; }));
    CHECK(model.snapshot().latest->number == "A-001");
    // It comes back; a call made meanwhile by another client is announced after the resync.
    hall.start();
    auto [rc3, out3] = hallctl(hall, "counter-1", "serve loket-1");
    CHECK(rc3 == 0);
    REQUIRE(hallctl(hall, "counter-1", "done loket-1").first == 0);
    REQUIRE(hallctl(hall, "counter-1", "call-next loket-1").first == 0);
    REQUIRE(eventually([&] { return model.snapshot().connected && model.announcements().pushed_count() == 4; }));
    CHECK(announced(model).back() == "Nomor antrian, ce satu, silakan menuju loket satu.");
    CHECK(model.snapshot().latest->number == "C-001");
    link.stop();
    // Nothing was announced twice.
    CHECK(model.announcements().pushed_count() == 4);
}
