"""Uploaded exports: streamed to disk in chunks under the data folder, never held in memory.

``DiskUploadHandler`` is the project's only upload handler (settings.FILE_UPLOAD_HANDLERS):
each chunk Django reads from the request is written straight into a file in
``INSIGHTS_UPLOAD_DIR/incoming`` and the upload stops once it passes
``INSIGHTS_MAX_UPLOAD_BYTES``. ``keep`` moves an accepted file to where the worker reads it;
``delete`` and ``sweep`` make sure no raw export outlives its job.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

# Leftover files (a worker killed twice, a crash between saving and queueing) older than this
# are removed when a worker starts.
SWEEP_AFTER_SECONDS = 24 * 3600
SUFFIXES = (".txt", ".zip", ".json", ".csv")


def upload_dir() -> Path:
    return Path(settings.INSIGHTS_UPLOAD_DIR)


def max_bytes() -> int:
    return int(settings.INSIGHTS_MAX_UPLOAD_BYTES)


def limit_text() -> str:
    return f"{max_bytes() / (1024 * 1024):.0f} MB"


class DiskUploadedFile(TemporaryUploadedFile):
    """A temporary upload in the data folder (not the system temp folder): the raw export
    stays on the disk nearer manages, and moving it to the job's place is a rename."""

    def __init__(self, name: str, content_type: str, charset: str | None, extra: Any) -> None:
        folder = upload_dir() / "incoming"
        folder.mkdir(parents=True, exist_ok=True)
        # Closed (and so removed) by Django when the request ends, or renamed by ``keep``.
        file = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="upload-", suffix=".part", dir=folder
        )
        UploadedFile.__init__(self, file, name, content_type, 0, charset, extra)


class DiskUploadHandler(FileUploadHandler):
    """Writes every chunk to disk as it arrives; stops past the size limit."""

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        # A body announced as too big is refused at its first file byte (the form fields
        # before it, such as the CSRF token, are still read, so the page can say why).
        if content_length > max_bytes() + 64 * 1024 and self.request is not None:
            self.request.upload_too_big = True  # type: ignore[attr-defined]
        return None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.written = 0
        self.file = DiskUploadedFile(
            self.file_name or "upload",
            self.content_type or "",
            self.charset,
            self.content_type_extra,
        )

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.written += len(raw_data)
        if getattr(self.request, "upload_too_big", False) or self.written > max_bytes():
            if self.request is not None:
                self.request.upload_too_big = True  # type: ignore[attr-defined]
            raise StopUpload(connection_reset=False)
        self.file.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> UploadedFile[Any]:
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self) -> None:
        if hasattr(self, "file"):
            self.file.close()  # a NamedTemporaryFile removes itself on close


def too_big(request: HttpRequest) -> bool:
    """True when the request is (or announced itself as) over the limit. Checked before the
    body is read where the Content-Length already tells."""
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        announced = 0
    # The multipart envelope adds a little around the file itself.
    return announced > max_bytes() + 64 * 1024 or bool(getattr(request, "upload_too_big", False))


def keep(uploaded: UploadedFile[Any]) -> tuple[str, int]:
    """Move an accepted upload to the worker's folder; returns its name there and size."""
    folder = upload_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}.upload"
    source = uploaded.temporary_file_path()  # type: ignore[attr-defined]
    os.replace(source, folder / name)
    size = (folder / name).stat().st_size
    uploaded.close()  # the temporary file is gone already; closing just tidies the handle
    return name, size


def path_of(name: str) -> Path:
    return upload_dir() / Path(name).name


def delete(name: str) -> None:
    if name:
        path_of(name).unlink(missing_ok=True)


def sweep(now: float | None = None, keep_names: set[str] | None = None) -> int:
    """Remove uploaded files older than a day that no live job still needs."""
    folder = upload_dir()
    if not folder.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - SWEEP_AFTER_SECONDS
    removed = 0
    for path in [*folder.glob("*.upload"), *(folder / "incoming").glob("*.part")]:
        if keep_names and path.name in keep_names:
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
