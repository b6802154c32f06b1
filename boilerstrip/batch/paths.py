"""Output paths: checked before a run starts, and locked while it runs.

Why a lock: two runs writing one output interleave their lines (a torn line, records
written twice), and both would exit 0. The lock is a file beside the output that holds
the running batch's PID under an exclusive `flock`, so a second run is refused at once
and told who holds it; the kernel drops the lock when its holder dies, even by kill -9.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

from .writers import OutputError, describe


@dataclass
class Lock:
    """An exclusive lock on an output path, held by this process until `release`."""

    path: str
    fd: int

    @classmethod
    def take(cls, output: str) -> Lock:
        """Lock `output` (through .OUTPUT.lock beside it), or raise OutputError naming
        the holder."""
        import fcntl

        folder, name = os.path.split(output)
        lock_path = os.path.join(folder, f".{name}.lock")  # hidden: no input glob matches it
        while True:
            try:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise OutputError(describe(exc, lock_path)) from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
                os.close(fd)
                raise OutputError(f"{output} is being written by PID {holder}: wait for it to end") from exc
            if _same_file(fd, lock_path):
                break
            os.close(fd)  # the holder removed it between our open and our lock: again
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        return cls(lock_path, fd)

    def release(self) -> None:
        """Remove the lock file, then let go (in that order, so nobody locks a file
        that is about to disappear)."""
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self.fd)


def _same_file(fd: int, path: str) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except OSError:
        return False


def _same_path(a: str, b: str) -> bool:
    """The same file, by name or by link (a hard link has its own name)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False  # one of them does not exist yet: two names, two files


def check_paths(output: str, errors: str | None, stats: str | None) -> None:
    """Refuse paths that would overwrite each other, and a stats file that cannot be
    written, before any record is read."""
    given = (("-o", output), ("--errors", errors), ("--stats", stats))
    named = [(flag, p) for flag, p in given if p and p != "-"]
    for i, (flag, path) in enumerate(named):
        for other, path2 in named[:i]:
            if _same_path(path, path2):
                raise OutputError(f"{other} and {flag} name the same file: {os.path.realpath(path)}")
    if stats:
        try:
            with open(stats, "a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise OutputError(describe(exc, stats)) from exc


def take_locks(paths: list[str]) -> list[Lock]:
    """A lock on every output path, or none: those taken are let go if one is refused."""
    locks: list[Lock] = []
    try:
        for path in paths:
            locks.append(Lock.take(path))
    except BaseException:
        for lock in locks:
            lock.release()
        raise
    return locks
