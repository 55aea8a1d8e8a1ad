// Shared helpers of the kiosk tests: temporary folders, the example hall, zbarimg, a fake
// network printer (a TCP server on 127.0.0.1 that answers DLE EOT), and fakes of the kiosk
// model's two ports (the server and the printer) that answer only when a test says so.
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "kiosk/hall_backend.hpp"
#include "kiosk/kiosk_strings.hpp"
#include "kiosk/printer.hpp"
#include "tests/kiosk/escpos_decoder.hpp"

namespace hall::kiosk::test {

namespace fs = std::filesystem;

inline fs::path source_dir() {
    const char* env = std::getenv("HALL_SOURCE_DIR");
    return env ? fs::path(env) : fs::path(HALL_SOURCE_DIR);
}

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = fs::temp_directory_path() / ("kiosk-test-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

// Where a test keeps a picture for people to look at: KIOSK_SHOTS if set, else `temp`.
inline fs::path shot_path(const TempDir& temp, const std::string& name) {
    if (const char* dir = std::getenv("KIOSK_SHOTS"); dir && *dir) {
        fs::create_directories(dir);
        return fs::path(dir) / name;
    }
    return temp.path() / name;
}

// The example hall (assets/hall.example.toml with the real catalog), loaded once.
struct ExampleHall {
    HallConfig config;
    Catalog catalog;
};
inline const ExampleHall& example_hall() {
    static const ExampleHall hall = [] {
        register_strings();
        ExampleHall h;
        auto config = load_hall_config(source_dir() / "assets" / "hall.example.toml", &h.catalog);
        if (!config) throw std::runtime_error(config.error().message);
        h.config = *config;
        return h;
    }();
    return hall;
}

// What zbarimg reads from a picture (its --raw output without the trailing newline), or "".
inline std::string zbar_decode(const fs::path& png) {
    const std::string command = "zbarimg --quiet --raw '" + png.string() + "' 2>/dev/null";
    std::FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return {};
    std::string out;
    char buffer[512];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    ::pclose(pipe);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

// A network receipt printer on 127.0.0.1: accepts one connection at a time, answers every
// DLE EOT status request from the switches below, and keeps every byte it received.
class FakePrinter {
public:
    std::atomic<bool> paper_out{false};         // paper end on every status request
    std::atomic<bool> offline{false};           // offline (cover open)
    std::atomic<bool> silent{false};            // never answers status requests
    std::atomic<bool> paper_out_after_job{false};  // paper end once a ticket's bytes arrived

    FakePrinter() {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(m_listen, 8) != 0) {
            throw std::runtime_error("fake printer: cannot listen");
        }
        socklen_t length = sizeof address;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~FakePrinter() {
        m_stop = true;
        m_thread.join();
        ::close(m_listen);
    }
    int port() const { return m_port; }
    // The bytes of every connection so far, in order.
    std::vector<std::string> connections() const {
        std::lock_guard lock(m_mutex);
        return m_connections;
    }
    // Connections that carried more than status requests: the printed tickets.
    std::vector<std::string> jobs() const {
        std::vector<std::string> out;
        for (const std::string& c : connections())
            if (decode_escpos(c).initialised) out.push_back(c);
        return out;
    }

private:
    std::uint8_t answer(int n, bool job_seen) const {
        const bool out_of_paper = paper_out || (paper_out_after_job && job_seen);
        switch (n) {
            case 1: return static_cast<std::uint8_t>(0x12 | (offline || out_of_paper ? 0x08 : 0));
            case 2: return static_cast<std::uint8_t>(0x12 | (offline ? 0x04 : 0) | (out_of_paper ? 0x20 : 0));
            case 4: return static_cast<std::uint8_t>(0x12 | (out_of_paper ? 0x60 : 0));
            default: return 0x12;
        }
    }

    void serve() {
        while (!m_stop) {
            pollfd item{m_listen, POLLIN, 0};
            if (::poll(&item, 1, 50) <= 0) continue;
            const int fd = ::accept(m_listen, nullptr, nullptr);
            if (fd < 0) continue;
            std::size_t index = 0;
            {
                std::lock_guard lock(m_mutex);
                m_connections.emplace_back();
                index = m_connections.size() - 1;
            }
            std::string buffer;
            std::size_t parsed = 0;
            bool job_seen = false;
            while (!m_stop) {
                pollfd c{fd, POLLIN, 0};
                if (::poll(&c, 1, 50) <= 0) continue;
                char bytes[4096];
                const ssize_t n = ::recv(fd, bytes, sizeof bytes, 0);
                if (n <= 0) break;
                buffer.append(bytes, static_cast<std::size_t>(n));
                {
                    std::lock_guard lock(m_mutex);
                    m_connections[index] = buffer;
                }
                // Walk whole commands; answer status requests as a printer does.
                while (parsed < buffer.size()) {
                    std::optional<std::size_t> length = command_length(buffer, parsed);
                    if (!length) break;
                    if (*length == 0) {
                        ++parsed;
                        continue;
                    }
                    if (static_cast<unsigned char>(buffer[parsed]) == 0x1B && buffer[parsed + 1] == '@') job_seen = true;
                    if (static_cast<unsigned char>(buffer[parsed]) == 0x10 && !silent) {
                        const char reply = static_cast<char>(answer(static_cast<unsigned char>(buffer[parsed + 2]), job_seen));
                        (void)::send(fd, &reply, 1, MSG_NOSIGNAL);
                    }
                    parsed += *length;
                }
            }
            ::close(fd);
        }
    }

    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::vector<std::string> m_connections;
};

// The server as the model sees it; requests wait in `posted` until a test answers them.
class FakeBackend final : public HallBackend {
public:
    struct Posted {
        proto::MessageType type;
        nlohmann::json body;
        Callback done;
        std::int64_t req;
    };
    bool is_connected = true;
    HallState hall;
    std::uint64_t changes = 1;
    std::vector<Posted> posted;
    std::int64_t next = 0;

    bool connected() const override { return is_connected; }
    std::uint64_t version() const override { return changes; }
    HallState state() const override { return hall; }
    std::int64_t reserve_request_number() override { return ++next; }
    void post(proto::MessageType type, nlohmann::json body, Callback done, std::int64_t req) override {
        posted.push_back(Posted{type, std::move(body), std::move(done), req});
    }
    std::vector<const Posted*> of_type(proto::MessageType type) const {
        std::vector<const Posted*> out;
        for (const Posted& p : posted)
            if (p.type == type) out.push_back(&p);
        return out;
    }
    // Changes one service's status in the replica.
    void set_status(const std::string& service, const std::string& status, const std::string& detail) {
        nlohmann::json snapshot = snapshot_of(hall);
        for (nlohmann::json& s : snapshot["services"]) {
            if (s["id"] != service) continue;
            s["status"] = status;
            s["status_detail"] = detail;
        }
        (void)hall.load_snapshot(snapshot);
        ++changes;
    }
    static nlohmann::json snapshot_of(const HallState& state) {
        nlohmann::json services = nlohmann::json::array();
        for (const auto& [id, s] : state.services()) services.push_back(s);
        nlohmann::json counters = nlohmann::json::array();
        for (const auto& [id, c] : state.counters()) counters.push_back(c);
        nlohmann::json tickets = nlohmann::json::array();
        for (const auto& [id, t] : state.tickets()) tickets.push_back(t);
        return {{"seq", state.seq()}, {"date", state.date()}, {"hall", {{"name", state.hall_name()}}},
                {"tickets", tickets}, {"counters", counters}, {"services", services}};
    }
};

// The printer as the model sees it; checks and prints wait until a test answers them.
class FakePrinterPort final : public PrinterPort {
public:
    std::vector<CheckDone> checks;
    std::vector<std::pair<PrintJob, PrintDone>> prints;
    void check(CheckDone done) override { checks.push_back(std::move(done)); }
    void print(PrintJob job, PrintDone done) override { prints.emplace_back(std::move(job), std::move(done)); }
};

}  // namespace hall::kiosk::test
