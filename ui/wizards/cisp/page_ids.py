"""The CISP wizard's pages, in the order they come (their QWizard ids)."""

REGISTRATION, COMMISSION, COURSES, PATH, SESSIONS, SUMMARY = range(6)
