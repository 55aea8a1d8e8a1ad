// The officer's desk without a screen: who is logged in at which counter, the current ticket,
// which actions make sense now (and why the others do not), the queue of the counter's
// services, the requirement checklist, the scan field, today's figures, and every request the
// desk sends with its answer. It reads the hall from a HallState replica copy and sends through
// a Transport, so tests drive it with no ImGui, no SDL and, if they like, no server.
//
// Rules it keeps:
// - One request at a time. While one is in flight, or while the server is unreachable, every
//   action is refused with a message: nothing is queued to be sent later.
// - A request that got no answer (timed out after the client's retries) stays "unconfirmed":
//   the officer can retry it, and a retry, or pressing the same action again, re-sends the
//   SAME request number, so the server applies it at most once.
// - Only what the server confirmed is shown: a reply's ticket and counter are shown until the
//   replica has caught up with them; nothing is shown ahead of the server.
#pragma once
#include <array>
#include <map>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/hall_state.hpp"
#include "common/i18n.hpp"
#include "common/protocol/protocol.hpp"
#include "common/result.hpp"
#include "counter_client/counter_text.hpp"

namespace hall::counter {

using json = nlohmann::json;

// The seven ticket actions, in the order of their function keys F1..F7.
enum class Action : std::uint8_t { call_next, recall, start_serving, finish, no_show, transfer, hold };
constexpr int kActionCount = 7;
constexpr std::array<Action, kActionCount> kActions{Action::call_next, Action::recall,   Action::start_serving,
                                                    Action::finish,    Action::no_show,  Action::transfer,
                                                    Action::hold};
// 1 for F1 ... 7 for F7.
int function_key_of(Action action);
// The action of function key Fn, nullopt for n outside 1..7.
std::optional<Action> action_of_function_key(int n);
// The string key of the action's button label, e.g. "desk.action.call_next".
std::string action_label_key(Action action);
proto::MessageType message_of(Action action);

enum class Screen : std::uint8_t { login, main, paused };
enum class Dialog : std::uint8_t { none, transfer, pause };

enum class NoticeKind : std::uint8_t { info, success, error };
struct Notice {
    NoticeKind kind = NoticeKind::info;
    Text text;
    Text detail;  // a second sentence (e.g. why a scanned ticket cannot be called), may be empty
};

// Whether something can be done now; when not, why (a string of the table).
struct Availability {
    bool allowed = false;
    Text reason;
};

// The fields of a TICKET object the desk uses. Times are the server's milliseconds.
struct TicketInfo {
    std::int64_t id = 0;
    std::string number;
    std::string service;
    std::string service_name;
    std::string original_service;
    std::string priority = "regular";
    std::string state;
    std::string token;
    std::string counter;
    std::string officer;
    std::string note;
    std::int64_t issued_at = 0;
    std::int64_t queued_at = 0;
    std::optional<std::int64_t> called_at;
    std::optional<std::int64_t> serving_at;
    std::optional<std::int64_t> finished_at;
    int recalls = 0;
    int transfers = 0;

    bool is_priority() const { return priority != "regular"; }
    // nullopt when `ticket` lacks an id, a number or a state.
    static std::optional<TicketInfo> from_json(const json& ticket);
};

// One line of the counter's queue.
struct QueueRow {
    TicketInfo ticket;
    long long minutes_waited = 0;  // since it joined the queue (queued_at)
    bool on_hold = false;
    Availability call;  // may it be called directly now
};

// Today's work of this counter by the logged-in officer.
struct Figures {
    int served = 0;
    int no_shows = 0;
    std::optional<long long> average_service_s;  // mean of finished_at - serving_at of served tickets
};

// A service a ticket can be transferred to.
struct ServiceChoice {
    std::string id;
    std::string name;
    std::string agency_id;
    std::string agency_name;
    std::string prefix;
    int waiting = 0;
};

// A counter offered at login, with what the replica says about it.
struct CounterChoice {
    std::string id;
    std::string name;
    std::string state;         // closed, open, paused ("" when the replica does not know it)
    std::string officer;       // who is logged in there, if anyone
    std::string officer_name;
    bool has_ticket = false;   // someone is at that counter's desk right now
};

struct Session {
    std::string officer;
    std::string officer_name;
    std::string counter;
};

// How the model sends requests. HallLink behind it in the program, a recorder in tests.
class Transport {
public:
    virtual ~Transport() = default;
    virtual std::int64_t reserve_request_number() = 0;
    // Sends a request; the answer comes back through CounterModel::on_reply with the same req.
    virtual void send(std::int64_t req, proto::MessageType type, const json& body) = 0;
};

// What the officer asked for on the screen (the view returns these; apply() carries them out).
enum class IntentKind : std::uint8_t {
    login,            // text: officer id, text2: PIN, text3: counter id
    logout,
    open_pause,       // opens the pause dialog
    pause,            // text: reason
    resume,
    action,           // action (transfer opens its dialog)
    function_key,     // number: 1..7
    transfer,         // text: target service id, text2: note
    call_ticket,      // ticket: id
    select_ticket,    // ticket: id (0 clears)
    scan,             // text: what the scanner typed
    close_dialog,
    toggle_requirement,  // number: index
    set_language,     // number: 0 Indonesian, 1 English
    retry,            // re-sends the unconfirmed request
    dismiss_notice,
};
struct Intent {
    IntentKind kind = IntentKind::dismiss_notice;
    Action action = Action::call_next;
    std::int64_t ticket = 0;
    int number = 0;
    std::string text;
    std::string text2;
    std::string text3;

    static Intent of(IntentKind kind);
    static Intent of_action(Action action);
    static Intent of_ticket(IntentKind kind, std::int64_t ticket);
    static Intent of_number(IntentKind kind, int number);
    static Intent of_text(IntentKind kind, std::string text, std::string text2 = {}, std::string text3 = {});
};

class CounterModel {
public:
    struct Options {
        std::optional<std::string> preset_counter;  // --counter: the counter this desk is
        i18n::Lang lang = i18n::Lang::id;
    };

    // `catalog` may be null (no requirement lists then); it must outlive the model, as must
    // `transport`.
    CounterModel(HallConfig config, const Catalog* catalog, Transport& transport, Options options);

    // --- Feeding the model (UI thread) ---
    // A new copy of the replica, and whether the server is heard. A return of the connection
    // drops every shown-ahead reply and reads everything from the fresh replica.
    void update(const HallState& state, bool connected);
    // The connection changed with no new replica (e.g. the link was stopped).
    void set_connected(bool connected);
    // The local wall clock (ms since the epoch); timers and waits read from it.
    void set_clock(std::int64_t local_now_ms);
    // A server timestamp seen at a local time (an event's `at`): aligns the timers to the
    // server's clock, which the tickets' times are written in.
    void observe_server_time(std::int64_t server_ms, std::int64_t local_ms);
    // The answer to request `req` (or "unreachable" when none came).
    void on_reply(std::int64_t req, const Result<proto::Reply>& reply);

    // --- What the officer does ---
    void apply(const Intent& intent);
    void login(const std::string& officer, const std::string& pin, const std::string& counter);
    void logout();
    void open_pause();
    void pause(const std::string& reason);
    void resume();
    // Carries out an action if it is allowed now, else shows why not. Transfer opens its dialog.
    void act(Action action);
    // F1..F7; false when the key means nothing now (not an action key, a dialog is open, or
    // no one is logged in).
    bool press_function_key(int n);
    void transfer(const std::string& service, const std::string& note);
    void call_ticket(std::int64_t ticket_id);
    void select_ticket(std::int64_t ticket_id);
    // The scan field's Enter: selects the scanned ticket (by QR token or number); an empty scan
    // with a selected callable ticket calls it.
    void scan(std::string_view text);
    void close_dialog();
    void toggle_requirement(int index);
    void set_language(i18n::Lang lang) { m_lang = lang; }
    void retry();
    void dismiss_notice() { m_notice.reset(); }
    // Shows a message (e.g. a start-up problem) until the next one.
    void notify(NoticeKind kind, Text text) { show(kind, std::move(text)); }
    // For screenshots: shows `session` as if its officer had logged in here (paused since
    // `paused_since`, server time, when the counter is paused).
    void preview_session(Session session, std::optional<std::int64_t> paused_since = std::nullopt);

    // --- What the screen shows ---
    Screen screen() const;
    Dialog dialog() const { return m_dialog; }
    bool connected() const { return m_connected; }
    bool busy() const { return m_in_flight.has_value(); }
    bool has_unconfirmed() const { return m_unconfirmed.has_value(); }
    // The label key of the unconfirmed request's action ("" when none).
    std::string unconfirmed_label_key() const;
    const std::optional<Session>& session() const { return m_session; }
    // The last message; a success or information goes after 8 s, an error stays until the next
    // action or until dismissed.
    const std::optional<Notice>& notice() const { return m_notice; }
    i18n::Lang lang() const { return m_lang; }
    const HallConfig& config() const { return m_config; }
    const Catalog* catalog() const { return m_catalog; }
    const std::optional<std::string>& preset_counter() const { return m_options.preset_counter; }
    std::string hall_name() const;
    std::string counter_name() const;  // of the session's (or preset) counter
    std::string counter_state() const;  // closed / open / paused, "" unknown
    std::string pause_reason() const;
    std::optional<std::int64_t> paused_since() const { return m_paused_since; }
    std::int64_t server_now() const { return m_local_now + m_clock_offset; }
    std::int64_t local_now() const { return m_local_now; }

    std::optional<TicketInfo> current_ticket() const;
    std::optional<TicketInfo> ticket(std::int64_t id) const;
    std::optional<std::int64_t> selected_ticket() const { return m_selected; }
    Availability availability(Action action) const;
    Availability can_call_ticket(std::int64_t ticket_id) const;
    Availability can_pause() const;
    Availability can_resume() const;
    Availability can_logout() const;
    Availability can_login() const;
    // Waiting tickets of the counter's services (first come, first served), then on-hold ones.
    std::vector<QueueRow> queue() const;
    int waiting_count() const;
    Figures figures() const;
    // Offered services other than the current ticket's, in the config's order, whose name,
    // prefix or agency contains `filter` (case-insensitive).
    std::vector<ServiceChoice> transfer_targets(std::string_view filter = {}) const;
    std::vector<CounterChoice> counter_choices() const;
    std::string service_name(const std::string& service_id) const;
    // The catalog entry whose requirements the desk shows: the current ticket's service, else
    // the selected ticket's. nullptr when neither (or no catalog).
    const Service* shown_service() const;
    const std::vector<bool>& checked() const { return m_checked; }
    int checked_count() const;

private:
    enum class Operation : std::uint8_t { login, logout, pause, resume, action, call_ticket };
    struct Pending {
        Operation operation = Operation::action;
        Action action = Action::call_next;
        proto::MessageType type = proto::MessageType::hello;
        json body;
        std::int64_t req = 0;
        std::string subject;  // the ticket number or service the message names
    };

    void send(Operation operation, Action action, proto::MessageType type, json body, std::string subject);
    void handle_error(const Pending& pending, const proto::Reply& reply);
    void handle_ok(const Pending& pending, const proto::Reply& reply);
    void show(NoticeKind kind, Text text, Text detail = {});
    void end_session(Text why);
    void check_session();
    void prune_overlay();
    void reset_checklist_if_needed();
    Availability desk_ready() const;  // logged in, connected, idle, counter open
    const json* counter_json(const std::string& id) const;
    const json* ticket_json(std::int64_t id) const;
    std::vector<std::string> served_services() const;
    std::string agency_name(const std::string& agency_id) const;

    HallConfig m_config;
    const Catalog* m_catalog;
    Transport& m_transport;
    Options m_options;
    i18n::Lang m_lang;

    HallState m_state;
    bool m_connected = false;
    bool m_lost_connection = false;  // the connection dropped since it was first made
    std::int64_t m_local_now = 0;
    std::int64_t m_clock_offset = 0;  // server clock minus local clock

    std::optional<Session> m_session;
    bool m_session_seen = false;  // the replica has shown our officer at our counter
    std::optional<std::int64_t> m_paused_since;
    Dialog m_dialog = Dialog::none;
    std::optional<Pending> m_in_flight;
    std::optional<Pending> m_unconfirmed;
    std::optional<Notice> m_notice;
    std::int64_t m_notice_at = 0;  // local time it was shown
    std::optional<std::int64_t> m_selected;

    // Confirmed replies shown until the replica has them (or for a few seconds at most).
    std::map<std::int64_t, json> m_overlay_tickets;
    std::map<std::string, json> m_overlay_counters;
    std::int64_t m_overlay_since = 0;

    std::int64_t m_checklist_ticket = 0;
    std::vector<bool> m_checked;
};

// A number of seconds as the timer shows it: "4:05", "1:02:09".
std::string clock_text(long long seconds);

}  // namespace hall::counter
