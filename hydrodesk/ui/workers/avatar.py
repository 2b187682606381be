"""A worker's round picture: their photo when there is one, their initials on the theme's accent otherwise."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from hydrodesk.domain.photos import Photo

AVATAR_SIZE = 88


class Avatar(QWidget):
    def __init__(self, parent: QWidget | None = None, size: int = AVATAR_SIZE) -> None:
        super().__init__(parent)
        self.setObjectName("WorkerAvatar")
        self.setFixedSize(size, size)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._initials = "?"
        self._pixmap: QPixmap | None = None
        self._background = QColor("#17795f")
        self._foreground = QColor("#ffffff")

    def sizeHint(self) -> QSize:
        return self.size()

    @property
    def initials(self) -> str:
        return self._initials

    @property
    def has_photo(self) -> bool:
        return self._pixmap is not None

    def set_colors(self, background: QColor, foreground: QColor) -> None:
        self._background, self._foreground = QColor(background), QColor(foreground)
        self.update()

    def show_initials(self, initials: str) -> None:
        self._initials = initials or "?"
        self._pixmap = None
        self.setToolTip("")
        self.update()

    def show_photo(self, photo: Photo | None) -> bool:
        """Show the photo (True), or keep the initials when there is none or Qt cannot decode it (False)."""
        if photo is None:
            return False
        pixmap = QPixmap()
        if not pixmap.loadFromData(photo.data):
            return False
        self._pixmap = pixmap
        self.update()
        return True

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        bounds = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        circle = QPainterPath()
        circle.addEllipse(bounds)
        if self._pixmap is not None:
            # Fill the circle, cropping the photo's longer side around its centre.
            scaled = self._pixmap.scaled(
                self.size() * self.devicePixelRatioF(),
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(self.devicePixelRatioF())
            painter.setClipPath(circle)
            logical = scaled.deviceIndependentSize()
            x = (self.width() - logical.width()) / 2
            y = (self.height() - logical.height()) / 2
            painter.drawPixmap(int(x), int(y), scaled)
            painter.end()
            return
        painter.fillPath(circle, self._background)
        font = QFont(self.font())
        font.setPixelSize(max(10, self.height() // 3))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self._foreground)
        painter.drawText(bounds, Qt.AlignmentFlag.AlignCenter, self._initials)
        painter.end()
