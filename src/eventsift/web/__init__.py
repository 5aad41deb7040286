"""eventsift.web package."""
