// queue_server: the hall's single source of truth. All logic lives in queue_server_core.
#include "queue_server/commands.hpp"

int main(int argc, char** argv) { return hall::server::run_command_line(argc, argv); }
