#include "main_window.h"

#include "broker/broker.h"
#include "clients/client_colors.h"
#include "clients/clients_panel.h"
#include "console/console_client.h"
#include "console/console_widget.h"
#include "feed/feed_pump.h"
#include "feed/live_world.h"
#include "inspector/inspector_panel.h"
#include "log/event_log_model.h"
#include "log/event_log_panel.h"
#include "scenario/recorder.h"
#include "scenario/scenario_controls.h"
#include "scenario/scenario_player.h"
#include "scene/client_item.h"
#include "scene/scene_view.h"
#include "scene/world_scene.h"
#include "time_controls.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

namespace ql {

namespace {

// CLIENT SETNAME accepts printable ASCII without spaces; the window asks for the same.
bool validClientName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (QChar c : name)
        if (c.unicode() < '!' || c.unicode() > '~')
            return false;
    return true;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      // Starts at the wall-clock time, so XADD * ids look like the ones Redis gives.
      m_clock(std::make_shared<VirtualClock>(SystemClock().nowMs())),
      m_broker(std::make_unique<Broker>(m_clock)),
      m_pump(new FeedPump(m_broker->events(), this)),
      m_world(new LiveWorld(*m_broker, *m_pump, this)),
      m_scene(new WorldScene(
          *m_world, [this](ClientId id) { return colorOf(id); }, [this] { return m_clock->nowMs(); }, this)),
      m_sceneView(new SceneView(m_scene, this)),
      m_split(new QSplitter(Qt::Vertical, this)),
      m_consoles(new QTabWidget(this)),
      m_clientsPanel(new ClientsPanel(this)),
      m_clientsDock(new QDockWidget(tr("Clients"), this)),
      m_eventLog(new EventLogPanel(this)),
      m_eventLogDock(new QDockWidget(tr("Event log"), this)),
      m_inspector(new InspectorPanel(this)),
      m_inspectorDock(new QDockWidget(tr("Inspector"), this)),
      m_time(new TimeControls(*m_broker, *m_clock, this)),
      m_inspectorTimer(new QTimer(this))
{
    setWindowTitle(tr("QueueLab"));
    m_time->setPlaying(true); // time runs at 1x until paused

    m_consoles->setObjectName(QStringLiteral("consoles"));
    m_consoles->setDocumentMode(true);
    m_consoles->setMovable(true);
    m_split->addWidget(m_sceneView);
    m_split->addWidget(m_consoles);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setSizes({420, 260});
    m_split->setObjectName(QStringLiteral("sceneConsoleSplit"));
    setCentralWidget(m_split);
    connect(m_pump, &FeedPump::batch, m_world, &LiveWorld::onEvents);
    connect(m_scene, &WorldScene::clientsUpdated, this, [this] {
        std::vector<std::pair<std::int64_t, QString>> choices;
        for (const auto &[id, c] : m_world->model().clients())
            choices.emplace_back(id, m_scene->clientName(id));
        m_eventLog->setClientChoices(choices);
        for (const auto &e : m_clients) {
            QString state = m_scene->clientState(e.client->id());
            if (state.isEmpty())
                continue;
            m_clientsPanel->setState(e.client->id(), state);
            ClientItem *item = m_scene->clientItem(e.client->name());
            e.console->setWaiting(
                item && item->data().blocked ? e.client->name() + QLatin1Char(' ') + state : QString());
        }
    });
    connect(m_time, &TimeControls::playingChanged, this, &MainWindow::followTime);
    connect(m_time, &TimeControls::speedChanged, this, &MainWindow::followTime);

    m_clientsDock->setObjectName(QStringLiteral("clientsDock"));
    m_clientsDock->setWidget(m_clientsPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_clientsDock);
    m_eventLogDock->setObjectName(QStringLiteral("eventLogDock"));
    m_eventLogDock->setWidget(m_eventLog);
    addDockWidget(Qt::RightDockWidgetArea, m_eventLogDock);
    m_eventLog->model()->setTimeOrigin(m_clock->nowMs());
    connect(m_pump, &FeedPump::batch, m_eventLog, &EventLogPanel::append);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);
    tabifyDockWidget(m_eventLogDock, m_inspectorDock);
    m_eventLogDock->raise();
    m_inspector->clear(tr("Click a key, a client or a channel in the scene to see it in full here."));
    connect(m_scene, &WorldScene::messageClicked, this, [this](const QString &subject) {
        if (!subject.isEmpty())
            selectMessage(subject);
        else if (!m_historySubject.isEmpty()) {
            m_history = 0;
            m_historySubject.clear();
            updateInspector();
        }
    });
    connect(m_scene, &WorldScene::selectionChanged, this, [this] {
        // A message's history stays while its key's item goes away (RENAME, the list
        // emptied and tidied); another selection replaces it.
        const QString selected = m_scene->selectedSubject();
        if (!selected.isEmpty() && selected != m_historySubject) {
            m_history = 0;
            m_historySubject.clear();
        }
        updateInspector();
        if (!m_scene->selectedSubject().isEmpty()) {
            m_inspectorDock->show(); // hidden while a scenario plays
            m_inspectorDock->raise();
        }
    });
    // The inspector follows the world at most ten times a second (its tables can be long).
    m_inspectorTimer->setSingleShot(true);
    m_inspectorTimer->setInterval(100);
    connect(m_inspectorTimer, &QTimer::timeout, this, &MainWindow::updateInspector);
    connect(m_scene, &WorldScene::worldUpdated, this, [this] {
        if (!m_inspectorTimer->isActive())
            m_inspectorTimer->start();
    });
    addToolBar(m_time->toolBar());

    connect(
        m_clientsPanel, &ClientsPanel::newClientRequested, this, [this] { showClient(addClient(unusedClientName())); });
    connect(m_clientsPanel, &ClientsPanel::renameRequested, this, [this](ClientId id) {
        ClientEntry *e = entry(id);
        if (!e)
            return;
        bool ok = false;
        QString name = QInputDialog::getText(this, tr("Rename client"),
            tr("New name (letters, digits and punctuation, no spaces):"), QLineEdit::Normal, e->client->name(), &ok);
        if (!ok)
            return;
        if (!validClientName(name)) {
            QMessageBox::information(this, tr("Rename client"),
                tr("Client names cannot contain spaces, newlines or special characters, as in Redis."));
            return;
        }
        renameClient(id, name);
    });
    connect(m_clientsPanel, &ClientsPanel::closeRequested, this, &MainWindow::closeClient);
    connect(m_clientsPanel, &ClientsPanel::activated, this, &MainWindow::showClient);
    connect(m_consoles, &QTabWidget::currentChanged, this, [this](int index) {
        for (const auto &e : m_clients)
            if (m_consoles->indexOf(e.console) == index) {
                m_clientsPanel->select(e.client->id());
                e.console->input()->setFocus();
            }
    });
    connect(m_time, &TimeControls::resetRequested, this, &MainWindow::resetWorld);
    // Space and Right work on the scene (in a console they type a space / move the cursor).
    auto *playKey
        = new QShortcut(QKeySequence(Qt::Key_Space), m_sceneView, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(playKey, &QShortcut::activated, this,
        [this] { (m_scenarioMode ? m_scenarioControls->playPauseAction() : m_time->playPauseAction())->trigger(); });
    auto *stepKey
        = new QShortcut(QKeySequence(Qt::Key_Right), m_sceneView, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(stepKey, &QShortcut::activated, this,
        [this] { (m_scenarioMode ? m_scenarioControls->stepAction() : m_time->stepAction())->trigger(); });
    m_sceneView->setToolTip(tr("Space: pause or resume time. Right: jump to the next timeout. Ctrl+wheel: zoom."));

    setupScenarios();
    createMenus();
    addDefaultClients();
    restoreLayout();
    statusBar()->showMessage(tr("Embedded broker with Redis 7.0 semantics. Type as any client; add more in the "
                                "Clients panel."));
}

MainWindow::~MainWindow()
{
    delete m_player; // a running scenario's connections close while the broker runs
    // The scene and pump go before the broker (they hold a snapshot request and a feed
    // subscription); clients close before the broker stops; the tabs and rows going away
    // are not news.
    delete m_sceneView;
    delete m_scene;
    delete m_world;
    delete m_pump;
    m_eventLogDock->setWidget(nullptr);
    delete m_eventLog;
    m_inspectorDock->setWidget(nullptr);
    delete m_inspector;
    m_consoles->disconnect(this);
    m_clientsPanel->disconnect(this);
    for (auto &e : m_clients) {
        delete e.console;
        delete e.client;
    }
    m_clients.clear();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newClient = m_newClientAction = file->addAction(tr("&New client"));
    newClient->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(newClient, &QAction::triggered, m_clientsPanel, &ClientsPanel::newClientRequested);
    file->addSeparator();
    createScenarioMenus(file);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *clear = edit->addAction(tr("&Clear console"));
    clear->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(clear, &QAction::triggered, this, [this] {
        if (ConsoleWidget *c = console())
            c->clear();
    });

    QMenu *time = menuBar()->addMenu(tr("&Time"));
    time->addActions(m_time->actions());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_clientsDock->toggleViewAction());
    view->addAction(m_eventLogDock->toggleViewAction());
    view->addAction(m_inspectorDock->toggleViewAction());
    view->addAction(m_scenarioDock->toggleViewAction());
    view->addAction(m_time->toolBar()->toggleViewAction());
    view->addSeparator();
    // For a projector: the whole screen for the scene and the consoles.
    QAction *present = m_presentAction = view->addAction(tr("&Presentation mode"));
    present->setCheckable(true);
    present->setShortcut(QKeySequence(Qt::Key_F11));
    present->setToolTip(tr("Full screen with the docks hidden, so the scene is as large as it can be"));
    connect(present, &QAction::toggled, this, [this](bool on) {
        if (on) {
            m_beforePresenting = saveState();
            m_windowStateBeforePresenting = windowState();
            for (QDockWidget *dock : {m_clientsDock, m_eventLogDock, m_inspectorDock})
                dock->hide();
            showFullScreen();
        } else {
            setWindowState(m_windowStateBeforePresenting); // maximized stays maximized
            restoreState(m_beforePresenting);
        }
    });
    QAction *tidy = view->addAction(tr("&Tidy layout"));
    tidy->setToolTip(tr("Remove the places of lists that no longer exist and pack the keys again"));
    connect(tidy, &QAction::triggered, m_scene, &WorldScene::tidy);
}

void MainWindow::addDefaultClients()
{
    ClientId first = addClient(QStringLiteral("producer"));
    addClient(QStringLiteral("consumer"));
    showClient(first);
}

QString MainWindow::unusedClientName() const
{
    const QStringList names = clientNames();
    for (int i = 1;; ++i) {
        QString name = QStringLiteral("client-%1").arg(i);
        if (!names.contains(name))
            return name;
    }
}

ClientId MainWindow::clientId(const QString &name) const
{
    for (const auto &e : m_clients)
        if (e.client->name() == name)
            return e.client->id();
    return kNoClient;
}

QStringList MainWindow::clientNames() const
{
    QStringList names;
    for (const auto &e : m_clients)
        names << e.client->name();
    return names;
}

ClientId MainWindow::addClient(const QString &name, ClientId adopt)
{
    ClientEntry e;
    e.client = adopt == kNoClient ? new ConsoleClient(*m_broker, name, this)
                                  : new ConsoleClient(*m_broker, name, adopt, this);
    e.console = new ConsoleWidget(e.client, this);
    e.color = m_nextColor++ % kClientColorCount;
    const ClientId id = e.client->id();
    e.console->setMessageColor(clientColor(e.color));
    int tab = m_consoles->addTab(e.console, name);
    m_consoles->tabBar()->setTabTextColor(tab, clientColor(e.color));
    m_clientsPanel->addClient(id, name, e.color);
    connect(e.console, &ConsoleWidget::unblockRequested, this, [this, id] {
        sendAsWindow({"CLIENT", "UNBLOCK", std::to_string(id)});
    });
    connect(e.client, &ConsoleClient::commandSent, this, [this, client = e.client](const QList<QByteArray> &argv) {
        if (!m_recorder)
            return;
        std::vector<std::string> args;
        for (const QByteArray &a : argv)
            args.emplace_back(a.constData(), static_cast<std::size_t>(a.size()));
        m_recorder->command(m_clock->nowMs(), client->name().toStdString(), args);
    });
    connect(e.client, &ConsoleClient::closedByServer, this,
        [this, id](const QString &reason) { m_clientsPanel->setState(id, tr("closed (%1)").arg(reason)); });
    m_clients.push_back(e);
    return id;
}

void MainWindow::closeClient(ClientId id)
{
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        if (it->client->id() != id)
            continue;
        if (m_recorder)
            m_recorder->closed(m_clock->nowMs(), it->client->name().toStdString());
        m_consoles->removeTab(m_consoles->indexOf(it->console));
        m_clientsPanel->removeClient(id);
        delete it->console;
        delete it->client; // closes the connection
        m_clients.erase(it);
        return;
    }
}

void MainWindow::renameClient(ClientId id, const QString &name)
{
    ClientEntry *e = entry(id);
    if (!e)
        return;
    e->console->run(QStringLiteral("CLIENT SETNAME ") + name); // shown, as the user would type it
    e->client->setName(name);
    e->console->setPromptName(name);
    m_consoles->setTabText(m_consoles->indexOf(e->console), name);
    m_clientsPanel->renameClient(id, name);
}

void MainWindow::resetWorld()
{
    std::vector<ClientId> ids;
    for (const auto &e : m_clients)
        ids.push_back(e.client->id());
    for (ClientId id : ids)
        closeClient(id);
    m_nextColor = 0;
    if (m_recorder) // the replay must empty its world here too
        m_recorder->flushAll(m_clock->nowMs());
    sendAsWindow({"FLUSHALL"});
    addDefaultClients();
}

void MainWindow::sendAsWindow(std::vector<std::string> argv)
{
    // A short-lived connection of the window's own, as a second redis-cli would be.
    ClientId window = m_broker->open("queuelab", ClientSink {});
    m_broker->send(window, std::move(argv));
    m_broker->close(window);
}

QColor MainWindow::colorOf(ClientId id) const
{
    if (auto it = m_scriptColors.find(id); it != m_scriptColors.end())
        return it->second;
    for (const auto &e : m_clients)
        if (e.client->id() == id)
            return clientColor(e.color);
    // Clients from the network (--listen) and scripts: a colour after the window's own.
    return clientColor(static_cast<int>(m_clients.size() + static_cast<std::size_t>(id)));
}

MainWindow::ClientEntry *MainWindow::entry(ClientId id)
{
    for (auto &e : m_clients)
        if (e.client->id() == id)
            return &e;
    return nullptr;
}

void MainWindow::showClient(ClientId id)
{
    if (ClientEntry *e = entry(id)) {
        m_consoles->setCurrentWidget(e->console);
        m_clientsPanel->select(id);
        e->console->input()->setFocus();
    }
}

ConsoleWidget *MainWindow::console() const
{
    return qobject_cast<ConsoleWidget *>(m_consoles->currentWidget());
}

ConsoleWidget *MainWindow::consoleOf(const QString &clientName) const
{
    for (const auto &e : m_clients)
        if (e.client->name() == clientName)
            return e.console;
    return nullptr;
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First start: a classroom projector's 1280x720, or the screen if it is smaller.
        QSize size(1280, 720);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize());
        resize(size);
    }
    const bool restored = restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // A start is live: whatever was saved, the scenario's dock and toolbar wait for one.
    m_scenarioDock->hide();
    m_scenarioControls->toolBar()->hide();
    if (!restored) {
        // First start: narrow docks, so the scene gets most of the width. Docks take their
        // sizes once the window is laid out.
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_clientsDock, m_eventLogDock}, {170, 310}, Qt::Horizontal);
        });
    }
    m_split->restoreState(settings.value(QStringLiteral("window/split")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Remember the window as it was before presentation mode, not full screen without docks.
    if (m_presentAction && m_presentAction->isChecked())
        m_presentAction->setChecked(false);
    // And in its live layout: the next start is live, with the time controls and Clients.
    if (m_scenarioMode) {
        m_scenarioDock->hide();
        setScenarioMode(false);
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/split"), m_split->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace ql
