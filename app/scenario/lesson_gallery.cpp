#include "lesson_gallery.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace ql {

Lesson describeLesson(const QString &path, const QString &text)
{
    Lesson lesson {path, QFileInfo(path).completeBaseName(), QString()};
    // Only the comment block at the top counts; the first statement ends it.
    for (const QString &raw : text.left(8192).split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (!line.startsWith(QLatin1Char('#')))
            break;
        const QString body = line.mid(1).trimmed();
        auto value = [&](QLatin1StringView key) -> std::optional<QString> {
            if (!body.startsWith(key, Qt::CaseInsensitive))
                return std::nullopt;
            return body.mid(key.size()).trimmed();
        };
        if (auto t = value(QLatin1StringView("title:")); t && !t->isEmpty())
            lesson.title = *t;
        else if (auto s = value(QLatin1StringView("summary:")))
            lesson.summary = *s;
    }
    return lesson;
}

QList<Lesson> builtInLessons()
{
    QList<Lesson> out;
    const QDir dir(QStringLiteral(":/scenarios"));
    for (const QString &name : dir.entryList({QStringLiteral("*.qls")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        out.append(describeLesson(f.fileName(), QString::fromUtf8(f.readAll())));
    }
    return out;
}

} // namespace ql
