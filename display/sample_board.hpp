// A built-in sample hall for screenshots made without a server: the hall config's own
// counters, zones and offered services with their real names from the catalog, and a
// plausible mid-morning state (numbers called and served, a counter on a break, one closed,
// people waiting), ending with two fresh calls so the latest call shows highlighted.
#pragma once
#include <cstdint>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/hall_state.hpp"
#include "display/board_model.hpp"

namespace hall::display {

struct SampleHall {
    json snapshot;             // a snapshot reply body
    std::vector<json> events;  // the calls that follow it, in order
};

// The sample for `config` at `now_ms` (server time, ms since the Unix epoch).
SampleHall sample_hall(const HallConfig& config, const Catalog& catalog, std::int64_t now_ms);

// Loads the sample into `model` (snapshot, then the calls), as if it had been connected.
void load_sample(BoardModel& model, const HallConfig& config, const Catalog& catalog, std::int64_t now_ms);

}  // namespace hall::display
