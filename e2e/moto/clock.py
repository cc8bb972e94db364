"""The emulator's clock: the real time plus an offset that a test moves forward (the
control endpoint's /clock), so that what AWS does only after hours or days (removing
deprecated versions at least 24 hours old) can be seen in a test. moto's Secrets Manager
reads its time from here."""

import threading
import time as _time

_lock = threading.Lock()
_offset = 0.0


def time():
    """Seconds since the epoch, on the emulator's clock."""
    with _lock:
        return _time.time() + _offset


now = time


def advance(seconds):
    global _offset
    with _lock:
        _offset += float(seconds)
