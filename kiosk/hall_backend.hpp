// What the kiosk model needs from the queue server, as an interface: the replica of the hall's
// state, whether the server is heard, and posting requests with a reserved request number.
// LinkBackend is the real one (a HallLink); StaticBackend holds a fixed state (the built-in
// sample for screenshots, or a server that cannot be reached); tests write their own fakes.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/hall_link.hpp"
#include "common/hall_state.hpp"
#include "common/protocol/protocol.hpp"

namespace hall::kiosk {

class HallBackend {
public:
    using Callback = std::function<void(const Result<proto::Reply>&)>;
    virtual ~HallBackend() = default;
    // True while the server is heard (heartbeats arrive, the replica is current).
    virtual bool connected() const = 0;
    // Changes whenever the state or the connection changes.
    virtual std::uint64_t version() const = 0;
    // A copy of the replica.
    virtual HallState state() const = 0;
    // One request number per visitor action; re-posting with it applies the action at most once.
    virtual std::int64_t reserve_request_number() = 0;
    // Sends a request; `done` runs later, possibly on another thread, with the reply or an
    // "unreachable" error.
    virtual void post(proto::MessageType type, nlohmann::json body, Callback done, std::int64_t req) = 0;
};

// The real server, through a HallLink the backend owns.
class LinkBackend final : public HallBackend {
public:
    explicit LinkBackend(ClientOptions options);
    ~LinkBackend() override;
    // Starts the link's agent; `on_change` runs on the agent thread after each change.
    void start(std::function<void()> on_change);
    void stop();

    bool connected() const override { return m_link.connected(); }
    std::uint64_t version() const override { return m_link.version(); }
    HallState state() const override { return m_link.state(); }
    std::int64_t reserve_request_number() override { return m_link.reserve_request_number(); }
    void post(proto::MessageType type, nlohmann::json body, Callback done, std::int64_t req) override;
    // The link itself, for blocking calls of command-line paths (never from a UI frame).
    HallLink& link() { return m_link; }

private:
    HallLink m_link;
};

// A fixed state. Requests are answered "unreachable" at once.
class StaticBackend final : public HallBackend {
public:
    StaticBackend(HallState state, bool connected) : m_state(std::move(state)), m_connected(connected) {}
    bool connected() const override { return m_connected; }
    std::uint64_t version() const override { return 1; }
    HallState state() const override { return m_state; }
    std::int64_t reserve_request_number() override { return ++m_next; }
    void post(proto::MessageType type, nlohmann::json body, Callback done, std::int64_t req) override;

private:
    HallState m_state;
    bool m_connected;
    std::int64_t m_next = 0;
};

// A believable hall for screenshots without a server: every offered service open with today's
// hours from the config, a few people waiting here and there (the same every time), no
// tickets. `now_ms` decides the date.
nlohmann::json sample_snapshot(const HallConfig& config, const Catalog& catalog, std::int64_t now_ms);

}  // namespace hall::kiosk
