"""eventsift.evaluation package."""
