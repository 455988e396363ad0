// EventLogModel: rows in a deque (newest at the back), described once when they arrive.
#include "event_log_model.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ql {

namespace {

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QStringList keysOf(const Event &e)
{
    QStringList keys;
    if (!e.key.empty())
        keys << fromStd(e.key);
    if (e.kind == EventKind::KeyRenamed || (e.kind == EventKind::ListMoved && e.text != e.key))
        keys << fromStd(e.text);
    if (e.kind == EventKind::BlockRequested || e.kind == EventKind::Unblocked) {
        for (const std::string &k : e.values)
            keys << fromStd(k);
    }
    return keys;
}

QString droppedText(std::uint64_t n)
{
    return n == 1 ? u"1 event was dropped: the log fell behind and missed it"_s
                  : QString::number(n) + u" events were dropped: the log fell behind and missed them"_s;
}

} // namespace

EventLogModel::EventLogModel(QObject *parent) : QAbstractTableModel(parent)
{
}

EventLogModel::~EventLogModel() = default;

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    const Event &e = r.event;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return formatEventTime(e.timeMs - m_timeOrigin);
        case ClientColumn: return r.dropped ? QString() : r.client;
        case KindColumn: return r.dropped ? u"dropped"_s : QString::fromLatin1(eventKindName(e.kind));
        case KeyColumn: return r.dropped ? QString() : keysOf(e).join(u", "_s);
        case DescriptionColumn: return r.description;
        default: return {};
        }
    case Qt::ToolTipRole:
        return r.dropped ? r.description : r.description + u'\n' + eventDetails(e, r.client, r.published.get());
    case ClientIdRole: return static_cast<qint64>(r.dropped ? kNoClient : e.client);
    case KindRole: return r.dropped ? kDroppedKind : static_cast<int>(e.kind);
    case KeysRole: return r.dropped ? QStringList() : keysOf(e);
    case ColorIndexRole: return r.dropped ? -1 : colorIndex(e.client);
    case SeqRole: return static_cast<qulonglong>(r.dropped ? 0 : e.seq);
    case TimeMsRole: return static_cast<qint64>(e.timeMs);
    default: return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return u"Time"_s;
    case ClientColumn: return u"Client"_s;
    case KindColumn: return u"Kind"_s;
    case KeyColumn: return u"Key"_s;
    case DescriptionColumn: return u"What happened"_s;
    default: return {};
    }
}

int EventLogModel::colorIndex(ClientId id) const
{
    return m_colors.value(id, -1);
}

void EventLogModel::setClientColorIndex(ClientId id, int index)
{
    m_colors.insert(id, ((index % kColorCount) + kColorCount) % kColorCount);
    if (!m_rows.empty())
        Q_EMIT dataChanged(this->index(0, 0), this->index(rowCount() - 1, ColumnCount - 1), {ColorIndexRole});
}

std::shared_ptr<const Event> EventLogModel::track(const Event &e)
{
    if (e.client != kNoClient && !m_colors.contains(e.client))
        m_colors.insert(e.client, m_nextColor++ % kColorCount);
    if (e.kind == EventKind::ClientOpened || e.kind == EventKind::ClientRenamed)
        m_names.set(e.client, fromStd(e.text));
    m_lastTimeMs = e.timeMs;
    // A PUBLISH's Delivered / NoReceiver events come right after its Published event.
    if (e.kind == EventKind::Published)
        m_lastPublished = std::make_shared<const Event>(e);
    else if (e.kind != EventKind::Delivered && e.kind != EventKind::NoReceiver)
        m_lastPublished.reset();
    if (m_lastPublished && m_lastPublished->key == e.key && e.kind != EventKind::Published)
        return m_lastPublished;
    return nullptr;
}

EventLogModel::Row EventLogModel::makeRow(const Event &e)
{
    Row r;
    r.event = e;
    if (e.kind == EventKind::ClientRenamed) { // described under the old name
        r.client = m_names.name(e.client);
        r.description = describeEvent(e, m_names);
        track(e);
    } else {
        r.published = track(e);
        r.client = m_names.name(e.client);
        r.description = describeEvent(e, m_names, r.published.get());
    }
    return r;
}

void EventLogModel::append(const std::vector<Event> &events)
{
    appendEvents(events, 0);
}

void EventLogModel::append(const EventBatch &batch)
{
    appendEvents(batch.events, batch.dropped);
}

void EventLogModel::appendEvents(const std::vector<Event> &events, std::uint64_t dropped)
{
    if (m_skipThrough > 0 && !events.empty() && events.front().seq <= m_skipThrough) {
        std::vector<Event> rest;
        for (const Event &e : events) {
            if (e.seq <= m_skipThrough)
                track(e); // names still follow
            else
                rest.push_back(e);
        }
        appendEvents(rest, 0);
        return;
    }
    const auto max = static_cast<std::size_t>(m_maxRows);
    const std::size_t skip = events.size() > max ? events.size() - max : 0; // they would go at once
    std::vector<Row> rows;
    rows.reserve(events.size() - skip + 1);
    if (dropped > 0) {
        m_lastPublished.reset(); // the gap may hold the Published event of what follows
        Row r;
        r.dropped = dropped;
        r.event.timeMs = events.empty() ? m_lastTimeMs : events.front().timeMs;
        r.description = droppedText(dropped);
        rows.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < skip; ++i)
        track(events[i]);
    for (std::size_t i = skip; i < events.size(); ++i)
        rows.push_back(makeRow(events[i]));
    insert(std::move(rows));
}

void EventLogModel::insert(std::vector<Row> rows)
{
    if (rows.empty())
        return;
    const auto max = static_cast<std::size_t>(m_maxRows);
    if (rows.size() > max)
        rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(rows.size() - max));
    dropOldest(m_rows.size() + rows.size() > max ? m_rows.size() + rows.size() - max : 0);
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    for (Row &r : rows)
        m_rows.push_back(std::move(r));
    endInsertRows();
}

void EventLogModel::dropOldest(std::size_t n)
{
    n = std::min(n, m_rows.size());
    if (n == 0)
        return;
    beginRemoveRows({}, 0, static_cast<int>(n) - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + static_cast<std::ptrdiff_t>(n));
    endRemoveRows();
}

void EventLogModel::setMaxRows(int rows)
{
    m_maxRows = std::max(1, rows);
    if (m_rows.size() > static_cast<std::size_t>(m_maxRows))
        dropOldest(m_rows.size() - static_cast<std::size_t>(m_maxRows));
}

void EventLogModel::clearThrough(std::uint64_t seq)
{
    m_skipThrough = seq;
    clear();
}

void EventLogModel::clear()
{
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

} // namespace ql
