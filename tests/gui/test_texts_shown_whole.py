"""Texts are shown whole or shortened by whole words: deadlines, SMART tips, messages in the
welcome dialog, and 'onbekend' for an unknown home start."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.caseload_page import CaseloadPage
from thuiszitter_desktop.ui.plan_editor import PlanTab
from thuiszitter_desktop.ui.start_dialogs import FirstRunDialog
from thuiszitter_desktop.ui.word_elide import elide_words

DEADLINE = "Afspraak bij de jeugdarts maken: 133 dagen verlopen"


def test_deadlines_shorten_by_whole_words_keeping_the_state(qapp: object) -> None:
    metrics = QFontMetrics(QFont())
    full = metrics.horizontalAdvance(DEADLINE)
    assert elide_words(DEADLINE, metrics, full) == DEADLINE
    shorter = elide_words(DEADLINE, metrics, full - 20)
    assert shorter == "Afspraak bij de jeugdarts…: 133 dagen verlopen"
    narrow = elide_words(DEADLINE, metrics, metrics.horizontalAdvance("133 dagen verlopen"))
    assert narrow == "133 dagen verlopen"
    for width in range(10, full, 7):
        text = elide_words(DEADLINE, metrics, width)
        words = text.replace("…", " ").replace(":", " ").split()
        assert all(word in DEADLINE.replace(":", " ").split() for word in words), text


def test_smart_tips_are_as_tall_as_their_text(qtbot: QtBot, ctx: AppContext) -> None:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2014, 1, 1))
    case = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=ctx.today()))
    tab = PlanTab(ctx, case.id)
    qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    qtbot.waitExposed(tab)
    tab.start_plan()
    tab.add_goal()  # an empty goal: several long tips
    view = tab.hints
    qtbot.waitUntil(lambda: view.count() >= 3)
    for row in range(view.count()):
        index = view.model().index(row, 0)
        rect = view.visualRect(index)
        # What the style needs to draw the wrapped text whole at this width (it cuts the
        # last line with '…' when the item is lower).
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        QStyledItemDelegate().initStyleOption(option, index)
        option.rect = rect
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        needed = view.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option,
                                               QSize(), view).height()
        assert rect.height() >= needed, view.item(row).text()


def test_welcome_dialog_grows_with_its_messages(qtbot: QtBot) -> None:
    dialog = FirstRunDialog(lambda *_: None, lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.passphrase, "kort")
    dialog.create_button.click()  # hint and error appear, both wrapped over lines
    layout = dialog.layout()
    assert layout is not None
    qtbot.waitUntil(lambda: dialog.height() >= layout.totalHeightForWidth(dialog.width()))
    # No two texts on top of each other.
    labels = [dialog.hint, dialog.error]
    assert labels[0].geometry().bottom() <= labels[1].geometry().top()


def test_unknown_home_start_reads_onbekend_in_the_caseload(qtbot: QtBot,
                                                         ctx: AppContext) -> None:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2014, 1, 1))
    cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=ctx.today()))
    page = CaseloadPage(ctx)
    qtbot.addWidget(page)
    page.reload()
    column = next(c for c in range(page.model.columnCount())
                  if page.model.headerData(c, Qt.Orientation.Horizontal) == "Dagen thuis")
    assert page.model.index(0, column).data() == "onbekend"
