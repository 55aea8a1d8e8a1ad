// The queue_server command line: serve, keys init, keys add, officer add, backup, restore,
// catalog check.
// Each failure is one clear line on stderr and a non-zero exit status.
#pragma once

namespace hall::server {

// Runs the command named by argv[1..]; returns the process exit status.
int run_command_line(int argc, char** argv);

}  // namespace hall::server
