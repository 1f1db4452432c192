"""A few soft cues synthesised at start-up (no audio files to license): a tick when a move
is played, a rising chord when a forum agrees, a low tone when it does not. Silent when
sound is off or no audio device can be opened."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:  # numpy is imported when the first cue is made, not before the title
    import numpy as np

RATE = 22050


def _tone(freqs: list[float], ms: int, volume: float = 0.25) -> np.ndarray:
    import numpy as np

    t = np.arange(int(RATE * ms / 1000)) / RATE
    wave = sum(np.sin(2 * np.pi * f * t) for f in freqs) / max(1, len(freqs))
    env = np.minimum(1.0, t / 0.01) * np.exp(-t * 6.0)  # quick attack, gentle decay
    return (wave * env * volume * 32767).astype(np.int16)


def audio_likely() -> bool:
    """False on a Linux box with no sound device or sound server, where opening audio only
    prints ALSA errors to the terminal."""
    if os.environ.get("SDL_AUDIODRIVER") or not sys.platform.startswith("linux"):
        return True
    run = os.environ.get("XDG_RUNTIME_DIR", "")
    servers = [os.path.join(run, "pulse", "native"), os.path.join(run, "pipewire-0")]
    return os.path.exists("/dev/snd") or bool(os.environ.get("PULSE_SERVER")) or \
        any(os.path.exists(p) for p in servers if run)


class Sounds:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._cues: dict[str, pygame.mixer.Sound] = {}
        self._ready = False

    def _init(self) -> bool:
        if self._ready:
            return bool(self._cues)
        self._ready = True
        if not audio_likely():
            return False
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            init = pygame.mixer.get_init()
            if not init:
                return False
            channels = init[2]
            import numpy as np

            for name, freqs, ms in (("move", [660.0], 90), ("pass", [523.3, 659.3, 784.0], 420),
                                    ("fail", [196.0, 233.1], 420), ("error", [220.0], 120),
                                    ("news", [587.3, 880.0], 260)):
                samples = _tone(freqs, ms)
                if channels > 1:
                    samples = np.repeat(samples[:, None], channels, axis=1)
                self._cues[name] = pygame.sndarray.make_sound(np.ascontiguousarray(samples))
        except (pygame.error, ValueError, TypeError):
            self._cues = {}
        return bool(self._cues)

    def play(self, name: str) -> None:
        if not self.enabled or not self._init():
            return
        cue = self._cues.get(name)
        if cue is not None:
            cue.play()
