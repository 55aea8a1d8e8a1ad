// Backups through sqlite3_backup_*: one step over the whole database runs inside one read
// transaction of its own connection, so the copy is a consistent snapshot even while the
// server commits (WAL lets the reader and the writer run side by side). Files are written
// beside their final name and renamed only after they were checked and synced: a crash during
// a backup or a restore never leaves a half-written file under a name that looks finished.
#include "queue_server/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/log.hpp"
#include "queue_server/store.hpp"

namespace hall::server {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLockFile = "server.lock";
constexpr const char* kDatabaseName = "hall.db";

// A raw connection closed on scope exit (the backup API works on sqlite3 handles).
struct Connection {
    sqlite3* db = nullptr;
    ~Connection() {
        if (db) sqlite3_close_v2(db);
    }
    std::string error() const { return db ? sqlite3_errmsg(db) : "out of memory"; }
};

Status open_connection(Connection& c, const fs::path& file, int flags) {
    if (sqlite3_open_v2(file.c_str(), &c.db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
        return make_error("storage_error", "cannot open " + file.string() + ": " + c.error());
    sqlite3_busy_timeout(c.db, 10000);
    return ok_status();
}

// The first column of the first row of `sql`, as text ("" when there is none).
std::string query_text(Connection& c, const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(c.db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(stmt, 0);
        if (text) out = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
    return out;
}

std::int64_t query_int(Connection& c, const char* sql) {
    std::string text = query_text(c, sql);
    return text.empty() ? -1 : std::stoll(text);
}

Status sync_path(const fs::path& path, bool directory) {
    int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0) return make_error("storage_error", "cannot open " + path.string() + ": " + std::strerror(errno));
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0) return make_error("storage_error", "cannot sync " + path.string() + ": " + std::strerror(saved));
    return ok_status();
}

fs::path parent_or_dot(const fs::path& p) { return p.has_parent_path() ? p.parent_path() : fs::path("."); }

// Reads the hall database in `file`: its integrity, schema and size, without changing it.
Result<BackupSummary> inspect(const fs::path& file) {
    Connection c;
    if (auto s = open_connection(c, file, SQLITE_OPEN_READONLY); !s) return s.error();
    std::string integrity = query_text(c, "PRAGMA integrity_check");
    if (integrity != "ok")
        return make_error("backup_invalid", file.string() + " is damaged: integrity_check says " +
                                                (integrity.empty() ? c.error() : integrity));
    std::int64_t version = query_int(c, "PRAGMA user_version");
    if (version < 1) return make_error("backup_invalid", file.string() + " is not a hall database");
    if (version > Database::schema_version())
        return make_error("backup_invalid", file.string() + " has schema version " + std::to_string(version) +
                                                ", newer than this server (" + std::to_string(Database::schema_version()) +
                                                "): upgrade the server first");
    BackupSummary summary;
    summary.tickets = query_int(c, "SELECT COUNT(*) FROM tickets");
    summary.events = query_int(c, "SELECT COUNT(*) FROM events");
    if (summary.tickets < 0 || summary.events < 0)
        return make_error("backup_invalid", file.string() + " is not a hall database (no tickets or events table)");
    std::error_code ec;
    summary.bytes = static_cast<std::int64_t>(fs::file_size(file, ec));
    return summary;
}

// Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

// The clock reading encoded in a backup's name, or nullopt for any other file.
std::optional<std::int64_t> time_of_backup(const std::string& name, int utc_offset_minutes) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char tail[8] = {0};
    if (name.size() != std::string("hall-YYYYMMDD-HHMMSS.db").size()) return std::nullopt;
    if (std::sscanf(name.c_str(), "hall-%4d%2d%2d-%2d%2d%2d%3s", &y, &mo, &d, &h, &mi, &s, tail) != 7) return std::nullopt;
    if (std::string(tail) != ".db" || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59)
        return std::nullopt;
    std::int64_t local = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
                         mi * 60 + s;
    return (local - std::int64_t{utc_offset_minutes} * 60) * 1000;
}

}  // namespace

// ---- DataDirLock ----

DataDirLock::~DataDirLock() {
    if (m_fd >= 0) ::close(m_fd);
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

Result<DataDirLock> DataDirLock::acquire(const fs::path& data_dir) {
    fs::path file = data_dir / kLockFile;
    int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return make_error("storage_error", "cannot open " + file.string() + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int saved = errno;
        ::close(fd);
        if (saved == EWOULDBLOCK)
            return make_error("data_dir_busy", "another queue_server (or a restore) is using " + data_dir.string() +
                                                   ": stop it first");
        return make_error("storage_error", "cannot lock " + file.string() + ": " + std::strerror(saved));
    }
    return DataDirLock(fd);
}

// ---- backup and restore ----

Result<BackupSummary> backup_database(const fs::path& db_file, const fs::path& out) {
    std::error_code ec;
    if (!fs::exists(db_file, ec)) return make_error("no_database", "no database at " + db_file.string());
    if (fs::exists(out, ec)) return make_error("backup_exists", out.string() + " already exists (not overwritten)");
    fs::create_directories(parent_or_dot(out), ec);
    fs::path tmp = out;
    tmp += ".tmp";
    fs::remove(tmp, ec);
    {
        Connection source;
        if (auto s = open_connection(source, db_file, SQLITE_OPEN_READONLY); !s) return s.error();
        Connection copy;
        if (auto s = open_connection(copy, tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE); !s) return s.error();
        sqlite3_backup* backup = sqlite3_backup_init(copy.db, "main", source.db, "main");
        if (!backup) {
            fs::remove(tmp, ec);
            return make_error("storage_error", "cannot start the backup: " + copy.error());
        }
        // One step over every page: one read transaction, hence one consistent snapshot.
        int rc = sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
        // The copy is one self-contained file (no -wal beside it), easy to move to another disk.
        if (rc == SQLITE_DONE && sqlite3_exec(copy.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) != SQLITE_OK)
            rc = sqlite3_errcode(copy.db);
        if (rc != SQLITE_DONE) {
            std::string why = sqlite3_errstr(rc);
            sqlite3_close_v2(copy.db);
            copy.db = nullptr;
            fs::remove(tmp, ec);
            return make_error("storage_error", "backup of " + db_file.string() + " failed: " + why);
        }
    }
    auto summary = inspect(tmp);
    if (!summary) {
        fs::remove(tmp, ec);
        return summary.error();
    }
    if (auto s = sync_path(tmp, false); !s) return s.error();
    fs::rename(tmp, out, ec);
    if (ec) return make_error("storage_error", "cannot rename " + tmp.string() + " to " + out.string() + ": " + ec.message());
    if (auto s = sync_path(parent_or_dot(out), true); !s) return s.error();
    return summary;
}

Result<BackupSummary> restore_database(const fs::path& data_dir, const fs::path& from, const fs::path& previous_out) {
    std::error_code ec;
    if (!fs::is_regular_file(from, ec)) return make_error("no_backup", "no backup file at " + from.string());
    auto checked = inspect(from);
    if (!checked) return checked.error();
    if (fs::exists(previous_out, ec))
        return make_error("backup_exists", previous_out.string() + " already exists (not overwritten)");
    fs::create_directories(data_dir, ec);
    const fs::path live = data_dir / kDatabaseName;
    // 1. The restored copy, complete and synced, beside the live file.
    fs::path incoming = data_dir / (std::string(kDatabaseName) + ".restore");
    fs::remove(incoming, ec);
    if (auto copied = backup_database(from, incoming); !copied) return copied.error();
    // 2. What is there now is kept, renamed with its WAL (which belongs to it: left in place,
    //    SQLite would replay it over the restored pages). Renaming, not copying, also works
    //    for a damaged database, the usual reason to restore.
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::path file(live.string() + suffix);
        if (!fs::exists(file, ec)) continue;
        fs::rename(file, fs::path(previous_out.string() + suffix), ec);
        if (ec) return make_error("storage_error", "cannot move " + file.string() + " aside: " + ec.message());
    }
    fs::remove(fs::path(live.string() + "-journal"), ec);
    // 3. The switch itself is one rename.
    fs::rename(incoming, live, ec);
    if (ec) return make_error("storage_error", "cannot move the restored database into place: " + ec.message());
    if (auto s = sync_path(data_dir, true); !s) return s.error();
    // 4. An older backup is brought to the current schema now, not at the next start.
    {
        auto db = Database::open(live);
        if (!db) return db.error();
    }
    return inspect(live);
}

// ---- scheduled backups ----

std::string backup_file_name(std::int64_t unix_ms, int utc_offset_minutes) {
    std::int64_t local = unix_ms / 1000 + std::int64_t{utc_offset_minutes} * 60;
    std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    std::int64_t secs = local - days * 86400;
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    const auto hms = static_cast<unsigned>(secs);  // 0 .. 86399
    char name[80];
    std::snprintf(name, sizeof name, "hall-%04lld%02u%02u-%02u%02u%02u.db", static_cast<long long>(y), m, d, hms / 3600,
                  hms / 60 % 60, hms % 60);
    return name;
}

std::vector<fs::path> list_backups(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec) && time_of_backup(entry.path().filename().string(), 0)) out.push_back(entry.path());
    // The names sort as their times do.
    std::sort(out.begin(), out.end());
    return out;
}

BackupScheduler::BackupScheduler(fs::path db_file, fs::path dir, const BackupConfig& config, int utc_offset_minutes)
    : m_db_file(std::move(db_file)), m_dir(std::move(dir)),
      m_interval_ms(std::int64_t{config.interval_minutes} * 60 * 1000), m_keep(config.keep),
      m_utc_offset_minutes(utc_offset_minutes) {
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    for (const auto& entry : fs::directory_iterator(m_dir, ec)) {
        // A backup cut short by a crash left its temporary file: it was never a backup.
        const std::string name = entry.path().filename().string();
        if (name.rfind("hall-", 0) == 0 && name.size() > 7 && name.compare(name.size() - 7, 7, ".db.tmp") == 0)
            fs::remove(entry.path(), ec);
        else if (auto t = time_of_backup(name, m_utc_offset_minutes))
            m_last = std::max(m_last, *t);
    }
}

BackupScheduler::~BackupScheduler() { wait(); }

void BackupScheduler::wait() {
    if (m_thread.joinable()) m_thread.join();
}

void BackupScheduler::tick(std::int64_t now_ms) {
    if (m_interval_ms <= 0) return;
    const bool due = m_last == 0 || now_ms - m_last >= m_interval_ms || now_ms < m_last;
    if (!due) return;
    // One backup at a time; the previous one has had a whole interval to finish.
    wait();
    m_last = now_ms;
    m_thread = std::thread([this, now_ms] { run_backup(now_ms); });
}

void BackupScheduler::run_backup(std::int64_t now_ms) {
    const fs::path out = m_dir / backup_file_name(now_ms, m_utc_offset_minutes);
    auto made = backup_database(m_db_file, out);
    if (!made) {
        log::error("backup", "scheduled backup failed: " + made.error().message);
        return;
    }
    log::info("backup", "wrote " + out.string() + " (" + std::to_string(made->tickets) + " tickets, " +
                            std::to_string(made->bytes) + " bytes)");
    auto all = list_backups(m_dir);
    std::error_code ec;
    // Only after a good backup is an old one let go; never the one just written.
    for (std::size_t i = 0; i + static_cast<std::size_t>(m_keep) < all.size(); ++i) {
        if (all[i] == out) continue;
        if (fs::remove(all[i], ec)) log::info("backup", "removed old backup " + all[i].string());
    }
}

}  // namespace hall::server
