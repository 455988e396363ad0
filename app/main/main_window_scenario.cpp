// The window's scenario glue: the Scenario dock and toolbar, the Lessons menu, File >
// Open/Save scenario, drag and drop of .qls files, captions over the scene, and the
// switch between live mode (time runs, the window's own clients) and scenario mode
// (the player owns the clock and the clients).
#include "main_window.h"

#include "broker/broker.h"
#include "clients/client_colors.h"
#include "console/console_client.h"
#include "log/event_log_model.h"
#include "log/event_log_panel.h"
#include "scenario/caption_overlay.h"
#include "scenario/lesson_gallery.h"
#include "scenario/recorder.h"
#include "scenario/scenario_controls.h"
#include "scenario/scenario_editor.h"
#include "scenario/scenario_panel.h"
#include "scenario/scenario_player.h"
#include "scene/scene_view.h"
#include "time_controls.h"

#include <QAction>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

namespace ql {

namespace {

constexpr qint64 kMaxScenarioBytes = qint64(64) << 20;

bool isScenarioUrl(const QUrl &url)
{
    return url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".qls"), Qt::CaseInsensitive);
}

} // namespace

void MainWindow::setupScenarios()
{
    m_player = new ScenarioPlayer(*m_broker, *m_clock, this);
    m_player->setPrepareWorld([this] { prepareScenarioWorld(); });
    m_scenarioControls = new ScenarioControls(*m_player, this);
    m_scenarioPanel = new ScenarioPanel(*m_player, this);
    m_captions = new CaptionOverlay(m_sceneView);

    m_scenarioDock = new QDockWidget(tr("Scenario"), this);
    m_scenarioDock->setObjectName(QStringLiteral("scenarioDock"));
    m_scenarioDock->setWidget(m_scenarioPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_scenarioDock);
    m_scenarioDock->hide();
    addToolBar(m_scenarioControls->toolBar());
    m_scenarioControls->toolBar()->hide();
    setAcceptDrops(true);

    connect(m_scenarioControls, &ScenarioControls::closeRequested, this, &MainWindow::closeScenario);
    connect(m_scenarioPanel, &ScenarioPanel::runRequested, this, &MainWindow::runScenarioText);
    connect(m_player, &ScenarioPlayer::stateChanged, this, &MainWindow::followTime);
    connect(m_player, &ScenarioPlayer::speedChanged, this, &MainWindow::followTime);
    connect(
        m_player, &ScenarioPlayer::clientConnected, this, [this](const QString &, ClientId id, const QString &color) {
            QColor c(color);
            m_scriptColors[id] = c.isValid() ? c : clientColor(static_cast<int>(m_scriptColors.size()));
        });
    connect(m_player, &ScenarioPlayer::transcriptCleared, m_captions, &CaptionOverlay::clear);
    connect(m_player, &ScenarioPlayer::entryAdded, this, [this](const scenario::TranscriptEntry &e) {
        using K = scenario::TranscriptEntry::Kind;
        if (e.kind == K::Say)
            m_captions->setCaption(QString::fromStdString(e.text));
        else if (e.kind == K::Section) {
            m_captions->setSection(QString::fromStdString(e.text));
            m_captions->setCaption(QString());
        } else if (e.kind == K::ExpectFailed)
            statusBar()->showMessage(tr("Line %1: an expectation failed (see the transcript)").arg(e.where.line), 5000);
    });
    auto *backKey = new QShortcut(
        QKeySequence(Qt::SHIFT | Qt::Key_Left), m_sceneView, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(backKey, &QShortcut::activated, this, [this] {
        if (m_scenarioMode)
            m_scenarioControls->stepBackAction()->trigger();
    });
}

void MainWindow::createScenarioMenus(QMenu *file)
{
    QAction *open = file->addAction(tr("&Open scenario…"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, [this] {
        QString path = QFileDialog::getOpenFileName(
            this, tr("Open scenario"), QString(), tr("QueueLab scenarios (*.qls);;All files (*)"));
        if (!path.isEmpty())
            openScenario(path);
    });
    QAction *save = file->addAction(tr("&Save scenario as…"));
    save->setShortcut(QKeySequence::SaveAs);
    connect(save, &QAction::triggered, this, [this] {
        QString suggested = QFileInfo(m_scenarioPanel->fileName()).fileName();
        QString path = QFileDialog::getSaveFileName(
            this, tr("Save scenario"), suggested, tr("QueueLab scenarios (*.qls);;All files (*)"));
        if (path.isEmpty())
            return;
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(m_scenarioPanel->editor()->toPlainText().toUtf8()) < 0
            || !f.commit()) {
            QMessageBox::warning(this, tr("Save scenario"), tr("Could not write %1: %2").arg(path, f.errorString()));
            return;
        }
        statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    });

    m_recordAction = file->addAction(tr("&Record what I type"));
    m_recordAction->setCheckable(true);
    m_recordAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_recordAction->setStatusTip(tr("Turn the commands you type, with their timings, into a scenario file"));
    connect(m_recordAction, &QAction::triggered, this, [this](bool on) {
        if (on) {
            const auto answer = QMessageBox::question(this, tr("Record"),
                tr("A recording starts from an empty world, so that it replays to the same world: every key "
                   "and client goes now. Start recording?"));
            if (answer == QMessageBox::Yes)
                startRecording();
            else
                m_recordAction->setChecked(false);
            return;
        }
        saveRecording();
    });

    m_lessonsMenu = menuBar()->addMenu(tr("&Lessons"));
    m_lessonsMenu->setToolTipsVisible(true);
    int n = 0;
    for (const Lesson &lesson : builtInLessons()) {
        QAction *a = m_lessonsMenu->addAction(QStringLiteral("%1. %2").arg(++n).arg(lesson.title));
        a->setToolTip(lesson.summary);
        a->setStatusTip(lesson.summary);
        connect(a, &QAction::triggered, this, [this, path = lesson.path] { openScenario(path); });
    }
}

void MainWindow::startRecording()
{
    if (m_scenarioMode)
        closeScenario();
    resetWorld();
    m_broker->sync();
    m_broker->resetTime(scenario::kScenarioEpochMs); // ids and times as in the replay
    m_broker->sync();
    m_eventLog->model()->clearThrough(m_broker->events().lastSeq());
    m_eventLog->model()->setTimeOrigin(scenario::kScenarioEpochMs);
    m_time->setOrigin(scenario::kScenarioEpochMs);
    m_recorder = std::make_unique<scenario::Recorder>(scenario::kScenarioEpochMs);
    const QSignalBlocker block(m_recordAction);
    m_recordAction->setChecked(true);
    statusBar()->showMessage(tr("● Recording: type as any client; File > Record again stops and saves."));
}

QString MainWindow::stopRecording()
{
    if (!m_recorder)
        return {};
    QString text = m_recorder->empty() ? QString() : QString::fromStdString(m_recorder->text("Recorded session"));
    m_recorder.reset();
    const QSignalBlocker block(m_recordAction);
    m_recordAction->setChecked(false);
    statusBar()->clearMessage();
    return text;
}

void MainWindow::saveRecording()
{
    const QString text = stopRecording();
    if (text.isEmpty()) {
        statusBar()->showMessage(tr("Recording stopped: nothing was typed."), 5000);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save recording"), QStringLiteral("recording.qls"), tr("QueueLab scenarios (*.qls)"));
    if (path.isEmpty()) {
        statusBar()->showMessage(tr("Recording discarded."), 5000);
        return;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit()) {
        QMessageBox::warning(this, tr("Save recording"), tr("Could not write %1: %2").arg(path, f.errorString()));
        return;
    }
    statusBar()->showMessage(tr("Saved %1; open it with File > Open scenario to replay it.").arg(path), 8000);
}

bool MainWindow::openScenario(const QString &path)
{
    if (m_recorder)
        saveRecording(); // a scenario replaces the world: the recording ends here
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Open scenario"), tr("Could not read %1: %2").arg(path, f.errorString()));
        return false;
    }
    if (f.size() > kMaxScenarioBytes) {
        QMessageBox::warning(this, tr("Open scenario"), tr("%1 is larger than 64 MiB; scenarios are text.").arg(path));
        return false;
    }
    const QByteArray bytes = f.readAll();
    m_scenarioPanel->setDocument(QString::fromUtf8(bytes), path);
    setScenarioMode(true);
    m_scenarioDock->show();
    m_scenarioDock->raise();
    // The bytes as they are: a file that is not UTF-8 gets the parser's errors, as headless.
    if (!m_player->load(bytes, path)) {
        statusBar()->showMessage(
            tr("%1 has errors; they are marked in the editor").arg(QFileInfo(path).fileName()), 8000);
        return false;
    }
    m_sceneView->setFocus(); // so Space plays and Right steps at once
    statusBar()->showMessage(tr("Press Space (or Play) to start; Right runs one line, Shift+Left steps back."), 8000);
    return true;
}

void MainWindow::runScenarioText(const QString &text, const QString &fileName)
{
    setScenarioMode(true);
    if (m_player->load(text, fileName.isEmpty() ? tr("untitled.qls") : fileName))
        m_player->play();
}

void MainWindow::closeScenario()
{
    // The fork: the script's connections become consoles as they are (a client blocked in
    // the script still waits), so one types on from this very moment.
    m_nextColor = 0;
    std::vector<ClientId> adopted;
    m_player->unload([&](const QString &name, ClientId id) { adopted.push_back(addClient(name, id)); });
    m_scriptColors.clear();
    m_captions->clear();
    m_scenarioDock->hide();
    setScenarioMode(false);
    if (adopted.empty())
        addDefaultClients();
    else
        showClient(adopted.front());
    statusBar()->showMessage(
        tr("Live again: the world and the script's clients stay as they were; type as any of them."), 6000);
}

// A scenario starts on an empty world: the window's clients go, every database is
// emptied, and the event log starts again at the scenario's time 0.
void MainWindow::prepareScenarioWorld()
{
    std::vector<ClientId> ids;
    for (const auto &e : m_clients)
        ids.push_back(e.client->id());
    for (ClientId id : ids)
        closeClient(id);
    m_scriptColors.clear();
    sendAsWindow({"FLUSHALL"});
    m_broker->sync();
    m_eventLog->model()->clearThrough(m_broker->events().lastSeq()); // a fresh story: the log starts with it
    m_eventLog->model()->setTimeOrigin(scenario::kScenarioEpochMs);
    m_time->setOrigin(scenario::kScenarioEpochMs);
}

void MainWindow::setScenarioMode(bool on)
{
    if (on == m_scenarioMode)
        return;
    m_scenarioMode = on;
    // The player owns the clock in a scenario: the live time controls would break its
    // determinism, so they give way to the scenario toolbar.
    if (on)
        m_time->setPlaying(false);
    m_time->toolBar()->setVisible(!on);
    for (QAction *a : m_time->actions()) // the Time menu too
        a->setEnabled(!on);
    // The script's clients are not consoles; typing comes back with Leave scenario.
    m_newClientAction->setEnabled(!on);
    m_scenarioControls->toolBar()->setVisible(on);
    m_consoles->setVisible(!on);
    // The Clients dock lists the window's own clients, which a scenario closes: the script
    // takes its place on the left.
    // The transcript tells what the event log would, so the scene gets the right side too;
    // the inspector comes back when something in the scene is clicked.
    if (on) {
        m_clientsDockWasVisible = m_clientsDock->isVisible();
        m_rightDocksWereVisible = m_eventLogDock->isVisible() || m_inspectorDock->isVisible();
        m_clientsDock->hide();
        m_eventLogDock->hide();
        m_inspectorDock->hide();
        m_scenarioDock->show();
        // Again once laid out: opened at start-up, the window has no size yet.
        auto widen = [this] { resizeDocks({m_scenarioDock}, {std::max(360, width() / 3)}, Qt::Horizontal); };
        widen();
        QTimer::singleShot(0, this, widen);
    } else {
        if (m_clientsDockWasVisible)
            m_clientsDock->show();
        if (m_rightDocksWereVisible) {
            m_eventLogDock->show();
            m_inspectorDock->show();
            m_eventLogDock->raise();
        }
    }
    if (!on)
        m_time->setPlaying(true);
    followTime();
}

void MainWindow::followTime()
{
    // In a scenario the tokens keep flying while it is paused, so a step shows whole moves.
    double rate = m_scenarioMode ? m_player->speed() : m_time->isPlaying() ? m_time->speed() : 0.0;
    m_sceneView->setAnimationRate(rate);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (std::any_of(urls.begin(), urls.end(), isScenarioUrl))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls())
        if (isScenarioUrl(url)) {
            event->acceptProposedAction();
            openScenario(url.toLocalFile());
            return;
        }
}

} // namespace ql
