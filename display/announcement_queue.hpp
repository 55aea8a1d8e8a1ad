// The announcement queue of one display: every call and recall of the display's zone is spoken
// exactly once, one at a time, in call order. Producers (the network agent's thread) push;
// one consumer (the announcer's thread) takes the next announcement, speaks it, and marks it
// finished. Nothing here blocks a UI thread: push never waits for speech.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "display/indonesian_speech.hpp"

namespace hall::display {

struct Announcement {
    std::int64_t ticket_id = 0;
    std::int64_t seq = 0;        // the call or recall event's sequence (a resync: the snapshot's)
    std::int64_t called_at = 0;  // the ticket's called_at (server time, ms)
    int recalls = 0;             // the ticket's recall count after this call
    CallKind kind = CallKind::call;
    std::string number;          // "A-123"
    std::string counter_id;
    std::string counter_name;    // "Loket 3"

    // What the voice says.
    std::string sentence() const { return announcement_sentence(number, counter_name, kind); }
};

class AnnouncementQueue {
public:
    // Adds an announcement in call order (by seq; equal seqs keep their push order). Returns
    // false, and changes nothing, when the same announcement was already pushed: the same
    // ticket with the same event seq, or the same ticket with the same call (called_at and
    // recall count). A recall is a new call. Never blocks on speech.
    bool push(Announcement announcement);

    // Waits up to `timeout` for the next announcement and makes it the current one. Returns
    // nullopt on timeout, after close(), or while the previous one is not finished yet (one
    // at a time: finish() must come first).
    std::optional<Announcement> take(std::chrono::milliseconds timeout);
    // The current announcement has been spoken (or skipped while muted).
    void finish();
    // Wakes and refuses every waiting take(); pushes are still counted.
    void close();

    // Copies for the board and the tests.
    std::vector<Announcement> pending() const;
    std::optional<Announcement> current() const;
    std::vector<Announcement> finished() const;  // the most recent ones, oldest first
    std::size_t pushed_count() const;

private:
    using CallKey = std::pair<std::int64_t, std::pair<std::int64_t, int>>;  // ticket, (called_at, recalls)
    using SeqKey = std::pair<std::int64_t, std::int64_t>;                   // ticket, seq
    void remember(const Announcement& a);

    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<Announcement> m_pending;
    std::optional<Announcement> m_current;
    std::deque<Announcement> m_finished;
    std::set<CallKey> m_call_keys;
    std::set<SeqKey> m_seq_keys;
    std::deque<std::pair<CallKey, SeqKey>> m_key_order;  // to forget the oldest keys
    std::size_t m_pushed = 0;
    bool m_closed = false;
};

}  // namespace hall::display
