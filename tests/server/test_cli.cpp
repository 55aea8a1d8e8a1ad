// The queue_server command line: each way of starting it wrongly gives a clear line on stderr
// and a non-zero exit; keys and officers are made by its own commands; the catalog checker
// passes the shipped catalog and fails a broken copy.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <random>

#include <zmq.hpp>

#include "test_hall.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
    int status;
    std::string output;  // stdout and stderr together
};

Run run(const std::string& args) {
    std::string cmd = std::string(HALL_BIN_DIR) + "/queue_server " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    std::array<char, 1024> buf{};
    while (fgets(buf.data(), buf.size(), p)) out += buf.data();
    int rc = pclose(p);
    return {WEXITSTATUS(rc), out};
}

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("hall-cli-" + std::to_string(std::random_device{}()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A config for the fixture catalog listening on the given request port.
fs::path write_config(const fs::path& dir, int request_port) {
    std::string toml = hall::test::fixture_config_toml();
    auto replace = [&](const std::string& from, const std::string& to) { toml.replace(toml.find(from), from.size(), to); };
    replace("catalog = \"catalog\"", "catalog = \"" + (hall::test::source_dir() / "tests/fixtures/catalog").string() + "\"");
    replace("request_port = 0", "request_port = " + std::to_string(request_port));
    fs::path file = dir / "hall.toml";
    std::ofstream(file) << toml;
    return file;
}

}  // namespace

TEST_CASE("queue_server refuses to start wrongly, with one clear line each", "[cli]") {
    TempDir tmp;
    fs::path config = write_config(tmp.path, 0);
    std::string data = (tmp.path / "data").string();

    SECTION("missing config") {
        auto r = run("serve --config " + (tmp.path / "nope.toml").string() + " --data " + data);
        CHECK(r.status != 0);
        CHECK(r.output.find("config file") != std::string::npos);
        CHECK(r.output.find("does not exist") != std::string::npos);
    }
    SECTION("missing data dir") {
        auto r = run("serve --config " + config.string() + " --data " + data);
        CHECK(r.status != 0);
        CHECK(r.output == "queue_server: data dir " + data + " does not exist (run: queue_server keys init)\n");
    }
    SECTION("bad config") {
        std::ofstream(tmp.path / "bad.toml") << "[hall]\nname = 7\n";
        auto r = run("serve --config " + (tmp.path / "bad.toml").string() + " --data " + data);
        CHECK(r.status != 0);
        CHECK(r.output.find("bad.toml:2: [hall] name") != std::string::npos);
    }
    SECTION("no enrolled device") {
        REQUIRE(run("keys init --config " + config.string() + " --data " + data).status == 0);
        auto r = run("serve --config " + config.string() + " --data " + data);
        CHECK(r.status != 0);
        CHECK(r.output.find("no client keys are enrolled") != std::string::npos);
    }
    SECTION("port in use") {
        zmq::context_t ctx(1);
        zmq::socket_t squatter(ctx, zmq::socket_type::rep);
        squatter.bind("tcp://127.0.0.1:*");
        std::string endpoint = squatter.get(zmq::sockopt::last_endpoint);
        int port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
        fs::path busy = write_config(tmp.path, port);
        REQUIRE(run("keys init --config " + busy.string() + " --data " + data).status == 0);
        REQUIRE(run("keys add --role kiosk --name k1 --config " + busy.string() + " --data " + data + " --out " +
                    (tmp.path / "k1").string())
                    .status == 0);
        auto r = run("serve --config " + busy.string() + " --data " + data);
        CHECK(r.status != 0);
        CHECK(r.output.find("cannot listen for requests on tcp://127.0.0.1:" + std::to_string(port)) != std::string::npos);
    }
    SECTION("unknown command") {
        auto r = run("fly");
        CHECK(r.status != 0);
        CHECK(r.output.find("unknown command 'fly'") != std::string::npos);
    }
}

TEST_CASE("keys and officers are made by queue_server's own commands", "[cli]") {
    TempDir tmp;
    fs::path config = write_config(tmp.path, 0);
    std::string common = " --config " + config.string() + " --data " + (tmp.path / "data").string();
    REQUIRE(run("keys init" + common).status == 0);
    // A second init never overwrites the server's keys.
    auto again = run("keys init" + common);
    CHECK(again.status != 0);
    CHECK(again.output.find("not overwritten") != std::string::npos);
    REQUIRE(run("keys add --role counter --name desk-1" + common + " --out " + (tmp.path / "desk-1").string()).status == 0);
    auto keys = hall::load_client_keys(tmp.path / "desk-1");
    REQUIRE(keys);
    CHECK(keys->name == "desk-1");
    CHECK(keys->role == "counter");
    CHECK((fs::status(tmp.path / "desk-1" / "client.key").permissions() & fs::perms::others_read) == fs::perms::none);
    CHECK(run("keys add --role janitor --name x" + common + " --out " + (tmp.path / "x").string()).status != 0);
    // The same name twice is refused in words, and the first device's key folder is untouched.
    auto twice = run("keys add --role kiosk --name desk-1" + common + " --out " + (tmp.path / "desk-1b").string());
    CHECK(twice.status != 0);
    CHECK(twice.output.find("already enrolled (role counter)") != std::string::npos);
    CHECK(twice.output.find("UNIQUE") == std::string::npos);
    CHECK(run("officer add" + common + " --id siti --name Siti --pin 1234").status == 0);
    auto weak = run("officer add" + common + " --id budi --name Budi --pin 12");
    CHECK(weak.status != 0);
    CHECK(weak.output.find("PIN must be 4 to 12 digits") != std::string::npos);
    CHECK(run("officer add" + common + " --id siti --name Siti --pin 1234").status != 0);
}

TEST_CASE("catalog check passes the shipped catalog and names each problem of a broken one", "[cli][catalog]") {
    auto ok = run("catalog check " + (hall::test::source_dir() / "assets/catalog").string());
    CHECK(ok.status == 0);
    CHECK(ok.output.find("5 agencies, 83 services, no problems") != std::string::npos);

    TempDir tmp;
    fs::copy(hall::test::source_dir() / "assets/catalog", tmp.path / "catalog");
    fs::path broken = tmp.path / "catalog" / "000_disperindag-pasuruan.json";
    std::string text;
    {
        std::ifstream in(broken);
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto pos = text.find("\"unit\": \"working_day\"");
    REQUIRE(pos != std::string::npos);
    text.replace(pos, std::string("\"unit\": \"working_day\"").size(), "\"unit\": \"fortnight\"");
    std::ofstream(broken) << text;
    auto bad = run("catalog check " + (tmp.path / "catalog").string());
    CHECK(bad.status != 0);
    CHECK(bad.output.find("000_disperindag-pasuruan.json: disperindag-pasuruan.") != std::string::npos);
    CHECK(bad.output.find("duration.unit") != std::string::npos);
    CHECK(bad.output.find("1 problem(s)") != std::string::npos);
}
