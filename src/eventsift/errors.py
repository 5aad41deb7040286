"""The one exception tree of eventsift.

    EventsiftError
    ├── ConfigError          bad configuration or options (unknown stage, missing model)
    ├── PipelineError        stages that do not fit together (a requirement nobody provides)
    ├── InputError           an input file or line that cannot be read
    ├── DataFileError        a shipped or user data file (codebook, dictionary, gazetteer) that fails its schema
    ├── ModelLoadError       the spaCy model or another resource cannot be loaded
    └── StoreError           the database cannot be opened, written or queried
        └── StoreUnavailable the database server is down or went away

Every message says what went wrong, with which input, and what to do.
"""

from __future__ import annotations


class EventsiftError(Exception):
    """Base class of every error eventsift raises on purpose."""


class ConfigError(EventsiftError):
    """Configuration or options that cannot work."""


class PipelineError(EventsiftError):
    """A pipeline whose stages do not fit together."""


class InputError(EventsiftError):
    """An input that cannot be read."""


class DataFileError(EventsiftError):
    """A data file (shipped or user-supplied) that is missing or fails its schema."""


class ModelLoadError(EventsiftError):
    """A model or other heavy resource that cannot be loaded."""


class StoreError(EventsiftError):
    """A database that cannot be opened, written or queried."""


class StoreUnavailable(StoreError):
    """A database server that is down or went away."""
