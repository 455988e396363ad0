// ListModel: list elements by index, the elided middle as one row.
#include "list_model.h"

#include "inspector_format.h"

namespace ql {

ListModel::ListModel(QObject *parent)
    : InspectorTableModel({{tr("Index"), tr("Position from the head (LINDEX); the tail is at -1"), true},
                              {tr("Element"), tr("The element's value")}},
        ElementColumn, parent)
{
}

void ListModel::setList(const KeySnapshot &k, bool sameKey)
{
    std::vector<InspectorRow> rows;
    rows.reserve(k.elements.size() + 1);
    const std::size_t shown = k.elements.size();
    const std::size_t elided = k.length > shown ? k.length - shown : 0;
    const std::size_t split = elided > 0 ? std::min(k.elidedFrom, shown) : shown;
    auto element = [&](std::size_t index, const std::string &value) {
        const QString i = QString::number(index);
        rows.push_back(InspectorRow {i,
            {InspectorCell {i, tr("Index %1 (%2 from the tail)").arg(index).arg(-static_cast<qint64>(k.length - index)),
                 true, false},
                InspectorCell {printable(value), fullText(value), false, false}},
            false});
    };
    for (std::size_t i = 0; i < split; ++i)
        element(i, k.elements[i]);
    if (elided > 0)
        rows.push_back(InspectorRow {QStringLiteral("\x01more"),
            {InspectorCell {QStringLiteral("..."), {}, true, false},
                InspectorCell {moreText(elided),
                    tr("Indexes %1 to %2 are not shown").arg(split).arg(split + elided - 1), false, false}},
            true});
    for (std::size_t i = split; i < shown; ++i)
        element(i + elided, k.elements[i]);
    setRows(std::move(rows), sameKey);
}

} // namespace ql
