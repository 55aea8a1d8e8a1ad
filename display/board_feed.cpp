// HallLink calls on_change on its agent thread right after it loads a snapshot and before it
// applies any later event, so comparing its snapshot count there tells a fresh snapshot apart
// from a batch of events, and the model's replica stays in step with the link's.
#include "display/board_feed.hpp"

#include <atomic>
#include <memory>

namespace hall::display {

void start_board_feed(HallLink& link, BoardModel& model, std::function<void()> wake) {
    auto loaded_snapshots = std::make_shared<std::atomic<int>>(0);
    auto on_change = [&link, &model, wake, loaded_snapshots] {
        const int snapshots = link.snapshots();
        if (snapshots != loaded_snapshots->exchange(snapshots)) model.load_state(link.state());
        model.set_connected(link.connected());
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
