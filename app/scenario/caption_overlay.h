// CaptionOverlay: the scenario's chapter and caption over the scene, in large type, for a
// projector. It sits at the bottom of the view it is given, wraps long text, never takes
// mouse input, and hides when there is nothing to say.
#pragma once

#include <QWidget>

namespace ql {

class CaptionOverlay : public QWidget {
    Q_OBJECT
public:
    explicit CaptionOverlay(QWidget *view);

    void setSection(const QString &title);
    void setCaption(const QString &text);
    void clear();
    QString caption() const { return m_caption; }
    QString section() const { return m_section; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void relayout();
    QFont captionFont() const;
    QFont sectionFont() const;

    QString m_section;
    QString m_caption;
};

} // namespace ql
