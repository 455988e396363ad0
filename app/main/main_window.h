// The main window: for now a console wired to the engine; the scene, inspector and
// event log grow around it.
#pragma once

#include <QMainWindow>

namespace ql {

class ConsoleWidget;
class EngineSession;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ConsoleWidget *console() const { return m_console; }

private:
    EngineSession *m_session;
    ConsoleWidget *m_console;
};

} // namespace ql
