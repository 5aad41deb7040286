"""eventsift.store package."""
