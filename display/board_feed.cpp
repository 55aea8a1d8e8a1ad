// HallLink calls on_change on its agent thread right after it loads a snapshot and before it
// applies any later event, so comparing its snapshot count there tells a fresh snapshot apart
// from a batch of events, and the model's replica stays in step with the link's.
#include "display/board_feed.hpp"

#include <atomic>
#include <memory>
#include <string>

#include "common/log.hpp"

namespace hall::display {

void start_board_feed(HallLink& link, BoardModel& model, std::function<void()> wake) {
    auto loaded_snapshots = std::make_shared<std::atomic<int>>(0);
    auto was_connected = std::make_shared<std::atomic<int>>(-1);  // -1: not known yet
    auto on_change = [&link, &model, wake, loaded_snapshots, was_connected] {
        const int snapshots = link.snapshots();
        if (snapshots != loaded_snapshots->exchange(snapshots)) model.load_state(link.state());
        const bool connected = link.connected();
        model.set_connected(connected);
        // Each change of the connection in the log, for the technician (and the demo).
        if (was_connected->exchange(connected ? 1 : 0) != (connected ? 1 : 0)) {
            if (connected)
                log::info("display", "connected to the server (seq " + std::to_string(link.state().seq()) + ")");
            else
                log::warn("display", "the server is not heard: the board keeps its last state under a banner");
        }
        if (wake) wake();
    };
    // The link applied this event to its replica; if the model's replica is not in step
    // (defensive: it always should be), it catches up from the link's, event included.
    auto on_event = [&link, &model](const json& event) {
        if (model.apply(event) == HallState::Apply::gap) model.load_state(link.state());
    };
    link.start(on_change, on_event);
}

}  // namespace hall::display
