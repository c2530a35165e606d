"""The quarterly report never leaves a count's heading alone at the foot of a page."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.services import figures
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.demo import populate_demo


@pytest.mark.parametrize("definition", list(Definition))
def test_every_count_heading_starts_on_the_page_of_its_table(ctx: AppContext,
                                                             definition: Definition) -> None:
    populate_demo(ctx)
    for quarter in figures.recent_quarters(ctx):
        pdf = figures.quarterly_report(ctx, quarter, definition)
        for page in PdfReader(io.BytesIO(pdf)).pages:
            last = page.extract_text().strip().splitlines()[-1]
            assert "(definitie:" not in last, f"{quarter}: '{last}' alone at the foot"
