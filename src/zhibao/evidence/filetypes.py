"""Which files are accepted as evidence, and whether a file's bytes match its name.

A file is accepted only when its extension is in `ALLOWED` and its first bytes (sniffed with
the `filetype` library, plus the OLE2 signature of old Office files, which it does not
report) belong to the same family as that extension. So "scan.pdf" that is really a Windows
program, or "photo.jpg" that is a ZIP archive, is refused, with the type the bytes show.

Families group formats that share a container: .docx/.xlsx/.pptx are ZIP archives, and
.mp4/.m4a/.mov/.3gp share the ISO media container; within a family a sniffer cannot always
tell them apart, and nothing is gained by refusing them.
"""
from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Family:
    code: str
    label: object
    extensions: tuple[str, ...]   # accepted file-name extensions
    sniffed: tuple[str, ...]      # what `filetype` may report for them ("ole2" for old Office files)


FAMILIES = (
    Family("pdf", gettext_lazy("PDF document"), ("pdf",), ("pdf",)),
    Family("jpeg", gettext_lazy("JPEG image"), ("jpg", "jpeg"), ("jpg",)),
    Family("png", gettext_lazy("PNG image"), ("png",), ("png",)),
    Family("gif", gettext_lazy("GIF image"), ("gif",), ("gif",)),
    Family("webp", gettext_lazy("WebP image"), ("webp",), ("webp",)),
    Family("bmp", gettext_lazy("BMP image"), ("bmp",), ("bmp",)),
    Family("tiff", gettext_lazy("TIFF image"), ("tif", "tiff"), ("tif",)),
    Family("ole2", gettext_lazy("Office 97–2003 document"), ("doc", "xls", "ppt"), ("ole2", "doc", "xls", "ppt")),
    Family("ooxml", gettext_lazy("Office document"), ("docx", "xlsx", "pptx", "odt", "ods", "odp"),
           ("docx", "xlsx", "pptx", "odt", "ods", "odp", "zip")),
    Family("zip", gettext_lazy("ZIP archive"), ("zip",), ("zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub")),
    Family("mp3", gettext_lazy("MP3 audio"), ("mp3",), ("mp3",)),
    Family("wav", gettext_lazy("WAV audio"), ("wav",), ("wav",)),
    Family("amr", gettext_lazy("AMR audio"), ("amr",), ("amr",)),
    Family("flac", gettext_lazy("FLAC audio"), ("flac",), ("flac",)),
    Family("ogg", gettext_lazy("Ogg audio"), ("ogg",), ("ogg",)),
    Family("aac", gettext_lazy("AAC audio"), ("aac",), ("aac",)),
    Family("isomedia", gettext_lazy("MP4/MOV audio or video"), ("mp4", "m4a", "m4v", "mov", "3gp"),
           ("mp4", "m4a", "m4v", "mov", "3gp")),
    Family("avi", gettext_lazy("AVI video"), ("avi",), ("avi",)),
    Family("wmv", gettext_lazy("Windows Media video"), ("wmv",), ("wmv",)),
    Family("mkv", gettext_lazy("Matroska or WebM video"), ("mkv", "webm"), ("mkv", "webm")),
    Family("mpeg", gettext_lazy("MPEG video"), ("mpg", "mpeg"), ("mpg",)),
)
BY_EXTENSION = {ext: fam for fam in FAMILIES for ext in fam.extensions}
ALLOWED = tuple(BY_EXTENSION)


class Refused(Exception):
    """The file is not acceptable; `message` says why, translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def extension_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def allowed_text() -> str:
    return ", ".join(f".{ext}" for ext in ALLOWED)


def sniff(head: bytes) -> tuple[str, str]:
    """(extension, MIME type) the first bytes show, or ("", "") when they show nothing known."""
    if head.startswith(OLE2):
        return "ole2", "application/x-ole-storage"
    kind = filetype.guess(head)
    return (kind.extension, kind.mime) if kind else ("", "")


def check(name: str, head: bytes) -> tuple[Family, str, str]:
    """The family of an acceptable file, with the sniffed extension and MIME type; raises
    `Refused` for an extension not allowed or bytes that say something else."""
    ext = extension_of(name)
    family = BY_EXTENSION.get(ext)
    if family is None:
        if ext:
            raise Refused(_("Files of type .%(ext)s are not accepted as evidence. Accepted types: %(allowed)s.")
                          % {"ext": ext, "allowed": allowed_text()})
        raise Refused(_("The file name has no extension, so its type is unknown. Accepted types: %(allowed)s.")
                      % {"allowed": allowed_text()})
    found, mime = sniff(head)
    if found not in family.sniffed:
        shown = _("a file of type .%(found)s (%(mime)s)") % {"found": found, "mime": mime} if found else \
            _("content of no known type")
        raise Refused(_("The file is named .%(ext)s but its content is %(shown)s, not a %(family)s. A disguised "
                        "file is not accepted; upload the original file.")
                      % {"ext": ext, "shown": shown, "family": family.label})
    if found == "ole2":
        mime = {"doc": "application/msword", "xls": "application/vnd.ms-excel",
                "ppt": "application/vnd.ms-powerpoint"}[ext]
    return family, found, mime
