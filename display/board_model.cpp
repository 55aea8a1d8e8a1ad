// The board is derived from the replica at each snapshot() rather than kept as lists updated
// event by event: the replica already holds every ticket of the day with its counter and
// call time, so a resync, a gap or a missed event can never leave the board inconsistent.
// What the replica cannot tell is kept on the side: when a recall happened (a recall does not
// change called_at, but it brings the ticket back to the top) and when a call arrived here
// (for the highlight, timed by this machine's clock, not the server's).
#include "display/board_model.hpp"

#include <algorithm>
#include <chrono>
#include <set>

namespace hall::display {

namespace {

std::int64_t int_of(const json& object, const char* key, std::int64_t fallback = 0) {
    if (!object.is_object()) return fallback;
    auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

std::string str_of(const json& object, const char* key) {
    if (!object.is_object()) return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool has_int(const json& object, const char* key) {
    return object.is_object() && object.contains(key) && object[key].is_number_integer();
}

std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    // Collapse the runs of spaces the line breaks leave.
    std::string out;
    for (char c : text)
        if (!(c == ' ' && !out.empty() && out.back() == ' ')) out += c;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

Result<BoardConfig> board_config(const HallConfig& config, const Catalog& catalog, const std::string& zone) {
    BoardConfig board;
    board.hall_name = config.hall_name;
    board.zone = zone;
    board.utc_offset_minutes = config.utc_offset_minutes;
    if (!zone.empty()) {
        auto found = std::find_if(config.zones.begin(), config.zones.end(),
                                  [&](const ZoneConfig& z) { return z.id == zone; });
        if (found == config.zones.end()) {
            std::string known;
            for (const ZoneConfig& z : config.zones) known += (known.empty() ? "" : ", ") + z.id;
            return make_error("unknown_zone", "the hall config has no zone \"" + zone + "\" (zones: " +
                                                  (known.empty() ? "none" : known) + ")");
        }
        board.zone_name = found->name;
    }
    for (const CounterConfig& counter : config.counters) board.counter_order.push_back(counter.id);

    if (!config.display.running_text.empty())
        board.running_text.push_back({TickerKind::message, "", one_line(config.display.running_text)});
    // The Maklumat Pelayanan of every agency whose services this zone's counters call.
    std::vector<std::string> agencies;
    for (const CounterConfig& counter : config.counters) {
        if (!zone.empty() && counter.zone != zone) continue;
        for (const std::string& service_id : counter.services) {
            const OfferedService* offered = config.find_service(service_id);
            if (offered && std::find(agencies.begin(), agencies.end(), offered->agency_id) == agencies.end())
                agencies.push_back(offered->agency_id);
        }
    }
    for (const OfferedService& offered : config.services) {  // in the config's order
        if (std::find(agencies.begin(), agencies.end(), offered.agency_id) == agencies.end()) continue;
        agencies.erase(std::find(agencies.begin(), agencies.end(), offered.agency_id));
        const Agency* agency = catalog.find_agency(offered.agency_id);
        if (agency && !agency->pledge.empty())
            board.running_text.push_back({TickerKind::pledge, agency->name, one_line(agency->pledge)});
    }
    return board;
}

std::int64_t BoardModel::steady_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

BoardModel::BoardModel(BoardConfig config, Clock clock)
    : m_config(std::move(config)), m_clock(clock ? std::move(clock) : Clock(steady_ms)) {
    m_connection_changed_ms = m_clock();
}

bool BoardModel::counter_in_zone(const json& counter) const {
    return m_config.zone.empty() || str_of(counter, "zone") == m_config.zone;
}

bool BoardModel::ticket_in_zone(const json& ticket) const {
    const std::string counter_id = str_of(ticket, "counter");
    if (counter_id.empty()) return false;
    const json* counter = m_state.counter(counter_id);
    if (!counter) return m_config.zone.empty();
    return counter_in_zone(*counter);
}

std::optional<Announcement> BoardModel::announcement_for(const json& ticket, const json* counter, std::int64_t seq,
                                                         CallKind kind) const {
    if (!has_int(ticket, "id") || !has_int(ticket, "called_at")) return std::nullopt;  // defensive
    Announcement a;
    a.ticket_id = int_of(ticket, "id");
    a.seq = seq;
    a.called_at = int_of(ticket, "called_at");
    a.recalls = static_cast<int>(int_of(ticket, "recalls"));
    a.kind = kind;
    a.number = str_of(ticket, "number");
    a.counter_id = str_of(ticket, "counter");
    a.counter_name = counter ? str_of(*counter, "name") : std::string();
    if (a.counter_name.empty()) a.counter_name = a.counter_id;
    if (a.number.empty()) return std::nullopt;  // never say a number the server did not give
    return a;
}

void BoardModel::announce(Announcement a) {
    m_fresh[a.ticket_id] = Fresh{m_clock(), a.called_at, a.recalls};
    m_queue.push(std::move(a));
}

bool BoardModel::load_snapshot(const json& snapshot) {
    HallState next;
    if (!next.load_snapshot(snapshot)) return false;
    std::lock_guard lock(m_mutex);
    const bool resync = m_state.loaded();
    HallState previous = std::move(m_state);
    m_state = std::move(next);
    m_needs_snapshot = false;

    // Recall times of calls that no longer exist are of no use.
    for (auto it = m_recall_at.begin(); it != m_recall_at.end();) {
        const json* t = m_state.ticket(it->first);
        if (!t || int_of(*t, "called_at", -1) != it->second.first) {
            it = m_recall_at.erase(it);
        } else {
            ++it;
        }
    }
    if (!resync) return true;  // a board that starts does not repeat the calls made before it

    // Calls made while the board did not hear the server, oldest first.
    std::vector<std::pair<const json*, CallKind>> missed;
    for (const auto& [id, ticket] : m_state.tickets()) {
        if (str_of(ticket, "state") != "called" || !has_int(ticket, "called_at") || !ticket_in_zone(ticket)) continue;
        const json* before = previous.ticket(id);
        const bool same_call = before && str_of(*before, "state") == "called" &&
                               int_of(*before, "called_at", -1) == int_of(ticket, "called_at");
        if (!same_call) {
            missed.emplace_back(&ticket, CallKind::call);
        } else if (int_of(ticket, "recalls") > int_of(*before, "recalls")) {
            missed.emplace_back(&ticket, CallKind::recall);
        }
    }
    std::sort(missed.begin(), missed.end(), [](const auto& a, const auto& b) {
        const std::int64_t ca = int_of(*a.first, "called_at");
        const std::int64_t cb = int_of(*b.first, "called_at");
        return ca != cb ? ca < cb : int_of(*a.first, "id") < int_of(*b.first, "id");
    });
    for (const auto& [ticket, kind] : missed) {
        auto a = announcement_for(*ticket, m_state.counter(str_of(*ticket, "counter")), m_state.seq(), kind);
        if (a) announce(std::move(*a));
    }
    return true;
}

void BoardModel::load_state(const HallState& state) {
    if (!state.loaded()) return;
    json snapshot{{"seq", state.seq()},
                  {"date", state.date()},
                  {"hall", {{"name", state.hall_name()}}},
                  {"tickets", json::array()},
                  {"counters", json::array()},
                  {"services", json::array()}};
    for (const auto& [id, t] : state.tickets()) snapshot["tickets"].push_back(t);
    for (const auto& [id, c] : state.counters()) snapshot["counters"].push_back(c);
    for (const auto& [id, s] : state.services()) snapshot["services"].push_back(s);
    load_snapshot(snapshot);
}

HallState::Apply BoardModel::apply(const json& event) {
    std::lock_guard lock(m_mutex);
    const HallState::Apply result = m_state.apply(event);
    if (result == HallState::Apply::gap) m_needs_snapshot = true;
    if (result != HallState::Apply::applied) return result;

    const std::string action = str_of(event, "action");
    if ((action != "call" && action != "recall") || !event.contains("ticket") || !event["ticket"].is_object())
        return result;
    const json& ticket = event["ticket"];
    const json* counter = event.contains("counter") && event["counter"].is_object()
                              ? &event["counter"]
                              : m_state.counter(str_of(ticket, "counter"));
    if (!counter || !counter_in_zone(*counter)) return result;
    const CallKind kind = action == "recall" ? CallKind::recall : CallKind::call;
    if (kind == CallKind::recall)
        m_recall_at[int_of(ticket, "id")] = {int_of(ticket, "called_at"), int_of(event, "at")};
    auto a = announcement_for(ticket, counter, int_of(event, "seq"), kind);
    if (a) announce(std::move(*a));

    // Highlights long over need no memory.
    const std::int64_t now = m_clock();
    for (auto it = m_fresh.begin(); it != m_fresh.end();)
        it = now - it->second.seen_ms > m_config.highlight_ms ? m_fresh.erase(it) : std::next(it);
    return result;
}

void BoardModel::set_connected(bool connected) {
    std::lock_guard lock(m_mutex);
    if (connected == m_connected) return;
    m_connected = connected;
    m_connection_changed_ms = m_clock();
}

bool BoardModel::needs_snapshot() const {
    std::lock_guard lock(m_mutex);
    return m_needs_snapshot;
}

std::int64_t BoardModel::seq() const {
    std::lock_guard lock(m_mutex);
    return m_state.seq();
}

std::int64_t BoardModel::last_call_at(const json& ticket) const {
    const std::int64_t called_at = int_of(ticket, "called_at");
    auto recall = m_recall_at.find(int_of(ticket, "id"));
    if (recall != m_recall_at.end() && recall->second.first == called_at) return std::max(called_at, recall->second.second);
    return called_at;
}

BoardCall BoardModel::call_of(const json& ticket) const {
    BoardCall call;
    call.ticket_id = int_of(ticket, "id");
    call.number = str_of(ticket, "number");
    call.service_name = str_of(ticket, "service_name");
    if (call.service_name.empty()) {
        if (const json* service = m_state.service(str_of(ticket, "service"))) call.service_name = str_of(*service, "name");
    }
    call.counter_id = str_of(ticket, "counter");
    const json* counter = m_state.counter(call.counter_id);
    call.counter_name = counter ? str_of(*counter, "name") : call.counter_id;
    call.state = str_of(ticket, "state");
    call.priority = str_of(ticket, "priority") != "regular" && !str_of(ticket, "priority").empty();
    call.called_at = int_of(ticket, "called_at");
    call.recalls = static_cast<int>(int_of(ticket, "recalls"));
    return call;
}

BoardSnapshot BoardModel::snapshot() const {
    std::lock_guard lock(m_mutex);
    const std::int64_t now = m_clock();
    BoardSnapshot board;
    board.hall_name = m_state.hall_name().empty() ? m_config.hall_name : m_state.hall_name();
    board.zone_name = m_config.zone_name;
    board.date = m_state.date();
    board.loaded = m_state.loaded();
    board.connected = m_connected;
    board.offline_ms = m_connected ? 0 : std::max<std::int64_t>(0, now - m_connection_changed_ms);
    board.resyncing = m_needs_snapshot;
    board.utc_offset_minutes = m_config.utc_offset_minutes;

    // Calls of the zone, the most recent (call or recall) first.
    std::vector<std::pair<std::int64_t, const json*>> calls;
    for (const auto& [id, ticket] : m_state.tickets()) {
        if (!has_int(ticket, "called_at") || !ticket_in_zone(ticket) || str_of(ticket, "number").empty()) continue;
        calls.emplace_back(last_call_at(ticket), &ticket);
    }
    std::sort(calls.begin(), calls.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : int_of(*a.second, "id") > int_of(*b.second, "id");
    });
    for (std::size_t i = 0; i < calls.size() && static_cast<int>(i) <= m_config.previous_calls; ++i) {
        BoardCall call = call_of(*calls[i].second);
        if (i == 0) {
            auto fresh = m_fresh.find(call.ticket_id);
            board.latest_is_new = fresh != m_fresh.end() && fresh->second.called_at == call.called_at &&
                                  fresh->second.recalls == call.recalls &&
                                  now - fresh->second.seen_ms < m_config.highlight_ms;
            board.latest = std::move(call);
        } else {
            board.previous.push_back(std::move(call));
        }
    }

    // Counters of the zone, in the config's order (others after, by id).
    std::vector<const json*> counters;
    for (const auto& [id, counter] : m_state.counters())
        if (counter_in_zone(counter)) counters.push_back(&counter);
    auto rank = [&](const json* c) {
        auto it = std::find(m_config.counter_order.begin(), m_config.counter_order.end(), str_of(*c, "id"));
        return std::make_pair(it - m_config.counter_order.begin(), str_of(*c, "id"));
    };
    std::sort(counters.begin(), counters.end(), [&](const json* a, const json* b) { return rank(a) < rank(b); });
    std::set<std::string> zone_services;
    for (const json* c : counters) {
        BoardCounter counter;
        counter.id = str_of(*c, "id");
        counter.name = str_of(*c, "name");
        counter.state = str_of(*c, "state");
        counter.pause_reason = str_of(*c, "pause_reason");
        if (const json* ticket = m_state.ticket(int_of(*c, "ticket", -1))) {
            counter.ticket_number = str_of(*ticket, "number");
            counter.ticket_state = str_of(*ticket, "state");
        }
        board.counters.push_back(std::move(counter));
        if (c->contains("services") && (*c)["services"].is_array())
            for (const json& s : (*c)["services"])
                if (s.is_string()) zone_services.insert(s.get<std::string>());
    }

    // Waiting counts, and what the server says about services that are not open.
    std::vector<std::string> quota_reached;
    std::vector<std::pair<std::string, std::string>> statuses;  // (status, detail), first seen first
    for (const auto& [id, service] : m_state.services()) {
        if (!m_config.zone.empty() && !zone_services.count(id)) continue;
        const int waiting = static_cast<int>(int_of(service, "waiting"));
        if (waiting > 0) {
            board.waiting.push_back({id, str_of(service, "prefix"), str_of(service, "name"), waiting});
            board.waiting_total += waiting;
        }
        const std::string status = str_of(service, "status");
        if (status == "quota_reached") {
            quota_reached.push_back(str_of(service, "name"));
        } else if (status == "closed" || status == "break" || status == "holiday") {
            std::pair<std::string, std::string> entry{status, str_of(service, "status_detail")};
            if (std::find(statuses.begin(), statuses.end(), entry) == statuses.end()) statuses.push_back(entry);
        }
    }
    std::sort(board.waiting.begin(), board.waiting.end(), [](const BoardWaiting& a, const BoardWaiting& b) {
        return a.prefix != b.prefix ? a.prefix < b.prefix : a.name < b.name;
    });
    for (const auto& [status, detail] : statuses) board.ticker.push_back({TickerKind::service_status, status, detail});
    if (!quota_reached.empty()) {
        std::string names;
        for (const std::string& name : quota_reached) names += (names.empty() ? "" : "; ") + name;
        board.ticker.push_back({TickerKind::service_status, "quota_reached", names});
    }
    board.ticker.insert(board.ticker.end(), m_config.running_text.begin(), m_config.running_text.end());
    return board;
}

}  // namespace hall::display
