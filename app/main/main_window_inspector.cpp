// MainWindow's inspector glue: what is selected in the scene (a key, a client, a channel,
// or one message's history) shown from the world model and the message lineage.
#include "main_window.h"

#include "broker/clock.h"
#include "feed/live_world.h"
#include "inspector/inspector_panel.h"
#include "log/event_log_model.h"
#include "log/event_log_panel.h"
#include "model/message_lineage.h"
#include "model/model_snapshots.h"
#include "scene/world_scene.h"

#include <QDockWidget>

#include <array>

namespace ql {

namespace {

// A message's steps as table rows: when, what (numbered, as row names must differ).
std::vector<Property> historyRows(const std::vector<StepRow> &steps)
{
    std::vector<Property> rows;
    int n = 0;
    for (const StepRow &step : steps) {
        Property p;
        p.name = QStringLiteral("%1. %2").arg(++n).arg(QString::fromStdString(step.when));
        p.value = QString::fromStdString(step.what);
        rows.push_back(p);
    }
    return rows;
}

} // namespace

// Shows what is selected in the scene, as the world model has it now.
void MainWindow::updateInspector()
{
    if (!m_historySubject.isEmpty()) {
        showHistory();
        return;
    }
    const QString subject = m_scene->selectedSubject();
    if (subject.isEmpty())
        return; // keep showing the last thing looked at
    const WorldModel &w = m_world->model();
    auto nameOf = [this](ClientId id) { return m_scene->clientName(id); };
    const QString kind = subject.section(QLatin1Char(':'), 0, 0);
    if (kind == QLatin1String("key")) {
        int db = subject.section(QLatin1Char(':'), 1, 1).toInt();
        const std::string name = WorldScene::nameOfSlot(subject.section(QLatin1Char(':'), 2));
        if (const KeyView *k = w.key(db, name))
            m_inspector->showKey(keySnapshot(w, *k), m_clock->nowMs(), nameOf);
        else
            m_inspector->clear(
                tr("%1 does not exist (now): clients may be waiting for it.").arg(QString::fromStdString(name)));
    } else if (kind == QLatin1String("client")) {
        ClientId id = subject.section(QLatin1Char(':'), 1).toLongLong();
        if (const ClientView *c = w.client(id))
            m_inspector->showClient(clientSnapshot(*c), m_clock->nowMs(), nameOf);
        else
            m_inspector->clear(tr("That client has closed its connection."));
    } else if (kind == QLatin1String("channel") || kind == QLatin1String("pattern")) {
        const bool pattern = kind == QLatin1String("pattern");
        const std::string name = WorldScene::nameOfSlot(subject.section(QLatin1Char(':'), 1));
        ChannelSnapshot found;
        found.name = name;
        found.pattern = pattern;
        std::array<qint64, 3> counts {0, 0, 0};
        if (const ChannelView *ch = w.channel(pattern ? ChannelKind::Pattern : ChannelKind::Channel, name)) {
            found = channelSnapshot(*ch);
            counts = {
                static_cast<qint64>(ch->published), static_cast<qint64>(ch->delivered), static_cast<qint64>(ch->lost)};
        }
        m_inspector->showChannel(found, counts[0], counts[1], counts[2], nameOf);
        if (!pattern)
            m_inspector->setRecentMessages(recentMessages(name));
    }
}

void MainWindow::selectMessage(const QString &subject)
{
    // "entry:<db>:<key>:<id>" / "element:<db>:<key>:<index>"; the key may hold ':'.
    const QString kind = subject.section(QLatin1Char(':'), 0, 0);
    const int db = subject.section(QLatin1Char(':'), 1, 1).toInt();
    const std::string key = WorldScene::nameOfSlot(subject.section(QLatin1Char(':'), 2, -2));
    const QString last = subject.section(QLatin1Char(':'), -1);
    const MessageLineage &lineage = m_world->lineage();
    const MessageHistory *h = nullptr;
    if (kind == QLatin1String("entry")) {
        const StreamIdParse id = parseStreamId(last.toStdString(), 0, true);
        if (id.ok)
            h = lineage.streamEntry(db, key, id.id);
    } else if (kind == QLatin1String("element")) {
        h = lineage.listElement(db, key, last.toULongLong());
    }
    m_history = h ? h->id : 0;
    m_historySubject = subject;
    m_inspectorDock->raise();
    updateInspector();
}

// The message picked with selectMessage(), step by step, wherever it is now.
void MainWindow::showHistory()
{
    const MessageHistory *h = m_history ? m_world->lineage().history(m_history) : nullptr;
    if (!h) {
        m_inspector->clear(tr("The history of this message is not known: it was there before the window "
                              "followed this key, or it is too old to be kept."));
        return;
    }
    const QString label = QString::fromStdString(h->label);
    const QString where = QString::fromStdString(h->key);
    QString title;
    QString summary;
    if (h->kind == MessageHistory::Kind::StreamEntry) {
        title = tr("Entry %1 of %2").arg(label, where);
        QStringList pending;
        for (const auto &p : h->pending)
            pending << tr("pending in %1 with %2 (delivered %3 time(s))")
                           .arg(QString::fromStdString(p.group), QString::fromStdString(p.consumer))
                           .arg(p.count);
        summary = pending.isEmpty() ? (h->gone ? tr("No longer in the stream") : tr("Pending in no group"))
                                    : pending.join(QStringLiteral("; "));
    } else {
        title = tr("\u201c%1\u201d").arg(label);
        summary = h->gone ? tr("No longer in a list") : tr("In list %1").arg(where);
    }
    const std::int64_t origin = h->steps.empty() ? 0 : h->steps.front().timeMs;
    m_inspector->showMessage(m_historySubject, title, summary, historyRows(describeSteps(*h, origin)));
}

std::vector<Property> MainWindow::recentMessages(const std::string &channel) const
{
    std::vector<Property> rows;
    const auto recent = m_world->lineage().recentPublished(channel);
    const std::int64_t origin = m_eventLog->model()->timeOrigin();
    for (auto it = recent.rbegin(); it != recent.rend(); ++it) { // newest first
        const MessageHistory &h = **it;
        const std::int64_t at = h.steps.empty() ? origin : h.steps.front().timeMs;
        Property p;
        p.name = QStringLiteral("#%1 \u00b7 %2 s").arg(h.id).arg((at - origin) / 1000.0, 0, 'f', 3);
        p.value = QString::fromStdString(describe(h));
        rows.push_back(p);
    }
    return rows;
}

} // namespace ql
