// InspectorPanel: the pages of the Inspector dock and what each shows (see the header).
#include "inspector_panel.h"

#include "inspector_table_view.h"
#include "list_model.h"
#include "property_rows.h"
#include "stream_view.h"
#include "subscribers_model.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ql {

namespace {

QWidget *stacked(QWidget *parent, std::initializer_list<QWidget *> widgets)
{
    auto *w = new QWidget(parent);
    auto *layout = new QVBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    for (QWidget *c : widgets)
        layout->addWidget(c);
    return w;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

QString keyTitle(const KeySnapshot &k)
{
    QString name = printable(k.name);
    return k.db == 0 ? name : InspectorPanel::tr("%1 (db %2)").arg(name, QString::number(k.db));
}

} // namespace

InspectorPanel::InspectorPanel(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_summary(new QLabel(this)),
      m_pages(new QStackedWidget(this)),
      m_empty(new QLabel(this)),
      m_list(new ListModel(this)),
      m_listView(new InspectorTableView(m_list, this)),
      m_stream(new StreamView(this)),
      m_string(new PropertiesModel(this)),
      m_stringValue(new QPlainTextEdit(this)),
      m_client(new PropertiesModel(this)),
      m_channel(new PropertiesModel(this)),
      m_subscribers(new SubscribersModel(this)),
      m_subscribersView(new InspectorTableView(m_subscribers, this)),
      m_recent(new PropertiesModel(tr("When"), tr("Message and what became of it"), this)),
      m_history(new PropertiesModel(tr("When"), tr("What happened"), this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    if (titleFont.pointSizeF() > 0)
        titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false); // greyed, as a hint

    m_stringValue->setReadOnly(true);
    m_stringValue->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_stringValue->setPlaceholderText(tr("(empty string)"));
    auto *stringProperties = new InspectorTableView(m_string, this);
    stringProperties->fitHeightTo(3);

    auto *channelProperties = new InspectorTableView(m_channel, this);
    channelProperties->fitHeightTo(5);

    auto *recentView = new InspectorTableView(m_recent, this);
    recentView->wrapLongText();
    auto *historyView = new InspectorTableView(m_history, this);
    historyView->wrapLongText();

    m_pages->addWidget(m_empty); // Page::Empty
    m_pages->addWidget(m_listView); // Page::List
    m_pages->addWidget(m_stream); // Page::Stream
    m_pages->addWidget(stacked(this, {stringProperties, heading(tr("Value"), this), m_stringValue})); // Page::String
    m_pages->addWidget(new InspectorTableView(m_client, this)); // Page::Client
    m_pages->addWidget(stacked(this,
        {channelProperties, heading(tr("Subscribers, in delivery order"), this), m_subscribersView,
            heading(tr("Latest messages and what became of them"), this), recentView})); // Page::Channel
    m_pages->addWidget(historyView); // Page::Message

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_pages, 1);
    clear();
}

QString InspectorPanel::title() const
{
    return m_title->text();
}

QString InspectorPanel::summary() const
{
    return m_summary->text();
}

QString InspectorPanel::emptyMessage() const
{
    return m_empty->text();
}

bool InspectorPanel::enter(Page p, const QString &subject)
{
    const bool same = m_page == p && m_subject == subject;
    m_page = p;
    m_subject = subject;
    m_pages->setCurrentIndex(static_cast<int>(p));
    return same;
}

void InspectorPanel::setHeader(const QString &title, const QString &summary)
{
    m_title->setText(title);
    m_title->setToolTip(title);
    m_title->setVisible(!title.isEmpty());
    m_summary->setText(summary);
    m_summary->setVisible(!summary.isEmpty());
}

void InspectorPanel::showKey(const KeySnapshot &k, std::int64_t nowMs, NameOf nameOf)
{
    const Page p = k.type == ValueType::List ? Page::List : k.type == ValueType::Stream ? Page::Stream : Page::String;
    const bool same = enter(p, QStringLiteral("key:%1:%2").arg(k.db).arg(QString::fromStdString(k.name)));
    QStringList summary;
    switch (p) {
    case Page::List:
        summary << tr("List") << countText(k.length, tr("element"), tr("elements"));
        m_list->setList(k, same);
        if (!same)
            m_listView->scrollToTop();
        break;
    case Page::Stream:
        summary << tr("Stream") << tr("length %1").arg(k.length)
                << tr("last ID %1").arg(QString::fromStdString(k.lastId))
                << countText(k.groups.size(), tr("group"), tr("groups"));
        m_stream->setStream(k, nowMs, same);
        break;
    default: {
        summary << tr("String") << countText(k.length, tr("byte"), tr("bytes"));
        m_string->setProperties(stringProperties(k, nowMs), same);
        const QString value = fullText(k.stringValue, 1 << 20);
        if (m_stringValue->toPlainText() != value)
            m_stringValue->setPlainText(value);
        break;
    }
    }
    if (k.expireAtMs >= 0)
        summary << tr("expires in %1").arg(ttlText(k.expireAtMs, nowMs));
    if (!k.waiters.empty()) {
        QStringList names;
        for (ClientId id : k.waiters)
            names << clientText(nameOf, id);
        summary << tr("waiting: %1").arg(names.join(QStringLiteral(", ")));
    }
    setHeader(keyTitle(k), summary.join(QStringLiteral(" · ")));
}

void InspectorPanel::showClient(const ClientSnapshot &c, std::int64_t nowMs, NameOf nameOf)
{
    const bool same = enter(Page::Client, QStringLiteral("client:%1").arg(c.id));
    m_client->setProperties(clientProperties(c, nowMs), same);
    QString name = c.name.empty() ? clientText(nameOf, c.id) : printable(c.name);
    setHeader(name, tr("Client #%1 · %2").arg(c.id).arg(clientState(c, nowMs)));
}

void InspectorPanel::showChannel(
    const ChannelSnapshot &ch, qint64 published, qint64 delivered, qint64 lost, NameOf nameOf)
{
    const QString kind = ch.pattern ? QStringLiteral("pattern")
        : ch.shard                  ? QStringLiteral("shard")
                                    : QStringLiteral("channel");
    const bool same = enter(Page::Channel, kind + QLatin1Char(':') + QString::fromStdString(ch.name));
    m_channel->setProperties(channelProperties(ch, published, delivered, lost), same);
    m_subscribers->setSubscribers(ch, nameOf, same);
    if (!same)
        m_subscribersView->scrollToTop();
    QString kindText = channelKind(ch);
    kindText[0] = kindText[0].toUpper();
    setHeader(printable(ch.name),
        QStringLiteral("%1 · %2").arg(kindText, countText(ch.subscribers.size(), tr("subscriber"), tr("subscribers"))));
}

void InspectorPanel::showMessage(
    const QString &subject, const QString &title, const QString &summary, const std::vector<Property> &steps)
{
    const bool same = enter(Page::Message, subject);
    m_history->setProperties(steps, same);
    setHeader(title, summary);
}

void InspectorPanel::setRecentMessages(const std::vector<Property> &messages)
{
    m_recent->setProperties(messages, m_page == Page::Channel && m_recent->rowCount() > 0);
}

void InspectorPanel::clear(const QString &message)
{
    enter(Page::Empty, QString());
    m_list->clear();
    m_stream->clear();
    m_string->clear();
    m_stringValue->clear();
    m_client->clear();
    m_channel->clear();
    m_subscribers->clear();
    m_recent->clear();
    m_history->clear();
    m_empty->setText(
        message.isEmpty() ? tr("Click a key, a client or a channel in the scene to see it here in full.") : message);
    setHeader({}, {});
}

} // namespace ql
