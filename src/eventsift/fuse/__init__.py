"""eventsift.fuse package."""
