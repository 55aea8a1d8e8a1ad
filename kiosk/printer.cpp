// Device and network sinks use plain POSIX descriptors with poll() for every wait, so no call
// can hang the worker for longer than its timeout: a printer that is switched off mid-ticket
// turns into "printer_offline", never into a stuck kiosk. Sockets are written with
// MSG_NOSIGNAL, so a printer that hangs up does not kill the kiosk with SIGPIPE.
#include "kiosk/printer.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>

#include "common/log.hpp"
#include "kiosk/ticket_png.hpp"

namespace hall::kiosk {

namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

// A file descriptor closed on scope exit.
class Descriptor {
public:
    explicit Descriptor(int fd = -1) : m_fd(fd) {}
    ~Descriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    Descriptor(Descriptor&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    Descriptor& operator=(Descriptor&& other) noexcept {
        std::swap(m_fd, other.m_fd);
        return *this;
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

bool wait_for(int fd, short events, int timeout_ms) {
    pollfd item{fd, events, 0};
    for (;;) {
        const int got = ::poll(&item, 1, timeout_ms);
        if (got < 0 && errno == EINTR) continue;
        return got > 0 && (item.revents & (events | POLLHUP | POLLERR)) != 0 && (item.revents & events) != 0;
    }
}

// Writes everything within `timeout_ms` in total.
Status write_all(int fd, std::string_view data, int timeout_ms, bool socket) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    std::size_t done = 0;
    while (done < data.size()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !wait_for(fd, POLLOUT, static_cast<int>(left.count()))) {
            return make_error("printer_offline", "the printer took no data for " + std::to_string(timeout_ms) + " ms");
        }
        const ssize_t n = socket ? ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL)
                                 : ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
            return make_error("printer_offline", "writing to the printer failed: " + errno_text());
        }
        done += static_cast<std::size_t>(n);
    }
    return ok_status();
}

std::optional<std::uint8_t> read_byte(int fd, int timeout_ms) {
    if (!wait_for(fd, POLLIN, timeout_ms)) return std::nullopt;
    unsigned char b = 0;
    const ssize_t n = ::read(fd, &b, 1);
    if (n != 1) return std::nullopt;
    return b;
}

// Asks DLE EOT 1, 2 and 4 in turn; stops asking after the first unanswered request.
StatusReport query_status(int fd, int timeout_ms, bool socket) {
    std::optional<std::uint8_t> answers[3];
    const int requests[3] = {1, 2, 4};
    for (int i = 0; i < 3; ++i) {
        if (!write_all(fd, status_request(requests[i]), timeout_ms, socket)) break;
        answers[i] = read_byte(fd, timeout_ms);
        if (!answers[i]) break;
    }
    return interpret_status(answers[0], answers[1], answers[2]);
}

Result<Descriptor> connect_tcp(const std::string& host, int port, int timeout_ms) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
        return make_error("printer_offline", "cannot resolve printer host " + host + ": " + ::gai_strerror(rc));
    }
    std::string last_error = "no address";
    for (addrinfo* a = found; a; a = a->ai_next) {
        Descriptor fd(::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
        if (fd.get() < 0) {
            last_error = errno_text();
            continue;
        }
        if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
            last_error = errno_text();
            continue;
        }
        if (!wait_for(fd.get(), POLLOUT, timeout_ms)) {
            last_error = "no answer within " + std::to_string(timeout_ms) + " ms";
            continue;
        }
        int error = 0;
        socklen_t length = sizeof(error);
        ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0) {
            last_error = std::strerror(error);
            continue;
        }
        ::freeaddrinfo(found);
        return fd;
    }
    ::freeaddrinfo(found);
    return make_error("printer_offline", "cannot connect to the printer at " + host + ":" + service + ": " + last_error);
}

Status health_to_status(const StatusReport& report) {
    if (report.health == PrinterHealth::paper_out) return make_error("paper_out", "the printer reports paper end");
    if (report.health == PrinterHealth::offline) return make_error("printer_offline", report.detail);
    return ok_status();
}

class FileSink final : public TicketSink {
public:
    FileSink(fs::path folder, EscposOptions escpos, std::shared_ptr<const TicketFonts> fonts)
        : m_folder(std::move(folder)), m_escpos(escpos), m_fonts(std::move(fonts)) {}

    StatusReport check() override {
        std::error_code ec;
        fs::create_directories(m_folder, ec);
        if (ec || !fs::is_directory(m_folder, ec)) {
            return {PrinterHealth::offline, false, "cannot create the ticket folder " + m_folder.string()};
        }
        return {PrinterHealth::ready, false, "ticket folder " + m_folder.string()};
    }

    Status print(const PrintJob& job) override {
        Result<std::string> bytes = render_escpos(job.layout, m_escpos);
        if (!bytes) return make_error("print_failed", bytes.error().message);
        std::error_code ec;
        fs::create_directories(m_folder, ec);
        const fs::path bin = m_folder / (job.name + ".bin");
        {
            std::ofstream out(bin, std::ios::binary | std::ios::trunc);
            out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
            if (!out) return make_error("printer_offline", "cannot write " + bin.string());
        }
        if (m_fonts) {
            Status png = write_ticket_png(job.layout, m_escpos.width_dots, *m_fonts, m_folder / (job.name + ".png"));
            if (!png) log::warn("printer", "ticket preview not written: " + png.error().message);
        }
        return ok_status();
    }

    std::string describe() const override { return "ticket folder " + m_folder.string(); }

private:
    fs::path m_folder;
    EscposOptions m_escpos;
    std::shared_ptr<const TicketFonts> m_fonts;
};

class DeviceSink final : public TicketSink {
public:
    DeviceSink(fs::path device, EscposOptions escpos, SinkTimeouts timeouts)
        : m_device(std::move(device)), m_escpos(escpos), m_timeouts(timeouts) {}

    StatusReport check() override {
        Result<Descriptor> fd = open_device();
        if (!fd) return {PrinterHealth::offline, false, fd.error().message};
        return query_status(fd->get(), m_timeouts.status_ms, false);
    }

    Status print(const PrintJob& job) override {
        Result<std::string> bytes = render_escpos(job.layout, m_escpos);
        if (!bytes) return make_error("print_failed", bytes.error().message);
        Result<Descriptor> fd = open_device();
        if (!fd) return fd.error();
        if (Status before = health_to_status(query_status(fd->get(), m_timeouts.status_ms, false)); !before) return before;
        if (Status written = write_all(fd->get(), *bytes, m_timeouts.write_ms, false); !written) return written;
        return health_to_status(query_status(fd->get(), m_timeouts.status_ms, false));
    }

    std::string describe() const override { return "printer device " + m_device.string(); }

private:
    Result<Descriptor> open_device() {
        Descriptor fd(::open(m_device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
        if (fd.get() < 0) fd = Descriptor(::open(m_device.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
        if (fd.get() < 0) return make_error("printer_offline", "cannot open " + m_device.string() + ": " + errno_text());
        return fd;
    }

    fs::path m_device;
    EscposOptions m_escpos;
    SinkTimeouts m_timeouts;
};

class NetworkSink final : public TicketSink {
public:
    NetworkSink(std::string host, int port, EscposOptions escpos, SinkTimeouts timeouts)
        : m_host(std::move(host)), m_port(port), m_escpos(escpos), m_timeouts(timeouts) {}

    StatusReport check() override {
        Result<Descriptor> fd = connect_tcp(m_host, m_port, m_timeouts.connect_ms);
        if (!fd) return {PrinterHealth::offline, false, fd.error().message};
        return query_status(fd->get(), m_timeouts.status_ms, true);
    }

    Status print(const PrintJob& job) override {
        Result<std::string> bytes = render_escpos(job.layout, m_escpos);
        if (!bytes) return make_error("print_failed", bytes.error().message);
        Result<Descriptor> fd = connect_tcp(m_host, m_port, m_timeouts.connect_ms);
        if (!fd) return fd.error();
        if (Status before = health_to_status(query_status(fd->get(), m_timeouts.status_ms, true)); !before) return before;
        if (Status written = write_all(fd->get(), *bytes, m_timeouts.write_ms, true); !written) return written;
        // Paper that ran out while this ticket printed shows in the status that follows it.
        return health_to_status(query_status(fd->get(), m_timeouts.status_ms, true));
    }

    std::string describe() const override { return "network printer " + m_host + ":" + std::to_string(m_port); }

private:
    std::string m_host;
    int m_port;
    EscposOptions m_escpos;
    SinkTimeouts m_timeouts;
};

class NullSink final : public TicketSink {
public:
    StatusReport check() override { return {PrinterHealth::ready, false, "no printer configured"}; }
    Status print(const PrintJob&) override { return make_error("no_printer", "no printer is configured (sink = none)"); }
    std::string describe() const override { return "no printer"; }
};

}  // namespace

std::unique_ptr<TicketSink> make_file_sink(fs::path folder, EscposOptions escpos, std::shared_ptr<const TicketFonts> fonts) {
    return std::make_unique<FileSink>(std::move(folder), escpos, std::move(fonts));
}

std::unique_ptr<TicketSink> make_device_sink(fs::path device, EscposOptions escpos, SinkTimeouts timeouts) {
    return std::make_unique<DeviceSink>(std::move(device), escpos, timeouts);
}

std::unique_ptr<TicketSink> make_network_sink(std::string host, int port, EscposOptions escpos, SinkTimeouts timeouts) {
    return std::make_unique<NetworkSink>(std::move(host), port, escpos, timeouts);
}

std::unique_ptr<TicketSink> make_null_sink() { return std::make_unique<NullSink>(); }

std::unique_ptr<TicketSink> make_sink(const PrinterConfig& config, const fs::path& data_dir, EscposOptions escpos,
                                      std::shared_ptr<const TicketFonts> fonts) {
    escpos.width_dots = config.paper_width_dots;
    switch (config.sink) {
        case PrinterSink::file: {
            fs::path folder = config.path.empty() ? fs::path("tickets") : fs::path(config.path);
            if (folder.is_relative()) folder = data_dir / folder;
            return make_file_sink(folder, escpos, std::move(fonts));
        }
        case PrinterSink::device:
            return make_device_sink(config.path, escpos);
        case PrinterSink::network:
            return make_network_sink(config.host, config.port, escpos);
        case PrinterSink::none:
            return make_null_sink();
    }
    return make_null_sink();  // defensive: every sink is handled above
}

PrinterWorker::PrinterWorker(std::unique_ptr<TicketSink> sink) : m_sink(std::move(sink)) {
    m_thread = std::thread([this] { loop(); });
}

PrinterWorker::~PrinterWorker() {
    std::deque<Task> left;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        left.swap(m_tasks);
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
    for (Task& task : left)
        if (task.cancel) task.cancel();
}

void PrinterWorker::push(Task task) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_stop) {
            m_tasks.push_back(std::move(task));
            task = Task{};
        }
    }
    if (task.cancel) task.cancel();  // stopping: answer at once
    m_wake.notify_all();
}

void PrinterWorker::check(CheckDone done) {
    auto shared = std::make_shared<CheckDone>(std::move(done));
    push(Task{[this, shared] {
                  StatusReport report = m_sink->check();
                  log::info("printer", m_sink->describe() + ": " + report.detail);
                  (*shared)(report);
              },
              [shared] { (*shared)(StatusReport{PrinterHealth::offline, false, "the printer worker stopped"}); }});
}

void PrinterWorker::print(PrintJob job, PrintDone done) {
    auto shared = std::make_shared<PrintDone>(std::move(done));
    auto shared_job = std::make_shared<PrintJob>(std::move(job));
    push(Task{[this, shared, shared_job] {
                  Status printed = m_sink->print(*shared_job);
                  if (printed) log::info("printer", "printed " + shared_job->name + " on " + m_sink->describe());
                  else log::warn("printer", "ticket " + shared_job->name + " not printed: " + printed.error().message);
                  (*shared)(printed);
              },
              [shared] { (*shared)(make_error("printer_offline", "the printer worker stopped")); }});
}

void PrinterWorker::loop() {
    for (;;) {
        Task task;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_tasks.empty(); });
            if (m_stop) return;
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        try {
            task.run();
        } catch (const std::exception& e) {
            log::error("printer", std::string("printer task failed: ") + e.what());  // defensive
            if (task.cancel) task.cancel();  // the kiosk must not wait for an answer forever
        }
    }
}

}  // namespace hall::kiosk
