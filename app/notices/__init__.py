"""Notices about interviews: formal notes to missions, the worker's slip, the officer's guide."""
