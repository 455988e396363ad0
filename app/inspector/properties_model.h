// PropertiesModel: a two-column table of named values (a string key's value and TTL, a
// client's state, a channel's counters), one row per property by name; properties that
// come and go (a client starts or stops waiting) are inserted and removed in place.
#pragma once

#include "inspector_table_model.h"

namespace ql {

struct Property {
    QString name;
    QString value;
    QString toolTip; // empty: the value
    bool mono = false;
};

class PropertiesModel : public InspectorTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn };
    explicit PropertiesModel(QObject *parent = nullptr);
    // With other column titles ("When", "What happened").
    PropertiesModel(const QString &nameTitle, const QString &valueTitle, QObject *parent = nullptr);
    // sameSubject: the same thing again (updated in place).
    void setProperties(const std::vector<Property> &properties, bool sameSubject);
    // The value of the named property ("" when there is none).
    QString value(const QString &name) const;
};

} // namespace ql
