"""Task packs, format 1: reading and validating them as hostile data.

A pack is a folder (or the same folder as a ``.zip``) holding ``pack.toml``,
``instructions.md``, ``items.jsonl`` and the media files the items name; see
``docs/pack-format.md``. Validation reports every problem as
``FILE[:LINE]: message`` and never raises anything but :class:`PackError`
(or :class:`UserError` for a path that is not a pack at all). Nothing from a pack
is ever executed.

One module per concept; everything is importable from ``annotator.core.packs``:

* :mod:`.layout`: the format number, the three named files, ignored junk, :class:`Limits`;
* :mod:`.problems`: :class:`Problems`, the collector every check reports to;
* :mod:`.manifest`: ``pack.toml`` read and checked against its JSON Schema;
* :mod:`.archive`: archive safety (folders walked, zips extracted, refusing anything hostile);
* :mod:`.instructions`: ``instructions.md`` parsed, its images resolved, rendered;
* :mod:`.validation`: a whole pack checked, item by item;
* :mod:`.hashing`: the content hash and the instructions hash (a pack's identity).
"""
from __future__ import annotations

from annotator.core.errors import PackError, Problem, UserError
from annotator.core.packs.archive import existing, is_zip, opened_pack, path_exists, pack_root_of, safe_extract, walk_pack
from annotator.core.packs.hashing import content_hash, file_sha256, instructions_hash
from annotator.core.packs.instructions import check_instructions, instruction_images
from annotator.core.packs.layout import (DEFAULT_LIMITS, FORMAT, IGNORED_DIRS, IGNORED_NAMES, INSTRUCTIONS,
                                         ITEMS, MANIFEST, Limits, Progress)
from annotator.core.packs.manifest import (CURRENCY_RE, LANGUAGE_RE, PACK_ID_RE, VERSION_RE, Manifest, PayTerms,
                                           check_manifest, pack_info, parse_manifest)
from annotator.core.packs.problems import MAX_REPORTED_PROBLEMS, Problems
from annotator.core.packs.validation import (Validation, item_key, iter_item_lines, iter_items, parse_item,
                                             validate_dir, validate_path)

__all__ = [
    "Problem", "PackError", "UserError", "PACK_ID_RE", "VERSION_RE", "CURRENCY_RE", "LANGUAGE_RE", "FORMAT", "MANIFEST", "INSTRUCTIONS", "ITEMS", "IGNORED_NAMES", "IGNORED_DIRS", "Limits", "DEFAULT_LIMITS", "Progress",
    "MAX_REPORTED_PROBLEMS", "Problems", "Manifest", "PayTerms", "check_manifest", "parse_manifest", "pack_info",
    "walk_pack", "safe_extract", "opened_pack", "existing", "path_exists", "pack_root_of", "is_zip", "instruction_images",
    "check_instructions", "Validation", "validate_dir", "validate_path", "iter_item_lines", "parse_item",
    "item_key", "iter_items", "file_sha256", "content_hash", "instructions_hash",
]

#: the old private name, kept only for branches written before the split (issue 13); use Problems
_Problems = Problems
