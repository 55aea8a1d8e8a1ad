// Tests of the catalog shipped in assets/catalog: it passes the checker, holds the expected
// agencies and services, and a copy broken in three known ways reports exactly those three.
// The folder is found through HALL_SOURCE_DIR (set by CTest, else the compile definition).
#include <catch2/catch.hpp>

#include <set>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "common/catalog.hpp"

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;
using hall::Catalog;
using hall::CatalogProblem;
using hall::Component;

fs::path shipped_catalog_dir() {
    const char* from_environment = std::getenv("HALL_SOURCE_DIR");
    const fs::path source =
        (from_environment != nullptr && *from_environment != '\0') ? from_environment
                                                                   : HALL_SOURCE_DIR;
    return source / "assets" / "catalog";
}

// The shipped catalog, loaded once; a failed load fails every test that needs it.
const Catalog& shipped_catalog() {
    static const hall::Result<Catalog> loaded = Catalog::load(shipped_catalog_dir());
    INFO((loaded.ok() ? std::string() : loaded.error().message));
    REQUIRE(loaded.ok());
    return *loaded;
}

const hall::Agency& agency(const std::string& id) {
    const hall::Agency* found = shipped_catalog().find_agency(id);
    INFO(id);
    REQUIRE(found != nullptr);
    return *found;
}

// The one service of the agency whose name contains `part`.
const hall::Service& service_named(const std::string& agency_id, const std::string& part) {
    const hall::Service* found = nullptr;
    int matches = 0;
    for (const hall::Service& service : agency(agency_id).services) {
        if (service.name.find(part) != std::string::npos) {
            found = &service;
            ++matches;
        }
    }
    INFO(agency_id << ": services named like \"" << part << "\"");
    REQUIRE(matches == 1);
    return *found;
}

// A fresh folder under the system temporary folder, removed with its contents at scope exit.
class TempDir {
public:
    TempDir() {
        static std::atomic<unsigned> counter{0};
        const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
        const std::string name = "hall-catalog-shipped-" + std::to_string(std::random_device{}()) +
                                 "-" + std::to_string(now) + "-" + std::to_string(++counter);
        m_path = fs::temp_directory_path() / name;
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

json read_json(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.is_open());
    return json::parse(in);
}

void write_json(const fs::path& path, const json& document) {
    std::ofstream out(path, std::ios::binary);
    out << document.dump(2);
    REQUIRE(out.good());
}

}  // namespace

TEST_CASE("the shipped catalog passes the checker", "[catalog][shipped]") {
    const auto problems = Catalog::check(shipped_catalog_dir());
    INFO(hall::format_problems(problems));
    CHECK(problems.empty());
}

TEST_CASE("the shipped catalog has 5 agencies and 83 services", "[catalog][shipped]") {
    const Catalog& catalog = shipped_catalog();
    REQUIRE(catalog.agencies().size() == 5);
    const std::size_t expected[] = {11, 9, 43, 19, 1};
    for (std::size_t i = 0; i < 5; ++i) {
        INFO("file " << i << ": " << catalog.agencies()[i].id);
        CHECK(catalog.agencies()[i].services.size() == expected[i]);
    }
    CHECK(catalog.service_count() == 83);
}

TEST_CASE("Disperindag Pasuruan: the SKA costs Rp 25.000 and takes 1 working day",
          "[catalog][shipped]") {
    const hall::Service& ska = service_named("disperindag-pasuruan", "Surat Keterangan Asal");
    CHECK(ska.agency_id == "disperindag-pasuruan");
    CHECK(ska.fee.rupiah == 25000);
    CHECK(ska.duration.value == 1.0);
    CHECK(ska.duration.unit == hall::DurationUnit::working_day);
    CHECK(ska.duration.max_minutes() == 480.0);
}

TEST_CASE("Disperinaker Probolinggo: the Legalisir takes 10 minutes", "[catalog][shipped]") {
    const hall::Service& legalisir = service_named("disperinaker-probolinggo", "Legalisir");
    CHECK(legalisir.duration.value == 10.0);
    CHECK(legalisir.duration.unit == hall::DurationUnit::minute);
}

TEST_CASE("Setda Pasuruan services are grouped by Bagian", "[catalog][shipped]") {
    // Services I-IV are shared by every Bagian (their complaint channels list them all):
    // they carry no group and a note saying so. Every other service belongs to one Bagian.
    const hall::Agency& setda = agency("setda-pasuruan");
    REQUIRE(setda.services.size() == 43);
    std::set<std::string> groups;
    for (const hall::Service& service : setda.services) {
        INFO(service.id << " number " << service.number);
        bool shared = service.number == "I" || service.number == "II" || service.number == "III" ||
                      service.number == "IV";
        if (shared) {
            CHECK(service.group.empty());
            CHECK_FALSE(service.notes.empty());
        } else {
            CHECK(service.group.rfind("Bagian ", 0) == 0);
            groups.insert(service.group);
        }
    }
    CHECK(groups.size() == 10);
    CHECK(groups.count("Bagian Hukum") == 1);
    CHECK(groups.count("Bagian Protokol dan Komunikasi Pimpinan") == 1);
}

TEST_CASE("every shipped service has all 14 components and requirements", "[catalog][shipped]") {
    for (const hall::Agency& each : shipped_catalog().agencies()) {
        for (const hall::Service& service : each.services) {
            INFO(service.id);
            for (int i = 0; i < hall::kComponentCount; ++i) {
                INFO(hall::component_key(static_cast<Component>(i)));
                CHECK_FALSE(service.components[static_cast<std::size_t>(i)].empty());
            }
            CHECK(service.component(Component::persyaratan).size() >= 1);
        }
    }
}

TEST_CASE("a broken copy of the shipped catalog reports exactly the three breaks",
          "[catalog][shipped]") {
    const fs::path source = shipped_catalog_dir();
    TempDir dir;
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(source)) {
        if (entry.path().extension() != ".json") continue;
        fs::copy_file(entry.path(), dir.path() / entry.path().filename());
        files.push_back(entry.path().filename().string());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 3);

    // 1. First file, first service: drop a component.
    json first = read_json(dir.path() / files[0]);
    REQUIRE(first["services"].size() >= 1);
    const std::string missing_id = first["services"][0]["id"];
    first["services"][0]["components"].erase("evaluasi_kinerja");
    write_json(dir.path() / files[0], first);

    // 2. Second file: the first service with a unit gets an unknown one.
    json second = read_json(dir.path() / files[1]);
    std::string unit_id;
    for (json& service : second["services"]) {
        if (service["duration"]["unit"].is_string()) {
            unit_id = service["id"];
            service["duration"]["unit"] = "fortnight";
            break;
        }
    }
    REQUIRE_FALSE(unit_id.empty());
    write_json(dir.path() / files[1], second);

    // 3. Third file: its first service appears twice.
    json third = read_json(dir.path() / files[2]);
    REQUIRE(third["services"].size() >= 1);
    const std::string duplicate_id = third["services"][0]["id"];
    third["services"].push_back(third["services"][0]);
    write_json(dir.path() / files[2], third);

    const auto problems = Catalog::check(dir.path());
    INFO(hall::format_problems(problems));
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].file == files[0]);
    CHECK(problems[0].service_id == missing_id);
    CHECK(problems[0].field == "components.evaluasi_kinerja");
    CHECK(problems[1].file == files[1]);
    CHECK(problems[1].service_id == unit_id);
    CHECK(problems[1].field == "duration.unit");
    CHECK(problems[2].file == files[2]);
    CHECK(problems[2].service_id == duplicate_id);
    CHECK(problems[2].field == "id");

    auto loaded = Catalog::load(dir.path());
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().code == "catalog_invalid");
}
