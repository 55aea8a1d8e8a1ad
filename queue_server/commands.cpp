// Command-line front of the server core. Parses arguments, loads the config, and calls into the
// core; it holds no hall logic of its own.
#include "queue_server/commands.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/log.hpp"
#include "queue_server/audit.hpp"
#include "queue_server/backup.hpp"
#include "queue_server/doctor.hpp"
#include "queue_server/http_input.hpp"
#include "queue_server/report.hpp"
#include "queue_server/server.hpp"

namespace hall::server {

namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

constexpr const char* kUsage =
    "usage:\n"
    "  queue_server serve --config FILE --data DIR\n"
    "  queue_server keys init --config FILE --data DIR\n"
    "  queue_server keys add --role kiosk|counter|display|admin [--name NAME] --config FILE --data DIR --out KEYDIR\n"
    "  queue_server officer add --config FILE --data DIR --id ID --name NAME --pin PIN [--role officer|admin]\n"
    "  queue_server backup --config FILE --data DIR --out FILE      (while the server runs, too)\n"
    "  queue_server restore --config FILE --data DIR --from FILE    (the server must be stopped)\n"
    "  queue_server catalog check DIR\n"
    "  queue_server doctor --config FILE --data DIR               (checks the hall; exit 1 on a problem)\n"
    "  queue_server report --config FILE --data DIR --from YYYY-MM-DD --to YYYY-MM-DD --format csv|html --out FILE\n";

struct Args {
    std::vector<std::string> words;
    std::map<std::string, std::string> options;
};

Result<Args> parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        if (s.rfind("--", 0) == 0) {
            if (i + 1 >= argc) return make_error("usage", "option " + s + " needs a value");
            a.options[s.substr(2)] = argv[++i];
        } else {
            a.words.push_back(s);
        }
    }
    return a;
}

int fail(const std::string& message) {
    std::fprintf(stderr, "queue_server: %s\n", message.c_str());
    return 1;
}

Result<std::string> need(const Args& a, const std::string& key) {
    auto it = a.options.find(key);
    if (it == a.options.end() || it->second.empty()) return make_error("usage", "missing --" + key);
    return it->second;
}

// Loads the config (and its catalog) named by --config.
Result<HallConfig> config_from(const Args& a, Catalog& catalog) {
    auto file = need(a, "config");
    if (!file) return file.error();
    if (!fs::exists(*file)) return make_error("no_config", "config file " + *file + " does not exist");
    return load_hall_config(*file, &catalog);
}

// An audit entry for an admin action taken on the command line, in its own transaction.
Status audit_command(Database& db, const std::string& action, const json& detail) {
    AuditEntry e;
    e.at = system_clock_ms();
    e.device = command_line_device();
    e.role = "cli";
    e.action = action;
    e.detail = detail;
    Transaction tx(db);
    if (!tx.began()) return make_error("storage_error", db.last_error());
    if (auto s = append_audit(db, e); !s) return s;
    return tx.commit();
}

int cmd_serve(const Args& a) {
    Catalog catalog;
    auto config = config_from(a, catalog);
    if (!config) return fail(config.error().message);
    auto data = need(a, "data");
    if (!data) return fail(data.error().message);
    auto server = Server::create(*config, catalog, *data);
    if (!server) return fail(server.error().message);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    // One machine-readable line on stdout for scripts that started us on free ports.
    std::printf("ready request_port=%d publish_port=%d http_port=%d\n", (*server)->request_port(),
                (*server)->publish_port(), (*server)->http_port());
    std::fflush(stdout);
    (*server)->run(g_stop);
    return 0;
}

int cmd_keys(const Args& a) {
    if (a.words.size() < 2) return fail(std::string("missing keys subcommand\n") + kUsage);
    Catalog catalog;
    auto config = config_from(a, catalog);
    if (!config) return fail(config.error().message);
    auto data = need(a, "data");
    if (!data) return fail(data.error().message);
    if (a.words[1] == "init") {
        auto keys = init_server_keys(*data);
        if (!keys) return fail(keys.error().message);
        std::printf("server key pair written to %s (public key %s)\n", (fs::path(*data) / "server.key").c_str(),
                    keys->public_key.c_str());
        return 0;
    }
    if (a.words[1] == "add") {
        auto role = need(a, "role");
        if (!role) return fail(role.error().message);
        auto out = need(a, "out");
        if (!out) return fail(out.error().message);
        std::string name = a.options.count("name") ? a.options.at("name") : fs::path(*out).filename().string();
        auto keys = enrol_client(*data, name, *role);
        if (!keys) return fail(keys.error().message);
        if (auto db = Database::open(fs::path(*data) / kDatabaseFile); db)
            if (auto s = audit_command(*db, "keys_add", json{{"name", name}, {"role", *role}}); !s)
                return fail("enrolled " + name + " but could not write the audit log: " + s.error().message);
        if (auto s = save_client_keys(*out, *keys); !s) return fail(s.error().message);
        std::printf("enrolled %s as %s; keys written to %s\n", name.c_str(), role->c_str(), out->c_str());
        return 0;
    }
    return fail("unknown keys subcommand '" + a.words[1] + "'");
}

int cmd_officer(const Args& a) {
    if (a.words.size() < 2 || a.words[1] != "add") return fail(std::string("unknown officer subcommand\n") + kUsage);
    Catalog catalog;
    auto config = config_from(a, catalog);
    if (!config) return fail(config.error().message);
    auto data = need(a, "data");
    auto id = need(a, "id");
    auto name = need(a, "name");
    auto pin = need(a, "pin");
    for (auto* r : {&data, &id, &name, &pin})
        if (!*r) return fail(r->error().message);
    // An admin may also log in to the supervisor's web pages.
    const std::string role = a.options.count("role") ? a.options.at("role") : "officer";
    if (role != "officer" && role != "admin") return fail("unknown officer role '" + role + "' (officer, admin)");
    auto db = Database::open(fs::path(*data) / kDatabaseFile);
    if (!db) return fail(db.error().message);
    HallEngine engine(*db, *config, catalog, system_clock_ms);
    if (auto s = engine.prepare(); !s) return fail(s.error().message);
    Transaction tx(*db);
    auto added = engine.add_officer(*id, *name, *pin);
    if (!added) return fail(added.error().message);
    {
        Statement q(*db, "UPDATE officers SET role = ?2 WHERE id = ?1");
        q.bind(1, *id).bind(2, role);
        if (!q.run()) return fail(q.error());
    }
    {
        AuditEntry e;
        e.at = system_clock_ms();
        e.device = command_line_device();
        e.role = "cli";
        e.action = "officer_add";
        e.detail = json{{"officer", *id}, {"name", *name}, {"role", role}};
        if (auto s = append_audit(*db, e); !s) return fail(s.error().message);
    }
    if (auto s = tx.commit(); !s) return fail(s.error().message);
    std::printf("officer %s (%s) added as %s\n", id->c_str(), name->c_str(), role.c_str());
    return 0;
}

// An online backup: a consistent copy even while the server serves (SQLite's backup API).
int cmd_backup(const Args& a) {
    Catalog catalog;
    auto config = config_from(a, catalog);
    if (!config) return fail(config.error().message);
    auto data = need(a, "data");
    auto out = need(a, "out");
    for (auto* r : {&data, &out})
        if (!*r) return fail(r->error().message);
    auto made = backup_database(fs::path(*data) / kDatabaseFile, *out);
    if (!made) return fail(made.error().message);
    std::printf("backup written to %s: %lld tickets, %lld events, %lld bytes\n", out->c_str(),
                static_cast<long long>(made->tickets), static_cast<long long>(made->events),
                static_cast<long long>(made->bytes));
    // A backup user may read the database without being allowed to write it: the backup stands.
    if (auto db = Database::open(fs::path(*data) / kDatabaseFile); !db)
        std::fprintf(stderr, "queue_server: warning: backup not recorded in the audit log: %s\n", db.error().message.c_str());
    else if (auto s = audit_command(*db, "backup", json{{"out", *out}, {"tickets", made->tickets}}); !s)
        std::fprintf(stderr, "queue_server: warning: backup not recorded in the audit log: %s\n", s.error().message.c_str());
    return 0;
}

// Restores a backup into a stopped server's data dir; the current database is kept aside.
int cmd_restore(const Args& a) {
    Catalog catalog;
    auto config = config_from(a, catalog);
    if (!config) return fail(config.error().message);
    auto data = need(a, "data");
    auto from = need(a, "from");
    for (auto* r : {&data, &from})
        if (!*r) return fail(r->error().message);
    std::error_code ec;
    fs::create_directories(*data, ec);
    // A running server holds this lock: restoring under it would pull the file from under it.
    auto lock = DataDirLock::acquire(*data);
    if (!lock) return fail(lock.error().message);
    std::string stamp = backup_file_name(system_clock_ms(), config->utc_offset_minutes).substr(5, 15);
    fs::path previous = fs::path(*data) / (std::string(kDatabaseFile) + ".before-restore-" + stamp);
    auto restored = restore_database(*data, *from, previous);
    if (!restored) return fail(restored.error().message);
    auto db = Database::open(fs::path(*data) / kDatabaseFile);
    if (!db) return fail(db.error().message);
    json detail{{"from", *from}, {"tickets", restored->tickets}};
    if (fs::exists(previous, ec)) detail["previous"] = previous.string();
    if (auto s = audit_command(*db, "restore", detail); !s) return fail(s.error().message);
    std::printf("restored %s into %s: %lld tickets, %lld events\n", from->c_str(), data->c_str(),
                static_cast<long long>(restored->tickets), static_cast<long long>(restored->events));
    if (fs::exists(previous, ec)) std::printf("the database it replaced is kept as %s\n", previous.c_str());
    return 0;
}

// The supervisor's report for a date range, from the database (read-only: the server may be
// serving), as CSV or as the printable HTML page.
int cmd_report(const Args& a) {
    Catalog catalog;
    auto config = config_from(a, catalog);
    if (!config) return fail(config.error().message);
    auto data = need(a, "data");
    auto from = need(a, "from");
    auto to = need(a, "to");
    auto format = need(a, "format");
    auto out = need(a, "out");
    for (auto* r : {&data, &from, &to, &format, &out})
        if (!*r) return fail(r->error().message);
    if (*format != "csv" && *format != "html") return fail("unknown --format '" + *format + "' (csv, html)");
    auto range = web::parse_range(*from, *to);
    if (!range) return fail(range.error().message);
    const fs::path file = fs::path(*data) / kDatabaseFile;
    if (!fs::exists(file)) return fail("no database in " + *data + " (is this the server's data dir?)");
    auto db = Database::open_read_only(file);
    if (!db) return fail(db.error().message);
    auto built = report::build(*db, *config, catalog, range->from, range->to, system_clock_ms());
    if (!built) return fail("cannot build the report: " + built.error().message);
    const std::string text = *format == "csv" ? report::to_csv(*built) : report::to_html(*built, /*controls=*/false);
    std::FILE* f = std::fopen(out->c_str(), "wb");
    if (!f) return fail("cannot write " + *out);
    const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !written) return fail("cannot write " + *out + " (disk full?)");
    std::printf("report %s to %s written to %s: %lld tickets\n", range->from.c_str(), range->to.c_str(), out->c_str(),
                static_cast<long long>((*built)["totals"]["issued"].get<std::int64_t>()));
    return 0;
}

int cmd_doctor(const Args& a) {
    auto config = need(a, "config");
    auto data = need(a, "data");
    if (!config || !data) return fail(std::string("usage: queue_server doctor --config FILE --data DIR"));
    DoctorOptions options;
    options.now_ms = system_clock_ms();
    const std::vector<DoctorLine> lines = run_doctor(*config, *data, options);
    const auto problems = std::count_if(lines.begin(), lines.end(), [](const DoctorLine& l) { return !l.ok; });
    std::printf("queue_server doctor: %s, %s\n", config->c_str(), data->c_str());
    for (const DoctorLine& line : lines) std::printf("%s\n", format_doctor_line(line).c_str());
    if (problems == 0) std::printf("Semua baik / All good.\n");
    else std::printf("%ld masalah / problem(s).\n", static_cast<long>(problems));
    return problems == 0 ? 0 : 1;
}

int cmd_catalog(const Args& a) {
    if (a.words.size() < 3 || a.words[1] != "check") return fail(std::string("usage: queue_server catalog check DIR"));
    auto problems = Catalog::check(a.words[2]);
    if (!problems.empty()) {
        std::fprintf(stderr, "%s\n", format_problems(problems).c_str());
        std::fprintf(stderr, "catalog check: %zu problem(s) in %s\n", problems.size(), a.words[2].c_str());
        return 1;
    }
    auto catalog = Catalog::load(a.words[2]);
    if (!catalog) return fail(catalog.error().message);
    std::printf("catalog check: %zu agencies, %zu services, no problems\n", catalog->agencies().size(),
                catalog->service_count());
    for (const Agency& ag : catalog->agencies())
        std::printf("  %-28s %3zu services  %s\n", ag.id.c_str(), ag.services.size(), ag.name.c_str());
    return 0;
}

}  // namespace

int run_command_line(int argc, char** argv) {
    auto args = parse_args(argc, argv);
    if (!args) return fail(args.error().message + "\n" + kUsage);
    if (args->words.empty() || args->words[0] == "help" || args->options.count("help")) {
        std::fputs(kUsage, args->words.empty() ? stderr : stdout);
        return args->words.empty() ? 2 : 0;
    }
    const std::string& cmd = args->words[0];
    try {
        if (cmd == "serve") return cmd_serve(*args);
        if (cmd == "keys") return cmd_keys(*args);
        if (cmd == "officer") return cmd_officer(*args);
        if (cmd == "catalog") return cmd_catalog(*args);
        if (cmd == "backup") return cmd_backup(*args);
        if (cmd == "restore") return cmd_restore(*args);
        if (cmd == "report") return cmd_report(*args);
        if (cmd == "doctor") return cmd_doctor(*args);
    } catch (const std::exception& e) {
        return fail(std::string("unexpected error: ") + e.what());
    }
    return fail("unknown command '" + cmd + "'\n" + kUsage);
}

}  // namespace hall::server
