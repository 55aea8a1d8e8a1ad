// HallLink: the front-end object every program uses to talk to the queue server. A background
// agent thread owns the sockets (a DEALER through RequestClient and a SUB for updates) and
// keeps a HallState replica current; the UI thread only posts requests and reads copies of the
// state, so it never blocks on a socket.
//
// Connection rules (Clone pattern): the agent subscribes first, then asks for a snapshot over
// the request socket, applies only events newer than the snapshot, and fetches a new snapshot on
// any gap. Hearing nothing for kHeartbeatLossMs marks the link disconnected; it keeps trying.
//
// The agent sleeps in one poll on its SUB socket and an eventfd that post() and stop() signal,
// with a timeout set by its next deadline (heartbeat loss, snapshot retry): an idle client
// costs next to no CPU.
#pragma once
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "common/hall_state.hpp"
#include "common/request_client.hpp"

namespace hall {

class HallLink {
public:
    using Callback = std::function<void(const Result<proto::Reply>&)>;
    using EventCallback = std::function<void(const json& event)>;

    explicit HallLink(ClientOptions options);
    ~HallLink();
    HallLink(const HallLink&) = delete;
    HallLink& operator=(const HallLink&) = delete;

    // Starts the agent thread. `on_change` (optional) is called from the agent thread whenever
    // the state or the connection changes: use it to wake the UI loop. `on_event` (optional)
    // sees every applied event in order (the display uses it for announcements).
    void start(std::function<void()> on_change = {}, EventCallback on_event = {});
    void stop();

    // Reserves a request number for one user action. Re-posting the action after a timeout
    // with the same number applies it at most once.
    std::int64_t reserve_request_number();
    // Queues a request; `done` runs on the agent thread with the reply or "unreachable".
    void post(proto::MessageType type, json body, Callback done, std::int64_t req = 0);
    // Sends a request and waits for the reply (for command-line tools and tests, not UIs).
    Result<proto::Reply> call(proto::MessageType type, json body = json::object());

    // A copy of the replica, and whether the server is currently heard.
    HallState state() const;
    bool connected() const { return m_connected.load(); }
    // Counts changes of state or connection, for cheap "did anything change" checks.
    std::uint64_t version() const { return m_version.load(); }
    // Number of snapshots fetched (1 at start, +1 per resync).
    int snapshots() const { return m_snapshots.load(); }

private:
    struct Job {
        proto::MessageType type;
        json body;
        Callback done;
        std::int64_t req;
    };
    void run();
    // Wakes the agent's poll (post, stop).
    void wake_agent();
    bool fetch_snapshot(RequestClient& client, zmq::socket_t& sub, bool& subscribed);
    void changed();

    ClientOptions m_options;
    std::shared_ptr<zmq::context_t> m_context;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_connected{false};
    std::atomic<std::uint64_t> m_version{0};
    std::atomic<int> m_snapshots{0};
    std::atomic<std::int64_t> m_next_req{0};
    mutable std::mutex m_mutex;
    int m_wake_fd = -1;  // eventfd: the agent's poll wakes when it is written
    std::deque<Job> m_jobs;
    HallState m_state;
    std::function<void()> m_on_change;
    EventCallback m_on_event;
};

}  // namespace hall
