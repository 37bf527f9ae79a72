"""The bulk writer fills every column of the dossier tables, so a new column on a model cannot be
forgotten by ``koers generate``."""

from __future__ import annotations

import pytest

from koers.synthetic.generator import COLUMNS
from koers.synthetic.writer import MODELS


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_the_generated_columns_are_exactly_the_model_columns(table):
    assert set(COLUMNS[table]) == {field.column for field in MODELS[table]._meta.concrete_fields}
