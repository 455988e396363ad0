#include "serve_command.h"

#include "broker/broker.h"

#include <csignal>
#include <cstdio>
#include <pthread.h>

namespace ql {

int runServer(const ServerOptions &options)
{
    // Block the stop signals in every thread (they inherit the mask) and wait for them here.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    Broker broker(std::make_shared<SystemClock>());
    RespServer server(broker, options);
    std::string error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "queuelab: %s\n", error.c_str());
        return 1;
    }
    std::printf(
        "QueueLab is serving the Redis protocol on %s:%d (Ctrl-C stops it)\n", options.bind.c_str(), server.port());
    std::fflush(stdout);
    int sig = 0;
    sigwait(&stopSignals, &sig);
    std::printf("QueueLab: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    server.stop();
    return 0;
}

} // namespace ql
