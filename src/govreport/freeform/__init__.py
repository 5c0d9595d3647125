"""Free-form templates: the Jinja sandbox that fills DOCX and HWPX templates
(:mod:`~govreport.freeform.templating`) and the records helpers they use
(:mod:`~govreport.freeform.records`)."""
