// Duplicates are recognised by two keys because announcements come from two places: events
// (which carry their seq) and, after a resync, tickets found called in a new snapshot (which
// carry the ticket's called_at and recall count but not the seq of the event that was missed).
// Keys of old calls are forgotten after many thousands, far more than a hall calls in a day.
#include "display/announcement_queue.hpp"

#include <algorithm>

namespace hall::display {

namespace {
constexpr std::size_t kRememberedKeys = 50000;
constexpr std::size_t kFinishedKept = 64;
}  // namespace

void AnnouncementQueue::remember(const Announcement& a) {
    CallKey call{a.ticket_id, {a.called_at, a.recalls}};
    SeqKey seq{a.ticket_id, a.seq};
    m_call_keys.insert(call);
    m_seq_keys.insert(seq);
    m_key_order.emplace_back(call, seq);
    while (m_key_order.size() > kRememberedKeys) {
        m_call_keys.erase(m_key_order.front().first);
        m_seq_keys.erase(m_key_order.front().second);
        m_key_order.pop_front();
    }
}

bool AnnouncementQueue::push(Announcement announcement) {
    {
        std::lock_guard lock(m_mutex);
        if (m_call_keys.count({announcement.ticket_id, {announcement.called_at, announcement.recalls}}) ||
            m_seq_keys.count({announcement.ticket_id, announcement.seq}))
            return false;
        remember(announcement);
        ++m_pushed;
        // After every pending one with a seq not above it: call order, stable for equal seqs.
        auto at = std::upper_bound(m_pending.begin(), m_pending.end(), announcement.seq,
                                   [](std::int64_t seq, const Announcement& a) { return seq < a.seq; });
        m_pending.insert(at, std::move(announcement));
    }
    m_ready.notify_all();
    return true;
}

std::optional<Announcement> AnnouncementQueue::take(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    m_ready.wait_for(lock, timeout, [this] { return m_closed || (!m_current && !m_pending.empty()); });
    if (m_closed || m_current || m_pending.empty()) return std::nullopt;
    m_current = std::move(m_pending.front());
    m_pending.pop_front();
    return m_current;
}

void AnnouncementQueue::finish() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_current) return;
        m_finished.push_back(std::move(*m_current));
        m_current.reset();
        while (m_finished.size() > kFinishedKept) m_finished.pop_front();
    }
    m_ready.notify_all();
}

void AnnouncementQueue::close() {
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_ready.notify_all();
}

std::vector<Announcement> AnnouncementQueue::pending() const {
    std::lock_guard lock(m_mutex);
    return {m_pending.begin(), m_pending.end()};
}

std::optional<Announcement> AnnouncementQueue::current() const {
    std::lock_guard lock(m_mutex);
    return m_current;
}

std::vector<Announcement> AnnouncementQueue::finished() const {
    std::lock_guard lock(m_mutex);
    return {m_finished.begin(), m_finished.end()};
}

std::size_t AnnouncementQueue::pushed_count() const {
    std::lock_guard lock(m_mutex);
    return m_pushed;
}

}  // namespace hall::display
