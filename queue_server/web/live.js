// The supervisor's live hall: polls /api/admin/live every 2 s.
"use strict";
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var stateNames = { open: "Buka · Open", paused: "Istirahat · Paused", closed: "Tutup · Closed" };
  var statusNames = { open: "Buka", closed: "Tutup", on_break: "Istirahat", holiday: "Libur", quota_reached: "Kuota habis" };

  function minutes(m) {
    if (m === null || m === undefined) return "–";
    if (m < 60) return m + " mnt";
    return Math.floor(m / 60) + " j " + (m % 60) + " mnt";
  }
  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
  }

  function render(d) {
    $("hall").textContent = d.hall + " · " + d.date;
    $("t-issued").textContent = d.totals.issued;
    $("t-waiting").textContent = d.totals.waiting;
    $("t-active").textContent = d.totals.at_counter;
    $("t-done").textContent = d.totals.done;
    $("t-noshow").textContent = d.totals.no_show;
    $("t-longest").textContent = d.longest_wait ? minutes(d.longest_wait.minutes) : "–";
    // Red once someone has waited half an hour: that is when a supervisor should act.
    $("t-longest").parentElement.classList.toggle("late", !!d.longest_wait && d.longest_wait.minutes >= 30);
    $("t-longest-who").textContent = d.longest_wait ? d.longest_wait.number + " · " + d.longest_wait.service_name : "";
    var box = $("counters");
    box.textContent = "";
    d.counters.forEach(function (c) {
      var div = document.createElement("div");
      div.className = "ctr ctr-" + c.state;
      var nm = document.createElement("div"); nm.className = "nm"; nm.textContent = c.name; div.appendChild(nm);
      var st = document.createElement("div"); st.textContent = stateNames[c.state] || c.state;
      if (c.pause_reason) st.textContent += " (" + c.pause_reason + ")";
      div.appendChild(st);
      var of = document.createElement("div"); of.textContent = c.officer_name ? "Petugas: " + c.officer_name : "Tanpa petugas · No officer";
      div.appendChild(of);
      if (c.ticket) {
        var tk = document.createElement("div"); tk.className = "tk";
        tk.textContent = c.ticket.number + (c.ticket.state === "serving" ? " · dilayani" : " · dipanggil");
        div.appendChild(tk);
      }
      box.appendChild(div);
    });
    var tb = $("services");
    tb.textContent = "";
    d.services.forEach(function (s) {
      var tr = document.createElement("tr");
      cell(tr, s.prefix + " · " + s.name);
      cell(tr, String(s.waiting), "r");
      cell(tr, minutes(s.longest_wait_min), "r");
      cell(tr, minutes(s.est_wait_min), "r");
      cell(tr, s.counters_open + " / " + s.counters_total, "r");
      cell(tr, String(s.issued_today), "r");
      cell(tr, statusNames[s.status] || s.status);
      tb.appendChild(tr);
    });
    $("updated").textContent = "Diperbarui otomatis · Updated live · " + new Date().toLocaleTimeString("id-ID");
  }

  function poll() {
    fetch("/api/admin/live", { cache: "no-store", credentials: "same-origin" })
      .then(function (r) {
        if (r.status === 401) { location.href = "/admin/login?e=expired"; return null; }
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (d) { if (d) { $("offline").classList.add("hidden"); render(d); } })
      .catch(function () { $("offline").classList.remove("hidden"); });
  }
  poll();
  setInterval(poll, 2000);
})();
