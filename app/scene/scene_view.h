// The view on the scene: fits the whole world until the user zooms (Ctrl+wheel, Ctrl++ /
// Ctrl+-, Ctrl+0 fits again) or pans (drag). It drives the animations from one frame
// clock, scaled by the time speed and stopped while time is paused.
#pragma once

#include <QElapsedTimer>
#include <QGraphicsView>

class QTimer;

namespace ql {

class WorldScene;

class SceneView : public QGraphicsView {
    Q_OBJECT
public:
    explicit SceneView(WorldScene *scene, QWidget *parent = nullptr);

    void setAnimationRate(double rate); // 0 = paused
    void zoomBy(double factor);
    void fitWorld();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void frame();

    WorldScene *m_scene;
    QTimer *m_frame;
    QElapsedTimer m_clock;
    double m_rate = 1.0;
    bool m_userZoomed = false;
};

} // namespace ql
