// The counter's strings. The officer reads them many times a day, so they are short, say what
// happened and what to do next, and name the key to press where there is one.
#include "counter_client/counter_text.hpp"

#include <iterator>

namespace hall::counter {

namespace {

constexpr i18n::Entry kStrings[] = {
    // The seven actions (F1..F7) and the other desk buttons.
    {"desk.action.call_next", "Panggil Berikutnya", "Call next"},
    {"desk.action.recall", "Panggil Ulang", "Recall"},
    {"desk.action.start_serving", "Mulai Layani", "Start serving"},
    {"desk.action.finish", "Selesai", "Done"},
    {"desk.action.no_show", "Tidak Hadir", "No-show"},
    {"desk.action.transfer", "Alihkan", "Transfer"},
    {"desk.action.hold", "Tunda", "Hold"},
    {"desk.login.button", "Masuk", "Log in"},
    {"desk.logout", "Keluar", "Log out"},
    {"desk.pause", "Istirahat", "Pause"},
    {"desk.resume", "Lanjutkan melayani", "Resume serving"},
    {"desk.queue.call", "Panggil antrian", "Call ticket"},
    {"desk.cancel", "Batal (Esc)", "Cancel (Esc)"},
    {"desk.key.enter", "atau tekan Enter", "or press Enter"},
    {"desk.retry", "Coba lagi: {1}", "Try again: {1}"},
    // What happened.
    {"desk.notice.reconnected", "Sambungan ke server pulih. Layar sudah diperbarui.", "The connection is back. The screen is up to date."},
    {"desk.notice.reconnected_unconfirmed", "Sambungan pulih. \u201c{1}\u201d tadi belum terkonfirmasi: periksa layar, lalu tekan Coba lagi bila masih perlu.", "The connection is back. \u201c{1}\u201d was not confirmed: check the screen, then press Try again if it is still needed."},
    {"desk.notice.session_ended", "Sesi loket ini berakhir (ditutup atau dipakai dari tempat lain). Silakan masuk kembali.", "This counter's session ended (closed or taken over elsewhere). Please log in again."},
    {"desk.notice.unconfirmed", "Server tidak menjawab. \u201c{1}\u201d belum pasti terlaksana dan tidak dikirim ulang diam-diam. Tekan Coba lagi setelah sambungan pulih.", "The server did not answer. \u201c{1}\u201d may not have been done and is not re-sent behind your back. Press Try again once the connection is back."},
    {"desk.notice.welcome", "Selamat bekerja, {1}. Anda masuk di {2}.", "Welcome, {1}. You are logged in at {2}."},
    {"desk.notice.logged_out", "Anda telah keluar. Loket ditutup.", "You are logged out. The counter is closed."},
    {"desk.notice.paused", "Loket diistirahatkan. Layar antrian menampilkan alasannya.", "The counter is paused. The displays show the reason."},
    {"desk.notice.resumed", "Loket kembali melayani.", "The counter is serving again."},
    {"desk.done.call", "{1} dipanggil ke {2}.", "{1} called to {2}."},
    {"desk.done.recall", "{1} dipanggil ulang (ke-{2}).", "{1} recalled ({2}\u00d7)."},
    {"desk.done.start", "Mulai melayani {1}.", "Serving {1}."},
    {"desk.done.finish", "{1} selesai dilayani.", "{1} done."},
    {"desk.done.no_show", "{1} dicatat tidak hadir.", "{1} marked as a no-show."},
    {"desk.done.transfer", "{1} dialihkan ke {2}.", "{1} transferred to {2}."},
    {"desk.done.hold", "{1} ditunda. Panggil lagi dari daftar \u201cDitunda\u201d saat pengunjung siap.", "{1} is on hold. Call it again from the \u201cOn hold\u201d list when the visitor is ready."},
    {"desk.refused.disconnected", "Ditolak: server tidak dapat dihubungi. Tidak ada yang dikirim; ulangi setelah sambungan pulih.", "Refused: the server cannot be reached. Nothing was sent; do it again once the connection is back."},
    {"desk.refused.busy", "Tunggu: tindakan sebelumnya belum dijawab server.", "Wait: the server has not answered the previous action yet."},
    // Logging in.
    {"desk.title", "Meja Loket", "Counter desk"},
    {"desk.login.title", "Masuk ke loket", "Log in to a counter"},
    {"desk.login.officer", "ID petugas", "Officer id"},
    {"desk.login.pin", "PIN", "PIN"},
    {"desk.login.counter", "Pilih loket", "Choose a counter"},
    {"desk.login.counter_preset", "Loket perangkat ini", "This device's counter"},
    {"desk.login.counter_free", "Kosong", "Free"},
    {"desk.login.counter_used", "Dipakai: {1}", "In use: {1}"},
    {"desk.login.counter_paused", "Istirahat: {1}", "Paused: {1}"},
    {"desk.login.hint", "Masukkan ID petugas dan PIN, pilih loket, lalu tekan Enter.", "Enter your officer id and PIN, choose a counter, then press Enter."},
    {"desk.login.failed_left", "ID petugas atau PIN salah. Sisa {1} kali percobaan sebelum dikunci.", "Wrong officer id or PIN. {1} attempt(s) left before a lock."},
    {"desk.login.locked_minutes", "Terlalu banyak PIN salah. Coba lagi dalam {1} menit.", "Too many wrong PINs. Try again in {1} minute(s)."},
    {"desk.login.locked", "Terlalu banyak PIN salah: akun dikunci sementara. Coba lagi beberapa menit lagi.", "Too many wrong PINs: the account is locked for a while. Try again in a few minutes."},
    {"desk.login.counter_busy", "Loket itu (atau loket Anda yang lain) masih melayani pengunjung. Selesaikan dahulu di sana.", "That counter (or your other counter) still has a visitor. Finish there first."},
    {"desk.login.need_officer", "Isi ID petugas.", "Enter your officer id."},
    {"desk.login.pin_format", "PIN berupa 4 sampai 12 angka.", "The PIN is 4 to 12 digits."},
    {"desk.login.need_counter", "Pilih loket terlebih dahulu.", "Choose a counter first."},
    {"desk.login.keys_missing", "Kunci perangkat tidak dapat dibaca. Hubungi petugas teknis.", "The device key cannot be read. Call the technician."},
    {"desk.error.forbidden_login", "Perangkat ini tidak terdaftar sebagai loket. Hubungi petugas teknis.", "This device is not enrolled as a counter. Call the technician."},
    {"desk.error.forbidden_device", "Loket ini sedang dipakai dari perangkat lain. Masuk kembali untuk memakainya di sini.", "This counter is in use from another device. Log in again to use it here."},
    // Why a button is off.
    {"desk.why.logged_out", "Masuk (login) terlebih dahulu.", "Log in first."},
    {"desk.why.logged_in", "Anda sudah masuk.", "You are already logged in."},
    {"desk.why.disconnected", "Server tidak dapat dihubungi.", "The server cannot be reached."},
    {"desk.why.busy", "Menunggu jawaban server atas tindakan sebelumnya.", "Waiting for the server's answer to the previous action."},
    {"desk.why.no_counter", "Data loket belum diterima dari server.", "The counter's data has not arrived from the server yet."},
    {"desk.why.paused", "Loket sedang istirahat. Lanjutkan melayani dahulu.", "The counter is paused. Resume first."},
    {"desk.why.closed", "Loket tertutup. Masuk kembali.", "The counter is closed. Log in again."},
    {"desk.why.finish_first", "Selesaikan {1} dahulu (Selesai, Tidak Hadir, Alihkan atau Tunda).", "Finish {1} first (Done, No-show, Transfer or Hold)."},
    {"desk.why.queue_empty", "Tidak ada antrian yang menunggu.", "No one is waiting."},
    {"desk.why.no_ticket", "Belum ada antrian yang dipanggil.", "No ticket has been called."},
    {"desk.why.recall_serving", "Pengunjung sudah dilayani; tidak perlu dipanggil ulang.", "The visitor is already being served; no need to recall."},
    {"desk.why.already_serving", "Pengunjung sudah sedang dilayani.", "The visitor is already being served."},
    {"desk.why.start_first", "Mulai layani dahulu (F3), baru Selesai.", "Start serving first (F3), then Done."},
    {"desk.why.no_show_serving", "Pengunjung hadir dan sedang dilayani.", "The visitor is here and being served."},
    {"desk.why.no_target", "Tidak ada layanan lain sebagai tujuan pengalihan.", "There is no other service to transfer to."},
    {"desk.why.is_current", "Ini antrian yang sedang Anda layani.", "This is the ticket you are serving."},
    {"desk.why.at_other_counter", "Sedang di {1}.", "At {1} now."},
    {"desk.why.not_callable", "Statusnya {1}; tidak dapat dipanggil.", "Its state is {1}; it cannot be called."},
    {"desk.why.not_served", "Loket ini tidak melayani {1}.", "This counter does not serve {1}."},
    {"desk.why.already_paused", "Loket sudah istirahat.", "The counter is already paused."},
    {"desk.why.pause_with_ticket", "Selesaikan {1} sebelum istirahat.", "Finish {1} before pausing."},
    {"desk.why.not_paused", "Loket tidak sedang istirahat.", "The counter is not paused."},
    {"desk.why.logout_with_ticket", "Selesaikan {1} sebelum keluar.", "Finish {1} before logging out."},
    // The main desk.
    {"desk.connected", "Tersambung", "Connected"},
    {"desk.disconnected", "Terputus", "Disconnected"},
    {"desk.lang.switch", "English", "Bahasa Indonesia"},
    {"desk.banner.disconnected", "Server tidak dapat dihubungi \u2013 semua tindakan ditolak sampai sambungan pulih.", "Server unreachable \u2013 every action is refused until the connection is back."},
    {"desk.busy", "Menunggu jawaban server\u2026", "Waiting for the server\u2026"},
    {"desk.ticket.none", "Belum ada antrian dipanggil", "No ticket called"},
    {"desk.ticket.none_hint", "Tekan F1 untuk memanggil antrian berikutnya. Menunggu: {1}.", "Press F1 to call the next ticket. Waiting: {1}."},
    {"desk.ticket.called", "DIPANGGIL", "CALLED"},
    {"desk.ticket.serving", "SEDANG DILAYANI", "BEING SERVED"},
    {"desk.ticket.serving_for", "Dilayani", "Serving"},
    {"desk.ticket.called_for", "Dipanggil", "Called"},
    {"desk.ticket.waited", "Tunggu {1}", "Waited {1}"},
    {"desk.ticket.recalls", "dipanggil ulang {1}\u00d7", "recalled {1}\u00d7"},
    {"desk.ticket.transferred", "Dialihkan dari {1}", "Transferred from {1}"},
    {"desk.ticket.note", "Catatan: {1}", "Note: {1}"},
    {"desk.ticket.note_short", "\u201c{1}\u201d", "\u201c{1}\u201d"},
    {"desk.prio.regular", "Umum", "Regular"},
    {"desk.prio.elderly", "Lansia", "Elderly"},
    {"desk.prio.disability", "Disabilitas", "Disability"},
    {"desk.prio.pregnant", "Ibu hamil", "Pregnant"},
    {"desk.prio.child", "Anak", "Child"},
    {"desk.fig.line", "Hari ini, Anda di loket ini: {1} selesai dilayani \u2022 rata-rata layanan {2} \u2022 {3} tidak hadir", "Today, you at this counter: {1} served \u2022 average service {2} \u2022 {3} no-shows"},
    {"desk.req.checked", "{1} dari {2} berkas sudah diperiksa", "{1} of {2} documents checked"},
    {"desk.tab.requirements", "Persyaratan", "Requirements"},
    {"desk.tab.procedure", "Prosedur", "Procedure"},
    {"desk.tab.management", "Manajemen", "Management"},
    {"desk.req.none", "Panggil atau pilih antrian untuk melihat persyaratan layanannya.", "Call or select a ticket to see its service's requirements."},
    {"desk.req.preview", "Pratinjau untuk {1}; centang berkas setelah dipanggil.", "Preview for {1}; tick the documents once it is called."},
    {"desk.req.complete", "Berkas lengkap", "All documents checked"},
    {"desk.proc.time", "Jangka waktu", "Completion time"},
    {"desk.proc.fee", "Biaya", "Fee"},
    {"desk.proc.product", "Produk", "Product"},
    // The queue and the scan field.
    {"desk.scan.hint", "Pindai QR / ketik nomor", "Scan QR / type number"},
    {"desk.scan.unrecognized", "Kode \u201c{1}\u201d tidak dikenali. Pindai QR pada tiket antrian atau ketik nomornya (mis. A-012).", "Code \u201c{1}\u201d not recognised. Scan the QR code on the ticket or type its number (e.g. A-012)."},
    {"desk.scan.token_not_found", "Tiket ini tidak ada di antrian hari ini (mungkin tiket hari lain).", "This ticket is not in today's queue (perhaps another day's)."},
    {"desk.scan.number_not_found", "Nomor {1} tidak ada di antrian hari ini.", "Number {1} is not in today's queue."},
    {"desk.scan.is_current", "{1} adalah antrian yang sedang Anda layani.", "{1} is the ticket you are serving."},
    {"desk.scan.selected_callable", "{1} dipilih ({2}). Tekan Enter atau \u201cPanggil\u201d untuk memanggilnya.", "{1} selected ({2}). Press Enter or \u201cCall\u201d to call it."},
    {"desk.scan.selected", "{1} dipilih: {2}.", "{1} selected: {2}."},
    {"desk.selected.call", "Panggil {1}", "Call {1}"},
    {"desk.queue.title", "Antrian: {1} menunggu", "Queue: {1} waiting"},
    {"desk.queue.empty", "Tidak ada yang menunggu.", "No one is waiting."},
    {"desk.queue.on_hold", "Ditunda", "On hold"},
    {"desk.queue.minutes", "{1} mnt", "{1} min"},
    {"desk.unit.hours_minutes", "{1} j {2} mnt", "{1} h {2} min"},
    {"desk.queue.transferred", "Dialihkan ke sini dari layanan lain", "Transferred here from another service"},
    // Pause.
    {"desk.paused.title", "{1} istirahat", "{1} is paused"},
    {"desk.paused.no_reason", "Tanpa keterangan", "No reason given"},
    {"desk.paused.since", "Sejak {1} ({2})", "Since {1} ({2})"},
    {"desk.paused.waiting", "{1} antrian menunggu layanan loket ini.", "{1} tickets wait for this counter's services."},
    {"desk.paused.explain", "Selama istirahat loket ini tidak dipanggil; layar antrian menampilkan alasannya.", "While paused, this counter takes no calls; the displays show the reason."},
    {"desk.pause.title", "Istirahatkan loket", "Pause the counter"},
    {"desk.pause.hint", "Pilih alasannya. Loket tidak dipanggil selama istirahat, dan layar antrian menampilkan alasan ini.", "Choose a reason. The counter takes no calls while paused, and the displays show this reason."},
    {"desk.pause.with_other", "Pakai alasan ini", "Use this reason"},
    {"desk.pause.need_reason", "Tulis alasannya dahulu.", "Type the reason first."},
    {"desk.reason.break", "Istirahat", "Break"},
    {"desk.reason.prayer", "Sholat", "Prayer"},
    {"desk.reason.meeting", "Rapat", "Meeting"},
    {"desk.reason.errand", "Urusan dinas", "Official errand"},
    {"desk.reason.other", "Alasan lain", "Other reason"},
    // Transfer.
    {"desk.transfer.title", "Alihkan {1} ke layanan lain", "Transfer {1} to another service"},
    {"desk.transfer.from", "Sekarang: {1}", "Now: {1}"},
    {"desk.transfer.filter", "Cari layanan atau instansi\u2026", "Search a service or agency\u2026"},
    {"desk.transfer.waiting", "{1} menunggu", "{1} waiting"},
    {"desk.transfer.none", "Tidak ada layanan yang cocok.", "No service matches."},
    {"desk.transfer.note", "Catatan untuk loket tujuan (boleh kosong)", "Note for the next counter (optional)"},
    {"desk.transfer.choose", "Pilih layanan tujuan", "Choose the target service"},
    {"desk.transfer.confirm", "Alihkan ke {1}", "Transfer to {1}"},
    {"desk.transfer.pick_service", "Pilih layanan tujuan terlebih dahulu.", "Choose the target service first."},
};

}  // namespace

bool Text::operator==(const Text& other) const {
    if (key != other.key || args.size() != other.args.size()) return false;
    for (std::size_t i = 0; i < args.size(); ++i)
        if (args[i].value != other.args[i].value || args[i].is_key != other.args[i].is_key) return false;
    return true;
}

void register_counter_strings() { i18n::register_table(i18n::Table{kStrings, std::size(kStrings)}); }

std::string tr(std::string_view key, i18n::Lang lang) { return std::string(i18n::text(key, lang)); }

std::string render(const Text& text, i18n::Lang lang) {
    const std::string_view prefix = "error.";
    std::string out = text.key.compare(0, prefix.size(), prefix) == 0
                          ? std::string(i18n::error_text(std::string_view(text.key).substr(prefix.size()), lang))
                          : tr(text.key, lang);
    // One pass over the template, so a value that itself contains "{1}" is never replaced again.
    std::string result;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '{') {
            std::size_t close = out.find('}', i);
            std::size_t n = 0;
            bool digits = close != std::string::npos && close > i + 1;
            for (std::size_t j = i + 1; digits && j < close; ++j) {
                if (out[j] < '0' || out[j] > '9') digits = false;
                else n = n * 10 + static_cast<std::size_t>(out[j] - '0');
            }
            if (digits) {
                if (n >= 1 && n <= text.args.size()) {
                    const TextArg& arg = text.args[n - 1];
                    result += arg.is_key ? tr(arg.value, lang) : arg.value;
                }
                i = close;
                continue;
            }
        }
        result += out[i];
    }
    return result;
}

}  // namespace hall::counter
