// The crash loop. The server is a separate process so SIGKILL is a real crash: no destructor,
// no flush, no orderly close of SQLite, exactly what a power cut does to the process (the
// kernel's page cache survives a SIGKILL, so this tests the server's transaction discipline;
// the file system's own durability under power loss is SQLite's synchronous=FULL promise).
//
// Client threads pause only between two actions, never with a request unanswered: a request
// sent before a kill is retried with its own request number until the restarted server
// answers it, which is what makes "every acknowledged reply is in the database" checkable.
#include "tools/crash/crash_run.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "common/hall_link.hpp"
#include "common/hall_state.hpp"
#include "common/keys.hpp"
#include "common/log.hpp"
#include "common/request_client.hpp"
#include "tools/crash/crash_check.hpp"

extern char** environ;

namespace hall::crash {

namespace fs = std::filesystem;
using proto::MessageType;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kServices[] = {"contoh-dinas.layanan-satu", "contoh-dinas.layanan-dua",
                                     "contoh-dinas.layanan-tiga"};
constexpr const char* kPin = "2468";

// The running server, for the signal handler: an interrupted hall_crash kills it first.
std::atomic<pid_t> g_server_pid{-1};
void on_signal(int signal) {
    pid_t pid = g_server_pid.load();
    if (pid > 0) ::kill(pid, SIGKILL);
    ::_exit(128 + signal);
}

std::int64_t ms_since(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}
void sleep_ms(std::int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// ---- processes ----

struct CommandResult {
    int status = -1;
    std::string output;  // stdout and stderr
};

// Runs a program to completion, collecting its output.
CommandResult run_command(const std::vector<std::string>& args) {
    CommandResult result;
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return result;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (rc != 0) {
        ::close(pipe_fds[0]);
        result.output = "cannot start " + args[0] + ": " + std::strerror(rc);
        return result;
    }
    char buf[4096];
    ssize_t n = 0;
    while ((n = ::read(pipe_fds[0], buf, sizeof buf)) > 0) result.output.append(buf, static_cast<std::size_t>(n));
    ::close(pipe_fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

// A free TCP port outside the kernel's ephemeral range, so tests binding "port 0" elsewhere
// never take it between a kill and the restart.
int free_port(std::mt19937_64& rng) {
    std::uniform_int_distribution<int> pick(20000, 30000);
    for (int attempt = 0; attempt < 200; ++attempt) {
        int port = pick(rng);
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) continue;
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        if (ok) return port;
    }
    return 0;
}

// The `queue_server serve` process.
class ServerProcess {
public:
    ServerProcess(fs::path bin, fs::path config, fs::path data, fs::path log)
        : m_bin(std::move(bin)), m_config(std::move(config)), m_data(std::move(data)), m_log(std::move(log)) {}
    ~ServerProcess() {
        if (m_pid > 0) kill_now();
    }

    // Starts the server. With `wait_ready`, returns once it prints its ready line (retrying a
    // few times if it exits first, e.g. while a port is being released); without, at once.
    bool start(bool wait_ready, std::string& error) {
        for (int attempt = 0; attempt < 30; ++attempt) {
            if (!spawn(error)) return false;
            if (!wait_ready) return true;
            if (wait_for_ready(error)) return true;
            sleep_ms(200);
        }
        return false;
    }

    // SIGKILL: the crash.
    void kill_now() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGKILL);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
        g_server_pid = -1;
        close_pipe();
    }

    // SIGTERM and wait: an orderly stop.
    bool stop() {
        if (m_pid <= 0) return true;
        ::kill(m_pid, SIGTERM);
        for (int i = 0; i < 200; ++i) {
            int status = 0;
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_pid = -1;
                g_server_pid = -1;
                close_pipe();
                return WIFEXITED(status) && WEXITSTATUS(status) == 0;
            }
            sleep_ms(50);
        }
        kill_now();
        return false;
    }

    bool running() const { return m_pid > 0; }

private:
    // fork + exec rather than posix_spawn: the child asks to be killed when this thread dies,
    // so a hall_crash that is itself killed (a test timeout) leaves no server behind.
    bool spawn(std::string& error) {
        int pipe_fds[2];
        if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
            error = "pipe failed";
            return false;
        }
        int log_fd = ::open(m_log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        std::vector<std::string> args{m_bin.string(), "serve", "--config", m_config.string(), "--data", m_data.string()};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const pid_t parent = ::getpid();
        pid_t pid = ::fork();
        if (pid == 0) {
            // Only async-signal-safe calls between fork and exec.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) ::_exit(127);
            ::dup2(pipe_fds[1], 1);
            if (log_fd >= 0) ::dup2(log_fd, 2);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(pipe_fds[1]);
        if (log_fd >= 0) ::close(log_fd);
        if (pid < 0) {
            ::close(pipe_fds[0]);
            error = std::string("fork failed: ") + std::strerror(errno);
            return false;
        }
        m_pid = pid;
        g_server_pid = pid;
        m_pipe = pipe_fds[0];
        return true;
    }

    bool wait_for_ready(std::string& error) {
        std::string out;
        auto start = Clock::now();
        while (ms_since(start) < 20000) {
            pollfd p{m_pipe, POLLIN, 0};
            ::poll(&p, 1, 100);
            if (p.revents & (POLLIN | POLLHUP)) {
                char buf[256];
                ssize_t n = ::read(m_pipe, buf, sizeof buf);
                if (n > 0) out.append(buf, static_cast<std::size_t>(n));
                if (out.find("ready") != std::string::npos && out.find('\n') != std::string::npos) {
                    close_pipe();
                    return true;
                }
                if (n <= 0) break;  // stdout closed: the server exited
            }
        }
        error = "the server did not become ready (see " + m_log.string() + ")";
        kill_now();
        return false;
    }

    void close_pipe() {
        if (m_pipe >= 0) ::close(m_pipe);
        m_pipe = -1;
    }

    fs::path m_bin, m_config, m_data, m_log;
    pid_t m_pid = -1;
    int m_pipe = -1;
};

// ---- the hall on disk ----

std::string config_toml(const fs::path& catalog, int request_port, int publish_port, int counters, int utc_offset_hours) {
    char offset[32];
    std::snprintf(offset, sizeof offset, "%c%02d:00", utc_offset_hours < 0 ? '-' : '+', std::abs(utc_offset_hours));
    std::string toml = "[hall]\nname = \"Mal Uji Crash\"\nutc_offset = \"" + std::string(offset) + "\"\ncatalog = \"" +
                       catalog.string() + "\"\n\n[server]\nbind = \"127.0.0.1\"\nrequest_port = " +
                       std::to_string(request_port) + "\npublish_port = " + std::to_string(publish_port) +
                       "\nhttp_port = 0\n\n[hours]\n";
    for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
        toml += std::string(day) + " = \"00:00-24:00\"\n";
    toml += "\n[priority]\nmode = \"interleave\"\nregular_per_priority = 2\n\n[[agency]]\nid = \"contoh-dinas\"\n"
            "prefix = \"A\"\n\n[[agency.service]]\nid = \"contoh-dinas.layanan-tiga\"\nprefix = \"C\"\n";
    for (int i = 1; i <= counters; ++i)
        toml += "\n[[counter]]\nid = \"loket-" + std::to_string(i) + "\"\nname = \"Loket " + std::to_string(i) +
                "\"\nservices = [\"contoh-dinas.*\"]\n";
    return toml;
}

// The hall's UTC offset that puts its local time near noon now, far from midnight, so a long
// run never crosses a day (the day rollover has its own tests).
int noon_offset_hours() {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return 12 - utc.tm_hour;  // -11 .. +12, all valid offsets
}

// ---- clients ----

struct Shared {
    std::atomic<bool> stop{false};     // finish the current action, then leave
    std::atomic<bool> paused{false};   // do not start a new action
    std::atomic<int> busy{0};          // threads inside an action
    AckLog acks;
    std::atomic<std::int64_t> issued{0};
    std::atomic<std::int64_t> transitions{0};
    std::mutex mutex;
    std::vector<std::string> violations;  // replies no correct server would give
    std::vector<std::int64_t> issued_ids;  // for cancels

    void violation(std::string what) {
        std::lock_guard lock(mutex);
        violations.push_back(std::move(what));
    }
};

// One client thread: the body decides each action; this runs it with the retries and the
// pause protocol around it.
class Worker {
public:
    Worker(Shared& shared, ClientOptions options, std::uint64_t seed)
        : m_shared(shared), m_client(std::move(options)), m_rng(seed) {}
    virtual ~Worker() = default;

    void run() {
        while (!m_shared.stop.load()) {
            if (m_shared.paused.load()) {
                sleep_ms(2);
                continue;
            }
            ++m_shared.busy;
            if (m_shared.paused.load()) {  // the pauser may have looked at `busy` already
                --m_shared.busy;
                continue;
            }
            step();
            --m_shared.busy;
        }
    }

protected:
    virtual void step() = 0;

    // Sends a request and retries it, with the same request number, until the server answers.
    // Returns nullopt only when the run is being abandoned.
    std::optional<proto::Reply> request(MessageType type, const json& body) {
        const std::int64_t req = m_client.reserve_request_number();
        while (true) {
            auto reply = m_client.call_with(req, type, body);
            if (reply) {
                if (reply->ok && proto::message_info(type).mutating)
                    m_shared.acks.add(Ack{m_client.options().keys.name, m_client.client_id(), req,
                                          std::string(proto::message_info(type).name), reply->body});
                return *reply;
            }
            if (reply.error().code != "unreachable") {
                m_shared.violation(m_client.options().keys.name + ": undecodable reply to " +
                                   std::string(proto::message_info(type).name) + ": " + reply.error().message);
                return std::nullopt;
            }
            if (m_shared.stop.load() && m_abandon) return std::nullopt;
        }
    }

    void unexpected(const std::string& what, const proto::Reply& r) {
        m_shared.violation(m_client.options().keys.name + ": " + what + " answered " + r.error_code + ": " +
                           r.error_message);
    }

    double chance() { return std::uniform_real_distribution<double>(0, 1)(m_rng); }
    int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_rng); }

    Shared& m_shared;
    RequestClient m_client;
    std::mt19937_64 m_rng;

public:
    bool m_abandon = false;  // set when the server cannot come back: stop retrying
};

class KioskWorker : public Worker {
public:
    using Worker::Worker;

protected:
    void step() override {
        json body{{"service", kServices[between(0, 2)]}};
        if (chance() < 0.1) body["priority"] = "elderly";
        auto r = request(MessageType::issue_ticket, body);
        if (!r) return;
        if (!r->ok) {
            unexpected("issue_ticket", *r);
        } else {
            ++m_shared.issued;
            std::lock_guard lock(m_shared.mutex);
            m_shared.issued_ids.push_back(r->body["ticket"]["id"].get<std::int64_t>());
        }
        sleep_ms(between(2, 20));
    }
};

class CounterWorker : public Worker {
public:
    CounterWorker(Shared& shared, ClientOptions options, std::uint64_t seed, std::string officer, std::string counter)
        : Worker(shared, std::move(options), seed), m_officer(std::move(officer)), m_counter(std::move(counter)) {}

protected:
    void step() override {
        if (!m_logged_in) {
            auto r = request(MessageType::login, {{"officer", m_officer}, {"pin", kPin}, {"counter", m_counter}});
            if (!r) return;
            if (!r->ok) {
                unexpected("login", *r);
                sleep_ms(200);
                return;
            }
            m_logged_in = true;
            return;
        }
        switch (m_state) {
        case State::idle: idle(); break;
        case State::called: called(); break;
        case State::serving: serving(); break;
        }
        sleep_ms(between(0, 3));
    }

private:
    enum class State { idle, called, serving };

    void transition(const char* what, MessageType type, json body, State next) {
        body["counter"] = m_counter;
        auto r = request(type, body);
        if (!r) return;
        if (!r->ok) return unexpected(what, *r);
        ++m_shared.transitions;
        m_state = next;
    }

    void idle() {
        std::int64_t victim = 0;
        if (chance() < 0.05) {
            std::lock_guard lock(m_shared.mutex);
            if (!m_shared.issued_ids.empty())
                victim = m_shared.issued_ids[static_cast<std::size_t>(between(0, static_cast<int>(m_shared.issued_ids.size()) - 1))];
        }
        if (victim) {
            // Any waiting ticket may be cancelled; one already called elsewhere may not.
            auto r = request(MessageType::cancel, {{"ticket", victim}, {"note", "crash test"}});
            if (!r) return;
            if (r->ok) ++m_shared.transitions;
            else if (r->error_code != "illegal_transition" && r->error_code != "forbidden") unexpected("cancel", *r);
            return;
        }
        auto r = request(MessageType::call_next, {{"counter", m_counter}});
        if (!r) return;
        if (r->ok) {
            ++m_shared.transitions;
            m_state = State::called;
            m_service = r->body["ticket"]["service"].get<std::string>();
        } else if (r->error_code == "queue_empty") {
            sleep_ms(between(5, 20));
        } else {
            unexpected("call_next", *r);
        }
    }

    void called() {
        double c = chance();
        if (c < 0.07) return transition("no_show", MessageType::no_show, json::object(), State::idle);
        if (c < 0.12) return transition("recall", MessageType::recall, json::object(), State::called);
        transition("start_serving", MessageType::start_serving, json::object(), State::serving);
    }

    void serving() {
        if (chance() < 0.05) {
            std::string target = kServices[between(0, 2)];
            if (target != m_service)
                return transition("transfer", MessageType::transfer, {{"service", target}}, State::idle);
        }
        transition("finish", MessageType::finish, json::object(), State::idle);
    }

    std::string m_officer;
    std::string m_counter;
    std::string m_service;
    bool m_logged_in = false;
    State m_state = State::idle;
};

// ---- the run ----

// Figures of the whole run, over every hall.
struct Totals {
    int halls = 0;
    int cycles = 0;
    int startup_kills = 0;
    int violations = 0;
    std::int64_t tickets = 0;
    std::int64_t issued = 0;
    std::int64_t cancelled = 0;
    std::int64_t transitions = 0;
    std::int64_t acks = 0;
    std::int64_t slowest_converge = 0;
};

// One hall (data dir, server, clients) through a run of cycles. A long run uses a fresh hall
// every so many cycles, so one day's state stays the size of a busy day in a real hall.
class CrashRun {
public:
    CrashRun(const CrashOptions& options, std::uint64_t seed, fs::path work, int first_cycle, int cycles)
        : m_options(options), m_rng(seed), m_work(std::move(work)), m_first_cycle(first_cycle), m_cycles(cycles) {}
    ~CrashRun() { stop_workers(true); }

    // 0 when every check held, 1 on a violation, 2 when the hall could not be set up.
    int run(Totals& totals);

private:
    bool setup();
    bool pause_workers(int timeout_ms);
    void stop_workers(bool abandon);
    // Waits until the display's replica equals a fresh snapshot; returns the time it took.
    std::optional<std::int64_t> converge(int timeout_ms, std::string& why);
    std::vector<std::string> check(bool full);

    CrashOptions m_options;
    std::mt19937_64 m_rng;
    fs::path m_work;
    int m_first_cycle;
    int m_cycles;
    fs::path m_config_file;
    int m_request_port = 0;
    int m_publish_port = 0;
    int m_kiosks = 0;
    int m_counters = 0;
    std::unique_ptr<ServerProcess> m_server;
    Shared m_shared;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::vector<std::thread> m_threads;
    std::unique_ptr<HallLink> m_display;
    std::unique_ptr<RequestClient> m_admin;
    DatabaseChecker m_checker;
};

ClientOptions options_for(const fs::path& key_dir, int port, bool& ok) {
    ClientOptions o;
    o.host = "127.0.0.1";
    o.port = port;
    auto keys = load_client_keys(key_dir);
    ok = ok && static_cast<bool>(keys);
    if (keys) o.keys = *keys;
    // While the server is down clients just keep retrying; each attempt must leave time for a
    // CURVE handshake and a busy batch on a loaded machine, or a client would give up on every
    // connection before it is made.
    o.timeout_ms = 1000;
    o.attempts = 1;
    return o;
}

bool CrashRun::setup() {
    m_kiosks = std::max(1, (m_options.clients + 1) / 2);
    m_counters = std::max(1, m_options.clients / 2);
    std::error_code ec;
    fs::create_directories(m_work, ec);
    fs::path data = m_work / "data";
    if (fs::exists(data / "hall.db", ec)) {
        std::fprintf(stderr, "hall_crash: %s already holds a hall: give an empty --data folder\n", m_work.c_str());
        return false;
    }
    m_request_port = free_port(m_rng);
    m_publish_port = free_port(m_rng);
    while (m_publish_port == m_request_port) m_publish_port = free_port(m_rng);
    if (!m_request_port || !m_publish_port) {
        std::fprintf(stderr, "hall_crash: no free TCP port on 127.0.0.1\n");
        return false;
    }
    m_config_file = m_work / "hall.toml";
    std::ofstream(m_config_file) << config_toml(m_options.catalog, m_request_port, m_publish_port, m_counters,
                                                noon_offset_hours());
    const std::string bin = m_options.server_bin.string();
    const std::vector<std::string> common{"--config", m_config_file.string(), "--data", data.string()};
    auto command = [&](std::vector<std::string> args) {
        args.insert(args.begin(), bin);
        args.insert(args.end(), common.begin(), common.end());
        CommandResult r = run_command(args);
        if (r.status != 0) std::fprintf(stderr, "hall_crash: %s failed:\n%s", args[1].c_str(), r.output.c_str());
        return r.status == 0;
    };
    if (!command({"keys", "init"})) return false;
    auto enrol = [&](const std::string& role, const std::string& name) {
        return command({"keys", "add", "--role", role, "--name", name, "--out", (m_work / "keys" / name).string()});
    };
    for (int i = 1; i <= m_kiosks; ++i)
        if (!enrol("kiosk", "kiosk-" + std::to_string(i))) return false;
    for (int i = 1; i <= m_counters; ++i) {
        if (!enrol("counter", "counter-" + std::to_string(i))) return false;
        if (!command({"officer", "add", "--id", "petugas-" + std::to_string(i), "--name", "Petugas " + std::to_string(i),
                      "--pin", kPin}))
            return false;
    }
    if (!enrol("display", "display-1") || !enrol("admin", "admin-1")) return false;

    m_server = std::make_unique<ServerProcess>(m_options.server_bin, m_config_file, data, m_work / "server.log");
    std::string error;
    if (!m_server->start(true, error)) {
        std::fprintf(stderr, "hall_crash: %s\n", error.c_str());
        return false;
    }
    bool ok = true;
    for (int i = 1; i <= m_kiosks; ++i)
        m_workers.push_back(std::make_unique<KioskWorker>(
            m_shared, options_for(m_work / "keys" / ("kiosk-" + std::to_string(i)), m_request_port, ok), m_rng()));
    for (int i = 1; i <= m_counters; ++i)
        m_workers.push_back(std::make_unique<CounterWorker>(
            m_shared, options_for(m_work / "keys" / ("counter-" + std::to_string(i)), m_request_port, ok), m_rng(),
            "petugas-" + std::to_string(i), "loket-" + std::to_string(i)));
    ClientOptions display = options_for(m_work / "keys" / "display-1", m_request_port, ok);
    display.timeout_ms = 1000;
    display.attempts = 2;
    ClientOptions admin = options_for(m_work / "keys" / "admin-1", m_request_port, ok);
    admin.timeout_ms = 5000;
    if (!ok) {
        std::fprintf(stderr, "hall_crash: cannot read the client keys in %s\n", (m_work / "keys").c_str());
        return false;
    }
    m_admin = std::make_unique<RequestClient>(admin);
    m_display = std::make_unique<HallLink>(display);
    m_display->start();
    m_shared.paused = true;
    for (auto& w : m_workers) m_threads.emplace_back([&w] { w->run(); });
    return true;
}

bool CrashRun::pause_workers(int timeout_ms) {
    m_shared.paused = true;
    auto start = Clock::now();
    while (m_shared.busy.load() > 0) {
        if (ms_since(start) > timeout_ms) return false;
        sleep_ms(2);
    }
    return true;
}

void CrashRun::stop_workers(bool abandon) {
    for (auto& w : m_workers) w->m_abandon = abandon;
    m_shared.stop = true;
    for (auto& t : m_threads)
        if (t.joinable()) t.join();
    m_threads.clear();
    if (m_display) m_display->stop();
}

std::optional<std::int64_t> CrashRun::converge(int timeout_ms, std::string& why) {
    auto start = Clock::now();
    json want;
    json have;
    std::int64_t fetched = -1000000;
    while (ms_since(start) < timeout_ms) {
        // The hall is quiet (clients paused), so one snapshot stays right; ask again now and
        // then in case the server's clock moved something.
        if (ms_since(start) - fetched >= 500) {
            auto snap = m_admin->call(MessageType::snapshot);
            if (snap && snap->ok) {
                HallState server;
                server.load_snapshot(snap->body);
                want = server.canonical();
                fetched = ms_since(start);
            }
        }
        if (!want.is_null()) {
            have = m_display->state().canonical();
            if (have == want) return ms_since(start);
        }
        sleep_ms(10);
    }
    if (want.is_null()) {
        why = "the server gave no snapshot within " + std::to_string(timeout_ms) + " ms of its restart";
        return std::nullopt;
    }
    why = "the display's replica did not converge within " + std::to_string(timeout_ms) + " ms (replica at seq " +
          std::to_string(have.value("seq", std::int64_t{-1})) + " with " +
          std::to_string(have.value("tickets", json::array()).size()) + " tickets, server at seq " +
          std::to_string(want.value("seq", std::int64_t{-1})) + " with " +
          std::to_string(want.value("tickets", json::array()).size()) + " tickets)";
    return std::nullopt;
}

std::vector<std::string> CrashRun::check(bool full) {
    auto found = m_checker.check(m_work / "data" / "hall.db", m_shared.acks.copy(), full);
    std::lock_guard lock(m_shared.mutex);
    for (auto& v : m_shared.violations) found.push_back("client: " + v);
    m_shared.violations.clear();
    return found;
}

int CrashRun::run(Totals& totals) {
    if (!setup()) return 2;
    ++totals.halls;
    std::printf("hall %d: %d kiosk(s) and %d counter(s), cycles %d to %d, work folder %s\n", totals.halls, m_kiosks,
                m_counters, m_first_cycle, m_first_cycle + m_cycles - 1, m_work.c_str());
    std::fflush(stdout);

    int violations = 0;
    std::int64_t tickets_before = 0;
    std::string error;
    for (int cycle = m_first_cycle; cycle < m_first_cycle + m_cycles; ++cycle) {
        auto cycle_start = Clock::now();
        const std::int64_t acks_before = static_cast<std::int64_t>(m_shared.acks.size());
        // Work, then the crash at a random moment of it.
        m_shared.paused = false;
        int load = std::uniform_int_distribution<int>(m_options.min_load_ms, m_options.max_load_ms)(m_rng);
        if (std::uniform_int_distribution<int>(0, 9)(m_rng) == 0) load = std::uniform_int_distribution<int>(0, 40)(m_rng);
        sleep_ms(load);
        m_server->kill_now();
        auto found = check(false);
        // Now and then a second crash while the server is still starting.
        const bool startup_kill = std::uniform_int_distribution<int>(0, 7)(m_rng) == 0;
        if (found.empty() && startup_kill) {
            if (!m_server->start(false, error)) {
                std::fprintf(stderr, "hall_crash: %s\n", error.c_str());
                return 2;
            }
            sleep_ms(std::uniform_int_distribution<int>(0, 40)(m_rng));
            m_server->kill_now();
            ++totals.startup_kills;
            found = check(false);
        }
        if (found.empty()) {
            if (!m_server->start(true, error)) {
                std::fprintf(stderr, "hall_crash: cycle %d: cannot restart the server: %s\n", cycle, error.c_str());
                return 2;
            }
            // Every request sent before the crash gets its answer from the restarted server.
            if (!pause_workers(30000)) found.push_back("a client got no answer within 30 s of the restart");
        }
        std::optional<std::int64_t> converged;
        if (found.empty()) {
            std::string why;
            converged = converge(30000, why);
            if (!converged) found.push_back(why);
            else totals.slowest_converge = std::max(totals.slowest_converge, *converged);
        }
        const auto& f = m_checker.figures();
        std::printf("cycle %d/%d: kill after %d ms%s | tickets %lld (+%lld) events %lld | acknowledged replies +%lld | %s",
                    cycle, m_options.cycles, load, startup_kill ? " + a kill during start-up" : "",
                    static_cast<long long>(f.tickets), static_cast<long long>(f.tickets - tickets_before),
                    static_cast<long long>(f.events),
                    static_cast<long long>(static_cast<std::int64_t>(m_shared.acks.size()) - acks_before),
                    found.empty() ? "checks ok" : "VIOLATIONS");
        if (converged) std::printf(" | replica converged in %lld ms", static_cast<long long>(*converged));
        std::printf(" | %lld ms\n", static_cast<long long>(ms_since(cycle_start)));
        for (const auto& v : found) std::printf("  VIOLATION (cycle %d): %s\n", cycle, v.c_str());
        std::fflush(stdout);
        tickets_before = f.tickets;
        violations += static_cast<int>(found.size());
        ++totals.cycles;
        if (!found.empty()) break;
    }

    // The end: clients finish what they started, the server stops in order, and everything is
    // checked once more from scratch.
    if (violations == 0) {
        m_shared.paused = false;
        sleep_ms(200);
        stop_workers(false);
        if (!m_server->stop()) std::printf("  note: the server did not stop cleanly on SIGTERM\n");
        auto found = check(true);
        for (const auto& v : found) std::printf("  VIOLATION (final check of hall %d): %s\n", totals.halls, v.c_str());
        violations += static_cast<int>(found.size());
    } else {
        stop_workers(true);
        m_server->kill_now();
    }
    const auto& f = m_checker.figures();
    totals.violations += violations;
    totals.tickets += f.tickets;
    totals.cancelled += f.cancelled;
    totals.issued += m_shared.issued.load();
    totals.transitions += m_shared.transitions.load();
    totals.acks += static_cast<std::int64_t>(m_shared.acks.size());
    return violations == 0 ? 0 : 1;
}

}  // namespace

int run_crash(const CrashOptions& given) {
    CrashOptions options = given;
    if (options.seed == 0) options.seed = std::random_device{}() | (static_cast<std::uint64_t>(std::random_device{}()) << 32);
    if (options.catalog.empty()) options.catalog = fs::path(HALL_SOURCE_DIR) / "tests" / "fixtures" / "catalog";
    if (options.server_bin.empty()) {
        std::error_code ec;
        options.server_bin = fs::read_symlink("/proc/self/exe", ec).parent_path() / "queue_server";
    }
    options.catalog = fs::absolute(options.catalog);
    if (!fs::is_directory(options.catalog)) {
        std::fprintf(stderr, "hall_crash: no catalog folder at %s (use --catalog DIR)\n", options.catalog.c_str());
        return 2;
    }
    if (!fs::exists(options.server_bin)) {
        std::fprintf(stderr, "hall_crash: no queue_server at %s (use --server PATH)\n", options.server_bin.c_str());
        return 2;
    }
    // The clients' own retries are expected here: keep their log lines out of the report.
    log::set_level(log::Level::error);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    std::mt19937_64 rng(options.seed);
    const bool temporary = options.data.empty();
    fs::path base = temporary ? fs::temp_directory_path() / ("hall-crash-" + std::to_string(::getpid()) + "-" +
                                                             std::to_string(rng() % 1000000))
                              : options.data;
    std::printf("hall_crash: seed %llu, %d cycles, a fresh hall every %d cycles, work folder %s\n",
                static_cast<unsigned long long>(options.seed), options.cycles, options.cycles_per_hall, base.c_str());
    std::fflush(stdout);
    auto started = Clock::now();
    Totals totals;
    int status = 0;
    for (int first = 1; first <= options.cycles && status == 0; first += options.cycles_per_hall) {
        const int count = std::min(options.cycles_per_hall, options.cycles - first + 1);
        CrashRun hall_run(options, rng(), base / ("hall-" + std::to_string(totals.halls + 1)), first, count);
        status = hall_run.run(totals);
    }
    std::printf("hall_crash: %d cycle(s) on %d hall(s), %d SIGKILL(s) (%d during start-up), %lld tickets in the "
                "databases (%.0f per cycle; %lld acknowledged to kiosks, %lld cancelled), %lld acknowledged counter "
                "actions, %lld acknowledged replies checked, slowest replica convergence %lld ms, %d violation(s), "
                "seed %llu, %.1f s\n",
                totals.cycles, totals.halls, totals.cycles + totals.startup_kills, totals.startup_kills,
                static_cast<long long>(totals.tickets),
                totals.cycles ? static_cast<double>(totals.tickets) / totals.cycles : 0.0,
                static_cast<long long>(totals.issued), static_cast<long long>(totals.cancelled),
                static_cast<long long>(totals.transitions), static_cast<long long>(totals.acks),
                static_cast<long long>(totals.slowest_converge), totals.violations,
                static_cast<unsigned long long>(options.seed), static_cast<double>(ms_since(started)) / 1000.0);
    if (status == 0 && temporary) {
        std::error_code ec;
        fs::remove_all(base, ec);
    } else if (status == 1) {
        std::printf("hall_crash: the databases and the server's log are kept in %s\n", base.c_str());
    }
    return status;
}

}  // namespace hall::crash
