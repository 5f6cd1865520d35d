"""Uploaded import files: refuse oversized uploads before reading them, keep accepted files
under MEDIA_ROOT/imports/ until their job has used them, and clear out forgotten ones.

The size is checked three times: the request's Content-Length before Django reads the
body (a 200 MB upload is answered at once), a handler that stops reading at the limit
(a wrong Content-Length cannot get round the first check), and the stored file's size.
"""
from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils import timezone

from zhibao.core.models import Job

from .reader import max_bytes

logger = logging.getLogger("zhibao.imports")

FOLDER = "imports"
# Multipart framing and the form's other fields travel with the file.
MULTIPART_ALLOWANCE = 1024 * 1024
KEEP_UNUSED = timedelta(hours=24)


def declared_size(request) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


def too_large(request) -> int | None:
    """The declared upload size if it is over the limit (checked before the body is read)."""
    size = declared_size(request)
    if size is not None and size > max_bytes() + MULTIPART_ALLOWANCE:
        return size
    return None


class LimitHandler(FileUploadHandler):
    """Stops reading an uploaded file once it passes the limit; the view then says so."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = limit if limit is not None else max_bytes()
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


def store(upload, suffix: str) -> str:
    """Save an accepted upload under a name of our own; returns the storage name."""
    return default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}.{suffix}", upload)


def open_stored(name: str):
    return default_storage.open(name, "rb")


def exists(name: str) -> bool:
    return bool(name) and default_storage.exists(name)


def delete(name: str) -> None:
    try:
        if name and default_storage.exists(name):
            default_storage.delete(name)
    except OSError:
        logger.warning("could not delete the import file %s", name, exc_info=True)


def clear_forgotten() -> int:
    """Delete stored files older than KEEP_UNUSED that no waiting or running job needs."""
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError, OSError):
        return 0
    needed = set(Job.objects.filter(kind="import", state__in=[Job.State.QUEUED, Job.State.RUNNING])
                 .values_list("params__file", flat=True))
    cutoff = timezone.now() - KEEP_UNUSED
    removed = 0
    for filename in files:
        name = f"{FOLDER}/{filename}"
        if name in needed:
            continue
        try:
            if default_storage.get_modified_time(name) < cutoff:
                default_storage.delete(name)
                removed += 1
        except (OSError, NotImplementedError):
            continue
    return removed


def file_of(fh):
    """The real file under a storage File (what csv and openpyxl read best)."""
    inner = getattr(fh, "file", None)
    return inner if inner is not None and hasattr(inner, "seek") else fh


