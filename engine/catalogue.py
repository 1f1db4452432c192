"""Finding scenarios: shipped ones, a trainer's own folder, a typed path, or a log's copy.

One rule for names, so an id is never mistaken for a path: a scenario's id is lower-case
letters, digits and underscores (`stroke_pathway`), and its file is `<id>.yaml`. An id is
looked up among the shipped scenarios (package data of `faultlines.scenarios`) and then the
user folder; a path is read only where a person typed one (it contains a slash or ends in
`.yaml`/`.yml`). Text read from inside a log or a save is never opened as a path: a log
carries its own copy of the scenario (see `embed`), checked by its SHA-256.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from faultlines.engine.errors import ScenarioError

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_SCENARIO_BYTES = 512 * 1024  # the loader's own cap, applied before a file is read whole
Origin = Literal["installed", "user", "path", "log", "save"]
EMBED_ENCODING = "zlib+base64"


def is_id(ref: str) -> bool:
    return bool(ID_PATTERN.match(ref))


def looks_like_path(ref: str) -> bool:
    """What a person typed is a path if it has a folder separator or a YAML suffix."""
    return "/" in ref or "\\" in ref or ref.lower().endswith((".yaml", ".yml"))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ScenarioSource:
    """The text of one scenario and where it came from (for messages and `scenarios`)."""

    id: str
    text: str
    origin: Origin
    where: str  # a file path, or a description such as "the log's embedded copy"
    sha256: str = field(default="")

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", sha256(self.text))

    @cached_property
    def embedded(self) -> dict[str, str]:
        """The compressed copy every log and save of a game on this scenario carries."""
        return embed(self.text)


def read_limited(path: Path, limit: int = MAX_SCENARIO_BYTES) -> bytes:
    """Read at most `limit` bytes of a regular file, so /dev/zero or a FIFO cannot hang us."""
    if path.is_dir():
        raise ScenarioError([f"{path}: cannot read file: it is a folder"])
    if path.exists() and not path.is_file():
        raise ScenarioError([f"{path}: cannot read file: not a regular file"])
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise ScenarioError([f"{path}: cannot read file: {exc.strerror or exc}"]) from None
    if len(raw) > limit:
        raise ScenarioError([f"{path}:1:1: file is over {limit} bytes, the limit"])
    return raw


def read_source(path: Path, origin: Origin = "path") -> ScenarioSource:
    """A scenario file's text (its id is read when it is validated)."""
    raw = read_limited(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError([f"{path}: not UTF-8 text (byte {exc.start})"]) from None
    return ScenarioSource(id=path.stem, text=text, origin=origin, where=str(path))


def embed(source_text: str) -> dict[str, str]:
    """A compressed copy of a scenario for a log or save, so it travels with the game."""
    data = base64.b64encode(zlib.compress(source_text.encode("utf-8"), 9)).decode("ascii")
    return {"encoding": EMBED_ENCODING, "sha256": sha256(source_text), "data": data}


def unembed(blob: object, where: str) -> str:
    """The scenario text from `embed`'s dict; ScenarioError naming `where` if damaged."""
    if not isinstance(blob, dict) or blob.get("encoding") != EMBED_ENCODING \
            or not isinstance(blob.get("data"), str) or not isinstance(blob.get("sha256"), str):
        raise ScenarioError([f"{where}: its embedded scenario is damaged"])
    try:
        packed = base64.b64decode(blob["data"], validate=True)
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_SCENARIO_BYTES + 1)
        if len(raw) > MAX_SCENARIO_BYTES or inflater.unconsumed_tail:
            raise ScenarioError([f"{where}: its embedded scenario is over "
                                 f"{MAX_SCENARIO_BYTES} bytes"])
        text = raw.decode("utf-8")
    except (ValueError, zlib.error, UnicodeDecodeError):
        raise ScenarioError([f"{where}: its embedded scenario is damaged"]) from None
    if sha256(text) != blob["sha256"]:
        raise ScenarioError([f"{where}: its embedded scenario does not match its checksum"])
    return text


def shipped_ids() -> list[str]:
    """The ids of the scenarios installed with the package."""
    return Catalogue().installed_ids()


class Catalogue:
    """The scenarios one can name by id: shipped ones first, then the user folder.

    A user file with the id of a shipped scenario is reported by `problems()` and never
    replaces the shipped one, so `elm` always means the same case in a class.
    """

    def __init__(self, user_dir: Path | None = None):
        self.user_dir = user_dir

    def _installed(self) -> dict[str, Traversable]:
        """The shipped scenario files by id (listed, not read: listing ids reads nothing)."""
        return {ref.name[:-5]: ref
                for ref in sorted(resources.files("faultlines.scenarios").iterdir(),
                                  key=lambda r: r.name)
                if ref.name.endswith(".yaml") and is_id(ref.name[:-5])}

    def _user_files(self) -> list[Path]:
        if self.user_dir is None or not self.user_dir.is_dir():
            return []
        return sorted(p for p in self.user_dir.iterdir()
                      if p.suffix in (".yaml", ".yml") and p.is_file())

    def installed_ids(self) -> list[str]:
        return sorted(self._installed())

    def user_ids(self) -> list[str]:
        shipped = self._installed()
        return [p.stem for p in self._user_files() if is_id(p.stem) and p.stem not in shipped]

    def ids(self) -> list[str]:
        """Every id that resolves: the tutorial first, then the rest in order."""
        names = sorted(set(self.installed_ids()) | set(self.user_ids()))
        return sorted(names, key=lambda n: (n != "tutorial", n))

    def problems(self) -> list[str]:
        """User files that cannot be named by id, each in one line."""
        shipped = self._installed()
        out = []
        for p in self._user_files():
            if not is_id(p.stem):
                out.append(f"{p}: the file name must be <id>.yaml, with an id of lower-case "
                           "letters, digits and _ (rename it to use it by id)")
            elif p.stem in shipped:
                out.append(f"{p}: a shipped scenario is called {p.stem!r}; rename this file "
                           "and its id to use it")
        return out

    def find(self, scenario_id: str) -> ScenarioSource:
        """The scenario with this id, or a one-line ScenarioError listing the choices."""
        shipped = self._installed()
        if scenario_id in shipped:
            ref = shipped[scenario_id]
            return ScenarioSource(scenario_id, ref.read_text(encoding="utf-8"), "installed",
                                  f"installed:{ref.name}")
        if is_id(scenario_id) and self.user_dir is not None:
            for suffix in (".yaml", ".yml"):
                p = self.user_dir / f"{scenario_id}{suffix}"
                if p.is_file():
                    return read_source(p, "user")
        raise ScenarioError([f"{scenario_id}: no such scenario; choose from "
                             f"{', '.join(self.ids())} (or give a path to a .yaml file)"])

    def resolve(self, ref: str) -> ScenarioSource:
        """What a person typed: a path if it looks like one, otherwise an id."""
        if looks_like_path(ref):
            return read_source(Path(ref).expanduser())
        return self.find(ref)
