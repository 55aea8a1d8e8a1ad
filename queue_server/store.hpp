// The server's SQLite store: one connection, owned by one thread. Opens the database in WAL
// mode with synchronous=FULL and foreign keys on, reads those settings back and refuses to run
// otherwise, and migrates the schema by user_version.
//
// Statement and Transaction are small RAII wrappers; nothing here throws.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace hall::server {

class Database;

// A prepared statement. Bind indexes start at 1. step() returns true while a row is ready.
// Statements are kept by their database once done and handed out again for the same SQL:
// parsing the SQL of every query of every request was a fifth of the server's work per ticket.
class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind_null(int index);
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bind(int index, const std::optional<std::int64_t>& value);

    // Runs one step: true when a row is ready, false when done. Errors are kept in ok()/error().
    bool step();
    // Runs to completion (for INSERT/UPDATE/DELETE). Returns false on error.
    bool run();
    void reset();

    std::int64_t column_int(int col) const;
    std::string column_text(int col) const;
    std::optional<std::int64_t> column_optional_int(int col) const;
    std::optional<std::string> column_optional_text(int col) const;
    bool column_is_null(int col) const;

    bool ok() const { return m_rc_ok; }
    const std::string& error() const { return m_error; }

private:
    Database& m_db;
    std::string m_sql;
    sqlite3_stmt* m_stmt = nullptr;
    bool m_rc_ok = true;
    std::string m_error;
};

class Database {
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&& other) noexcept;

    // Opens (creating if needed) the database file, applies the pragmas, verifies them, and
    // migrates the schema. ":memory:" is refused for WAL, so tests use temporary files.
    // A file the server may not write (read-only file or file system) is refused here, at
    // start, rather than failing every request later. `vfs_name` picks a registered SQLite
    // VFS (tests inject disk faults with one); nullptr is the default VFS.
    static Result<Database> open(const std::filesystem::path& file, const char* vfs_name = nullptr);
    // Opens an existing database for reading only (reports on the HTTP threads): no pragmas
    // that write, no migration. WAL lets it read while the server's connection writes.
    static Result<Database> open_read_only(const std::filesystem::path& file);

    // Runs one or more statements without results.
    Status exec(std::string_view sql);
    std::int64_t last_insert_rowid() const;
    int changes() const;
    std::string last_error() const;
    sqlite3* handle() { return m_db; }

    // The schema version this code migrates to.
    static int schema_version();

private:
    friend class Statement;
    struct StatementCache;
    explicit Database(sqlite3* db);
    Status migrate();
    sqlite3* m_db = nullptr;
    std::unique_ptr<StatementCache> m_statements;  // finished statements, by SQL text
};

// BEGIN IMMEDIATE in the constructor; ROLLBACK in the destructor unless committed.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    bool began() const { return m_began; }
    Status commit();
    void rollback();

private:
    Database& m_db;
    bool m_began = false;
    bool m_done = false;
};

// Copies committed pages from the WAL into the database file on a thread of its own, with a
// connection of its own (passive checkpoints: they never block the writer), so that no request
// waits for a checkpoint. Turns the writer's automatic checkpoints off; stops in its destructor.
class Checkpointer {
public:
    static Result<std::unique_ptr<Checkpointer>> start(Database& writer, const std::filesystem::path& file,
                                                       const char* vfs_name = nullptr, int interval_ms = 200);
    ~Checkpointer();
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

private:
    Checkpointer() = default;
    struct State;
    std::unique_ptr<State> m_state;
};

// SAVEPOINT in the constructor; ROLLBACK TO + RELEASE in the destructor unless released.
class Savepoint {
public:
    Savepoint(Database& db, std::string name);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    Status release();
    void rollback();

private:
    Database& m_db;
    std::string m_name;
    bool m_done = false;
};

}  // namespace hall::server
