"""eventsift.batch package."""
