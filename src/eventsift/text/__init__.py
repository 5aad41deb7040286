"""eventsift.text package."""
