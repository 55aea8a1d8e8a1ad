// The model only changes on the UI thread: intents come from the view, and everything that
// arrives from the HallLink agent or the printer worker is queued in the inbox and applied in
// update(). Each asynchronous answer carries the request number of the action it belongs to,
// so an answer that arrives for an action the kiosk has moved on from changes nothing.
#include "kiosk/kiosk_model.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "common/log.hpp"

namespace hall::kiosk {

namespace {

constexpr std::size_t kMaxSearch = 40;

int json_int(const nlohmann::json& object, const char* key) {
    if (!object.contains(key) || !object[key].is_number_integer()) return 0;
    return object[key].get<int>();
}

std::string json_string(const nlohmann::json& object, const char* key) {
    if (!object.contains(key) || !object[key].is_string()) return {};
    return object[key].get<std::string>();
}

void flatten_into(const Content& content, bool checklist, int depth, std::vector<ContentLine>& out) {
    int number = 0;
    for (const ContentNode& node : content) {
        ++number;
        ContentLine line;
        line.text = node.text;
        line.depth = depth;
        if (node.label == "-" || node.label == "\u2022" || node.label == "*") {
            line.label = "\u2022";
        } else if (!node.label.empty()) {
            line.label = node.label;
        } else if (depth == 0 && (content.size() > 1 || checklist)) {
            line.label = std::to_string(number) + ".";
        } else if (depth > 0) {
            line.label = "\u2022";
        }
        if (checklist) {
            std::string_view text = node.text;
            while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
            line.checkable = !(node.items.size() > 0 && !text.empty() && text.back() == ':');
        }
        out.push_back(std::move(line));
        flatten_into(node.items, checklist, depth + 1, out);
    }
}

// The words of a search, folded.
std::vector<std::string> search_words(const std::string& query) {
    std::vector<std::string> words;
    const std::string folded = search_fold(query);
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ') ++i;
        std::size_t end = folded.find(' ', i);
        if (end == std::string::npos) end = folded.size();
        if (end > i) words.push_back(folded.substr(i, end - i));
        i = end;
    }
    return words;
}

bool matches(const std::vector<std::string>& words, const Service& service) {
    if (words.empty()) return true;
    const std::string haystack = " " + search_fold(service.name + " " + service.group) + " ";
    for (const std::string& word : words)
        if (haystack.find(word) == std::string::npos) return false;
    return true;
}

std::string problem_for_block(const std::string& reason) {
    if (reason == "offline") return "unreachable";
    if (reason == "closed" || reason == "closed_day") return "hall_closed";
    if (reason == "break") return "on_break";
    if (reason == "holiday") return "holiday";
    if (reason == "quota") return "quota_reached";
    return "unknown_service";
}

}  // namespace

std::string_view screen_name(Screen s) {
    switch (s) {
        case Screen::welcome: return "welcome";
        case Screen::agency: return "agency";
        case Screen::service: return "service";
        case Screen::priority: return "priority";
        case Screen::ticket: return "ticket";
        case Screen::error: return "error";
        case Screen::survey_number: return "survey_number";
        case Screen::survey_questions: return "survey_questions";
        case Screen::survey_thanks: return "survey_thanks";
    }
    return "welcome";  // defensive
}

std::optional<std::string> ticket_number_from(std::string_view typed) {
    std::string letters, digits;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        if (std::isalpha(static_cast<unsigned char>(c))) {
            if (!digits.empty()) return std::nullopt;  // letters come first
            letters += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
        } else {
            return std::nullopt;
        }
    }
    while (digits.size() > 1 && digits.front() == '0') digits.erase(digits.begin());
    if (letters.empty() || letters.size() > 3 || digits.empty() || digits.size() > 4) return std::nullopt;
    while (digits.size() < 3) digits.insert(digits.begin(), '0');
    return letters + "-" + digits;
}

std::optional<Screen> parse_screen(std::string_view name) {
    for (Screen s : {Screen::welcome, Screen::agency, Screen::service, Screen::priority, Screen::ticket, Screen::error,
                     Screen::survey_number, Screen::survey_questions, Screen::survey_thanks})
        if (screen_name(s) == name) return s;
    return std::nullopt;
}

ServiceStatus service_status(const HallState& state, const std::string& service_id) {
    ServiceStatus status;
    const nlohmann::json* s = state.service(service_id);
    if (!s || !s->is_object()) return status;
    status.known = true;
    status.status = json_string(*s, "status");
    if (status.status.empty()) status.status = "open";
    status.detail = json_string(*s, "status_detail");
    status.waiting = json_int(*s, "waiting");
    status.est_wait_min = json_int(*s, "est_wait_min");
    status.quota = json_int(*s, "quota");
    status.issued_today = json_int(*s, "issued_today");
    return status;
}

TakeBlock take_block(bool connected, const HallState& state, const std::string& service_id) {
    if (!connected || !state.loaded()) return {"offline", {}};
    const ServiceStatus status = service_status(state, service_id);
    if (!status.known) return {"unknown", {}};
    if (status.status == "open") return {};
    if (status.status == "closed") return status.detail.empty() ? TakeBlock{"closed_day", {}} : TakeBlock{"closed", status.detail};
    if (status.status == "break") return {"break", status.detail};
    if (status.status == "holiday") return {"holiday", status.detail};
    if (status.status == "quota_reached") return {"quota", std::to_string(status.quota)};
    return {"closed", status.detail};  // defensive: a status this kiosk does not know yet
}

std::vector<ContentLine> flatten_content(const Content& content, bool checklist) {
    std::vector<ContentLine> out;
    flatten_into(content, checklist, 0, out);
    return out;
}

KioskModel::Settings KioskModel::settings_from(const HallConfig& config) {
    Settings s;
    s.hall_name = config.hall_name;
    s.utc_offset_minutes = config.utc_offset_minutes;
    s.idle_seconds = config.kiosk.idle_seconds;
    s.countdown_seconds = config.kiosk.countdown_seconds;
    s.public_url = config.server.public_url;
    s.paper_width_dots = config.printer.paper_width_dots;
    s.default_lang = !config.languages.empty() && config.languages.front() == "en" ? Lang::en : Lang::id;
    return s;
}

KioskModel::KioskModel(Settings settings, const HallConfig& config, const Catalog& catalog, HallBackend& backend,
                       PrinterPort& printer, std::function<void()> wake)
    : m_settings(std::move(settings)),
      m_config(config),
      m_catalog(catalog),
      m_backend(backend),
      m_printer(printer),
      m_inbox(std::make_shared<Inbox>()) {
    m_inbox->wake = std::move(wake);
    m_lang = m_settings.default_lang;
    for (const OfferedService& offered : m_config.services) {
        const Service* service = m_catalog.find_service(offered.service_id);
        const Agency* agency = m_catalog.find_agency(offered.agency_id);
        if (!service || !agency) continue;  // defensive: the config loader checked both
        auto it = std::find_if(m_agencies.begin(), m_agencies.end(),
                               [&](const AgencyEntry& a) { return a.id == offered.agency_id; });
        if (it == m_agencies.end()) {
            m_agencies.push_back(AgencyEntry{offered.agency_id, agency, {}});
            it = std::prev(m_agencies.end());
        }
        it->services.push_back(service);
        for (char c : offered.prefix)
            if (m_survey_letters.find(c) == std::string::npos) m_survey_letters += c;
    }
    std::sort(m_survey_letters.begin(), m_survey_letters.end());
}

KioskModel::~KioskModel() {
    // Answers that still arrive find an inbox nobody drains; they must not wake a dead UI.
    std::lock_guard lock(m_inbox->mutex);
    m_inbox->wake = nullptr;
    m_inbox->items.clear();
}

void KioskModel::deliver(const std::weak_ptr<Inbox>& target, std::function<void(KioskModel&)> item) {
    std::shared_ptr<Inbox> inbox = target.lock();
    if (!inbox) return;  // the model is gone: nobody is waiting for this answer
    std::function<void()> wake;
    {
        std::lock_guard lock(inbox->mutex);
        inbox->items.push_back(std::move(item));
        wake = inbox->wake;
    }
    if (wake) wake();
}

void KioskModel::update(std::int64_t now_ms) {
    m_now = now_ms;
    if (m_last_input == 0) m_last_input = now_ms;

    std::vector<std::function<void(KioskModel&)>> items;
    {
        std::lock_guard lock(m_inbox->mutex);
        items.swap(m_inbox->items);
    }
    for (auto& item : items) item(*this);

    m_connected = m_backend.connected();
    if (const std::uint64_t version = m_backend.version(); version != m_state_version || !m_state.loaded()) {
        m_state = m_backend.state();
        m_state_version = version;
    }

    const std::int64_t idle_ms = static_cast<std::int64_t>(m_settings.idle_seconds) * 1000;
    const std::int64_t countdown_ms = static_cast<std::int64_t>(m_settings.countdown_seconds) * 1000;
    const std::int64_t quiet = m_now - m_last_input;
    if (m_screen == Screen::welcome) {
        // The next visitor starts in the hall's language with normal text.
        if (quiet >= idle_ms && (m_lang != m_settings.default_lang || m_text_size != TextSize::normal)) reset_session();
    } else if (m_screen == Screen::survey_thanks) {
        if (m_now - std::max(m_survey_done_at, m_last_input) >= static_cast<std::int64_t>(m_settings.ticket_return_seconds) * 1000)
            reset_session();
    } else if (m_screen == Screen::ticket) {
        if (m_print_state == PrintState::printed) {
            const std::int64_t since = std::max(m_printed_at, m_last_input);
            if (m_now - since >= static_cast<std::int64_t>(m_settings.ticket_return_seconds) * 1000) reset_session();
        }
    } else if (m_busy == Busy::none && !m_survey.waiting && quiet >= idle_ms + countdown_ms) {
        log::info("kiosk", "idle: back to the welcome screen");
        reset_session();
    }
}

std::optional<int> KioskModel::idle_countdown() const {
    if (m_screen == Screen::welcome || m_screen == Screen::ticket || m_screen == Screen::survey_thanks ||
        m_busy != Busy::none || m_survey.waiting)
        return std::nullopt;
    const std::int64_t idle_ms = static_cast<std::int64_t>(m_settings.idle_seconds) * 1000;
    const std::int64_t end_ms = idle_ms + static_cast<std::int64_t>(m_settings.countdown_seconds) * 1000;
    const std::int64_t quiet = m_now - m_last_input;
    if (quiet < idle_ms) return std::nullopt;
    const std::int64_t left = end_ms - quiet;
    return static_cast<int>(std::max<std::int64_t>(1, (left + 999) / 1000));
}

std::optional<int> KioskModel::ticket_return_countdown() const {
    if (m_screen != Screen::ticket || m_print_state != PrintState::printed) return std::nullopt;
    const std::int64_t since = std::max(m_printed_at, m_last_input);
    const std::int64_t left = since + static_cast<std::int64_t>(m_settings.ticket_return_seconds) * 1000 - m_now;
    return static_cast<int>(std::max<std::int64_t>(1, (left + 999) / 1000));
}

std::optional<std::int64_t> KioskModel::next_timer_ms() const {
    const std::int64_t idle_ms = static_cast<std::int64_t>(m_settings.idle_seconds) * 1000;
    const std::int64_t next_second = m_now + 1000 - (m_now - m_last_input) % 1000;
    if (m_busy != Busy::none || m_survey.waiting) return std::nullopt;
    if (m_screen == Screen::survey_thanks) {
        const std::int64_t since = std::max(m_survey_done_at, m_last_input);
        return m_now + 1000 - (m_now - since) % 1000;
    }
    if (m_screen == Screen::welcome) {
        if (m_lang != m_settings.default_lang || m_text_size != TextSize::normal) return m_last_input + idle_ms;
        return std::nullopt;
    }
    if (m_screen == Screen::ticket) {
        if (m_print_state != PrintState::printed) return std::nullopt;
        const std::int64_t since = std::max(m_printed_at, m_last_input);
        return m_now + 1000 - (m_now - since) % 1000;
    }
    if (m_now - m_last_input < idle_ms) return m_last_input + idle_ms;
    return next_second;
}

void KioskModel::reset_session() {
    m_screen = Screen::welcome;
    m_lang = m_settings.default_lang;
    m_text_size = TextSize::normal;
    m_agency_id.clear();
    m_service_id.clear();
    m_search.clear();
    m_keyboard = false;
    m_requirements.clear();
    m_checked.clear();
    m_busy = Busy::none;
    m_action.reset();
    m_ticket.reset();
    m_problem.reset();
    m_survey = SurveyProgress{};
    m_survey_req = 0;
    m_survey_send_req = 0;
    m_last_input = m_now;
}

void KioskModel::go(Screen screen) {
    m_screen = screen;
    m_keyboard = false;
}

void KioskModel::apply(const Intent& intent) {
    m_last_input = m_now;
    using T = Intent::Type;
    // While a number is being taken the visitor stays put: its answer must find the screen.
    const bool busy = m_busy != Busy::none;
    const bool printing = m_screen == Screen::ticket && m_ticket && m_print_state == PrintState::printing;
    switch (intent.type) {
        case T::touch:
            break;
        case T::open_agency:
            if (busy) break;
            for (const AgencyEntry& a : m_agencies) {
                if (a.id != intent.text) continue;
                m_agency_id = a.id;
                m_search.clear();
                go(Screen::agency);
            }
            break;
        case T::open_service: {
            if (busy) break;
            const Service* service = m_catalog.find_service(intent.text);
            if (!service || !m_config.find_service(intent.text)) break;
            m_agency_id = service->agency_id;
            if (m_service_id != service->id) {
                m_service_id = service->id;
                rebuild_requirements();
            }
            go(Screen::service);
            break;
        }
        case T::back:
            if (busy || printing) break;
            switch (m_screen) {
                case Screen::welcome: break;
                case Screen::agency: reset_session(); break;
                case Screen::service: go(m_agency_id.empty() ? Screen::welcome : Screen::agency); break;
                case Screen::priority: go(Screen::service); break;
                case Screen::ticket: reset_session(); break;
                case Screen::error: {
                    const bool to_service = m_problem && !m_problem->service_id.empty() && !m_service_id.empty();
                    m_problem.reset();
                    if (to_service) go(Screen::service);
                    else reset_session();
                    break;
                }
                case Screen::survey_number:
                case Screen::survey_questions:
                case Screen::survey_thanks: survey_intent(intent); break;
            }
            break;
        case T::home:
        case T::finish_ticket:
            if (busy || printing) break;
            if (intent.type == T::finish_ticket && m_screen != Screen::ticket) break;
            reset_session();
            break;
        case T::take_number:
            if (busy || m_screen != Screen::service || current_block()) break;
            go(Screen::priority);
            break;
        case T::choose_priority:
            if (busy || m_screen != Screen::priority) break;  // a double tap lands here
            choose_priority(intent.text);
            break;
        case T::retry:
            if (busy || m_screen != Screen::error || !m_problem || !m_problem->retry || !m_action) break;
            m_problem.reset();
            go(Screen::priority);
            start_action();
            break;
        case T::set_language:
            m_lang = intent.text == "en" ? Lang::en : Lang::id;
            break;
        case T::toggle_text_size:
            m_text_size = m_text_size == TextSize::normal ? TextSize::large : TextSize::normal;
            break;
        case T::toggle_requirement:
            if (m_screen == Screen::service && intent.index >= 0 && intent.index < static_cast<int>(m_checked.size()) &&
                m_requirements[static_cast<std::size_t>(intent.index)].checkable) {
                m_checked[static_cast<std::size_t>(intent.index)] = !m_checked[static_cast<std::size_t>(intent.index)];
            }
            break;
        case T::open_keyboard:
            if (m_screen == Screen::agency) m_keyboard = true;
            break;
        case T::close_keyboard:
            m_keyboard = false;
            break;
        case T::type_text:
            if (m_screen != Screen::agency) break;
            for (char c : intent.text) {
                if (m_search.size() >= kMaxSearch) break;
                if (static_cast<unsigned char>(c) >= 0x20) m_search += c;
            }
            break;
        case T::backspace:
            // Removes one whole UTF-8 character.
            while (!m_search.empty() && (static_cast<unsigned char>(m_search.back()) & 0xC0) == 0x80) m_search.pop_back();
            if (!m_search.empty()) m_search.pop_back();
            break;
        case T::clear_search:
            m_search.clear();
            break;
        case T::open_survey:
        case T::survey_key:
        case T::survey_delete:
        case T::survey_find:
        case T::survey_answer:
        case T::survey_send_again:
            if (busy) break;
            survey_intent(intent);
            break;
    }
}

void KioskModel::show_survey(Screen screen, SurveyProgress progress) {
    m_survey = std::move(progress);
    go(screen);
}

// The survey's intents. While the server is asked, every tap waits: its answer must find the
// screen it was asked from.
void KioskModel::survey_intent(const Intent& intent) {
    using T = Intent::Type;
    if (m_survey.waiting) return;
    switch (intent.type) {
        case T::open_survey:
            if (m_screen != Screen::welcome) return;
            m_survey = SurveyProgress{};
            go(Screen::survey_number);
            return;
        case T::survey_key: {
            if (m_screen != Screen::survey_number || intent.text.size() != 1 || m_survey.typed.size() >= 8) return;
            const char c = intent.text[0];
            if (!std::isalnum(static_cast<unsigned char>(c))) return;
            m_survey.typed += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            m_survey.refusal.clear();
            return;
        }
        case T::survey_delete:
            if (m_screen != Screen::survey_number) return;
            if (!m_survey.typed.empty()) m_survey.typed.pop_back();
            m_survey.refusal.clear();
            return;
        case T::survey_find: {
            if (m_screen != Screen::survey_number) return;
            const std::optional<std::string> number = ticket_number_from(m_survey.typed);
            if (!number) {
                m_survey.refusal = "format";
                return;
            }
            m_survey.refusal.clear();
            m_survey.number = *number;
            m_survey.waiting = true;
            m_survey_req = m_backend.reserve_request_number();
            const std::int64_t req = m_survey_req;
            std::weak_ptr<Inbox> inbox = m_inbox;
            m_backend.post(
                proto::MessageType::survey_lookup, nlohmann::json{{"ticket", *number}},
                [req, inbox](const Result<proto::Reply>& reply) {
                    deliver(inbox, [req, reply](KioskModel& model) { model.on_survey_lookup(req, reply); });
                },
                req);
            return;
        }
        case T::survey_answer:
            if (m_screen != Screen::survey_questions || intent.index < 1 || intent.index > 4) return;
            if (m_survey.question < 0 || m_survey.question >= static_cast<int>(m_survey.answers.size())) return;
            m_survey.answers[static_cast<std::size_t>(m_survey.question)] = intent.index;
            m_survey.refusal.clear();
            // A changed answer is a new set of answers: it gets its own request number.
            m_survey_send_req = 0;
            if (m_survey.question + 1 < static_cast<int>(m_survey.answers.size())) {
                ++m_survey.question;
            } else {
                send_survey();
            }
            return;
        case T::survey_send_again:
            if (m_screen != Screen::survey_questions || m_survey.refusal != "unreachable") return;
            send_survey();
            return;
        case T::back:
            if (m_screen == Screen::survey_questions && m_survey.question > 0) {
                --m_survey.question;
                m_survey.refusal.clear();
            } else if (m_screen == Screen::survey_questions) {
                m_survey.refusal.clear();
                go(Screen::survey_number);
            } else {
                reset_session();
            }
            return;
        default:
            return;
    }
}

void KioskModel::send_survey() {
    for (int a : m_survey.answers)
        if (a < 1 || a > 4) return;  // defensive: the view only sends after the ninth answer
    if (m_survey_send_req == 0) m_survey_send_req = m_backend.reserve_request_number();
    m_survey_req = m_survey_send_req;
    m_survey.waiting = true;
    m_survey.refusal.clear();
    nlohmann::json answers = nlohmann::json::array();
    for (int a : m_survey.answers) answers.push_back(a);
    const std::int64_t req = m_survey_req;
    std::weak_ptr<Inbox> inbox = m_inbox;
    m_backend.post(
        proto::MessageType::survey_submit, nlohmann::json{{"ticket", m_survey.number}, {"answers", answers}},
        [req, inbox](const Result<proto::Reply>& reply) {
            deliver(inbox, [req, reply](KioskModel& model) { model.on_survey_sent(req, reply); });
        },
        req);
}

namespace {

// A refusal the visitor can read from a server error code.
std::string survey_refusal(const std::string& code) {
    if (code == "unknown_ticket") return "unknown";
    if (code == "survey_not_done") return "not_done";
    if (code == "survey_answered") return "answered";
    return "other";
}

}  // namespace

void KioskModel::on_survey_lookup(std::int64_t req, const Result<proto::Reply>& reply) {
    if (!m_survey.waiting || req != m_survey_req || m_screen != Screen::survey_number) return;
    m_survey.waiting = false;
    if (!reply) {
        m_survey.refusal = "unreachable";
        return;
    }
    if (!reply->ok) {
        log::info("kiosk", "survey_lookup refused: " + reply->error_code + ": " + reply->error_message);
        m_survey.refusal = survey_refusal(reply->error_code);
        m_survey.detail = reply->error_code;
        return;
    }
    const std::string status = json_string(reply->body, "survey");
    const nlohmann::json ticket = reply->body.value("ticket", nlohmann::json::object());
    if (status != "open") {
        m_survey.refusal = status == "not_done" || status == "answered" ? status : "other";
        m_survey.detail = status;
        return;
    }
    m_survey.number = json_string(ticket, "number").empty() ? m_survey.number : json_string(ticket, "number");
    m_survey.service_name = json_string(ticket, "service_name");
    m_survey.question = 0;
    m_survey.answers = {};
    m_survey_send_req = 0;
    go(Screen::survey_questions);
}

void KioskModel::on_survey_sent(std::int64_t req, const Result<proto::Reply>& reply) {
    if (!m_survey.waiting || req != m_survey_req || m_screen != Screen::survey_questions) return;
    m_survey.waiting = false;
    if (!reply) {
        log::warn("kiosk", "survey_submit got no answer: " + reply.error().message);
        m_survey.refusal = "unreachable";  // "Kirim lagi" re-sends with the same request number
        return;
    }
    if (!reply->ok && reply->error_code != "survey_answered") {
        log::info("kiosk", "survey_submit refused: " + reply->error_code + ": " + reply->error_message);
        m_survey.refusal = survey_refusal(reply->error_code);
        m_survey.detail = reply->error_code;
        go(Screen::survey_number);
        return;
    }
    // survey_answered after a lost reply is this kiosk's own answer arriving twice: thanks too.
    log::info("kiosk", "survey stored for " + m_survey.number);
    m_survey_done_at = m_now;
    go(Screen::survey_thanks);
}

void KioskModel::choose_priority(const std::string& priority) {
    if (!proto::parse_priority(priority)) return;
    if (!m_action || m_action->service_id != m_service_id || m_action->priority != priority) {
        m_action = Action{m_service_id, priority, m_backend.reserve_request_number()};
    }
    start_action();
}

void KioskModel::start_action() {
    const TakeBlock block = take_block(m_connected, m_state, m_action->service_id);
    if (block) {
        fail(problem_for_block(block.reason), block.reason == "offline");
        return;
    }
    m_busy = Busy::checking_printer;
    const std::int64_t req = m_action->req;
    std::weak_ptr<Inbox> inbox = m_inbox;
    m_printer.check([req, inbox](StatusReport report) {
        deliver(inbox, [req, report](KioskModel& model) { model.on_printer_checked(req, report); });
    });
}

void KioskModel::on_printer_checked(std::int64_t req, const StatusReport& report) {
    if (m_busy != Busy::checking_printer || !m_action || m_action->req != req) return;
    if (report.health == PrinterHealth::paper_out) {
        log::warn("kiosk", "no number issued: the printer is out of paper");
        fail("paper_out", true);
        return;
    }
    if (report.health == PrinterHealth::offline) {
        log::warn("kiosk", "no number issued: printer offline: " + report.detail);
        fail("printer_offline", true);
        return;
    }
    if (report.health == PrinterHealth::unknown) log::warn("kiosk", "printer status unknown (" + report.detail + "); issuing anyway");
    m_busy = Busy::issuing;
    nlohmann::json body{{"service", m_action->service_id}, {"priority", m_action->priority}};
    std::weak_ptr<Inbox> inbox = m_inbox;
    m_backend.post(
        proto::MessageType::issue_ticket, std::move(body),
        [req, inbox](const Result<proto::Reply>& reply) {
            deliver(inbox, [req, reply](KioskModel& model) { model.on_issue_reply(req, reply); });
        },
        req);
}

void KioskModel::on_issue_reply(std::int64_t req, const Result<proto::Reply>& reply) {
    if (m_busy != Busy::issuing || !m_action || m_action->req != req) {
        if (reply && reply->ok) log::warn("kiosk", "a ticket reply arrived for an action the kiosk left: " + reply->body.dump());
        return;
    }
    m_busy = Busy::none;
    if (!reply) {
        log::warn("kiosk", "issue_ticket got no answer: " + reply.error().message);
        fail("unreachable", true);
        return;
    }
    if (!reply->ok) {
        const std::string& code = reply->error_code;
        log::info("kiosk", "issue_ticket refused: " + code + ": " + reply->error_message);
        if (code == "hall_closed" || code == "on_break" || code == "holiday" || code == "quota_reached" ||
            code == "unknown_service") {
            fail(code, false);
        } else {
            fail("other", true, code);
        }
        return;
    }
    Result<IssuedTicket> ticket = ticket_from_reply(reply->body, m_settings.public_url);
    if (!ticket) {
        log::error("kiosk", "issue_ticket reply unreadable: " + ticket.error().message);
        fail("other", true, "bad_reply");
        return;
    }
    if (const Service* service = m_catalog.find_service(ticket->service_id)) {
        ticket->service_name = service->name;
        if (const Agency* agency = agency_of(*service)) ticket->agency_name = agency->name;
    }
    m_action.reset();  // done: the next action gets a new request number
    log::info("kiosk", "issued " + ticket->number + " for " + ticket->service_id);

    const LocalTime day = local_time(ticket->issued_at_ms, m_settings.utc_offset_minutes);
    PrintJob job;
    job.layout = ticket_layout(*ticket, hall_name(), m_settings.utc_offset_minutes, m_settings.paper_width_dots, m_lang);
    job.name = iso_date(day) + "_" + ticket->number;
    const std::int64_t id = ticket->id;
    m_ticket = std::move(*ticket);
    m_print_state = PrintState::printing;
    go(Screen::ticket);
    std::weak_ptr<Inbox> inbox = m_inbox;
    m_printer.print(std::move(job), [id, inbox](Status printed) {
        deliver(inbox, [id, printed](KioskModel& model) { model.on_printed(id, printed); });
    });
}

void KioskModel::on_printed(std::int64_t ticket_id, const Status& printed) {
    // The server hears about every ticket, whatever the screen shows now.
    m_backend.post(
        proto::MessageType::report_print, nlohmann::json{{"ticket", ticket_id}, {"printed", printed.ok()}},
        [ticket_id](const Result<proto::Reply>& reply) {
            if (!reply || !reply->ok) {
                log::warn("kiosk", "report_print for ticket " + std::to_string(ticket_id) + " failed: " +
                                       (reply ? reply->error_code : reply.error().message));
            }
        },
        m_backend.reserve_request_number());
    if (!m_ticket || m_ticket->id != ticket_id) return;
    m_print_state = printed ? PrintState::printed : PrintState::failed;
    m_printed_at = m_now;
}

void KioskModel::fail(std::string code, bool retry, std::string detail) {
    m_busy = Busy::none;
    m_problem = Problem{std::move(code), std::move(detail), retry, m_action ? m_action->service_id : m_service_id};
    go(Screen::error);
}

void KioskModel::show_ticket(IssuedTicket ticket, PrintState state) {
    m_ticket = std::move(ticket);
    m_print_state = state;
    m_printed_at = m_now;
    m_service_id = m_ticket->service_id;
    go(Screen::ticket);
}

void KioskModel::show_problem(Problem problem) {
    m_problem = std::move(problem);
    go(Screen::error);
}

void KioskModel::rebuild_requirements() {
    const Service* service = current_service();
    m_requirements = service ? flatten_content(service->component(Component::persyaratan), true) : std::vector<ContentLine>{};
    m_checked.assign(m_requirements.size(), false);
}

const std::string& KioskModel::hall_name() const {
    return m_settings.hall_name.empty() ? m_state.hall_name() : m_settings.hall_name;
}

std::optional<int> KioskModel::agency_waiting(const AgencyEntry& agency) const {
    if (!m_state.loaded()) return std::nullopt;
    int waiting = 0;
    for (const Service* service : agency.services) waiting += service_status(m_state, service->id).waiting;
    return waiting;
}

const AgencyEntry* KioskModel::current_agency() const {
    for (const AgencyEntry& a : m_agencies)
        if (a.id == m_agency_id) return &a;
    return nullptr;
}

const Service* KioskModel::current_service() const {
    return m_service_id.empty() ? nullptr : m_catalog.find_service(m_service_id);
}

const Agency* KioskModel::agency_of(const Service& service) const {
    for (const AgencyEntry& a : m_agencies)
        if (a.id == service.agency_id) return a.agency;
    return m_catalog.find_agency(service.agency_id);
}

std::vector<ServiceGroup> KioskModel::service_groups() const {
    std::vector<ServiceGroup> groups;
    const AgencyEntry* agency = current_agency();
    if (!agency) return groups;
    const std::vector<std::string> words = search_words(m_search);
    const bool grouped = std::any_of(agency->services.begin(), agency->services.end(),
                                     [](const Service* s) { return !s->group.empty(); });
    if (!grouped) {
        ServiceGroup all;
        for (const Service* s : agency->services)
            if (matches(words, *s)) all.services.push_back(s);
        if (!all.services.empty()) groups.push_back(std::move(all));
        return groups;
    }
    ServiceGroup general;
    general.general = true;
    for (const Service* s : agency->services) {
        if (!matches(words, *s)) continue;
        if (s->group.empty()) {
            general.services.push_back(s);
            continue;
        }
        auto it = std::find_if(groups.begin(), groups.end(), [&](const ServiceGroup& g) { return g.title == s->group; });
        if (it == groups.end()) {
            groups.push_back(ServiceGroup{s->group, false, {}});
            it = std::prev(groups.end());
        }
        it->services.push_back(s);
    }
    if (!general.services.empty()) groups.insert(groups.begin(), std::move(general));
    return groups;
}

int KioskModel::matching_services() const {
    int count = 0;
    for (const ServiceGroup& g : service_groups()) count += static_cast<int>(g.services.size());
    return count;
}

bool KioskModel::requirement_checked(int index) const {
    return index >= 0 && index < static_cast<int>(m_checked.size()) && m_checked[static_cast<std::size_t>(index)];
}

int KioskModel::checked_count() const {
    int count = 0;
    for (std::size_t i = 0; i < m_checked.size(); ++i)
        if (m_checked[i] && m_requirements[i].checkable) ++count;
    return count;
}

int KioskModel::checkable_count() const {
    return static_cast<int>(std::count_if(m_requirements.begin(), m_requirements.end(),
                                          [](const ContentLine& l) { return l.checkable; }));
}

TakeBlock KioskModel::current_block() const { return take_block(m_connected, m_state, m_service_id); }

}  // namespace hall::kiosk
