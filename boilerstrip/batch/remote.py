"""Remote paths for batch: inputs and output folders named by URL (`s3://`, `gs://`,
`hf://`, `http(s)://`, `memory://`, `file://`), read and written through fsspec.

Why here and nowhere else: the library never touches the network on its own; only a
batch reads or writes a URL, and only the URLs the user names. Plain paths never go
through fsspec (no extra dependency, no overhead on the local hot path); a URL needs
fsspec and the protocol's package (`pip install "boilerstrip[remote]"`), and a missing
one is an `OSError` whose message says what to install, which the readers turn into an
error record like any other unreadable input.

Why `Folder.commit`: a shard is written whole to a scratch file, then put under its
final name in one step (a rename on a local disk, an upload to a temporary name and a
rename on a remote store), so a reader, or a run that resumes, never sees half a shard.
"""

from __future__ import annotations

import contextlib
import glob
import io
import os
import re
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

_PACKAGES = {"s3": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "hf": "huggingface_hub", "http": "aiohttp",
             "https": "aiohttp", "az": "adlfs", "abfs": "adlfs"}  # fmt: skip
# The blocks fsspec fetches of a remote input: readers stream forward, and the member
# probes that cut a WARC read a few kB, so small blocks fetch little past what is read.
_BLOCK = 2 << 20


_URL = re.compile(r"[a-zA-Z][\w+.-]*(::[a-zA-Z][\w+.-]*)*://")


def is_url(path: str) -> bool:
    """Whether `path` names a file through a protocol ("s3://…", fsspec chains such as
    "simplecache::s3://…") rather than on disk."""
    return _URL.match(path) is not None


def filesystem(url: str) -> tuple[Any, str]:
    """(fsspec filesystem, path within it) of a URL; OSError naming the package to
    install if fsspec or the protocol's package is missing."""
    try:
        from fsspec.core import url_to_fs

        fs, inner = url_to_fs(url)
        return fs, str(inner)
    except ImportError as exc:
        scheme = url.partition("://")[0]
        package = _PACKAGES.get(scheme, "fsspec")
        raise OSError(0, f"{scheme}:// needs {package}: pip install 'boilerstrip[remote]'") from exc


def open_input(path: str) -> BinaryIO:
    """An input opened for reading bytes: the file on disk, or the URL through fsspec."""
    if not is_url(path):
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    fs, inner = filesystem(path)
    if "memory" in fs.protocol:
        # fsspec's memory filesystem hands every opener one shared file object (one
        # position for all); the readers open an input more than once at a time.
        return io.BytesIO(fs.cat_file(inner))
    opened: BinaryIO = fs.open(inner, "rb", block_size=_BLOCK)
    return opened


def size_of(path: str) -> int:
    """An input's size in bytes."""
    if not is_url(path):
        return os.path.getsize(path)
    fs, inner = filesystem(path)
    return int(fs.size(inner))


def expand_url(pattern: str, keep: Callable[[str], bool]) -> list[tuple[str, str | None]]:
    """(URL, problem) of every file a URL names, as `sources.expand` does on disk: a
    glob is expanded and a folder walked (keeping the names `keep` accepts), both
    sorted; a URL that names nothing comes with the reason."""
    try:
        fs, inner = filesystem(pattern)
    except OSError as exc:
        return [(pattern, exc.strerror)]
    if glob.has_magic(inner) and not pattern.startswith(("http://", "https://")):
        found: dict[str, Any] = fs.glob(inner, detail=True)
        if not found:
            return [(pattern, "no file matches this pattern")]
    else:
        try:
            found = {inner: fs.info(inner)}
        except FileNotFoundError:
            return [(pattern, "no such file")]
        except OSError as exc:
            return [(pattern, str(exc.strerror or exc))]
    out: list[tuple[str, str | None]] = []
    for name in sorted(found):
        if found[name].get("type") == "directory":
            out += [(_url(fs, n), None) for n in sorted(fs.find(name)) if keep(n)]
        else:
            out.append((pattern if name == inner else _url(fs, name), None))
    return out


def _url(fs: Any, name: str) -> str:
    return name if is_url(name) else str(fs.unstrip_protocol(name))


def sizes(paths: list[str]) -> dict[str, int]:
    """The size of each input, local or remote. Remote sizes come from one listing of
    each folder that holds them (thousands of files cost a few requests, not one each),
    and from a request of its own for a file the listing does not show."""
    out = {p: os.path.getsize(p) for p in paths if not is_url(p)}
    folders: dict[tuple[Any, str], dict[str, str]] = {}  # (fs, folder) -> inner path -> URL
    for url in paths:
        if is_url(url):
            fs, inner = filesystem(url)
            folders.setdefault((fs, inner.rsplit("/", 1)[0]), {})[inner] = url
    for (fs, folder), urls in folders.items():
        listed: dict[str, int] = {}
        with contextlib.suppress(OSError, NotImplementedError, ValueError):
            listed = {
                e["name"]: int(e["size"]) for e in fs.ls(folder, detail=True) if e.get("size") is not None
            }
        for inner, url in urls.items():
            out[url] = listed[inner] if inner in listed else int(fs.size(inner))
    return out


@dataclass(frozen=True, slots=True)
class Folder:
    """An output folder on disk or behind a URL, whose files appear whole or not at all."""

    url: str

    @property
    def remote(self) -> bool:
        """Whether the folder is a URL (fsspec) rather than a local path."""
        return is_url(self.url)

    def path(self, name: str) -> str:
        """The path or URL of the file `name` in the folder."""
        return f"{self.url.rstrip('/')}/{name}"

    def make(self) -> None:
        """Create the folder (a no-op on stores without folders)."""
        if self.remote:
            fs, inner = filesystem(self.url)
            fs.makedirs(inner, exist_ok=True)
        else:
            os.makedirs(self.url, exist_ok=True)

    def sizes(self) -> dict[str, int]:
        """Name → size of every file in the folder (none if it does not exist)."""
        if not self.remote:
            if not os.path.isdir(self.url):
                return {}
            return {e.name: e.stat().st_size for e in os.scandir(self.url) if e.is_file()}
        fs, inner = filesystem(self.url)
        try:
            listed = fs.ls(inner, detail=True, refresh=True)
        except FileNotFoundError:
            return {}
        return {e["name"].rstrip("/").rsplit("/", 1)[-1]: int(e.get("size") or 0) for e in listed
                if e.get("type") != "directory"}  # fmt: skip

    def read_text(self, name: str) -> str | None:
        """A file's text, None if there is no such file."""
        try:
            if not self.remote:
                with open(self.path(name), encoding="utf-8") as fh:
                    return fh.read()
            fs, inner = filesystem(self.path(name))
            return bytes(fs.cat_file(inner)).decode("utf-8")
        except FileNotFoundError:
            return None

    def scratch(self, name: str) -> str:
        """A local path to write `name` into before `commit`: beside it in the folder
        itself on disk (hidden, so no glob of parts matches it), else a temporary file."""
        token = uuid.uuid4().hex[:12]
        if not self.remote:
            return os.path.join(self.url, f".{name}.{token}.tmp")
        handle, path = tempfile.mkstemp(prefix=f"boilerstrip-{token}-", suffix=f"-{name}")
        os.close(handle)
        return path

    def commit(self, scratch: str, name: str) -> int:
        """Put the finished scratch file under `name` in one step; returns its size."""
        size = os.path.getsize(scratch)
        if not self.remote:
            os.replace(scratch, self.path(name))
            return size
        fs, final = filesystem(self.path(name))
        temporary = f"{final.rsplit('/', 1)[0]}/.{name}.{uuid.uuid4().hex[:12]}.tmp"
        try:
            fs.put_file(scratch, temporary)
            fs.mv(temporary, final)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(scratch)
        return size

    def write_text(self, name: str, text: str) -> None:
        """Write a small file whole (through a scratch file and `commit`)."""
        scratch = self.scratch(name)
        try:
            with open(scratch, "w", encoding="utf-8") as fh:
                fh.write(text)
            self.commit(scratch, name)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(scratch)

    def remove(self, names: list[str]) -> None:
        """Remove these files of the folder (those already gone are no error)."""
        if not names:
            return
        if not self.remote:
            for name in names:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path(name))
            return
        fs, _ = filesystem(self.url)
        paths = [filesystem(self.path(n))[1] for n in names]
        with contextlib.suppress(FileNotFoundError):
            fs.rm(paths)
