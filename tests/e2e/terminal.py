"""The installed program in a real pseudo-terminal, its screen read as a terminal draws it.

``Terminal(argv, env)`` starts the program in a pty of a given size (pexpect); every byte
it writes goes through a VT emulator (pyte), so ``expect(text)`` waits until a person
would see ``text`` on the screen — never a fixed sleep, always a deadline.
"""

from __future__ import annotations

import time

import pexpect
import pyte

DEADLINE = 60.0  # seconds for one thing to show; a cold start of the app takes ~2 s


class Terminal:
    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24),
                 cwd: str | None = None) -> None:
        columns, lines = size
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(argv[0], argv[1:], env=env, cwd=cwd,
                                   dimensions=(lines, columns), encoding=None)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)

    def pump(self, timeout: float = 0.1) -> bool:
        """Feed what the program wrote to the screen; False once it has ended."""
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.stream.feed(data)
        return True

    def text(self) -> str:
        """The screen's lines. Read from the cells (a wide character's second cell is
        empty): pyte's own ``display`` fails on a cell emptied by a wide character drawn
        over half of another."""
        buffer, columns = self.screen.buffer, self.screen.columns
        return "\n".join("".join(buffer[y][x].data for x in range(columns)).rstrip()
                         for y in range(self.screen.lines))

    def expect(self, wanted: str, deadline: float = DEADLINE) -> str:
        """Wait until ``wanted`` is on the screen; the screen's text."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if wanted in self.text():
                return self.text()
            if not self.pump():
                break
        raise AssertionError(f"{wanted!r} never showed; the screen:\n{self.text()}")

    def expect_gone(self, unwanted: str, deadline: float = DEADLINE) -> str:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if unwanted not in self.text():
                return self.text()
            if not self.pump():
                break
        raise AssertionError(f"{unwanted!r} stayed; the screen:\n{self.text()}")

    def send(self, keys: str | bytes) -> None:
        """Write ``keys`` in one write, as a burst or a paste arrives."""
        self.child.write(keys.encode("utf-8") if isinstance(keys, str) else keys)
        self.child.flush()

    def wait_exit(self, deadline: float = DEADLINE) -> int:
        end = time.monotonic() + deadline
        while time.monotonic() < end and self.pump():
            pass
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else -1
