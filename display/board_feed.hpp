// Joins a HallLink (the network agent) to a BoardModel: every snapshot the link fetches (the
// first one, and each resync after a reconnect, a gap or a late heartbeat) is loaded into the
// model, every event the link applies is applied to it, and the connection state follows the
// link's. Runs on the link's agent thread; `wake` (optional) tells the UI to redraw.
#pragma once
#include <functional>

#include "common/hall_link.hpp"
#include "display/board_model.hpp"

namespace hall::display {

// Starts `link` with callbacks that feed `model`. Both must outlive the link's agent (stop the
// link before destroying the model).
void start_board_feed(HallLink& link, BoardModel& model, std::function<void()> wake = {});

}  // namespace hall::display
