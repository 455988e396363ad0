// The main window: for now a console wired to the engine; the scene, inspector and
// event log grow around it.
#pragma once

#include <QMainWindow>

#include <memory>

namespace ql {

class ConsoleWidget;
class Broker;
class ConsoleClient;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ConsoleWidget *console() const { return m_console; }
    Broker &broker() const { return *m_broker; }

private:
    std::unique_ptr<Broker> m_broker;
    ConsoleClient *m_client;
    ConsoleWidget *m_console;
};

} // namespace ql
