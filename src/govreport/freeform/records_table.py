"""``table_from_records``: a list of records (a JSON dump) → a typed generic table.

Columns come from :func:`govreport.freeform.records.columns` (labels, fixed decimals per number
column); grouped records get their group label merged down the group (``rowspan``) and a
소계 row per group; the 합계 row is a computed row (``Compute(op="sum")``), so totals are
derived by :mod:`govreport.model.compute`, never typed twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..model.dates import Period
from ..model.tables import Cell, Column, Compute, NumberFormat, Row, Table
from . import records as rec

ColumnSpec = str | Mapping[str, Any]


def _cell_value(record: Any, col: Mapping[str, Any]) -> str | int | float | None:
    value = rec.field_value(record, col["field"])
    if rec.is_missing(value):
        return None
    if col.get("format") == "date":
        return rec.column_value(record, col)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    if col.get("numeric"):
        return float(value) if "." in str(value) else int(value)
    return str(value)


def table_from_records(
    records: Sequence[Any],
    columns: Iterable[ColumnSpec] | None = None,
    *,
    group_by: str | None = None,
    group_label: str | None = None,
    totals: bool = True,
    subtotals: bool = True,
    total_label: str = "합계",
    subtotal_label: str = "소계",
    title: str | None = None,
    unit: str | None = None,
    basis: Period | str | None = None,
    notes: Sequence[str] = (),
) -> Table:
    """A table from a list of records (a JSON dump), in a few lines::

        table_from_records(rows, columns=["district", {"field": "area", "label": "면적",
                           "decimals": 1}], group_by="district", unit="㎡")

    ``columns``: field names or ``{"field", "label", "decimals", "format"}`` objects
    (default: the records' fields); number columns print with fixed decimals.
    ``group_by``: a first column with the group label merged down each group and a
    computed 소계 row per group (``subtotals=False`` to leave them out); ``totals``: a
    computed 합계 row.  Other options: ``group_label``, ``total_label``,
    ``subtotal_label``, ``title``, ``unit``, ``basis``, ``notes``.
    """
    if isinstance(records, Mapping | str | bytes):
        raise TypeError("table_from_records needs a list of records (objects)")
    items = list(records)
    cols = rec.columns(items, list(columns) if columns is not None else None, exclude=group_by)
    if not cols:
        raise ValueError("table_from_records: no columns (empty records and no columns= given)")
    lead = 0
    for c in cols:
        if c.get("numeric"):
            break
        lead += 1
    stub = max(1, lead) + (1 if group_by else 0)
    if group_by:
        stub = max(stub, 2)
    head = [Cell(value=group_label or group_by)] if group_by else []
    head += [Cell(value=str(c["label"])) for c in cols]
    grid_cols = ([Column(key=group_by)] if group_by else []) + [
        Column(key=str(c["field"]),
               format=NumberFormat(decimals=int(c["decimals"])) if c.get("numeric") else None)
        for c in cols]
    body: list[Row] = []
    label_span = stub - (1 if group_by else 0)

    def record_row(record: Any, key: str, first: Cell | None) -> Row:
        cells = ([first] if first is not None else []) + [
            Cell(value=_cell_value(record, c)) for c in cols]
        return Row(cells=tuple(cells), key=key)

    if group_by:
        n = 0
        for g in rec.group_by(items, group_by):
            keys = []
            label = "(미상)" if g.key is None else str(g.key)
            span = len(g.items) + (1 if subtotals else 0)
            for i, record in enumerate(g.items):
                key = f"r{n}"
                n += 1
                keys.append(key)
                first = Cell(value=label, rowspan=span) if i == 0 else None
                body.append(record_row(record, key, first))
            if subtotals:
                body.append(Row(cells=(Cell(value=subtotal_label, colspan=label_span),),
                                compute=Compute(op="sum", of=tuple(keys))))
    else:
        body = [record_row(r, f"r{i}", None) for i, r in enumerate(items)]
    if totals:
        body.append(Row(cells=(Cell(value=total_label, colspan=stub),), total=True,
                        compute=Compute(op="sum")))
    return Table(header=(Row(cells=tuple(head)),), rows=tuple(body), title=title, unit=unit,
                 basis=basis, stub_columns=stub, notes=tuple(notes),
                 columns=tuple(grid_cols))


__all__ = ["table_from_records"]
