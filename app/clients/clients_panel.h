// The Clients dock: every client the user types as, in its colour, with its state (idle,
// blocked on keys, subscribed, in MULTI), and buttons to add, rename and close clients.
// It only shows and asks; MainWindow owns the clients.
#pragma once

#include "engine/event.h"

#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace ql {

class ClientsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClientsPanel(QWidget *parent = nullptr);

    void addClient(ClientId id, const QString &name, int colorIndex);
    void removeClient(ClientId id);
    void renameClient(ClientId id, const QString &name);
    void setState(ClientId id, const QString &state);
    void select(ClientId id);
    ClientId selected() const;
    int count() const;
    QString rowText(ClientId id) const;

Q_SIGNALS:
    void newClientRequested();
    void renameRequested(ql::ClientId id);
    void closeRequested(ql::ClientId id);
    void activated(ql::ClientId id);

private:
    QListWidgetItem *find(ClientId id) const;
    void refresh(QListWidgetItem *item);
    void updateButtons();

    QListWidget *m_list;
    QPushButton *m_new;
    QPushButton *m_rename;
    QPushButton *m_close;
};

} // namespace ql
