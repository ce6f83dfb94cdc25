"""Files in and out: the importer (one upload to a Dataset and a Report) and the exports.

========= ==============================================================
importer  one upload (files read together) to a Dataset and a Report
formats   the registry of upload formats: which reader applies to a file
readers   one module per concern of reading: decoding, tables, one per format
export    workbooks, CSV, and map files for other tools
========= ==============================================================
"""

from .importer import load_files, load_paths, read_upload, read_upload_paths

__all__ = ["load_files", "load_paths", "read_upload", "read_upload_paths"]
