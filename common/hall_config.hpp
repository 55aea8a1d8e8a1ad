// The hall's configuration (TOML, edited by the hall's admin; see assets/hall.example.toml):
// what the hall offers, when, through which counters, and where its programs connect.
// Parsing never crashes and never falls back silently: a wrong file is an error naming the line,
// the key and what is wrong.
#pragma once
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/catalog.hpp"
#include "common/result.hpp"

namespace hall {

// Minutes since local midnight, [start, end).
struct TimeRange {
    int start_minute = 0;
    int end_minute = 0;
    bool contains(int minute) const { return minute >= start_minute && minute < end_minute; }
};

struct BreakPeriod {
    std::string name;  // e.g. "Istirahat", "Sholat Jumat"
    TimeRange time;
};

// Opening hours of one weekday. Closed when `open` is false.
struct DaySchedule {
    bool open = false;
    TimeRange hours;
    std::vector<BreakPeriod> breaks;
};

struct Holiday {
    std::string date;  // yyyy-mm-dd
    std::string name;
};

// A service the hall offers, resolved against the catalog.
struct OfferedService {
    std::string service_id;  // catalog id
    std::string agency_id;
    std::string prefix;      // ticket prefix, 1-3 uppercase letters, e.g. "A"
    int daily_quota = 0;     // 0 = no quota
};

struct CounterConfig {
    std::string id;    // e.g. "loket-1"
    std::string name;  // spoken and shown, e.g. "Loket 1"
    std::vector<std::string> services;  // catalog service ids (agency wildcards expanded)
    std::string zone;
};

struct ZoneConfig {
    std::string id;
    std::string name;
};

enum class PriorityMode { interleave, strict };
struct PriorityPolicy {
    PriorityMode mode = PriorityMode::interleave;
    int regular_per_priority = 1;  // interleave: one priority ticket after this many regular ones
};

enum class PrinterSink { none, file, device, network };
struct PrinterConfig {
    PrinterSink sink = PrinterSink::file;
    std::string path;       // file: folder for .bin/.png; device: e.g. /dev/usb/lp0
    std::string host;       // network
    int port = 9100;        // network
    int paper_width_dots = 576;  // 80 mm printers; 384 for 58 mm
};

struct ServerEndpoints {
    std::string bind_address = "127.0.0.1";
    int request_port = 5555;  // 0 = any free port (tests)
    int publish_port = 5556;
    int http_port = 8080;
    std::string server_host = "127.0.0.1";  // where clients connect
    std::string public_url = "http://127.0.0.1:8080";  // base of the ticket QR link
};

struct KioskConfig {
    int idle_seconds = 60;
    int countdown_seconds = 10;
};

struct DisplayConfig {
    int volume = 80;  // 0-100
    bool mute = false;
    std::string running_text;
};

// Scheduled online backups of the server's database (see queue_server/backup.hpp).
struct BackupConfig {
    int interval_minutes = 0;    // 0 = no scheduled backups
    int keep = 7;                // how many scheduled backups to keep (the oldest go first)
    std::string dir = "backups"; // relative to the server's data dir (or absolute)
};

struct HallConfig {
    std::string hall_name;
    int utc_offset_minutes = 7 * 60;  // hall's local time, e.g. WIB = +07:00
    std::filesystem::path catalog_dir;  // absolute (resolved relative to the config file)
    std::vector<std::string> languages{"id", "en"};
    ServerEndpoints server;
    std::array<DaySchedule, 7> week;  // index 0 = Monday ... 6 = Sunday
    std::vector<Holiday> holidays;
    PriorityPolicy priority;
    std::vector<OfferedService> services;  // in the order the config offers them
    std::vector<CounterConfig> counters;
    std::vector<ZoneConfig> zones;
    PrinterConfig printer;
    KioskConfig kiosk;
    DisplayConfig display;
    BackupConfig backup;

    const OfferedService* find_service(std::string_view service_id) const;
    const CounterConfig* find_counter(std::string_view counter_id) const;
    const Holiday* find_holiday(std::string_view date) const;
};

// Parses TOML text; `source_name` names the file in errors and `base_dir` resolves relative
// paths. The catalog is loaded from the configured folder and every offered service, counter
// service and wildcard is checked against it.
Result<HallConfig> parse_hall_config(std::string_view toml_text, const std::string& source_name,
                                     const std::filesystem::path& base_dir,
                                     Catalog* catalog_out = nullptr);
// Reads and parses a config file. Also returns the loaded catalog through `catalog_out`.
Result<HallConfig> load_hall_config(const std::filesystem::path& file, Catalog* catalog_out = nullptr);

}  // namespace hall
