// queuelab: the window with an embedded broker (--listen also serves it over the Redis
// protocol), or (--serve) the broker behind a RESP server without a window, or
// (--run FILE --headless) a scenario played at full speed, its transcript on stdout.
#include "main/main_window.h"
#include "scenario/scenario_runner.h"
#include "server/resp_server.h"
#include "server/serve_command.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLabel>
#include <QStatusBar>

#include <cstring>
#include <memory>

int main(int argc, char **argv)
{
    bool serve = false;
    for (int i = 1; i < argc; ++i)
        serve = serve || std::strcmp(argv[i], "--serve") == 0 || std::strcmp(argv[i], "--headless") == 0;
    std::unique_ptr<QCoreApplication> app
        = serve ? std::make_unique<QCoreApplication>(argc, argv) : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("QueueLab"));
    QCoreApplication::setOrganizationName(QStringLiteral("QueueLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUEUELAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("See how Redis moves messages: Pub/Sub, Lists and Streams."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption serveOption(
        QStringLiteral("serve"), QStringLiteral("No window: serve the Redis protocol until Ctrl-C."));
    QCommandLineOption listenOption(QStringLiteral("listen"),
        QStringLiteral("With the window: also serve the Redis protocol on this port."), QStringLiteral("port"));
    QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port for --serve (default 6399)."),
        QStringLiteral("port"), QStringLiteral("6399"));
    QCommandLineOption bindOption(QStringLiteral("bind"),
        QStringLiteral("Address to serve on (default 127.0.0.1; any other needs --requirepass)."),
        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    QCommandLineOption passOption(QStringLiteral("requirepass"),
        QStringLiteral("Clients must AUTH with this password first."), QStringLiteral("password"));
    QCommandLineOption maxClientsOption(QStringLiteral("maxclients"),
        QStringLiteral("Most connections at once (default 10000)."), QStringLiteral("n"), QStringLiteral("10000"));
    QCommandLineOption runOption(QStringLiteral("run"),
        QStringLiteral("Play this scenario (.qls). With --headless: print its transcript and exit with 0 when "
                       "every expectation held, 1 when one failed, 2 when the file has errors."),
        QStringLiteral("file"));
    QCommandLineOption headlessOption(QStringLiteral("headless"), QStringLiteral("No window (with --run)."));
    parser.addOptions(
        {serveOption, listenOption, portOption, bindOption, passOption, maxClientsOption, runOption, headlessOption});
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A scenario (.qls) to open in the window."),
        QStringLiteral("[scenario]"));
    parser.process(*app);
    QString scenarioFile = parser.value(runOption);
    if (scenarioFile.isEmpty() && !parser.positionalArguments().isEmpty())
        scenarioFile = parser.positionalArguments().constFirst();
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "queuelab: one scenario at a time\n");
        return 2;
    }

    // The application object was chosen before parsing (a window needs QApplication): if
    // the parser read the options differently (`--run --headless` takes "--headless" as
    // the file), say so rather than fail to open a window.
    const bool windowless = qobject_cast<QApplication *>(app.get()) == nullptr;
    if (windowless && !parser.isSet(headlessOption) && !parser.isSet(serveOption)) {
        std::fprintf(stderr, "queuelab: --run needs a scenario file: --run FILE --headless\n");
        return 2;
    }
    if (parser.isSet(headlessOption)) {
        if (scenarioFile.isEmpty()) {
            std::fprintf(stderr, "queuelab: --headless needs a scenario: --run FILE --headless\n");
            return 2;
        }
        return ql::scenario::runHeadless(scenarioFile.toStdString(), stdout, stderr);
    }

    bool serving = parser.isSet(serveOption);
    bool listening = !serving && parser.isSet(listenOption);
    ql::ServerOptions options;
    if (serving || listening) {
        bool portOk = false;
        bool maxOk = false;
        options.port = parser.value(listening ? listenOption : portOption).toInt(&portOk);
        options.bind = parser.value(bindOption).toStdString();
        options.requirePass = parser.value(passOption).toStdString();
        options.maxClients = parser.value(maxClientsOption).toInt(&maxOk);
        if (!portOk || options.port < 0 || options.port > 65535) {
            std::fprintf(stderr, "queuelab: the port must be a number from 0 to 65535\n");
            return 2;
        }
        if (!maxOk || options.maxClients < 1) {
            std::fprintf(stderr, "queuelab: --maxclients needs a number of at least 1\n");
            return 2;
        }
    }
    if (serving)
        return ql::runServer(options);

    ql::MainWindow window;
    std::unique_ptr<ql::RespServer> server; // after the window: stops before its broker does
    if (listening) {
        server = std::make_unique<ql::RespServer>(window.broker(), options);
        std::string error;
        if (!server->start(&error)) {
            std::fprintf(stderr, "queuelab: %s\n", error.c_str());
            return 1;
        }
        std::printf("QueueLab is serving the Redis protocol on %s:%d\n", options.bind.c_str(), server->port());
        std::fflush(stdout);
        // Permanent: menu hints must not wipe it out.
        window.statusBar()->addPermanentWidget(
            new QLabel(QCoreApplication::translate("main", "Serving the Redis protocol on %1:%2")
                           .arg(QString::fromStdString(options.bind))
                           .arg(server->port())));
    }
    window.show();
    if (!scenarioFile.isEmpty())
        window.openScenario(scenarioFile);
    return QApplication::exec();
}
