// A client's replica of the hall's state, following the Clone pattern: it starts from a
// snapshot (which carries the sequence it reflects), applies only events with the next
// sequence, drops older ones, and reports a gap so the owner fetches a new snapshot.
// No sockets here: HallLink feeds it.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hall {

using json = nlohmann::json;

class HallState {
public:
    enum class Apply { applied, stale, gap };

    // Replaces the whole state with a snapshot reply body. Returns false if it is malformed.
    bool load_snapshot(const json& snapshot);
    // Applies one published event.
    Apply apply(const json& event);
    // True when a heartbeat announces a sequence this replica has not reached.
    bool behind(std::int64_t announced_seq) const { return m_loaded && announced_seq > m_seq; }

    bool loaded() const { return m_loaded; }
    std::int64_t seq() const { return m_seq; }
    const std::string& date() const { return m_date; }
    const std::string& hall_name() const { return m_hall_name; }
    const std::map<std::int64_t, json>& tickets() const { return m_tickets; }
    const std::map<std::string, json>& counters() const { return m_counters; }
    const std::map<std::string, json>& services() const { return m_services; }
    const json* ticket(std::int64_t id) const;
    const json* ticket_by_number(const std::string& number) const;
    const json* counter(const std::string& id) const;
    const json* service(const std::string& id) const;

    // Queued tickets of a service in first-come-first-served order.
    std::vector<const json*> queue_of(const std::string& service_id) const;
    // A canonical form of the whole state (for comparing replicas with the server).
    json canonical() const;

private:
    void upsert(const json& payload);
    bool m_loaded = false;
    std::int64_t m_seq = 0;
    std::string m_date;
    std::string m_hall_name;
    std::map<std::int64_t, json> m_tickets;
    std::map<std::string, json> m_counters;
    std::map<std::string, json> m_services;
};

}  // namespace hall
