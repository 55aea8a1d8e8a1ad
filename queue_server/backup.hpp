// Keeping the hall's data: online backups with SQLite's backup API (by hand and on a schedule,
// with retention), restore into a stopped server's data dir, and the lock that lets only one
// server (or one restore) use a data dir at a time.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/hall_config.hpp"
#include "common/result.hpp"

namespace hall::server {

// An exclusive lock (flock) on DATA_DIR/server.lock. A serving server holds it, and so does a
// restore; the kernel releases it when the holder closes it or its process dies, SIGKILL
// included, so a crash never leaves a stale lock behind.
class DataDirLock {
public:
    DataDirLock() = default;
    ~DataDirLock();
    DataDirLock(DataDirLock&& other) noexcept;
    DataDirLock& operator=(DataDirLock&& other) noexcept;
    DataDirLock(const DataDirLock&) = delete;
    DataDirLock& operator=(const DataDirLock&) = delete;

    // Takes the lock without waiting, or says who is likely holding it.
    static Result<DataDirLock> acquire(const std::filesystem::path& data_dir);

private:
    explicit DataDirLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

// What a backup or a restore found in the database it copied.
struct BackupSummary {
    std::int64_t tickets = 0;
    std::int64_t events = 0;
    std::int64_t bytes = 0;
};

// Copies the database file `db_file` to `out` as one consistent snapshot, through a connection
// of its own (safe while a server writes: WAL readers never block the writer). The copy is
// written to `out`.tmp, checked with PRAGMA integrity_check, synced, and only then renamed to
// `out`; an existing `out` is never overwritten.
Result<BackupSummary> backup_database(const std::filesystem::path& db_file, const std::filesystem::path& out);

// Replaces the database of `data_dir` with the backup `from`, for a stopped server (the caller
// holds the DataDirLock). The backup is checked first (integrity, a hall schema this server
// can read); the current database, if any, is moved to `previous_out` (with its WAL) so a
// wrong restore can be undone; the restored file is migrated to the current schema.
Result<BackupSummary> restore_database(const std::filesystem::path& data_dir, const std::filesystem::path& from,
                                       const std::filesystem::path& previous_out);

// "hall-YYYYMMDD-HHMMSS.db" at the hall's local time of `unix_ms`.
std::string backup_file_name(std::int64_t unix_ms, int utc_offset_minutes);
// Scheduled backups in `dir`, oldest first (by the time in their names).
std::vector<std::filesystem::path> list_backups(const std::filesystem::path& dir);

// The server's backup schedule. tick() is called from the server loop about once a second;
// when a backup is due it runs on a thread of its own (with its own connection), so the loop
// keeps serving. Due means: none made yet, or `interval` passed since the newest one (read
// back from the folder at start, so a server that restarts often does not back up at each
// start), or the clock went back before it. After each backup the oldest beyond `keep` are
// deleted.
class BackupScheduler {
public:
    BackupScheduler(std::filesystem::path db_file, std::filesystem::path dir, const BackupConfig& config,
                    int utc_offset_minutes);
    ~BackupScheduler();  // waits for a running backup
    BackupScheduler(const BackupScheduler&) = delete;
    BackupScheduler& operator=(const BackupScheduler&) = delete;

    void tick(std::int64_t now_ms);
    // Waits until no backup is running (for tests and shutdown).
    void wait();

private:
    void run_backup(std::int64_t now_ms);

    std::filesystem::path m_db_file;
    std::filesystem::path m_dir;
    std::int64_t m_interval_ms;
    int m_keep;
    int m_utc_offset_minutes;
    std::int64_t m_last = 0;  // clock reading of the newest backup, 0 = none
    std::thread m_thread;
};

}  // namespace hall::server
