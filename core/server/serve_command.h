// `queuelab --serve`: the broker and the RESP server without a window, until Ctrl-C or
// SIGTERM.
#pragma once

#include "resp_server.h"

namespace ql {

// Prints where it listens (or why it cannot) and returns the process exit code.
int runServer(const ServerOptions &options);

} // namespace ql
