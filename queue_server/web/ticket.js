// The visitor's ticket page: polls /api/t/TOKEN every 2 s and shows the number, the state, the
// people ahead, the wait and the counter; once the ticket is done it offers the SKM survey.
"use strict";
(function () {
  var T = window.hallText;
  var token = location.pathname.split("/").pop();
  var last = null;
  var skm = null;
  var surveyBuilt = false;
  var surveySent = false;
  var $ = function (id) { return document.getElementById(id); };

  // Minutes, big, with the unit under them; an hour or more also in hours and minutes.
  function setWait(m) {
    var el = $("wait");
    el.textContent = String(m);
    var unit = document.createElement("span");
    unit.className = "unit";
    var h = Math.floor(m / 60), r = m % 60;
    unit.textContent = T("minutes") + (m >= 60 ? " (" + h + " " + T("hours") + (r ? " " + r + " " + T("minutes") : "") + ")" : "");
    el.appendChild(unit);
  }

  function setStatus(cls, main, big, sub) {
    var el = $("status");
    el.className = "status " + cls;
    el.textContent = "";
    el.appendChild(document.createTextNode(main));
    if (big) { var b = document.createElement("span"); b.className = "counter-big"; b.textContent = big; el.appendChild(b); }
    if (sub) { var s = document.createElement("small"); s.textContent = sub; el.appendChild(s); }
  }

  function render() {
    document.documentElement.lang = window.hallLang();
    $("lang").textContent = T("lang_button");
    $("l-number").textContent = T("your_number");
    $("l-ahead").textContent = T("ahead");
    $("l-wait").textContent = T("wait");
    if (!last) return;
    var t = last;
    $("hall").textContent = t.hall;
    $("number").textContent = t.number;
    $("number").classList.toggle("long", t.number.length > 5);
    $("service").textContent = t.service_name;
    document.title = t.number + " · " + t.hall;
    var queued = t.state === "waiting" || t.state === "transferred";
    $("facts").classList.toggle("hidden", !queued);
    $("ahead").textContent = String(t.ahead);
    setWait(t.est_wait_min);
    var counter = t.counter_name || "";
    switch (t.state) {
      case "waiting": setStatus("st-waiting", T("st_waiting"), "", T("st_waiting_sub")); break;
      case "transferred": setStatus("st-waiting", T("st_transferred"), "", T("st_transferred_sub")); break;
      case "called": setStatus("st-called", T("st_called"), counter, T("st_called_sub")); break;
      case "serving": setStatus("st-serving", T("st_serving"), counter, ""); break;
      case "done": setStatus("st-done", T("st_done"), "", T(t.survey_open && !surveySent ? "st_done_survey" : "st_done_sub")); break;
      default: setStatus("st-other", T("st_" + t.state) || t.state, "", T("st_" + t.state + "_sub") || "");
    }
    $("updated").textContent = T("updated", new Date().toLocaleTimeString(window.hallLang() === "en" ? "en-GB" : "id-ID"));
    var showSurvey = t.survey_open && !surveySent;
    $("survey").classList.toggle("hidden", !showSurvey);
    $("thanks").classList.toggle("hidden", !(surveySent || t.survey_answered));
    $("thanks-text").textContent = surveySent ? T("thanks") : T("already");
    if (showSurvey) buildSurvey();
  }

  function poll() {
    fetch("/api/t/" + encodeURIComponent(token), { cache: "no-store" })
      .then(function (r) {
        if (r.status === 404 || r.status === 410) { location.reload(); return null; }
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (t) {
        if (!t) return;
        var wasCalled = last && last.state !== "called" && t.state === "called";
        last = t;
        $("offline").classList.add("hidden");
        render();
        if (wasCalled && navigator.vibrate) navigator.vibrate([400, 200, 400]);
      })
      .catch(function () {
        $("offline").textContent = T("offline");
        $("offline").classList.remove("hidden");
      });
  }

  // The survey form is built from /api/skm, so the phone asks exactly what the kiosk asks.
  function buildSurvey() {
    var lang = window.hallLang();
    if (!skm) {
      fetch("/api/skm").then(function (r) { return r.json(); }).then(function (j) { skm = j; buildSurvey(); });
      return;
    }
    if (surveyBuilt === lang) return;
    var kept = collect();
    surveyBuilt = lang;
    $("s-title").textContent = T("survey_title");
    $("s-intro").textContent = T("survey_intro");
    $("s-about").textContent = T("survey_about");
    $("l-suggestion").textContent = T("suggestion");
    $("send").textContent = T("send");
    var q = $("questions");
    q.textContent = "";
    skm.elements.forEach(function (e, i) {
      var fs = document.createElement("fieldset");
      fs.id = "q" + i;
      var lg = document.createElement("legend");
      var code = document.createElement("span"); code.className = "code"; code.textContent = (i + 1) + ". ";
      lg.appendChild(code); lg.appendChild(document.createTextNode(e.name[lang]));
      fs.appendChild(lg);
      var p = document.createElement("p"); p.className = "q"; p.textContent = e.question[lang]; fs.appendChild(p);
      var box = document.createElement("div"); box.className = "choices";
      e.labels[lang].forEach(function (label, k) {
        var l = document.createElement("label");
        var input = document.createElement("input");
        input.type = "radio"; input.name = "u" + i; input.value = String(k + 1);
        if (kept.answers[i] === k + 1) { input.checked = true; l.className = "on"; }
        input.addEventListener("change", function () {
          Array.prototype.forEach.call(box.querySelectorAll("label"), function (x) { x.className = ""; });
          l.className = "on";
          fs.classList.remove("missing");
          if (!document.querySelector("#questions .missing")) $("s-error").classList.add("hidden");
        });
        var n = document.createElement("span"); n.className = "n"; n.textContent = String(k + 1);
        l.appendChild(input); l.appendChild(n); l.appendChild(document.createTextNode(" " + label));
        box.appendChild(l);
      });
      fs.appendChild(box);
      q.appendChild(fs);
    });
    var about = $("about");
    about.textContent = "";
    var age = document.createElement("div"); age.className = "field";
    age.innerHTML = '<label for="age"></label><input type="number" id="age" inputmode="numeric" min="10" max="120">';
    age.querySelector("label").textContent = T("age");
    about.appendChild(age);
    if (kept.age !== null) $("age").value = String(kept.age);
    skm.fields.forEach(function (f) {
      var d = document.createElement("div"); d.className = "field";
      var l = document.createElement("label"); l.htmlFor = "f-" + f.key; l.textContent = f.label[lang];
      var s = document.createElement("select"); s.id = "f-" + f.key;
      var none = document.createElement("option"); none.value = ""; none.textContent = T("choose"); s.appendChild(none);
      f.choices.forEach(function (c) {
        var o = document.createElement("option"); o.value = c.value; o.textContent = c[lang]; s.appendChild(o);
      });
      if (kept[f.key]) s.value = kept[f.key];
      d.appendChild(l); d.appendChild(s); about.appendChild(d);
    });
  }

  function collect() {
    var out = { answers: [], age: null };
    for (var i = 0; i < 9; i++) {
      var c = document.querySelector('input[name="u' + i + '"]:checked');
      out.answers.push(c ? Number(c.value) : null);
    }
    var age = $("age");
    if (age && age.value.trim() !== "") out.age = Number(age.value);
    ["sex", "education", "occupation"].forEach(function (k) {
      var s = $("f-" + k);
      out[k] = s && s.value ? s.value : null;
    });
    var sug = $("suggestion").value.trim();
    out.suggestion = sug ? sug : null;
    return out;
  }

  function showError(text) {
    $("s-error").textContent = text;
    $("s-error").classList.remove("hidden");
  }

  $("survey-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    $("s-error").classList.add("hidden");
    var body = collect();
    var first = -1;
    body.answers.forEach(function (a, i) {
      $("q" + i).classList.toggle("missing", a === null);
      if (a === null && first < 0) first = i;
    });
    if (first >= 0) { showError(T("missing")); $("q" + first).scrollIntoView({ behavior: "smooth" }); return; }
    if (body.age !== null && !(Number.isInteger(body.age) && body.age >= 10 && body.age <= 120)) { showError(T("bad_age")); return; }
    $("send").disabled = true;
    $("send").textContent = T("sending");
    fetch("/api/t/" + encodeURIComponent(token) + "/survey", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (r) {
      if (r.ok || r.status === 409) {
        surveySent = r.ok;
        if (!r.ok) last.survey_answered = true;
        last.survey_open = false;
        render();
        window.scrollTo(0, 0);
        return;
      }
      throw new Error("HTTP " + r.status);
    }).catch(function () {
      showError(T("send_failed"));
    }).then(function () {
      $("send").disabled = false;
      $("send").textContent = T("send");
    });
  });

  $("lang").addEventListener("click", function () {
    window.hallSetLang(window.hallLang() === "id" ? "en" : "id");
    render();
  });

  render();
  poll();
  setInterval(poll, 2000);
})();
