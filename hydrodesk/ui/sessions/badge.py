"""Paints a cell as a small rounded badge in a tone colour ("ok", "warn", "error", "pending", "neutral") when the
model gives the cell a tone in BADGE_ROLE; other cells are painted as usual."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from hydrodesk.ui.sessions.model import BADGE_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
PADDING_X = 8
MARGIN = 3
# Theme token of each tone's colour.
TONE_TOKENS = {"ok": "online", "warn": "busy", "error": "error", "pending": "accent", "neutral": "muted"}
FALLBACK = {"online": "#1f9d55", "busy": "#d68910", "error": "#b03a2e", "accent": "#17795f", "muted": "#5f6e68"}


class BadgeDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tokens: dict[str, str] = dict(FALLBACK)

    def set_tokens(self, tokens: dict[str, str]) -> None:
        self._tokens = {**FALLBACK, **tokens}

    def tone_color(self, tone: str) -> QColor:
        return QColor(self._tokens[TONE_TOKENS.get(tone, "muted")])

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        tone = index.data(BADGE_ROLE)
        if not tone:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        item.text = ""
        style = item.widget.style() if item.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        color = self.tone_color(str(tone))
        if item.state & QStyle.StateFlag.State_Selected:
            # On the selection colour a tone colour may vanish (green on green): use the selection's text colour.
            color = item.palette.color(QPalette.ColorRole.HighlightedText)
        metrics = item.fontMetrics
        width = min(metrics.horizontalAdvance(text) + 2 * PADDING_X, item.rect.width() - 2 * MARGIN)
        height = min(metrics.height() + 4, item.rect.height() - 2 * MARGIN)
        rect = QRectF(
            item.rect.left() + MARGIN, item.rect.center().y() - height / 2 + 0.5, max(width, 0), max(height, 0)
        )
        fill = QColor(color)
        fill.setAlpha(38)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        font = item.font
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(color)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()) - 2 * PADDING_X + 2)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), shown)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(BADGE_ROLE):
            size.setWidth(size.width() + 2 * PADDING_X + 2 * MARGIN + 8)
        return size
