"""The words of the notices, one gettext domain per reader.

notes.py is the domain "notes" (formal notes to missions); slip.py and guide.py are the
domain "interview" (the worker's slip, the interview guide). The staff catalogs do not
extract this folder (locales/babel.cfg); `python -m app.notices.extract` does.
"""
