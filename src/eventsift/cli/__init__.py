"""eventsift.cli package."""
