"""eventsift.extract package."""
