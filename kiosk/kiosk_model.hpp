// The kiosk's state and logic, with no ImGui: which screen is shown, what the visitor chose,
// the language and text size, the search, the requirement checklist, the idle countdown, and
// the one path from "Ambil Nomor Antrian" to a printed ticket:
//
//   service --take--> priority --choose--> check the printer --ready--> issue_ticket
//        --ok--> ticket screen, print --printed/failed--> report_print
//
// Every failure on that path ends on the error screen with a code the view explains: the server
// is unreachable, the printer is out of paper or offline (checked BEFORE a number is issued, so
// no number is wasted), the service is closed, on a break, on a holiday, or its quota is
// reached. One request number is reserved per visitor action and reused by "Coba lagi" and by
// choosing the same service and priority again, so a double tap or a retry after a timeout
// never makes two tickets. Replies and printer results arrive on other threads; they are queued
// and applied on the UI thread in update().
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/hall_state.hpp"
#include "kiosk/hall_backend.hpp"
#include "kiosk/kiosk_strings.hpp"
#include "kiosk/printer.hpp"
#include "kiosk/ticket.hpp"

namespace hall::kiosk {

enum class Screen { welcome, agency, service, priority, ticket, error, survey_number, survey_questions, survey_thanks };
enum class TextSize { normal, large };
enum class Busy { none, checking_printer, issuing };
enum class PrintState { printing, printed, failed };

std::string_view screen_name(Screen s);
std::optional<Screen> parse_screen(std::string_view name);

// A service's status for today, from the replica (PROTOCOL.md 7.3).
struct ServiceStatus {
    bool known = false;        // the replica has the service
    std::string status = "open";  // open, closed, break, holiday, quota_reached
    std::string detail;        // hours, "<break> HH:MM-HH:MM", or the holiday's name
    int waiting = 0;
    int est_wait_min = 0;
    int quota = 0;
    int issued_today = 0;
};
ServiceStatus service_status(const HallState& state, const std::string& service_id);

// Why a number cannot be taken now; empty `reason` means it can.
// reason: offline, unknown, closed, closed_day, break, holiday, quota.
struct TakeBlock {
    std::string reason;
    std::string detail;  // hours, break, holiday name, or the quota as a number
    explicit operator bool() const { return !reason.empty(); }
};
TakeBlock take_block(bool connected, const HallState& state, const std::string& service_id);

// The kiosk's "Isi Survei" (SKM) for a visitor without a phone: Welcome -> the ticket's number
// (survey_lookup) -> the nine questions, one per screen, with four big answers -> survey_submit
// -> thanks. Only a ticket of today that is done, and not yet rated, may be rated.
struct SurveyProgress {
    std::string typed;         // what the visitor typed: letters then digits, e.g. "A12"
    std::string number;        // the ticket's number once the server found it, e.g. "A-012"
    std::string service_name;
    int question = 0;          // the element shown, 0..8 (U1..U9)
    std::array<int, 9> answers{};  // 1..4; 0 = not answered yet
    bool waiting = false;      // a lookup or a send is waiting for the server
    // Why the number cannot be rated now, or why the send failed: format, unknown, not_done,
    // answered, unreachable, other. Empty when all is well.
    std::string refusal;
    std::string detail;        // for "other": the server's error code
};
// The ticket number a visitor typed, as the server writes it: "a12", "A-12" and "A012" are
// "A-012". nullopt unless it is 1 to 3 letters, then 1 to 4 digits.
std::optional<std::string> ticket_number_from(std::string_view typed);

// One line of a component, flattened from the catalog's nested lists.
struct ContentLine {
    std::string label;  // "1.", "a.", "•" (bullets), or "" for a paragraph
    std::string text;
    int depth = 0;
    bool checkable = false;  // requirements: something to bring (not a heading of sub-items)
};
// Every node of `content`, depth first. Unlabelled top-level items of a list are numbered;
// "-" and "•" labels become "•". With `checklist`, every node is checkable except one whose
// text ends in ':' and has sub-items (it only introduces them).
std::vector<ContentLine> flatten_content(const Content& content, bool checklist);

// An agency the hall offers, with its offered services in config order.
struct AgencyEntry {
    std::string id;
    const Agency* agency = nullptr;  // never null once built
    std::vector<const Service*> services;
};

// Services under one heading on the agency screen. `general` marks the services without a
// group in an agency that has groups (the Sekretariat Daerah's services I-IV).
struct ServiceGroup {
    std::string title;  // the group ("Bagian Hukum"), or empty
    bool general = false;
    std::vector<const Service*> services;
};

// What went wrong on the way to a ticket. code: unreachable, paper_out, printer_offline,
// hall_closed, on_break, holiday, quota_reached, unknown_service, other.
struct Problem {
    std::string code;
    std::string detail;      // for "other": the server's error code
    bool retry = false;      // "Coba lagi" makes sense
    std::string service_id;  // the service the visitor wanted
};

// A user intent, as the view reports it.
struct Intent {
    enum class Type {
        touch,             // any input: resets the idle timer
        open_agency,       // text = agency id
        open_service,      // text = service id
        back,
        home,
        take_number,       // service -> priority
        choose_priority,   // text = regular, elderly, disability, pregnant, child
        retry,
        finish_ticket,
        set_language,      // text = "id" or "en"
        toggle_text_size,
        toggle_requirement,  // index into requirements()
        open_keyboard,
        close_keyboard,
        type_text,         // text = characters to append to the search
        backspace,
        clear_search,
        open_survey,       // Welcome -> the survey's number screen
        survey_key,        // text = one letter or digit of the ticket's number
        survey_delete,     // removes the last typed character
        survey_find,       // looks the typed number up
        survey_answer,     // index = the answer, 1..4, to the question shown
        survey_send_again, // re-sends the answers after the server could not be reached
    };
    Type type = Type::touch;
    std::string text;
    int index = -1;
};

class KioskModel {
public:
    struct Settings {
        std::string hall_name;
        int utc_offset_minutes = 7 * 60;
        int idle_seconds = 60;
        int countdown_seconds = 10;
        int ticket_return_seconds = 20;  // a printed ticket's screen goes home after this
        std::string public_url = "http://127.0.0.1:8080";
        int paper_width_dots = 576;
        Lang default_lang = Lang::id;
    };
    static Settings settings_from(const HallConfig& config);

    // `config`, `catalog`, `backend` and `printer` must outlive the model. `wake` is called
    // (from any thread) when a reply or printer result is waiting for update().
    KioskModel(Settings settings, const HallConfig& config, const Catalog& catalog, HallBackend& backend,
               PrinterPort& printer, std::function<void()> wake = {});
    ~KioskModel();
    KioskModel(const KioskModel&) = delete;
    KioskModel& operator=(const KioskModel&) = delete;

    // Advances the model to `now_ms` (UTC epoch milliseconds): applies replies and printer
    // results that arrived, refreshes the replica copy, runs the idle timers.
    void update(std::int64_t now_ms);
    // Applies one intent (at the time of the last update).
    void apply(const Intent& intent);

    // For screenshots and tests: put the model in a given state directly.
    void show_ticket(IssuedTicket ticket, PrintState state);
    void show_problem(Problem problem);
    void show_screen(Screen screen) { go(screen); }
    void show_survey(Screen screen, SurveyProgress progress);

    const Settings& settings() const { return m_settings; }
    Screen screen() const { return m_screen; }
    Lang lang() const { return m_lang; }
    TextSize text_size() const { return m_text_size; }
    std::int64_t now_ms() const { return m_now; }
    bool connected() const { return m_connected; }
    const HallState& hall() const { return m_state; }
    const std::string& hall_name() const;

    const std::vector<AgencyEntry>& agencies() const { return m_agencies; }
    // Waiting people of an agency's offered services; nullopt before the first snapshot.
    std::optional<int> agency_waiting(const AgencyEntry& agency) const;
    const AgencyEntry* current_agency() const;
    const Service* current_service() const;
    const Agency* agency_of(const Service& service) const;
    // The current agency's services under their headings, filtered by the search.
    std::vector<ServiceGroup> service_groups() const;
    // The number of services matching the search (all when it is empty).
    int matching_services() const;

    const std::string& search() const { return m_search; }
    bool keyboard_open() const { return m_keyboard; }

    const std::vector<ContentLine>& requirements() const { return m_requirements; }
    bool requirement_checked(int index) const;
    int checked_count() const;
    int checkable_count() const;

    ServiceStatus status_of(const std::string& service_id) const { return service_status(m_state, service_id); }
    TakeBlock current_block() const;

    Busy busy() const { return m_busy; }
    const IssuedTicket* ticket() const { return m_ticket ? &*m_ticket : nullptr; }
    PrintState print_state() const { return m_print_state; }
    const Problem* problem() const { return m_problem ? &*m_problem : nullptr; }
    // Seconds left before the idle return, while the countdown shows.
    std::optional<int> idle_countdown() const;
    // Seconds left before a printed ticket's screen returns to Welcome.
    std::optional<int> ticket_return_countdown() const;
    // The next time (epoch ms) the screen changes by the clock alone (a countdown second, the
    // idle limit); nullopt when only input or the server can change it. The clock on Welcome
    // shows minutes and is the shell's own tick.
    std::optional<std::int64_t> next_timer_ms() const;

    const SurveyProgress& survey() const { return m_survey; }
    // The letters of the hall's ticket prefixes, in order: the survey's keypad offers only these.
    const std::string& survey_letters() const { return m_survey_letters; }

    // The request number of the visitor's current action (0 when none), for tests.
    std::int64_t action_request_number() const { return m_action ? m_action->req : 0; }

private:
    struct Action {
        std::string service_id;
        std::string priority;
        std::int64_t req = 0;
    };
    struct Inbox {
        std::mutex mutex;
        std::vector<std::function<void(KioskModel&)>> items;
        std::function<void()> wake;
    };

    static void deliver(const std::weak_ptr<Inbox>& inbox, std::function<void(KioskModel&)> item);
    void reset_session();
    void go(Screen screen);
    void choose_priority(const std::string& priority);
    void start_action();
    void on_printer_checked(std::int64_t req, const StatusReport& report);
    void on_issue_reply(std::int64_t req, const Result<proto::Reply>& reply);
    void on_printed(std::int64_t ticket_id, const Status& printed);
    void fail(std::string code, bool retry, std::string detail = {});
    void rebuild_requirements();
    void survey_intent(const Intent& intent);
    void send_survey();
    void on_survey_lookup(std::int64_t req, const Result<proto::Reply>& reply);
    void on_survey_sent(std::int64_t req, const Result<proto::Reply>& reply);

    Settings m_settings;
    const HallConfig& m_config;
    const Catalog& m_catalog;
    HallBackend& m_backend;
    PrinterPort& m_printer;
    std::shared_ptr<Inbox> m_inbox;

    std::vector<AgencyEntry> m_agencies;
    HallState m_state;
    std::uint64_t m_state_version = 0;
    bool m_connected = false;

    std::int64_t m_now = 0;
    std::int64_t m_last_input = 0;
    Screen m_screen = Screen::welcome;
    Lang m_lang = Lang::id;
    TextSize m_text_size = TextSize::normal;
    std::string m_agency_id;
    std::string m_service_id;
    std::string m_search;
    bool m_keyboard = false;
    std::vector<ContentLine> m_requirements;
    std::vector<bool> m_checked;

    Busy m_busy = Busy::none;
    std::optional<Action> m_action;
    std::optional<IssuedTicket> m_ticket;
    PrintState m_print_state = PrintState::printing;
    std::int64_t m_printed_at = 0;
    std::optional<Problem> m_problem;

    SurveyProgress m_survey;
    std::string m_survey_letters;
    std::int64_t m_survey_req = 0;       // the request waited for (lookup or send)
    std::int64_t m_survey_send_req = 0;  // one per set of answers: a retry sends it again
    std::int64_t m_survey_done_at = 0;
};

}  // namespace hall::kiosk
