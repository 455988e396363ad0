#include "main_window.h"

#include "broker/broker.h"
#include "console/console_client.h"
#include "console/console_widget.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenuBar>
#include <QStatusBar>

namespace ql {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_broker(std::make_unique<Broker>(std::make_shared<SystemClock>())),
      m_client(new ConsoleClient(*m_broker, QStringLiteral("console"), this)),
      m_console(new ConsoleWidget(m_client, this))
{
    setWindowTitle(tr("QueueLab"));
    setCentralWidget(m_console);
    resize(960, 640);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *clear = edit->addAction(tr("&Clear console"));
    clear->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(clear, &QAction::triggered, m_console, &ConsoleWidget::clear);

    statusBar()->showMessage(tr("Embedded broker with Redis 7.0 semantics - you are client 'console'"));
    m_console->input()->setFocus();
}

MainWindow::~MainWindow()
{
    delete m_console;
    delete m_client; // closes the client before the broker stops
}

} // namespace ql
