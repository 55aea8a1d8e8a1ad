// Clone-pattern replica. Events carry whole entities (ticket, counter, services), so applying
// one is an upsert; a `day` event starts a new day with no tickets.
#include "common/hall_state.hpp"

#include <algorithm>

namespace hall {

bool HallState::load_snapshot(const json& s) {
    if (!s.is_object() || !s.contains("seq") || !s["seq"].is_number_integer() || !s.contains("tickets") ||
        !s["tickets"].is_array() || !s.contains("counters") || !s["counters"].is_array())
        return false;
    m_seq = s["seq"].get<std::int64_t>();
    m_date = s.value("date", std::string());
    m_hall_name = s.contains("hall") && s["hall"].is_object() ? s["hall"].value("name", std::string()) : "";
    m_tickets.clear();
    m_counters.clear();
    m_services.clear();
    for (const json& t : s["tickets"])
        if (t.is_object() && t.contains("id")) m_tickets[t["id"].get<std::int64_t>()] = t;
    for (const json& c : s["counters"])
        if (c.is_object() && c.contains("id")) m_counters[c["id"].get<std::string>()] = c;
    if (s.contains("services") && s["services"].is_array())
        for (const json& v : s["services"])
            if (v.is_object() && v.contains("id")) m_services[v["id"].get<std::string>()] = v;
    m_loaded = true;
    return true;
}

void HallState::upsert(const json& e) {
    if (e.contains("ticket") && e["ticket"].is_object() && e["ticket"].contains("id")) {
        const json& t = e["ticket"];
        if (t.value("date", m_date) == m_date) m_tickets[t["id"].get<std::int64_t>()] = t;
    }
    if (e.contains("counter") && e["counter"].is_object() && e["counter"].contains("id"))
        m_counters[e["counter"]["id"].get<std::string>()] = e["counter"];
    if (e.contains("services") && e["services"].is_array())
        for (const json& v : e["services"])
            if (v.is_object() && v.contains("id")) m_services[v["id"].get<std::string>()] = v;
}

HallState::Apply HallState::apply(const json& e) {
    if (!m_loaded || !e.is_object() || !e.contains("seq") || !e["seq"].is_number_integer()) return Apply::gap;
    std::int64_t seq = e["seq"].get<std::int64_t>();
    if (seq <= m_seq) return Apply::stale;
    if (seq != m_seq + 1) return Apply::gap;
    m_seq = seq;
    if (e.value("action", std::string()) == "day") {
        m_date = e.value("date", m_date);
        m_tickets.clear();
    }
    upsert(e);
    return Apply::applied;
}

const json* HallState::ticket(std::int64_t id) const {
    auto it = m_tickets.find(id);
    return it == m_tickets.end() ? nullptr : &it->second;
}

const json* HallState::ticket_by_number(const std::string& number) const {
    for (const auto& [id, t] : m_tickets)
        if (t.value("number", std::string()) == number) return &t;
    return nullptr;
}

const json* HallState::counter(const std::string& id) const {
    auto it = m_counters.find(id);
    return it == m_counters.end() ? nullptr : &it->second;
}

const json* HallState::service(const std::string& id) const {
    auto it = m_services.find(id);
    return it == m_services.end() ? nullptr : &it->second;
}

std::vector<const json*> HallState::queue_of(const std::string& service_id) const {
    std::vector<const json*> q;
    for (const auto& [id, t] : m_tickets) {
        std::string state = t.value("state", std::string());
        if (t.value("service", std::string()) == service_id && (state == "waiting" || state == "transferred"))
            q.push_back(&t);
    }
    std::sort(q.begin(), q.end(), [](const json* a, const json* b) {
        auto qa = (*a)["queued_at"].get<std::int64_t>();
        auto qb = (*b)["queued_at"].get<std::int64_t>();
        if (qa != qb) return qa < qb;
        return (*a)["id"].get<std::int64_t>() < (*b)["id"].get<std::int64_t>();
    });
    return q;
}

json HallState::canonical() const {
    json tickets = json::array();
    for (const auto& [id, t] : m_tickets) tickets.push_back(t);
    json counters = json::array();
    for (const auto& [id, c] : m_counters) counters.push_back(c);
    return json{{"seq", m_seq}, {"date", m_date}, {"tickets", tickets}, {"counters", counters}};
}

}  // namespace hall
