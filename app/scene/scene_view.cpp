#include "scene_view.h"

#include "world_scene.h"

#include <QAction>
#include <QSignalBlocker>
#include <QTimer>
#include <QWheelEvent>

namespace ql {

namespace {
constexpr qreal kMaxFitScale = 1.6;
} // namespace

SceneView::SceneView(WorldScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent), m_scene(scene), m_frame(new QTimer(this))
{
    setRenderHint(QPainter::Antialiasing);
    setRenderHint(QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setFrameShape(QFrame::NoFrame);

    auto addZoom = [this](const QKeySequence &key, auto fn) {
        auto *a = new QAction(this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, fn);
        addAction(a);
    };
    addZoom(QKeySequence::ZoomIn, [this] { zoomBy(1.25); });
    addZoom(QKeySequence(Qt::CTRL | Qt::Key_Equal), [this] { zoomBy(1.25); });
    addZoom(QKeySequence::ZoomOut, [this] { zoomBy(0.8); });
    addZoom(QKeySequence(Qt::CTRL | Qt::Key_0), [this] { fitWorld(); });

    connect(scene, &WorldScene::layoutChanged, this, [this] {
        if (!m_userZoomed)
            fitWorld();
    });
    connect(m_frame, &QTimer::timeout, this, &SceneView::frame);
    m_frame->start(16);
    m_clock.start();
}

void SceneView::setAnimationRate(double rate)
{
    m_rate = rate;
}

void SceneView::zoomBy(double factor)
{
    m_userZoomed = true;
    scale(factor, factor);
}

void SceneView::fitWorld()
{
    m_userZoomed = false;
    // As many key columns as make the world largest on this screen.
    int best = m_scene->columns();
    qreal bestScale = 0;
    for (int n = 1; n <= 3; ++n) {
        QSizeF s = m_scene->sizeFor(n);
        qreal scale = std::min(viewport()->width() / s.width(), viewport()->height() / s.height());
        if (scale > bestScale * 1.05) { // prefer fewer columns unless more is clearly better
            bestScale = scale;
            best = n;
        }
    }
    if (best != m_scene->columns()) {
        QSignalBlocker block(m_scene); // setColumns re-lays out; this call fits afterwards
        m_scene->setColumns(best);
    }
    QRectF r = m_scene->sceneRect();
    fitInView(r, Qt::KeepAspectRatio);
    // A small world is shown larger, to be read from the back of a classroom, but not so
    // large that its first key fills the screen (the scene is drawn as vectors: text stays
    // sharp at any scale).
    if (transform().m11() > kMaxFitScale)
        setTransform(QTransform::fromScale(kMaxFitScale, kMaxFitScale));
}

void SceneView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void SceneView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (!m_userZoomed)
        fitWorld();
}

void SceneView::frame()
{
    int elapsed = static_cast<int>(m_clock.restart());
    m_scene->advance(static_cast<int>(elapsed * m_rate));
}

} // namespace ql
