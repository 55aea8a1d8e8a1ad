// The replica is copied only when HallLink's version moved, not every frame: a copy of a busy
// day's replica is a few hundred tickets. Replies are queued, never applied on the agent
// thread, because the model belongs to the UI thread.
#include "counter_client/counter_app.hpp"

#include <chrono>
#include <thread>

#include "common/keys.hpp"
#include "common/log.hpp"
#include "counter_client/counter_view.hpp"

namespace hall::counter {

namespace {

constexpr int kScreenshotConnectMs = 4000;

std::filesystem::path example_config() {
    return std::filesystem::path(HALL_SOURCE_DIR) / "assets" / "hall.example.toml";
}

Result<std::pair<HallConfig, Catalog>> load_config(const std::optional<std::filesystem::path>& file) {
    Catalog catalog;
    const std::filesystem::path path = file ? *file : example_config();
    auto config = load_hall_config(path, &catalog);
    if (!config) return make_error(config.error().code, path.string() + ": " + config.error().message);
    return std::make_pair(std::move(*config), std::move(catalog));
}

ClientOptions link_options(const HallConfig& config, ClientKeys keys) {
    ClientOptions options;
    options.host = config.server.server_host;
    options.port = config.server.request_port;
    options.keys = std::move(keys);
    return options;
}

}  // namespace

std::int64_t wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string counter_usage() {
    return "usage: counter_client [--config HALL.toml] [--keys KEYDIR] [--counter ID] [--lang id|en]\n"
           "                      [--windowed|--fullscreen] [--size WxH]\n"
           "                      [--screenshot FILE --screen login|main|transfer|paused|disconnected]\n"
           "The officer's desk: log in, call, serve, transfer and finish tickets (F1-F7).\n";
}

Result<CounterArgs> parse_counter_args(const std::vector<std::string>& args) {
    CounterArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& flag = args[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) return std::nullopt;
            return args[++i];
        };
        std::optional<std::string> v;
        if (flag == "--config" || flag == "--keys" || flag == "--counter" || flag == "--screen" || flag == "--lang") {
            v = value();
            if (!v || v->empty()) return make_error("bad_argument", flag + " needs a value");
        }
        if (flag == "--config") {
            out.config = *v;
        } else if (flag == "--keys") {
            out.keys = *v;
        } else if (flag == "--counter") {
            out.counter = *v;
        } else if (flag == "--screen") {
            out.screen = parse_scene(*v);
            if (!out.screen) return make_error("bad_argument", "--screen must be login, main, transfer, paused or disconnected");
        } else if (flag == "--lang") {
            if (*v != "id" && *v != "en") return make_error("bad_argument", "--lang must be id or en");
            out.lang = *v == "en" ? i18n::Lang::en : i18n::Lang::id;
        } else {
            return make_error("bad_argument", "unknown argument '" + flag + "'");
        }
    }
    return out;
}

CounterApp::CounterApp(HallConfig config, Catalog catalog, std::optional<ClientOptions> link,
                       CounterModel::Options options)
    : m_config(config),
      m_catalog(std::move(catalog)),
      m_link(link ? std::make_unique<HallLink>(std::move(*link)) : nullptr),
      m_model(std::move(config), &m_catalog, *this, std::move(options)) {}

CounterApp::~CounterApp() { stop(); }

void CounterApp::start(std::function<void()> wake) {
    m_wake = std::move(wake);
    if (!m_link) return;
    m_link->start(
        [this] {
            if (m_wake) m_wake();
        },
        [this](const json& event) {
            // The server's clock, for the timers: the tickets' times are written in it.
            auto at = event.find("at");
            if (at == event.end() || !at->is_number_integer()) return;
            std::lock_guard lock(m_mutex);
            m_event_time = std::make_pair(at->get<std::int64_t>(), wall_clock_ms());
        });
}

void CounterApp::stop() {
    if (m_link) m_link->stop();
}

bool CounterApp::wait_connected(int timeout_ms) {
    if (!m_link) return false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        if (m_link->connected() && m_link->state().loaded()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

void CounterApp::pump(std::int64_t local_now_ms) {
    m_model.set_clock(local_now_ms);
    std::vector<std::pair<std::int64_t, Result<proto::Reply>>> replies;
    std::optional<std::pair<std::int64_t, std::int64_t>> event_time;
    {
        std::lock_guard lock(m_mutex);
        replies.swap(m_replies);
        event_time.swap(m_event_time);
    }
    if (event_time) m_model.observe_server_time(event_time->first, event_time->second);
    // The replica first: a reply is then shown on top of the freshest state.
    if (m_link) {
        const std::uint64_t version = m_link->version();
        if (!m_seen_any || version != m_seen_version) {
            m_seen_any = true;
            m_seen_version = version;
            m_model.update(m_link->state(), m_link->connected());
        }
    }
    for (auto& [req, reply] : replies) m_model.on_reply(req, reply);
}

std::int64_t CounterApp::reserve_request_number() {
    return m_link ? m_link->reserve_request_number() : ++m_offline_req;
}

void CounterApp::send(std::int64_t req, proto::MessageType type, const json& body) {
    if (!m_link) {
        // Defensive: the model refuses to send while unreachable, and without a link it always is.
        std::lock_guard lock(m_mutex);
        m_replies.emplace_back(req, Result<proto::Reply>(make_error("unreachable", "no server link (no keys)")));
        return;
    }
    m_link->post(type, body, [this, req](const Result<proto::Reply>& reply) {
        {
            std::lock_guard lock(m_mutex);
            m_replies.emplace_back(req, reply);
        }
        if (m_wake) m_wake();
    }, req);
}

namespace {

// `sample`: the desk draws the built-in sample; it has no server and says nothing about keys.
Result<std::unique_ptr<CounterApp>> build_app(const CounterArgs& args, bool sample) {
    auto loaded = load_config(args.config);
    if (!loaded) return loaded.error();
    auto& [config, catalog] = *loaded;
    CounterModel::Options options;
    options.preset_counter = args.counter;
    options.lang = args.lang.value_or(config.languages.empty() || config.languages.front() != "en" ? i18n::Lang::id
                                                                                                   : i18n::Lang::en);
    if (args.counter && !config.find_counter(*args.counter))
        return make_error("bad_argument", "--counter " + *args.counter + " is not a counter of " + config.hall_name);
    std::optional<ClientOptions> link;
    std::optional<std::string> key_problem;
    if (sample) {
        // no link: the sample is drawn as it is
    } else if (!args.keys) {
        key_problem = "no --keys given: the desk cannot reach the server";
    } else if (auto keys = load_client_keys(*args.keys); !keys) {
        key_problem = args.keys->string() + ": " + keys.error().message;
    } else {
        if (keys->role != "counter" && keys->role != "admin")
            log::warn("counter", "the key in " + args.keys->string() + " says role '" + keys->role +
                                     "'; the server will refuse a counter's requests from it");
        link = link_options(config, *keys);
    }
    auto app = std::make_unique<CounterApp>(config, std::move(catalog), std::move(link), options);
    if (key_problem) {
        log::error("counter", *key_problem);
        app->model().notify(NoticeKind::error, Text{"desk.login.keys_missing", {}});
    }
    return app;
}

}  // namespace

Result<std::unique_ptr<CounterApp>> make_app(const CounterArgs& args) { return build_app(args, false); }

Result<std::unique_ptr<CounterApp>> make_screenshot_app(const CounterArgs& args, Scene scene, CounterView& view) {
    if (args.config && args.keys) {
        auto live = make_app(args);
        if (!live) return live.error();
        std::unique_ptr<CounterApp> app = std::move(*live);
        if (app->has_link()) {
            app->start();
            if (app->wait_connected(kScreenshotConnectMs)) {
                app->pump(wall_clock_ms());
                CounterModel& model = app->model();
                const std::string counter = args.counter.value_or(
                    model.config().counters.empty() ? std::string() : model.config().counters.front().id);
                if (scene != Scene::login) {
                    Session session{"", "", counter};
                    for (const CounterChoice& c : model.counter_choices())
                        if (c.id == counter) {
                            session.officer = c.officer;
                            session.officer_name = c.officer_name.empty() ? "\u2013" : c.officer_name;
                        }
                    model.preview_session(session);
                    if (scene == Scene::paused && model.screen() != Screen::paused)
                        log::warn("counter", counter + " is not paused in the live hall: drawing it as it is");
                    if (scene == Scene::transfer) model.act(Action::transfer);
                }
                if (scene == Scene::disconnected) {
                    app->stop();
                    model.set_connected(false);  // the last picture stays; the banner says why
                }
                view.preset_login("", counter);
                return app;
            }
            log::warn("counter", "the server did not answer within " + std::to_string(kScreenshotConnectMs) +
                                     " ms: drawing the built-in sample instead");
            app->stop();
        }
    }
    // The sample is always the example hall: its counters and services are what it describes.
    CounterArgs sample_args;
    sample_args.lang = args.lang;
    auto sample = build_app(sample_args, true);
    if (!sample) return sample.error();
    std::unique_ptr<CounterApp> app = std::move(*sample);
    show_sample(app->model(), app->catalog(), scene);
    if (scene == Scene::login) view.preset_login("siti", "loket-1");
    if (scene == Scene::transfer) view.preset_transfer("diskopumkm-pasuruan.klinik-kukm", "Perlu pendampingan KUKM untuk dokumen ekspor");
    return app;
}

}  // namespace hall::counter
