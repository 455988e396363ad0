// The main window: the scene on top, the consoles below it (one tab per client), the
// Clients dock and the time controls; the inspector and event log come next. The window owns the embedded broker
// on a virtual clock, so pausing freezes timeouts, stream ids and idle times together.
#pragma once

#include "engine/event.h"
#include "inspector/properties_model.h"

#include <QMainWindow>

#include <map>
#include <memory>
#include <string>
#include <vector>

class QTabWidget;
class QDockWidget;
class QSplitter;
class QTimer;
class QAction;
class QMenu;

namespace ql {

namespace scenario {
class Recorder;
}

class Broker;
class ClientsPanel;
class ConsoleClient;
class FeedPump;
class LiveWorld;
class SceneView;
class WorldScene;
class ConsoleWidget;
class EventLogPanel;
class InspectorPanel;
class TimeControls;
class VirtualClock;
class ScenarioPlayer;
class ScenarioControls;
class ScenarioPanel;
class CaptionOverlay;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // The console of the client whose tab is shown.
    ConsoleWidget *console() const;
    ConsoleWidget *consoleOf(const QString &clientName) const;
    Broker &broker() const { return *m_broker; }
    VirtualClock &clock() const { return *m_clock; }
    ClientsPanel *clientsPanel() const { return m_clientsPanel; }
    TimeControls *timeControls() const { return m_time; }
    WorldScene *scene() const { return m_scene; }
    SceneView *sceneView() const { return m_sceneView; }
    FeedPump *feed() const { return m_pump; }
    LiveWorld *world() const { return m_world; }
    EventLogPanel *eventLog() const { return m_eventLog; }
    InspectorPanel *inspector() const { return m_inspector; }
    QColor colorOf(ClientId id) const;

    // Opens a client of the broker with its console tab and row in the Clients dock; with
    // `adopt`, takes over that open connection instead (a scenario's client).
    ClientId addClient(const QString &name, ClientId adopt = kNoClient);
    // Closes the client's connection (its tab and row go away).
    void closeClient(ClientId id);
    // Renames the client with CLIENT SETNAME from its own console.
    void renameClient(ClientId id, const QString &name);
    // Empties every database and starts again with the default clients.
    void resetWorld();
    QStringList clientNames() const;
    ClientId clientId(const QString &name) const; // kNoClient when there is none
    // Shows a client's console tab.
    void showClient(ClientId id);
    // Shows a message's history in the inspector: "entry:<db>:<key>:<id>" (a stream
    // entry) or "element:<db>:<key>:<index>" (a list element), as the scene reports clicks.
    // The history is followed from then on, wherever the message goes.
    void selectMessage(const QString &subject);
    // Runs a command on a short-lived connection of the window's own (CLIENT UNBLOCK, reset).
    void sendAsWindow(std::vector<std::string> argv);

    // ---- Scenarios (main_window_scenario.cpp) ----
    // Shows a scenario (a file, or a lesson at ":/scenarios/...") in the Scenario dock and
    // loads it paused at its start, on an emptied world. False, with the reason shown,
    // when it cannot be read or has errors (they are marked in the editor).
    bool openScenario(const QString &path);
    // Leaves the scenario: the world stays, time runs, and the script's open connections
    // become consoles as they are (blocked, subscribed...), so one types on from that
    // moment (the window's producer/consumer come back when none is left).
    void closeScenario();
    bool scenarioMode() const { return m_scenarioMode; }
    // File > Record: empties the world, sets the clock to the scenario epoch and keeps
    // every command typed from then on with its virtual time.
    void startRecording();
    bool isRecording() const { return m_recorder != nullptr; }
    // Ends the recording and returns it as a scenario (empty when nothing was typed).
    QString stopRecording();
    ScenarioPlayer *scenarioPlayer() const { return m_player; }
    ScenarioControls *scenarioControls() const { return m_scenarioControls; }
    ScenarioPanel *scenarioPanel() const { return m_scenarioPanel; }
    CaptionOverlay *captions() const { return m_captions; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct ClientEntry {
        ConsoleClient *client = nullptr;
        ConsoleWidget *console = nullptr;
        int color = 0;
    };
    void createMenus();
    void setupScenarios();
    void createScenarioMenus(QMenu *file);
    void prepareScenarioWorld();
    void runScenarioText(const QString &text, const QString &fileName);
    void saveRecording();
    void setScenarioMode(bool on);
    void followTime();
    void addDefaultClients();
    QString unusedClientName() const;
    ClientEntry *entry(ClientId id);
    void restoreLayout();
    void updateInspector();
    void showHistory();
    std::vector<Property> recentMessages(const std::string &channel) const;

    std::shared_ptr<VirtualClock> m_clock;
    std::unique_ptr<Broker> m_broker;
    std::vector<ClientEntry> m_clients;
    int m_nextColor = 0;
    FeedPump *m_pump;
    LiveWorld *m_world;
    WorldScene *m_scene;
    SceneView *m_sceneView;
    QSplitter *m_split;
    QTabWidget *m_consoles;
    ClientsPanel *m_clientsPanel;
    QDockWidget *m_clientsDock;
    EventLogPanel *m_eventLog;
    QDockWidget *m_eventLogDock;
    InspectorPanel *m_inspector;
    QDockWidget *m_inspectorDock;
    TimeControls *m_time;
    QTimer *m_inspectorTimer;
    std::uint64_t m_history = 0; // the message shown in the inspector (MessageLineage id)
    QString m_historySubject;
    QByteArray m_beforePresenting; // dock layout before presentation mode
    Qt::WindowStates m_windowStateBeforePresenting;
    QAction *m_presentAction = nullptr;
    ScenarioPlayer *m_player = nullptr;
    ScenarioControls *m_scenarioControls = nullptr;
    ScenarioPanel *m_scenarioPanel = nullptr;
    QDockWidget *m_scenarioDock = nullptr;
    CaptionOverlay *m_captions = nullptr;
    QMenu *m_lessonsMenu = nullptr;
    bool m_scenarioMode = false;
    bool m_clientsDockWasVisible = true;
    bool m_rightDocksWereVisible = true;
    std::map<ClientId, QColor> m_scriptColors; // colours of a scenario's clients
    std::unique_ptr<scenario::Recorder> m_recorder;
    QAction *m_recordAction = nullptr;
    QAction *m_newClientAction = nullptr;
};

} // namespace ql
