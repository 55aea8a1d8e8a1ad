// Inputs that once broke a parser, kept in tests/fuzz/regressions/<target>/ (run_fuzz.sh
// replays them in the clang build too), fed here to the same functions in the normal build:
// every one must be handled without an exception, and the known ones with the answer that
// the fix gives.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "../server/test_hall.hpp"
#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/protocol/protocol.hpp"

namespace fs = std::filesystem;
using namespace hall::proto;

namespace {

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<fs::path> inputs_of(const std::string& target) {
    std::vector<fs::path> files;
    fs::path dir = hall::test::source_dir() / "tests/fuzz/regressions" / target;
    if (fs::is_directory(dir))
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::string regression(const std::string& target, const std::string& name) {
    return read_all(hall::test::source_dir() / "tests/fuzz/regressions" / target / name);
}

}  // namespace

TEST_CASE("every kept fuzz input is handled without an exception", "[security][fuzz]") {
    int count = 0;
    for (const fs::path& f : inputs_of("fuzz_decode_request")) {
        INFO(f);
        std::string bytes = read_all(f);
        CHECK_NOTHROW((void)decode_request(bytes));
        ++count;
    }
    for (const fs::path& f : inputs_of("fuzz_decode_reply")) {
        INFO(f);
        std::string bytes = read_all(f);
        CHECK_NOTHROW((void)decode_reply(bytes));
        ++count;
    }
    for (const fs::path& f : inputs_of("fuzz_catalog")) {
        INFO(f);
        auto problems = hall::Catalog::check_text("000_contoh-dinas.json", read_all(f));
        for (const auto& p : problems) CHECK(p.message.rfind("unexpected error", 0) == std::string::npos);
        ++count;
    }
    for (const fs::path& f : inputs_of("fuzz_hall_config")) {
        INFO(f);
        hall::Catalog catalog;
        CHECK_NOTHROW((void)hall::parse_hall_config(read_all(f), "fuzz.toml",
                                                    hall::test::source_dir() / "tests/fixtures", &catalog));
        ++count;
    }
    CHECK(count >= 6);
}

TEST_CASE("a number too large for a double is a catalog problem with the file's name", "[security][fuzz]") {
    for (const char* name : {"number-overflow-1e400.json", "crash-6d2be6b62112fa7998d47b8ab5e807f1c8004c50"}) {
        INFO(name);
        auto problems = hall::Catalog::check_text("000_contoh-dinas.json", regression("fuzz_catalog", name));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].file == "000_contoh-dinas.json");
        CHECK(problems[0].message == "invalid JSON: number overflow parsing '1e400'");
    }
}

TEST_CASE("an error reply whose code or message is not a string still decodes", "[security][fuzz]") {
    auto code = decode_reply(regression("fuzz_decode_reply", "error-code-not-a-string.json"));
    REQUIRE(code);
    CHECK_FALSE(code->ok);
    CHECK(code->error_code == "internal_error");
    CHECK(code->error_message.empty());
    auto message = decode_reply(regression("fuzz_decode_reply", "error-message-not-a-string.json"));
    REQUIRE(message);
    CHECK(message->error_code == "quota_reached");
    CHECK(message->error_message.empty());
}

TEST_CASE("a protocol version that narrows to 1 is still a version mismatch", "[security][fuzz]") {
    auto narrow = decode_request(regression("fuzz_decode_request", "version-4294967297-read-as-1.json"));
    REQUIRE_FALSE(narrow);
    CHECK(narrow.error().code == "version_mismatch");
    CHECK(narrow.error().message == "client speaks protocol 4294967297, server speaks 1");
    auto negative = decode_request(R"({"v":-9223372036854775807,"type":"hello","client":"x","req":1})");
    REQUIRE_FALSE(negative);
    CHECK(negative.error().code == "version_mismatch");
    auto beyond = decode_request(regression("fuzz_decode_request", "version-beyond-uint64.json"));
    REQUIRE_FALSE(beyond);
    CHECK(beyond.error().code == "malformed");  // a number past 2^64 is read as a double
    CHECK(decode_request(R"({"v":1,"type":"hello","client":"x","req":1})").ok());
}
