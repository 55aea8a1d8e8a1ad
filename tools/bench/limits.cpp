// The machine's own limits, the references of every durable figure: how fast the data
// directory's disk syncs, and what one ZeroMQ round trip on loopback costs.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <thread>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "common/keys.hpp"
#include "common/request_client.hpp"
#include "tools/bench/measures.hpp"

namespace hall::bench {

namespace fs = std::filesystem;

Result<SyncRate> measure_sync_rate(const fs::path& dir, double seconds) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    const fs::path file = dir / "sync-probe.bin";
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return make_error("sync_probe", "cannot create " + file.string() + ": " + std::strerror(errno));
    // Appends, like a write-ahead log: each sync must reach the disk with the file's new size.
    char block[4096];
    std::memset(block, 'w', sizeof block);
    std::vector<double> latencies;
    const std::int64_t start = now_ns();
    const std::int64_t end = start + static_cast<std::int64_t>(seconds * 1e9);
    std::string failure;
    while (now_ns() < end) {
        const std::int64_t t0 = now_ns();
        if (::write(fd, block, sizeof block) != static_cast<ssize_t>(sizeof block) || ::fdatasync(fd) != 0) {
            failure = std::strerror(errno);
            break;
        }
        latencies.push_back(ns_to_ms(now_ns() - t0));
    }
    const double elapsed = static_cast<double>(now_ns() - start) / 1e9;
    ::close(fd);
    fs::remove(file, ec);
    if (!failure.empty()) return make_error("sync_probe", "write + fdatasync failed in " + dir.string() + ": " + failure);
    SyncRate rate;
    rate.per_second = static_cast<double>(latencies.size()) / elapsed;
    rate.latency_ms = summarize(std::move(latencies));
    return rate;
}

namespace {

// Echoes `count` one-frame messages through a ROUTER in another thread; returns latencies.
Result<Summary> echo_round_trips(int count, bool curve) {
    zmq::context_t context(1);
    zmq::socket_t router(context, zmq::socket_type::router);
    zmq::socket_t dealer(context, zmq::socket_type::dealer);
    router.set(zmq::sockopt::linger, 0);
    dealer.set(zmq::sockopt::linger, 0);
    if (curve) {
        auto server = generate_key_pair();
        auto client = generate_key_pair();
        if (!server || !client) return make_error("curve", "cannot make CURVE keys");
        router.set(zmq::sockopt::curve_server, 1);
        router.set(zmq::sockopt::curve_secretkey, server->secret_key);
        ClientKeys keys{"bench", "kiosk", *client, server->public_key};
        apply_curve_client(dealer, keys);
    }
    router.bind("tcp://127.0.0.1:*");
    const std::string endpoint = router.get(zmq::sockopt::last_endpoint);
    std::atomic<bool> stop{false};
    std::thread echo([&] {
        while (!stop) {
            zmq::pollitem_t item{router.handle(), 0, ZMQ_POLLIN, 0};
            zmq::poll(&item, 1, std::chrono::milliseconds(100));
            std::vector<zmq::message_t> frames;
            while (zmq::recv_multipart(router, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
                zmq::send_multipart(router, frames);
                frames.clear();
            }
        }
    });
    dealer.connect(endpoint);
    // A request of the size of an issue_ticket, so the figure is the hall's round trip.
    const std::string payload(160, 'x');
    std::vector<double> latencies;
    std::string failure;
    for (int i = 0; i < count + 50 && failure.empty(); ++i) {
        const std::int64_t t0 = now_ns();
        dealer.send(zmq::buffer(payload), zmq::send_flags::none);
        zmq::pollitem_t item{dealer.handle(), 0, ZMQ_POLLIN, 0};
        zmq::poll(&item, 1, std::chrono::milliseconds(5000));
        zmq::message_t reply;
        if (!(item.revents & ZMQ_POLLIN) || !dealer.recv(reply, zmq::recv_flags::dontwait)) {
            failure = "no echo within 5 s";
            break;
        }
        // The first round trips include the connection and the CURVE handshake.
        if (i >= 50) latencies.push_back(ns_to_ms(now_ns() - t0));
    }
    stop = true;
    echo.join();
    if (!failure.empty()) return make_error("round_trip", failure);
    return summarize(std::move(latencies));
}

}  // namespace

Result<RoundTrip> measure_round_trip(int count) {
    try {
        auto plain = echo_round_trips(count, false);
        if (!plain) return plain.error();
        auto curve = echo_round_trips(count, true);
        if (!curve) return curve.error();
        return RoundTrip{*plain, *curve};
    } catch (const zmq::error_t& e) {
        return make_error("round_trip", std::string("zmq: ") + e.what());
    }
}

}  // namespace hall::bench
