// The string table. Indonesian wording is plain and polite, addressed to visitors and officers
// who may not be used to computers: say what happened and what to do next.
#include "common/i18n.hpp"

#include <array>
#include <iterator>
#include <mutex>
#include <set>
#include <vector>

#include "common/protocol/protocol.hpp"

namespace hall::i18n {

namespace {

constexpr Entry kTable[] = {
    // Protocol errors.
    {"error.malformed", "Permintaan tidak dapat dibaca. Silakan coba lagi.", "The request could not be read. Please try again."},
    {"error.too_large", "Permintaan terlalu besar.", "The request is too large."},
    {"error.version_mismatch", "Versi program tidak cocok dengan server. Hubungi petugas teknis.", "This program's version does not match the server. Call the technician."},
    {"error.unknown_type", "Permintaan tidak dikenal server. Hubungi petugas teknis.", "The server does not know this request. Call the technician."},
    {"error.bad_request", "Data permintaan tidak lengkap atau salah.", "The request's data is incomplete or wrong."},
    {"error.forbidden", "Perangkat ini tidak berwenang melakukan tindakan ini.", "This device is not allowed to do this."},
    {"error.unknown_service", "Layanan tidak tersedia di mal pelayanan ini.", "This service is not offered in this hall."},
    {"error.unknown_counter", "Loket tidak dikenal.", "Unknown counter."},
    {"error.unknown_ticket", "Nomor antrian tidak ditemukan.", "Ticket not found."},
    {"error.unknown_officer", "Petugas tidak dikenal.", "Unknown officer."},
    {"error.illegal_transition", "Tindakan ini tidak dapat dilakukan pada status antrian sekarang.", "This action is not possible in the ticket's current state."},
    {"error.queue_empty", "Tidak ada antrian yang menunggu.", "No one is waiting."},
    {"error.counter_closed", "Loket belum dibuka. Silakan masuk (login) terlebih dahulu.", "The counter is closed. Please log in first."},
    {"error.counter_paused", "Loket sedang istirahat. Lanjutkan dahulu.", "The counter is paused. Resume first."},
    {"error.counter_busy", "Selesaikan antrian yang sedang dilayani terlebih dahulu.", "Finish the current ticket first."},
    {"error.not_your_ticket", "Antrian ini bukan milik loket Anda.", "This ticket belongs to another counter."},
    {"error.service_not_served", "Loket ini tidak melayani layanan tersebut.", "This counter does not serve that service."},
    {"error.hall_closed", "Layanan sedang tutup. Silakan datang kembali pada jam layanan.", "The service is closed. Please come back during opening hours."},
    {"error.on_break", "Layanan sedang istirahat. Silakan tunggu sampai jam istirahat selesai.", "The service is on a break. Please wait until the break ends."},
    {"error.holiday", "Hari ini libur. Layanan tutup.", "Today is a holiday. The service is closed."},
    {"error.quota_reached", "Kuota antrian hari ini sudah habis. Silakan datang kembali besok.", "Today's ticket quota is reached. Please come back tomorrow."},
    {"error.login_failed", "ID petugas atau PIN salah.", "Wrong officer id or PIN."},
    {"error.login_locked", "Terlalu banyak PIN salah. Coba lagi beberapa menit lagi.", "Too many wrong PINs. Try again in a few minutes."},
    {"error.rate_limited", "Terlalu banyak percobaan dari perangkat ini. Silakan tunggu satu menit, lalu coba lagi.", "Too many attempts from this device. Please wait a minute, then try again."},
    {"error.officer_exists", "ID petugas sudah terdaftar.", "This officer id already exists."},
    {"error.survey_not_done", "Survei dapat diisi setelah pelayanan untuk nomor ini selesai.", "The survey opens once the service for this number is finished."},
    {"error.survey_answered", "Survei untuk nomor ini sudah diisi. Terima kasih!", "The survey for this number has already been filled in. Thank you!"},
    {"error.storage_error", "Server tidak dapat menyimpan data. Hubungi petugas.", "The server could not save the data. Call staff."},
    {"error.internal_error", "Terjadi kesalahan pada server. Hubungi petugas.", "The server had an internal error. Call staff."},
    {"error.unreachable", "Server tidak dapat dihubungi. Silakan hubungi petugas.", "The server cannot be reached. Please call staff."},
    // Ticket states.
    {"state.waiting", "Menunggu", "Waiting"},
    {"state.called", "Dipanggil", "Called"},
    {"state.serving", "Sedang dilayani", "Being served"},
    {"state.done", "Selesai", "Done"},
    {"state.no_show", "Tidak hadir", "No-show"},
    {"state.transferred", "Dialihkan", "Transferred"},
    {"state.on_hold", "Ditunda", "On hold"},
    {"state.cancelled", "Dibatalkan", "Cancelled"},
    // Priority classes.
    {"priority.regular", "Umum", "Regular"},
    {"priority.elderly", "Lansia", "Elderly"},
    {"priority.disability", "Penyandang disabilitas", "Person with disability"},
    {"priority.pregnant", "Ibu hamil", "Pregnant woman"},
    {"priority.child", "Anak-anak", "Child"},
    // Counter states.
    {"counter.closed", "Tutup", "Closed"},
    {"counter.open", "Buka", "Open"},
    {"counter.paused", "Istirahat", "Paused"},
    // Service status.
    {"service.open", "Buka", "Open"},
    {"service.closed", "Tutup", "Closed"},
    {"service.break", "Istirahat", "Break"},
    {"service.holiday", "Libur", "Holiday"},
    {"service.quota_reached", "Kuota habis", "Quota reached"},
    // Command-line words.
    {"cli.issued", "Nomor antrian diterbitkan", "Ticket issued"},
    {"cli.ahead", "orang di depan", "people ahead"},
    {"cli.wait", "perkiraan tunggu (menit)", "estimated wait (minutes)"},
    {"cli.error", "Gagal", "Failed"},
};

std::mutex g_mutex;
std::vector<Table>& tables() {
    static std::vector<Table> t{Table{kTable, std::size(kTable)}};
    return t;
}

const Entry* find(std::string_view key) {
    std::lock_guard lock(g_mutex);
    for (const Table& t : tables())
        for (std::size_t i = 0; i < t.size; ++i)
            if (t.entries[i].key == key) return &t.entries[i];
    return nullptr;
}

}  // namespace

void register_table(Table table) {
    std::lock_guard lock(g_mutex);
    for (const Table& t : tables())
        if (t.entries == table.entries) return;
    tables().push_back(table);
}

std::string_view text(std::string_view key, Lang lang) {
    const Entry* e = find(key);
    if (!e) return key;
    return lang == Lang::id ? e->id : e->en;
}

std::string_view error_text(std::string_view code, Lang lang) {
    const Entry* e = find("error." + std::string(code));
    if (!e) return text("error.internal_error", lang);
    return lang == Lang::id ? e->id : e->en;
}

std::string both(std::string_view key) {
    return std::string(text(key, Lang::id)) + " / " + std::string(text(key, Lang::en));
}

bool table_complete(std::string* missing) {
    std::vector<Table> all;
    {
        std::lock_guard lock(g_mutex);
        all = tables();
    }
    std::set<std::string_view> seen;
    for (const Table& t : all) {
        for (std::size_t i = 0; i < t.size; ++i) {
            const Entry& e = t.entries[i];
            if (e.id.empty() || e.en.empty() || !seen.insert(e.key).second) {
                if (missing) *missing = std::string(e.key);
                return false;
            }
        }
    }
    for (int i = 0; i < proto::kErrorCodeCount; ++i) {
        std::string key = "error." + std::string(proto::error_code_name(static_cast<proto::ErrorCode>(i)));
        if (text(key, Lang::id) == key) {
            if (missing) *missing = key;
            return false;
        }
    }
    return true;
}

}  // namespace hall::i18n
