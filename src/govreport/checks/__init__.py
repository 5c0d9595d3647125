"""The checks of a report: types and values (the converter's), then the semantic rules —
dates, totals, table spans, nesting (:mod:`govreport.checks.semantic`)."""
