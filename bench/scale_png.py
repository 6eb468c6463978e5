"""Scale case ``png`` (issue 17): a 30,000 x 30,000 PNG (900 MP, under the plugin's 1.5 GP limit),
first pixels and peak memory of the image plugin's preview, side by side with pyvips' ``thumbnail``
on the same file (its anchor: the streaming, shrink-on-load decoder people would use).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/scale.py png
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/scale.py png --png-side 12000    # a smaller run

The PNG is written in strips of rows (a zlib stream fed 256 rows at a time), so making it needs
tens of megabytes, not the 2.7 GB of its pixels. Each measurement runs in its own process, so
that its peak memory (``ru_maxrss``) is its own. pyvips runs from ``--pyvips-python`` (default:
``bench/.venv-pyvips``, made with ``python -m venv bench/.venv-pyvips && bench/.venv-pyvips/bin/pip
install pyvips pyvips-binary``); without it the anchor is left out and the notes say so.
"""
from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np

from scale import OUT, ROOT, case

PREVIEW_SIDE = 1500
#: the targets of issue 17: first pixels no slower than pyvips' thumbnail, peak memory under 400 MB
PEAK_TARGET_MB = 400


def _chunk(f, kind: bytes, data: bytes) -> None:
    f.write(struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def write_png(path: Path, width: int, height: int, strip: int = 256) -> Path:
    """A photo-like RGB PNG (smooth colour, blocks and fine noise), written strip by strip."""
    tmp = path.with_suffix(".part")
    rng = np.random.default_rng(0)
    x = np.arange(width, dtype=np.float32)
    noise = rng.integers(0, 24, (strip, width * 3), dtype=np.uint8)
    with open(tmp, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        _chunk(f, b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        z = zlib.compressobj(1)
        for y0 in range(0, height, strip):
            h = min(strip, height - y0)
            y = np.arange(y0, y0 + h, dtype=np.float32)[:, None]
            rgb = np.empty((h, width, 3), np.uint8)
            rgb[..., 0] = (127 + 100 * np.sin(x / 997.0) * np.cos(y / 1301.0)).astype(np.uint8)
            rgb[..., 1] = ((x * 255 / width + y * 0) % 256).astype(np.uint8)
            rgb[..., 2] = ((y * 255 / height + x * 0) % 256).astype(np.uint8)
            raw = np.empty((h, 1 + width * 3), np.uint8)
            raw[:, 0] = 0  # filter: none
            raw[:, 1:] = rgb.reshape(h, -1) + noise[:h]  # wraps: fine detail a reduced decode loses
            data = z.compress(raw.tobytes())
            if data:
                _chunk(f, b"IDAT", data)
        _chunk(f, b"IDAT", z.flush())
        _chunk(f, b"IEND", b"")
    tmp.replace(path)
    return path


OURS = r"""
import json, os, resource, sys, tempfile, time
from pathlib import Path
sys.path[:0] = [sys.argv[2], sys.argv[2] + "/plugins"]
from annotator_image import streaming
from annotator_image.imageio import open_image
if sys.argv[4] == "pillow":  # the previous code path: no streaming decoder
    streaming.available = lambda: False
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t0, c0 = time.perf_counter(), time.process_time()
source = open_image(Path(sys.argv[1]))
preview = source.preview_array()
out = {"first_s": time.perf_counter() - t0, "first_cpu_s": time.process_time() - c0, "peak_mb": peak(),
       "preview": list(preview.shape), "streamed": source.streamed}
if sys.argv[3] == "zoom":  # the full resolution: the pyramid in bands to the cache, then a 1:1 view read
    with tempfile.TemporaryDirectory(dir=os.environ.get("SCALE_PNG_CACHE")) as cache:
        t0, c0 = time.perf_counter(), time.process_time()
        pyramid = source.build_pyramid(Path(cache))
        level = pyramid.best_level(1.0)
        x, y = level.width // 2, level.height // 2
        view = level.region(x - 960, y - 540, x + 960, y + 540)  # a 1920 x 1080 window at 1:1
        out.update(pyramid_s=time.perf_counter() - t0, pyramid_cpu_s=time.process_time() - c0, zoom_peak_mb=peak(),
                   levels=len(pyramid.levels), view=list(view.shape))
print(json.dumps(out))
"""

VIPS = r"""
import json, resource, sys, time
import pyvips
t0, c0 = time.perf_counter(), time.process_time()
thumb = pyvips.Image.thumbnail(sys.argv[1], int(sys.argv[2]))
pixels = thumb.write_to_memory()
out = {"first_s": time.perf_counter() - t0, "first_cpu_s": time.process_time() - c0,
       "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
       "preview": [thumb.height, thumb.width, thumb.bands], "vips": pyvips.version(0) * 100 + pyvips.version(1)}
print(json.dumps(out))
"""


def _child(python: str, code: str, *args: str) -> dict:
    proc = subprocess.run([python, "-c", code, *args], capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _pyvips_python(args) -> str | None:
    if Path(args.pyvips_python).exists():
        return args.pyvips_python
    try:
        import pyvips  # noqa: F401 - a runtime dependency of the app now (ADR 0112)
        return sys.executable
    except ImportError:
        return None


def _side_by_side(report, key: str, label: str, path: Path, python: str | None, zoom: bool, before: bool) -> None:
    """Ours (first pixels, then the 1:1 zoom), pyvips' thumbnail, and the previous path, each in its own process."""
    ours = _child(sys.executable, OURS, str(path), str(ROOT), "zoom" if zoom else "fit", "ours")
    vips = _child(python, VIPS, str(path), str(PREVIEW_SIDE)) if python else {"error": "no pyvips"}
    old = _child(sys.executable, OURS, str(path), str(ROOT), "fit", "pillow") if before else None
    if "error" in ours:
        report.note(f"{label}: annotator failed: {ours['error']}")
    else:
        anchor, target = "", None
        if "error" not in vips:
            anchor = f"pyvips thumbnail {vips['first_cpu_s']:.2f} s CPU ({vips['first_s']:.2f} s wall), {vips['peak_mb']:.0f} MB"
            target = ("<=", vips["first_cpu_s"])
        report.figure(f"{key}_first_pixels_s", f"{label}: first pixels (preview, CPU)", ours["first_cpu_s"], "s",
                      target=target, anchor=anchor, wall=ours["first_s"])
        report.figure(f"{key}_peak_mb", f"{label}: peak memory at fit", ours["peak_mb"], "MB",
                      target=("<", PEAK_TARGET_MB))
        if "zoom_peak_mb" in ours:
            report.figure(f"{key}_pyramid_s", f"{label}: full resolution built (CPU)", ours["pyramid_cpu_s"], "s",
                          wall=ours["pyramid_s"])
            report.figure(f"{key}_zoom_peak_mb", f"{label}: peak memory after a 1:1 zoom", ours["zoom_peak_mb"], "MB",
                          target=("<", PEAK_TARGET_MB))
        report.note(f"{label}: streamed by libvips: {ours['streamed']}, preview {ours['preview']}")
    if "error" in vips:
        report.note(f"{label}: pyvips left out: {vips['error']}")
    else:
        report.figure(f"{key}_pyvips_first_s", f"{label}: pyvips thumbnail (CPU)", vips["first_cpu_s"], "s",
                      wall=vips["first_s"])
        report.figure(f"{key}_pyvips_peak_mb", f"{label}: pyvips thumbnail peak memory", vips["peak_mb"], "MB")
    if old is not None:
        if "error" in old:
            report.note(f"{label}: previous path (Pillow): {old['error']}")
        else:
            report.figure(f"{key}_pillow_first_s", f"{label}: previous path (Pillow), first pixels (CPU)",
                          old["first_cpu_s"], "s", wall=old["first_s"])
            report.figure(f"{key}_pillow_peak_mb", f"{label}: previous path (Pillow), peak memory", old["peak_mb"], "MB")


@case("png", "a 900 MP PNG and a tiled TIFF without overviews: first pixels, peak memory at fit and at 1:1, "
             "against pyvips' thumbnail",
      options=[("--png-side", {"type": int, "default": 30_000, "help": "png: the side of the square PNG"}),
               ("--pyvips-python", {"default": str(ROOT / "bench" / ".venv-pyvips" / "bin" / "python"),
                                    "help": "png: an interpreter with pyvips and pyvips-binary (default: that "
                                            "venv if it exists, else this one)"}),
               ("--png-no-zoom", {"action": "store_true", "help": "png: first pixels only (no pyramid build)"})])
def png_case(args, report) -> None:
    side = args.png_side
    path = OUT / f"png-{side}.png"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        write_png(path, side, side)
    report.note(f"{path.name}: {side} x {side}, {path.stat().st_size / 1e6:.0f} MB")
    python = _pyvips_python(args)
    _side_by_side(report, "png", f"{side // 1000}k PNG", path, python, not args.png_no_zoom, before=True)
    tiled = OUT / "tiff-100mp-tiled.tif"  # written by bench/image_bench.py (Deflate, 512 x 512 tiles)
    if tiled.exists():
        _side_by_side(report, "tiff_tiled", "100 MP Deflate-tiled TIFF", tiled, python, not args.png_no_zoom,
                      before=True)
    else:
        report.note(f"{tiled.name} left out: run bench/image_bench.py once to write it")
