// The board's model: what one waiting-room display shows and says, with no ImGui and no SDL.
// It keeps its own replica of the hall (fed with the same snapshots and events as the network
// agent's), filtered to the display's zone, and turns it into a BoardSnapshot for the view: the
// latest call, the previous calls, each counter's status, the waiting counts, the running text
// and the connection banner. Every call or recall of the zone enters the announcement queue.
//
// Thread-safety: every public member may be called from any thread (the network agent feeds
// it; the UI thread reads snapshots).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/hall_state.hpp"
#include "common/result.hpp"
#include "display/announcement_queue.hpp"

namespace hall::display {

// One text of the running text at the bottom of the board.
enum class TickerKind {
    message,         // the hall's own text from [display] running_text (text)
    pledge,          // an agency's Maklumat Pelayanan (title: the agency, text: the pledge)
    service_status,  // from the server: a service of the zone is not open (title: the status, text: the detail)
};
struct TickerItem {
    TickerKind kind = TickerKind::message;
    std::string title;
    std::string text;
};

// What the board is configured to show.
struct BoardConfig {
    std::string hall_name;                   // until the server says its own name
    std::string zone;                        // zone id; "" = every zone
    std::string zone_name;                   // shown under the hall's name; "" = none
    std::vector<std::string> counter_order;  // counter ids in the config's order
    std::vector<TickerItem> running_text;    // the hall's text and the zone's agencies' pledges
    int utc_offset_minutes = 7 * 60;         // the hall's clock
    std::int64_t highlight_ms = 12000;       // how long a new call stays highlighted
    int previous_calls = 6;                  // how many earlier calls are listed
};

// The board configuration for `zone` ("" = all) from the hall config and its catalog; fails
// with "unknown_zone" (listing the zones) when the hall has no such zone.
Result<BoardConfig> board_config(const HallConfig& config, const Catalog& catalog, const std::string& zone);

struct BoardCall {
    std::int64_t ticket_id = 0;
    std::string number;  // "A-123", as the server confirmed it
    std::string service_name;
    std::string counter_id;
    std::string counter_name;
    std::string state;  // called, serving, done, no_show
    bool priority = false;
    std::int64_t called_at = 0;
    int recalls = 0;
};

struct BoardCounter {
    std::string id;
    std::string name;
    std::string state;         // closed, open, paused
    std::string pause_reason;  // "" when none
    std::string ticket_number; // its current ticket, "" when none
    std::string ticket_state;  // called or serving, "" when none
};

struct BoardWaiting {
    std::string service_id;
    std::string prefix;
    std::string name;
    int waiting = 0;
};

// Everything the view draws, copied out of the model at one moment.
struct BoardSnapshot {
    std::string hall_name;
    std::string zone_name;
    std::string date;             // the hall's date from the server, "" before the first snapshot
    bool loaded = false;          // a snapshot has been received
    bool connected = false;       // the server is heard now
    std::int64_t offline_ms = 0;  // how long the server has not been heard (when !connected)
    bool resyncing = false;       // a gap was seen: waiting for a fresh snapshot
    std::optional<BoardCall> latest;
    bool latest_is_new = false;   // highlight it: it was called (or recalled) moments ago
    std::vector<BoardCall> previous;
    std::vector<BoardCounter> counters;
    std::vector<BoardWaiting> waiting;  // services of the zone with someone waiting
    int waiting_total = 0;
    std::vector<TickerItem> ticker;
    int utc_offset_minutes = 7 * 60;
};

class BoardModel {
public:
    using Clock = std::function<std::int64_t()>;  // monotonic milliseconds
    static std::int64_t steady_ms();

    explicit BoardModel(BoardConfig config, Clock clock = steady_ms);

    // Replaces the replica with a snapshot reply body (false, nothing changed, when malformed).
    // On a resync (every snapshot after the first) the zone's tickets that are called now with
    // a call the board had not seen (made while it was not hearing the server) are announced.
    bool load_snapshot(const json& snapshot);
    // The same from a replica (HallLink's, after it fetched a snapshot).
    void load_state(const HallState& state);
    // Applies one published event: applied, stale (dropped), or gap (the board then needs a
    // snapshot, and shows that it is resyncing). A call or recall of the zone is announced.
    HallState::Apply apply(const json& event);
    // Whether the server is heard now; the banner's age counts from the last change.
    void set_connected(bool connected);

    bool needs_snapshot() const;
    std::int64_t seq() const;
    BoardSnapshot snapshot() const;
    const BoardConfig& config() const { return m_config; }
    AnnouncementQueue& announcements() { return m_queue; }
    const AnnouncementQueue& announcements() const { return m_queue; }

private:
    struct Fresh {
        std::int64_t seen_ms = 0;  // local time the call or recall arrived
        std::int64_t called_at = 0;
        int recalls = 0;
    };
    bool counter_in_zone(const json& counter) const;
    bool ticket_in_zone(const json& ticket) const;
    std::optional<Announcement> announcement_for(const json& ticket, const json* counter, std::int64_t seq,
                                                 CallKind kind) const;
    void announce(Announcement a);
    std::int64_t last_call_at(const json& ticket) const;
    BoardCall call_of(const json& ticket) const;

    const BoardConfig m_config;
    const Clock m_clock;
    mutable std::mutex m_mutex;
    HallState m_state;
    bool m_needs_snapshot = false;
    bool m_connected = false;
    std::int64_t m_connection_changed_ms = 0;
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> m_recall_at;  // ticket -> (called_at, recall time)
    std::map<std::int64_t, Fresh> m_fresh;
    AnnouncementQueue m_queue;
};

}  // namespace hall::display
