// Joins the desk's model to the hall: a HallLink whose agent thread owns the sockets on one
// side, the UI thread on the other. Replies and event times arrive on the agent thread; they
// wait in an inbox until the UI thread's next frame takes them in (pump), so the model is only
// ever touched by one thread. Also the program's start-up: its flags, its config, its keys,
// and the state a screenshot is drawn from. No ImGui here.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/hall_link.hpp"
#include "common/request_client.hpp"
#include "counter_client/counter_model.hpp"
#include "counter_client/sample_hall.hpp"

namespace hall::counter {

class CounterView;

// The desk's own command-line flags (the shell takes its own first).
struct CounterArgs {
    std::optional<std::filesystem::path> config;  // --config FILE: the hall TOML
    std::optional<std::filesystem::path> keys;    // --keys DIR: this device's enrolled key folder
    std::optional<std::string> counter;           // --counter ID: this desk is that counter
    std::optional<Scene> screen;                  // --screen login|main|transfer|paused|disconnected
    std::optional<i18n::Lang> lang;               // --lang id|en
};
// "bad_argument" with an English message for an unknown flag or a missing value.
Result<CounterArgs> parse_counter_args(const std::vector<std::string>& args);
// The command-line help.
std::string counter_usage();

class CounterApp : public Transport {
public:
    // `link` empty: no server to talk to (no keys); the desk shows "unreachable".
    CounterApp(HallConfig config, Catalog catalog, std::optional<ClientOptions> link, CounterModel::Options options);
    ~CounterApp() override;
    CounterApp(const CounterApp&) = delete;
    CounterApp& operator=(const CounterApp&) = delete;

    // Starts talking to the server; `wake` (any thread) asks the UI loop for a frame.
    void start(std::function<void()> wake = {});
    // Stops the link (its pending requests are answered "unreachable" at the next pump).
    void stop();
    // UI thread: takes in the clock, replies, server times and a changed replica.
    void pump(std::int64_t local_now_ms);
    // Waits (up to `timeout_ms`) until the server is heard and the replica loaded.
    bool wait_connected(int timeout_ms);

    CounterModel& model() { return m_model; }
    const Catalog& catalog() const { return m_catalog; }
    bool has_link() const { return m_link != nullptr; }

    // Transport
    std::int64_t reserve_request_number() override;
    void send(std::int64_t req, proto::MessageType type, const json& body) override;

private:
    HallConfig m_config;
    Catalog m_catalog;
    std::unique_ptr<HallLink> m_link;
    std::int64_t m_offline_req = 0;
    std::function<void()> m_wake;
    std::mutex m_mutex;
    std::vector<std::pair<std::int64_t, Result<proto::Reply>>> m_replies;
    std::optional<std::pair<std::int64_t, std::int64_t>> m_event_time;  // (server at, local at)
    std::uint64_t m_seen_version = 0;
    bool m_seen_any = false;
    CounterModel m_model;  // last: it holds a reference to this transport and the catalog
};

// The local wall clock in milliseconds since the epoch.
std::int64_t wall_clock_ms();

// The desk for a normal start: the hall config (--config, else the example hall of the source
// tree), the link to its server when --keys can be read (else none, with a message on screen).
// Fails only when the config cannot be loaded.
Result<std::unique_ptr<CounterApp>> make_app(const CounterArgs& args);

// The desk for `--screenshot`: the live hall when --config and --keys are given and the server
// answers within a few seconds, else the built-in sample; put into `scene` (the view gets the
// text a person would have typed). Fails only when no config can be loaded.
Result<std::unique_ptr<CounterApp>> make_screenshot_app(const CounterArgs& args, Scene scene, CounterView& view);

}  // namespace hall::counter
