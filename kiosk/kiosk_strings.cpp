// The kiosk's string table. The Indonesian is plain and polite, written for a visitor who may
// be seventy and may never have used a touch screen: short sentences that say what happened
// and what to do next, with the button's own words in quotes.
#include "kiosk/kiosk_strings.hpp"

#include <chrono>
#include <iterator>

namespace hall::kiosk {

namespace {

constexpr i18n::Entry kStrings[] = {
    // The bar at the top of every screen.
    {"kiosk.bar.back", "\u2190 Kembali", "\u2190 Back"},
    {"kiosk.bar.home", "Ke Awal", "Home"},
    {"kiosk.bar.text_large", "A+", "A+"},
    {"kiosk.bar.text_large_detail", "Huruf besar", "Larger text"},
    {"kiosk.bar.text_normal", "A", "A"},
    {"kiosk.bar.text_normal_detail", "Huruf biasa", "Normal text"},
    {"kiosk.bar.lang_id", "ID", "ID"},
    {"kiosk.bar.lang_en", "EN", "EN"},
    {"kiosk.offline.banner",
     "Server antrian tidak dapat dihubungi. Anda tetap dapat membaca persyaratan layanan, tetapi nomor antrian "
     "belum dapat diambil. Mohon hubungi petugas.",
     "The queue server cannot be reached. You can still read what each service needs, but queue numbers "
     "cannot be taken yet. Please ask a member of staff."},
    {"kiosk.connecting", "Menghubungkan ke server antrian...", "Connecting to the queue server..."},

    // Welcome.
    {"kiosk.welcome.greeting", "Selamat datang di", "Welcome to"},
    {"kiosk.welcome.choose", "Sentuh instansi yang ingin Anda tuju:", "Touch the office you want to visit:"},
    {"kiosk.welcome.services.one", "1 layanan", "1 service"},
    {"kiosk.welcome.services.many", "{0} layanan", "{0} services"},
    {"kiosk.waiting.one", "1 orang menunggu", "1 person waiting"},
    {"kiosk.waiting.many", "{0} orang menunggu", "{0} people waiting"},
    {"kiosk.tile.waiting.one", "menunggu", "waiting"},
    {"kiosk.tile.waiting.many", "menunggu", "waiting"},
    {"kiosk.welcome.none", "Belum ada layanan yang dibuka di sini. Mohon hubungi petugas.",
     "No services are offered here yet. Please ask a member of staff."},
    {"kiosk.welcome.survey", "Isi Survei Kepuasan", "Fill in the satisfaction survey"},
    {"kiosk.welcome.survey_detail", "Untuk nomor antrian yang sudah selesai dilayani hari ini",
     "For a queue number that was served today"},

    // The survey (SKM) for visitors without a phone.
    {"kiosk.survey.title", "Survei Kepuasan Masyarakat", "Public Satisfaction Survey"},
    {"kiosk.survey.number.explain",
     "Ketik nomor antrian yang tercetak pada tiket Anda, misalnya A-012, lalu sentuh \u201cLanjut\u201d.",
     "Type the queue number printed on your ticket, for example A-012, then touch \u201cContinue\u201d."},
    {"kiosk.survey.number.label", "Nomor antrian", "Queue number"},
    {"kiosk.survey.find", "Lanjut", "Continue"},
    {"kiosk.survey.delete", "\u2190 Hapus", "\u2190 Delete"},
    {"kiosk.survey.waiting", "Mohon tunggu sebentar\u2026", "Please wait a moment\u2026"},
    {"kiosk.survey.refused.format", "Nomor belum lengkap. Ketik huruf lalu angka, misalnya A-012.",
     "The number is not complete. Type the letter, then the digits, for example A-012."},
    {"kiosk.survey.refused.unknown", "Nomor {0} tidak ditemukan hari ini. Periksa nomor pada tiket Anda.",
     "Number {0} was not found today. Check the number on your ticket."},
    {"kiosk.survey.refused.not_done",
     "Nomor {0} belum selesai dilayani. Survei dapat diisi setelah pelayanan selesai.",
     "Number {0} has not been served yet. The survey opens once the service is finished."},
    {"kiosk.survey.refused.answered", "Survei untuk nomor {0} sudah diisi. Terima kasih!",
     "The survey for number {0} has already been filled in. Thank you!"},
    {"kiosk.survey.refused.unreachable", "Server antrian tidak dapat dihubungi. Silakan coba lagi sebentar lagi.",
     "The queue server cannot be reached. Please try again in a moment."},
    {"kiosk.survey.refused.other", "Survei belum dapat diisi ({0}). Mohon hubungi petugas.",
     "The survey cannot be filled in now ({0}). Please ask a member of staff."},
    {"kiosk.survey.progress", "Pertanyaan {0} dari 9", "Question {0} of 9"},
    {"kiosk.survey.for", "Nomor {0} \u2022 {1}", "Number {0} \u2022 {1}"},
    {"kiosk.survey.choose", "Sentuh satu jawaban:", "Touch one answer:"},
    {"kiosk.survey.send_again", "Kirim lagi", "Send again"},
    {"kiosk.survey.thanks.title", "Terima kasih!", "Thank you!"},
    {"kiosk.survey.thanks.text",
     "Jawaban Anda untuk nomor {0} sudah kami terima. Masukan Anda membantu kami memperbaiki pelayanan.",
     "We have received your answers for number {0}. They help us improve our service."},
    {"kiosk.survey.thanks.done", "Selesai", "Done"},

    // Agency: the list of services and the search.
    {"kiosk.agency.choose", "Sentuh layanan yang Anda perlukan:", "Touch the service you need:"},
    {"kiosk.agency.search_hint", "Sentuh di sini untuk mencari layanan", "Touch here to search for a service"},
    {"kiosk.agency.search_label", "Cari: {0}", "Search: {0}"},
    {"kiosk.agency.clear", "Hapus", "Clear"},
    {"kiosk.agency.general", "Layanan Umum (semua bagian)", "General services (all sections)"},
    {"kiosk.agency.no_match", "Tidak ada layanan dengan kata \u201c{0}\u201d. Coba kata lain, atau sentuh \u201cHapus\u201d.",
     "No service has the word \u201c{0}\u201d. Try another word, or touch \u201cClear\u201d."},
    {"kiosk.agency.found.one", "1 layanan ditemukan", "1 service found"},
    {"kiosk.agency.found.many", "{0} layanan ditemukan", "{0} services found"},
    {"kiosk.agency.no_queue", "Tanpa antrian", "No queue"},
    {"kiosk.agency.time", "Waktu: {0}", "Time: {0}"},
    {"kiosk.agency.fee", "Biaya: {0}", "Fee: {0}"},
    {"kiosk.keyboard.space", "Spasi", "Space"},
    {"kiosk.keyboard.delete", "\u2190 Hapus", "\u2190 Delete"},
    {"kiosk.keyboard.done", "Tutup papan ketik", "Close keyboard"},

    // Service: the six public components and the button.
    {"kiosk.service.waiting_now.one", "Hari ini: 1 orang sedang menunggu", "Today: 1 person is waiting"},
    {"kiosk.service.waiting_now.many", "Hari ini: {0} orang sedang menunggu", "Today: {0} people are waiting"},
    {"kiosk.service.nobody_waiting", "Hari ini: belum ada yang menunggu", "Today: no one is waiting"},
    {"kiosk.service.estimate", "Perkiraan waktu tunggu: {0}", "Estimated wait: {0}"},
    {"kiosk.service.open_hours", "Buka hari ini {0}", "Open today {0}"},
    {"kiosk.service.take", "Ambil Nomor Antrian", "Take a Queue Number"},
    {"kiosk.service.take_detail", "Sentuh di sini bila persyaratan sudah siap",
     "Touch here when your documents are ready"},
    {"kiosk.service.req_hint", "Sentuh setiap berkas yang sudah Anda bawa:", "Touch each document you have brought:"},
    {"kiosk.service.brought", "\u2713 Saya sudah membawa", "\u2713 I have brought this"},
    {"kiosk.service.brought_count", "{0} dari {1} sudah dibawa", "{0} of {1} brought"},
    {"kiosk.service.scroll_hint", "Geser layar ke atas untuk melihat lanjutannya \u2193",
     "Slide the page up to see more \u2193"},
    {"kiosk.service.fee_summary", "Biaya: {0}", "Fee: {0}"},
    {"kiosk.service.time_summary", "Waktu penyelesaian: {0}", "Completion time: {0}"},

    // Why a number cannot be taken now (the service's status from the server).
    {"kiosk.reason.title", "Nomor antrian tidak dapat diambil sekarang", "A queue number cannot be taken now"},
    {"kiosk.reason.closed", "Layanan ini sedang tutup. Jam layanan hari ini: {0}. Silakan datang kembali pada jam layanan.",
     "This service is closed now. Today's opening hours: {0}. Please come back during opening hours."},
    {"kiosk.reason.closed_day", "Hari ini layanan tutup. Silakan datang kembali pada hari kerja.",
     "The service is closed today. Please come back on a working day."},
    {"kiosk.reason.break", "Petugas sedang istirahat ({0}). Nomor antrian dapat diambil lagi setelah istirahat selesai.",
     "The staff are on a break ({0}). Numbers can be taken again when the break is over."},
    {"kiosk.reason.holiday", "Hari ini hari libur ({0}). Layanan tutup. Silakan datang kembali pada hari kerja.",
     "Today is a holiday ({0}). The service is closed. Please come back on a working day."},
    {"kiosk.reason.quota", "Kuota antrian hari ini untuk layanan ini sudah habis ({0} nomor). Silakan datang kembali besok.",
     "Today's numbers for this service have all been given out ({0}). Please come back tomorrow."},
    {"kiosk.reason.offline",
     "Server antrian tidak dapat dihubungi, jadi nomor antrian belum dapat diambil. Mohon hubungi petugas.",
     "The queue server cannot be reached, so numbers cannot be taken yet. Please ask a member of staff."},
    {"kiosk.reason.unknown", "Layanan ini belum dibuka di mal pelayanan ini. Mohon tanyakan kepada petugas.",
     "This service is not offered in this hall yet. Please ask a member of staff."},

    // Priority.
    {"kiosk.priority.title", "Layanan prioritas?", "Priority service?"},
    {"kiosk.priority.explain",
     "Lansia, penyandang disabilitas, ibu hamil dan anak-anak dilayani lebih dahulu. Sentuh salah satu bila Anda "
     "termasuk. Bila tidak, sentuh \u201cTidak, antrian umum\u201d.",
     "Elderly people, people with disabilities, pregnant women and children are served first. Touch one if it "
     "applies to you. If not, touch \u201cNo, regular queue\u201d."},
    {"kiosk.priority.for_service", "Layanan: {0}", "Service: {0}"},
    {"kiosk.priority.elderly", "Lansia", "Elderly"},
    {"kiosk.priority.elderly_detail", "Usia 60 tahun ke atas", "Aged 60 or over"},
    {"kiosk.priority.disability", "Penyandang disabilitas", "Person with a disability"},
    {"kiosk.priority.pregnant", "Ibu hamil", "Pregnant woman"},
    {"kiosk.priority.child", "Anak-anak", "Child"},
    {"kiosk.priority.regular", "Tidak, antrian umum", "No, regular queue"},
    {"kiosk.priority.regular_detail", "Sebagian besar pengunjung memilih ini", "Most visitors choose this"},
    {"kiosk.busy.printer", "Mohon tunggu, printer sedang diperiksa...", "Please wait, checking the printer..."},
    {"kiosk.busy.issue", "Mohon tunggu, nomor antrian sedang diambil...", "Please wait, taking your number..."},

    // Ticket on screen.
    {"kiosk.ticket.your_number", "Nomor antrian Anda", "Your queue number"},
    {"kiosk.ticket.ahead.one", "1 orang di depan Anda", "1 person ahead of you"},
    {"kiosk.ticket.ahead.many", "{0} orang di depan Anda", "{0} people ahead of you"},
    {"kiosk.ticket.ahead.none", "Tidak ada orang di depan Anda", "No one is ahead of you"},
    {"kiosk.ticket.wait", "Perkiraan waktu tunggu: {0}", "Estimated wait: {0}"},
    {"kiosk.ticket.priority", "Antrian prioritas: {0}", "Priority queue: {0}"},
    {"kiosk.ticket.printing", "Tiket sedang dicetak, mohon tunggu...", "Your ticket is printing, please wait..."},
    {"kiosk.ticket.printed", "Silakan ambil tiket Anda di bawah layar ini, lalu tunggu nomor Anda dipanggil di layar TV.",
     "Please take your ticket below this screen, then wait for your number to be called on the TV screen."},
    {"kiosk.ticket.not_printed_title", "Tiket tidak dapat dicetak", "The ticket could not be printed"},
    {"kiosk.ticket.not_printed",
     "Nomor Anda sudah terdaftar. Catat atau foto nomor ini, lalu tunggu nomor Anda dipanggil di layar TV. "
     "Sentuh \u201cSelesai\u201d bila sudah.",
     "Your number is registered. Write it down or take a photo of it, then wait for it to be called on the TV "
     "screen. Touch \u201cDone\u201d when you are ready."},
    {"kiosk.ticket.qr_hint", "Pindai kode QR ini dengan ponsel untuk melihat antrian Anda dan memberi penilaian layanan.",
     "Scan this QR code with your phone to follow your queue and to rate the service."},
    {"kiosk.ticket.done", "Selesai", "Done"},
    {"kiosk.ticket.returning", "Layar kembali ke awal dalam {0} detik", "Back to the start in {0} seconds"},

    // The paper ticket (printed in the visitor's language; ASCII on the printer).
    {"kiosk.paper.number", "NOMOR ANTRIAN", "QUEUE NUMBER"},
    {"kiosk.paper.priority", "Prioritas: {0}", "Priority: {0}"},
    {"kiosk.paper.wait", "Perkiraan tunggu: {0}", "Estimated wait: {0}"},
    {"kiosk.paper.scan", "Pindai untuk memantau antrian Anda:", "Scan to follow your queue:"},
    {"kiosk.paper.survey", "Beri penilaian layanan kami: pindai kode QR", "Rate our service: scan the QR code"},
    {"kiosk.paper.keep", "Simpan tiket ini sampai Anda selesai dilayani.", "Keep this ticket until you have been served."},

    // What went wrong, and what to do.
    {"kiosk.problem.unreachable.title", "Server antrian tidak dapat dihubungi", "The queue server cannot be reached"},
    {"kiosk.problem.unreachable.text",
     "Nomor antrian belum dapat diambil. Sentuh \u201cCoba lagi\u201d. Bila tetap gagal, mohon hubungi petugas.",
     "Your number could not be taken yet. Touch \u201cTry again\u201d. If it still fails, please ask a member of staff."},
    {"kiosk.problem.paper_out.title", "Kertas tiket habis", "The ticket paper has run out"},
    {"kiosk.problem.paper_out.text",
     "Nomor antrian belum diambil. Mohon beri tahu petugas agar kertas diisi, lalu sentuh \u201cCoba lagi\u201d.",
     "No number was taken. Please tell a member of staff so they can refill the paper, then touch \u201cTry again\u201d."},
    {"kiosk.problem.printer_offline.title", "Printer tiket tidak siap", "The ticket printer is not ready"},
    {"kiosk.problem.printer_offline.text",
     "Printer tidak menyala atau tidak terhubung, jadi nomor antrian belum diambil. Mohon beri tahu petugas, lalu "
     "sentuh \u201cCoba lagi\u201d.",
     "The printer is off or not connected, so no number was taken. Please tell a member of staff, then touch "
     "\u201cTry again\u201d."},
    {"kiosk.problem.hall_closed.title", "Layanan sedang tutup", "The service is closed"},
    {"kiosk.problem.hall_closed.text", "Nomor antrian hanya dapat diambil pada jam layanan. Silakan datang kembali pada jam layanan.",
     "Numbers can only be taken during opening hours. Please come back during opening hours."},
    {"kiosk.problem.on_break.title", "Petugas sedang istirahat", "The staff are on a break"},
    {"kiosk.problem.on_break.text", "Nomor antrian dapat diambil lagi setelah istirahat selesai.",
     "Numbers can be taken again when the break is over."},
    {"kiosk.problem.holiday.title", "Hari ini hari libur", "Today is a holiday"},
    {"kiosk.problem.holiday.text", "Layanan tutup hari ini. Silakan datang kembali pada hari kerja.",
     "The service is closed today. Please come back on a working day."},
    {"kiosk.problem.quota_reached.title", "Kuota antrian hari ini sudah habis", "Today's numbers have run out"},
    {"kiosk.problem.quota_reached.text", "Semua nomor antrian hari ini untuk layanan ini sudah diambil. Silakan datang kembali besok.",
     "All of today's numbers for this service have been taken. Please come back tomorrow."},
    {"kiosk.problem.unknown_service.title", "Layanan belum dibuka di sini", "This service is not offered here"},
    {"kiosk.problem.unknown_service.text", "Mohon tanyakan kepada petugas ke mana Anda perlu pergi.",
     "Please ask a member of staff where to go."},
    {"kiosk.problem.other.title", "Nomor antrian tidak dapat diambil", "A number could not be taken"},
    {"kiosk.problem.other.text", "Terjadi gangguan ({0}). Sentuh \u201cCoba lagi\u201d, atau mohon hubungi petugas.",
     "Something went wrong ({0}). Touch \u201cTry again\u201d, or please ask a member of staff."},
    {"kiosk.problem.retry", "Coba lagi", "Try again"},
    {"kiosk.problem.back", "Kembali ke layanan", "Back to the service"},
    {"kiosk.problem.home", "Ke layar awal", "To the start screen"},

    // Idle.
    {"kiosk.idle.title", "Masih di sini?", "Still there?"},
    {"kiosk.idle.text", "Layar akan kembali ke awal dalam {0} detik.", "The screen goes back to the start in {0} seconds."},
    {"kiosk.idle.stay", "Ya, saya masih di sini", "Yes, I am still here"},

    // Calendar.
    {"kiosk.day.0", "Senin", "Monday"},
    {"kiosk.day.1", "Selasa", "Tuesday"},
    {"kiosk.day.2", "Rabu", "Wednesday"},
    {"kiosk.day.3", "Kamis", "Thursday"},
    {"kiosk.day.4", "Jumat", "Friday"},
    {"kiosk.day.5", "Sabtu", "Saturday"},
    {"kiosk.day.6", "Minggu", "Sunday"},
    {"kiosk.month.1", "Januari", "January"},
    {"kiosk.month.2", "Februari", "February"},
    {"kiosk.month.3", "Maret", "March"},
    {"kiosk.month.4", "April", "April"},
    {"kiosk.month.5", "Mei", "May"},
    {"kiosk.month.6", "Juni", "June"},
    {"kiosk.month.7", "Juli", "July"},
    {"kiosk.month.8", "Agustus", "August"},
    {"kiosk.month.9", "September", "September"},
    {"kiosk.month.10", "Oktober", "October"},
    {"kiosk.month.11", "November", "November"},
    {"kiosk.month.12", "Desember", "December"},
};

// The base letter of a Latin-1 letter (U+00C0..U+00FF), or 0.
char latin1_base(unsigned code) {
    static constexpr char kBase[] =
        "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"   // U+00C0..U+00DF (the \0 is the multiplication sign)
        "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";  // U+00E0..U+00FF (the \0 is the division sign)
    if (code < 0xC0 || code > 0xFF) return 0;
    return kBase[code - 0xC0];
}

}  // namespace

void register_strings() { i18n::register_table(i18n::Table{kStrings, std::size(kStrings)}); }

std::string tr(std::string_view key, Lang lang) { return std::string(i18n::text(key, lang)); }

std::string fill(std::string_view pattern, std::initializer_list<std::string> args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
            pattern[i + 1] <= '9') {
            const auto index = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (index < args.size()) {
                out += *(args.begin() + index);
                i += 2;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

LocalTime local_time(std::int64_t epoch_ms, int utc_offset_minutes) {
    using namespace std::chrono;
    const std::int64_t local_ms = epoch_ms + static_cast<std::int64_t>(utc_offset_minutes) * 60000;
    const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(local_ms)));
    const year_month_day date(day);
    const std::int64_t ms_of_day = local_ms - duration_cast<milliseconds>(day.time_since_epoch()).count();
    LocalTime t;
    t.year = static_cast<int>(date.year());
    t.month = static_cast<int>(static_cast<unsigned>(date.month()));
    t.day = static_cast<int>(static_cast<unsigned>(date.day()));
    t.weekday = static_cast<int>((weekday(day).c_encoding() + 6) % 7);  // c_encoding: 0 = Sunday
    t.hour = static_cast<int>(ms_of_day / 3600000);
    t.minute = static_cast<int>(ms_of_day / 60000 % 60);
    t.second = static_cast<int>(ms_of_day / 1000 % 60);
    return t;
}

namespace {
std::string two_digits(int value) {
    std::string s = std::to_string(value);
    return s.size() < 2 ? "0" + s : s;
}
}  // namespace

std::string long_date(const LocalTime& t, Lang lang) {
    return tr("kiosk.day." + std::to_string(t.weekday), lang) + ", " + std::to_string(t.day) + " " +
           tr("kiosk.month." + std::to_string(t.month), lang) + " " + std::to_string(t.year);
}

std::string short_date(const LocalTime& t) {
    return two_digits(t.day) + "-" + two_digits(t.month) + "-" + std::to_string(t.year);
}

std::string iso_date(const LocalTime& t) {
    return std::to_string(t.year) + "-" + two_digits(t.month) + "-" + two_digits(t.day);
}

std::string clock_text(const LocalTime& t) { return two_digits(t.hour) + ":" + two_digits(t.minute); }

std::string search_fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
            else out += ' ';
            continue;
        }
        // A two-byte UTF-8 sequence may be a Latin-1 letter; anything longer is a symbol.
        if ((c & 0xE0) == 0xC0 && i + 1 < text.size()) {
            const unsigned code = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
            const char base = latin1_base(code);
            out += base ? base : ' ';
            ++i;
            continue;
        }
        std::size_t extra = (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
        i += std::min(extra, text.size() - 1 - i);
        out += ' ';
    }
    return out;
}

}  // namespace hall::kiosk
