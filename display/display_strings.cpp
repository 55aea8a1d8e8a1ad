// Wording for a board seen from across a hall by visitors of every age: short, plain, polite.
#include "display/display_strings.hpp"

#include <iterator>

namespace hall::display {

namespace {

constexpr i18n::Entry kStrings[] = {
    {"display.window_title", "Layar Antrian", "Queue Display"},
    // The latest call.
    {"display.queue_number", "NOMOR ANTRIAN", "QUEUE NUMBER"},
    {"display.new_call", "PANGGILAN BARU", "NOW CALLING"},
    {"display.recall", "PANGGILAN ULANG", "CALLED AGAIN"},
    {"display.go_to", "Silakan menuju", "Please go to"},
    {"display.no_calls", "Belum ada panggilan", "No calls yet"},
    {"display.no_calls_hint", "Nomor yang dipanggil akan tampil di sini.", "Called numbers will appear here."},
    // Earlier calls.
    {"display.previous", "Panggilan sebelumnya", "Previous calls"},
    {"display.previous_none", "Belum ada", "None yet"},
    // Counters.
    {"display.counter_closed", "Tutup", "Closed"},
    {"display.counter_paused", "Istirahat", "On a break"},
    {"display.counter_ready", "Buka", "Open"},
    {"display.counter_calling", "Memanggil", "Calling"},
    {"display.counter_serving", "Melayani", "Serving"},
    // Waiting counts.
    {"display.waiting_title", "Menunggu", "Waiting"},
    {"display.waiting_total", "{n} orang", "{n} people"},
    {"display.waiting_none", "Tidak ada antrian menunggu", "No one is waiting"},
    {"display.page", "{i}/{n}", "{i}/{n}"},
    // Connection.
    {"display.banner", "Koneksi ke server terputus \u2014 menyambung kembali\u2026",
     "Connection to the server lost \u2014 reconnecting\u2026"},
    {"display.banner_age", "sejak {age}", "for {age}"},
    {"display.seconds", "{n} detik", "{n} seconds"},
    {"display.one_second", "1 detik", "1 second"},
    {"display.resyncing", "Memperbarui data\u2026", "Updating\u2026"},
    {"display.all_zones", "Semua loket", "All counters"},
    // Running text.
    {"display.ticker_pledge", "Maklumat Pelayanan {agency}:", "Service pledge of {agency}:"},
    {"display.ticker_closed", "Pengambilan nomor antrian sedang tutup. Jam layanan hari ini {detail}.",
     "Ticket issuing is closed now. Today's opening hours: {detail}."},
    {"display.ticker_closed_day", "Hari ini layanan tutup.", "The hall is closed today."},
    {"display.ticker_break", "Waktu istirahat ({detail}). Nomor antrian dapat diambil lagi setelah istirahat.",
     "Break time ({detail}). Tickets can be taken again after the break."},
    {"display.ticker_holiday", "Hari ini libur: {detail}. Layanan tutup.", "Today is a holiday: {detail}. The hall is closed."},
    {"display.ticker_quota", "Kuota nomor antrian hari ini sudah habis untuk: {detail}.",
     "Today's tickets are all taken for: {detail}."},
    // Days (Monday first) and months.
    {"display.day_0", "Senin", "Monday"},
    {"display.day_1", "Selasa", "Tuesday"},
    {"display.day_2", "Rabu", "Wednesday"},
    {"display.day_3", "Kamis", "Thursday"},
    {"display.day_4", "Jumat", "Friday"},
    {"display.day_5", "Sabtu", "Saturday"},
    {"display.day_6", "Minggu", "Sunday"},
    {"display.month_1", "Januari", "January"},
    {"display.month_2", "Februari", "February"},
    {"display.month_3", "Maret", "March"},
    {"display.month_4", "April", "April"},
    {"display.month_5", "Mei", "May"},
    {"display.month_6", "Juni", "June"},
    {"display.month_7", "Juli", "July"},
    {"display.month_8", "Agustus", "August"},
    {"display.month_9", "September", "September"},
    {"display.month_10", "Oktober", "October"},
    {"display.month_11", "November", "November"},
    {"display.month_12", "Desember", "December"},
    // Command line.
    {"display.usage",
     "Pemakaian: display --config HALL.toml --keys FOLDER_KUNCI [--zone ZONA] [--lang id|en] [--windowed] "
     "[--size LxT] [--screenshot FILE.png]\n   atau: display --say NOMOR \"NAMA LOKET\" [--recall] [--wav FILE.wav] "
     "[--config HALL.toml]",
     "Usage: display --config HALL.toml --keys KEYDIR [--zone ZONE] [--lang id|en] [--windowed] [--size WxH] "
     "[--screenshot FILE.png]\n   or: display --say NUMBER \"COUNTER NAME\" [--recall] [--wav FILE.wav] "
     "[--config HALL.toml]"},
    {"display.error_arguments", "Perintah tidak lengkap atau salah.", "The command is incomplete or wrong."},
    {"display.error_config", "Konfigurasi mal tidak dapat dibaca.", "The hall configuration cannot be read."},
    {"display.error_zone", "Zona layar tidak dikenal.", "Unknown display zone."},
    {"display.error_keys", "Kunci perangkat tidak dapat dibaca; layar menunggu server.",
     "The device keys cannot be read; the board waits for the server."},
    {"display.error_speech", "Suara panggilan tidak dapat dibuat.", "The call's voice cannot be made."},
    {"display.error_wav", "Berkas suara tidak dapat ditulis.", "The sound file cannot be written."},
    {"display.wrote_wav", "Suara panggilan disimpan", "Call sound saved"},
    {"display.spoke", "Panggilan diputar lewat keluaran suara", "The call was played on the sound output"},
    {"display.no_sound",
     "Tidak ada keluaran suara: periksa kabel HDMI/speaker dan pilihan keluaran (aplay -l)",
     "No sound output: check the HDMI/speaker cable and the output chosen (aplay -l)"},
};

}  // namespace

void register_display_strings() { i18n::register_table(i18n::Table{kStrings, std::size(kStrings)}); }

std::string_view tr(std::string_view key, i18n::Lang lang) { return i18n::text(key, lang); }

std::string fill(std::string_view text, std::string_view name, std::string_view value) {
    const std::string placeholder = "{" + std::string(name) + "}";
    std::string out(text);
    for (std::size_t at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at + value.size()))
        out.replace(at, placeholder.size(), value);
    return out;
}

}  // namespace hall::display
