"""Charts for both writers: the chart part (DrawingML), its embedded workbook and the
picture fallback drawn with matplotlib."""
