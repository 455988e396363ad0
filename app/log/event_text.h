// Plain English for engine events: one short sentence per event for the Event log, the
// full details for its tool tip, and the time format of its time column. Clients are
// named as the window knows them.
#pragma once

#include "engine/event.h"

#include <QHash>
#include <QString>

namespace ql {

// Client id -> name; a client without one is "client #7", client 0 (the server's own
// expire cycle) is "the server".
class ClientNames {
public:
    void set(ClientId id, const QString &name); // an empty name brings the fallback back
    QString name(ClientId id) const;
    void clear() { m_names.clear(); }

private:
    QHash<ClientId, QString> m_names;
};

// Virtual time as mm:ss.mmm, h:mm:ss.mmm from one hour on.
QString formatEventTime(std::int64_t ms);
// A duration inside a sentence: "5 s", "1.5 s", "200 ms".
QString formatDuration(std::int64_t ms);

// One sentence, e.g. "worker-1 popped job-7 from jobs (left)". Delivered and NoReceiver
// events do not carry their message: pass the Published event they follow to name it.
QString describeEvent(const Event &e, const ClientNames &names, const Event *published = nullptr);

// Every field on its own line (at most 100 values are listed), the client named as given;
// for Delivered and NoReceiver also the message of `published`.
QString eventDetails(const Event &e, const QString &clientName, const Event *published = nullptr);

} // namespace ql
