// A fault-injecting SQLite VFS for tests: a thin shim over the default VFS whose files fail
// the N-th write, sync or truncate (and, when sticky, every later one) with the error a real
// disk would give: SQLITE_FULL for a full disk, SQLITE_IOERR_* for an I/O error. It can also
// open database files read-only, as SQLite does for a write-protected file. The server opens
// its database through it with Server::create(..., vfs_name = FaultVfs::kName).
//
// One instance per process (SQLite's VFS list is global); the state is guarded by a mutex, so
// a test thread can arm it while the server's thread writes.
#pragma once
#include <cstdint>

namespace hall::test {

// What an armed fault does to the calls it counts.
enum class Fault {
    io_error,   // writes, syncs and truncates fail with SQLITE_IOERR_WRITE/_FSYNC/_TRUNCATE
    disk_full,  // only writes count, and fail with SQLITE_FULL after writing half their bytes
};

class FaultVfs {
public:
    static constexpr const char* kName = "hall-fault";

    // Registers the shim (not as the default VFS) on first use.
    static FaultVfs& instance();

    // From now on, counts the calls the fault applies to; the `nth` (1-based) fails, and with
    // `sticky` every later one too, until disarm(). nth = 0 only counts.
    void arm(Fault fault, int nth, bool sticky = false);
    // The condition clears: nothing fails any more; counting stops.
    void disarm();
    // Calls counted since the last arm(), and how many of them were failed.
    int calls() const;
    int failures() const;

    // When true, files opened afterwards as a main database are opened read-only.
    void set_read_only(bool read_only);

    // Internal: decides whether the shim fails this call (returns the SQLite error) or not (0).
    enum class Op { write, sync, truncate };
    int next(Op op);
    bool read_only() const;

private:
    FaultVfs();
};

}  // namespace hall::test
