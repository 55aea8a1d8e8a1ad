// The desk's rules live here; the view only draws what these functions say. Field reads from
// the server's JSON go through small helpers that never throw: a TICKET has several keys that
// are null half of its life, and nlohmann's value() throws on a null where a string is expected.
#include "counter_client/counter_model.hpp"

#include <algorithm>
#include <cctype>

#include "common/log.hpp"
#include "counter_client/scan_code.hpp"

namespace hall::counter {

namespace {

constexpr std::int64_t kOverlayMs = 5000;  // longest a reply is shown ahead of the replica
constexpr std::int64_t kNoticeMs = 8000;   // a success or info message goes after this; errors stay

std::string str_of(const json& object, const char* name) {
    if (!object.is_object()) return {};
    auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> int_of(const json& object, const char* name) {
    if (!object.is_object()) return std::nullopt;
    auto it = object.find(name);
    if (it == object.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_callable_state(const std::string& state) {
    return state == "waiting" || state == "transferred" || state == "on_hold";
}

// The fields whose change matters on the desk; a replica copy that agrees on them has caught up.
json ticket_signature(const json& t) {
    json s = json::object();
    for (const char* k : {"state", "counter", "service", "recalls", "transfers", "called_at", "serving_at",
                          "finished_at"})
        s[k] = t.is_object() && t.contains(k) ? t[k] : json();
    return s;
}

json counter_signature(const json& c) {
    json s = json::object();
    for (const char* k : {"state", "officer", "ticket", "pause_reason"})
        s[k] = c.is_object() && c.contains(k) ? c[k] : json();
    return s;
}

Availability yes() { return Availability{true, {}}; }
Availability no(std::string reason, std::vector<TextArg> args = {}) {
    return Availability{false, Text{std::move(reason), std::move(args)}};
}

// The number in the server's English message after `marker` ("... (3 attempt(s) left" and
// "try again in 4 minute(s)"). The codes say what happened; this only adds the count.
std::optional<int> number_in(const std::string& message, std::string_view before, std::string_view after) {
    std::size_t at = message.find(after);
    if (at == std::string::npos) return std::nullopt;
    std::size_t start = at;
    while (start > 0 && std::isdigit(static_cast<unsigned char>(message[start - 1]))) --start;
    if (start == at || start < before.size() || message.compare(start - before.size(), before.size(), before) != 0)
        return std::nullopt;
    return std::stoi(message.substr(start, at - start));
}

}  // namespace

// --- Actions and their keys ---------------------------------------------------------------

int function_key_of(Action action) { return static_cast<int>(action) + 1; }

std::optional<Action> action_of_function_key(int n) {
    if (n < 1 || n > kActionCount) return std::nullopt;
    return kActions[static_cast<std::size_t>(n - 1)];
}

std::string action_label_key(Action action) {
    switch (action) {
        case Action::call_next: return "desk.action.call_next";
        case Action::recall: return "desk.action.recall";
        case Action::start_serving: return "desk.action.start_serving";
        case Action::finish: return "desk.action.finish";
        case Action::no_show: return "desk.action.no_show";
        case Action::transfer: return "desk.action.transfer";
        case Action::hold: return "desk.action.hold";
    }
    return "desk.action.call_next";  // defensive: every enumerator is handled above
}

proto::MessageType message_of(Action action) {
    switch (action) {
        case Action::call_next: return proto::MessageType::call_next;
        case Action::recall: return proto::MessageType::recall;
        case Action::start_serving: return proto::MessageType::start_serving;
        case Action::finish: return proto::MessageType::finish;
        case Action::no_show: return proto::MessageType::no_show;
        case Action::transfer: return proto::MessageType::transfer;
        case Action::hold: return proto::MessageType::hold;
    }
    return proto::MessageType::call_next;  // defensive
}

std::optional<TicketInfo> TicketInfo::from_json(const json& t) {
    auto id = int_of(t, "id");
    TicketInfo info;
    info.number = str_of(t, "number");
    info.state = str_of(t, "state");
    if (!id || info.number.empty() || info.state.empty()) return std::nullopt;
    info.id = *id;
    info.service = str_of(t, "service");
    info.service_name = str_of(t, "service_name");
    info.original_service = str_of(t, "original_service");
    info.priority = str_of(t, "priority");
    if (info.priority.empty()) info.priority = "regular";
    info.token = str_of(t, "token");
    info.counter = str_of(t, "counter");
    info.officer = str_of(t, "officer");
    info.note = str_of(t, "note");
    info.issued_at = int_of(t, "issued_at").value_or(0);
    info.queued_at = int_of(t, "queued_at").value_or(info.issued_at);
    info.called_at = int_of(t, "called_at");
    info.serving_at = int_of(t, "serving_at");
    info.finished_at = int_of(t, "finished_at");
    info.recalls = static_cast<int>(int_of(t, "recalls").value_or(0));
    info.transfers = static_cast<int>(int_of(t, "transfers").value_or(0));
    return info;
}

Intent Intent::of(IntentKind kind) {
    Intent i;
    i.kind = kind;
    return i;
}

Intent Intent::of_action(Action action) {
    Intent i = of(IntentKind::action);
    i.action = action;
    return i;
}

Intent Intent::of_ticket(IntentKind kind, std::int64_t ticket) {
    Intent i = of(kind);
    i.ticket = ticket;
    return i;
}

Intent Intent::of_number(IntentKind kind, int number) {
    Intent i = of(kind);
    i.number = number;
    return i;
}

Intent Intent::of_text(IntentKind kind, std::string text, std::string text2, std::string text3) {
    Intent i = of(kind);
    i.text = std::move(text);
    i.text2 = std::move(text2);
    i.text3 = std::move(text3);
    return i;
}

std::string clock_text(long long seconds) {
    if (seconds < 0) seconds = 0;
    const long long h = seconds / 3600;
    const long long m = (seconds / 60) % 60;
    const long long s = seconds % 60;
    auto two = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    if (h > 0) return std::to_string(h) + ":" + two(m) + ":" + two(s);
    return std::to_string(m) + ":" + two(s);
}

// --- Construction and feeding -------------------------------------------------------------

CounterModel::CounterModel(HallConfig config, const Catalog* catalog, Transport& transport, Options options)
    : m_config(std::move(config)),
      m_catalog(catalog),
      m_transport(transport),
      m_options(std::move(options)),
      m_lang(m_options.lang) {}

void CounterModel::update(const HallState& state, bool connected) {
    const bool was_connected = m_connected;
    m_state = state;
    m_connected = connected && state.loaded();
    if (was_connected && !m_connected) m_lost_connection = true;
    if (!was_connected && m_connected) {
        // A fresh snapshot: read everything from it, nothing from replies shown ahead.
        m_overlay_tickets.clear();
        m_overlay_counters.clear();
        if (m_lost_connection) {
            if (m_unconfirmed)
                show(NoticeKind::info, Text{"desk.notice.reconnected_unconfirmed", {key(unconfirmed_label_key())}});
            else
                show(NoticeKind::success, Text{"desk.notice.reconnected", {}});
        }
    }
    prune_overlay();
    check_session();
    reset_checklist_if_needed();
}

void CounterModel::set_connected(bool connected) {
    const HallState state = m_state;
    update(state, connected);
}

void CounterModel::set_clock(std::int64_t local_now_ms) {
    m_local_now = local_now_ms;
    if (m_notice && m_notice->kind != NoticeKind::error && m_local_now - m_notice_at > kNoticeMs) m_notice.reset();
    prune_overlay();
    reset_checklist_if_needed();
}

void CounterModel::observe_server_time(std::int64_t server_ms, std::int64_t local_ms) {
    m_clock_offset = server_ms - local_ms;
}

void CounterModel::prune_overlay() {
    if (m_overlay_tickets.empty() && m_overlay_counters.empty()) return;
    if (m_local_now - m_overlay_since > kOverlayMs) {
        m_overlay_tickets.clear();
        m_overlay_counters.clear();
        return;
    }
    for (auto it = m_overlay_tickets.begin(); it != m_overlay_tickets.end();) {
        const json* replica = m_state.ticket(it->first);
        if (replica && ticket_signature(*replica) == ticket_signature(it->second)) it = m_overlay_tickets.erase(it);
        else ++it;
    }
    for (auto it = m_overlay_counters.begin(); it != m_overlay_counters.end();) {
        const json* replica = m_state.counter(it->first);
        if (replica && counter_signature(*replica) == counter_signature(it->second)) it = m_overlay_counters.erase(it);
        else ++it;
    }
}

void CounterModel::check_session() {
    if (!m_session || !m_connected || !m_state.loaded()) return;
    const json* c = m_state.counter(m_session->counter);
    const bool ours = c && str_of(*c, "officer") == m_session->officer && str_of(*c, "state") != "closed" &&
                      !str_of(*c, "state").empty();
    if (ours) {
        m_session_seen = true;
        if (str_of(*c, "state") == "paused" && !m_paused_since) m_paused_since = server_now();
        if (str_of(*c, "state") != "paused") m_paused_since.reset();
        return;
    }
    // Closed or taken over since we saw it ours: elsewhere, someone ended this desk's session.
    if (m_session_seen && !m_in_flight && m_overlay_counters.empty()) end_session(Text{"desk.notice.session_ended", {}});
}

void CounterModel::reset_checklist_if_needed() {
    auto current = current_ticket();
    const std::int64_t id = current ? current->id : 0;
    if (id == m_checklist_ticket) return;
    m_checklist_ticket = id;
    std::size_t items = 0;
    if (current && m_catalog)
        if (const Service* s = m_catalog->find_service(current->service))
            items = s->component(Component::persyaratan).size();
    m_checked.assign(items, false);
}

void CounterModel::show(NoticeKind kind, Text text, Text detail) {
    m_notice = Notice{kind, std::move(text), std::move(detail)};
    m_notice_at = m_local_now;
}

void CounterModel::end_session(Text why) {
    m_session.reset();
    m_session_seen = false;
    m_paused_since.reset();
    m_dialog = Dialog::none;
    m_selected.reset();
    m_unconfirmed.reset();
    show(NoticeKind::error, std::move(why));
}

void CounterModel::preview_session(Session session, std::optional<std::int64_t> paused_since) {
    m_session = std::move(session);
    m_session_seen = true;
    if (paused_since) m_paused_since = paused_since;
    reset_checklist_if_needed();
}

// --- Sending and answers ------------------------------------------------------------------

void CounterModel::send(Operation operation, Action action, proto::MessageType type, json body,
                        std::string subject) {
    if (!m_connected) {
        show(NoticeKind::error, Text{"desk.refused.disconnected", {}});
        return;
    }
    if (m_in_flight) {
        show(NoticeKind::error, Text{"desk.refused.busy", {}});
        return;
    }
    // The same action again after no answer is a retry: same request number, applied once.
    std::int64_t req = 0;
    if (m_unconfirmed && m_unconfirmed->type == type && m_unconfirmed->body == body) req = m_unconfirmed->req;
    else req = m_transport.reserve_request_number();
    m_unconfirmed.reset();
    m_in_flight = Pending{operation, action, type, std::move(body), req, std::move(subject)};
    m_notice.reset();
    m_transport.send(req, type, m_in_flight->body);
}

void CounterModel::retry() {
    if (!m_unconfirmed) return;
    Pending p = *m_unconfirmed;
    send(p.operation, p.action, p.type, p.body, p.subject);
}

std::string CounterModel::unconfirmed_label_key() const {
    if (!m_unconfirmed) return {};
    switch (m_unconfirmed->operation) {
        case Operation::login: return "desk.login.button";
        case Operation::logout: return "desk.logout";
        case Operation::pause: return "desk.pause";
        case Operation::resume: return "desk.resume";
        case Operation::call_ticket: return "desk.queue.call";
        case Operation::action: return action_label_key(m_unconfirmed->action);
    }
    return {};
}

void CounterModel::on_reply(std::int64_t req, const Result<proto::Reply>& reply) {
    if (!m_in_flight || m_in_flight->req != req) {
        log::warn("counter", "dropped an answer to request " + std::to_string(req) + " that is not in flight");
        return;
    }
    Pending pending = std::move(*m_in_flight);
    m_in_flight.reset();
    if (!reply) {
        // No answer after every retry: the server may or may not have applied it.
        log::warn("counter", "no answer to " + std::string(proto::message_info(pending.type).name) + " (req " +
                                 std::to_string(req) + "): " + reply.error().message);
        m_unconfirmed = pending;
        show(NoticeKind::error, Text{"desk.notice.unconfirmed", {key(unconfirmed_label_key())}});
        return;
    }
    if (!reply->ok) {
        log::info("counter", std::string(proto::message_info(pending.type).name) + " refused: " + reply->error_code +
                                 ": " + reply->error_message);
        handle_error(pending, *reply);
        return;
    }
    handle_ok(pending, *reply);
}

void CounterModel::handle_error(const Pending& pending, const proto::Reply& reply) {
    const std::string& code = reply.error_code;
    if (pending.operation == Operation::login) {
        if (code == "login_failed") {
            if (auto left = number_in(reply.error_message, "(", " attempt"))
                show(NoticeKind::error, Text{"desk.login.failed_left", {lit(std::to_string(*left))}});
            else
                show(NoticeKind::error, Text{"error.login_failed", {}});
            return;
        }
        if (code == "login_locked") {
            if (auto minutes = number_in(reply.error_message, "again in ", " minute"))
                show(NoticeKind::error, Text{"desk.login.locked_minutes", {lit(std::to_string(*minutes))}});
            else
                show(NoticeKind::error, Text{"desk.login.locked", {}});
            return;
        }
        if (code == "forbidden") {
            show(NoticeKind::error, Text{"desk.error.forbidden_login", {}});
            return;
        }
        if (code == "counter_busy") {
            show(NoticeKind::error, Text{"desk.login.counter_busy", {}});
            return;
        }
    }
    if (code == "forbidden") {
        end_session(Text{"desk.error.forbidden_device", {}});
        return;
    }
    if (code == "counter_closed" && pending.operation != Operation::login) {
        end_session(Text{"desk.notice.session_ended", {}});
        return;
    }
    show(NoticeKind::error, Text{"error." + code, {}});
}

void CounterModel::handle_ok(const Pending& pending, const proto::Reply& reply) {
    const json& body = reply.body;
    std::optional<TicketInfo> ticket;
    if (body.contains("ticket") && body["ticket"].is_object()) {
        ticket = TicketInfo::from_json(body["ticket"]);
        if (ticket) m_overlay_tickets[ticket->id] = body["ticket"];
    }
    if (body.contains("counter") && body["counter"].is_object()) {
        const std::string id = str_of(body["counter"], "id");
        if (!id.empty()) m_overlay_counters[id] = body["counter"];
    }
    m_overlay_since = m_local_now;
    const std::string number = ticket ? ticket->number : pending.subject;

    switch (pending.operation) {
        case Operation::login: {
            const json& officer = body.contains("officer") ? body["officer"] : json::object();
            Session s;
            s.officer = str_of(officer, "id");
            s.officer_name = str_of(officer, "name");
            s.counter = pending.body.value("counter", std::string());
            if (s.officer.empty()) s.officer = pending.body.value("officer", std::string());
            m_session = s;
            m_session_seen = false;
            m_paused_since.reset();
            m_selected.reset();
            show(NoticeKind::success, Text{"desk.notice.welcome", {lit(s.officer_name.empty() ? s.officer : s.officer_name),
                                                                    lit(counter_name())}});
            break;
        }
        case Operation::logout:
            m_session.reset();
            m_session_seen = false;
            m_paused_since.reset();
            m_selected.reset();
            show(NoticeKind::success, Text{"desk.notice.logged_out", {}});
            break;
        case Operation::pause:
            m_dialog = Dialog::none;
            m_paused_since = server_now();
            show(NoticeKind::info, Text{"desk.notice.paused", {}});
            break;
        case Operation::resume:
            m_paused_since.reset();
            show(NoticeKind::success, Text{"desk.notice.resumed", {}});
            break;
        case Operation::call_ticket:
        case Operation::action: {
            if (ticket) {
                // The reply's times are the server's "now": they set the desk's clock too.
                std::optional<std::int64_t> at;
                if (pending.operation == Operation::call_ticket || pending.action == Action::call_next ||
                    pending.action == Action::recall)
                    at = ticket->called_at;
                else if (pending.action == Action::start_serving)
                    at = ticket->serving_at;
                else if (pending.action == Action::finish || pending.action == Action::no_show)
                    at = ticket->finished_at;
                if (at) observe_server_time(*at, m_local_now);
            }
            if (pending.operation == Operation::call_ticket || pending.action == Action::call_next) {
                m_selected.reset();
                show(NoticeKind::success, Text{"desk.done.call", {lit(number), lit(counter_name())}});
                break;
            }
            switch (pending.action) {
                case Action::recall:
                    show(NoticeKind::success,
                         Text{"desk.done.recall", {lit(number), lit(std::to_string(ticket ? ticket->recalls : 0))}});
                    break;
                case Action::start_serving: show(NoticeKind::success, Text{"desk.done.start", {lit(number)}}); break;
                case Action::finish: show(NoticeKind::success, Text{"desk.done.finish", {lit(number)}}); break;
                case Action::no_show: show(NoticeKind::info, Text{"desk.done.no_show", {lit(number)}}); break;
                case Action::transfer:
                    m_dialog = Dialog::none;
                    show(NoticeKind::success,
                         Text{"desk.done.transfer", {lit(number), lit(service_name(ticket ? ticket->service : ""))}});
                    break;
                case Action::hold: show(NoticeKind::info, Text{"desk.done.hold", {lit(number)}}); break;
                case Action::call_next: break;  // handled above
            }
            break;
        }
    }
    reset_checklist_if_needed();
}

// --- What the officer does ----------------------------------------------------------------

void CounterModel::apply(const Intent& intent) {
    switch (intent.kind) {
        case IntentKind::login: login(intent.text, intent.text2, intent.text3); break;
        case IntentKind::logout: logout(); break;
        case IntentKind::open_pause: open_pause(); break;
        case IntentKind::pause: pause(intent.text); break;
        case IntentKind::resume: resume(); break;
        case IntentKind::action: act(intent.action); break;
        case IntentKind::function_key: press_function_key(intent.number); break;
        case IntentKind::transfer: transfer(intent.text, intent.text2); break;
        case IntentKind::call_ticket: call_ticket(intent.ticket); break;
        case IntentKind::select_ticket: select_ticket(intent.ticket); break;
        case IntentKind::scan: scan(intent.text); break;
        case IntentKind::close_dialog: close_dialog(); break;
        case IntentKind::toggle_requirement: toggle_requirement(intent.number); break;
        case IntentKind::set_language: set_language(intent.number == 1 ? i18n::Lang::en : i18n::Lang::id); break;
        case IntentKind::retry: retry(); break;
        case IntentKind::dismiss_notice: dismiss_notice(); break;
    }
}

void CounterModel::login(const std::string& officer, const std::string& pin, const std::string& counter) {
    const std::string chosen = m_options.preset_counter.value_or(counter);
    if (Availability a = can_login(); !a.allowed) return show(NoticeKind::error, a.reason);
    if (officer.empty()) return show(NoticeKind::error, Text{"desk.login.need_officer", {}});
    const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (pin.size() < 4 || pin.size() > 12 || !digits) return show(NoticeKind::error, Text{"desk.login.pin_format", {}});
    if (chosen.empty() || !m_config.find_counter(chosen))
        return show(NoticeKind::error, Text{"desk.login.need_counter", {}});
    send(Operation::login, Action::call_next, proto::MessageType::login,
         json{{"officer", officer}, {"pin", pin}, {"counter", chosen}}, chosen);
}

void CounterModel::logout() {
    if (Availability a = can_logout(); !a.allowed) return show(NoticeKind::error, a.reason);
    send(Operation::logout, Action::call_next, proto::MessageType::logout, json{{"counter", m_session->counter}}, "");
}

void CounterModel::open_pause() {
    if (Availability a = can_pause(); !a.allowed) return show(NoticeKind::error, a.reason);
    m_dialog = Dialog::pause;
}

void CounterModel::pause(const std::string& reason) {
    if (Availability a = can_pause(); !a.allowed) return show(NoticeKind::error, a.reason);
    json body{{"counter", m_session->counter}};
    if (!reason.empty()) body["reason"] = reason;
    send(Operation::pause, Action::call_next, proto::MessageType::pause, std::move(body), reason);
}

void CounterModel::resume() {
    if (Availability a = can_resume(); !a.allowed) return show(NoticeKind::error, a.reason);
    send(Operation::resume, Action::call_next, proto::MessageType::resume, json{{"counter", m_session->counter}}, "");
}

void CounterModel::act(Action action) {
    Availability a = availability(action);
    if (!a.allowed) return show(NoticeKind::error, a.reason);
    if (action == Action::transfer) {
        m_dialog = Dialog::transfer;
        return;
    }
    auto current = current_ticket();
    json body{{"counter", m_session->counter}};
    std::string subject;
    if (action == Action::hold) {
        body = json{{"ticket", current->id}};
    } else if (current) {
        body["ticket"] = current->id;  // guards against acting on another ticket than the one shown
    }
    if (current) subject = current->number;
    send(Operation::action, action, message_of(action), std::move(body), subject);
}

bool CounterModel::press_function_key(int n) {
    if (!m_session || m_dialog != Dialog::none) return false;
    auto action = action_of_function_key(n);
    if (!action) return false;
    act(*action);
    return true;
}

void CounterModel::transfer(const std::string& service, const std::string& note) {
    Availability a = availability(Action::transfer);
    if (!a.allowed) return show(NoticeKind::error, a.reason);
    auto current = current_ticket();
    if (service.empty() || service == current->service)
        return show(NoticeKind::error, Text{"desk.transfer.pick_service", {}});
    if (!m_config.find_service(service)) return show(NoticeKind::error, Text{"error.unknown_service", {}});
    json body{{"counter", m_session->counter}, {"ticket", current->id}, {"service", service}};
    if (!note.empty()) body["note"] = note;
    send(Operation::action, Action::transfer, proto::MessageType::transfer, std::move(body), current->number);
}

void CounterModel::call_ticket(std::int64_t ticket_id) {
    Availability a = can_call_ticket(ticket_id);
    if (!a.allowed) return show(NoticeKind::error, a.reason);
    auto t = ticket(ticket_id);
    send(Operation::call_ticket, Action::call_next, proto::MessageType::call_ticket,
         json{{"counter", m_session->counter}, {"ticket", ticket_id}}, t ? t->number : "");
}

void CounterModel::select_ticket(std::int64_t ticket_id) {
    if (ticket_id == 0) m_selected.reset();
    else m_selected = ticket_id;
}

void CounterModel::scan(std::string_view text) {
    auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    if (std::all_of(text.begin(), text.end(), is_blank)) {
        if (m_selected) call_ticket(*m_selected);
        return;
    }
    std::optional<ScanCode> code = parse_scan(text);
    if (!code) {
        std::string shown(text.substr(0, 40));
        shown.erase(std::remove_if(shown.begin(), shown.end(), [](char c) { return c == '\r' || c == '\n'; }),
                    shown.end());
        return show(NoticeKind::error, Text{"desk.scan.unrecognized", {lit(shown)}});
    }
    std::optional<std::int64_t> found;
    if (code->kind == ScanCode::Kind::token) {
        for (const auto& [id, t] : m_state.tickets())
            if (str_of(t, "token") == code->value) found = id;
    } else if (const json* t = m_state.ticket_by_number(code->value)) {
        found = int_of(*t, "id");
    }
    if (!found) {
        if (code->kind == ScanCode::Kind::token) return show(NoticeKind::error, Text{"desk.scan.token_not_found", {}});
        return show(NoticeKind::error, Text{"desk.scan.number_not_found", {lit(code->value)}});
    }
    m_selected = *found;
    auto t = ticket(*found);
    if (!t) return;  // defensive: found in the replica a moment ago
    auto current = current_ticket();
    if (current && current->id == t->id)
        return show(NoticeKind::info, Text{"desk.scan.is_current", {lit(t->number)}});
    Availability call = can_call_ticket(t->id);
    if (call.allowed)
        return show(NoticeKind::success, Text{"desk.scan.selected_callable", {lit(t->number), lit(service_name(t->service))}});
    show(NoticeKind::info, Text{"desk.scan.selected", {lit(t->number), key("state." + t->state)}}, call.reason);
}

void CounterModel::close_dialog() { m_dialog = Dialog::none; }

void CounterModel::toggle_requirement(int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= m_checked.size()) return;
    m_checked[static_cast<std::size_t>(index)] = !m_checked[static_cast<std::size_t>(index)];
}

// --- Reading ------------------------------------------------------------------------------

const json* CounterModel::counter_json(const std::string& id) const {
    if (auto it = m_overlay_counters.find(id); it != m_overlay_counters.end()) return &it->second;
    return m_state.counter(id);
}

const json* CounterModel::ticket_json(std::int64_t id) const {
    if (auto it = m_overlay_tickets.find(id); it != m_overlay_tickets.end()) return &it->second;
    return m_state.ticket(id);
}

std::optional<TicketInfo> CounterModel::ticket(std::int64_t id) const {
    const json* t = ticket_json(id);
    if (!t) return std::nullopt;
    return TicketInfo::from_json(*t);
}

Screen CounterModel::screen() const {
    if (!m_session) return Screen::login;
    return counter_state() == "paused" ? Screen::paused : Screen::main;
}

std::string CounterModel::hall_name() const {
    if (!m_state.hall_name().empty()) return m_state.hall_name();
    return m_config.hall_name;
}

std::string CounterModel::counter_name() const {
    std::string id = m_session ? m_session->counter : m_options.preset_counter.value_or("");
    if (id.empty()) return {};
    if (const json* c = counter_json(id); c && !str_of(*c, "name").empty()) return str_of(*c, "name");
    if (const CounterConfig* c = m_config.find_counter(id)) return c->name;
    return id;
}

std::string CounterModel::counter_state() const {
    if (!m_session) return {};
    const json* c = counter_json(m_session->counter);
    return c ? str_of(*c, "state") : std::string();
}

std::string CounterModel::pause_reason() const {
    if (!m_session) return {};
    const json* c = counter_json(m_session->counter);
    return c ? str_of(*c, "pause_reason") : std::string();
}

std::optional<TicketInfo> CounterModel::current_ticket() const {
    if (!m_session) return std::nullopt;
    const json* c = counter_json(m_session->counter);
    if (!c) return std::nullopt;
    auto id = int_of(*c, "ticket");
    if (!id) return std::nullopt;
    auto t = ticket(*id);
    if (!t || (t->state != "called" && t->state != "serving")) return std::nullopt;
    return t;
}

Availability CounterModel::desk_ready() const {
    if (!m_session) return no("desk.why.logged_out");
    if (!m_connected) return no("desk.why.disconnected");
    if (m_in_flight) return no("desk.why.busy");
    const json* c = counter_json(m_session->counter);
    if (!c) return no("desk.why.no_counter");
    const std::string state = str_of(*c, "state");
    if (state == "paused") return no("desk.why.paused");
    if (state != "open") return no("desk.why.closed");
    return yes();
}

Availability CounterModel::availability(Action action) const {
    if (Availability ready = desk_ready(); !ready.allowed) return ready;
    auto t = current_ticket();
    if (action == Action::call_next) {
        if (t) return no("desk.why.finish_first", {lit(t->number)});
        if (waiting_count() == 0) return no("desk.why.queue_empty");
        return yes();
    }
    if (!t) return no("desk.why.no_ticket");
    const bool serving = t->state == "serving";
    switch (action) {
        case Action::recall: return serving ? no("desk.why.recall_serving") : yes();
        case Action::start_serving: return serving ? no("desk.why.already_serving") : yes();
        case Action::finish: return serving ? yes() : no("desk.why.start_first");
        case Action::no_show: return serving ? no("desk.why.no_show_serving") : yes();
        case Action::transfer: return transfer_targets().empty() ? no("desk.why.no_target") : yes();
        case Action::hold: return yes();
        case Action::call_next: break;  // handled above
    }
    return yes();
}

Availability CounterModel::can_call_ticket(std::int64_t ticket_id) const {
    if (Availability ready = desk_ready(); !ready.allowed) return ready;
    auto t = ticket(ticket_id);
    if (!t) return no("error.unknown_ticket");
    if (auto current = current_ticket()) {
        if (current->id == ticket_id) return no("desk.why.is_current");
        return no("desk.why.finish_first", {lit(current->number)});
    }
    if (!is_callable_state(t->state)) {
        if ((t->state == "called" || t->state == "serving") && !t->counter.empty()) {
            const CounterConfig* c = m_config.find_counter(t->counter);
            return no("desk.why.at_other_counter", {lit(c ? c->name : t->counter)});
        }
        return no("desk.why.not_callable", {key("state." + t->state)});
    }
    auto served = served_services();
    if (std::find(served.begin(), served.end(), t->service) == served.end())
        return no("desk.why.not_served", {lit(service_name(t->service))});
    return yes();
}

Availability CounterModel::can_pause() const {
    if (!m_session) return no("desk.why.logged_out");
    if (!m_connected) return no("desk.why.disconnected");
    if (m_in_flight) return no("desk.why.busy");
    if (counter_state() == "paused") return no("desk.why.already_paused");
    if (auto t = current_ticket()) return no("desk.why.pause_with_ticket", {lit(t->number)});
    return yes();
}

Availability CounterModel::can_resume() const {
    if (!m_session) return no("desk.why.logged_out");
    if (!m_connected) return no("desk.why.disconnected");
    if (m_in_flight) return no("desk.why.busy");
    if (counter_state() != "paused") return no("desk.why.not_paused");
    return yes();
}

Availability CounterModel::can_logout() const {
    if (!m_session) return no("desk.why.logged_out");
    if (!m_connected) return no("desk.why.disconnected");
    if (m_in_flight) return no("desk.why.busy");
    if (auto t = current_ticket()) return no("desk.why.logout_with_ticket", {lit(t->number)});
    return yes();
}

Availability CounterModel::can_login() const {
    if (m_session) return no("desk.why.logged_in");
    if (!m_connected) return no("desk.why.disconnected");
    if (m_in_flight) return no("desk.why.busy");
    return yes();
}

std::vector<std::string> CounterModel::served_services() const {
    std::vector<std::string> out;
    const std::string id = m_session ? m_session->counter : m_options.preset_counter.value_or("");
    if (const json* c = counter_json(id); c && c->contains("services") && (*c)["services"].is_array()) {
        for (const json& s : (*c)["services"])
            if (s.is_string()) out.push_back(s.get<std::string>());
        return out;
    }
    if (const CounterConfig* c = m_config.find_counter(id)) out = c->services;
    return out;
}

std::vector<QueueRow> CounterModel::queue() const {
    std::vector<QueueRow> waiting;
    std::vector<QueueRow> held;
    if (!m_session) return waiting;
    const std::int64_t now = server_now();
    auto row_of = [&](const TicketInfo& t, bool on_hold) {
        QueueRow row;
        row.ticket = t;
        row.minutes_waited = std::max<long long>(0, (now - t.queued_at) / 60000);
        row.on_hold = on_hold;
        row.call = can_call_ticket(t.id);
        return row;
    };
    const auto served = served_services();
    for (const std::string& service : served) {
        for (const json* replica : m_state.queue_of(service)) {
            const json* shown = ticket_json(int_of(*replica, "id").value_or(0));
            auto t = TicketInfo::from_json(shown ? *shown : *replica);
            if (!t || (t->state != "waiting" && t->state != "transferred")) continue;  // a reply moved it on
            waiting.push_back(row_of(*t, false));
        }
    }
    for (const auto& [id, replica] : m_state.tickets()) {
        auto t = TicketInfo::from_json(*ticket_json(id));
        if (!t || t->state != "on_hold") continue;
        if (std::find(served.begin(), served.end(), t->service) == served.end()) continue;
        held.push_back(row_of(*t, true));
    }
    auto by_queue_time = [](const QueueRow& a, const QueueRow& b) {
        if (a.ticket.queued_at != b.ticket.queued_at) return a.ticket.queued_at < b.ticket.queued_at;
        return a.ticket.id < b.ticket.id;
    };
    std::sort(waiting.begin(), waiting.end(), by_queue_time);
    std::sort(held.begin(), held.end(), by_queue_time);
    waiting.insert(waiting.end(), held.begin(), held.end());
    return waiting;
}

int CounterModel::waiting_count() const {
    int n = 0;
    for (const std::string& service : served_services())
        for (const json* replica : m_state.queue_of(service)) {
            const json* t = ticket_json(int_of(*replica, "id").value_or(0));
            const std::string state = str_of(t ? *t : *replica, "state");
            if (state == "waiting" || state == "transferred") ++n;
        }
    return n;
}

Figures CounterModel::figures() const {
    Figures f;
    if (!m_session) return f;
    long long total_ms = 0;
    int timed = 0;
    for (const auto& [id, replica] : m_state.tickets()) {
        auto t = TicketInfo::from_json(*ticket_json(id));
        if (!t || t->counter != m_session->counter || t->officer != m_session->officer) continue;
        if (t->state == "done") {
            ++f.served;
            if (t->serving_at && t->finished_at && *t->finished_at >= *t->serving_at) {
                total_ms += *t->finished_at - *t->serving_at;
                ++timed;
            }
        } else if (t->state == "no_show") {
            ++f.no_shows;
        }
    }
    if (timed > 0) f.average_service_s = (total_ms / timed + 500) / 1000;
    return f;
}

std::string CounterModel::agency_name(const std::string& agency_id) const {
    if (m_catalog)
        if (const Agency* a = m_catalog->find_agency(agency_id)) return a->name;
    return agency_id;
}

std::string CounterModel::service_name(const std::string& service_id) const {
    if (const json* s = m_state.service(service_id); s && !str_of(*s, "name").empty()) return str_of(*s, "name");
    if (m_catalog)
        if (const Service* s = m_catalog->find_service(service_id)) return s->name;
    return service_id;
}

std::vector<ServiceChoice> CounterModel::transfer_targets(std::string_view filter) const {
    std::vector<ServiceChoice> out;
    auto current = current_ticket();
    const std::string needle = lower(filter);
    for (const OfferedService& offered : m_config.services) {
        if (current && offered.service_id == current->service) continue;
        ServiceChoice c;
        c.id = offered.service_id;
        c.name = service_name(offered.service_id);
        c.agency_id = offered.agency_id;
        c.agency_name = agency_name(offered.agency_id);
        c.prefix = offered.prefix;
        if (const json* s = m_state.service(offered.service_id)) c.waiting = static_cast<int>(int_of(*s, "waiting").value_or(0));
        if (!needle.empty() && lower(c.name).find(needle) == std::string::npos &&
            lower(c.agency_name).find(needle) == std::string::npos && lower(c.prefix) != needle &&
            lower(c.id).find(needle) == std::string::npos)
            continue;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<CounterChoice> CounterModel::counter_choices() const {
    std::vector<CounterChoice> out;
    for (const CounterConfig& config : m_config.counters) {
        if (m_options.preset_counter && config.id != *m_options.preset_counter) continue;
        CounterChoice c;
        c.id = config.id;
        c.name = config.name;
        if (const json* live = counter_json(config.id)) {
            c.state = str_of(*live, "state");
            c.officer = str_of(*live, "officer");
            c.officer_name = str_of(*live, "officer_name");
            c.has_ticket = int_of(*live, "ticket").has_value();
            if (!str_of(*live, "name").empty()) c.name = str_of(*live, "name");
        }
        out.push_back(std::move(c));
    }
    return out;
}

const Service* CounterModel::shown_service() const {
    if (!m_catalog) return nullptr;
    if (auto t = current_ticket()) return m_catalog->find_service(t->service);
    if (m_selected)
        if (auto t = ticket(*m_selected)) return m_catalog->find_service(t->service);
    return nullptr;
}

int CounterModel::checked_count() const {
    return static_cast<int>(std::count(m_checked.begin(), m_checked.end(), true));
}

}  // namespace hall::counter
