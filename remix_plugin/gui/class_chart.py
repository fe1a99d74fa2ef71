"""A small bar chart of how many Comuni fall in each class, coloured like the map's symbols."""

from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QPainter
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from remix_plugin.core.base.i18n import tr


class ClassChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.bars = []  # (label, count, QColor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setObjectName("classChart")

    def set_bars(self, bars) -> None:
        self.bars = list(bars)
        self.setToolTip("\n".join(f"{label}: {count} " + tr("Comuni") for label, count, _ in self.bars))
        self.update()

    def sizeHint(self):
        return QSize(240, 20 * max(3, len(self.bars)) + 8)

    def paintEvent(self, _event):
        if not self.bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        label_width = min(
            max(metrics.horizontalAdvance(label.split(" (")[0]) for label, _, _ in self.bars) + 8, self.width() // 2
        )
        count_width = metrics.horizontalAdvance("000") + 6
        row = (self.height() - 4) / len(self.bars)
        top = max(count for _, count, _ in self.bars) or 1
        span = max(1, self.width() - label_width - count_width - 4)
        for index, (label, count, colour) in enumerate(self.bars):
            y = 2 + index * row
            text_rect = QRectF(0, y, label_width - 4, row)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label.split(" (")[0]
            )
            width = span * count / top
            painter.setPen(QColor(77, 77, 77))
            painter.setBrush(colour if colour.alpha() else QColor(255, 255, 255))
            painter.drawRect(QRectF(label_width, y + row * 0.15, max(width, 1), row * 0.7))
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                QRectF(label_width + width + 4, y, count_width, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(count),
            )
        painter.end()
