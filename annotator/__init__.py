"""annotator: a desktop annotation tool that keeps an honest timesheet for the worker.

The package is split in two layers:

* :mod:`annotator.core` and :mod:`annotator.plugin_api` import no Qt; they hold
  packs, the worker's store, plugin discovery, exports and (later) metering.
* :mod:`annotator.ui` turns Qt events into core calls and core results into widgets.
"""

__version__ = "0.1.0"

