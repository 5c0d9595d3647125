"""The JSON codec: the one cattrs converter (structure/unstructure, migrations, dumps) and the
JSON Schema generated from the model.  JSON is read by :mod:`govreport.readers.json`."""
