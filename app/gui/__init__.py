"""The Qt Widgets client: thin views over the core's Book facade."""

import sys

if sys.version_info < (3, 12):  # pragma: no cover - depends on the interpreter
    import ctypes

    # PySide6 6.12 returns None from every void method without taking a reference to it. On Python 3.11, where
    # None is not yet immortal, its count falls by one per call until the interpreter aborts ("none_dealloc").
    # None is a static object that is never freed, so a large head start on its count is harmless.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
