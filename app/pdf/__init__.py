"""The one WeasyPrint entry point of the app: worker processes, fonts per script."""
