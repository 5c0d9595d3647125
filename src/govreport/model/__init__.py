"""The typed report model (attrs classes); see docs/model.md."""

from .blocks import (
    BLOCK_TAGS,
    Block,
    CategoryTag,
    EnumItem,
    Event,
    Footnote,
    Item,
    LeadLine,
    Note,
    Paragraph,
    Quantity,
    SubCaption,
    WhenWhere,
)
from .dates import DateFormatError, PartialDate, Period, parse_partial_date, parse_period
from .document import SCHEMA_VERSION, Appendix, Cover, Meta, Part, Report, Section, Toc
from .tables import (
    BudgetLine,
    BudgetTable,
    BudgetTotal,
    Cell,
    Row,
    StaffGroup,
    StaffingTable,
    StaffRow,
    Table,
    execution_rate,
)

__all__ = [
    "BLOCK_TAGS", "SCHEMA_VERSION", "Appendix", "Block", "BudgetLine", "BudgetTable",
    "BudgetTotal", "CategoryTag", "Cell", "Cover", "DateFormatError", "EnumItem", "Event",
    "Footnote", "Item", "LeadLine", "Meta", "Note", "Paragraph", "Part", "PartialDate", "Period",
    "Quantity", "Report", "Row", "Section", "StaffGroup", "StaffRow", "StaffingTable",
    "SubCaption", "Table", "Toc", "WhenWhere", "execution_rate", "parse_partial_date",
    "parse_period",
]
