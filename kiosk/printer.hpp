// The ticket printer: where the ESC/POS bytes go (a sink) and a worker thread that talks to it,
// so that a slow or dead printer never freezes the screen.
//
// Sinks, chosen by the hall config's [printer] sink:
//   file     each ticket becomes <name>.bin (the ESC/POS bytes) and <name>.png (a preview) in a
//            folder: [printer] path, relative to the kiosk's data folder (--data DIR, default the
//            working directory); default "tickets". For demos and tests.
//   device   a printer device file, e.g. /dev/usb/lp0 ([printer] path).
//   network  a network printer's raw TCP port ([printer] host and port, default 9100).
//   none     nothing is printed; the kiosk shows the ticket on screen.
// Before a number is issued the kiosk asks the printer for its status (DLE EOT 1, 2 and 4 on
// device and network sinks). A printer that cannot be opened or reached is "offline"; one that
// reports paper end is "paper_out"; one that does not answer status requests at all (some USB
// printers are write-only) is "unknown", and the kiosk goes on: if that print then fails, the
// ticket stays on screen.
#pragma once
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/hall_config.hpp"
#include "common/result.hpp"
#include "kiosk/escpos.hpp"
#include "kiosk/ticket.hpp"

namespace hall::kiosk {

class TicketFonts;

// One ticket to print; `name` is a file-system-safe base name, e.g. "2026-11-23_S-014".
struct PrintJob {
    TicketLayout layout;
    std::string name;
};

// A printer the kiosk writes to. Calls block (network, device) and run on the worker thread.
class TicketSink {
public:
    virtual ~TicketSink() = default;
    // The printer's status before a number is issued.
    virtual StatusReport check() = 0;
    // Prints one ticket; errors: "paper_out", "printer_offline", "print_failed", "no_printer".
    virtual Status print(const PrintJob& job) = 0;
    // For logs, e.g. "network printer 192.168.1.50:9100".
    virtual std::string describe() const = 0;
};

// Timeouts of device and network sinks, in milliseconds.
struct SinkTimeouts {
    int connect_ms = 1500;
    int status_ms = 800;
    int write_ms = 5000;
};

std::unique_ptr<TicketSink> make_file_sink(std::filesystem::path folder, EscposOptions escpos,
                                           std::shared_ptr<const TicketFonts> fonts);
std::unique_ptr<TicketSink> make_device_sink(std::filesystem::path device, EscposOptions escpos,
                                             SinkTimeouts timeouts = {});
std::unique_ptr<TicketSink> make_network_sink(std::string host, int port, EscposOptions escpos,
                                              SinkTimeouts timeouts = {});
std::unique_ptr<TicketSink> make_null_sink();

// The sink the config asks for. A relative `file` path is taken from `data_dir`. `fonts` draws
// the file sink's PNG previews (null: no previews).
std::unique_ptr<TicketSink> make_sink(const PrinterConfig& config, const std::filesystem::path& data_dir,
                                      EscposOptions escpos, std::shared_ptr<const TicketFonts> fonts);

// What the kiosk model sees of the printer: asynchronous, answers through callbacks that may
// run on another thread.
class PrinterPort {
public:
    using CheckDone = std::function<void(StatusReport)>;
    using PrintDone = std::function<void(Status)>;
    virtual ~PrinterPort() = default;
    virtual void check(CheckDone done) = 0;
    virtual void print(PrintJob job, PrintDone done) = 0;
};

// Runs a sink on its own thread, one request at a time, in order.
class PrinterWorker final : public PrinterPort {
public:
    explicit PrinterWorker(std::unique_ptr<TicketSink> sink);
    // Stops the thread; requests not yet started are answered with "printer_offline".
    ~PrinterWorker() override;
    PrinterWorker(const PrinterWorker&) = delete;
    PrinterWorker& operator=(const PrinterWorker&) = delete;

    void check(CheckDone done) override;
    void print(PrintJob job, PrintDone done) override;

private:
    struct Task {
        std::function<void()> run;
        std::function<void()> cancel;
    };
    void push(Task task);
    void loop();

    std::unique_ptr<TicketSink> m_sink;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Task> m_tasks;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace hall::kiosk
