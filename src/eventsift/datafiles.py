"""Reading the versioned JSON data files (codebooks, lexicons, dictionaries) shipped under ``eventsift/data``.

Every loader goes through :func:`read_json_file`, so a missing, malformed or schema-breaking file always fails the
same way: a :class:`~eventsift.errors.DataFileError` naming the file and saying what to do.
"""

from __future__ import annotations

import json
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import jsonschema

from eventsift.errors import DataFileError


def data_path(*parts: str) -> Path:
    """Path of a shipped data file under ``eventsift/data``."""
    return Path(str(importlib_resources.files("eventsift").joinpath("data", *parts)))


def read_json_file(path: Path, *, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read a versioned JSON data file: an object with a string ``version``, valid against ``schema`` if given.

    Raises:
        DataFileError: the file is missing, not JSON, not a versioned object, or breaks the schema.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(f"cannot read data file {path}: {exc.strerror or exc}; reinstall eventsift or fix the "
                            "path") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(f"data file {path} is not valid JSON ({exc.msg} at line {exc.lineno}); fix the file") \
            from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), str):
        raise DataFileError(f"data file {path} must be a JSON object with a string 'version'; fix the file")
    if schema is not None:
        try:
            jsonschema.validate(data, schema)
        except jsonschema.ValidationError as exc:
            where = "/".join(str(p) for p in exc.absolute_path) or "top level"
            raise DataFileError(f"data file {path} does not match its schema at {where}: {exc.message}; fix the "
                                "file") from exc
    return data


def read_shipped_json(*parts: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read the shipped data file ``eventsift/data/<parts>`` (see :func:`read_json_file`)."""
    return read_json_file(data_path(*parts), schema=schema)
