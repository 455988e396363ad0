// FeedPump: brings the broker's event feed to the GUI thread in batches, at most once per
// frame (about 60 times a second), however many events the broker produces. Consumers
// (world model, event log, scene) connect to `batch`. The broker never waits for it: when
// the window falls behind, the feed drops the oldest events and `batch` says how many.
#pragma once

#include "engine/event.h"

#include <QObject>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

class QTimer;

namespace ql {

class EventFeed;

struct EventBatchView {
    const std::vector<Event> *events = nullptr;
    std::uint64_t dropped = 0;
};

class FeedPump : public QObject {
    Q_OBJECT
public:
    explicit FeedPump(EventFeed &feed, QObject *parent = nullptr);
    ~FeedPump() override;

    // Drains now (tests, and before a snapshot is applied).
    void drainNow();
    std::uint64_t eventsSeen() const { return m_seen; }

Q_SIGNALS:
    // Valid during the emission only.
    void batch(const std::vector<ql::Event> &events, std::uint64_t dropped);

private:
    EventFeed &m_feed;
    int m_consumer = 0; // EventFeed::ConsumerId
    std::shared_ptr<std::atomic<bool>> m_pending;
    QTimer *m_frame;
    std::uint64_t m_seen = 0;
};

} // namespace ql
