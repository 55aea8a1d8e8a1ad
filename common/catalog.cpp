// The service catalog loader and checker. One pass over each file both builds the model and
// records every deviation from assets/catalog/SCHEMA.md, so `check` and `load` can never
// disagree about what is valid. Nothing here throws: JSON errors, I/O errors and even
// unexpected library exceptions become problems.
#include "common/catalog.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

namespace hall {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

constexpr int kSchemaVersion = 1;

struct ComponentInfo {
    Component component;
    std::string_view key;
    std::string_view title_id;
    std::string_view title_en;
};

// Indexed by the enum's value; the static_assert below keeps the two in step.
constexpr std::array<ComponentInfo, kComponentCount> kComponents{{
    {Component::persyaratan, "persyaratan", "Persyaratan", "Requirements"},
    {Component::prosedur, "prosedur", "Sistem, Mekanisme dan Prosedur",
     "System, Mechanism and Procedure"},
    {Component::jangka_waktu, "jangka_waktu", "Jangka Waktu Pelayanan", "Service Time Frame"},
    {Component::biaya, "biaya", "Biaya/Tarif", "Cost/Fee"},
    {Component::produk, "produk", "Produk Pelayanan", "Service Product"},
    {Component::pengaduan, "pengaduan", "Penanganan Pengaduan, Saran dan Masukan",
     "Handling of Complaints, Suggestions and Feedback"},
    {Component::dasar_hukum, "dasar_hukum", "Dasar Hukum", "Legal Basis"},
    {Component::sarana_prasarana, "sarana_prasarana", "Sarana dan Prasarana, dan/atau Fasilitas",
     "Facilities, Infrastructure and/or Equipment"},
    {Component::kompetensi_pelaksana, "kompetensi_pelaksana", "Kompetensi Pelaksana",
     "Competence of Staff"},
    {Component::pengawasan_internal, "pengawasan_internal", "Pengawasan Internal",
     "Internal Supervision"},
    {Component::jumlah_pelaksana, "jumlah_pelaksana", "Jumlah Pelaksana", "Number of Staff"},
    {Component::jaminan_pelayanan, "jaminan_pelayanan", "Jaminan Pelayanan", "Service Guarantee"},
    {Component::jaminan_keamanan, "jaminan_keamanan", "Jaminan Keamanan dan Keselamatan Pelayanan",
     "Service Security and Safety Guarantee"},
    {Component::evaluasi_kinerja, "evaluasi_kinerja", "Evaluasi Kinerja Pelaksana",
     "Staff Performance Evaluation"},
}};

constexpr bool components_in_enum_order() {
    for (int i = 0; i < kComponentCount; ++i) {
        if (static_cast<int>(kComponents[i].component) != i) return false;
    }
    return true;
}
static_assert(components_in_enum_order(), "kComponents must follow the order of enum Component");
static_assert(static_cast<int>(Component::evaluasi_kinerja) == kComponentCount - 1);
static_assert(static_cast<int>(Component::pengaduan) == kPublicComponentCount - 1);

struct UnitInfo {
    DurationUnit unit;
    std::string_view key;
    double minutes;  // a working day is the 8-hour office day, not a calendar day
};

constexpr std::array<UnitInfo, 4> kUnits{{
    {DurationUnit::minute, "minute", 1},
    {DurationUnit::hour, "hour", 60},
    {DurationUnit::day, "day", 24 * 60},
    {DurationUnit::working_day, "working_day", 8 * 60},
}};

constexpr std::string_view kUnitList = "minute, hour, day, working_day";

const ComponentInfo& component_info(Component c) {
    return kComponents[static_cast<std::size_t>(c)];
}

// ---- small text helpers ----------------------------------------------------------------------

std::string join(const std::string& path, std::string_view key) {
    if (path.empty()) return std::string(key);
    std::string out = path;
    out += '.';
    out += key;
    return out;
}

std::string at_index(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

std::string in_quotes(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_slug(std::string_view text) {
    if (text.empty()) return false;
    for (char ch : text) {
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
        if (!ok) return false;
    }
    return true;
}

bool is_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char ch : text) {
        if (ch < '0' || ch > '9') return false;
    }
    return true;
}

// A multi-word name without a single lower-case letter was copied from an ALL CAPS heading.
bool is_all_caps(std::string_view text) {
    int upper = 0;
    for (char ch : text) {
        if (ch >= 'a' && ch <= 'z') return false;
        if (ch >= 'A' && ch <= 'Z') ++upper;
    }
    return upper >= 2 && text.find(' ') != std::string_view::npos;
}

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    if (!is_digits(text.substr(0, 4)) || !is_digits(text.substr(5, 2)) ||
        !is_digits(text.substr(8, 2))) {
        return false;
    }
    const int year = std::stoi(std::string(text.substr(0, 4)));
    const unsigned month = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
    const unsigned day = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
    return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                       std::chrono::day{day}}
        .ok();
}

// Leftovers of the document conversion that SCHEMA.md says must be removed from texts.
std::optional<std::string> find_artifact(std::string_view text) {
    if (text.find("**") != std::string_view::npos) return "contains markdown emphasis \"**\"";
    if (text.find("NO KOMPONEN URAIAN") != std::string_view::npos) {
        return "contains a page-break table header \"NO KOMPONEN URAIAN\"";
    }
    if (text.find("graph TD") != std::string_view::npos ||
        text.find("-->") != std::string_view::npos) {
        return "contains flow-diagram syntax";
    }
    // An HTML tag: '<', optional '/', a letter, then '>' before any other '<'.
    for (std::size_t i = text.find('<'); i != std::string_view::npos; i = text.find('<', i + 1)) {
        std::size_t j = i + 1;
        if (j < text.size() && text[j] == '/') ++j;
        if (j >= text.size()) break;
        const char ch = text[j];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) continue;
        const std::size_t close = text.find_first_of("<>", j);
        if (close != std::string_view::npos && text[close] == '>') return "contains an HTML tag";
    }
    return std::nullopt;
}

std::string type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        case json::value_t::binary:
        case json::value_t::discarded: break;
    }
    return "an unexpected value";
}

std::string format_number(double value) {
    if (std::floor(value) == value && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    std::ostringstream out;
    out << value;
    return out.str();
}

const json* find_member(const json& object, std::string_view key) {
    const auto it = object.find(std::string(key));
    return it == object.end() ? nullptr : &*it;
}

bool is_dash_content(const Content& content) {
    return content.size() == 1 && content[0].text == "-" && content[0].items.empty();
}

// ---- one file -------------------------------------------------------------------------------

enum class Presence { required, nullable };

// Service ids already taken, mapped to the file that took them first. Agency ids may repeat:
// one agency can have several source documents (NNN_<agency-id>.json with different NNN).
struct SeenIds {
    std::map<std::string, std::string, std::less<>> services;
};

// A field that may be null; `valid` is false when a problem was already reported for it, so
// consistency checks that depend on it stay quiet instead of piling up follow-on problems.
template <class T>
struct Checked {
    bool valid = false;
    std::optional<T> value;
};

// Reads one parsed file into an Agency, reporting every problem it meets on the way.
class FileReader {
public:
    FileReader(std::string file, SeenIds& seen, std::vector<CatalogProblem>& problems)
        : m_file(std::move(file)), m_seen(seen), m_problems(problems) {}

    Agency read(const json& root);

private:
    void report(const std::string& field, std::string message) {
        m_problems.push_back({m_file, m_service_id, field, std::move(message)});
    }

    void check_keys(const json& object, std::initializer_list<std::string_view> allowed,
                    const std::string& path);
    const json* require_member(const json& object, std::string_view key, const std::string& path);
    const json* require_object(const json& object, std::string_view key, const std::string& path);
    std::string read_string(const json& object, std::string_view key, const std::string& path,
                            Presence presence);
    std::vector<std::string> read_strings(const json& object, std::string_view key,
                                          const std::string& path);

    void read_source(const json& root, Agency& agency);
    void read_agency(const json& value, Agency& agency);
    void read_decree(const json& value, Decree& decree);
    void read_pledge(const json& object, Agency& agency);
    void read_services(const json& root, Agency& agency);
    Service read_service(const json& value, std::size_t index, const std::string& agency_id);
    void check_service_id(const std::string& id, const std::string& agency_id);
    void read_components(const json& value, Service& service);
    Content read_content(const json& value, const std::string& path);
    ContentNode read_node(const json& value, const std::string& path);
    void read_duration(const json& value, Service& service);
    Checked<double> read_amount(const json& object, std::string_view key, const std::string& path);
    Checked<DurationUnit> read_unit(const json& object, const std::string& path);
    void read_fee(const json& value, Service& service);
    void check_file_name(const std::string& agency_id);

    std::string m_file;
    std::string m_service_id;  // context of the problems reported while reading a service
    SeenIds& m_seen;
    std::vector<CatalogProblem>& m_problems;
};

void FileReader::check_keys(const json& object, std::initializer_list<std::string_view> allowed,
                            const std::string& path) {
    for (const auto& [key, value] : object.items()) {
        bool known = false;
        for (std::string_view name : allowed) known = known || name == key;
        if (!known) report(join(path, key), "unknown key (not in the schema)");
    }
}

const json* FileReader::require_member(const json& object, std::string_view key,
                                       const std::string& path) {
    const json* value = find_member(object, key);
    if (value == nullptr) report(join(path, key), "missing required field");
    return value;
}

const json* FileReader::require_object(const json& object, std::string_view key,
                                       const std::string& path) {
    const json* value = require_member(object, key, path);
    if (value == nullptr) return nullptr;
    if (!value->is_object()) {
        report(join(path, key), "must be an object, found " + type_name(*value));
        return nullptr;
    }
    return value;
}

std::string FileReader::read_string(const json& object, std::string_view key,
                                    const std::string& path, Presence presence) {
    const std::string field = join(path, key);
    const json* value = require_member(object, key, path);
    if (value == nullptr) return {};
    if (value->is_null() && presence == Presence::nullable) return {};
    if (!value->is_string()) {
        report(field, "must be a string" +
                          std::string(presence == Presence::nullable ? " or null" : "") +
                          ", found " + type_name(*value));
        return {};
    }
    std::string text = value->get<std::string>();
    if (is_blank(text)) {
        report(field, presence == Presence::nullable ? "must not be empty (use null instead)"
                                                     : "must not be empty");
    }
    return text;
}

std::vector<std::string> FileReader::read_strings(const json& object, std::string_view key,
                                                  const std::string& path) {
    std::vector<std::string> out;
    const std::string field = join(path, key);
    const json* value = require_member(object, key, path);
    if (value == nullptr) return out;
    if (!value->is_array()) {
        report(field, "must be an array of strings, found " + type_name(*value));
        return out;
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
        const json& item = (*value)[i];
        if (!item.is_string()) {
            report(at_index(field, i), "must be a string, found " + type_name(item));
        } else if (is_blank(item.get_ref<const std::string&>())) {
            report(at_index(field, i), "must not be empty");
        } else {
            out.push_back(item.get<std::string>());
        }
    }
    return out;
}

Agency FileReader::read(const json& root) {
    Agency agency;
    if (!root.is_object()) {
        report("", "the top level must be an object, found " + type_name(root));
        return agency;
    }
    check_keys(root, {"schema_version", "source", "agency", "services"}, "");

    if (const json* version = require_member(root, "schema_version", "")) {
        if (!version->is_number_integer() || version->get<std::int64_t>() != kSchemaVersion) {
            report("schema_version", "must be " + std::to_string(kSchemaVersion) + ", found " +
                                         (version->is_number() ? version->dump()
                                                               : type_name(*version)));
        }
    }
    read_source(root, agency);
    if (const json* value = require_object(root, "agency", "")) read_agency(*value, agency);
    read_services(root, agency);
    return agency;
}

void FileReader::read_source(const json& root, Agency& agency) {
    std::string& document = agency.source_document;
    if (const json* source = require_object(root, "source", "")) {
        check_keys(*source, {"document", "title"}, "source");
        document = read_string(*source, "document", "source", Presence::required);
        read_string(*source, "title", "source", Presence::nullable);
    }
    // The agency id is only known later; the rest of the file name is checked in read_agency.
    if (!document.empty()) {
        const std::size_t underscore = document.find('_');
        const std::size_t file_underscore = m_file.find('_');
        if (underscore != std::string::npos && is_digits(document.substr(0, underscore)) &&
            file_underscore != std::string::npos &&
            document.substr(0, underscore) != m_file.substr(0, file_underscore)) {
            report("source.document", "the document number " +
                                          in_quotes(document.substr(0, underscore)) +
                                          " does not match the file name's number " +
                                          in_quotes(m_file.substr(0, file_underscore)));
        }
    }
}

void FileReader::read_agency(const json& value, Agency& agency) {
    const std::string path = "agency";
    check_keys(value,
               {"id", "name", "parent", "region", "address", "phone", "decree", "pledge",
                "declared_services", "notes"},
               path);
    agency.id = read_string(value, "id", path, Presence::required);
    if (!agency.id.empty()) {
        if (!is_slug(agency.id)) {
            report("agency.id", in_quotes(agency.id) + " is not a slug ([a-z0-9-]+)");
        }
        check_file_name(agency.id);
    }
    agency.name = read_string(value, "name", path, Presence::required);
    if (is_all_caps(agency.name)) report("agency.name", "is in ALL CAPS; use title case");
    agency.parent = read_string(value, "parent", path, Presence::required);
    agency.region = read_string(value, "region", path, Presence::required);
    agency.address = read_string(value, "address", path, Presence::nullable);
    agency.phone = read_string(value, "phone", path, Presence::nullable);
    if (const json* decree = require_object(value, "decree", path)) {
        read_decree(*decree, agency.decree);
    }
    read_pledge(value, agency);
    agency.declared_services = read_strings(value, "declared_services", path);
    agency.notes = read_strings(value, "notes", path);
}

void FileReader::read_decree(const json& value, Decree& decree) {
    const std::string path = "agency.decree";
    check_keys(value, {"number", "date", "date_text", "signed_by"}, path);
    decree.number = read_string(value, "number", path, Presence::nullable);
    decree.date = read_string(value, "date", path, Presence::nullable);
    if (!decree.date.empty() && !is_iso_date(decree.date)) {
        report(join(path, "date"), in_quotes(decree.date) + " is not a valid date (yyyy-mm-dd)");
    }
    decree.date_text = read_string(value, "date_text", path, Presence::nullable);
    decree.signed_by = read_string(value, "signed_by", path, Presence::nullable);
}

void FileReader::read_pledge(const json& object, Agency& agency) {
    const std::string path = "agency.pledge";
    const json* pledge = require_member(object, "pledge", "agency");
    if (pledge == nullptr || pledge->is_null()) return;
    if (!pledge->is_object()) {
        report(path, "must be an object or null, found " + type_name(*pledge));
        return;
    }
    check_keys(*pledge, {"text", "decree_number"}, path);
    agency.pledge = read_string(*pledge, "text", path, Presence::required);
    read_string(*pledge, "decree_number", path, Presence::nullable);
}

void FileReader::check_file_name(const std::string& agency_id) {
    const std::size_t underscore = m_file.find('_');
    const std::string expected_tail = "_" + agency_id + ".json";
    const bool numbered = underscore != std::string::npos &&
                          is_digits(std::string_view(m_file).substr(0, underscore));
    if (!numbered || m_file.substr(underscore) != expected_tail) {
        report("agency.id", "the file name should be NNN" + expected_tail +
                                " (NNN = the source document's number)");
    }
}

void FileReader::read_services(const json& root, Agency& agency) {
    const json* services = require_member(root, "services", "");
    if (services == nullptr) return;
    if (!services->is_array()) {
        report("services", "must be an array, found " + type_name(*services));
        return;
    }
    if (services->empty()) report("services", "must list at least one service");
    for (std::size_t i = 0; i < services->size(); ++i) {
        agency.services.push_back(read_service((*services)[i], i, agency.id));
    }
    m_service_id.clear();
}

Service FileReader::read_service(const json& value, std::size_t index,
                                 const std::string& agency_id) {
    Service service;
    service.agency_id = agency_id;
    m_service_id.clear();
    if (!value.is_object()) {
        report(at_index("services", index), "must be an object, found " + type_name(value));
        return service;
    }
    const json* id = find_member(value, "id");
    const bool usable_id =
        id != nullptr && id->is_string() && !is_blank(id->get_ref<const std::string&>());
    m_service_id = usable_id ? id->get<std::string>() : at_index("services", index);

    check_keys(value,
               {"id", "number", "group", "name", "components", "duration", "fee", "notes"}, "");
    service.id = read_string(value, "id", "", Presence::required);
    if (usable_id) check_service_id(service.id, agency_id);
    service.number = read_string(value, "number", "", Presence::required);
    service.group = read_string(value, "group", "", Presence::nullable);
    service.name = read_string(value, "name", "", Presence::required);
    if (is_all_caps(service.name)) report("name", "is in ALL CAPS; use sentence or title case");
    if (const json* components = require_object(value, "components", "")) {
        read_components(*components, service);
    }
    bool duration_unknown = false;
    if (const json* duration = require_object(value, "duration", "")) {
        read_duration(*duration, service);
        const json* amount = find_member(*duration, "value");
        duration_unknown = amount != nullptr && amount->is_null();
    }
    if (const json* fee = require_object(value, "fee", "")) read_fee(*fee, service);
    service.notes = read_strings(value, "notes", "");

    // SCHEMA.md: a missing duration or a "-" component comes with a note explaining it.
    const json* notes = find_member(value, "notes");
    if (notes != nullptr && notes->is_array() && notes->empty()) {
        if (duration_unknown) report("notes", "the duration has no value but no note says why");
        for (const ComponentInfo& info : kComponents) {
            if (is_dash_content(service.component(info.component))) {
                report("notes", "component " + std::string(info.key) +
                                    " is \"-\" but no note says so");
            }
        }
    }
    return service;
}

void FileReader::check_service_id(const std::string& id, const std::string& agency_id) {
    const std::size_t dot = id.find('.');
    if (dot == std::string::npos) {
        report("id", in_quotes(id) + " is not of the form <agency-id>.<slug>");
    } else {
        const std::string prefix = id.substr(0, dot);
        const std::string slug = id.substr(dot + 1);
        if (!agency_id.empty() && prefix != agency_id) {
            report("id", in_quotes(id) + " is not prefixed by its agency id " +
                             in_quotes(agency_id + "."));
        }
        if (!is_slug(slug)) report("id", "the slug " + in_quotes(slug) + " is not [a-z0-9-]+");
    }
    if (auto [it, inserted] = m_seen.services.try_emplace(id, m_file); !inserted) {
        report("id", it->second == m_file
                         ? std::string("duplicate service id, already used earlier in this file")
                         : "duplicate service id, first used in " + it->second);
    }
}

void FileReader::read_components(const json& value, Service& service) {
    const std::string path = "components";
    for (const auto& [key, item] : value.items()) {
        bool known = false;
        for (const ComponentInfo& info : kComponents) known = known || info.key == key;
        if (!known) report(join(path, key), "unknown component (not one of the 14 of the schema)");
    }
    for (const ComponentInfo& info : kComponents) {
        const std::string field = join(path, info.key);
        const json* content = find_member(value, info.key);
        if (content == nullptr) {
            report(field, "missing component");
            continue;
        }
        service.components[static_cast<std::size_t>(info.component)] =
            read_content(*content, field);
    }
}

Content FileReader::read_content(const json& value, const std::string& path) {
    Content content;
    if (!value.is_array()) {
        report(path, "must be an array of nodes, found " + type_name(value));
        return content;
    }
    if (value.empty()) report(path, "must have at least one node");
    for (std::size_t i = 0; i < value.size(); ++i) {
        content.push_back(read_node(value[i], at_index(path, i)));
    }
    return content;
}

ContentNode FileReader::read_node(const json& value, const std::string& path) {
    ContentNode node;
    if (!value.is_object()) {
        report(path, "must be an object (a node), found " + type_name(value));
        return node;
    }
    check_keys(value, {"label", "text", "items"}, path);
    node.text = read_string(value, "text", path, Presence::required);
    if (auto artifact = find_artifact(node.text)) report(join(path, "text"), *artifact);
    if (const json* label = find_member(value, "label")) {
        if (!label->is_string()) {
            report(join(path, "label"), "must be a string, found " + type_name(*label));
        } else if (is_blank(label->get_ref<const std::string&>())) {
            report(join(path, "label"), "must not be empty (omit it for a plain paragraph)");
        } else {
            node.label = label->get<std::string>();
        }
    }
    if (const json* items = find_member(value, "items")) {
        const std::string field = join(path, "items");
        if (!items->is_array()) {
            report(field, "must be an array of nodes, found " + type_name(*items));
        } else if (items->empty()) {
            report(field, "must not be empty (omit it when there is no sub-list)");
        } else {
            for (std::size_t i = 0; i < items->size(); ++i) {
                node.items.push_back(read_node((*items)[i], at_index(field, i)));
            }
        }
    }
    return node;
}

Checked<double> FileReader::read_amount(const json& object, std::string_view key,
                                        const std::string& path) {
    Checked<double> out;
    const json* value = require_member(object, key, path);
    if (value == nullptr) return out;
    if (value->is_null()) {
        out.valid = true;
        return out;
    }
    if (!value->is_number()) {
        report(join(path, key), "must be a number or null, found " + type_name(*value));
        return out;
    }
    const double number = value->get<double>();
    if (number < 0) {
        report(join(path, key), "must not be negative, found " + format_number(number));
        return out;
    }
    out.valid = true;
    out.value = number;
    return out;
}

Checked<DurationUnit> FileReader::read_unit(const json& object, const std::string& path) {
    Checked<DurationUnit> out;
    const json* value = require_member(object, "unit", path);
    if (value == nullptr) return out;
    if (value->is_null()) {
        out.valid = true;
        return out;
    }
    if (!value->is_string()) {
        report(join(path, "unit"), "must be a string or null, found " + type_name(*value));
        return out;
    }
    const std::string& text = value->get_ref<const std::string&>();
    for (const UnitInfo& info : kUnits) {
        if (info.key == text) {
            out.valid = true;
            out.value = info.unit;
            return out;
        }
    }
    report(join(path, "unit"), in_quotes(text) + " is not one of " + std::string(kUnitList));
    return out;
}

void FileReader::read_duration(const json& value, Service& service) {
    const std::string path = "duration";
    check_keys(value, {"value", "max", "unit", "text"}, path);
    const Checked<double> amount = read_amount(value, "value", path);
    const Checked<double> max = read_amount(value, "max", path);
    const Checked<DurationUnit> unit = read_unit(value, path);
    service.duration.text = read_string(value, "text", path, Presence::required);
    service.duration.value = amount.value;
    service.duration.max = max.value;
    service.duration.unit = unit.value;

    if (amount.valid && unit.valid) {
        if (amount.value && !unit.value) report("duration.unit", "is null while value is set");
        if (!amount.value && unit.value) report("duration.unit", "is set while value is null");
    }
    if (amount.valid && max.valid && max.value) {
        if (!amount.value) {
            report("duration.max", "is set while value is null");
        } else if (*max.value < *amount.value) {
            report("duration.max", "(" + format_number(*max.value) + ") is less than value (" +
                                       format_number(*amount.value) + ")");
        }
    }
}

void FileReader::read_fee(const json& value, Service& service) {
    const std::string path = "fee";
    check_keys(value, {"rupiah", "text"}, path);
    if (const json* rupiah = require_member(value, "rupiah", path)) {
        if (rupiah->is_number_unsigned()) {
            if (rupiah->get<std::uint64_t>() >
                static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) {
                report("fee.rupiah", "is out of range");
            } else {
                service.fee.rupiah = rupiah->get<long long>();
            }
        } else if (rupiah->is_number_integer()) {
            const long long amount = rupiah->get<long long>();
            if (amount < 0) {
                report("fee.rupiah", "must not be negative, found " + std::to_string(amount));
            } else {
                service.fee.rupiah = amount;
            }
        } else if (!rupiah->is_null()) {
            report("fee.rupiah", "must be a whole number of rupiah or null, found " +
                                     (rupiah->is_number() ? rupiah->dump() : type_name(*rupiah)));
        }
    }
    service.fee.text = read_string(value, "text", path, Presence::required);
}

// ---- the folder -----------------------------------------------------------------------------

// nlohmann's message carries its own position prefix; keep only the description after it.
std::string parse_error_detail(const std::string& what) {
    const std::size_t at = what.find("parse error");
    if (at == std::string::npos) return what;
    const std::size_t colon = what.find(": ", at);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

std::string parse_error_message(std::string_view text, const json::parse_error& error) {
    const std::size_t byte = std::min<std::size_t>(error.byte, text.size() + 1);
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    const std::size_t column = byte > line_start ? byte - line_start : 1;
    return "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(column) +
           " (byte " + std::to_string(error.byte) + "): " + parse_error_detail(error.what());
}

struct ReadOutcome {
    std::vector<Agency> agencies;
    std::vector<CatalogProblem> problems;
};

void read_text(const std::string& file, std::string_view text, SeenIds& seen, ReadOutcome& out);

void read_file(const fs::path& path, SeenIds& seen, ReadOutcome& out) {
    const std::string file = path.filename().string();
    std::ifstream stream(path, std::ios::binary);
    std::string text;
    if (stream.is_open()) {
        text.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
    }
    if (!stream.is_open() || stream.bad()) {
        out.problems.push_back({file, "", "", "cannot read the file"});
        return;
    }
    read_text(file, text, seen, out);
}

// Parses and checks the text of one file named `file`.
void read_text(const std::string& file, std::string_view text, SeenIds& seen, ReadOutcome& out) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& error) {
        out.problems.push_back({file, "", "", parse_error_message(text, error)});
        return;
    } catch (const json::exception& error) {
        // Not a parse_error: a number too large for a double ("1e400", out_of_range 406).
        // Found by tests/fuzz; the input is tests/fuzz/regressions/fuzz_catalog/.
        const std::string what = error.what();
        const std::size_t bracket = what.find("] ");
        out.problems.push_back(
            {file, "", "", "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2))});
        return;
    }
    FileReader reader(file, seen, out.problems);
    out.agencies.push_back(reader.read(root));
}

ReadOutcome read_catalog(const fs::path& dir) {
    ReadOutcome out;
    const std::string where = dir.string();
    try {
        std::error_code error;
        if (!fs::exists(dir, error)) {
            out.problems.push_back({where, "", "", "the catalog folder does not exist"});
            return out;
        }
        if (!fs::is_directory(dir, error)) {
            out.problems.push_back({where, "", "", "the catalog path is not a folder"});
            return out;
        }
        std::vector<fs::path> files;
        bool empty = true;
        for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
            empty = false;
            std::error_code status_error;
            if (it->path().extension() == ".json" && it->is_regular_file(status_error)) {
                files.push_back(it->path());
            }
        }
        if (error) {
            out.problems.push_back({where, "", "", "cannot list the folder: " + error.message()});
            return out;
        }
        if (empty) {
            out.problems.push_back({where, "", "", "the catalog folder is empty"});
            return out;
        }
        if (files.empty()) {
            out.problems.push_back({where, "", "", "the catalog folder has no .json files"});
            return out;
        }
        std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
            return a.filename().string() < b.filename().string();
        });
        SeenIds seen;
        for (const fs::path& path : files) read_file(path, seen, out);
    } catch (const std::exception& exception) {
        // Defensive: nothing above should throw, but a catalog problem must never escape.
        out.problems.push_back(
            {where, "", "", std::string("unexpected error: ") + exception.what()});
    }
    return out;
}

}  // namespace

std::string_view component_key(Component c) { return component_info(c).key; }
std::string_view component_title_id(Component c) { return component_info(c).title_id; }
std::string_view component_title_en(Component c) { return component_info(c).title_en; }

std::optional<double> Duration::max_minutes() const {
    const std::optional<double> bound = max ? max : value;
    if (!bound || !unit) return std::nullopt;
    for (const UnitInfo& info : kUnits) {
        if (info.unit == *unit) return *bound * info.minutes;
    }
    return std::nullopt;
}

std::string format_problems(const std::vector<CatalogProblem>& problems) {
    std::string out;
    for (const CatalogProblem& problem : problems) {
        if (!out.empty()) out += '\n';
        out += problem.file.empty() ? "-" : problem.file;
        out += ": ";
        out += problem.service_id.empty() ? "-" : problem.service_id;
        out += ": ";
        out += problem.field.empty() ? "-" : problem.field;
        out += ": ";
        out += problem.message;
    }
    return out;
}

Result<Catalog> Catalog::load(const std::filesystem::path& dir) {
    ReadOutcome outcome = read_catalog(dir);
    if (!outcome.problems.empty()) {
        return make_error("catalog_invalid", format_problems(outcome.problems));
    }
    Catalog catalog;
    catalog.m_agencies = std::move(outcome.agencies);
    return catalog;
}

std::vector<CatalogProblem> Catalog::check(const std::filesystem::path& dir) {
    return read_catalog(dir).problems;
}

std::vector<CatalogProblem> Catalog::check_text(const std::string& file_name, std::string_view text) {
    ReadOutcome out;
    SeenIds seen;
    try {
        read_text(file_name, text, seen, out);
    } catch (const std::exception& exception) {
        // Defensive, as in read_catalog: the fuzz target treats this problem as a bug.
        out.problems.push_back({file_name, "", "", std::string("unexpected error: ") + exception.what()});
    }
    return out.problems;
}

const Agency* Catalog::find_agency(std::string_view id) const {
    for (const Agency& agency : m_agencies) {
        if (agency.id == id) return &agency;
    }
    return nullptr;
}

const Service* Catalog::find_service(std::string_view id) const {
    for (const Agency& agency : m_agencies) {
        for (const Service& service : agency.services) {
            if (service.id == id) return &service;
        }
    }
    return nullptr;
}

std::size_t Catalog::service_count() const {
    std::size_t count = 0;
    for (const Agency& agency : m_agencies) count += agency.services.size();
    return count;
}

}  // namespace hall
