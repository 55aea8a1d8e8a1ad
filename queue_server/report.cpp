// Report queries and rendering. Durations are kept per ticket (in seconds) only for the medians
// and percentiles; everything else is counted on the way through the rows.
#include "queue_server/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "common/format.hpp"
#include "common/skm_questions.hpp"
#include "queue_server/http_input.hpp"
#include "queue_server/skm.hpp"

namespace hall::report {

using server::Database;
using server::Statement;

namespace {

std::string service_name(const Catalog& catalog, const std::string& id) {
    const Service* s = catalog.find_service(id);
    return s ? s->name : id;
}

std::string agency_of(const HallConfig& config, const Catalog& catalog, const std::string& service_id) {
    if (const OfferedService* o = config.find_service(service_id)) return o->agency_id;
    if (const Service* s = catalog.find_service(service_id)) return s->agency_id;
    auto dot = service_id.find('.');
    return dot == std::string::npos ? service_id : service_id.substr(0, dot);
}

std::string agency_name(const Catalog& catalog, const std::string& id) {
    const Agency* a = catalog.find_agency(id);
    return a ? a->name : id;
}

struct Counts {
    std::int64_t issued = 0;
    std::int64_t done = 0;
    std::int64_t no_show = 0;
    std::int64_t cancelled = 0;
    std::int64_t transferred = 0;  // tickets transferred at least once
    std::int64_t transfers = 0;    // transfers in all
    std::vector<std::int64_t> waits;
    std::vector<std::int64_t> services;
    std::int64_t standard_measured = 0;
    std::int64_t standard_within = 0;
};

json counts_json(const Counts& c) {
    return json{{"issued", c.issued},   {"done", c.done},         {"no_show", c.no_show},
                {"cancelled", c.cancelled}, {"transferred", c.transferred}, {"transfers", c.transfers},
                {"wait", duration_stats(c.waits)}, {"service_time", duration_stats(c.services)}};
}

json ikm_json(const std::string& scope, const std::string& id, const std::string& name, const skm::Ikm& ikm) {
    json nrr = json::array();
    for (int i = 0; i < skm::kElementCount; ++i) nrr.push_back(std::round(ikm.nrr(i) * 100.0) / 100.0);
    const skm::Grade g = ikm.grade();
    json out{{"scope", scope}, {"id", id}, {"name", name}, {"respondents", ikm.respondents}, {"nrr", nrr}};
    if (ikm.respondents > 0) {
        out["ikm"] = ikm.ikm_text();
        out["ikm_hundredths"] = ikm.ikm_hundredths;
        out["grade"] = std::string(1, g.letter);
        out["label_id"] = g.label_id;
        out["label_en"] = g.label_en;
    } else {
        out["ikm"] = nullptr;
        out["grade"] = nullptr;
    }
    return out;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Seconds as minutes with one decimal, Indonesian decimal comma: 270 -> "4,5".
std::string minutes_text(const json& seconds) {
    if (!seconds.is_number()) return "-";
    std::string s = fixed(seconds.get<double>() / 60.0, 1);
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_value(const json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return csv_field(v.get<std::string>());
    if (v.is_number_float()) return fixed(v.get<double>(), 2);
    return v.dump();
}

void csv_row(std::string& out, const std::vector<json>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        out += csv_value(cells[i]);
    }
    out += "\r\n";
}

std::string esc(const std::string& s) { return web::html_escape(s); }

// "88.31" -> "88,31": Indonesian readers write the decimal comma.
std::string decimal_comma(std::string s) {
    std::replace(s.begin(), s.end(), '.', ',');
    return esc(s);
}

// "Indonesian <span class=en>English</span>": every heading in both languages.
std::string both(const char* id, const char* en) {
    return std::string(id) + " <span class=\"en\">" + en + "</span>";
}

}  // namespace

json duration_stats(std::vector<std::int64_t> v) {
    json out{{"n", static_cast<std::int64_t>(v.size())}, {"mean_s", nullptr}, {"median_s", nullptr}, {"p90_s", nullptr}};
    if (v.empty()) return out;
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (auto x : v) sum += static_cast<double>(x);
    const std::size_t n = v.size();
    out["mean_s"] = std::round(sum / static_cast<double>(n) * 10.0) / 10.0;
    out["median_s"] = n % 2 ? static_cast<double>(v[n / 2]) : (static_cast<double>(v[n / 2 - 1]) + static_cast<double>(v[n / 2])) / 2.0;
    // Nearest rank: the smallest value with at least 90% of the values at or below it.
    const std::size_t rank = static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(n)));
    out["p90_s"] = static_cast<double>(v[std::max<std::size_t>(rank, 1) - 1]);
    return out;
}

Result<json> build(Database& db, const HallConfig& config, const Catalog& catalog, const std::string& from,
                   const std::string& to, std::int64_t generated_at_ms) {
    std::map<std::string, Counts> by_service;  // issued by original service; outcomes by final service
    std::map<std::string, Counts> by_agency;
    std::map<std::string, Counts> by_day;
    std::map<std::string, Counts> by_officer;
    std::array<std::int64_t, 24> by_hour{};
    Counts hall;
    std::array<std::int64_t, 6> wait_buckets{};  // <5, 5-10, 10-15, 15-30, 30-60, >=60 minutes
    const std::int64_t offset_ms = static_cast<std::int64_t>(config.utc_offset_minutes) * 60000;

    Statement q(db, "SELECT date, service, original_service, state, officer, issued_at, queued_at, called_at, "
                    "serving_at, finished_at, transfers FROM tickets WHERE date BETWEEN ?1 AND ?2");
    q.bind(1, from).bind(2, to);
    while (q.step()) {
        const std::string date = q.column_text(0);
        const std::string service = q.column_text(1);
        const std::string original = q.column_text(2);
        const std::string state = q.column_text(3);
        const auto officer = q.column_optional_text(4);
        const std::int64_t issued_at = q.column_int(5);
        const std::int64_t queued_at = q.column_int(6);
        const auto called_at = q.column_optional_int(7);
        const auto serving_at = q.column_optional_int(8);
        const auto finished_at = q.column_optional_int(9);
        const std::int64_t transfers = q.column_int(10);

        Counts& so = by_service[original];
        Counts& sf = by_service[service];
        Counts& ao = by_agency[agency_of(config, catalog, original)];
        Counts& af = by_agency[agency_of(config, catalog, service)];
        Counts& d = by_day[date];
        for (Counts* c : {&so, &ao, &d, &hall}) ++c->issued;
        const std::int64_t local_ms = issued_at + offset_ms;
        by_hour[static_cast<std::size_t>(((local_ms / 3600000) % 24 + 24) % 24)]++;
        if (transfers > 0)
            for (Counts* c : {&so, &ao, &d, &hall}) {
                ++c->transferred;
                c->transfers += transfers;
            }
        Counts* officer_counts = officer ? &by_officer[*officer] : nullptr;
        if (state == "done" || state == "no_show" || state == "cancelled") {
            for (Counts* c : {&sf, &af, &d, &hall, officer_counts}) {
                if (!c) continue;
                if (state == "done") ++c->done;
                else if (state == "no_show") ++c->no_show;
                else ++c->cancelled;
            }
        }
        if (called_at && *called_at >= queued_at) {
            const std::int64_t wait = (*called_at - queued_at) / 1000;
            for (Counts* c : {&sf, &af, &d, &hall}) c->waits.push_back(wait);
            const std::int64_t m = wait / 60;
            wait_buckets[m < 5 ? 0 : m < 10 ? 1 : m < 15 ? 2 : m < 30 ? 3 : m < 60 ? 4 : 5]++;
        }
        const auto start = serving_at ? serving_at : called_at;
        if (state == "done" && start && finished_at && *finished_at >= *start) {
            const std::int64_t took = (*finished_at - *start) / 1000;
            for (Counts* c : {&sf, &af, &d, &hall, officer_counts})
                if (c) c->services.push_back(took);
            // The Standar Pelayanan's Jangka Waktu, when it is given in minutes or hours.
            if (const Service* s = catalog.find_service(service)) {
                const auto unit = s->duration.unit;
                const auto limit = s->duration.max_minutes();
                if (limit && unit && (*unit == DurationUnit::minute || *unit == DurationUnit::hour)) {
                    ++sf.standard_measured;
                    if (static_cast<double>(took) <= *limit * 60.0) ++sf.standard_within;
                }
            }
        }
    }
    if (!q.ok()) return make_error("storage_error", "cannot read tickets: " + q.error());

    json report;
    report["hall"] = config.hall_name;
    report["from"] = from;
    report["to"] = to;
    report["generated_at"] = generated_at_ms;
    report["totals"] = counts_json(hall);

    json agencies = json::array();
    for (const auto& [id, c] : by_agency) {
        json row = counts_json(c);
        row["id"] = id;
        row["name"] = agency_name(catalog, id);
        agencies.push_back(std::move(row));
    }
    report["agencies"] = std::move(agencies);

    json services = json::array();
    json standards = json::array();
    for (const auto& [id, c] : by_service) {
        json row = counts_json(c);
        row["id"] = id;
        row["name"] = service_name(catalog, id);
        row["agency"] = agency_of(config, catalog, id);
        services.push_back(std::move(row));
        const Service* s = catalog.find_service(id);
        if (s && s->duration.unit &&
            (*s->duration.unit == DurationUnit::minute || *s->duration.unit == DurationUnit::hour) &&
            s->duration.max_minutes()) {
            json st{{"id", id},
                    {"name", service_name(catalog, id)},
                    {"standard_text", s->duration.text},
                    {"standard_minutes", *s->duration.max_minutes()},
                    {"measured", c.standard_measured},
                    {"within", c.standard_within},
                    {"share", c.standard_measured ? json(std::round(1000.0 * static_cast<double>(c.standard_within) /
                                                                    static_cast<double>(c.standard_measured)) / 10.0)
                                                  : json(nullptr)}};
            standards.push_back(std::move(st));
        }
    }
    report["services"] = std::move(services);
    report["standards"] = std::move(standards);

    json hours = json::array();
    for (int h = 0; h < 24; ++h)
        if (by_hour[static_cast<std::size_t>(h)] || (h >= 7 && h <= 16))
            hours.push_back({{"hour", h}, {"issued", by_hour[static_cast<std::size_t>(h)]}});
    report["hours"] = std::move(hours);

    // Every day of the range, also the empty ones, so a chart or a spreadsheet has no holes.
    json days = json::array();
    for (std::int64_t n = web::days_from_civil(from); n <= web::days_from_civil(to); ++n) {
        const std::string date = web::civil_from_days(n);
        auto it = by_day.find(date);
        json row = counts_json(it == by_day.end() ? Counts{} : it->second);
        row["date"] = date;
        days.push_back(std::move(row));
    }
    report["days"] = std::move(days);

    static constexpr const char* kBucketLabels[] = {"< 5", "5-10", "10-15", "15-30", "30-60", ">= 60"};
    json buckets = json::array();
    for (std::size_t i = 0; i < wait_buckets.size(); ++i)
        buckets.push_back({{"minutes", kBucketLabels[i]}, {"tickets", wait_buckets[i]}});
    report["wait_histogram"] = std::move(buckets);

    std::map<std::string, std::string> officer_names;
    {
        Statement o(db, "SELECT id, name FROM officers");
        while (o.step()) officer_names[o.column_text(0)] = o.column_text(1);
    }
    json officers = json::array();
    for (const auto& [id, c] : by_officer) {
        auto it = officer_names.find(id);
        officers.push_back({{"id", id},
                            {"name", it == officer_names.end() ? id : it->second},
                            {"done", c.done},
                            {"no_show", c.no_show},
                            {"cancelled", c.cancelled},
                            {"service_time", duration_stats(c.services)}});
    }
    report["officers"] = std::move(officers);

    // IKM: per service, per agency, and for the hall.
    std::map<std::string, skm::IkmAccumulator> ikm_service, ikm_agency;
    skm::IkmAccumulator ikm_hall;
    {
        Statement s(db, "SELECT service, COUNT(*), SUM(u1), SUM(u2), SUM(u3), SUM(u4), SUM(u5), SUM(u6), SUM(u7), "
                        "SUM(u8), SUM(u9) FROM survey_responses WHERE date BETWEEN ?1 AND ?2 GROUP BY service");
        s.bind(1, from).bind(2, to);
        while (s.step()) {
            std::array<std::int64_t, skm::kElementCount> sums{};
            for (int i = 0; i < skm::kElementCount; ++i) sums[static_cast<std::size_t>(i)] = s.column_int(2 + i);
            const std::string service = s.column_text(0);
            const std::int64_t n = s.column_int(1);
            ikm_service[service].add_totals(n, sums);
            ikm_agency[agency_of(config, catalog, service)].add_totals(n, sums);
            ikm_hall.add_totals(n, sums);
        }
        if (!s.ok()) return make_error("storage_error", "cannot read survey responses: " + s.error());
    }
    json ikm = json::array();
    ikm.push_back(ikm_json("hall", "", config.hall_name, ikm_hall.result()));
    for (const auto& [id, acc] : ikm_agency) ikm.push_back(ikm_json("agency", id, agency_name(catalog, id), acc.result()));
    for (const auto& [id, acc] : ikm_service)
        ikm.push_back(ikm_json("service", id, service_name(catalog, id), acc.result()));
    report["ikm"] = std::move(ikm);

    json suggestions = json::array();
    {
        Statement s(db, "SELECT date, service, suggestion FROM survey_responses WHERE date BETWEEN ?1 AND ?2 "
                        "AND suggestion IS NOT NULL ORDER BY at DESC LIMIT 100");
        s.bind(1, from).bind(2, to);
        while (s.step())
            suggestions.push_back(
                {{"date", s.column_text(0)}, {"service", service_name(catalog, s.column_text(1))}, {"text", s.column_text(2)}});
    }
    report["suggestions"] = std::move(suggestions);
    return report;
}

std::string to_csv(const json& r) {
    std::string out;
    auto stats_cells = [](const json& st) {
        return std::vector<json>{st["n"], st["mean_s"], st["median_s"], st["p90_s"]};
    };
    csv_row(out, {"report", "hall", "from", "to"});
    csv_row(out, {"summary", r["hall"], r["from"], r["to"]});
    out += "\r\n";
    const std::vector<json> count_header{"issued", "done", "no_show", "cancelled", "transferred_tickets", "transfers",
                                         "waits", "wait_mean_s", "wait_median_s", "wait_p90_s", "services",
                                         "service_mean_s", "service_median_s", "service_p90_s"};
    auto counts_cells = [&](const json& c) {
        std::vector<json> cells{c["issued"], c["done"], c["no_show"], c["cancelled"], c["transferred"], c["transfers"]};
        for (auto& v : stats_cells(c["wait"])) cells.push_back(v);
        for (auto& v : stats_cells(c["service_time"])) cells.push_back(v);
        return cells;
    };
    auto table = [&](const char* name, std::vector<json> key_header, const json& rows, auto&& key_cells) {
        csv_row(out, {std::string("table"), std::string(name)});
        std::vector<json> header = std::move(key_header);
        header.insert(header.end(), count_header.begin(), count_header.end());
        csv_row(out, header);
        for (const json& row : rows) {
            std::vector<json> cells = key_cells(row);
            for (auto& v : counts_cells(row)) cells.push_back(v);
            csv_row(out, cells);
        }
        out += "\r\n";
    };
    table("totals", {}, json::array({r["totals"]}), [](const json&) { return std::vector<json>{}; });
    table("agencies", {"agency", "name"}, r["agencies"], [](const json& x) { return std::vector<json>{x["id"], x["name"]}; });
    table("services", {"service", "name", "agency"}, r["services"],
          [](const json& x) { return std::vector<json>{x["id"], x["name"], x["agency"]}; });
    table("days", {"date"}, r["days"], [](const json& x) { return std::vector<json>{x["date"]}; });

    csv_row(out, {"table", "hours"});
    csv_row(out, {"hour", "issued"});
    for (const json& h : r["hours"]) csv_row(out, {h["hour"], h["issued"]});
    out += "\r\n";
    csv_row(out, {"table", "wait_histogram"});
    csv_row(out, {"wait_minutes", "tickets"});
    for (const json& b : r["wait_histogram"]) csv_row(out, {b["minutes"], b["tickets"]});
    out += "\r\n";
    csv_row(out, {"table", "officers"});
    csv_row(out, {"officer", "name", "done", "no_show", "cancelled", "services", "service_mean_s", "service_median_s",
                  "service_p90_s"});
    for (const json& o : r["officers"]) {
        std::vector<json> cells{o["id"], o["name"], o["done"], o["no_show"], o["cancelled"]};
        for (auto& v : stats_cells(o["service_time"])) cells.push_back(v);
        csv_row(out, cells);
    }
    out += "\r\n";
    csv_row(out, {"table", "standards"});
    csv_row(out, {"service", "name", "standard", "standard_minutes", "measured", "within", "share_percent"});
    for (const json& s : r["standards"])
        csv_row(out, {s["id"], s["name"], s["standard_text"], s["standard_minutes"], s["measured"], s["within"], s["share"]});
    out += "\r\n";
    csv_row(out, {"table", "ikm"});
    std::vector<json> header{"scope", "id", "name", "respondents"};
    for (const auto& e : skm::elements()) header.push_back("nrr_" + std::string(e.code));
    for (const char* h : {"ikm", "grade", "label"}) header.push_back(h);
    csv_row(out, header);
    for (const json& k : r["ikm"]) {
        std::vector<json> cells{k["scope"], k["id"], k["name"], k["respondents"]};
        for (const json& v : k["nrr"]) cells.push_back(v);
        cells.push_back(k["ikm"]);
        cells.push_back(k["grade"]);
        cells.push_back(k.value("label_id", json(nullptr)));
        csv_row(out, cells);
    }
    out += "\r\n";
    csv_row(out, {"table", "suggestions"});
    csv_row(out, {"date", "service", "suggestion"});
    for (const json& s : r["suggestions"]) csv_row(out, {s["date"], s["service"], s["text"]});
    return out;
}

std::string svg_columns(const std::string& title, const std::vector<Bar>& bars, int width, int height) {
    const int left = 44, right = 12, top = 50, bottom = 40;
    const int plot_w = width - left - right, plot_h = height - top - bottom;
    double max = 0;
    for (const Bar& b : bars) max = std::max(max, b.value);
    if (max <= 0) max = 1;
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + std::to_string(width) +
                    " " + std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" role=\"img\" aria-label=\"" + esc(title) + "\">";
    s += "<text x=\"" + std::to_string(left) + "\" y=\"20\" class=\"ct\">" + esc(title) + "</text>";
    s += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(top + plot_h) + "\" x2=\"" +
         std::to_string(left + plot_w) + "\" y2=\"" + std::to_string(top + plot_h) + "\" class=\"axis\"/>";
    s += "<text x=\"" + std::to_string(left - 6) + "\" y=\"" + std::to_string(top + 5) + "\" class=\"tick\" text-anchor=\"end\">" +
         fixed(max, max == std::floor(max) ? 0 : 1) + "</text>";
    s += "<text x=\"" + std::to_string(left - 6) + "\" y=\"" + std::to_string(top + plot_h) + "\" class=\"tick\" text-anchor=\"end\">0</text>";
    if (!bars.empty()) {
        const double slot = static_cast<double>(plot_w) / static_cast<double>(bars.size());
        const double bw = std::max(2.0, slot * 0.7);
        for (std::size_t i = 0; i < bars.size(); ++i) {
            const double h = bars[i].value / max * plot_h;
            const double x = left + slot * static_cast<double>(i) + (slot - bw) / 2;
            const double y = top + plot_h - h;
            s += "<rect x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\" width=\"" + fixed(bw, 1) + "\" height=\"" +
                 fixed(h, 1) + "\" class=\"bar\"/>";
            if (bars[i].value > 0)
                s += "<text x=\"" + fixed(x + bw / 2, 1) + "\" y=\"" + fixed(y - 4, 1) + "\" class=\"val\" text-anchor=\"middle\">" +
                     esc(bars[i].value_text) + "</text>";
            s += "<text x=\"" + fixed(x + bw / 2, 1) + "\" y=\"" + std::to_string(top + plot_h + 18) +
                 "\" class=\"lbl\" text-anchor=\"middle\">" + esc(bars[i].label) + "</text>";
        }
    }
    return s + "</svg>";
}

std::string svg_rows(const std::string& title, const std::vector<Bar>& bars, double max, int width) {
    const int label_w = 380, top = 34, row_h = 30, right = 70;
    const int height = top + row_h * static_cast<int>(bars.size()) + 10;
    const int plot_w = width - label_w - right;
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + std::to_string(width) +
                    " " + std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" role=\"img\" aria-label=\"" + esc(title) + "\">";
    s += "<text x=\"0\" y=\"20\" class=\"ct\">" + esc(title) + "</text>";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const int y = top + row_h * static_cast<int>(i);
        const double w = max > 0 ? std::clamp(bars[i].value / max, 0.0, 1.0) * plot_w : 0;
        s += "<text x=\"" + std::to_string(label_w - 8) + "\" y=\"" + std::to_string(y + 19) +
             "\" class=\"lbl\" text-anchor=\"end\">" + esc(bars[i].label) + "</text>";
        s += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" +
             std::to_string(plot_w) + "\" height=\"" + std::to_string(row_h - 8) + "\" class=\"track\"/>";
        s += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" + fixed(w, 1) +
             "\" height=\"" + std::to_string(row_h - 8) + "\" class=\"bar\"/>";
        s += "<text x=\"" + fixed(label_w + w + 6, 1) + "\" y=\"" + std::to_string(y + 19) + "\" class=\"val\">" +
             esc(bars[i].value_text) + "</text>";
    }
    return s + "</svg>";
}

namespace {

constexpr const char* kReportCss = R"CSS(
body{font-family:"DejaVu Sans",Arial,sans-serif;color:#111;background:#fff;margin:24px;font-size:16px;line-height:1.4}
h1{font-size:28px;margin:0 0 4px} h2{font-size:22px;margin:28px 0 8px;border-bottom:3px solid #0b4f8a;padding-bottom:4px}
.en{color:#555;font-weight:normal;font-size:.85em} .meta{color:#333;margin-bottom:12px}
table{border-collapse:collapse;margin:6px 0 12px;min-width:50%} th,td{border:1px solid #bbb;padding:5px 9px;text-align:right}
th{background:#e8eef5} td.t,th.t{text-align:left} tr:nth-child(even) td{background:#f7f7f7}
.cards{display:flex;flex-wrap:wrap;gap:12px} .card{border:2px solid #0b4f8a;border-radius:8px;padding:10px 16px;min-width:150px}
.card b{display:block;font-size:30px;color:#0b4f8a} .grade{font-weight:bold}
.chart{max-width:100%;height:auto;margin:8px 0} .chart .ct{font-size:16px;font-weight:bold;fill:#111}
.chart .bar{fill:#0b4f8a} .chart .track{fill:#e8eef5} .chart .axis{stroke:#333;stroke-width:1}
.chart .lbl{font-size:13px;fill:#222} .chart .val{font-size:13px;fill:#111;font-weight:bold} .chart .tick{font-size:12px;fill:#555}
nav a,nav button,form button,a.btn{display:inline-block;margin:0 8px 8px 0;padding:8px 14px;border:2px solid #0b4f8a;border-radius:6px;
color:#0b4f8a;text-decoration:none;font-weight:bold;background:#fff;font-size:16px}
form{margin:12px 0} input{font-size:16px;padding:6px;margin-right:8px}
@media print{nav,form,.noprint{display:none} body{margin:0} h2{break-after:avoid} table,svg{break-inside:avoid}}
)CSS";

std::string num(const json& v) {
    if (v.is_null()) return "-";
    if (v.is_number_integer()) return format::grouped(v.get<long long>());
    return esc(v.is_string() ? v.get<std::string>() : v.dump());
}

std::string counts_header() {
    return "<th>" + both("Diambil", "Issued") + "</th><th>" + both("Selesai", "Done") + "</th><th>" +
           both("Tidak hadir", "No-show") + "</th><th>" + both("Dialihkan", "Transferred") + "</th><th>" +
           both("Tunggu rata-rata (mnt)", "Mean wait (min)") + "</th><th>" + both("Median", "Median") + "</th><th>p90</th><th>" +
           both("Layanan rata-rata (mnt)", "Mean service (min)") + "</th><th>" + both("Median", "Median") + "</th><th>p90</th>";
}

std::string counts_cells(const json& c) {
    return "<td>" + num(c["issued"]) + "</td><td>" + num(c["done"]) + "</td><td>" + num(c["no_show"]) + "</td><td>" +
           num(c["transferred"]) + "</td><td>" + minutes_text(c["wait"]["mean_s"]) + "</td><td>" +
           minutes_text(c["wait"]["median_s"]) + "</td><td>" + minutes_text(c["wait"]["p90_s"]) + "</td><td>" +
           minutes_text(c["service_time"]["mean_s"]) + "</td><td>" + minutes_text(c["service_time"]["median_s"]) +
           "</td><td>" + minutes_text(c["service_time"]["p90_s"]) + "</td>";
}

}  // namespace

std::string to_html(const json& r, bool controls) {
    const std::string from = r["from"].get<std::string>(), to = r["to"].get<std::string>();
    std::string h = "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                    "content=\"width=device-width, initial-scale=1\"><title>Laporan " + esc(from) + " – " + esc(to) +
                    "</title><style>" + kReportCss + "</style></head><body>";
    if (controls) {
        h += "<nav><a href=\"/admin/live\">" + both("Keadaan Aula", "Live hall") + "</a><a href=\"/admin/report.csv?from=" +
             esc(from) + "&amp;to=" + esc(to) + "\">" + both("Unduh CSV", "Download CSV") +
             "</a><button type=\"button\" id=\"print\">" + both("Cetak", "Print") + "</button></nav>";
        h += "<form method=\"get\" action=\"/admin/report\"><label>" + both("Dari", "From") +
             " <input type=\"date\" name=\"from\" value=\"" + esc(from) + "\" required></label> <label>" +
             both("Sampai", "To") + " <input type=\"date\" name=\"to\" value=\"" + esc(to) +
             "\" required></label> <button type=\"submit\">" + both("Tampilkan", "Show") + "</button></form>";
    }
    h += "<h1>" + both("Laporan Pelayanan", "Service report") + "</h1>";
    h += "<div class=\"meta\">" + esc(r["hall"].get<std::string>()) + " · " + esc(from) + " – " + esc(to) + "</div>";

    const json& t = r["totals"];
    const json* hall_ikm = nullptr;
    for (const json& k : r["ikm"])
        if (k["scope"] == "hall") hall_ikm = &k;
    h += "<div class=\"cards\">";
    h += "<div class=\"card\"><b>" + num(t["issued"]) + "</b>" + both("Tiket diambil", "Tickets issued") + "</div>";
    h += "<div class=\"card\"><b>" + num(t["done"]) + "</b>" + both("Selesai dilayani", "Served") + "</div>";
    h += "<div class=\"card\"><b>" + num(t["no_show"]) + "</b>" + both("Tidak hadir", "No-shows") + "</div>";
    h += "<div class=\"card\"><b>" + minutes_text(t["wait"]["mean_s"]) + "</b>" +
         both("Tunggu rata-rata (menit)", "Mean wait (minutes)") + "</div>";
    if (hall_ikm && (*hall_ikm)["ikm"].is_string())
        h += "<div class=\"card\"><b>" + decimal_comma((*hall_ikm)["ikm"].get<std::string>()) + " " +
             esc((*hall_ikm)["grade"].get<std::string>()) + "</b>IKM · " + esc((*hall_ikm)["label_id"].get<std::string>()) +
             " <span class=\"en\">" + esc((*hall_ikm)["label_en"].get<std::string>()) + "</span></div>";
    h += "</div>";

    std::vector<Bar> hours;
    for (const json& x : r["hours"]) {
        char label[8];
        std::snprintf(label, sizeof label, "%02d", x["hour"].get<int>());
        hours.push_back({label, x["issued"].get<double>(), std::to_string(x["issued"].get<long long>())});
    }
    h += "<h2>" + both("Jumlah tiket per jam", "Tickets per hour") + "</h2>";
    h += svg_columns("Tiket per jam (jam diambil) / Tickets per hour of issue", hours, 760, 280);
    std::vector<Bar> waits;
    for (const json& b : r["wait_histogram"])
        waits.push_back({b["minutes"].get<std::string>(), b["tickets"].get<double>(), std::to_string(b["tickets"].get<long long>())});
    h += "<h2>" + both("Sebaran waktu tunggu", "Wait distribution") + "</h2>";
    h += svg_columns("Tiket menurut lama menunggu (menit) / Tickets by wait (minutes)", waits, 760, 260);

    h += "<h2>" + both("Indeks Kepuasan Masyarakat (IKM)", "Public satisfaction index") + "</h2>";
    if (hall_ikm && (*hall_ikm)["respondents"].get<long long>() > 0) {
        std::vector<Bar> rows;
        for (int i = 0; i < skm::kElementCount; ++i) {
            const double v = (*hall_ikm)["nrr"][static_cast<std::size_t>(i)].get<double>();
            std::string text = fixed(v, 2);
            std::replace(text.begin(), text.end(), '.', ',');
            rows.push_back({std::string(skm::elements()[static_cast<std::size_t>(i)].code) + " " +
                                std::string(skm::elements()[static_cast<std::size_t>(i)].name_id),
                            v, text});
        }
        h += svg_rows("Nilai rata-rata per unsur (1–4) / Mean per element (1–4)", rows, 4.0, 860);
    } else {
        h += "<p>" + both("Belum ada survei pada rentang tanggal ini.", "No survey responses in this date range.") + "</p>";
    }
    h += "<table><tr><th class=\"t\">" + both("Cakupan", "Scope") + "</th><th class=\"t\">" + both("Nama", "Name") +
         "</th><th>" + both("Responden", "Respondents") + "</th>";
    for (const auto& e : skm::elements()) h += "<th title=\"" + esc(std::string(e.name_id)) + "\">" + std::string(e.code) + "</th>";
    h += "<th>IKM</th><th class=\"t\">" + both("Mutu", "Grade") + "</th></tr>";
    for (const json& k : r["ikm"]) {
        const std::string scope = k["scope"].get<std::string>();
        h += "<tr><td class=\"t\">" + std::string(scope == "hall" ? "Aula" : scope == "agency" ? "Instansi" : "Layanan") +
             "</td><td class=\"t\">" + esc(k["name"].get<std::string>()) + "</td><td>" + num(k["respondents"]) + "</td>";
        for (const json& v : k["nrr"]) {
            std::string text = k["respondents"].get<long long>() > 0 ? fixed(v.get<double>(), 2) : "-";
            std::replace(text.begin(), text.end(), '.', ',');
            h += "<td>" + text + "</td>";
        }
        std::string ikm = k["ikm"].is_string() ? k["ikm"].get<std::string>() : "-";
        std::replace(ikm.begin(), ikm.end(), '.', ',');
        h += "<td><b>" + esc(ikm) + "</b></td><td class=\"t grade\">" +
             (k["grade"].is_string() ? esc(k["grade"].get<std::string>()) + " · " + esc(k["label_id"].get<std::string>())
                                     : std::string("-")) +
             "</td></tr>";
    }
    h += "</table>";

    h += "<h2>" + both("Per instansi", "Per agency") + "</h2><table><tr><th class=\"t\">" + both("Instansi", "Agency") +
         "</th>" + counts_header() + "</tr>";
    for (const json& a : r["agencies"])
        h += "<tr><td class=\"t\">" + esc(a["name"].get<std::string>()) + "</td>" + counts_cells(a) + "</tr>";
    h += "</table>";
    h += "<h2>" + both("Per layanan", "Per service") + "</h2><table><tr><th class=\"t\">" + both("Layanan", "Service") +
         "</th>" + counts_header() + "</tr>";
    for (const json& s : r["services"])
        h += "<tr><td class=\"t\">" + esc(s["name"].get<std::string>()) + "</td>" + counts_cells(s) + "</tr>";
    h += "</table>";

    h += "<h2>" + both("Sesuai Standar Pelayanan", "Within the service standard") + "</h2>";
    if (r["standards"].empty()) {
        h += "<p>" + both("Tidak ada layanan dengan jangka waktu dalam menit atau jam.",
                          "No service has a duration in minutes or hours.") + "</p>";
    } else {
        h += "<table><tr><th class=\"t\">" + both("Layanan", "Service") + "</th><th class=\"t\">" +
             both("Jangka waktu", "Standard time") + "</th><th>" + both("Diukur", "Measured") + "</th><th>" +
             both("Tepat waktu", "Within") + "</th><th>%</th></tr>";
        for (const json& s : r["standards"])
            h += "<tr><td class=\"t\">" + esc(s["name"].get<std::string>()) + "</td><td class=\"t\">" +
                 esc(s["standard_text"].get<std::string>()) + "</td><td>" + num(s["measured"]) + "</td><td>" +
                 num(s["within"]) + "</td><td>" + (s["share"].is_null() ? std::string("-") : fixed(s["share"].get<double>(), 1)) +
                 "</td></tr>";
        h += "</table><p class=\"en\">Waktu layanan diukur dari mulai dilayani sampai selesai. "
             "Service time runs from the start of service to its end.</p>";
    }

    h += "<h2>" + both("Per petugas", "Per officer") + "</h2><table><tr><th class=\"t\">" + both("Petugas", "Officer") +
         "</th><th>" + both("Selesai", "Done") + "</th><th>" + both("Tidak hadir", "No-show") + "</th><th>" +
         both("Layanan rata-rata (mnt)", "Mean service (min)") + "</th><th>Median</th><th>p90</th></tr>";
    for (const json& o : r["officers"])
        h += "<tr><td class=\"t\">" + esc(o["name"].get<std::string>()) + "</td><td>" + num(o["done"]) + "</td><td>" +
             num(o["no_show"]) + "</td><td>" + minutes_text(o["service_time"]["mean_s"]) + "</td><td>" +
             minutes_text(o["service_time"]["median_s"]) + "</td><td>" + minutes_text(o["service_time"]["p90_s"]) + "</td></tr>";
    h += "</table>";

    h += "<h2>" + both("Per hari", "Per day") + "</h2><table><tr><th class=\"t\">" + both("Tanggal", "Date") + "</th>" +
         counts_header() + "</tr>";
    for (const json& d : r["days"])
        h += "<tr><td class=\"t\">" + esc(d["date"].get<std::string>()) + "</td>" + counts_cells(d) + "</tr>";
    h += "</table>";

    if (!r["suggestions"].empty()) {
        h += "<h2>" + both("Saran dari pengunjung", "Visitors' suggestions") + "</h2><table><tr><th class=\"t\">" +
             both("Tanggal", "Date") + "</th><th class=\"t\">" + both("Layanan", "Service") + "</th><th class=\"t\">" +
             both("Saran", "Suggestion") + "</th></tr>";
        for (const json& s : r["suggestions"])
            h += "<tr><td class=\"t\">" + esc(s["date"].get<std::string>()) + "</td><td class=\"t\">" +
                 esc(s["service"].get<std::string>()) + "</td><td class=\"t\">" + esc(s["text"].get<std::string>()) + "</td></tr>";
        h += "</table>";
    }
    if (controls) h += "<script src=\"/static/report.js\"></script>";
    return h + "</body></html>\n";
}

}  // namespace hall::report
