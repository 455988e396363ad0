// queuelab: the window with an embedded broker, or (--serve) the broker behind a RESP
// server without a window.
#include "main/main_window.h"
#include "server/serve_command.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstring>
#include <memory>

int main(int argc, char **argv)
{
    bool serve = false;
    for (int i = 1; i < argc; ++i)
        serve = serve || std::strcmp(argv[i], "--serve") == 0;
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
    QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port for --serve (default 6399)."),
        QStringLiteral("port"), QStringLiteral("6399"));
    QCommandLineOption bindOption(QStringLiteral("bind"), QStringLiteral("Address for --serve (default 127.0.0.1)."),
        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    QCommandLineOption maxClientsOption(QStringLiteral("maxclients"),
        QStringLiteral("Most connections at once (default 10000)."), QStringLiteral("n"), QStringLiteral("10000"));
    parser.addOptions({serveOption, portOption, bindOption, maxClientsOption});
    parser.process(*app);

    if (parser.isSet(serveOption)) {
        bool portOk = false;
        ql::ServerOptions options;
        options.port = parser.value(portOption).toInt(&portOk);
        options.bind = parser.value(bindOption).toStdString();
        options.maxClients = parser.value(maxClientsOption).toInt();
        if (!portOk || options.port < 0 || options.port > 65535) {
            std::fprintf(stderr, "queuelab: --port needs a number from 0 to 65535\n");
            return 2;
        }
        return ql::runServer(options);
    }

    ql::MainWindow window;
    window.show();
    return QApplication::exec();
}
