"""The operating system's idle time (seconds since the last input anywhere), where it can be known.

* X11: the XScreenSaver extension (``libXss``) through ctypes: ``XScreenSaverQueryInfo``'s ``idle``.
* Anywhere else (Wayland, macOS, Windows, no display, no libXss): ``None``. The meter
  then has no activity to go on while the app is unfocused, so unfocused time becomes
  ``away`` after the category's idle threshold (``docs/metering.md``).

Only a number of seconds is read: never which program, window or key.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

log = logging.getLogger("annotator.metering")


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [("window", ctypes.c_ulong), ("state", ctypes.c_int), ("kind", ctypes.c_int),
                ("til_or_since", ctypes.c_ulong), ("idle", ctypes.c_ulong), ("eventMask", ctypes.c_ulong)]


class SystemIdle:
    """``seconds()`` → the system idle time, or ``None`` when it cannot be known here."""

    def __init__(self) -> None:
        self._display = None
        self._xss = None
        self._x11 = None
        self._info = None
        self.available = False
        self.why = ""
        if not os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "wayland")):
            self.why = "no X11 display"
            return
        try:
            x11_name = ctypes.util.find_library("X11")
            xss_name = ctypes.util.find_library("Xss")
            if not x11_name or not xss_name:
                self.why = "libX11 or libXss is not installed"
                return
            self._x11 = ctypes.cdll.LoadLibrary(x11_name)
            self._xss = ctypes.cdll.LoadLibrary(xss_name)
            self._x11.XOpenDisplay.restype = ctypes.c_void_p
            self._x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
            self._x11.XDefaultRootWindow.restype = ctypes.c_ulong
            self._x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
            self._xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
            self._xss.XScreenSaverQueryInfo.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                                        ctypes.POINTER(_XScreenSaverInfo)]
            self._xss.XScreenSaverQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                                             ctypes.POINTER(ctypes.c_int)]
            display = self._x11.XOpenDisplay(None)
            if not display:
                self.why = "cannot open the X11 display"
                return
            a, b = ctypes.c_int(), ctypes.c_int()
            if not self._xss.XScreenSaverQueryExtension(display, ctypes.byref(a), ctypes.byref(b)):
                self.why = "the X server has no XScreenSaver extension"
                return
            self._display = display
            self._root = self._x11.XDefaultRootWindow(display)
            self._info = self._xss.XScreenSaverAllocInfo()
            self.available = True
        except (OSError, AttributeError) as exc:
            self.why = f"XScreenSaver unavailable: {exc}"
        if not self.available:
            log.info("system idle time unavailable: %s", self.why)

    def seconds(self) -> float | None:
        if not self.available:
            return None
        try:
            if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
                return None
            return self._info.contents.idle / 1000.0
        except (OSError, ValueError):
            return None
