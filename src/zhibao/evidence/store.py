"""The content-addressed file store under ZHIBAO_CASE_FILES_DIR: a file is kept under its SHA-256.

A name derived from the content means an upload cannot choose where it lands, two identical
files are stored once, and a file that no longer hashes to its own name has been changed.
The directory is outside MEDIA_ROOT so that no web server serves it; pages read files only
through permission-checked views.

Writing is two-phase so that a refused upload leaves nothing behind: `Spool` streams the
upload into a temporary file in the store's own directory while hashing it, and `commit`
renames it into place (atomic on one file system). `discard` removes a committed file again
when the database transaction that was to record it fails.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings

CHUNK = 1024 * 1024


def root() -> Path:
    return Path(settings.ZHIBAO_CASE_FILES_DIR)


def path_for(area: str, sha256: str) -> Path:
    """Where a file with this digest lives: <root>/<area>/ab/cd/<digest>."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return root() / area / sha256[:2] / sha256[2:4] / sha256


def digest_of(path: Path) -> str:
    """The SHA-256 of a stored file, read in chunks (an integrity check)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


class TooLarge(Exception):
    """The stream went past the limit; nothing was kept."""


class Spool:
    """A temporary file in the store that hashes what is written to it.

        with Spool("evidence", limit) as spool:
            for chunk in upload.chunks():
                spool.write(chunk)          # raises TooLarge past the limit
            spool.head                      # the first bytes, for sniffing the type
            path, created = spool.commit()  # moves it to its content address

    Leaving the block without `commit` removes the temporary file."""

    HEAD = 8192

    def __init__(self, area: str, limit: int | None = None):
        self.area = area
        self.limit = limit
        self.size = 0
        self.head = b""
        self._hash = hashlib.sha256()
        self._tmp = None

    def __enter__(self) -> Spool:
        directory = root() / self.area / "tmp"
        directory.mkdir(parents=True, exist_ok=True)
        self._tmp = tempfile.NamedTemporaryFile(dir=directory, delete=False)
        return self

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.limit is not None and self.size > self.limit:
            raise TooLarge()
        if len(self.head) < self.HEAD:
            self.head += chunk[: self.HEAD - len(self.head)]
        self._hash.update(chunk)
        self._tmp.write(chunk)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def commit(self) -> tuple[Path, bool]:
        """Move the file to its content address; returns (path, whether it was new there)."""
        self._tmp.close()
        target = path_for(self.area, self.sha256)
        if target.exists():
            os.unlink(self._tmp.name)
            self._tmp = None
            return target, False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(self._tmp.name, 0o440)
        os.replace(self._tmp.name, target)
        self._tmp = None
        return target, True

    def __exit__(self, *exc) -> None:
        if self._tmp is not None:
            self._tmp.close()
            try:
                os.unlink(self._tmp.name)
            except FileNotFoundError:
                pass
            self._tmp = None


def discard(path: Path) -> None:
    """Remove a file committed by an upload whose record was not saved."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
