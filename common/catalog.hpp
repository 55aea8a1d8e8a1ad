// The service catalog: the official Standar Pelayanan of each agency, loaded from
// assets/catalog/*.json (schema in assets/catalog/SCHEMA.md). Read-only after loading.
#pragma once
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace hall {

// One paragraph or list item of a component, with its nested sub-list.
struct ContentNode {
    std::string label;  // list marker as in the source ("1.", "a.", "-"), empty for paragraphs
    std::string text;
    std::vector<ContentNode> items;
};
using Content = std::vector<ContentNode>;

// The 14 components of PermenPAN-RB 15/2014, in the regulation's order.
enum class Component {
    persyaratan, prosedur, jangka_waktu, biaya, produk, pengaduan,                 // public
    dasar_hukum, sarana_prasarana, kompetensi_pelaksana, pengawasan_internal,      // management
    jumlah_pelaksana, jaminan_pelayanan, jaminan_keamanan, evaluasi_kinerja,
};
constexpr int kComponentCount = 14;
constexpr int kPublicComponentCount = 6;
// JSON key of a component, e.g. "persyaratan".
std::string_view component_key(Component c);
// Official Indonesian title, e.g. "Sistem, Mekanisme dan Prosedur".
std::string_view component_title_id(Component c);
// English title, e.g. "System, Mechanism and Procedure".
std::string_view component_title_en(Component c);

enum class DurationUnit { minute, hour, day, working_day };
struct Duration {
    std::optional<double> value;
    std::optional<double> max;
    std::optional<DurationUnit> unit;
    std::string text;  // verbatim
    // Upper bound in minutes (working day = 8 h, day = 24 h); nullopt when unknown.
    std::optional<double> max_minutes() const;
};

struct Fee {
    std::optional<long long> rupiah;  // 0 = free, nullopt = defers to regulation / unknown
    std::string text;                 // verbatim
};

struct Service {
    std::string id;  // "<agency-id>.<slug>", unique across the catalog
    std::string agency_id;
    std::string number;
    std::string group;  // empty when the source has no grouping
    std::string name;
    std::array<Content, kComponentCount> components;
    Duration duration;
    Fee fee;
    std::vector<std::string> notes;

    const Content& component(Component c) const { return components[static_cast<int>(c)]; }
};

struct Decree {
    std::string number;
    std::string date;  // ISO yyyy-mm-dd or empty
    std::string date_text;
    std::string signed_by;
};

struct Agency {
    std::string id;
    std::string name;
    std::string parent;
    std::string region;
    std::string address;
    std::string phone;
    Decree decree;
    std::string pledge;  // Maklumat Pelayanan, empty when none
    std::vector<std::string> declared_services;
    std::vector<std::string> notes;
    std::string source_document;
    std::vector<Service> services;
};

// A problem found while checking a catalog: where, and what is wrong.
struct CatalogProblem {
    std::string file;        // file name, e.g. "000_disperindag-pasuruan.json"
    std::string service_id;  // empty for file- or agency-level problems; "services[N]" when
                             // the service has no usable id
    std::string field;       // JSON path, e.g. "components.persyaratan[2].text"
    std::string message;     // English
};

// One line per problem, "file: service_id: field: message", joined by '\n' (no trailing
// newline); an empty service id or field is written as "-" so every line has four parts.
std::string format_problems(const std::vector<CatalogProblem>& problems);

class Catalog {
public:
    // Loads every *.json file of the folder, in file-name order. Problems make the load fail
    // with every problem listed in the error message (one per line).
    static Result<Catalog> load(const std::filesystem::path& dir);

    // Checks the folder against the schema without stopping at the first problem.
    // An empty result means the catalog is valid.
    static std::vector<CatalogProblem> check(const std::filesystem::path& dir);
    // Checks the text of one catalog file as if it were the file `file_name` (e.g.
    // "000_contoh-dinas.json") of a folder of its own. An empty result means it is valid.
    static std::vector<CatalogProblem> check_text(const std::string& file_name, std::string_view text);

    // One Agency per file, in file-name order (an agency with two documents appears twice).
    const std::vector<Agency>& agencies() const { return m_agencies; }
    // The first agency with that id, or nullptr.
    const Agency* find_agency(std::string_view id) const;
    // The service with that id, or nullptr.
    const Service* find_service(std::string_view id) const;
    // Services of all agencies.
    std::size_t service_count() const;

private:
    std::vector<Agency> m_agencies;
};

}  // namespace hall
