"""Reading recordings and the waveform pyramid: formats, damage, streaming memory, the cache (no Qt)."""
from __future__ import annotations

import os
import tracemalloc

import numpy as np
import pytest
import soundfile as sf

from annotator_transcription import waveform as W
from annotator_transcription.audio import AudioError, probe

from .conftest import speechlike, write_audio


def brute_level0(path, bin_frames):
    data, _ = sf.read(str(path), dtype="float32", always_2d=True)
    n = -(-len(data) // bin_frames)
    lo = np.array([data[i * bin_frames:(i + 1) * bin_frames].min() for i in range(n)])
    hi = np.array([data[i * bin_frames:(i + 1) * bin_frames].max() for i in range(n)])
    return lo, hi


@pytest.mark.parametrize("suffix,rate,channels", [(".wav", 16000, 1), (".wav", 44100, 2), (".flac", 48000, 2),
                                                  (".flac", 8000, 1), (".ogg", 22050, 1), (".mp3", 44100, 2),
                                                  (".wav", 16000, 6)])
def test_every_format_rate_and_channel_count_gives_the_true_envelope(tmp_path, suffix, rate, channels):
    path = write_audio(tmp_path / f"a{suffix}", 3.0, rate, channels)
    info = probe(path)
    assert info.samplerate == rate and info.channels == channels
    assert info.duration == pytest.approx(3.0, abs=0.06)  # MP3 frames pad the end a little
    pyramid = W.Pyramid(info).build()
    assert pyramid.complete and pyramid.error is None
    lo, hi = brute_level0(path, pyramid.bin_frames)
    level0 = pyramid.levels[0].astype(np.float32) / 32767
    assert len(level0) == len(lo)
    tolerance = 2.0 / 32767 if info.is_pcm else 1e-3
    assert np.allclose(level0[:, 0], lo, atol=tolerance) and np.allclose(level0[:, 1], hi, atol=tolerance)
    # the highest level still holds the loudest moment
    assert pyramid.levels[-1][:, 1].max() == pyramid.levels[0][:, 1].max()


def test_parallel_ranges_give_the_same_pyramid_as_one_reader(tmp_path, monkeypatch):
    monkeypatch.setattr(W, "PARALLEL_MIN_SECONDS", 1.0)
    path = write_audio(tmp_path / "a.flac", 20.0, 16000, 2)
    one = W.Pyramid(probe(path)).build(workers=1)
    four = W.Pyramid(probe(path)).build(workers=4)
    assert len(four._ranges) == 4
    assert all(np.array_equal(a, b) for a, b in zip(one.levels, four.levels))


def test_envelope_picks_a_level_for_the_zoom_and_falls_back_to_samples(tmp_path):
    path = write_audio(tmp_path / "a.wav", 60.0, 16000, 1)
    pyramid = W.Pyramid(probe(path)).build()
    whole = pyramid.envelope(0, 60, 800)
    assert 800 <= len(whole.x) <= 1600 and whole.mode == "pairs"
    assert whole.x[0] == 0 and whole.x[-1] < 60
    assert pyramid.envelope(10.0, 10.5, 800) is None  # finer than level 0: read the samples
    close = W.read_envelope(pyramid.info, 10.0, 10.05, 800)
    assert close.mode == "line" and len(close.x) == 800
    data, _ = sf.read(str(path), start=160000, frames=800, dtype="float32")
    assert np.allclose(close.lo, data, atol=1e-6)


def test_the_build_streams_blocks_and_never_holds_the_file_in_memory(tmp_path):
    path = tmp_path / "long.wav"
    with sf.SoundFile(str(path), "w", 48000, 2, subtype="PCM_16") as out:
        block = speechlike(10.0, 48000, 2)
        for _ in range(18):  # three minutes of 48 kHz stereo: 69 MB as float32
            out.write(block)
    info = probe(path)
    tracemalloc.start()
    try:
        W.Pyramid(info).build(workers=2)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.1f} MB while building"


def test_cache_round_trip_and_a_changed_or_damaged_cache_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    path = write_audio(tmp_path / "a.flac", 40.0, 8000, 1)
    info = probe(path)
    built = W.open_pyramid(info, cache).build(cache_dir=cache)
    assert not built.from_cache and W.cache_path(cache, info).exists()
    again = W.open_pyramid(probe(path), cache)
    assert again.from_cache and again.complete
    assert all(np.array_equal(a, b) for a, b in zip(built.levels, again.levels))
    # a damaged cache file is thrown away, never trusted
    W.cache_path(cache, info).write_bytes(b"PK\x03\x04 not a real archive")
    fresh = W.open_pyramid(info, cache)
    assert not fresh.from_cache and not W.cache_path(cache, info).exists()
    # a changed recording has another key
    write_audio(path, 41.0, 8000, 1, seed=3)
    assert W.cache_key(probe(path)) != W.cache_key(info)


def test_short_recordings_are_not_cached(tmp_path):
    cache = tmp_path / "cache"
    path = write_audio(tmp_path / "a.wav", 2.0)
    W.open_pyramid(probe(path), cache).build(cache_dir=cache)
    assert not (cache / "waveforms").exists()


@pytest.mark.parametrize("suffix", [".flac", ".mp3"])
def test_a_truncated_recording_is_drawn_up_to_where_it_stops(tmp_path, suffix):
    path = write_audio(tmp_path / f"a{suffix}", 8.0, 16000, 1)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # the header still promises 8 seconds
    info = probe(path)
    assert info.duration == pytest.approx(8.0, abs=0.1)
    pyramid = W.Pyramid(info).build(cache_dir=tmp_path / "cache")
    assert pyramid.complete and pyramid.error and "cut short after 0:03" in pyramid.error
    assert pyramid.end_frame / info.samplerate == pytest.approx(4.0, abs=0.3)
    drawn = pyramid.levels[0][:, 1]
    stop = pyramid.end_frame // pyramid.bin_frames
    assert drawn[:stop].max() > 3000 and not drawn[stop + 1:].any()
    assert not (tmp_path / "cache" / "waveforms").exists()  # never cache a damaged file's waveform


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"),
    (b"hello, this is not audio at all" * 4, "not a WAV, FLAC, OGG or MP3"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00" + os.urandom(40), "damaged"),
    (b"fLaC" + os.urandom(300), "damaged"),
    (b"OggS" + os.urandom(300), "damaged"),
])
def test_corrupt_files_give_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError, match=message):
        probe(path)


def test_a_header_claiming_days_of_sound_is_refused(tmp_path):
    path = write_audio(tmp_path / "a.wav", 1.0, 8000, 1)
    data = bytearray(path.read_bytes())
    # a WAV header whose data chunk claims 4 GB at 8 kHz mono 16-bit (about 75 hours)
    index = data.index(b"data")
    data[index + 4:index + 8] = (0xFFFFFFF0).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    try:
        info = probe(path)
    except AudioError as exc:
        assert "hours" in str(exc) or "damaged" in str(exc)
    else:  # libsndfile trusted the file size instead of the header
        assert info.duration < 2.0
