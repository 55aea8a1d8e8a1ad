// Domain operations of the hall. Every function here runs inside the server's transaction and
// reads the state it needs from the database: the database is the single source of truth.
#include "queue_server/hall_engine.hpp"

#include "common/keys.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <variant>

#include "common/log.hpp"
#include "queue_server/audit.hpp"
#include "queue_server/survey_store.hpp"

namespace hall::server {

using proto::ErrorCode;
using proto::MessageType;

std::int64_t system_clock_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

namespace {

constexpr int kMaxPinFailures = 5;
constexpr std::int64_t kLockMs = 5 * 60 * 1000;
// PIN hashing cost: interactive-grade time, modest memory so the server stays small.
constexpr unsigned long long kPwhashOps = 3;
constexpr std::size_t kPwhashMem = 8u << 20;

Error fail(ErrorCode code, std::string message) {
    return make_error(std::string(proto::error_code_name(code)), std::move(message));
}

Error storage_fail(Database& db) { return fail(ErrorCode::storage_error, "database error: " + db.last_error()); }

// Holds the hall's date still for one request or one tick (see HallEngine::today).
class FrozenDay {
public:
    explicit FrozenDay(bool& flag) : m_flag(flag) { m_flag = true; }
    ~FrozenDay() { m_flag = false; }
    FrozenDay(const FrozenDay&) = delete;
    FrozenDay& operator=(const FrozenDay&) = delete;

private:
    bool& m_flag;
};

json optional_int(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }
json optional_text(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

constexpr const char* kTicketColumns =
    "id, date, number, prefix, seq, service, original_service, priority, state, counter, officer, token, "
    "issued_at, queued_at, called_at, serving_at, finished_at, recalls, transfers, note, printed";

json ticket_row_json(const Statement& q) {
    return json{
        {"id", q.column_int(0)},
        {"date", q.column_text(1)},
        {"number", q.column_text(2)},
        {"prefix", q.column_text(3)},
        {"seq", q.column_int(4)},
        {"service", q.column_text(5)},
        {"original_service", q.column_text(6)},
        {"priority", q.column_text(7)},
        {"state", q.column_text(8)},
        {"counter", optional_text(q.column_optional_text(9))},
        {"officer", optional_text(q.column_optional_text(10))},
        {"token", q.column_text(11)},
        {"issued_at", q.column_int(12)},
        {"queued_at", q.column_int(13)},
        {"called_at", optional_int(q.column_optional_int(14))},
        {"serving_at", optional_int(q.column_optional_int(15))},
        {"finished_at", optional_int(q.column_optional_int(16))},
        {"recalls", q.column_int(17)},
        {"transfers", q.column_int(18)},
        {"note", optional_text(q.column_optional_text(19))},
        {"printed", q.column_is_null(20) ? json(nullptr) : json(q.column_int(20) != 0)},
    };
}

// The ticket a counter currently has (called or serving), if any.
std::optional<std::int64_t> current_ticket_of(Database& db, const std::string& counter) {
    Statement q(db, "SELECT id FROM tickets WHERE counter = ?1 AND state IN ('called','serving') "
                    "ORDER BY called_at DESC LIMIT 1");
    q.bind(1, counter);
    if (q.step()) return q.column_int(0);
    return std::nullopt;
}

}  // namespace

HallEngine::HallEngine(Database& db, const HallConfig& config, const Catalog& catalog, Clock clock)
    : m_db(db), m_config(config), m_catalog(catalog), m_clock(std::move(clock)) {}

LocalTime HallEngine::now_local() const { return local_time(m_clock(), m_config.utc_offset_minutes); }

Status HallEngine::prepare() {
    if (sodium_init() < 0) return make_error("internal_error", "libsodium failed to initialise");
    Transaction tx(m_db);
    if (!tx.began()) return make_error("storage_error", m_db.last_error());
    for (const CounterConfig& c : m_config.counters) {
        Statement q(m_db, "INSERT OR IGNORE INTO counters (id, state, updated_at) VALUES (?1, 'closed', ?2)");
        q.bind(1, c.id).bind(2, m_clock());
        if (!q.run()) return make_error("storage_error", q.error());
    }
    auto s = tx.commit();
    if (!s) return s;
    m_last_date = today();
    m_last_schedule = hall_status_name(schedule_status(m_config, now_local()).status);
    return ok_status();
}

std::int64_t HallEngine::last_seq() {
    Statement q(m_db, "SELECT COALESCE(MAX(seq), 0) FROM events");
    return q.step() ? q.column_int(0) : 0;
}

std::int64_t HallEngine::append_event(const std::string& action, json payload, std::vector<json>& events) {
    std::int64_t at = m_clock();
    payload["action"] = action;
    payload["at"] = at;
    Statement q(m_db, "INSERT INTO events (at, action, payload) VALUES (?1, ?2, ?3)");
    q.bind(1, at).bind(2, action).bind(3, payload.dump());
    if (!q.run()) return 0;
    std::int64_t seq = m_db.last_insert_rowid();
    payload["seq"] = seq;
    events.push_back(std::move(payload));
    return seq;
}

json HallEngine::ticket_json(std::int64_t id) {
    Statement q(m_db, std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = ?1");
    q.bind(1, id);
    if (!q.step()) return nullptr;
    json t = ticket_row_json(q);
    if (const Service* s = m_catalog.find_service(t["service"].get<std::string>())) t["service_name"] = s->name;
    return t;
}

json HallEngine::counter_json(const std::string& counter_id) {
    const CounterConfig* cfg = m_config.find_counter(counter_id);
    if (!cfg) return nullptr;
    Statement q(m_db, "SELECT c.state, c.officer, o.name, c.pause_reason FROM counters c "
                      "LEFT JOIN officers o ON o.id = c.officer WHERE c.id = ?1");
    q.bind(1, counter_id);
    json c{{"id", cfg->id}, {"name", cfg->name}, {"zone", cfg->zone}, {"services", cfg->services}};
    if (q.step()) {
        c["state"] = q.column_text(0);
        c["officer"] = optional_text(q.column_optional_text(1));
        c["officer_name"] = optional_text(q.column_optional_text(2));
        c["pause_reason"] = optional_text(q.column_optional_text(3));
    } else {
        c["state"] = "closed";
        c["officer"] = nullptr;
        c["officer_name"] = nullptr;
        c["pause_reason"] = nullptr;
    }
    auto current = current_ticket_of(m_db, counter_id);
    c["ticket"] = optional_int(current);
    return c;
}

json HallEngine::service_json(const std::string& service_id) {
    const OfferedService* offer = m_config.find_service(service_id);
    if (!offer) return nullptr;
    LocalTime now = now_local();
    ScheduleStatus schedule = schedule_status(m_config, now);
    const std::string date = today();
    int waiting = 0;
    int issued = 0;
    {
        Statement q(m_db, "SELECT COUNT(*) FROM tickets WHERE date = ?1 AND service = ?2 "
                          "AND state IN ('waiting','transferred')");
        q.bind(1, date).bind(2, service_id);
        if (q.step()) waiting = static_cast<int>(q.column_int(0));
    }
    {
        Statement q(m_db, "SELECT COUNT(*) FROM tickets WHERE date = ?1 AND original_service = ?2");
        q.bind(1, date).bind(2, service_id);
        if (q.step()) issued = static_cast<int>(q.column_int(0));
    }
    double average = kDefaultServiceSeconds;
    {
        // Mean service time of the service's last 20 finished tickets of the past week.
        std::string week_ago = local_time(m_clock() - 7LL * 86400 * 1000, m_config.utc_offset_minutes).date;
        // `+date`: walk the index of finished tickets newest first (20 rows), not every ticket
        // of the service's week (a busy service has hundreds, and every issue asks).
        Statement q(m_db, "SELECT AVG(d) FROM (SELECT finished_at - serving_at AS d FROM tickets "
                          "WHERE service = ?1 AND +date >= ?2 AND state = 'done' AND serving_at IS NOT NULL "
                          "ORDER BY finished_at DESC LIMIT 20)");
        q.bind(1, service_id).bind(2, week_ago);
        if (q.step() && !q.column_is_null(0)) average = std::max(30.0, q.column_int(0) / 1000.0);
    }
    int counters_open = 0;
    int counters_total = 0;
    for (const CounterConfig& c : m_config.counters) {
        if (std::find(c.services.begin(), c.services.end(), service_id) == c.services.end()) continue;
        ++counters_total;
        Statement q(m_db, "SELECT state FROM counters WHERE id = ?1");
        q.bind(1, c.id);
        if (q.step() && q.column_text(0) == "open") ++counters_open;
    }
    std::string status = hall_status_name(schedule.status);
    if (schedule.status == HallStatus::open && offer->daily_quota > 0 && issued >= offer->daily_quota)
        status = "quota_reached";
    const Service* s = m_catalog.find_service(service_id);
    return json{
        {"id", service_id},
        {"agency", offer->agency_id},
        {"prefix", offer->prefix},
        {"name", s ? s->name : service_id},
        {"status", status},
        {"status_detail", schedule.detail},
        {"waiting", waiting},
        {"issued_today", issued},
        {"quota", offer->daily_quota},
        {"avg_service_s", average},
        {"counters_open", counters_open},
        {"counters_total", counters_total},
        {"est_wait_min",
         estimate_wait_minutes(waiting, average, counters_open > 0 ? counters_open : std::max(1, counters_total))},
    };
}

json HallEngine::services_json() {
    json list = json::array();
    for (const OfferedService& s : m_config.services) list.push_back(service_json(s.service_id));
    return list;
}

json HallEngine::snapshot() {
    const std::string date = today();
    json tickets = json::array();
    {
        Statement q(m_db, std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE date = ?1 ORDER BY id");
        q.bind(1, date);
        while (q.step()) {
            json t = ticket_row_json(q);
            if (const Service* s = m_catalog.find_service(t["service"].get<std::string>())) t["service_name"] = s->name;
            tickets.push_back(std::move(t));
        }
    }
    json counters = json::array();
    for (const CounterConfig& c : m_config.counters) counters.push_back(counter_json(c.id));
    return json{{"seq", last_seq()},
                {"date", date},
                {"hall", {{"name", m_config.hall_name}}},
                {"tickets", std::move(tickets)},
                {"counters", std::move(counters)},
                {"services", services_json()}};
}

void HallEngine::announce_day(std::vector<json>& events) {
    const std::string date = today();
    if (date == m_last_date) return;
    m_last_date = date;
    append_event("day", json{{"date", date}, {"services", services_json()}}, events);
}

// The rules of DayRule. The database remembers the latest date that has tickets, so a server
// restarted on a clock set back keeps that day too.
std::string HallEngine::today() {
    // One request sees one date: a request that closes the day's last open ticket does not
    // move the date halfway through its own reply.
    if (m_day_frozen && !m_day.empty()) return m_day;
    const std::int64_t now = m_clock();
    const std::string clock_date = local_time(now, m_config.utc_offset_minutes).date;
    if (m_day.empty()) {
        Statement q(m_db, "SELECT MAX(date) FROM tickets");
        const std::string latest = q.step() && !q.column_is_null(0) ? q.column_text(0) : std::string();
        m_day = std::max(clock_date, latest);
    } else if (clock_date > m_day) {
        bool keep = false;
        if (m_day_rule == DayRule::guard_jumps) {
            // Midnight passed in small steps is a new day; a leap over it is a clock being set.
            const bool small_step = now >= m_last_reading && now - m_last_reading <= kMaxClockStepMs;
            const bool crossed = small_step && local_time(m_last_reading, m_config.utc_offset_minutes).date < clock_date;
            if (!crossed) {
                Statement q(m_db, "SELECT 1 FROM tickets WHERE date = ?1 AND "
                                  "state IN ('waiting','transferred','called','serving','on_hold') LIMIT 1");
                q.bind(1, m_day);
                keep = q.step();
            }
        }
        if (!keep) m_day = clock_date;
    }
    const bool holding = clock_date != m_day;
    if (holding != m_holding_day) {
        m_holding_day = holding;
        if (holding && clock_date < m_day)
            log::warn("engine", "the clock reads " + clock_date + ", before the hall's date " + m_day +
                                    ": the hall stays on " + m_day + " (its date never goes back) and keeps its numbering");
        else if (holding)
            log::warn("engine", "the clock leapt to " + clock_date + " while tickets of " + m_day +
                                    " are open: the hall stays on " + m_day +
                                    " and keeps its numbering until they are closed or the next midnight");
        else
            log::info("engine", "the hall's date follows the clock again: " + m_day);
    }
    m_last_reading = now;
    return m_day;
}

std::vector<json> HallEngine::tick() {
    std::vector<json> events;
    announce_day(events);
    FrozenDay frozen(m_day_frozen);
    LocalTime now = now_local();
    std::string schedule = hall_status_name(schedule_status(m_config, now).status);
    if (schedule != m_last_schedule) {
        m_last_schedule = schedule;
        append_event("schedule", json{{"services", services_json()}}, events);
    }
    return events;
}

// ---- request dispatch ----

namespace {

// The officer logged in from a device (a counter client), if any.
std::optional<std::string> officer_at_device(Database& db, const std::string& device) {
    Statement q(db, "SELECT officer FROM counters WHERE client = ?1 AND officer IS NOT NULL "
                    "ORDER BY updated_at DESC LIMIT 1");
    q.bind(1, device);
    if (q.step()) return q.column_text(0);
    return std::nullopt;
}

}  // namespace

Result<json> HallEngine::handle(const proto::Request& r, const Caller& caller, std::vector<json>& events) {
    // A new day is announced before the first change of that day, so a replica applying the
    // `day` event (which empties its ticket list) never drops a ticket of the new day.
    const std::string announced = m_last_date;
    announce_day(events);
    FrozenDay frozen(m_day_frozen);
    const bool audited = proto::message_info(r.type).mutating &&
                         (caller.role == proto::Role::counter || caller.role == proto::Role::admin);
    // Who acted is read before the action: a logout clears the counter's officer.
    std::optional<std::string> officer;
    if (audited) officer = officer_at_device(m_db, caller.name);
    Result<json> result = dispatch(r, caller, events);
    if (result && audited)
        if (auto recorded = record_audit(r, caller, officer, *result); !recorded) result = recorded.error();
    // The server rolls a refused request back with its savepoint, the day event included.
    if (!result) m_last_date = announced;
    return result;
}

Status HallEngine::record_audit(const proto::Request& r, const Caller& caller, const std::optional<std::string>& officer,
                                const json& result) {
    AuditEntry e;
    e.at = m_clock();
    e.device = caller.name;
    e.role = std::string(proto::role_name(caller.role));
    if (!caller.address.empty()) e.address = caller.address;
    e.officer = r.type == MessageType::login ? proto::body_optional_string(r.body, "officer") : officer;
    e.action = std::string(proto::message_info(r.type).name);
    if (result.contains("login_failed")) e.outcome = result.value("locked", false) ? "locked" : "wrong_pin";
    e.counter = proto::body_optional_string(r.body, "counter");
    if (!e.counter && result.contains("counter") && result["counter"].is_object() && result["counter"]["id"].is_string())
        e.counter = result["counter"]["id"].get<std::string>();
    if (result.contains("ticket") && result["ticket"].is_object()) {
        e.ticket_id = result["ticket"].value("id", std::int64_t{0});
        e.ticket = result["ticket"].value("number", std::string());
    }
    // The other arguments (a transfer's target, a note, a reason...); a PIN never.
    for (const auto& [key, value] : r.body.items()) {
        if (key == "pin" || key == "counter" || key == "ticket") continue;
        if (key == "officer" && r.type == MessageType::login) continue;
        e.detail[key] = value;
    }
    return append_audit(m_db, e);
}

Result<json> HallEngine::dispatch(const proto::Request& r, const Caller& caller, std::vector<json>& events) {
    switch (r.type) {
    case MessageType::hello:
        return json{{"protocol", proto::kProtocolVersion}, {"hall", m_config.hall_name},
                    {"client", caller.name}, {"role", proto::role_name(caller.role)}};
    case MessageType::snapshot: return snapshot();
    case MessageType::ticket_info: return ticket_info(r);
    case MessageType::issue_ticket: return issue_ticket(r, caller, events);
    case MessageType::call_next: return call_next(r, caller, events);
    case MessageType::call_ticket: return call_ticket(r, caller, events);
    case MessageType::recall: return counter_action(r, caller, TicketAction::recall, events);
    case MessageType::start_serving: return counter_action(r, caller, TicketAction::start_serving, events);
    case MessageType::finish: return counter_action(r, caller, TicketAction::finish, events);
    case MessageType::no_show: return counter_action(r, caller, TicketAction::no_show, events);
    case MessageType::transfer: return counter_action(r, caller, TicketAction::transfer, events);
    case MessageType::hold: return ticket_action(r, caller, TicketAction::hold, events);
    case MessageType::release: return ticket_action(r, caller, TicketAction::release, events);
    case MessageType::cancel: return ticket_action(r, caller, TicketAction::cancel, events);
    case MessageType::login: return login(r, caller, events);
    case MessageType::logout: return logout(r, caller, events);
    case MessageType::pause: return pause_resume(r, caller, true, events);
    case MessageType::resume: return pause_resume(r, caller, false, events);
    case MessageType::officer_add: {
        auto id = proto::body_string(r.body, "officer");
        auto name = proto::body_string(r.body, "name");
        auto pin = proto::body_string(r.body, "pin");
        if (!id) return id.error();
        if (!name) return name.error();
        if (!pin) return pin.error();
        auto added = add_officer(*id, *name, *pin);
        if (added) append_event("officer", json{{"officer", *added}}, events);
        return added;
    }
    case MessageType::officer_list: return officer_list();
    case MessageType::report_print: return report_print(r, events);
    case MessageType::audit_list: {
        auto query = audit_query_from(r.body);
        if (!query) return query.error();
        return list_audit(m_db, *query);
    }
    case MessageType::survey_lookup: return survey_lookup(m_db, r.body, today(), m_catalog);
    case MessageType::survey_submit: return survey_submit(m_db, r.body, today(), m_clock());
    }
    return fail(ErrorCode::unknown_type, "unhandled message type");
}

namespace {

// Finds a ticket by id (integer) or by today's number ("A-001"). Actions name only today's
// tickets; `any_day` lets an id name an older ticket (for ticket_info).
Result<std::int64_t> resolve_ticket(Database& db, const json& body, const std::string& today, bool any_day = false) {
    auto it = body.find("ticket");
    if (it == body.end()) return fail(ErrorCode::bad_request, "field 'ticket' is required");
    if (it->is_number_integer()) {
        Statement q(db, "SELECT id FROM tickets WHERE id = ?1 AND (?2 = 1 OR date = ?3)");
        q.bind(1, it->get<std::int64_t>()).bind(2, any_day ? 1 : 0).bind(3, today);
        if (q.step()) return q.column_int(0);
        return fail(ErrorCode::unknown_ticket, "no ticket with id " + it->dump() + (any_day ? "" : " today"));
    }
    if (it->is_string()) {
        std::string number = it->get<std::string>();
        Statement q(db, "SELECT id FROM tickets WHERE date = ?1 AND number = ?2");
        q.bind(1, today).bind(2, number);
        if (q.step()) return q.column_int(0);
        return fail(ErrorCode::unknown_ticket, "no ticket numbered " + number + " today");
    }
    return fail(ErrorCode::bad_request, "field 'ticket' must be an id or a number like A-001");
}

struct TicketRow {
    std::int64_t id = 0;
    TicketState state = TicketState::waiting;
    std::string service;
    std::string counter;
    std::string priority;
    std::string number;
};

std::optional<TicketRow> load_ticket(Database& db, std::int64_t id) {
    Statement q(db, "SELECT id, state, service, COALESCE(counter, ''), priority, number FROM tickets WHERE id = ?1");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    TicketRow t;
    t.id = q.column_int(0);
    t.state = proto::parse_ticket_state(q.column_text(1)).value_or(TicketState::waiting);
    t.service = q.column_text(2);
    t.counter = q.column_text(3);
    t.priority = q.column_text(4);
    t.number = q.column_text(5);
    return t;
}

std::string action_name(TicketAction a) {
    switch (a) {
    case TicketAction::call: return "call";
    case TicketAction::recall: return "recall";
    case TicketAction::start_serving: return "start_serving";
    case TicketAction::finish: return "finish";
    case TicketAction::no_show: return "no_show";
    case TicketAction::transfer: return "transfer";
    case TicketAction::hold: return "hold";
    case TicketAction::release: return "release";
    case TicketAction::cancel: return "cancel";
    }
    return "unknown";
}

Error illegal(const TicketRow& t, TicketAction a) {
    return fail(ErrorCode::illegal_transition, "ticket " + t.number + " is " +
                                                   std::string(proto::ticket_state_name(t.state)) + ": cannot " +
                                                   action_name(a));
}

}  // namespace

Result<json> HallEngine::issue_ticket(const proto::Request& r, const Caller& caller, std::vector<json>& events) {
    auto service_id = proto::body_string(r.body, "service");
    if (!service_id) return service_id.error();
    const OfferedService* offer = m_config.find_service(*service_id);
    if (!offer) return fail(ErrorCode::unknown_service, "service '" + *service_id + "' is not offered in this hall");
    Priority priority = Priority::regular;
    if (r.body.contains("priority") && !r.body["priority"].is_string())
        return fail(ErrorCode::bad_request, "field 'priority' must be a string");
    if (auto p = proto::body_optional_string(r.body, "priority")) {
        auto parsed = proto::parse_priority(*p);
        if (!parsed) return fail(ErrorCode::bad_request, "unknown priority '" + *p + "'");
        priority = *parsed;
    }
    LocalTime now = now_local();
    ScheduleStatus schedule = schedule_status(m_config, now);
    const std::string date = today();
    switch (schedule.status) {
    case HallStatus::holiday: return fail(ErrorCode::holiday, "closed for a holiday: " + schedule.detail);
    case HallStatus::closed:
        return fail(ErrorCode::hall_closed, "outside opening hours" +
                                                (schedule.detail.empty() ? std::string(" (closed today)")
                                                                         : " (" + schedule.detail + ")"));
    case HallStatus::on_break: return fail(ErrorCode::on_break, "on break: " + schedule.detail);
    case HallStatus::open: break;
    }
    if (offer->daily_quota > 0) {
        Statement q(m_db, "SELECT COUNT(*) FROM tickets WHERE date = ?1 AND original_service = ?2");
        q.bind(1, date).bind(2, *service_id);
        if (q.step() && q.column_int(0) >= offer->daily_quota)
            return fail(ErrorCode::quota_reached,
                        "today's quota of " + std::to_string(offer->daily_quota) + " tickets is reached");
    }
    std::int64_t seq = 0;
    {
        Statement q(m_db, "INSERT INTO number_seq (date, prefix, last) VALUES (?1, ?2, 1) "
                          "ON CONFLICT (date, prefix) DO UPDATE SET last = last + 1 RETURNING last");
        q.bind(1, date).bind(2, offer->prefix);
        if (!q.step()) return storage_fail(m_db);
        seq = q.column_int(0);
    }
    std::string number = format_number(offer->prefix, seq);
    std::int64_t at = m_clock();
    {
        Statement q(m_db, "INSERT INTO tickets (date, prefix, seq, number, service, original_service, priority, "
                          "state, token, issued_at, queued_at, issued_by) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, 'waiting', ?7, ?8, ?8, ?9)");
        q.bind(1, date).bind(2, offer->prefix).bind(3, seq).bind(4, number).bind(5, *service_id);
        q.bind(6, proto::priority_name(priority)).bind(7, random_hex(16)).bind(8, at).bind(9, caller.name);
        if (!q.run()) return storage_fail(m_db);
    }
    std::int64_t id = m_db.last_insert_rowid();
    json ticket = ticket_json(id);
    json service = service_json(*service_id);
    int ahead = std::max(0, service["waiting"].get<int>() - 1);
    int open = service["counters_open"].get<int>();
    int est = estimate_wait_minutes(ahead, service["avg_service_s"].get<double>(),
                                    open > 0 ? open : std::max(1, service["counters_total"].get<int>()));
    append_event("issue", json{{"ticket", ticket}, {"services", json::array({service})}}, events);
    return json{{"ticket", ticket}, {"ahead", ahead}, {"est_wait_min", est}, {"service", service}};
}

Status HallEngine::check_counter_owner(const std::string& counter_id, const Caller& caller) {
    if (caller.role == proto::Role::admin) return ok_status();
    Statement q(m_db, "SELECT client FROM counters WHERE id = ?1");
    q.bind(1, counter_id);
    if (q.step() && !q.column_is_null(0) && q.column_text(0) != caller.name)
        return fail(ErrorCode::forbidden, "counter '" + counter_id + "' is logged in from another device (" +
                                              q.column_text(0) + ")");
    return ok_status();
}

Result<json> HallEngine::call_next(const proto::Request& r, const Caller& caller, std::vector<json>& events) {
    auto counter_id = proto::body_string(r.body, "counter");
    if (!counter_id) return counter_id.error();
    const CounterConfig* counter = m_config.find_counter(*counter_id);
    if (!counter) return fail(ErrorCode::unknown_counter, "no counter '" + *counter_id + "'");
    if (auto owner = check_counter_owner(*counter_id, caller); !owner) return owner.error();
    std::string state;
    int streak = 0;
    std::optional<std::string> officer;
    {
        Statement q(m_db, "SELECT state, regular_streak, officer FROM counters WHERE id = ?1");
        q.bind(1, *counter_id);
        if (!q.step()) return fail(ErrorCode::counter_closed, "counter '" + *counter_id + "' is closed");
        state = q.column_text(0);
        streak = static_cast<int>(q.column_int(1));
        officer = q.column_optional_text(2);
    }
    if (state == "closed") return fail(ErrorCode::counter_closed, "no officer is logged in at " + counter->name);
    if (state == "paused") return fail(ErrorCode::counter_paused, counter->name + " is paused");
    if (auto cur = current_ticket_of(m_db, *counter_id))
        return fail(ErrorCode::counter_busy, counter->name + " still has a ticket: finish it first");

    // Candidates: today's queued tickets of the counter's services, first come first served.
    std::vector<Candidate> candidates;
    {
        std::string sql = "SELECT id, priority FROM tickets WHERE date = ?1 AND state IN ('waiting','transferred') "
                          "AND service IN (SELECT value FROM json_each(?2)) ORDER BY queued_at, id";
        Statement q(m_db, sql);
        q.bind(1, today()).bind(2, json(counter->services).dump());
        while (q.step()) candidates.push_back({q.column_int(0), q.column_text(1) != "regular"});
        if (!q.ok()) return storage_fail(m_db);
    }
    auto pick = pick_next(candidates, m_config.priority, streak);
    if (!pick) return fail(ErrorCode::queue_empty, "no one is waiting for " + counter->name);
    std::int64_t id = candidates[pick->index].id;
    {
        Statement q(m_db, "UPDATE tickets SET state = 'called', counter = ?2, officer = ?3, called_at = ?4 "
                          "WHERE id = ?1");
        q.bind(1, id).bind(2, *counter_id).bind(3, officer).bind(4, m_clock());
        if (!q.run()) return storage_fail(m_db);
    }
    {
        Statement q(m_db, "UPDATE counters SET regular_streak = ?2, updated_at = ?3 WHERE id = ?1");
        q.bind(1, *counter_id).bind(2, pick->regular_streak).bind(3, m_clock());
        if (!q.run()) return storage_fail(m_db);
    }
    json ticket = ticket_json(id);
    json payload{{"ticket", ticket},
                 {"counter", counter_json(*counter_id)},
                 {"services", json::array({service_json(ticket["service"].get<std::string>())})}};
    append_event("call", payload, events);
    return json{{"ticket", ticket}, {"counter", payload["counter"]}};
}

Result<json> HallEngine::call_ticket(const proto::Request& r, const Caller& caller, std::vector<json>& events) {
    auto counter_id = proto::body_string(r.body, "counter");
    if (!counter_id) return counter_id.error();
    const CounterConfig* counter = m_config.find_counter(*counter_id);
    if (!counter) return fail(ErrorCode::unknown_counter, "no counter '" + *counter_id + "'");
    if (auto owner = check_counter_owner(*counter_id, caller); !owner) return owner.error();
    auto id = resolve_ticket(m_db, r.body, today());
    if (!id) return id.error();
    auto t = load_ticket(m_db, *id);
    if (!t) return fail(ErrorCode::unknown_ticket, "ticket vanished");
    std::string state;
    int streak = 0;
    std::optional<std::string> officer;
    {
        Statement q(m_db, "SELECT state, regular_streak, officer FROM counters WHERE id = ?1");
        q.bind(1, *counter_id);
        if (q.step()) {
            state = q.column_text(0);
            streak = static_cast<int>(q.column_int(1));
            officer = q.column_optional_text(2);
        }
    }
    if (state.empty() || state == "closed")
        return fail(ErrorCode::counter_closed, "no officer is logged in at " + counter->name);
    if (state == "paused") return fail(ErrorCode::counter_paused, counter->name + " is paused");
    if (std::find(counter->services.begin(), counter->services.end(), t->service) == counter->services.end())
        return fail(ErrorCode::service_not_served, counter->name + " does not serve " + t->service);
    if (!next_state(t->state, TicketAction::call)) return illegal(*t, TicketAction::call);
    if (current_ticket_of(m_db, *counter_id))
        return fail(ErrorCode::counter_busy, counter->name + " still has a ticket: finish it first");
    {
        Statement q(m_db, "UPDATE tickets SET state = 'called', counter = ?2, officer = ?3, called_at = ?4 "
                          "WHERE id = ?1");
        q.bind(1, *id).bind(2, *counter_id).bind(3, officer).bind(4, m_clock());
        if (!q.run()) return storage_fail(m_db);
    }
    {
        Statement q(m_db, "UPDATE counters SET regular_streak = ?2 WHERE id = ?1");
        q.bind(1, *counter_id).bind(2, t->priority == "regular" ? streak + 1 : 0);
        if (!q.run()) return storage_fail(m_db);
    }
    json ticket = ticket_json(*id);
    json payload{{"ticket", ticket},
                 {"counter", counter_json(*counter_id)},
                 {"services", json::array({service_json(t->service)})}};
    append_event("call", payload, events);
    return json{{"ticket", ticket}, {"counter", payload["counter"]}};
}

// recall, start_serving, finish, no_show, transfer: act on the counter's current ticket.
Result<json> HallEngine::counter_action(const proto::Request& r, const Caller& caller, TicketAction action,
                                        std::vector<json>& events) {
    auto counter_id = proto::body_string(r.body, "counter");
    if (!counter_id) return counter_id.error();
    const CounterConfig* counter = m_config.find_counter(*counter_id);
    if (!counter) return fail(ErrorCode::unknown_counter, "no counter '" + *counter_id + "'");
    if (auto owner = check_counter_owner(*counter_id, caller); !owner) return owner.error();
    auto current = current_ticket_of(m_db, *counter_id);
    if (!current) return fail(ErrorCode::illegal_transition, counter->name + " has no called or serving ticket");
    if (r.body.contains("ticket")) {
        auto id = resolve_ticket(m_db, r.body, today());
        if (!id) return id.error();
        if (*id != *current) return fail(ErrorCode::not_your_ticket, "that ticket is not the current ticket of " + counter->name);
    }
    auto t = load_ticket(m_db, *current);
    if (!t) return fail(ErrorCode::unknown_ticket, "ticket vanished");
    auto to = next_state(t->state, action);
    if (!to) return illegal(*t, action);
    std::int64_t now = m_clock();
    json services = json::array();
    if (action == TicketAction::recall) {
        Statement q(m_db, "UPDATE tickets SET recalls = recalls + 1 WHERE id = ?1");
        q.bind(1, t->id);
        if (!q.run()) return storage_fail(m_db);
    } else if (action == TicketAction::start_serving) {
        Statement q(m_db, "UPDATE tickets SET state = 'serving', serving_at = ?2 WHERE id = ?1");
        q.bind(1, t->id).bind(2, now);
        if (!q.run()) return storage_fail(m_db);
    } else if (action == TicketAction::finish || action == TicketAction::no_show) {
        Statement q(m_db, "UPDATE tickets SET state = ?2, finished_at = ?3 WHERE id = ?1");
        q.bind(1, t->id).bind(2, proto::ticket_state_name(*to)).bind(3, now);
        if (!q.run()) return storage_fail(m_db);
    } else if (action == TicketAction::transfer) {
        auto target = proto::body_string(r.body, "service");
        if (!target) return target.error();
        if (!m_config.find_service(*target))
            return fail(ErrorCode::unknown_service, "service '" + *target + "' is not offered in this hall");
        if (*target == t->service) return fail(ErrorCode::bad_request, "the ticket is already in that service");
        std::optional<std::string> note = proto::body_optional_string(r.body, "note");
        // The ticket keeps its number and its place in time (queued_at) in the new queue.
        Statement q(m_db, "UPDATE tickets SET state = 'transferred', service = ?2, counter = NULL, officer = NULL, "
                          "called_at = NULL, serving_at = NULL, transfers = transfers + 1, note = COALESCE(?3, note) WHERE id = ?1");
        q.bind(1, t->id).bind(2, *target).bind(3, note);
        if (!q.run()) return storage_fail(m_db);
        services.push_back(service_json(*target));
    }
    services.push_back(service_json(t->service));
    json ticket = ticket_json(t->id);
    json payload{{"ticket", ticket}, {"counter", counter_json(*counter_id)}, {"services", services}};
    if (action == TicketAction::transfer) payload["from_service"] = t->service;
    append_event(action_name(action), payload, events);
    return json{{"ticket", ticket}, {"counter", payload["counter"]}};
}

// hold, release, cancel: act on any ticket by id or number.
Result<json> HallEngine::ticket_action(const proto::Request& r, const Caller& caller, TicketAction action,
                                       std::vector<json>& events) {
    auto id = resolve_ticket(m_db, r.body, today());
    if (!id) return id.error();
    auto t = load_ticket(m_db, *id);
    if (!t) return fail(ErrorCode::unknown_ticket, "ticket vanished");
    if (!t->counter.empty() && (t->state == TicketState::called || t->state == TicketState::serving))
        if (auto owner = check_counter_owner(t->counter, caller); !owner) return owner.error();
    auto to = next_state(t->state, action);
    if (!to) return illegal(*t, action);
    std::string counter = t->counter;
    if (action == TicketAction::cancel) {
        Statement q(m_db, "UPDATE tickets SET state = 'cancelled', finished_at = ?2, note = COALESCE(?3, note) "
                          "WHERE id = ?1");
        q.bind(1, t->id).bind(2, m_clock()).bind(3, proto::body_optional_string(r.body, "note"));
        if (!q.run()) return storage_fail(m_db);
    } else {
        // hold clears the counter; release puts the ticket back in its queue at its old place.
        Statement q(m_db, "UPDATE tickets SET state = ?2, counter = NULL, officer = NULL, called_at = NULL, "
                          "serving_at = NULL WHERE id = ?1");
        q.bind(1, t->id).bind(2, proto::ticket_state_name(*to));
        if (!q.run()) return storage_fail(m_db);
    }
    json ticket = ticket_json(t->id);
    json payload{{"ticket", ticket}, {"services", json::array({service_json(t->service)})}};
    if (!counter.empty() && (t->state == TicketState::called || t->state == TicketState::serving))
        payload["counter"] = counter_json(counter);
    append_event(action_name(action), payload, events);
    return json{{"ticket", ticket}};
}

Result<json> HallEngine::login(const proto::Request& r, const Caller& caller, std::vector<json>& events) {
    auto officer = proto::body_string(r.body, "officer");
    auto pin = proto::body_string(r.body, "pin");
    auto counter_id = proto::body_string(r.body, "counter");
    if (!officer) return officer.error();
    if (!pin) return pin.error();
    if (!counter_id) return counter_id.error();
    const CounterConfig* counter = m_config.find_counter(*counter_id);
    if (!counter) return fail(ErrorCode::unknown_counter, "no counter '" + *counter_id + "'");
    std::string hash;
    std::int64_t failed = 0;
    std::int64_t locked_until = 0;
    std::string name;
    {
        Statement q(m_db, "SELECT pin_hash, failed, locked_until, name FROM officers WHERE id = ?1");
        q.bind(1, *officer);
        if (!q.step()) return fail(ErrorCode::login_failed, "unknown officer or wrong PIN");
        hash = q.column_text(0);
        failed = q.column_int(1);
        locked_until = q.column_int(2);
        name = q.column_text(3);
    }
    std::int64_t now = m_clock();
    if (locked_until > now)
        return fail(ErrorCode::login_locked, "too many wrong PINs: try again in " +
                                                 std::to_string((locked_until - now + 59999) / 60000) + " minute(s)");
    if (crypto_pwhash_str_verify(hash.c_str(), pin->c_str(), pin->size()) != 0) {
        // The failure count must be kept: this path returns a value (not an Error) so the
        // server keeps the request's savepoint, and turns the value into an error reply.
        ++failed;
        Statement q(m_db, "UPDATE officers SET failed = ?2, locked_until = ?3 WHERE id = ?1");
        q.bind(1, *officer).bind(2, failed >= kMaxPinFailures ? 0 : failed)
            .bind(3, failed >= kMaxPinFailures ? now + kLockMs : 0);
        q.run();
        return json{{"login_failed", true},
                    {"locked", failed >= kMaxPinFailures},
                    {"attempts_left", std::max<std::int64_t>(0, kMaxPinFailures - failed)}};
    }
    {
        Statement q(m_db, "UPDATE officers SET failed = 0, locked_until = 0 WHERE id = ?1");
        q.bind(1, *officer);
        if (!q.run()) return storage_fail(m_db);
    }
    // An officer works at one counter: leaving another counter closes it (if it is idle).
    std::vector<std::string> touched{*counter_id};
    {
        Statement q(m_db, "SELECT id FROM counters WHERE officer = ?1 AND id <> ?2");
        q.bind(1, *officer).bind(2, *counter_id);
        std::vector<std::string> others;
        while (q.step()) others.push_back(q.column_text(0));
        for (const auto& other : others) {
            if (current_ticket_of(m_db, other))
                return fail(ErrorCode::counter_busy, "officer " + *officer + " still has a ticket at " + other);
            Statement u(m_db, "UPDATE counters SET state = 'closed', officer = NULL, client = NULL, pause_reason = NULL "
                              "WHERE id = ?1");
            u.bind(1, other);
            if (!u.run()) return storage_fail(m_db);
            touched.push_back(other);
        }
    }
    {
        // Taking over a counter another officer left without logging out is allowed, but not
        // while that officer still has a visitor at it.
        Statement q(m_db, "SELECT officer FROM counters WHERE id = ?1");
        q.bind(1, *counter_id);
        if (q.step() && !q.column_is_null(0) && q.column_text(0) != *officer && current_ticket_of(m_db, *counter_id))
            return fail(ErrorCode::counter_busy, counter->name + " is in use by officer " + q.column_text(0) +
                                                     " with a visitor at the counter");
    }
    {
        Statement q(m_db, "UPDATE counters SET state = 'open', officer = ?2, client = ?4, pause_reason = NULL, "
                          "updated_at = ?3 WHERE id = ?1");
        q.bind(1, *counter_id).bind(2, *officer).bind(3, now).bind(4, caller.name);
        if (!q.run()) return storage_fail(m_db);
    }
    for (const auto& c : touched) {
        json services = json::array();
        for (const auto& s : m_config.find_counter(c)->services) services.push_back(service_json(s));
        append_event("login", json{{"counter", counter_json(c)}, {"services", services}}, events);
    }
    return json{{"officer", {{"id", *officer}, {"name", name}}}, {"counter", counter_json(*counter_id)}};
}

Result<json> HallEngine::logout(const proto::Request& r, const Caller& caller, std::vector<json>& events) {
    auto counter_id = proto::body_string(r.body, "counter");
    if (!counter_id) return counter_id.error();
    const CounterConfig* counter = m_config.find_counter(*counter_id);
    if (!counter) return fail(ErrorCode::unknown_counter, "no counter '" + *counter_id + "'");
    if (auto owner = check_counter_owner(*counter_id, caller); !owner) return owner.error();
    if (current_ticket_of(m_db, *counter_id))
        return fail(ErrorCode::counter_busy, counter->name + " still has a ticket: finish it first");
    Statement q(m_db, "UPDATE counters SET state = 'closed', officer = NULL, client = NULL, pause_reason = NULL, "
                      "updated_at = ?2 WHERE id = ?1");
    q.bind(1, *counter_id).bind(2, m_clock());
    if (!q.run()) return storage_fail(m_db);
    json c = counter_json(*counter_id);
    json services = json::array();
    for (const auto& s : counter->services) services.push_back(service_json(s));
    append_event("logout", json{{"counter", c}, {"services", services}}, events);
    return json{{"counter", c}};
}

Result<json> HallEngine::pause_resume(const proto::Request& r, const Caller& caller, bool pause,
                                      std::vector<json>& events) {
    auto counter_id = proto::body_string(r.body, "counter");
    if (!counter_id) return counter_id.error();
    const CounterConfig* counter = m_config.find_counter(*counter_id);
    if (!counter) return fail(ErrorCode::unknown_counter, "no counter '" + *counter_id + "'");
    if (auto owner = check_counter_owner(*counter_id, caller); !owner) return owner.error();
    std::string state;
    {
        Statement q(m_db, "SELECT state FROM counters WHERE id = ?1");
        q.bind(1, *counter_id);
        if (q.step()) state = q.column_text(0);
    }
    if (state.empty() || state == "closed")
        return fail(ErrorCode::counter_closed, "no officer is logged in at " + counter->name);
    if (pause) {
        if (state == "paused") return fail(ErrorCode::counter_paused, counter->name + " is already paused");
        if (current_ticket_of(m_db, *counter_id))
            return fail(ErrorCode::counter_busy, counter->name + " still has a ticket: finish it first");
        std::optional<std::string> reason = proto::body_optional_string(r.body, "reason");
        if (reason && reason->empty()) reason.reset();
        Statement q(m_db, "UPDATE counters SET state = 'paused', pause_reason = ?2, updated_at = ?3 WHERE id = ?1");
        q.bind(1, *counter_id).bind(2, reason).bind(3, m_clock());
        if (!q.run()) return storage_fail(m_db);
    } else {
        if (state != "paused") return fail(ErrorCode::bad_request, counter->name + " is not paused");
        Statement q(m_db, "UPDATE counters SET state = 'open', pause_reason = NULL, updated_at = ?2 WHERE id = ?1");
        q.bind(1, *counter_id).bind(2, m_clock());
        if (!q.run()) return storage_fail(m_db);
    }
    json c = counter_json(*counter_id);
    json services = json::array();
    for (const auto& s : counter->services) services.push_back(service_json(s));
    append_event(pause ? "pause" : "resume", json{{"counter", c}, {"services", services}}, events);
    return json{{"counter", c}};
}

Result<json> HallEngine::ticket_info(const proto::Request& r) {
    std::int64_t id = 0;
    if (auto token = proto::body_optional_string(r.body, "token")) {
        Statement q(m_db, "SELECT id FROM tickets WHERE token = ?1");
        q.bind(1, *token);
        if (!q.step()) return fail(ErrorCode::unknown_ticket, "no ticket with that token");
        id = q.column_int(0);
    } else {
        auto resolved = resolve_ticket(m_db, r.body, today(), /*any_day=*/true);
        if (!resolved) return resolved.error();
        id = *resolved;
    }
    json ticket = ticket_json(id);
    json service = service_json(ticket["service"].get<std::string>());
    int ahead = 0;
    if (proto::is_queued(*proto::parse_ticket_state(ticket["state"].get<std::string>()))) {
        Statement q(m_db, "SELECT COUNT(*) FROM tickets WHERE date = ?1 AND service = ?2 AND "
                          "state IN ('waiting','transferred') AND (queued_at < ?3 OR (queued_at = ?3 AND id < ?4))");
        q.bind(1, ticket["date"].get<std::string>()).bind(2, ticket["service"].get<std::string>());
        q.bind(3, ticket["queued_at"].get<std::int64_t>()).bind(4, id);
        if (q.step()) ahead = static_cast<int>(q.column_int(0));
    }
    int est = 0;
    if (!service.is_null()) {
        int open = service["counters_open"].get<int>();
        est = estimate_wait_minutes(ahead, service["avg_service_s"].get<double>(),
                                    open > 0 ? open : std::max(1, service["counters_total"].get<int>()));
    }
    json out{{"ticket", ticket}, {"ahead", ahead}, {"est_wait_min", est}, {"service", service}};
    if (ticket["counter"].is_string()) out["counter"] = counter_json(ticket["counter"].get<std::string>());
    return out;
}

Result<json> HallEngine::add_officer(const std::string& id, const std::string& name, const std::string& pin) {
    if (id.empty() || id.size() > 64) return fail(ErrorCode::bad_request, "officer id must be 1 to 64 characters");
    if (pin.size() < 4 || pin.size() > 12 || !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return fail(ErrorCode::bad_request, "PIN must be 4 to 12 digits");
    {
        Statement q(m_db, "SELECT 1 FROM officers WHERE id = ?1");
        q.bind(1, id);
        if (q.step()) return fail(ErrorCode::officer_exists, "officer '" + id + "' already exists");
    }
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin.c_str(), pin.size(), kPwhashOps, kPwhashMem) != 0)
        return fail(ErrorCode::internal_error, "out of memory while hashing the PIN");
    Statement q(m_db, "INSERT INTO officers (id, name, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4)");
    q.bind(1, id).bind(2, name).bind(3, std::string(hash)).bind(4, m_clock());
    if (!q.run()) return storage_fail(m_db);
    return json{{"id", id}, {"name", name}};
}

// The kiosk reports whether the ticket's paper came out; a ticket that was not printed is shown
// on the kiosk's screen instead, and the record lets the supervisor see printer trouble.
Result<json> HallEngine::report_print(const proto::Request& r, std::vector<json>& events) {
    auto id = resolve_ticket(m_db, r.body, today());
    if (!id) return id.error();
    auto printed = r.body.find("printed");
    if (printed == r.body.end() || !printed->is_boolean())
        return fail(ErrorCode::bad_request, "field 'printed' must be true or false");
    Statement q(m_db, "UPDATE tickets SET printed = ?2 WHERE id = ?1");
    q.bind(1, *id).bind(2, printed->get<bool>() ? 1 : 0);
    if (!q.run()) return storage_fail(m_db);
    json ticket = ticket_json(*id);
    append_event("print", json{{"ticket", ticket}}, events);
    return json{{"ticket", ticket}};
}

Result<json> HallEngine::officer_list() {
    json list = json::array();
    Statement q(m_db, "SELECT o.id, o.name, c.id FROM officers o LEFT JOIN counters c ON c.officer = o.id ORDER BY o.id");
    while (q.step())
        list.push_back({{"id", q.column_text(0)}, {"name", q.column_text(1)}, {"counter", optional_text(q.column_optional_text(2))}});
    return json{{"officers", list}};
}

}  // namespace hall::server
