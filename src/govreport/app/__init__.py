"""The application: the render pipeline (:mod:`~govreport.app.render`), batch conversion,
the command line, the starter project and the shipped templates."""
