// StreamView: entries, groups, and the selected group's consumers and pending entries.
#include "stream_view.h"

#include "consumers_model.h"
#include "groups_model.h"
#include "inspector_format.h"
#include "inspector_table_view.h"
#include "pending_model.h"
#include "stream_entries_model.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ql {

namespace {

QWidget *section(QLabel *label, QWidget *body, QWidget *parent)
{
    auto *w = new QWidget(parent);
    auto *layout = new QVBoxLayout(w);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    layout->addWidget(label);
    layout->addWidget(body);
    return w;
}

} // namespace

StreamView::StreamView(QWidget *parent)
    : QWidget(parent),
      m_entries(new StreamEntriesModel(this)),
      m_groups(new GroupsModel(this)),
      m_consumers(new ConsumersModel(this)),
      m_pending(new PendingModel(this)),
      m_entriesLabel(new QLabel(tr("Entries"), this)),
      m_groupsLabel(new QLabel(tr("Consumer groups"), this)),
      m_groupLabel(new QLabel(this)),
      m_groupTabs(new QTabWidget(this)),
      m_entriesView(new InspectorTableView(m_entries, this)),
      m_groupsView(new InspectorTableView(m_groups, this)),
      m_consumersView(new InspectorTableView(m_consumers, this)),
      m_pendingView(new InspectorTableView(m_pending, this))
{
    m_groupTabs->setDocumentMode(true);
    m_groupTabs->addTab(m_consumersView, tr("Consumers"));
    m_groupTabs->addTab(m_pendingView, tr("Pending"));
    m_groupsView->setToolTip(tr("Select a group to see its consumers and pending entries"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(section(m_entriesLabel, m_entriesView, split));
    split->addWidget(section(m_groupsLabel, m_groupsView, split));
    split->addWidget(section(m_groupLabel, m_groupTabs, split));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_groupsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_updating)
            return;
        const QString g = groupInView();
        if (g.isEmpty() || g == m_group)
            return;
        m_group = g;
        showGroup(false);
    });
    showGroup(false);
}

QString StreamView::groupInView() const
{
    const auto rows = m_groupsView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_groups->rowKey(rows.first().row());
}

void StreamView::selectGroup(const QString &name)
{
    const int row = m_groups->rowOf(name);
    if (row < 0)
        return;
    m_groupsView->selectRow(row);
}

void StreamView::setStream(const KeySnapshot &k, std::int64_t nowMs, bool sameKey)
{
    m_key = k;
    m_nowMs = nowMs;
    m_updating = true;
    m_entries->setEntries(k, sameKey);
    m_groups->setGroups(k.groups, sameKey);
    // The group shown stays while it exists; else the first one.
    QString group = groupInView();
    if (group.isEmpty() && m_groups->rowCount() > 0) {
        const int row = sameKey && m_groups->rowOf(m_group) >= 0 ? m_groups->rowOf(m_group) : 0;
        m_groupsView->selectRow(row);
        group = m_groups->rowKey(row);
    }
    m_updating = false;
    const bool sameGroup = sameKey && group == m_group;
    m_group = group;
    showGroup(sameGroup);
    if (!sameKey) {
        m_entriesView->scrollToTop();
        m_groupsView->scrollToTop();
    }
    m_entriesLabel->setText(tr("Entries (%1)").arg(k.length));
    m_groupsLabel->setText(tr("Consumer groups (%1)").arg(k.groups.size()));
}

void StreamView::clear()
{
    m_key = KeySnapshot {};
    m_group.clear();
    m_updating = true;
    m_entries->clear();
    m_groups->clear();
    m_updating = false;
    showGroup(false);
}

QString StreamView::groupTitle() const
{
    return m_groupLabel->text();
}

void StreamView::showGroup(bool sameGroup)
{
    const GroupSnapshot *group = nullptr;
    for (const auto &g : m_key.groups)
        if (printable(g.name) == m_group)
            group = &g;
    m_consumers->setConsumers(group, m_nowMs, sameGroup);
    m_pending->setPending(group, m_nowMs, sameGroup);
    if (!sameGroup) {
        m_consumersView->scrollToTop();
        m_pendingView->scrollToTop();
    }
    m_groupLabel->setText(group ? tr("Group %1").arg(m_group) : tr("No consumer group (XGROUP CREATE makes one)"));
    m_groupTabs->setTabText(0, group ? tr("Consumers (%1)").arg(group->consumers.size()) : tr("Consumers"));
    m_groupTabs->setTabText(1, group ? tr("Pending (%1)").arg(group->pendingCount) : tr("Pending"));
    m_groupTabs->setEnabled(group != nullptr);
}

} // namespace ql
