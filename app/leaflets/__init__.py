"""The rights text for workers in their own language: its catalogs, the leaflets and their cache."""
