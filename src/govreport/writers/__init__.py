"""Writers: laid-out documents → DOCX, HWPX (and, via LibreOffice, PDF)."""
