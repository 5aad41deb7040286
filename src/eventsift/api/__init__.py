"""eventsift.api package."""
