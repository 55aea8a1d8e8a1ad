// Every word the visitor's pages show, in Bahasa Indonesia (first) and English.
"use strict";
window.HALL_STRINGS = {
  id: {
    lang_button: "English",
    your_number: "Nomor antrian Anda",
    ahead: "Orang di depan Anda",
    wait: "Perkiraan menunggu",
    minutes: "menit",
    hours: "jam",
    updated: "Diperbarui otomatis setiap 2 detik · terakhir {0}",
    offline: "Koneksi terputus. Mencoba lagi…",
    st_waiting: "Menunggu giliran",
    st_waiting_sub: "Silakan duduk. Nomor Anda akan dipanggil dan tampil di layar TV.",
    st_transferred: "Dialihkan, menunggu giliran",
    st_transferred_sub: "Anda dialihkan ke layanan ini. Nomor Anda tetap sama.",
    st_called: "Silakan menuju",
    st_called_sub: "Nomor Anda dipanggil sekarang.",
    st_serving: "Sedang dilayani di",
    st_done: "Pelayanan selesai",
    st_done_sub: "Terima kasih atas kunjungan Anda.",
    st_done_survey: "Terima kasih. Mohon isi survei singkat di bawah ini (9 pertanyaan).",
    st_no_show: "Tidak hadir saat dipanggil",
    st_no_show_sub: "Silakan hubungi petugas informasi.",
    st_on_hold: "Ditunda sementara",
    st_on_hold_sub: "Silakan hubungi petugas informasi.",
    st_cancelled: "Tiket dibatalkan",
    st_cancelled_sub: "Silakan hubungi petugas informasi.",
    st_expired: "Tiket sudah tidak berlaku",
    st_expired_sub: "Tiket ini untuk hari yang sudah lewat. Silakan ambil nomor baru di kiosk.",
    survey_title: "Survei Kepuasan Masyarakat",
    survey_intro: "Bantu kami memperbaiki pelayanan. Pilih satu jawaban untuk setiap pertanyaan (1 = kurang, 4 = sangat baik).",
    survey_about: "Tentang Anda (boleh dikosongkan)",
    age: "Umur (tahun)",
    choose: "— pilih —",
    suggestion: "Saran dan masukan",
    send: "Kirim survei",
    sending: "Mengirim…",
    missing: "Mohon jawab semua 9 pertanyaan. Pertanyaan yang belum dijawab ditandai merah.",
    thanks: "Terima kasih! Jawaban Anda sudah kami terima.",
    already: "Survei untuk tiket ini sudah diisi. Terima kasih!",
    send_failed: "Survei belum terkirim. Periksa koneksi lalu coba lagi.",
    bad_age: "Umur harus angka 10 sampai 120, atau dikosongkan."
  },
  en: {
    lang_button: "Bahasa Indonesia",
    your_number: "Your queue number",
    ahead: "People ahead of you",
    wait: "Estimated wait",
    minutes: "minutes",
    hours: "hours",
    updated: "Updates every 2 seconds · last {0}",
    offline: "Connection lost. Trying again…",
    st_waiting: "Waiting for your turn",
    st_waiting_sub: "Please take a seat. Your number will be called and shown on the TV.",
    st_transferred: "Transferred, waiting",
    st_transferred_sub: "You were sent on to this service. Your number stays the same.",
    st_called: "Please go to",
    st_called_sub: "Your number is being called now.",
    st_serving: "Being served at",
    st_done: "Service finished",
    st_done_sub: "Thank you for your visit.",
    st_done_survey: "Thank you. Please fill in the short survey below (9 questions).",
    st_no_show: "Not present when called",
    st_no_show_sub: "Please ask at the information desk.",
    st_on_hold: "On hold",
    st_on_hold_sub: "Please ask at the information desk.",
    st_cancelled: "Ticket cancelled",
    st_cancelled_sub: "Please ask at the information desk.",
    st_expired: "This ticket is no longer valid",
    st_expired_sub: "This ticket is for a past day. Please take a new number at the kiosk.",
    survey_title: "Public Satisfaction Survey",
    survey_intro: "Help us improve. Choose one answer for each question (1 = poor, 4 = very good).",
    survey_about: "About you (optional)",
    age: "Age (years)",
    choose: "— choose —",
    suggestion: "Suggestions",
    send: "Send the survey",
    sending: "Sending…",
    missing: "Please answer all 9 questions. Unanswered questions are marked red.",
    thanks: "Thank you! We have received your answers.",
    already: "The survey for this ticket has been filled in. Thank you!",
    send_failed: "The survey was not sent. Check the connection and try again.",
    bad_age: "Age must be a number from 10 to 120, or left empty."
  }
};
window.hallLang = function () {
  try { return localStorage.getItem("hall_lang") === "en" ? "en" : "id"; } catch (e) { return "id"; }
};
window.hallSetLang = function (lang) {
  try { localStorage.setItem("hall_lang", lang); } catch (e) { /* private mode: this page only */ }
};
window.hallText = function (key, arg) {
  var table = window.HALL_STRINGS[window.hallLang()];
  var s = table[key] !== undefined ? table[key] : window.HALL_STRINGS.id[key];
  return arg === undefined ? s : s.replace("{0}", arg);
};
