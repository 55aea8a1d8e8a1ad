// Shows why the last login failed (the server redirects here with ?e=reason).
"use strict";
(function () {
  var messages = {
    wrong: ["ID petugas atau PIN salah.", "Wrong officer id or PIN."],
    locked: ["Terlalu banyak PIN salah. Coba lagi setelah 5 menit.", "Too many wrong PINs. Try again in 5 minutes."],
    forbidden: ["Petugas ini tidak memiliki peran admin.", "This officer does not have the admin role."],
    throttled: ["Terlalu banyak percobaan dari perangkat ini. Tunggu beberapa menit.", "Too many attempts from this device. Wait a few minutes."],
    invalid: ["Isi ID petugas dan PIN (4 sampai 12 angka).", "Enter the officer id and a PIN of 4 to 12 digits."],
    expired: ["Sesi berakhir. Silakan masuk lagi.", "Your session ended. Please log in again."],
    unavailable: ["Server sedang sibuk. Coba lagi.", "The server is busy. Try again."]
  };
  var e = new URLSearchParams(location.search).get("e");
  if (e && messages[e]) {
    var el = document.getElementById("error");
    el.textContent = messages[e][0] + " / " + messages[e][1];
    el.classList.remove("hidden");
  }
})();
