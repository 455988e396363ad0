#include "event_log_panel.h"

#include "event_log_filter.h"
#include "event_log_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

namespace ql {

EventLogPanel::EventLogPanel(QWidget *parent)
    : QWidget(parent),
      m_model(new EventLogModel(this)),
      m_filter(new EventLogFilter(this)),
      m_key(new QLineEdit(this)),
      m_clients(new QComboBox(this)),
      m_kinds(new QComboBox(this)),
      m_order(new QComboBox(this)),
      m_view(new QTableView(this))
{
    m_filter->setSourceModel(m_model);
    m_key->setPlaceholderText(tr("Filter by key"));
    m_key->setClearButtonEnabled(true);
    m_clients->addItem(tr("All clients"));
    m_clients->setToolTip(tr("Show only what one client did or received"));
    m_kinds->addItem(tr("All kinds"));
    for (int g = 0; g < EventLogFilter::kGroupCount; ++g)
        m_kinds->addItem(EventLogFilter::groupName(static_cast<EventLogFilter::KindGroup>(g)));
    m_order->addItem(tr("Newest last"));
    m_order->addItem(tr("Newest first"));
    auto *clear = new QPushButton(tr("Clear"), this);

    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setColumnWidth(EventLogModel::TimeColumn, 72);
    m_view->setColumnWidth(EventLogModel::ClientColumn, 80);
    // The sentence says it all; kind and key stay in the tooltip and the filters.
    m_view->setColumnHidden(EventLogModel::KindColumn, true);
    m_view->setColumnHidden(EventLogModel::KeyColumn, true);

    // Two short rows, so the dock can stay narrow and leave the width to the scene.
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_key, 1);
    bar->addWidget(clear);
    auto *bar2 = new QHBoxLayout;
    bar2->addWidget(m_clients, 1);
    bar2->addWidget(m_kinds, 1);
    bar2->addWidget(m_order, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addLayout(bar2);
    layout->addWidget(m_view, 1);

    connect(m_key, &QLineEdit::textChanged, m_filter, &EventLogFilter::setKeyFilter);
    connect(m_clients, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QVariant id = m_clients->itemData(index);
        m_filter->setClients(id.isValid() ? QSet<ClientId> {id.toLongLong()} : QSet<ClientId> {});
    });
    connect(m_kinds, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyKinds);
    connect(m_order, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_filter->setOrder(i == 1 ? EventLogFilter::Order::NewestFirst : EventLogFilter::Order::OldestFirst);
    });
    connect(clear, &QPushButton::clicked, m_model, &EventLogModel::clear);
    // Follow the newest row unless the user scrolled away to read.
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        QScrollBar *bar = m_view->verticalScrollBar();
        bool newestAtBottom = m_order->currentIndex() == 0;
        m_follow = newestAtBottom ? value >= bar->maximum() - 2 : value <= bar->minimum() + 2;
    });
}

void EventLogPanel::setClientChoices(const std::vector<std::pair<std::int64_t, QString>> &clients)
{
    if (clients == m_clientChoices)
        return;
    m_clientChoices = clients;
    const QVariant chosen = m_clients->currentData();
    QSignalBlocker block(m_clients);
    m_clients->clear();
    m_clients->addItem(tr("All clients"));
    for (const auto &[id, name] : clients)
        m_clients->addItem(name, QVariant::fromValue(static_cast<qlonglong>(id)));
    const int again = chosen.isValid() ? m_clients->findData(chosen) : 0;
    m_clients->setCurrentIndex(std::max(again, 0));
    if (again < 0)
        m_filter->setClients({}); // the chosen client has gone
}

void EventLogPanel::append(const std::vector<Event> &events, std::uint64_t dropped)
{
    m_model->appendEvents(events, dropped);
    if (m_follow) {
        if (m_order->currentIndex() == 0)
            m_view->scrollToBottom();
        else
            m_view->scrollToTop();
    }
}

void EventLogPanel::applyKinds()
{
    int i = m_kinds->currentIndex();
    if (i <= 0)
        m_filter->setKinds(EventLogFilter::allKinds());
    else
        m_filter->setKindGroups({static_cast<EventLogFilter::KindGroup>(i - 1)});
}

} // namespace ql
