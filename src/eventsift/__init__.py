"""eventsift: evidence-linked conflict and political event data from news reports and official statements."""

from eventsift.config import Config
from eventsift.errors import EventsiftError
from eventsift.model import Document, Event, Source

__version__ = "0.1.0"

__all__ = ["Config", "Document", "Event", "EventsiftError", "Source", "__version__"]
