#include "main_window.h"

#include "console/console_widget.h"
#include "console/engine_session.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenuBar>
#include <QStatusBar>

namespace ql {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_session(new EngineSession(this)), m_console(new ConsoleWidget(m_session, this))
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

    statusBar()->showMessage(tr("Embedded Redis 7.0 engine - type a command as client 'console'"));
    m_console->input()->setFocus();
}

MainWindow::~MainWindow() = default;

} // namespace ql
