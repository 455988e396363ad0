#include "feed_pump.h"

#include "broker/event_feed.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

namespace ql {

namespace {
constexpr int kFrameMs = 16;
constexpr std::size_t kMaxPerFrame = 20000; // the rest waits for the next frame
} // namespace

FeedPump::FeedPump(EventFeed &feed, QObject *parent)
    : QObject(parent), m_feed(feed), m_pending(std::make_shared<std::atomic<bool>>(false)), m_frame(new QTimer(this))
{
    m_frame->setSingleShot(true);
    m_frame->setInterval(kFrameMs);
    connect(m_frame, &QTimer::timeout, this, &FeedPump::drainNow);
    QPointer<FeedPump> self(this);
    // Called on the broker thread when a drained consumer gets new events: ask the GUI
    // thread for one drain at the next frame.
    m_consumer = m_feed.subscribe([self, pending = m_pending] {
        if (pending->exchange(true))
            return;
        QMetaObject::invokeMethod(
            qApp,
            [self] {
                if (self && !self->m_frame->isActive())
                    self->m_frame->start();
            },
            Qt::QueuedConnection);
    });
}

FeedPump::~FeedPump()
{
    m_feed.unsubscribe(m_consumer);
}

void FeedPump::drainNow()
{
    m_pending->store(false);
    EventBatch b = m_feed.drain(m_consumer, kMaxPerFrame);
    m_seen += b.events.size();
    if (!b.events.empty() || b.dropped)
        Q_EMIT batch(b.events, b.dropped);
    if (b.events.size() == kMaxPerFrame)
        m_frame->start(); // more is waiting
}

} // namespace ql
