"""eventsift.resolve package."""
