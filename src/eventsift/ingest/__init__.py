"""eventsift.ingest package."""
