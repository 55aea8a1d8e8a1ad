// The agent thread of HallLink. Its loop: (re)handshake when needed, subscribe, snapshot, then
// sleep in one poll (updates, posted requests, next deadline), drain updates and run queued
// requests. Every zmq exception is caught here so the UI thread never sees one.
#include "common/hall_link.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>

#include <zmq_addon.hpp>

#include "common/log.hpp"

namespace hall {

namespace {
std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
// After a failed handshake or snapshot, the agent tries again this much later (a request
// against a silent server already waits its own timeout first).
constexpr std::int64_t kSnapshotRetryMs = 100;
}  // namespace

HallLink::HallLink(ClientOptions options)
    : m_options(std::move(options)), m_context(std::make_shared<zmq::context_t>(1)),
      m_wake_fd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

HallLink::~HallLink() {
    stop();
    if (m_wake_fd >= 0) ::close(m_wake_fd);
}

void HallLink::wake_agent() {
    if (m_wake_fd < 0) return;
    const std::uint64_t one = 1;
    // A full counter (never in practice) already means "wake up": the result can be ignored.
    [[maybe_unused]] auto written = ::write(m_wake_fd, &one, sizeof one);
}

void HallLink::start(std::function<void()> on_change, EventCallback on_event) {
    m_on_change = std::move(on_change);
    m_on_event = std::move(on_event);
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void HallLink::stop() {
    if (!m_thread.joinable()) return;
    m_stop = true;
    wake_agent();
    m_thread.join();
    // Requests still queued are answered, never dropped silently.
    std::deque<Job> left;
    {
        std::lock_guard lock(m_mutex);
        left.swap(m_jobs);
    }
    for (auto& job : left)
        if (job.done) job.done(make_error("unreachable", "the link was stopped before the request was sent"));
}

std::int64_t HallLink::reserve_request_number() { return ++m_next_req; }

void HallLink::post(proto::MessageType type, json body, Callback done, std::int64_t req) {
    if (req == 0) req = reserve_request_number();
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(Job{type, std::move(body), std::move(done), req});
    }
    wake_agent();
}

Result<proto::Reply> HallLink::call(proto::MessageType type, json body) {
    std::mutex m;
    std::condition_variable cv;
    bool ready = false;
    Result<proto::Reply> out = make_error("unreachable", "no reply");
    post(type, std::move(body), [&](const Result<proto::Reply>& r) {
        std::lock_guard lock(m);
        out = r;
        ready = true;
        cv.notify_all();
    });
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return ready; });
    return out;
}

HallState HallLink::state() const {
    std::lock_guard lock(m_mutex);
    return m_state;
}

void HallLink::changed() {
    ++m_version;
    if (m_on_change) m_on_change();
}

bool HallLink::fetch_snapshot(RequestClient& client, zmq::socket_t& sub, bool& subscribed) {
    if (!subscribed) {
        auto hello = client.call_with(reserve_request_number(), proto::MessageType::hello, json::object());
        if (!hello || !hello->ok) {
            if (hello && !hello->ok)
                log::warn("link", "handshake refused: " + hello->error_code + ": " + hello->error_message);
            return false;
        }
        int pub_port = hello->body.value("pub_port", 0);
        // Subscribe first, then ask for the snapshot (Clone pattern).
        sub.set(zmq::sockopt::subscribe, "");
        sub.connect("tcp://" + m_options.host + ":" + std::to_string(pub_port));
        subscribed = true;
    }
    auto snap = client.call_with(reserve_request_number(), proto::MessageType::snapshot, json::object());
    if (!snap || !snap->ok) return false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_state.load_snapshot(snap->body)) return false;
    }
    ++m_snapshots;
    return true;
}

void HallLink::run() {
    try {
        ClientOptions fast = m_options;
        RequestClient client(fast, m_context);
        zmq::socket_t sub(*m_context, zmq::socket_type::sub);
        sub.set(zmq::sockopt::linger, 0);
        sub.set(zmq::sockopt::rcvhwm, 100000);
        apply_curve_client(sub, m_options.keys);
        bool subscribed = false;
        bool need_snapshot = true;
        std::int64_t last_heard = 0;
        std::int64_t retry_at = 0;

        while (!m_stop) {
            if (need_snapshot && steady_ms() >= retry_at) {
                if (fetch_snapshot(client, sub, subscribed)) {
                    need_snapshot = false;
                    last_heard = steady_ms();
                    m_connected = true;
                    changed();
                } else {
                    retry_at = steady_ms() + kSnapshotRetryMs;
                    if (m_connected.exchange(false)) changed();
                }
            }
            // Sleep until an update, a posted request, stop(), or the next deadline.
            bool jobs_waiting = false;
            {
                std::lock_guard lock(m_mutex);
                jobs_waiting = !m_jobs.empty();
            }
            const std::int64_t deadline = need_snapshot ? retry_at : last_heard + proto::kHeartbeatLossMs + 1;
            const std::int64_t timeout = jobs_waiting || m_stop ? 0 : std::max<std::int64_t>(0, deadline - steady_ms());
            // Without an eventfd (never seen in practice) the agent falls back to a 20 ms poll.
            const bool have_wake = m_wake_fd >= 0;
            zmq::pollitem_t items[] = {{sub.handle(), 0, ZMQ_POLLIN, 0}, {nullptr, m_wake_fd, ZMQ_POLLIN, 0}};
            zmq::poll(items, have_wake ? 2 : 1,
                      std::chrono::milliseconds(have_wake ? timeout : std::min<std::int64_t>(timeout, 20)));
            if (have_wake && (items[1].revents & ZMQ_POLLIN)) {
                std::uint64_t count = 0;
                [[maybe_unused]] auto got = ::read(m_wake_fd, &count, sizeof count);
            }
            // Updates.
            bool any = false;
            while (true) {
                std::vector<zmq::message_t> frames;
                auto got = zmq::recv_multipart(sub, std::back_inserter(frames), zmq::recv_flags::dontwait);
                if (!got) break;
                if (frames.size() != 2) continue;
                last_heard = steady_ms();
                json body = json::parse(frames[1].to_string_view(), nullptr, false);
                if (!body.is_object()) continue;
                if (frames[0].to_string_view() == proto::kTopicHeartbeat) {
                    std::lock_guard lock(m_mutex);
                    if (m_state.behind(body.value("seq", std::int64_t{0}))) need_snapshot = true;
                    continue;
                }
                HallState::Apply result;
                {
                    std::lock_guard lock(m_mutex);
                    result = m_state.apply(body);
                }
                if (result == HallState::Apply::gap) need_snapshot = true;
                if (result == HallState::Apply::applied) {
                    any = true;
                    if (m_on_event) m_on_event(body);
                }
            }
            if (!need_snapshot && steady_ms() - last_heard > proto::kHeartbeatLossMs) {
                need_snapshot = true;
                retry_at = 0;
                // The server may come back on other ports: handshake and subscribe again.
                sub.close();
                sub = zmq::socket_t(*m_context, zmq::socket_type::sub);
                sub.set(zmq::sockopt::linger, 0);
                sub.set(zmq::sockopt::rcvhwm, 100000);
                apply_curve_client(sub, m_options.keys);
                subscribed = false;
                if (m_connected.exchange(false)) changed();
            } else if (any) {
                changed();
            }
            // Requests.
            std::deque<Job> jobs;
            {
                std::lock_guard lock(m_mutex);
                jobs.swap(m_jobs);
            }
            for (auto& job : jobs) {
                auto reply = client.call_with(job.req, job.type, job.body);
                if (!reply && reply.error().code == "unreachable") {
                    need_snapshot = true;
                    retry_at = 0;
                    if (m_connected.exchange(false)) changed();
                }
                if (job.done) job.done(reply);
            }
        }
    } catch (const std::exception& e) {
        log::error("link", std::string("agent stopped: ") + e.what());
        m_connected = false;
        changed();
    }
}

}  // namespace hall
