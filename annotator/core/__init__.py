"""The Qt-free core: packs, the worker's store, plugin discovery, exports.

Nothing under this package may import Qt; ``tests/core/test_layering.py`` checks it.
"""
