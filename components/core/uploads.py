"""Reading a file a request names: only a regular file Gradio accepted as an upload into its cache folder, its
size checked before a byte is read. A path anywhere else is refused with the same sentence whether it exists or
not (no file-exists oracle). No gradio here: the page tells the folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from components.i18n import UserError


class Uploads:
    def __init__(self, folder: str | os.PathLike | None):
        self.folder = Path(folder).resolve() if folder else None  # None: nothing was uploaded, nothing is read

    def read(self, path: object, max_bytes: int) -> bytes:
        """An uploaded image's bytes, or UserError("not_an_upload") / ("image_too_big")."""
        path = os.fspath(path) if isinstance(path, os.PathLike) else path
        if not isinstance(path, str) or not path or self.folder is None or "\0" in path:
            raise UserError("not_an_upload")
        resolved = Path(os.path.realpath(path))  # links and ../ resolved before the folder is checked
        if not resolved.is_relative_to(self.folder) or resolved == self.folder:
            raise UserError("not_an_upload")
        try:
            with open(resolved, "rb", opener=_no_follow) as file:
                info = os.fstat(file.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise UserError("not_an_upload")
                if info.st_size > max_bytes:
                    raise UserError("image_too_big", megabytes=info.st_size // (1024 * 1024))
                data = file.read(max_bytes + 1)
                if len(data) > max_bytes:  # it grew after the check
                    raise UserError("image_too_big", megabytes=len(data) // (1024 * 1024))
                return data
        except OSError:
            raise UserError("not_an_upload") from None


def _no_follow(path: str, flags: int) -> int:
    # O_NONBLOCK: a FIFO opens without waiting for a writer (and is then refused as not a regular file).
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
