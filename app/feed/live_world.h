// LiveWorld: the window's WorldModel, kept current from the event feed alone (DESIGN.md:
// events are the UI's only input). It attaches with one snapshot, then applies every
// batch FeedPump brings. When the model marks keys dirty (an event that cannot reproduce
// its effect exactly, see world_model.h) it asks the broker for a snapshot of those keys
// only (at most one every 100 ms), holds the events that arrive meanwhile, applies them up
// to exactly that snapshot's seq, refreshes the dirty keys from it, and then applies the
// rest. A feed that dropped events (the
// window fell behind) makes it attach again.
//
// At most one snapshot request is in flight; the GUI thread never waits for the broker
// (except in syncNow(), for tests). The MessageLineage follows the same feed, event by
// event, without snapshots.
#pragma once

#include "model/message_lineage.h"
#include "model/world_model.h"

#include <QElapsedTimer>
#include <QObject>

#include <future>
#include <span>
#include <vector>

class QTimer;

namespace ql {

class Backend;
class FeedPump;

class LiveWorld : public QObject {
    Q_OBJECT
public:
    LiveWorld(Backend &backend, FeedPump &pump, QObject *parent = nullptr);
    ~LiveWorld() override;

    const WorldModel &model() const { return m_model; }
    // Each message's history (stream entries, list elements, pub/sub messages), from
    // every event of the feed since the window opened.
    const MessageLineage &lineage() const { return m_lineage; }
    bool attached() const { return m_attached; }
    // Snapshots taken since the start: 1 to attach, then one per dirty refresh or re-attach.
    int snapshotsTaken() const { return m_snapshots; }
    // Waits for a snapshot in flight and applies everything the feed holds (tests).
    void syncNow();

    void onEvents(const std::vector<Event> &events, std::uint64_t dropped);

Q_SIGNALS:
    // The model changed; `applied` are the events applied in this step, in order (after
    // an attach: those that came after its snapshot). Valid during the emission only.
    void changed(const std::vector<ql::Event> &applied);

private:
    enum class Request { None, Attach, Refresh };
    void request(Request what);
    void poll();
    void finishSnapshot(const WorldSnapshot &snapshot);
    void applyHeld(std::uint64_t upTo, std::vector<Event> &applied);

    Backend &m_backend;
    FeedPump &m_pump;
    WorldModel m_model;
    MessageLineage m_lineage;
    bool m_attached = false;
    int m_snapshots = 0;
    Request m_request = Request::None;
    std::future<WorldSnapshot> m_inFlight;
    std::vector<Event> m_held; // events received while a snapshot is on its way
    QTimer *m_poll;
    QTimer *m_refreshLater; // a refresh held back by the gap between refreshes
    QElapsedTimer m_sinceRefresh;
    bool m_attachNext = false; // attach again once the snapshot on its way is in
};

} // namespace ql
