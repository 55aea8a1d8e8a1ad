// The supervisor's reports for a date range: tickets per agency, service, hour and day; waiting
// and service times (mean, median, p90); no-shows and transfers; per officer; the share served
// within each service's Standar Pelayanan duration; and the IKM table. One report is a JSON
// value; CSV and a printable HTML page (with SVG charts drawn here) are made from it, so the
// web page, the CSV download and `queue_server report` always agree.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/result.hpp"
#include "queue_server/store.hpp"

namespace hall::report {

using json = nlohmann::json;

// Reads the tickets and survey responses dated from..to (inclusive, "YYYY-MM-DD") and computes
// the report. Works on a read-only connection. `generated_at_ms` is stamped into the report.
Result<json> build(server::Database& db, const HallConfig& config, const Catalog& catalog, const std::string& from,
                   const std::string& to, std::int64_t generated_at_ms);

// The report as CSV: one table after another, each introduced by a line with its name, then a
// header line; tables are separated by an empty line. Numbers use a decimal point.
std::string to_csv(const json& report);

// The report as one self-contained printable HTML page (inline CSS and SVG, no scripts), every
// heading in Bahasa Indonesia then English. `controls` adds the web page's date form, download
// links and navigation.
std::string to_html(const json& report, bool controls);

// Charts, as SVG elements drawn by this code. Labels are escaped.
struct Bar {
    std::string label;
    double value = 0;
    std::string value_text;  // shown above/after the bar
};
// Vertical bars (e.g. tickets per hour).
std::string svg_columns(const std::string& title, const std::vector<Bar>& bars, int width, int height);
// Horizontal bars on a fixed scale 0..`max` (e.g. NRR per element on 0..4).
std::string svg_rows(const std::string& title, const std::vector<Bar>& bars, double max, int width);

// Mean, median and 90th percentile of durations in seconds: {"n","mean_s","median_s","p90_s"}
// (nulls when empty). The median of an even count is the mean of the middle two; p90 is the
// nearest-rank value.
json duration_stats(std::vector<std::int64_t> seconds);

}  // namespace hall::report
