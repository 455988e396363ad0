// Stream::Iterator: walks the live entries of an id interval, forwards or backwards.
#include "stream.h"

namespace ql {

Stream::Iterator::Iterator(const Stream &s, StreamId start, StreamId end, bool reverse)
    : m_stream(s), m_start(start), m_end(end), m_reverse(reverse)
{
    const auto &nodes = s.m_nodes;
    if (start > end || nodes.empty()) {
        m_done = true;
        return;
    }
    if (reverse) {
        m_node = s.nodeFor(end);
        if (m_node == npos)
            m_done = true;
        else
            loadReverseNode();
        return;
    }
    // Reading on from where the last forward read stopped (a group's cursor): no search.
    const SeekHint &hint = s.m_hint;
    if (hint.version == s.m_layoutVersion && hint.node < nodes.size() && hint.id <= start
        && start <= nodes[hint.node].last()) {
        m_node = hint.node;
        m_offset = hint.offset;
        return;
    }
    m_node = s.nodeFor(start);
    if (m_node == npos)
        m_node = 0;
    while (m_node < nodes.size() && nodes[m_node].last() < start)
        ++m_node;
    if (m_node < nodes.size())
        m_offset = nodes[m_node].firstOffset();
}

bool Stream::Iterator::next(StreamId &id, std::vector<std::string_view> &fv)
{
    if (m_done)
        return false;
    return m_reverse ? nextReverse(id, fv) : nextForward(id, fv);
}

bool Stream::Iterator::nextForward(StreamId &id, std::vector<std::string_view> &fv)
{
    const auto &nodes = m_stream.m_nodes;
    while (m_node < nodes.size()) {
        const StreamNode &n = nodes[m_node];
        if (m_offset >= n.endOffset()) {
            if (++m_node < nodes.size())
                m_offset = nodes[m_node].firstOffset();
            continue;
        }
        StreamNode::Entry e = n.entryAt(m_offset);
        m_offset = e.next;
        if (e.id > m_end)
            break;
        if (e.deleted || e.id < m_start)
            continue;
        fv.clear();
        n.fieldsAt(e.offset, fv);
        id = e.id;
        m_stream.m_hint = SeekHint {m_stream.m_layoutVersion, m_node, e.offset, e.id};
        return true;
    }
    m_done = true;
    return false;
}

void Stream::Iterator::loadReverseNode()
{
    m_stream.m_nodes[m_node].entryOffsets(m_offsets);
    m_left = m_offsets.size();
}

bool Stream::Iterator::nextReverse(StreamId &id, std::vector<std::string_view> &fv)
{
    const auto &nodes = m_stream.m_nodes;
    while (true) {
        if (m_left == 0) {
            if (m_node == 0)
                break;
            --m_node;
            loadReverseNode();
            continue;
        }
        const StreamNode &n = nodes[m_node];
        StreamNode::Entry e = n.entryAt(m_offsets[--m_left]);
        if (e.id < m_start)
            break;
        if (e.deleted || e.id > m_end)
            continue;
        fv.clear();
        n.fieldsAt(e.offset, fv);
        id = e.id;
        return true;
    }
    m_done = true;
    return false;
}

} // namespace ql
