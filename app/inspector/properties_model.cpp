// PropertiesModel: one row per named value.
#include "properties_model.h"

namespace ql {

PropertiesModel::PropertiesModel(QObject *parent) : PropertiesModel(tr("Property"), tr("Value"), parent)
{
}

PropertiesModel::PropertiesModel(const QString &nameTitle, const QString &valueTitle, QObject *parent)
    : InspectorTableModel({{nameTitle, {}}, {valueTitle, {}}}, ValueColumn, parent)
{
}

void PropertiesModel::setProperties(const std::vector<Property> &properties, bool sameSubject)
{
    std::vector<InspectorRow> rows;
    rows.reserve(properties.size());
    for (const auto &p : properties)
        rows.push_back(
            InspectorRow {p.name, {InspectorCell {p.name}, InspectorCell {p.value, p.toolTip, false, p.mono}}, false});
    setRows(std::move(rows), sameSubject);
}

QString PropertiesModel::value(const QString &name) const
{
    return text(rowOf(name), ValueColumn);
}

} // namespace ql
