// Tests of the catalog loader and checker on small catalogs written to a temporary folder: a
// valid catalog loads with its fields and nesting, and each kind of schema problem is reported
// once, with its file, service and field, and never thrown.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
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
using hall::DurationUnit;

// A fresh folder under the system temporary folder, removed with its contents at scope exit.
class TempDir {
public:
    TempDir() {
        static std::atomic<unsigned> counter{0};
        const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
        const std::string name = "hall-catalog-test-" + std::to_string(std::random_device{}()) +
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

    void write(const std::string& name, const std::string& text) const {
        std::ofstream out(m_path / name, std::ios::binary);
        out << text;
        REQUIRE(out.good());
    }
    void write(const std::string& name, const json& document) const {
        write(name, document.dump(2));
    }

private:
    fs::path m_path;
};

constexpr const char* kFile = "001_dinas-contoh.json";

// One agency, two services: the first with a nested list and fixed duration and fee, the
// second grouped, with a duration range, an unknown fee and notes.
constexpr const char* kMinimalCatalog = R"json({
  "schema_version": 1,
  "source": {"document": "001_abcdef.txt", "title": "Keputusan Kepala Dinas Contoh"},
  "agency": {
    "id": "dinas-contoh",
    "name": "Dinas Contoh",
    "parent": "Pemerintah Kabupaten Contoh",
    "region": "Kabupaten Contoh",
    "address": null,
    "phone": "(0343) 123456",
    "decree": {"number": "100/1/2024", "date": "2024-01-11", "date_text": "11 Januari 2024",
               "signed_by": null},
    "pledge": {"text": "Kami sanggup melayani.", "decree_number": null},
    "declared_services": ["Izin Usaha", "Legalisir Dokumen", "Layanan Lain"],
    "notes": ["An agency-level note."]
  },
  "services": [
    {
      "id": "dinas-contoh.izin-usaha",
      "number": "1",
      "group": null,
      "name": "Izin Usaha",
      "components": {
        "persyaratan": [{"label": "1.", "text": "KTP"}, {"label": "2.", "text": "NPWP"}],
        "prosedur": [{"label": "1.", "text": "Pemohon datang",
                      "items": [{"label": "a.", "text": "Mengambil nomor antrean"},
                                {"label": "b.", "text": "Menunggu panggilan",
                                 "items": [{"label": "-", "text": "Di ruang tunggu"}]}]},
                     {"label": "2.", "text": "Petugas memeriksa berkas"}],
        "jangka_waktu": [{"text": "1 (satu) hari kerja"}],
        "biaya": [{"text": "Rp. 25.000,-"}],
        "produk": [{"text": "Surat izin"}],
        "pengaduan": [{"text": "Kotak saran"}],
        "dasar_hukum": [{"text": "Undang-Undang Nomor 25 Tahun 2009"}],
        "sarana_prasarana": [{"text": "Ruang tunggu"}],
        "kompetensi_pelaksana": [{"text": "Memahami peraturan"}],
        "pengawasan_internal": [{"text": "Atasan langsung"}],
        "jumlah_pelaksana": [{"text": "2 orang"}],
        "jaminan_pelayanan": [{"text": "Sesuai standar"}],
        "jaminan_keamanan": [{"text": "Data dijaga"}],
        "evaluasi_kinerja": [{"text": "Setiap tahun"}]
      },
      "duration": {"value": 1, "max": null, "unit": "working_day", "text": "1 (satu) hari kerja"},
      "fee": {"rupiah": 25000, "text": "Rp. 25.000,-"},
      "notes": []
    },
    {
      "id": "dinas-contoh.legalisir",
      "number": "2",
      "group": "Bidang Umum",
      "name": "Legalisir Dokumen",
      "components": {
        "persyaratan": [{"text": "Dokumen asli"}],
        "prosedur": [{"text": "Menyerahkan dokumen"}],
        "jangka_waktu": [{"text": "10 s/d 15 menit"}],
        "biaya": [{"text": "-"}],
        "produk": [{"text": "Dokumen dilegalisir"}],
        "pengaduan": [{"text": "Kotak saran"}],
        "dasar_hukum": [{"text": "Peraturan Bupati"}],
        "sarana_prasarana": [{"text": "Meja layanan"}],
        "kompetensi_pelaksana": [{"text": "Teliti"}],
        "pengawasan_internal": [{"text": "Kepala bidang"}],
        "jumlah_pelaksana": [{"text": "1 orang"}],
        "jaminan_pelayanan": [{"text": "Tepat waktu"}],
        "jaminan_keamanan": [{"text": "Dokumen aman"}],
        "evaluasi_kinerja": [{"text": "Setiap bulan"}]
      },
      "duration": {"value": 10, "max": 15, "unit": "minute", "text": "10 s/d 15 menit"},
      "fee": {"rupiah": null, "text": "-"},
      "notes": ["The fee component is \"-\" in the source."]
    }
  ]
})json";

json minimal_catalog() { return json::parse(kMinimalCatalog); }

// Writes `document` as the only file of a fresh catalog and checks it.
std::vector<CatalogProblem> check_document(const json& document) {
    TempDir dir;
    dir.write(kFile, document);
    return Catalog::check(dir.path());
}

// Asserts that exactly one problem was found, at the given place.
void require_single_problem(const std::vector<CatalogProblem>& problems,
                            const std::string& service_id, const std::string& field) {
    INFO(hall::format_problems(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == kFile);
    CHECK(problems[0].service_id == service_id);
    CHECK(problems[0].field == field);
    CHECK_FALSE(problems[0].message.empty());
}

const std::string kFirst = "dinas-contoh.izin-usaha";
const std::string kSecond = "dinas-contoh.legalisir";

}  // namespace

TEST_CASE("a valid minimal catalog loads with its fields and nesting", "[catalog]") {
    TempDir dir;
    dir.write(kFile, std::string(kMinimalCatalog));
    CHECK(Catalog::check(dir.path()).empty());

    auto loaded = Catalog::load(dir.path());
    INFO((loaded.ok() ? std::string() : loaded.error().message));
    REQUIRE(loaded.ok());
    const Catalog& catalog = *loaded;

    REQUIRE(catalog.agencies().size() == 1);
    CHECK(catalog.service_count() == 2);
    const hall::Agency* agency = catalog.find_agency("dinas-contoh");
    REQUIRE(agency != nullptr);
    CHECK(catalog.find_agency("dinas-lain") == nullptr);
    CHECK(agency->name == "Dinas Contoh");
    CHECK(agency->parent == "Pemerintah Kabupaten Contoh");
    CHECK(agency->region == "Kabupaten Contoh");
    CHECK(agency->address.empty());
    CHECK(agency->phone == "(0343) 123456");
    CHECK(agency->decree.number == "100/1/2024");
    CHECK(agency->decree.date == "2024-01-11");
    CHECK(agency->decree.date_text == "11 Januari 2024");
    CHECK(agency->decree.signed_by.empty());
    CHECK(agency->pledge == "Kami sanggup melayani.");
    CHECK(agency->declared_services.size() == 3);
    CHECK(agency->notes == std::vector<std::string>{"An agency-level note."});
    CHECK(agency->source_document == "001_abcdef.txt");
    REQUIRE(agency->services.size() == 2);

    const hall::Service* first = catalog.find_service(kFirst);
    REQUIRE(first != nullptr);
    CHECK(first == &agency->services[0]);
    CHECK(first->agency_id == "dinas-contoh");
    CHECK(first->number == "1");
    CHECK(first->group.empty());
    CHECK(first->name == "Izin Usaha");
    CHECK(first->notes.empty());
    const hall::Content& requirements = first->component(Component::persyaratan);
    REQUIRE(requirements.size() == 2);
    CHECK(requirements[1].label == "2.");
    CHECK(requirements[1].text == "NPWP");
    const hall::Content& procedure = first->component(Component::prosedur);
    REQUIRE(procedure.size() == 2);
    REQUIRE(procedure[0].items.size() == 2);
    CHECK(procedure[0].items[0].label == "a.");
    CHECK(procedure[0].items[0].text == "Mengambil nomor antrean");
    REQUIRE(procedure[0].items[1].items.size() == 1);
    CHECK(procedure[0].items[1].items[0].label == "-");
    CHECK(procedure[0].items[1].items[0].text == "Di ruang tunggu");
    CHECK(procedure[1].items.empty());
    CHECK(first->component(Component::jangka_waktu)[0].label.empty());
    CHECK(first->component(Component::evaluasi_kinerja)[0].text == "Setiap tahun");
    CHECK(first->duration.value == 1.0);
    CHECK_FALSE(first->duration.max.has_value());
    CHECK(first->duration.unit == DurationUnit::working_day);
    CHECK(first->duration.text == "1 (satu) hari kerja");
    CHECK(first->fee.rupiah == 25000);
    CHECK(first->fee.text == "Rp. 25.000,-");

    const hall::Service* second = catalog.find_service(kSecond);
    REQUIRE(second != nullptr);
    CHECK(second->group == "Bidang Umum");
    CHECK(second->duration.value == 10.0);
    CHECK(second->duration.max == 15.0);
    CHECK(second->duration.unit == DurationUnit::minute);
    CHECK(second->duration.max_minutes() == 15.0);
    CHECK_FALSE(second->fee.rupiah.has_value());
    CHECK(second->notes.size() == 1);
    CHECK(catalog.find_service("dinas-contoh.none") == nullptr);
}

TEST_CASE("malformed JSON is reported with its position, not thrown", "[catalog]") {
    TempDir dir;
    dir.write(kFile, std::string("{\n  \"schema_version\": 1,\n  \"source\": {,\n}\n"));
    std::vector<CatalogProblem> problems;
    REQUIRE_NOTHROW(problems = Catalog::check(dir.path()));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == kFile);
    CHECK(problems[0].service_id.empty());
    CHECK(problems[0].message.find("invalid JSON") != std::string::npos);
    CHECK(problems[0].message.find("line 3") != std::string::npos);
    CHECK(problems[0].message.find("byte") != std::string::npos);

    SECTION("truncated and non-UTF-8 files too") {
        dir.write(kFile, std::string(kMinimalCatalog).substr(0, 500));
        dir.write("002_dinas-contoh.json", std::string("{\"a\": \"\xff\"}"));
        REQUIRE_NOTHROW(problems = Catalog::check(dir.path()));
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].file == kFile);
        CHECK(problems[1].file == "002_dinas-contoh.json");
        CHECK(problems[1].message.find("line 1") != std::string::npos);
    }
    SECTION("the top level must be an object") {
        dir.write(kFile, std::string("[1, 2]"));
        problems = Catalog::check(dir.path());
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].message.find("object") != std::string::npos);
    }
}

TEST_CASE("a wrong schema_version is reported", "[catalog]") {
    json doc = minimal_catalog();
    doc["schema_version"] = 2;
    require_single_problem(check_document(doc), "", "schema_version");
    doc["schema_version"] = "1";
    require_single_problem(check_document(doc), "", "schema_version");
    doc.erase("schema_version");
    require_single_problem(check_document(doc), "", "schema_version");
}

TEST_CASE("missing and wrongly typed fields are reported", "[catalog]") {
    json doc = minimal_catalog();
    SECTION("missing service field") {
        doc["services"][0].erase("name");
        const auto problems = check_document(doc);
        require_single_problem(problems, kFirst, "name");
        CHECK(problems[0].message.find("missing") != std::string::npos);
    }
    SECTION("number as a JSON number") {
        doc["services"][1]["number"] = 2;
        require_single_problem(check_document(doc), kSecond, "number");
    }
    SECTION("agency phone as a number") {
        doc["agency"]["phone"] = 343123456;
        require_single_problem(check_document(doc), "", "agency.phone");
    }
    SECTION("required agency field set to null") {
        doc["agency"]["region"] = nullptr;
        require_single_problem(check_document(doc), "", "agency.region");
    }
    SECTION("missing nullable field") {
        doc["agency"]["decree"].erase("date");
        require_single_problem(check_document(doc), "", "agency.decree.date");
    }
    SECTION("invalid decree date") {
        doc["agency"]["decree"]["date"] = "2024-02-30";
        require_single_problem(check_document(doc), "", "agency.decree.date");
    }
    SECTION("pledge of the wrong type") {
        doc["agency"]["pledge"] = "Kami sanggup";
        require_single_problem(check_document(doc), "", "agency.pledge");
    }
    SECTION("notes not an array") {
        doc["services"][0]["notes"] = "none";
        require_single_problem(check_document(doc), kFirst, "notes");
    }
    SECTION("a declared service that is not a string") {
        doc["agency"]["declared_services"][1] = 7;
        require_single_problem(check_document(doc), "", "agency.declared_services[1]");
    }
    SECTION("services not an array") {
        doc["services"] = json::object();
        require_single_problem(check_document(doc), "", "services");
    }
    SECTION("a service without an id is named by its index") {
        doc["services"][1].erase("id");
        require_single_problem(check_document(doc), "services[1]", "id");
    }
    SECTION("a content node that is a string") {
        doc["services"][0]["components"]["produk"][0] = "Surat izin";
        require_single_problem(check_document(doc), kFirst, "components.produk[0]");
    }
    SECTION("unknown keys") {
        doc["services"][0]["nmae"] = "typo";
        require_single_problem(check_document(doc), kFirst, "nmae");
        doc = minimal_catalog();
        doc["agency"]["decree"]["place"] = "Pasuruan";
        require_single_problem(check_document(doc), "", "agency.decree.place");
        doc = minimal_catalog();
        doc["services"][0]["components"]["prosedur"][0]["items"][1]["note"] = "x";
        require_single_problem(check_document(doc), kFirst, "components.prosedur[0].items[1].note");
    }
}

TEST_CASE("empty texts are reported with their path", "[catalog]") {
    json doc = minimal_catalog();
    SECTION("a list item") {
        doc["services"][0]["components"]["persyaratan"][1]["text"] = "";
        require_single_problem(check_document(doc), kFirst, "components.persyaratan[1].text");
    }
    SECTION("a nested item, blank") {
        doc["services"][0]["components"]["prosedur"][0]["items"][1]["items"][0]["text"] = "  ";
        require_single_problem(check_document(doc), kFirst,
                               "components.prosedur[0].items[1].items[0].text");
    }
    SECTION("an empty label") {
        doc["services"][0]["components"]["persyaratan"][0]["label"] = "";
        require_single_problem(check_document(doc), kFirst, "components.persyaratan[0].label");
    }
    SECTION("a service name") {
        doc["services"][1]["name"] = "";
        require_single_problem(check_document(doc), kSecond, "name");
    }
    SECTION("duration and fee texts") {
        doc["services"][0]["duration"]["text"] = "";
        doc["services"][1]["fee"]["text"] = "";
        const auto problems = check_document(doc);
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].service_id == kFirst);
        CHECK(problems[0].field == "duration.text");
        CHECK(problems[1].service_id == kSecond);
        CHECK(problems[1].field == "fee.text");
    }
    SECTION("a nullable string that is empty instead of null") {
        doc["agency"]["address"] = "";
        require_single_problem(check_document(doc), "", "agency.address");
    }
    SECTION("an agency note") {
        doc["agency"]["notes"][0] = "";
        require_single_problem(check_document(doc), "", "agency.notes[0]");
    }
}

TEST_CASE("conversion leftovers in texts are reported", "[catalog]") {
    json doc = minimal_catalog();
    const char* texts[] = {"KTP<br>NPWP", "**KTP**", "NO KOMPONEN URAIAN", "A --> B"};
    for (const char* text : texts) {
        doc["services"][0]["components"]["persyaratan"][0]["text"] = text;
        INFO(text);
        require_single_problem(check_document(doc), kFirst, "components.persyaratan[0].text");
    }
    doc["services"][0]["components"]["persyaratan"][0]["text"] = "Umur < 17 tahun, biaya > 0";
    CHECK(check_document(doc).empty());
}

TEST_CASE("ids must be slugs prefixed by their agency id", "[catalog]") {
    json doc = minimal_catalog();
    SECTION("a service slug with capitals and underscores") {
        doc["services"][0]["id"] = "dinas-contoh.Izin_Usaha";
        require_single_problem(check_document(doc), "dinas-contoh.Izin_Usaha", "id");
    }
    SECTION("a service id without a dot") {
        doc["services"][0]["id"] = "izin-usaha";
        require_single_problem(check_document(doc), "izin-usaha", "id");
    }
    SECTION("a service id with another agency's prefix") {
        doc["services"][1]["id"] = "dinas-lain.legalisir";
        const auto problems = check_document(doc);
        require_single_problem(problems, "dinas-lain.legalisir", "id");
        CHECK(problems[0].message.find("prefixed") != std::string::npos);
    }
    SECTION("a non-slug agency id") {
        doc["agency"]["id"] = "Dinas_Contoh";
        doc["services"][0]["id"] = "Dinas_Contoh.izin-usaha";
        doc["services"][1]["id"] = "Dinas_Contoh.legalisir";
        TempDir dir;
        dir.write("001_Dinas_Contoh.json", doc);
        const auto problems = Catalog::check(dir.path());
        INFO(hall::format_problems(problems));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].file == "001_Dinas_Contoh.json");
        CHECK(problems[0].service_id.empty());
        CHECK(problems[0].field == "agency.id");
    }
    SECTION("a file name that does not match the agency id") {
        TempDir dir;
        dir.write("001_dinas-lain.json", doc);
        const auto problems = Catalog::check(dir.path());
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].file == "001_dinas-lain.json");
        CHECK(problems[0].field == "agency.id");
    }
    SECTION("a document number that does not match the file name") {
        doc["source"]["document"] = "007_abcdef.txt";
        require_single_problem(check_document(doc), "", "source.document");
    }
}

TEST_CASE("duplicate service ids are caught, within a file and across files", "[catalog]") {
    SECTION("within one file") {
        json doc = minimal_catalog();
        doc["services"][1]["id"] = kFirst;
        const auto problems = check_document(doc);
        require_single_problem(problems, kFirst, "id");
        CHECK(problems[0].message.find("duplicate") != std::string::npos);
    }
    SECTION("across two files of the same agency") {
        TempDir dir;
        dir.write(kFile, std::string(kMinimalCatalog));
        json second = minimal_catalog();
        second["source"]["document"] = "002_fedcba.txt";
        second["services"][0]["id"] = "dinas-contoh.izin-baru";
        dir.write("002_dinas-contoh.json", second);  // services[1] repeats kSecond
        const auto problems = Catalog::check(dir.path());
        INFO(hall::format_problems(problems));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].file == "002_dinas-contoh.json");
        CHECK(problems[0].service_id == kSecond);
        CHECK(problems[0].field == "id");
        CHECK(problems[0].message.find(kFile) != std::string::npos);

        auto loaded = Catalog::load(dir.path());
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().code == "catalog_invalid");
    }
}

TEST_CASE("components: all 14 required, non-empty, no unknown keys", "[catalog]") {
    json doc = minimal_catalog();
    SECTION("a missing component") {
        doc["services"][0]["components"].erase("biaya");
        const auto problems = check_document(doc);
        require_single_problem(problems, kFirst, "components.biaya");
        CHECK(problems[0].message.find("missing") != std::string::npos);
    }
    SECTION("an empty component") {
        doc["services"][1]["components"]["produk"] = json::array();
        require_single_problem(check_document(doc), kSecond, "components.produk");
    }
    SECTION("a component that is not an array") {
        doc["services"][1]["components"]["produk"] = "Dokumen";
        require_single_problem(check_document(doc), kSecond, "components.produk");
    }
    SECTION("an unknown component key") {
        doc["services"][1]["components"]["keterangan"] = json::array({{{"text", "x"}}});
        require_single_problem(check_document(doc), kSecond, "components.keterangan");
    }
    SECTION("components that are not an object") {
        doc["services"][1]["components"] = json::array();
        require_single_problem(check_document(doc), kSecond, "components");
    }
    SECTION("a \"-\" component needs a note") {
        doc["services"][0]["components"]["jumlah_pelaksana"] = json::array({{{"text", "-"}}});
        require_single_problem(check_document(doc), kFirst, "notes");
    }
    SECTION("empty items are reported") {
        doc["services"][0]["components"]["persyaratan"][0]["items"] = json::array();
        require_single_problem(check_document(doc), kFirst, "components.persyaratan[0].items");
    }
}

TEST_CASE("duration unit and value/max consistency", "[catalog]") {
    json doc = minimal_catalog();
    json& duration = doc["services"][0]["duration"];
    SECTION("an unknown unit") {
        duration["unit"] = "fortnight";
        const auto problems = check_document(doc);
        require_single_problem(problems, kFirst, "duration.unit");
        CHECK(problems[0].message.find("fortnight") != std::string::npos);
    }
    SECTION("max below value") {
        duration["value"] = 3;
        duration["max"] = 1;
        require_single_problem(check_document(doc), kFirst, "duration.max");
    }
    SECTION("max equal to value is accepted") {
        duration["max"] = 1;
        CHECK(check_document(doc).empty());
    }
    SECTION("unit null while value set") {
        duration["unit"] = nullptr;
        require_single_problem(check_document(doc), kFirst, "duration.unit");
    }
    SECTION("unit set while value null") {
        duration["value"] = nullptr;
        doc["services"][0]["notes"] = json::array({"No duration in the source."});
        require_single_problem(check_document(doc), kFirst, "duration.unit");
    }
    SECTION("max set while value null") {
        duration["value"] = nullptr;
        duration["unit"] = nullptr;
        duration["max"] = 5;
        doc["services"][0]["notes"] = json::array({"No duration in the source."});
        require_single_problem(check_document(doc), kFirst, "duration.max");
    }
    SECTION("no duration needs a note") {
        duration["value"] = nullptr;
        duration["unit"] = nullptr;
        require_single_problem(check_document(doc), kFirst, "notes");
        doc["services"][0]["notes"] = json::array({"No duration in the source."});
        CHECK(check_document(doc).empty());
    }
    SECTION("a negative or non-numeric value") {
        duration["value"] = -1;
        require_single_problem(check_document(doc), kFirst, "duration.value");
        duration["value"] = "1";
        require_single_problem(check_document(doc), kFirst, "duration.value");
    }
    SECTION("a missing key") {
        duration.erase("max");
        require_single_problem(check_document(doc), kFirst, "duration.max");
    }
}

TEST_CASE("fee rupiah must be a non-negative whole number or null", "[catalog]") {
    json doc = minimal_catalog();
    json& fee = doc["services"][0]["fee"];
    SECTION("negative") {
        fee["rupiah"] = -5000;
        require_single_problem(check_document(doc), kFirst, "fee.rupiah");
    }
    SECTION("fractional") {
        fee["rupiah"] = 2500.5;
        require_single_problem(check_document(doc), kFirst, "fee.rupiah");
    }
    SECTION("a string") {
        fee["rupiah"] = "25000";
        require_single_problem(check_document(doc), kFirst, "fee.rupiah");
    }
    SECTION("zero is free") {
        fee["rupiah"] = 0;
        CHECK(check_document(doc).empty());
    }
}

TEST_CASE("names copied in ALL CAPS are reported", "[catalog]") {
    json doc = minimal_catalog();
    doc["services"][0]["name"] = "IZIN USAHA";
    require_single_problem(check_document(doc), kFirst, "name");
    doc["services"][0]["name"] = "Izin Usaha (SIUP)";
    CHECK(check_document(doc).empty());
}

TEST_CASE("every problem is reported in one pass, in file order", "[catalog]") {
    TempDir dir;
    json first = minimal_catalog();
    first["services"][0]["components"].erase("evaluasi_kinerja");
    first["services"][1]["fee"]["rupiah"] = -1;
    dir.write(kFile, first);
    json second = minimal_catalog();
    second["source"]["document"] = "002_x.txt";
    second["services"][0]["id"] = "dinas-contoh.a";
    second["services"][1]["id"] = "dinas-contoh.b";
    second["services"][1]["duration"]["unit"] = "week";
    dir.write("002_dinas-contoh.json", second);
    dir.write("README.md", std::string("not a catalog file"));

    const auto problems = Catalog::check(dir.path());
    INFO(hall::format_problems(problems));
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].field == "components.evaluasi_kinerja");
    CHECK(problems[1].field == "fee.rupiah");
    CHECK(problems[1].service_id == kSecond);
    CHECK(problems[2].file == "002_dinas-contoh.json");
    CHECK(problems[2].service_id == "dinas-contoh.b");
    CHECK(problems[2].field == "duration.unit");
}

TEST_CASE("empty, json-less and missing folders are reported", "[catalog]") {
    TempDir dir;
    SECTION("empty") {
        const auto problems = Catalog::check(dir.path());
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].message.find("empty") != std::string::npos);
    }
    SECTION("no .json files") {
        dir.write("SCHEMA.md", std::string("# schema"));
        dir.write("000_x.json.bak", std::string("{}"));
        fs::create_directory(dir.path() / "sub.json");
        const auto problems = Catalog::check(dir.path());
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].message.find(".json") != std::string::npos);
    }
    SECTION("missing") {
        std::vector<CatalogProblem> problems;
        REQUIRE_NOTHROW(problems = Catalog::check(dir.path() / "nowhere"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].message.find("does not exist") != std::string::npos);
    }
}

TEST_CASE("load fails with catalog_invalid listing one problem per line", "[catalog]") {
    TempDir dir;
    json doc = minimal_catalog();
    doc["services"][0]["duration"]["unit"] = "fortnight";
    doc["services"][1]["components"]["persyaratan"][0]["text"] = "";
    dir.write(kFile, doc);

    auto loaded = Catalog::load(dir.path());
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().code == "catalog_invalid");
    const std::string& message = loaded.error().message;
    CHECK(message == hall::format_problems(Catalog::check(dir.path())));
    const std::string first_line = message.substr(0, message.find('\n'));
    CHECK(first_line.rfind(std::string(kFile) + ": " + kFirst + ": duration.unit: ", 0) == 0);
    const std::string second_line = message.substr(message.find('\n') + 1);
    CHECK(second_line.rfind(std::string(kFile) + ": " + kSecond +
                                ": components.persyaratan[0].text: ",
                            0) == 0);
    CHECK(second_line.find('\n') == std::string::npos);

    auto missing = Catalog::load(dir.path() / "nowhere");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "catalog_invalid");
}

TEST_CASE("format_problems writes four parts per line", "[catalog]") {
    const std::vector<CatalogProblem> problems{
        {"a.json", "x.y", "fee.rupiah", "must not be negative"},
        {"b.json", "", "", "invalid JSON"},
    };
    CHECK(hall::format_problems(problems) ==
          "a.json: x.y: fee.rupiah: must not be negative\nb.json: -: -: invalid JSON");
    CHECK(hall::format_problems({}).empty());
}

TEST_CASE("max_minutes converts the upper bound to minutes", "[catalog]") {
    hall::Duration duration;
    CHECK_FALSE(duration.max_minutes().has_value());
    duration.value = 10;
    CHECK_FALSE(duration.max_minutes().has_value());  // no unit
    duration.unit = DurationUnit::minute;
    CHECK(duration.max_minutes() == 10.0);
    duration.unit = DurationUnit::hour;
    CHECK(duration.max_minutes() == 600.0);
    duration.value = 1;
    duration.unit = DurationUnit::day;
    CHECK(duration.max_minutes() == 1440.0);
    duration.unit = DurationUnit::working_day;
    CHECK(duration.max_minutes() == 480.0);
    duration.max = 5;
    CHECK(duration.max_minutes() == 2400.0);
    duration.unit = DurationUnit::hour;
    duration.value = 0.5;
    duration.max = std::nullopt;
    CHECK(duration.max_minutes() == 30.0);
}

TEST_CASE("component keys and titles cover all 14 components", "[catalog]") {
    std::vector<std::string_view> keys;
    for (int i = 0; i < hall::kComponentCount; ++i) {
        const auto component = static_cast<Component>(i);
        CHECK_FALSE(hall::component_key(component).empty());
        CHECK_FALSE(hall::component_title_id(component).empty());
        CHECK_FALSE(hall::component_title_en(component).empty());
        keys.push_back(hall::component_key(component));
    }
    std::sort(keys.begin(), keys.end());
    CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
    CHECK(hall::component_key(Component::jangka_waktu) == "jangka_waktu");
    CHECK(hall::component_key(Component::evaluasi_kinerja) == "evaluasi_kinerja");
    CHECK(hall::component_title_id(Component::prosedur) == "Sistem, Mekanisme dan Prosedur");
    CHECK(hall::component_title_id(Component::biaya) == "Biaya/Tarif");
    CHECK(hall::component_title_id(Component::sarana_prasarana) ==
          "Sarana dan Prasarana, dan/atau Fasilitas");
    CHECK(hall::component_title_id(Component::jaminan_keamanan) ==
          "Jaminan Keamanan dan Keselamatan Pelayanan");
    CHECK(hall::component_title_en(Component::prosedur) == "System, Mechanism and Procedure");
}
