"""The public, worker-facing pages: the language chooser, the information page, the leaflets."""
