# Where the data lives, behind one interface (base.Store) with two back-ends: the data
# folder's files (files.FileStore) or a database (sql.SqlStore); transfer moves versions
# in and out. The app and the command line import what they need from here.
from utils.editing.store.base import (
    NothingChangedError,
    StaleVersionError,
    Store,
    StoreError,
)
from utils.editing.store.files import FileStore, replace_keeping_backup
from utils.editing.store.sql import SqlStore, database_errors
from utils.editing.store.transfer import (
    KEPT_FOLDERS,
    export_texts,
    import_texts,
    known_data_sets,
    materialise,
    restore,
    version_texts,
)

__all__ = [
    "KEPT_FOLDERS",
    "FileStore",
    "NothingChangedError",
    "SqlStore",
    "StaleVersionError",
    "Store",
    "StoreError",
    "database_errors",
    "export_texts",
    "import_texts",
    "known_data_sets",
    "materialise",
    "replace_keeping_backup",
    "restore",
    "version_texts",
]
