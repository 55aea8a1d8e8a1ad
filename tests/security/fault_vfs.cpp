// The fault-injecting VFS. Every method forwards to the default VFS; only xWrite, xSync and
// xTruncate consult FaultVfs::next() first. A shim file is the real file's sqlite3_file placed
// right after our own header, so one allocation (szOsFile) holds both.
#include "fault_vfs.hpp"

#include <sqlite3.h>

#include <mutex>
#include <stdexcept>

namespace hall::test {

namespace {

struct State {
    std::mutex mutex;
    bool armed = false;
    Fault fault = Fault::io_error;
    int nth = 0;
    bool sticky = false;
    int calls = 0;
    int failures = 0;
    bool read_only = false;
};

State& state() {
    static State s;
    return s;
}

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs{};

struct ShimFile {
    sqlite3_file base;
    sqlite3_file* real;
};

sqlite3_file* real_of(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real; }

int shim_close(sqlite3_file* f) {
    sqlite3_file* r = real_of(f);
    return r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
}
int shim_read(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xRead(r, buf, amount, offset);
}
int shim_write(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset) {
    sqlite3_file* r = real_of(f);
    if (int rc = FaultVfs::instance().next(FaultVfs::Op::write)) {
        // A real failing disk often writes part of the data first: leave a torn write behind.
        if (amount > 1) (void)r->pMethods->xWrite(r, buf, amount / 2, offset);
        return rc;
    }
    return r->pMethods->xWrite(r, buf, amount, offset);
}
int shim_truncate(sqlite3_file* f, sqlite3_int64 size) {
    if (int rc = FaultVfs::instance().next(FaultVfs::Op::truncate)) return rc;
    sqlite3_file* r = real_of(f);
    return r->pMethods->xTruncate(r, size);
}
int shim_sync(sqlite3_file* f, int flags) {
    if (int rc = FaultVfs::instance().next(FaultVfs::Op::sync)) return rc;
    sqlite3_file* r = real_of(f);
    return r->pMethods->xSync(r, flags);
}
int shim_file_size(sqlite3_file* f, sqlite3_int64* size) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xFileSize(r, size);
}
int shim_lock(sqlite3_file* f, int level) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xLock(r, level);
}
int shim_unlock(sqlite3_file* f, int level) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xUnlock(r, level);
}
int shim_check_reserved(sqlite3_file* f, int* out) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xCheckReservedLock(r, out);
}
int shim_file_control(sqlite3_file* f, int op, void* arg) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xFileControl(r, op, arg);
}
int shim_sector_size(sqlite3_file* f) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xSectorSize(r);
}
int shim_device_characteristics(sqlite3_file* f) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xDeviceCharacteristics(r);
}
int shim_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xShmMap(r, page, size, extend, out);
}
int shim_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xShmLock(r, offset, n, flags);
}
void shim_shm_barrier(sqlite3_file* f) {
    sqlite3_file* r = real_of(f);
    r->pMethods->xShmBarrier(r);
}
int shim_shm_unmap(sqlite3_file* f, int delete_flag) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xShmUnmap(r, delete_flag);
}
int shim_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xFetch(r, offset, amount, out);
}
int shim_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xUnfetch(r, offset, p);
}

// Version 3 methods (WAL needs the shm ones); used only over a real file of version 3.
const sqlite3_io_methods kMethods = {
    3,
    shim_close,
    shim_read,
    shim_write,
    shim_truncate,
    shim_sync,
    shim_file_size,
    shim_lock,
    shim_unlock,
    shim_check_reserved,
    shim_file_control,
    shim_sector_size,
    shim_device_characteristics,
    shim_shm_map,
    shim_shm_lock,
    shim_shm_barrier,
    shim_shm_unmap,
    shim_fetch,
    shim_unfetch,
};

int shim_open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto* shim = reinterpret_cast<ShimFile*>(file);
    shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
    shim->real->pMethods = nullptr;
    if ((flags & SQLITE_OPEN_MAIN_DB) && FaultVfs::instance().read_only())
        flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    int rc = g_real->xOpen(g_real, name, shim->real, flags, out_flags);
    if (rc != SQLITE_OK || !shim->real->pMethods) {
        file->pMethods = nullptr;
        return rc;
    }
    if (shim->real->pMethods->iVersion < 3) {
        shim->real->pMethods->xClose(shim->real);
        file->pMethods = nullptr;
        return SQLITE_CANTOPEN;
    }
    file->pMethods = &kMethods;
    return SQLITE_OK;
}
int shim_delete(sqlite3_vfs*, const char* name, int sync_dir) { return g_real->xDelete(g_real, name, sync_dir); }
int shim_access(sqlite3_vfs*, const char* name, int flags, int* out) { return g_real->xAccess(g_real, name, flags, out); }
int shim_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return g_real->xFullPathname(g_real, name, n, out);
}
void* shim_dl_open(sqlite3_vfs*, const char* name) { return g_real->xDlOpen(g_real, name); }
void shim_dl_error(sqlite3_vfs*, int n, char* out) { g_real->xDlError(g_real, n, out); }
void (*shim_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
    return g_real->xDlSym(g_real, handle, symbol);
}
void shim_dl_close(sqlite3_vfs*, void* handle) { g_real->xDlClose(g_real, handle); }
int shim_randomness(sqlite3_vfs*, int n, char* out) { return g_real->xRandomness(g_real, n, out); }
int shim_sleep(sqlite3_vfs*, int micros) { return g_real->xSleep(g_real, micros); }
int shim_current_time(sqlite3_vfs*, double* out) { return g_real->xCurrentTime(g_real, out); }
int shim_last_error(sqlite3_vfs*, int n, char* out) { return g_real->xGetLastError(g_real, n, out); }
int shim_current_time64(sqlite3_vfs*, sqlite3_int64* out) { return g_real->xCurrentTimeInt64(g_real, out); }

}  // namespace

FaultVfs::FaultVfs() {
    g_real = sqlite3_vfs_find(nullptr);
    if (!g_real || g_real->iVersion < 2) throw std::runtime_error("no usable default SQLite VFS");
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
    g_vfs.mxPathname = g_real->mxPathname;
    g_vfs.zName = kName;
    g_vfs.xOpen = shim_open;
    g_vfs.xDelete = shim_delete;
    g_vfs.xAccess = shim_access;
    g_vfs.xFullPathname = shim_full_pathname;
    g_vfs.xDlOpen = shim_dl_open;
    g_vfs.xDlError = shim_dl_error;
    g_vfs.xDlSym = shim_dl_sym;
    g_vfs.xDlClose = shim_dl_close;
    g_vfs.xRandomness = shim_randomness;
    g_vfs.xSleep = shim_sleep;
    g_vfs.xCurrentTime = shim_current_time;
    g_vfs.xGetLastError = shim_last_error;
    g_vfs.xCurrentTimeInt64 = shim_current_time64;
    if (sqlite3_vfs_register(&g_vfs, /*makeDflt=*/0) != SQLITE_OK)
        throw std::runtime_error("cannot register the fault VFS");
}

FaultVfs& FaultVfs::instance() {
    static FaultVfs vfs;
    return vfs;
}

void FaultVfs::arm(Fault fault, int nth, bool sticky) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.armed = true;
    s.fault = fault;
    s.nth = nth;
    s.sticky = sticky;
    s.calls = 0;
    s.failures = 0;
}

void FaultVfs::disarm() {
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.armed = false;
}

int FaultVfs::calls() const {
    State& s = state();
    std::lock_guard lock(s.mutex);
    return s.calls;
}

int FaultVfs::failures() const {
    State& s = state();
    std::lock_guard lock(s.mutex);
    return s.failures;
}

void FaultVfs::set_read_only(bool read_only) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.read_only = read_only;
}

bool FaultVfs::read_only() const {
    State& s = state();
    std::lock_guard lock(s.mutex);
    return s.read_only;
}

int FaultVfs::next(Op op) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    if (!s.armed) return 0;
    if (s.fault == Fault::disk_full && op != Op::write) return 0;
    ++s.calls;
    bool fail = s.nth > 0 && (s.calls == s.nth || (s.sticky && s.calls > s.nth));
    if (!fail) return 0;
    ++s.failures;
    if (s.fault == Fault::disk_full) return SQLITE_FULL;
    switch (op) {
    case Op::write: return SQLITE_IOERR_WRITE;
    case Op::sync: return SQLITE_IOERR_FSYNC;
    case Op::truncate: return SQLITE_IOERR_TRUNCATE;
    }
    return SQLITE_IOERR;
}

}  // namespace hall::test
