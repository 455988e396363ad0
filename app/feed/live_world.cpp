#include "live_world.h"

#include "feed_pump.h"

#include "api/backend.h"

#include <QTimer>

#include <chrono>

namespace ql {

namespace {
constexpr int kPollMs = 4; // how often a snapshot on its way is looked for
constexpr std::size_t kMaxHeld = 400000; // beyond this, attach again rather than hold more
constexpr qint64 kRefreshGapMs = 100;
} // namespace

LiveWorld::LiveWorld(Backend &backend, FeedPump &pump, QObject *parent)
    : QObject(parent), m_backend(backend), m_pump(pump), m_poll(new QTimer(this)), m_refreshLater(new QTimer(this))
{
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, &LiveWorld::poll);
    m_refreshLater->setSingleShot(true);
    connect(m_refreshLater, &QTimer::timeout, this, [this] {
        if (m_attached && !m_model.dirtyKeys().empty())
            request(Request::Refresh);
    });
    request(Request::Attach);
}

LiveWorld::~LiveWorld()
{
    if (m_inFlight.valid())
        m_inFlight.wait(); // the broker fills it; do not leave it writing into a dead future
}

void LiveWorld::request(Request what)
{
    if (m_request != Request::None) {
        if (what == Request::Attach)
            m_attachNext = true; // once the snapshot on its way is in
        return;
    }
    SnapshotLimits limits;
    if (what == Request::Refresh) {
        // At most one refresh per kRefreshGapMs: a key that turns dirty at every command
        // (INCR on a key with a TTL, XCLAIM in a loop) costs one small snapshot per gap.
        const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : kRefreshGapMs;
        if (since < kRefreshGapMs) {
            if (!m_refreshLater->isActive())
                m_refreshLater->start(static_cast<int>(kRefreshGapMs - since));
            return;
        }
        m_sinceRefresh.start();
        limits.keysOnly = true; // only the dirty keys are copied on the broker thread
        for (const KeyId &k : m_model.dirtyKeys())
            limits.onlyKeys.emplace_back(k.db, k.name);
    }
    m_request = what;
    ++m_snapshots;
    m_inFlight = m_backend.snapshot(std::move(limits));
    m_poll->start();
}

void LiveWorld::onEvents(const std::vector<Event> &events, std::uint64_t)
{
    m_lineage.apply(std::span<const Event>(events));
    if (m_request != Request::None) {
        m_held.insert(m_held.end(), events.begin(), events.end());
        if (m_held.size() > kMaxHeld) {
            m_held.clear();
            m_attachNext = true;
        }
        return;
    }
    m_model.apply(std::span<const Event>(events));
    Q_EMIT changed(events);
    if (m_model.missedEvents())
        request(Request::Attach);
    else if (!m_model.dirtyKeys().empty())
        request(Request::Refresh);
}

void LiveWorld::poll()
{
    if (!m_inFlight.valid() || m_inFlight.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    m_poll->stop();
    WorldSnapshot snapshot = m_inFlight.get();
    finishSnapshot(snapshot);
}

void LiveWorld::syncNow()
{
    for (int i = 0; i < 100; ++i) {
        if (m_inFlight.valid()) {
            m_inFlight.wait();
            poll();
        }
        m_pump.drainNow();
        if (!m_inFlight.valid())
            return;
    }
}

void LiveWorld::finishSnapshot(const WorldSnapshot &snapshot)
{
    // Every event the snapshot covers must be here before the model can line up with it.
    for (;;) {
        std::uint64_t last = m_held.empty() ? m_model.seq() : m_held.back().seq;
        if (last >= snapshot.seq)
            break;
        std::uint64_t seen = m_pump.eventsSeen();
        m_pump.drainNow();
        if (m_pump.eventsSeen() == seen)
            break; // dropped by the feed: the model notices the gap and attaches again
    }
    const Request what = m_request;
    m_request = Request::None;
    std::vector<Event> applied;
    bool attachAgain = m_attachNext;
    m_attachNext = false;
    if (what == Request::Attach) {
        m_model.apply(snapshot);
        m_attached = true;
    } else {
        applyHeld(snapshot.seq, applied);
        // A gap in the feed: only a whole snapshot can line the model up again.
        attachAgain = attachAgain || !m_model.refreshDirty(snapshot);
    }
    applyHeld(UINT64_MAX, applied);
    m_held.clear();
    Q_EMIT changed(applied);
    if (attachAgain || m_model.missedEvents())
        request(Request::Attach);
    else if (!m_model.dirtyKeys().empty())
        request(Request::Refresh);
}

// Applies the held events with seq <= upTo (those the model already has are skipped).
void LiveWorld::applyHeld(std::uint64_t upTo, std::vector<Event> &applied)
{
    std::size_t n = 0;
    while (n < m_held.size() && m_held[n].seq <= upTo)
        ++n;
    for (std::size_t i = 0; i < n; ++i) {
        if (m_held[i].seq > m_model.seq()) {
            m_model.apply(m_held[i]);
            applied.push_back(std::move(m_held[i]));
        }
    }
    m_held.erase(m_held.begin(), m_held.begin() + static_cast<std::ptrdiff_t>(n));
}

} // namespace ql
