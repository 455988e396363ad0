// The Inspector dock (being written).
#include <QTest>

class TestInspector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
