"""Zip archives of data files (one CSV per table, or any file the importer reads).

The archive *holds* files: each member is read as a file of its own (archives
inside archives are refused). Folders and hidden files (``__MACOSX/``,
``.DS_Store``) are left out. The size each member declares is checked against
``LIMITS['unzipped_mb']`` before anything is unpacked.
"""

from __future__ import annotations

import io
import zipfile

from ...contract.report import UploadRejected
from ...contract.schema import LIMITS
from .format import Format
from .tables import MB

__all__ = ["zip_members", "check_unpacked_size", "FORMAT"]


def zip_members(file: str, data: bytes) -> list[tuple[str, bytes]]:
    """Return (name, bytes) of each data file in a zip archive, checked before unpacking."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_unpacked_size(file, archive)
            members = [m for m in archive.infolist() if not m.is_dir() and not _hidden(m)]
            if len(members) > LIMITS["files"]:
                raise UploadRejected(
                    f"The zip archive holds {len(members)} files; the limit is "
                    f"{LIMITS['files']}.", file=file,
                    fix="Put only the tables of one network in the archive.")
            return [(f"{file}/{m.filename}", archive.read(m)) for m in members]
    except UploadRejected:
        raise
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        raise UploadRejected(
            "The zip archive is damaged, encrypted or uses an unsupported compression.",
            file=file, fix="Create the archive again without a password, or upload the "
            "CSV files themselves.") from None


def check_unpacked_size(file: str, archive: zipfile.ZipFile) -> None:
    """Raise UploadRejected when the members would unpack beyond LIMITS['unzipped_mb'].

    The sizes are those the archive declares; the zip reader never unpacks more
    than a member declares, so nothing larger can come out.
    """
    total = sum(member.file_size for member in archive.infolist())
    if total > LIMITS["unzipped_mb"] * MB:
        raise UploadRejected(
            f"The file would unpack to {total / MB:,.0f} MB; the limit is "
            f"{LIMITS['unzipped_mb']} MB (protection against zip bombs).", file=file,
            fix="Upload a smaller file, or only the sheets the dashboard needs.")


def _hidden(member: zipfile.ZipInfo) -> bool:
    name = member.filename.replace("\\", "/")
    return name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1].startswith(".")


FORMAT = Format("zip", "a zip archive", "zip", sniff=lambda probe: True, suffixes=(".zip",),
                members=lambda probe: zip_members(probe.name, probe.data))
