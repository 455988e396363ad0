// queuelab: the window with an embedded Redis-semantics engine.
#include "main/main_window.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("QueueLab"));
    QApplication::setOrganizationName(QStringLiteral("QueueLab"));
    QApplication::setApplicationVersion(QStringLiteral(QUEUELAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("See how Redis moves messages: Pub/Sub, Lists and Streams."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    ql::MainWindow window;
    window.show();
    return QApplication::exec();
}
