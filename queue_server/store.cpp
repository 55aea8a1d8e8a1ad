// SQLite wrapper and schema migrations. Settings that protect acknowledged tickets (WAL,
// synchronous=FULL, foreign keys) are read back after being set: a build of SQLite or a file
// system that silently ignores them would otherwise lose data without anyone noticing.
#include "queue_server/store.hpp"

#include <sqlite3.h>

#include <array>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace hall::server {

namespace {

// Each entry migrates from user_version == index to index + 1. Never edit a shipped entry;
// append a new one.
constexpr std::array<std::string_view, 4> kMigrations{R"SQL(
CREATE TABLE tickets (
  id               INTEGER PRIMARY KEY,
  date             TEXT    NOT NULL,
  prefix           TEXT    NOT NULL,
  seq              INTEGER NOT NULL,
  number           TEXT    NOT NULL,
  service          TEXT    NOT NULL,
  original_service TEXT    NOT NULL,
  priority         TEXT    NOT NULL,
  state            TEXT    NOT NULL,
  counter          TEXT,
  officer          TEXT,
  token            TEXT    NOT NULL UNIQUE,
  issued_at        INTEGER NOT NULL,
  queued_at        INTEGER NOT NULL,
  called_at        INTEGER,
  serving_at       INTEGER,
  finished_at      INTEGER,
  recalls          INTEGER NOT NULL DEFAULT 0,
  transfers        INTEGER NOT NULL DEFAULT 0,
  note             TEXT,
  issued_by        TEXT    NOT NULL,
  printed          INTEGER,
  UNIQUE (date, prefix, seq)
) STRICT;
CREATE INDEX tickets_by_date_state ON tickets (date, state);
CREATE INDEX tickets_by_service ON tickets (service, date);

CREATE TABLE number_seq (
  date   TEXT    NOT NULL,
  prefix TEXT    NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (date, prefix)
) STRICT, WITHOUT ROWID;

CREATE TABLE events (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  action  TEXT    NOT NULL,
  payload TEXT    NOT NULL
) STRICT;

CREATE TABLE replies (
  client TEXT    NOT NULL,
  req    INTEGER NOT NULL,
  at     INTEGER NOT NULL,
  reply  TEXT    NOT NULL,
  PRIMARY KEY (client, req)
) STRICT, WITHOUT ROWID;

CREATE TABLE officers (
  id           TEXT    PRIMARY KEY,
  name         TEXT    NOT NULL,
  pin_hash     TEXT    NOT NULL,
  failed       INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE counters (
  id             TEXT    PRIMARY KEY,
  state          TEXT    NOT NULL DEFAULT 'closed',
  officer        TEXT    REFERENCES officers (id),
  client         TEXT,
  pause_reason   TEXT,
  regular_streak INTEGER NOT NULL DEFAULT 0,
  updated_at     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE clients (
  name       TEXT    PRIMARY KEY,
  public_key TEXT    NOT NULL UNIQUE,
  role       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  revoked    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
)SQL",
// 2: the audit log of officer and admin actions. Append-only: the triggers refuse every UPDATE
// and DELETE, whoever sends it.
R"SQL(
CREATE TABLE audit (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        INTEGER NOT NULL,
  device    TEXT    NOT NULL,
  role      TEXT    NOT NULL,
  address   TEXT,
  officer   TEXT,
  action    TEXT    NOT NULL,
  outcome   TEXT    NOT NULL,
  counter   TEXT,
  ticket_id INTEGER,
  ticket    TEXT,
  detail    TEXT    NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)SQL",
// 3: SKM survey answers, one per ticket (only a finished ticket may be rated), and the officer's
// role: an officer with role 'admin' may log in to the supervisor's web pages.
R"SQL(
ALTER TABLE officers ADD COLUMN role TEXT NOT NULL DEFAULT 'officer' CHECK (role IN ('officer', 'admin'));
CREATE TABLE survey_responses (
  id         INTEGER PRIMARY KEY,
  ticket_id  INTEGER NOT NULL UNIQUE REFERENCES tickets (id),
  date       TEXT    NOT NULL,
  service    TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  channel    TEXT    NOT NULL CHECK (channel IN ('web', 'kiosk')),
  u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4),
  u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4),
  u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4),
  u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4),
  u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4),
  u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4),
  u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4),
  u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4),
  u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4),
  age        INTEGER,
  sex        TEXT,
  education  TEXT,
  occupation TEXT,
  suggestion TEXT
) STRICT;
CREATE INDEX survey_by_date ON survey_responses (date, service);
)SQL",
// 4: when each device was last heard (a connection or a request) and from which address, for
// `queue_server doctor`. Written at most once a minute per device.
R"SQL(
ALTER TABLE clients ADD COLUMN last_seen INTEGER;
ALTER TABLE clients ADD COLUMN last_address TEXT;
)SQL"};

}  // namespace

// ---- Statement ----

// Finished statements waiting to be used again, a few per SQL text (the same query may be
// open twice at once, e.g. in a nested call). A statement comes back reset and unbound, so it
// holds no lock and no cursor while it waits.
struct Database::StatementCache {
    static constexpr std::size_t kPerSql = 4;
    std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle;
    ~StatementCache() {
        for (auto& [sql, list] : idle)
            for (sqlite3_stmt* stmt : list) sqlite3_finalize(stmt);
    }
};

Statement::Statement(Database& db, std::string_view sql) : m_db(db), m_sql(sql) {
    if (db.m_statements) {
        auto it = db.m_statements->idle.find(m_sql);
        if (it != db.m_statements->idle.end() && !it->second.empty()) {
            m_stmt = it->second.back();
            it->second.pop_back();
            return;
        }
    }
    int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        m_rc_ok = false;
        m_error = db.last_error();
    }
}

Statement::~Statement() {
    if (!m_stmt) return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (m_db.m_statements) {
        auto& list = m_db.m_statements->idle[m_sql];
        if (list.size() < Database::StatementCache::kPerSql) {
            list.push_back(m_stmt);
            return;
        }
    }
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (m_stmt) sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
    if (m_stmt) sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind_null(int index) {
    if (m_stmt) sqlite3_bind_null(m_stmt, index);
    return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bind_null(index);
}
Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
    return value ? bind(index, *value) : bind_null(index);
}

bool Statement::step() {
    if (!m_stmt || !m_rc_ok) return false;
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) {
        m_rc_ok = false;
        m_error = m_db.last_error();
    }
    return false;
}

bool Statement::run() {
    while (step()) {
    }
    return m_rc_ok;
}

void Statement::reset() {
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

std::int64_t Statement::column_int(int col) const { return sqlite3_column_int64(m_stmt, col); }
std::string Statement::column_text(int col) const {
    const auto* p = sqlite3_column_text(m_stmt, col);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(m_stmt, col)) : std::string();
}
bool Statement::column_is_null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
std::optional<std::int64_t> Statement::column_optional_int(int col) const {
    if (column_is_null(col)) return std::nullopt;
    return column_int(col);
}
std::optional<std::string> Statement::column_optional_text(int col) const {
    if (column_is_null(col)) return std::nullopt;
    return column_text(col);
}

// ---- Database ----

Database::Database(sqlite3* db) : m_db(db), m_statements(std::make_unique<StatementCache>()) {}

Database::~Database() {
    m_statements.reset();  // finalized before the connection closes
    if (m_db) sqlite3_close_v2(m_db);
}

Database::Database(Database&& other) noexcept : m_db(other.m_db), m_statements(std::move(other.m_statements)) {
    other.m_db = nullptr;
}

int Database::schema_version() { return static_cast<int>(kMigrations.size()); }

Result<Database> Database::open(const std::filesystem::path& file, const char* vfs_name) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             vfs_name);
    Database db(raw);
    if (rc != SQLITE_OK) {
        std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
        return make_error("storage_error", "cannot open database " + file.string() + ": " + msg);
    }
    // SQLite silently falls back to read-only when the file is write-protected; every
    // ticket would then fail. Refuse to start instead, with the reason.
    if (sqlite3_db_readonly(raw, "main") == 1)
        return make_error("storage_error", "database " + file.string() +
                                               " is read-only: the server must be able to write it (check the "
                                               "file's owner and permissions, and that its disk is mounted read-write)");
    sqlite3_busy_timeout(raw, 5000);
    sqlite3_extended_result_codes(raw, 1);
    if (auto s = db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"); !s)
        return s.error();
    // Read the settings back: the server refuses to run without them.
    {
        Statement q(db, "PRAGMA journal_mode");
        if (!q.step() || q.column_text(0) != "wal")
            return make_error("storage_error", "database " + file.string() + " is not in WAL mode");
    }
    {
        Statement q(db, "PRAGMA synchronous");
        if (!q.step() || q.column_int(0) != 2)
            return make_error("storage_error", "database " + file.string() + " does not run with synchronous=FULL");
    }
    {
        Statement q(db, "PRAGMA foreign_keys");
        if (!q.step() || q.column_int(0) != 1)
            return make_error("storage_error", "database " + file.string() + " does not enforce foreign keys");
    }
    if (auto s = db.migrate(); !s) return s.error();
    // Every issued ticket counts its service's waiting and issued tickets of the day and averages
    // its last finished ones, and every counter shown looks up its current ticket; without these
    // the counts scan the whole day, the average the service's week, and the look-up the whole
    // history (0.16 s per counter on a year of tickets). Indexes hold no data of their own, so
    // any database gets them when missing, whatever its version.
    if (auto s = db.exec("CREATE INDEX IF NOT EXISTS tickets_by_day_service ON tickets (date, service, state);"
                         "CREATE INDEX IF NOT EXISTS tickets_by_day_origin ON tickets (date, original_service);"
                         "CREATE INDEX IF NOT EXISTS tickets_current ON tickets (counter, state) "
                         "WHERE state IN ('called','serving');"
                         "CREATE INDEX IF NOT EXISTS tickets_done ON tickets (service, finished_at) "
                         "WHERE state = 'done';");
        !s)
        return s.error();
    return db;
}

Result<Database> Database::open_read_only(const std::filesystem::path& file) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    Database db(raw);
    if (rc != SQLITE_OK) {
        std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
        return make_error("storage_error", "cannot open database " + file.string() + " for reading: " + msg);
    }
    sqlite3_busy_timeout(raw, 5000);
    return db;
}

Status Database::migrate() {
    int version = 0;
    {
        Statement q(*this, "PRAGMA user_version");
        if (!q.step()) return make_error("storage_error", "cannot read user_version: " + last_error());
        version = static_cast<int>(q.column_int(0));
    }
    if (version > schema_version())
        return make_error("storage_error", "database schema version " + std::to_string(version) +
                                               " is newer than this server (" + std::to_string(schema_version()) +
                                               "): upgrade the server");
    for (int v = version; v < schema_version(); ++v) {
        Transaction tx(*this);
        if (!tx.began()) return make_error("storage_error", "cannot begin migration: " + last_error());
        if (auto s = exec(kMigrations[v]); !s) return s;
        if (auto s = exec("PRAGMA user_version = " + std::to_string(v + 1)); !s) return s;
        if (auto s = tx.commit(); !s) return s;
    }
    return ok_status();
}

Status Database::exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        return make_error("storage_error", msg);
    }
    return ok_status();
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }
std::string Database::last_error() const { return m_db ? sqlite3_errmsg(m_db) : "no database"; }

// ---- Checkpointer ----

struct Checkpointer::State {
    Database db;
    int interval_ms = 200;
    std::mutex mutex;
    std::condition_variable wake;
    bool stop = false;
    std::thread thread;
    explicit State(Database d) : db(std::move(d)) {}
};

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(Database& writer, const std::filesystem::path& file,
                                                          const char* vfs_name, int interval_ms) {
    auto db = Database::open(file, vfs_name);
    if (!db) return db.error();
    // The writer's commits no longer copy the WAL back themselves: that work, and its sync of the
    // database file, was what made one commit in a few hundred take several times longer.
    if (auto s = writer.exec("PRAGMA wal_autocheckpoint=0"); !s) return s.error();
    std::unique_ptr<Checkpointer> c(new Checkpointer());
    c->m_state = std::make_unique<State>(std::move(*db));
    State* state = c->m_state.get();
    state->interval_ms = interval_ms;
    state->thread = std::thread([state] {
        std::unique_lock lock(state->mutex);
        while (!state->stop) {
            state->wake.wait_for(lock, std::chrono::milliseconds(state->interval_ms));
            lock.unlock();
            // PASSIVE copies what no reader needs and never waits; a failure is retried next time.
            (void)sqlite3_wal_checkpoint_v2(state->db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            lock.lock();
        }
    });
    return c;
}

Checkpointer::~Checkpointer() {
    if (!m_state) return;
    {
        std::lock_guard lock(m_state->mutex);
        m_state->stop = true;
    }
    m_state->wake.notify_all();
    if (m_state->thread.joinable()) m_state->thread.join();
}

// ---- Transaction / Savepoint ----

Transaction::Transaction(Database& db) : m_db(db) { m_began = static_cast<bool>(db.exec("BEGIN IMMEDIATE")); }

Transaction::~Transaction() {
    if (m_began && !m_done) rollback();
}

Status Transaction::commit() {
    if (!m_began) return make_error("storage_error", "transaction never began");
    auto s = m_db.exec("COMMIT");
    if (!s) {
        rollback();
        return s;
    }
    m_done = true;
    return s;
}

void Transaction::rollback() {
    if (m_began && !m_done) {
        // A failed COMMIT may already have rolled back; ROLLBACK then fails harmlessly.
        (void)m_db.exec("ROLLBACK");
        m_done = true;
    }
}

Savepoint::Savepoint(Database& db, std::string name) : m_db(db), m_name(std::move(name)) {
    (void)m_db.exec("SAVEPOINT " + m_name);
}

Savepoint::~Savepoint() {
    if (!m_done) rollback();
}

Status Savepoint::release() {
    m_done = true;
    return m_db.exec("RELEASE " + m_name);
}

void Savepoint::rollback() {
    if (!m_done) {
        (void)m_db.exec("ROLLBACK TO " + m_name);
        (void)m_db.exec("RELEASE " + m_name);
        m_done = true;
    }
}

}  // namespace hall::server
