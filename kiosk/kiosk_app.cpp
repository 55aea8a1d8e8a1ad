// The program around the model and view. A screenshot never waits long for a server: the link
// gets a short timeout and, when nothing answers, the screen is drawn from the built-in sample
// hall, so `kiosk --screenshot` works on any machine.
#include "kiosk/kiosk_app.hpp"

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <fstream>
#include <thread>

#include "common/log.hpp"
#include "common/ui/offscreen.hpp"
#include "kiosk/hall_backend.hpp"
#include "kiosk/kiosk_view.hpp"
#include "kiosk/printer.hpp"
#include "kiosk/ticket_png.hpp"

namespace hall::kiosk {

namespace fs = std::filesystem;

namespace {

constexpr int kScreenshotWaitMs = 5000;
constexpr int kVisitWaitMs = 30000;  // a scripted visitor waits this long for the number and the paper

std::int64_t system_now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

ClientOptions client_options(const KioskSetup& setup, bool quick) {
    ClientOptions options;
    options.host = setup.config.server.server_host;
    options.port = setup.config.server.request_port;
    options.keys = *setup.keys;
    if (quick) {  // a screenshot or a preview: do not wait long for a server that is not there
        options.timeout_ms = 1500;
        options.attempts = 2;
    }
    return options;
}

// Starts a link and waits up to `wait_ms` for its first snapshot.
std::unique_ptr<LinkBackend> connect_for_preview(const KioskSetup& setup) {
    if (!setup.keys) return nullptr;
    auto backend = std::make_unique<LinkBackend>(client_options(setup, true));
    backend->start({});
    for (int waited = 0; waited < kScreenshotWaitMs && !backend->connected(); waited += 50) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (backend->connected() && backend->state().loaded()) return backend;
    log::warn("kiosk", "the queue server at " + setup.config.server.server_host + ":" +
                           std::to_string(setup.config.server.request_port) + " did not answer: using the sample hall");
    return nullptr;
}

// Today's ticket `number` (or the latest one) with its position, from a live server.
std::optional<IssuedTicket> live_ticket(LinkBackend& backend, const KioskSetup& setup, const std::string& number) {
    const HallState state = backend.state();
    const nlohmann::json* found = nullptr;
    if (!number.empty()) {
        found = state.ticket_by_number(number);
    } else if (!state.tickets().empty()) {
        found = &state.tickets().rbegin()->second;
    }
    if (!found) return std::nullopt;
    Result<proto::Reply> info = backend.link().call(proto::MessageType::ticket_info, {{"ticket", (*found)["id"]}});
    if (!info || !info->ok) return std::nullopt;
    Result<IssuedTicket> ticket = ticket_from_reply(info->body, setup.config.server.public_url);
    if (!ticket) return std::nullopt;
    return *ticket;
}

void name_from_catalog(IssuedTicket& ticket, const Catalog& catalog) {
    if (const Service* service = catalog.find_service(ticket.service_id)) {
        ticket.service_name = service->name;
        if (const Agency* agency = catalog.find_agency(service->agency_id)) ticket.agency_name = agency->name;
    }
}

bool retryable(const std::string& code) {
    return code == "unreachable" || code == "paper_out" || code == "printer_offline" || code == "other";
}

// The sample hall, with the chosen service's status overridden when asked (to see a refusal).
HallState sample_state(const KioskOptions& options, const KioskSetup& setup, const std::string& service_id) {
    nlohmann::json snapshot = sample_snapshot(setup.config, setup.catalog, system_now_ms());
    if (!options.service_status.empty()) {
        for (nlohmann::json& s : snapshot["services"]) {
            if (s["id"] != service_id) continue;
            s["status"] = options.service_status;
            if (options.service_status == "break") s["status_detail"] = "Istirahat 12:00-13:00";
            if (options.service_status == "holiday") s["status_detail"] = "Hari Raya Natal";
            if (options.service_status == "quota_reached") s["issued_today"] = s["quota"];
        }
    }
    HallState state;
    (void)state.load_snapshot(snapshot);
    return state;
}

std::string default_agency(const KioskOptions& options, const KioskSetup& setup) {
    if (!options.agency.empty()) return options.agency;
    if (!options.service.empty()) {
        if (const Service* s = setup.catalog.find_service(options.service)) return s->agency_id;
    }
    for (const OfferedService& s : setup.config.services)
        if (s.agency_id == "setda-pasuruan") return s.agency_id;  // the one with groups and long lists
    return setup.config.services.empty() ? std::string() : setup.config.services.front().agency_id;
}

std::string default_service(const KioskOptions& options, const KioskSetup& setup, const std::string& agency) {
    if (!options.service.empty()) return options.service;
    const std::string hibah = "setda-pasuruan.bantuan-hibah-tempat-ibadah-lembaga";
    if (agency == "setda-pasuruan" && setup.config.find_service(hibah)) return hibah;  // 32 requirement items
    for (const OfferedService& s : setup.config.services)
        if (s.agency_id == agency) return s.service_id;
    return {};
}

// Puts the model on the screen the options ask for, the way a visitor would get there.
void prepare_screenshot(KioskModel& model, const KioskOptions& options, const KioskSetup& setup, LinkBackend* live) {
    const std::string agency = default_agency(options, setup);
    const std::string service = default_service(options, setup, agency);
    model.update(system_now_ms());
    if (options.lang) model.apply(Intent{Intent::Type::set_language, *options.lang == Lang::en ? "en" : "id", -1});
    if (options.text == TextSize::large) model.apply(Intent{Intent::Type::toggle_text_size, {}, -1});
    const bool survey = options.screen == Screen::survey_number || options.screen == Screen::survey_questions ||
                        options.screen == Screen::survey_thanks;
    if (options.screen != Screen::welcome && options.screen != Screen::ticket && !survey) {
        model.apply(Intent{Intent::Type::open_agency, agency, -1});
        if (options.screen != Screen::agency) model.apply(Intent{Intent::Type::open_service, service, -1});
    }
    switch (options.screen) {
        case Screen::welcome:
        case Screen::agency:
        case Screen::service:
            break;
        case Screen::priority:
            model.apply(Intent{Intent::Type::take_number, {}, -1});
            if (model.screen() != Screen::priority) model.show_screen(Screen::priority);  // the service is closed now
            break;
        case Screen::ticket: {
            if (options.visit && live) {
                // The visitor's own steps; the model talks to the live server and the printer.
                model.apply(Intent{Intent::Type::open_agency, agency, -1});
                model.apply(Intent{Intent::Type::open_service, service, -1});
                model.apply(Intent{Intent::Type::take_number, {}, -1});
                if (model.screen() == Screen::priority) model.apply(Intent{Intent::Type::choose_priority, "regular", -1});
                for (int waited = 0; waited < kVisitWaitMs; waited += 20) {
                    model.update(system_now_ms());
                    const bool settled = model.busy() == Busy::none &&
                                         (model.screen() != Screen::ticket || model.print_state() != PrintState::printing);
                    if (settled) break;
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                }
                if (model.ticket())
                    log::info("kiosk", "visitor took " + model.ticket()->number + " (" + model.ticket()->url + ")");
                else
                    log::warn("kiosk", "the visitor got no number; the screenshot shows why");
                break;
            }
            std::optional<IssuedTicket> ticket;
            if (live) ticket = live_ticket(*live, setup, options.ticket_number);
            if (!ticket) ticket = sample_ticket(setup.config.server.public_url, system_now_ms());
            name_from_catalog(*ticket, setup.catalog);
            model.show_ticket(*ticket, options.print_state);
            break;
        }
        case Screen::error:
            model.show_problem(Problem{options.error, options.error == "other" ? "internal_error" : "",
                                       retryable(options.error), service});
            break;
        case Screen::survey_number:
            model.apply(Intent{Intent::Type::open_survey, {}, -1});
            for (const char* key : {"A", "1", "2"}) model.apply(Intent{Intent::Type::survey_key, key, -1});
            break;
        case Screen::survey_questions:
        case Screen::survey_thanks: {
            // A visitor half-way through (question 7), or done.
            SurveyProgress progress;
            progress.typed = "A12";
            progress.number = "A-012";
            const Service* s = setup.catalog.find_service(service);
            progress.service_name = s ? s->name : service;
            progress.question = 6;
            progress.answers = {4, 3, 4, 4, 3, 4, 0, 0, 0};
            model.show_survey(options.screen, progress);
            break;
        }
    }
}

// Wakes the shell at the model's next timer (a countdown second, the idle limit), from its own
// thread, so the shell itself only ticks once a minute for the clock: an idle kiosk on Welcome
// draws one frame a minute.
class WakeTimer {
public:
    explicit WakeTimer(std::function<void()> wake) : m_wake(std::move(wake)), m_thread([this] { loop(); }) {}
    ~WakeTimer() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }
    void set(std::optional<std::int64_t> deadline_ms) {
        {
            std::lock_guard lock(m_mutex);
            if (deadline_ms == m_deadline) return;
            m_deadline = deadline_ms;
        }
        m_changed.notify_all();
    }

private:
    void loop() {
        std::unique_lock lock(m_mutex);
        while (!m_stop) {
            if (!m_deadline) {
                m_changed.wait(lock);
                continue;
            }
            const std::int64_t left = *m_deadline - system_now_ms();
            if (left > 0) {
                m_changed.wait_for(lock, std::chrono::milliseconds(left));
                continue;
            }
            m_deadline.reset();  // the frame this wake draws sets the next one
            lock.unlock();
            m_wake();
            lock.lock();
        }
    }
    std::function<void()> m_wake;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<std::int64_t> m_deadline;
    bool m_stop = false;
    std::thread m_thread;
};

std::optional<std::string> value_after(const std::vector<std::string>& args, std::size_t& i) {
    if (i + 1 >= args.size()) return std::nullopt;
    return args[++i];
}

}  // namespace

const char* kiosk_usage() {
    return R"(usage: kiosk [--config FILE] [--keys DIR] [--data DIR] [--windowed | --fullscreen] [--size WxH]
             [--printer-qr native|raster] [--fps60]
       kiosk --screenshot FILE [--screen welcome|agency|service|priority|ticket|error|
             survey_number|survey_questions|survey_thanks]
             [--agency ID] [--service ID] [--lang id|en] [--text normal|large] [--error CODE]
             [--service-status closed|break|holiday|quota_reached] [--print printed|failed|printing]
             [--config FILE --keys DIR [--visit]]
       kiosk --print-test [--config FILE] [--data DIR]
       kiosk --ticket-png FILE [--ticket-escpos FILE] [--ticket NUMBER] [--lang id|en] [--config FILE --keys DIR]

  --config FILE    the hall config (default: assets/hall.example.toml of the source tree)
  --keys DIR       this kiosk's enrolled key folder (client.key, server.pub); without it the kiosk
                   cannot reach the server and says so on screen
  --data DIR       the kiosk's data folder (default: the working directory); a [printer] sink "file"
                   writes tickets to its path relative to this folder
  --printer-qr     native: the printer draws the QR code (GS ( k); raster: a bitmap (GS v 0) for
                   printers without QR support
  --screenshot     renders one screen headless to a PNG (live server if reachable, else a sample)
  --error CODE     unreachable, paper_out, printer_offline, hall_closed, on_break, holiday,
                   quota_reached, unknown_service, other
  --visit          with --screen ticket and a live server: a scripted visitor takes a real number for
                   --service (printed on the configured printer); the screenshot shows the result
  --print-test     prints a sample ticket on the configured [printer] and says whether it came out
  --ticket-png     renders the paper ticket (today's latest, --ticket NUMBER, or a sample) to a PNG
)";
}

Result<KioskOptions> parse_kiosk_args(const std::vector<std::string>& args) {
    KioskOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto need = [&](const char* what) -> Result<std::string> {
            std::optional<std::string> v = value_after(args, i);
            if (!v || v->empty()) return make_error("bad_argument", a + " needs " + what);
            return *v;
        };
        if (a == "--help" || a == "-h") {
            o.help = true;
        } else if (a == "--config") {
            auto v = need("a file");
            if (!v) return v.error();
            o.config = *v;
        } else if (a == "--keys") {
            auto v = need("a folder");
            if (!v) return v.error();
            o.keys = *v;
        } else if (a == "--data") {
            auto v = need("a folder");
            if (!v) return v.error();
            o.data_dir = *v;
        } else if (a == "--printer-qr") {
            auto v = need("native or raster");
            if (!v) return v.error();
            if (*v != "native" && *v != "raster") return make_error("bad_argument", "--printer-qr is native or raster");
            o.qr = *v == "raster" ? QrMode::raster : QrMode::native;
        } else if (a == "--screen") {
            auto v = need("a screen name");
            if (!v) return v.error();
            std::optional<Screen> screen = parse_screen(*v);
            if (!screen) return make_error("bad_argument", "unknown screen \"" + *v + "\" (welcome, agency, service, priority, ticket, error)");
            o.screen = *screen;
        } else if (a == "--visit") {
            o.visit = true;
        } else if (a == "--print-test") {
            o.print_test = true;
        } else if (a == "--agency") {
            auto v = need("an agency id");
            if (!v) return v.error();
            o.agency = *v;
        } else if (a == "--service") {
            auto v = need("a service id");
            if (!v) return v.error();
            o.service = *v;
        } else if (a == "--lang") {
            auto v = need("id or en");
            if (!v) return v.error();
            if (*v != "id" && *v != "en") return make_error("bad_argument", "--lang is id or en");
            o.lang = *v == "en" ? Lang::en : Lang::id;
        } else if (a == "--text") {
            auto v = need("normal or large");
            if (!v) return v.error();
            if (*v != "normal" && *v != "large") return make_error("bad_argument", "--text is normal or large");
            o.text = *v == "large" ? TextSize::large : TextSize::normal;
        } else if (a == "--error") {
            auto v = need("an error code");
            if (!v) return v.error();
            static const char* kCodes[] = {"unreachable", "paper_out",     "printer_offline", "hall_closed", "on_break",
                                           "holiday",     "quota_reached", "unknown_service", "other"};
            if (std::find(std::begin(kCodes), std::end(kCodes), *v) == std::end(kCodes)) {
                return make_error("bad_argument", "unknown --error \"" + *v + "\"");
            }
            o.error = *v;
        } else if (a == "--service-status") {
            auto v = need("a status");
            if (!v) return v.error();
            if (*v != "closed" && *v != "break" && *v != "holiday" && *v != "quota_reached" && *v != "open") {
                return make_error("bad_argument", "--service-status is open, closed, break, holiday or quota_reached");
            }
            o.service_status = *v;
        } else if (a == "--print") {
            auto v = need("printed, failed or printing");
            if (!v) return v.error();
            if (*v == "printed") o.print_state = PrintState::printed;
            else if (*v == "failed") o.print_state = PrintState::failed;
            else if (*v == "printing") o.print_state = PrintState::printing;
            else return make_error("bad_argument", "--print is printed, failed or printing");
        } else if (a == "--ticket-png") {
            auto v = need("a file");
            if (!v) return v.error();
            o.ticket_png = *v;
        } else if (a == "--ticket-escpos") {
            auto v = need("a file");
            if (!v) return v.error();
            o.ticket_escpos = *v;
        } else if (a == "--ticket") {
            auto v = need("a ticket number");
            if (!v) return v.error();
            o.ticket_number = *v;
        } else {
            return make_error("bad_argument", "unknown argument \"" + a + "\"");
        }
    }
    return o;
}

Result<KioskSetup> load_setup(const KioskOptions& options) {
    const fs::path config_file =
        options.config ? *options.config : fs::path(HALL_SOURCE_DIR) / "assets" / "hall.example.toml";
    KioskSetup setup;
    Result<HallConfig> config = load_hall_config(config_file, &setup.catalog);
    if (!config) return config.error();
    setup.config = std::move(*config);
    if (options.keys) {
        Result<ClientKeys> keys = load_client_keys(*options.keys);
        if (!keys) return keys.error();
        setup.keys = std::move(*keys);
    }
    return setup;
}

int run_print_test(const KioskOptions& options, const KioskSetup& setup) {
    std::shared_ptr<const TicketFonts> fonts;
    if (setup.config.printer.sink == PrinterSink::file) {
        if (auto loaded = TicketFonts::load()) fonts = *loaded;
    }
    std::unique_ptr<TicketSink> sink = make_sink(setup.config.printer, options.data_dir,
                                                 EscposOptions{setup.config.printer.paper_width_dots, options.qr, 0}, fonts);
    std::printf("Printer / printer: %s\n", sink->describe().c_str());
    const StatusReport status = sink->check();
    if (status.health == PrinterHealth::paper_out || status.health == PrinterHealth::offline) {
        std::printf("GAGAL / FAILED: printer tidak siap / printer not ready (%s)\n", status.detail.c_str());
        return 1;
    }
    IssuedTicket ticket = sample_ticket(setup.config.server.public_url, system_now_ms());
    ticket.number = "TES-000";  // never a number a visitor could hold
    name_from_catalog(ticket, setup.catalog);
    PrintJob job{ticket_layout(ticket, setup.config.hall_name, setup.config.utc_offset_minutes,
                               setup.config.printer.paper_width_dots, options.lang.value_or(Lang::id)),
                 "print-test"};
    if (Status printed = sink->print(job); !printed) {
        std::printf("GAGAL / FAILED: %s (%s)\n", std::string(i18n::error_text(printed.error().code, Lang::id)).c_str(),
                    printed.error().message.c_str());
        return 1;
    }
    std::printf("Tiket uji tercetak / test ticket printed: %s. Periksa kertasnya: nomor, teks dan kode QR harus jelas / "
                "check the paper: number, text and QR code must be sharp.\n",
                ticket.number.c_str());
    return 0;
}

int run_ticket_png(const KioskOptions& options, const KioskSetup& setup) {
    Result<std::shared_ptr<const TicketFonts>> fonts = TicketFonts::load();
    if (!fonts) {
        log::error("kiosk", fonts.error().message);
        return 1;
    }
    std::optional<IssuedTicket> ticket;
    if (std::unique_ptr<LinkBackend> live = connect_for_preview(setup)) {
        ticket = live_ticket(*live, setup, options.ticket_number);
        if (!ticket) log::warn("kiosk", "no such ticket today on the server: drawing a sample ticket");
    }
    if (!ticket) ticket = sample_ticket(setup.config.server.public_url, system_now_ms());
    name_from_catalog(*ticket, setup.catalog);
    const Lang lang = options.lang.value_or(Lang::id);
    const TicketLayout layout = ticket_layout(*ticket, setup.config.hall_name, setup.config.utc_offset_minutes,
                                              setup.config.printer.paper_width_dots, lang);
    if (Status written = write_ticket_png(layout, setup.config.printer.paper_width_dots, **fonts, *options.ticket_png); !written) {
        log::error("kiosk", written.error().message);
        return 1;
    }
    log::info("kiosk", "wrote " + options.ticket_png->string() + " (ticket " + ticket->number + ", " + ticket->url + ")");
    if (options.ticket_escpos) {
        Result<std::string> bytes =
            render_escpos(layout, EscposOptions{setup.config.printer.paper_width_dots, options.qr, 0});
        std::ofstream out(*options.ticket_escpos, std::ios::binary | std::ios::trunc);
        if (bytes) out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
        if (!bytes || !out) {
            log::error("kiosk", "cannot write " + options.ticket_escpos->string());
            return 1;
        }
    }
    return 0;
}

int run_kiosk(const KioskOptions& options, const KioskSetup& setup, ui::ShellOptions shell_options) {
    const bool screenshot = shell_options.screenshot.has_value();

    // The server: live, or (screenshots only) the sample hall; without keys, unreachable.
    std::unique_ptr<LinkBackend> live;
    std::unique_ptr<StaticBackend> fixed;
    if (screenshot) {
        live = connect_for_preview(setup);
        if (!live) {
            const std::string agency = default_agency(options, setup);
            fixed = std::make_unique<StaticBackend>(sample_state(options, setup, default_service(options, setup, agency)), true);
        }
    } else if (setup.keys) {
        live = std::make_unique<LinkBackend>(client_options(setup, false));
    } else {
        log::error("kiosk", "no --keys given: the kiosk cannot reach the queue server (it shows that on screen)");
        fixed = std::make_unique<StaticBackend>(HallState{}, false);
    }
    HallBackend& backend = live ? static_cast<HallBackend&>(*live) : *fixed;

    // The printer, on its own thread.
    std::shared_ptr<const TicketFonts> fonts;
    const bool prints = !screenshot || options.visit;
    if (prints && setup.config.printer.sink == PrinterSink::file) {
        if (auto loaded = TicketFonts::load()) fonts = *loaded;
    }
    EscposOptions escpos{setup.config.printer.paper_width_dots, options.qr, 0};
    PrinterWorker printer(prints ? make_sink(setup.config.printer, options.data_dir, escpos, fonts) : make_null_sink());

    // The window (or the offscreen surface), the view's fonts, the model. The shell ticks on the
    // minute for the clock; the wake timer below draws the seconds of a countdown.
    shell_options.tick = std::chrono::milliseconds(60000);
    ui::Shell shell(shell_options);
    if (Status opened = shell.open(); !opened) return 1;
    KioskView view;
    if (Status prepared = view.prepare_fonts(shell.fonts()); !prepared) {
        log::warn("kiosk", "large text unavailable: " + prepared.error().message);
    }
    KioskModel model(KioskModel::settings_from(setup.config), setup.config, setup.catalog, backend, printer,
                     [&shell] { shell.wake(); });
    if (screenshot) prepare_screenshot(model, options, setup, live.get());
    else if (live) live->start([&shell] { shell.wake(); });

    WakeTimer timer([&shell] { shell.wake(); });
    const int code = shell.run([&](const ui::Frame& frame) {
        model.update(system_now_ms());
        for (const Intent& intent : view.draw(model, frame)) model.apply(intent);
        timer.set(model.next_timer_ms());
    });
    if (live) live->stop();  // before the shell it wakes goes away
    return code;
}

}  // namespace hall::kiosk
