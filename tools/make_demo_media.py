#!/usr/bin/env python3
"""Re-create the small media files of the bundled demo packs (committed; run only to change them).

Images are drawn with Pillow; speech is synthesised with espeak-ng (Debian package
``espeak-ng``) and stored as 16 kHz mono FLAC/OGG through soundfile.
"""
from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1] / "annotator" / "resources" / "demo-packs"


def street(seed: int, path: Path, size=(960, 640)) -> None:
    rnd = random.Random(seed)
    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    sky_top, sky_bottom = (120 + seed * 10, 170, 230), (200, 220, 240)
    horizon = int(h * 0.55)
    for y in range(horizon):
        t = y / horizon
        draw.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom)))
    draw.rectangle([0, horizon, w, h], fill=(90, 90, 95))
    draw.rectangle([0, horizon - 8, w, horizon], fill=(160, 160, 150))
    for x in range(0, w, 120):
        draw.rectangle([x + 20, int(h * 0.8), x + 80, int(h * 0.8) + 8], fill=(230, 230, 230))
    # buildings
    x = 0
    while x < w:
        bw = rnd.randint(90, 180)
        bh = rnd.randint(120, horizon - 40)
        shade = rnd.randint(120, 200)
        draw.rectangle([x, horizon - 8 - bh, x + bw, horizon - 8], fill=(shade, shade - 20, shade - 40))
        for wy in range(horizon - bh, horizon - 30, 30):
            for wx in range(x + 10, x + bw - 20, 28):
                draw.rectangle([wx, wy, wx + 14, wy + 18], fill=(250, 240, 180) if rnd.random() < 0.3 else (70, 80, 100))
        x += bw + rnd.randint(4, 20)
    # cars
    for _ in range(rnd.randint(2, 4)):
        cx = rnd.randint(40, w - 260)
        cy = rnd.randint(horizon + 40, h - 90)
        color = rnd.choice([(200, 30, 40), (30, 60, 160), (240, 240, 240), (40, 40, 40), (230, 180, 30)])
        draw.rounded_rectangle([cx, cy, cx + 200, cy + 55], radius=12, fill=color)
        draw.rounded_rectangle([cx + 40, cy - 35, cx + 150, cy + 5], radius=10, fill=color)
        draw.rectangle([cx + 52, cy - 27, cx + 92, cy - 2], fill=(170, 210, 240))
        draw.rectangle([cx + 100, cy - 27, cx + 140, cy - 2], fill=(170, 210, 240))
        for wx in (cx + 40, cx + 160):
            draw.ellipse([wx - 20, cy + 35, wx + 20, cy + 75], fill=(20, 20, 20))
    # people
    for _ in range(rnd.randint(1, 3)):
        px = rnd.randint(30, w - 30)
        py = rnd.randint(horizon - 20, horizon + 40)
        coat = rnd.choice([(50, 120, 60), (140, 40, 120), (40, 40, 90)])
        draw.ellipse([px - 9, py - 90, px + 9, py - 72], fill=(230, 190, 160))
        draw.rectangle([px - 12, py - 72, px + 12, py - 30], fill=coat)
        draw.rectangle([px - 10, py - 30, px - 2, py], fill=(30, 30, 40))
        draw.rectangle([px + 2, py - 30, px + 10, py], fill=(30, 30, 40))
    # a sign
    sx = rnd.randint(60, w - 60)
    draw.rectangle([sx - 3, horizon - 110, sx + 3, horizon + 10], fill=(120, 120, 120))
    draw.ellipse([sx - 28, horizon - 160, sx + 28, horizon - 104], fill=(220, 30, 30))
    draw.ellipse([sx - 20, horizon - 152, sx + 20, horizon - 112], fill=(250, 250, 250))
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    img.save(path, quality=82, optimize=True)


def speech(text: str, path: Path, voice: str = "en-us", rate: int = 150) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "s.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(wav), text], check=True)
        data, sr = sf.read(wav, dtype="float32")
    if data.ndim > 1:
        data = data.mean(axis=1)
    # resample to 16 kHz by linear interpolation (espeak-ng writes 22,050 Hz)
    n = int(len(data) * 16000 / sr)
    data = np.interp(np.linspace(0, len(data) - 1, n), np.arange(len(data)), data).astype("float32")
    silence = np.zeros(4000, dtype="float32")
    data = np.concatenate([silence, data, silence])
    sf.write(path, data, 16000, format=path.suffix[1:].upper(), subtype="PCM_16" if path.suffix == ".flac" else None)


def main() -> int:
    images = ROOT / "street-scenes" / "media"
    images.mkdir(parents=True, exist_ok=True)
    for i in range(1, 5):
        street(i, images / f"street-{i}.jpg")
    street(9, images / "example.jpg", size=(480, 320))
    audio = ROOT / "voice-commands" / "media"
    audio.mkdir(parents=True, exist_ok=True)
    speech("Set a timer for twelve minutes, please.", audio / "command-1.flac")
    speech("What is the weather like in Lyon tomorrow morning?", audio / "command-2.flac")
    speech("Call mum on her mobile. No, wait, call her at work.", audio / "command-3.ogg")
    speech("Remind me to buy bread and milk on the way home.", audio / "training-1.flac")
    return 0


if __name__ == "__main__":
    sys.exit(main())
