// `queue_server doctor`: a hall's health, checked from the server machine. Every check gives
// one line: fine, or a problem with its fix. It only reads: the database is opened read-only and
// nothing in the data dir is changed.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hall::server {

struct DoctorLine {
    bool ok = true;
    std::string text;  // "Indonesian / English"
    std::string fix;   // for a problem: what to do, usually a command
};

struct DoctorOptions {
    std::int64_t now_ms = 0;                 // for "last seen ... ago"
    std::uint64_t min_free_bytes = 1ULL << 30;  // less free space than this is a problem
    int printer_timeout_ms = 2000;           // a network printer's connect timeout
};

// Runs every check on the hall of `config_file` with its data in `data_dir`.
std::vector<DoctorLine> run_doctor(const std::filesystem::path& config_file, const std::filesystem::path& data_dir,
                                   const DoctorOptions& options);

// One line of the report: "  ok  ..." or "  !!  ... -> Perbaikan / Fix: ...".
std::string format_doctor_line(const DoctorLine& line);

}  // namespace hall::server
