"""Opening an item's image without blocking the window, then its full resolution on demand.

The editor reads the header at once (:func:`annotator_image.imageio.probe`: the size, or a
clear refusal for a damaged or too large file). The preview is then:

* read back at once when the prefetch hook kept it, or decoded at once when the image is
  small (:data:`annotator_image.limits.INLINE_PIXELS`, a few milliseconds);
* otherwise decoded by a worker thread while the window goes on (the editor shows that the
  image is opening, then the preview). An image decoded whole keeps the thread's
  large-decode slot until its pyramid is built, so no other large decode adds to it.

The pyramid (full resolution) is built by the same thread when the worker zooms past the
preview. Results reach the interface thread through a queued signal; a result for an item
the worker has left is dropped.
"""
from __future__ import annotations

import concurrent.futures
import logging
import threading
from pathlib import Path

from PySide6 import QtCore

from annotator_image._qt.canvas import qimage_from_array
from annotator_image.imageio import Header, ImageError, ImageSource, Pyramid, kept_preview, open_image
from annotator_image.limits import INLINE_PIXELS, one_at_a_time

log = logging.getLogger("annotator.plugin.image")

#: one background thread opens large images and builds pyramids (Pillow releases the GIL while decoding)
_EXECUTOR = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="image-pyramid")


def _open_job(path: Path, cache_dir: Path | None, pixels: int, cancel: threading.Event,
              opened: concurrent.futures.Future, pyramid: concurrent.futures.Future) -> None:
    with one_at_a_time(pixels):  # held through the pyramid of an image decoded whole
        if cancel.is_set():
            opened.set_exception(ImageError("cancelled"))
            return
        try:
            source = open_image(path, cache_dir=cache_dir)
            # the preview's copy for the screen, made here: the interface thread only wraps it
            image = qimage_from_array(source.preview_array())
        except BaseException as exc:  # noqa: BLE001 - reported to the interface thread
            opened.set_exception(exc)
            return
        chained = source._full is not None and not cancel.is_set()
        opened.set_result((source, chained, image))
        if chained:
            try:
                pyramid.set_result(source.build_pyramid(cache_dir, cancel))
            except BaseException as exc:  # noqa: BLE001
                pyramid.set_exception(exc)


class ImageLoader(QtCore.QObject):
    """One editor's image: the preview (at once or from a thread) and the pyramid."""

    opened = QtCore.Signal(object, object)
    """The preview is ready (after an opening off the interface thread): the :class:`ImageSource`
    and its preview as a ``QImage``."""
    open_failed = QtCore.Signal(str)
    pyramid_ready = QtCore.Signal(object)
    pyramid_failed = QtCore.Signal(str)
    _finished = QtCore.Signal(int)

    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.token = 0
        self.source: ImageSource | None = None
        self.cache_dir: Path | None = None
        self.open_future: concurrent.futures.Future | None = None
        self.pyramid_future: concurrent.futures.Future | None = None
        self._chained: concurrent.futures.Future | None = None
        self._delivered: concurrent.futures.Future | None = None
        self._cancel: threading.Event | None = None
        self._finished.connect(self._poll, QtCore.Qt.ConnectionType.QueuedConnection)

    @property
    def opening(self) -> bool:
        """Whether the preview is being decoded off the interface thread."""
        return self.open_future is not None

    def start(self, header: Header, cache_dir: Path | None) -> ImageSource | None:
        """Open the image ``header`` describes; the source if it is ready at once (raises
        :class:`ImageError` then), else ``None`` and :attr:`opened` or :attr:`open_failed` follows."""
        self.stop()
        self.cache_dir = cache_dir
        self._cancel = threading.Event()
        source = kept_preview(header.path, cache_dir) if cache_dir is not None else None
        if source is None and header.pixels <= INLINE_PIXELS:
            source = open_image(header.path, cache_dir=cache_dir)
        if source is not None:
            self.source = source
            if source._full is not None:  # decoded whole: build its levels now
                self.need_pyramid()
            return source
        opened, self._chained = concurrent.futures.Future(), concurrent.futures.Future()
        self.open_future = opened
        token = self.token
        opened.add_done_callback(lambda _f: self._notify(token))
        _EXECUTOR.submit(_open_job, header.path, cache_dir, header.pixels, self._cancel, opened, self._chained)
        return None

    def stop(self) -> None:
        """Forget the item: its decoding stops at the next chance, its results are dropped."""
        if self._cancel is not None:
            self._cancel.set()
        self.token += 1
        self.source = None
        self.open_future = self.pyramid_future = self._chained = None
        self._cancel = None

    def need_pyramid(self) -> None:
        """Build the full resolution in the background (once per item)."""
        if self.pyramid_future is not None or self.source is None:
            return
        token, source, cache, cancel = self.token, self.source, self.cache_dir, self._cancel
        self.pyramid_future = _EXECUTOR.submit(source.build_pyramid, cache, cancel)
        self.pyramid_future.add_done_callback(lambda _f: self._notify(token))

    def _notify(self, token: int) -> None:
        """From a worker thread: a future of load ``token`` is done (the interface thread polls)."""
        try:
            self._finished.emit(token)
        except RuntimeError:  # the editor is gone
            pass

    def _poll(self, token: int | None = None) -> None:
        if token is not None and token != self.token:
            return
        future = self.open_future
        if future is not None and future.done():
            self.open_future = None
            try:
                source, chained, image = future.result()
            except Exception as exc:  # noqa: BLE001 - shown to the worker
                self.open_failed.emit(str(exc) or type(exc).__name__)
                return
            self.source = source
            if chained:
                self.pyramid_future = self._chained
                self._chained.add_done_callback(lambda _f, t=self.token: self._notify(t))
            self.opened.emit(source, image)
        future = self.pyramid_future
        if future is not None and future.done() and future is not self._delivered:
            self._delivered = future
            try:
                pyramid: Pyramid = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker thread's error must not reach Qt
                self.pyramid_failed.emit(str(exc) or type(exc).__name__)
                return
            self.pyramid_ready.emit(pyramid)

    def wait_opened(self, timeout: float = 30.0) -> bool:
        """Block until the preview is decoded and delivered (tests and the benchmark)."""
        future = self.open_future
        if future is not None:
            try:
                future.result(timeout)
            except Exception:  # noqa: BLE001 - delivered as open_failed
                pass
            self._poll()
        return self.source is not None

    def wait_pyramid(self, timeout: float = 30.0) -> bool:
        """Block until the pyramid is built and delivered (tests and the benchmark)."""
        future = self.pyramid_future
        if future is None:
            return False
        try:
            future.result(timeout)
        except Exception:  # noqa: BLE001 - delivered as pyramid_failed
            pass
        self._poll()
        return future.done() and future.exception() is None
