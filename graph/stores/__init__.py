"""The two graph stores: embedded FalkorDBLite (default) and Neo4j."""
