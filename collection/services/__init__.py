"""Collections services: desk (assignment, contacts, promises), reminders, scoring. The
day-end job lives in collection.dayend."""
