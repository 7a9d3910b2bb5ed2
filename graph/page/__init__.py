"""The interactive HTML page of a graph: one offline file (see writer.py)."""

from diplograph.graph.page.writer import PageInfo, write_page

__all__ = ["PageInfo", "write_page"]
