"""The interface for AI agents: an MCP server over the typed model (``govreport mcp``).

:mod:`.workspace` confines every path to the folders the server was started with,
:mod:`.tools` does the work of each tool (plain functions, no SDK), :mod:`.guide` holds the
texts an agent reads (block guide, prompts) and :mod:`.server` puts them behind the official
``mcp`` SDK (imported only there: ``pip install 'govreport[mcp]'``).
"""
