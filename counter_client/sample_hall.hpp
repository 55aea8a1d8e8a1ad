// A believable morning in the example hall, seen from Loket 1 (Disperindag Kabupaten Pasuruan):
// an exporter's Surat Keterangan Asal (SKA) ticket being served, a queue with priority visitors,
// a transferred and an on-hold ticket, and a dozen tickets already served today. Screenshots use
// it when no live server is given; tests use it to draw every screen.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "counter_client/counter_model.hpp"

namespace hall::counter {

enum class Scene : std::uint8_t { login, main, transfer, paused, disconnected };
std::optional<Scene> parse_scene(std::string_view name);
std::string_view scene_name(Scene scene);

// Monday 2026-11-23, 10:02:30 at +07:00: the sample's "now" (12:02:30 in the paused scene).
std::int64_t sample_now(Scene scene);
// The desk's officer in the sample: Siti Aminah at loket-1.
Session sample_session();
// A `snapshot` reply body for `scene`, built on the hall config and catalog given (the example
// hall's counters and services; unknown ids are left out).
nlohmann::json sample_snapshot(const HallConfig& config, const Catalog& catalog, Scene scene);

// Puts `model` (fed nothing yet) into `scene` from the sample: the snapshot, the clock, the
// session, a half-ticked checklist, the connection.
void show_sample(CounterModel& model, const Catalog& catalog, Scene scene);

}  // namespace hall::counter
