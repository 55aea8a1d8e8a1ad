// Processes are started with fork + exec (not posix_spawn) so the child can ask the kernel to
// kill it when hall_bench dies: an interrupted bench leaves no server or Xvfb running.
#include "tools/bench/bench_util.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace hall::bench {

namespace fs = std::filesystem;

std::int64_t now_ns() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

void sleep_ms(std::int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

double percentile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0;
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

Summary summarize(std::vector<double> values) {
    Summary s;
    if (values.empty()) return s;
    std::sort(values.begin(), values.end());
    s.count = values.size();
    double sum = 0;
    for (double v : values) sum += v;
    s.mean = sum / static_cast<double>(values.size());
    s.p50 = percentile(values, 0.50);
    s.p90 = percentile(values, 0.90);
    s.p99 = percentile(values, 0.99);
    s.max = values.back();
    return s;
}

void progress(const std::string& line) {
    std::fprintf(stderr, "[bench] %s\n", line.c_str());
    std::fflush(stderr);
}

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

// ---- Child ----

Child::~Child() { stop(2000); }

Child::Child(Child&& other) noexcept
    : m_pid(other.m_pid), m_out(other.m_out), m_buffer(std::move(other.m_buffer)) {
    other.m_pid = -1;
    other.m_out = -1;
}

Child& Child::operator=(Child&& other) noexcept {
    if (this != &other) {
        stop(2000);
        m_pid = other.m_pid;
        m_out = other.m_out;
        m_buffer = std::move(other.m_buffer);
        other.m_pid = -1;
        other.m_out = -1;
    }
    return *this;
}

bool Child::start(const std::vector<std::string>& args, const fs::path& stderr_file,
                  const std::vector<std::string>& extra_env, std::string& error) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        error = std::string("pipe: ") + std::strerror(errno);
        return false;
    }
    int err_fd = ::open(stderr_file.empty() ? "/dev/null" : stderr_file.c_str(),
                        O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    // Everything the child needs is prepared before fork: only async-signal-safe calls after.
    std::vector<std::string> args_copy = args;
    std::vector<char*> argv;
    for (auto& a : args_copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    for (const auto& e : extra_env) {
        auto name = e.substr(0, e.find('=') + 1);
        env_strings.erase(std::remove_if(env_strings.begin(), env_strings.end(),
                                         [&](const std::string& s) { return s.rfind(name, 0) == 0; }),
                          env_strings.end());
        env_strings.push_back(e);
    }
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    const pid_t parent = ::getpid();
    pid_t pid = ::fork();
    if (pid < 0) {
        error = std::string("fork: ") + std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        if (err_fd >= 0) ::close(err_fd);
        return false;
    }
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        ::dup2(fds[1], 1);
        if (err_fd >= 0) ::dup2(err_fd, 2);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(fds[1]);
    if (err_fd >= 0) ::close(err_fd);
    m_pid = pid;
    m_out = fds[0];
    m_buffer.clear();
    return true;
}

std::optional<std::string> Child::read_line(int timeout_ms) {
    const std::int64_t deadline = now_ns() + std::int64_t{timeout_ms} * 1000000;
    while (true) {
        auto nl = m_buffer.find('\n');
        if (nl != std::string::npos) {
            std::string line = m_buffer.substr(0, nl);
            m_buffer.erase(0, nl + 1);
            return line;
        }
        if (m_out < 0) return std::nullopt;
        const std::int64_t left_ms = (deadline - now_ns()) / 1000000;
        if (left_ms <= 0) return std::nullopt;
        pollfd p{m_out, POLLIN, 0};
        int rc = ::poll(&p, 1, static_cast<int>(left_ms));
        if (rc < 0 && errno == EINTR) continue;
        if (rc <= 0) return std::nullopt;
        char buf[4096];
        ssize_t n = ::read(m_out, buf, sizeof buf);
        if (n <= 0) {
            ::close(m_out);
            m_out = -1;
            if (m_buffer.empty()) return std::nullopt;
            std::string line = std::move(m_buffer);
            m_buffer.clear();
            return line;
        }
        m_buffer.append(buf, static_cast<std::size_t>(n));
    }
}

int Child::wait(int timeout_ms) {
    if (m_pid <= 0) return -1;
    const std::int64_t deadline = now_ns() + std::int64_t{timeout_ms} * 1000000;
    while (true) {
        int status = 0;
        pid_t r = ::waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid) {
            m_pid = -1;
            if (m_out >= 0) ::close(m_out);
            m_out = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (r < 0) {
            m_pid = -1;
            return -1;
        }
        if (now_ns() >= deadline) return -1;
        sleep_ms(10);
    }
}

int Child::stop(int grace_ms) {
    if (m_pid <= 0) {
        if (m_out >= 0) ::close(m_out);
        m_out = -1;
        return -1;
    }
    ::kill(m_pid, SIGTERM);
    int code = wait(grace_ms);
    if (code >= 0) return code;
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        code = wait(5000);
    }
    return code;
}

// ---- /proc ----

std::optional<double> process_cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The command name (field 2) may hold spaces: fields are counted after its closing ')'.
    auto close = text.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && (fields >> field); ++i) {
        if (i == 14) utime = std::strtoull(field.c_str(), nullptr, 10);
        if (i == 15) stime = std::strtoull(field.c_str(), nullptr, 10);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::optional<Memory> process_memory(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    if (!in) return std::nullopt;
    Memory m;
    std::string line;
    bool any = false;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) m.rss_kib = std::strtol(line.c_str() + 6, nullptr, 10), any = true;
        if (line.rfind("VmHWM:", 0) == 0) m.hwm_kib = std::strtol(line.c_str() + 6, nullptr, 10);
    }
    if (!any) return std::nullopt;
    return m;
}

fs::path bin_dir() {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path() : self.parent_path();
}

fs::path source_dir() {
    const char* env = std::getenv("HALL_SOURCE_DIR");
    return env ? fs::path(env) : fs::path(HALL_SOURCE_DIR);
}

}  // namespace hall::bench
