#include <QTest>
class TestWorldModel : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestWorldModel)
#include "tst_world_model.moc"
