// The checks of `queue_server doctor`. Each one is independent: a broken config still lets the
// disk, keys and database be checked, so one run shows every problem at once.
#include "queue_server/doctor.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <map>
#include <optional>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/keys.hpp"
#include "queue_server/backup.hpp"
#include "queue_server/server.hpp"
#include "queue_server/store.hpp"
#include "queue_server/ticket_rules.hpp"

namespace hall::server {

namespace fs = std::filesystem;

namespace {

DoctorLine fine(std::string text) { return DoctorLine{true, std::move(text), {}}; }
DoctorLine problem(std::string text, std::string fix) { return DoctorLine{false, std::move(text), std::move(fix)}; }

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// "2026-11-22 14:03" at the hall's local time.
std::string local_stamp(std::int64_t unix_ms, int utc_offset_minutes) {
    LocalTime t = local_time(unix_ms, utc_offset_minutes);
    char hhmm[32];
    std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", t.minute / 60, t.minute % 60);
    return t.date + " " + hhmm;
}

std::string human_bytes(std::uint64_t bytes) {
    char out[32];
    if (bytes >= (1ULL << 30)) std::snprintf(out, sizeof out, "%.1f GiB", static_cast<double>(bytes) / (1ULL << 30));
    else std::snprintf(out, sizeof out, "%.0f MiB", static_cast<double>(bytes) / (1ULL << 20));
    return out;
}

// "12 menit lalu / 12 minutes ago", in the largest unit that fits.
std::string ago(std::int64_t ms) {
    const std::int64_t minutes = std::max<std::int64_t>(0, ms / 60000);
    if (minutes < 60) return std::to_string(minutes) + " menit lalu / " + std::to_string(minutes) + " min ago";
    if (minutes < 48 * 60) return std::to_string(minutes / 60) + " jam lalu / " + std::to_string(minutes / 60) + " h ago";
    return std::to_string(minutes / 1440) + " hari lalu / " + std::to_string(minutes / 1440) + " days ago";
}

// Connects to host:port within `timeout_ms`; an empty string when it worked, else why not.
std::string tcp_reachable(const std::string& host, int port, int timeout_ms) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (int rc = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
        return std::string("unknown host: ") + gai_strerror(rc);
    std::string why = "no address";
    for (addrinfo* a = found; a; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int rc = connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            rc = poll(&p, 1, timeout_ms);
            if (rc == 1) {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
                rc = err == 0 ? 0 : -1;
                why = err == 0 ? "" : std::string(strerror(err));
            } else {
                rc = -1;
                why = "no answer within " + std::to_string(timeout_ms) + " ms";
            }
        } else if (rc != 0) {
            why = strerror(errno);
        }
        close(fd);
        if (rc == 0) {
            freeaddrinfo(found);
            return {};
        }
    }
    freeaddrinfo(found);
    return why;
}

void check_config(const fs::path& config_file, std::optional<HallConfig>& config, std::vector<DoctorLine>& out) {
    if (!fs::exists(config_file)) {
        out.push_back(problem("Berkas konfigurasi " + quoted(config_file) + " tidak ada / config file missing",
                              "cp /usr/local/share/hall/hall.example.toml " + config_file.string() + " and edit it"));
        return;
    }
    Catalog catalog;
    auto loaded = load_hall_config(config_file, &catalog);
    if (!loaded) {
        out.push_back(problem("Konfigurasi salah / config invalid: " + loaded.error().message,
                              "edit " + config_file.string() + " at the line named, then run doctor again"));
        return;
    }
    config = *loaded;
    out.push_back(fine("Konfigurasi dan katalog benar / config and catalog valid: " +
                       std::to_string(config->services.size()) + " layanan/services, " +
                       std::to_string(config->counters.size()) + " loket/counters"));
}

void check_data_dir(const fs::path& data_dir, const DoctorOptions& options, std::vector<DoctorLine>& out) {
    if (!fs::is_directory(data_dir)) {
        out.push_back(problem("Folder data " + quoted(data_dir) + " tidak ada / data dir missing",
                              "mkdir -p " + data_dir.string() + " && queue_server keys init --config FILE --data " +
                                  data_dir.string()));
        return;
    }
    if (access(data_dir.c_str(), W_OK) != 0)
        out.push_back(problem("Folder data tidak bisa ditulis / data dir not writable: " + data_dir.string(),
                              "chown -R hall:hall " + data_dir.string() + " (the server's user)"));
    struct statvfs fsinfo {};
    if (statvfs(data_dir.c_str(), &fsinfo) == 0) {
        const std::uint64_t free = static_cast<std::uint64_t>(fsinfo.f_bavail) * fsinfo.f_frsize;
        const std::uint64_t total = static_cast<std::uint64_t>(fsinfo.f_blocks) * fsinfo.f_frsize;
        const std::string text = "Ruang disk kosong / free disk space: " + human_bytes(free) + " dari/of " + human_bytes(total);
        if (free < options.min_free_bytes)
            out.push_back(problem(text + " (kurang / too little)",
                                  "free space on that disk: move old backups off it (the database never shrinks by itself)"));
        else
            out.push_back(fine(text));
    }
}

void check_keys(const fs::path& data_dir, std::vector<DoctorLine>& out) {
    const fs::path secret = data_dir / "server.key";
    if (!fs::exists(secret)) {
        out.push_back(problem("Kunci server tidak ada / server key missing: " + secret.string(),
                              "restore server.key from your copy (devices keep working), or queue_server keys init and "
                              "enrol every device again"));
        return;
    }
    auto keys = load_server_keys(data_dir);
    if (!keys) {
        out.push_back(problem("Kunci server rusak / server key unreadable: " + keys.error().message,
                              "restore server.key and server.pub from your copy"));
        return;
    }
    struct stat st {};
    if (stat(secret.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
        out.push_back(problem("Kunci rahasia server bisa dibaca orang lain / server.key is readable by others",
                              "chmod 600 " + secret.string()));
    else
        out.push_back(fine("Kunci server ada / server key present (public " + keys->public_key.substr(0, 8) + "...)"));
}

// The printer, as far as this machine can tell: a network printer is tried; a USB printer or a
// file sink belongs to the kiosk machine and is tested there.
void check_printer(const HallConfig& config, const DoctorOptions& options, std::vector<DoctorLine>& out) {
    const PrinterConfig& p = config.printer;
    switch (p.sink) {
        case PrinterSink::network: {
            const std::string where = p.host + ":" + std::to_string(p.port);
            std::string why = tcp_reachable(p.host, p.port, options.printer_timeout_ms);
            if (why.empty()) out.push_back(fine("Printer jaringan menjawab / network printer answers at " + where));
            else
                out.push_back(problem("Printer jaringan " + where + " tidak menjawab / network printer unreachable (" + why + ")",
                                      "check the printer's power, cable and IP address, then on the kiosk: kiosk --config "
                                      "FILE --keys DIR --print-test"));
            break;
        }
        case PrinterSink::device:
            out.push_back(fine("Printer USB " + p.path + " ada di mesin kiosk / USB printer on the kiosk: test it there "
                               "with kiosk --print-test"));
            break;
        case PrinterSink::file:
            out.push_back(problem("Printer: tiket ditulis ke berkas, tidak dicetak / tickets go to files in '" + p.path +
                                      "', not to paper",
                                  "set [printer] sink = \"device\" or \"network\" in the config for a real printer"));
            break;
        case PrinterSink::none:
            out.push_back(problem("Printer: tidak ada / no printer configured (tickets are only shown on screen)",
                                  "set [printer] sink = \"device\" or \"network\" in the config"));
            break;
    }
}

void check_backups(const HallConfig& config, const fs::path& data_dir, const DoctorOptions& options,
                   std::vector<DoctorLine>& out) {
    if (config.backup.interval_minutes <= 0) {
        out.push_back(problem("Cadangan terjadwal mati / scheduled backups are off",
                              "set [backup] interval_minutes = 1440 (daily) in the config, and copy the backup folder "
                              "to another disk"));
        return;
    }
    fs::path dir = config.backup.dir;
    if (dir.is_relative()) dir = data_dir / dir;
    std::optional<fs::file_time_type> newest;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".db")
            newest = std::max(newest.value_or(entry.last_write_time()), entry.last_write_time());
    if (!newest) {
        out.push_back(problem("Belum ada cadangan di / no backup yet in " + dir.string(),
                              "keep the server running for one interval, or: queue_server backup --config FILE --data " +
                                  data_dir.string() + " --out FILE"));
        return;
    }
    const auto age = fs::file_time_type::clock::now() - *newest;
    const std::int64_t age_ms = std::chrono::duration_cast<std::chrono::milliseconds>(age).count();
    const std::string text = "Cadangan terbaru / newest backup: " + ago(age_ms);
    if (age_ms > 2LL * config.backup.interval_minutes * 60000 + 10 * 60000)
        out.push_back(problem(text + " (terlalu lama / too old)", "check the server log for backup errors and the free space in " +
                                                                    dir.string()));
    else
        out.push_back(fine(text));
    (void)options;
}

// The database, read-only: its integrity, its version, and every enrolled device with the time
// it was last heard.
void check_database(const fs::path& data_dir, const std::optional<HallConfig>& config, const DoctorOptions& options,
                    std::vector<DoctorLine>& out) {
    const fs::path file = data_dir / kDatabaseFile;
    if (!fs::exists(file)) {
        out.push_back(problem("Basis data belum ada / no database yet: " + file.string(),
                              "queue_server keys init --config FILE --data " + data_dir.string() +
                                  ", enrol the devices, then start the server"));
        return;
    }
    sqlite3* db = nullptr;
    const std::string uri = "file:" + file.string() + "?mode=ro";
    if (sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) != SQLITE_OK) {
        out.push_back(problem("Basis data tidak bisa dibuka / database cannot be opened: " +
                                  std::string(db ? sqlite3_errmsg(db) : "out of memory"),
                              "check the file's owner and permissions, or restore the newest backup"));
        sqlite3_close(db);
        return;
    }
    sqlite3_busy_timeout(db, 5000);
    auto one_text = [&](const char* sql) -> std::optional<std::string> {
        sqlite3_stmt* st = nullptr;
        std::optional<std::string> value;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char* t = sqlite3_column_text(st, 0);
            value = t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
        }
        sqlite3_finalize(st);
        return value;
    };
    const auto integrity = one_text("PRAGMA integrity_check");
    if (integrity && *integrity == "ok") {
        out.push_back(fine("Basis data utuh / database intact (integrity_check ok)"));
    } else {
        out.push_back(problem("Basis data rusak / database damaged: " + integrity.value_or(sqlite3_errmsg(db)),
                              "stop the server and restore the newest backup: queue_server restore --config FILE --data " +
                                  data_dir.string() + " --from BACKUP"));
    }
    const int version = std::stoi(one_text("PRAGMA user_version").value_or("0"));
    if (version > Database::schema_version())
        out.push_back(problem("Basis data dari server yang lebih baru / database from a newer server (version " +
                                  std::to_string(version) + ", this one knows " + std::to_string(Database::schema_version()) + ")",
                              "install the newer queue_server again"));
    const int utc_offset = config ? config->utc_offset_minutes : 7 * 60;
    const bool has_seen = version >= 4;
    sqlite3_stmt* st = nullptr;
    const char* sql = has_seen ? "SELECT name, role, revoked, last_seen, last_address FROM clients ORDER BY role, name"
                               : "SELECT name, role, revoked, NULL, NULL FROM clients ORDER BY role, name";
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
        out.push_back(problem("Daftar perangkat tidak terbaca / device list unreadable: " + std::string(sqlite3_errmsg(db)),
                              "restore the newest backup"));
        sqlite3_close(db);
        return;
    }
    std::map<std::string, int> per_role;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        const std::string role = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
        if (sqlite3_column_int(st, 2) != 0) continue;  // revoked: not a device of the hall any more
        ++per_role[role];
        const std::string device = "Perangkat / device " + name + " (" + role + ")";
        if (!has_seen) {
            out.push_back(fine(device + ": terdaftar / enrolled (last seen is recorded once this server version has run)"));
            continue;
        }
        if (sqlite3_column_type(st, 3) == SQLITE_NULL) {
            out.push_back(problem(device + ": belum pernah terhubung / never connected",
                                  "on that device, check its --keys folder (client.key, server.pub) and that it "
                                  "reaches the server's ports"));
            continue;
        }
        const std::int64_t seen = sqlite3_column_int64(st, 3);
        const unsigned char* address = sqlite3_column_text(st, 4);
        // A display only listens once connected: for it this is when it (re)connected, which is
        // why the line does not claim more than "connected or asked".
        std::string text = device + ": terakhir terhubung atau meminta / last connected or asked " +
                           local_stamp(seen, utc_offset) + " (" + ago(options.now_ms - seen) + ")";
        if (address && *address) text += " dari/from " + std::string(reinterpret_cast<const char*>(address));
        out.push_back(fine(text));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    for (const char* role : {"kiosk", "display", "counter", "admin"}) {
        if (per_role.count(role)) continue;
        out.push_back(problem(std::string("Tidak ada perangkat ") + role + " terdaftar / no " + role + " key enrolled",
                              std::string("queue_server keys add --role ") + role + " --name " + role +
                                  "-1 --config FILE --data " + data_dir.string() + " --out KEYDIR"));
    }
}

void check_running(const fs::path& data_dir, std::vector<DoctorLine>& out) {
    if (!fs::is_directory(data_dir)) return;
    // The server holds the data dir's lock while it runs; taking it for a moment tells.
    auto lock = DataDirLock::acquire(data_dir);
    if (lock) out.push_back(problem("Server tidak berjalan / the server is not running", "systemctl start hall-server"));
    else out.push_back(fine("Server sedang berjalan / the server is running"));
}

}  // namespace

std::vector<DoctorLine> run_doctor(const fs::path& config_file, const fs::path& data_dir, const DoctorOptions& options) {
    std::vector<DoctorLine> out;
    std::optional<HallConfig> config;
    check_config(config_file, config, out);
    check_data_dir(data_dir, options, out);
    check_keys(data_dir, out);
    check_database(data_dir, config, options, out);
    check_running(data_dir, out);
    if (config) {
        check_printer(*config, options, out);
        check_backups(*config, data_dir, options, out);
    }
    return out;
}

std::string format_doctor_line(const DoctorLine& line) {
    if (line.ok) return "  ok  " + line.text;
    return "  !!  " + line.text + "  ->  Perbaikan / Fix: " + line.fix;
}

}  // namespace hall::server
