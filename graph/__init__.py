"""The graph model, entity resolution, stores, queries, exports and the HTML page."""
