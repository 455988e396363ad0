#include "clients_panel.h"

#include "client_colors.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace ql {

namespace {

enum Role { IdRole = Qt::UserRole, NameRole, StateRole, ColorRole };

QIcon swatch(const QColor &color)
{
    QPixmap pm(32, 32);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(color);
    p.setPen(Qt::NoPen);
    p.drawEllipse(QRectF(4, 4, 24, 24));
    return QIcon(pm);
}

} // namespace

ClientsPanel::ClientsPanel(QWidget *parent)
    : QWidget(parent),
      m_list(new QListWidget(this)),
      m_new(new QPushButton(tr("New client"), this)),
      m_rename(new QPushButton(tr("Rename"), this)),
      m_close(new QPushButton(tr("Close"), this))
{
    m_list->setIconSize(QSize(16, 16));
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideRight); // the full state is in the tooltip
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_new->setToolTip(tr("Add a client: a new connection to the broker, with its own console"));
    m_rename->setToolTip(tr("Give the selected client another name (CLIENT SETNAME)"));
    m_close->setToolTip(tr("Close the selected client's connection, as if its program ended"));
    auto *buttons = new QGridLayout; // two rows: the dock can stay narrow
    buttons->addWidget(m_new, 0, 0, 1, 2);
    buttons->addWidget(m_rename, 1, 0);
    buttons->addWidget(m_close, 1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_new, &QPushButton::clicked, this, &ClientsPanel::newClientRequested);
    connect(m_rename, &QPushButton::clicked, this, [this] {
        if (ClientId id = selected())
            Q_EMIT renameRequested(id);
    });
    connect(m_close, &QPushButton::clicked, this, [this] {
        if (ClientId id = selected())
            Q_EMIT closeRequested(id);
    });
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        updateButtons();
        if (item)
            Q_EMIT activated(item->data(IdRole).value<ClientId>());
    });
    updateButtons();
}

void ClientsPanel::addClient(ClientId id, const QString &name, int colorIndex)
{
    auto *item = new QListWidgetItem(m_list);
    item->setData(IdRole, QVariant::fromValue<ClientId>(id));
    item->setData(NameRole, name);
    item->setData(StateRole, tr("idle"));
    item->setData(ColorRole, clientColor(colorIndex));
    item->setIcon(swatch(clientColor(colorIndex)));
    refresh(item);
    updateButtons();
}

void ClientsPanel::removeClient(ClientId id)
{
    delete find(id);
    updateButtons();
}

void ClientsPanel::renameClient(ClientId id, const QString &name)
{
    if (auto *item = find(id)) {
        item->setData(NameRole, name);
        refresh(item);
    }
}

void ClientsPanel::setState(ClientId id, const QString &state)
{
    if (auto *item = find(id)) {
        item->setData(StateRole, state);
        refresh(item);
    }
}

void ClientsPanel::select(ClientId id)
{
    if (auto *item = find(id))
        m_list->setCurrentItem(item);
}

ClientId ClientsPanel::selected() const
{
    auto *item = m_list->currentItem();
    return item ? item->data(IdRole).value<ClientId>() : kNoClient;
}

int ClientsPanel::count() const
{
    return m_list->count();
}

QString ClientsPanel::rowText(ClientId id) const
{
    auto *item = find(id);
    return item ? item->text() : QString();
}

QListWidgetItem *ClientsPanel::find(ClientId id) const
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(IdRole).value<ClientId>() == id)
            return m_list->item(i);
    return nullptr;
}

void ClientsPanel::refresh(QListWidgetItem *item)
{
    item->setText(item->data(NameRole).toString() + QStringLiteral(" \u2014 ") + item->data(StateRole).toString());
    item->setToolTip(item->text());
}

void ClientsPanel::updateButtons()
{
    bool any = m_list->currentItem() != nullptr;
    m_rename->setEnabled(any);
    m_close->setEnabled(any);
}

} // namespace ql
