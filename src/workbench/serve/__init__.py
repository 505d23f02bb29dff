"""The workbench in a browser (``workbench serve``): a tablet or phone at the counter.

Built on textual-serve, which runs one ``workbench`` process per browser tab and
carries keys and screen over a websocket. This package adds what it lacks: who may
connect (``gate``: a one-time link, a session cookie, the Origin), a page that works
offline and in Chinese with tappable keys (``page`` and ``assets/``), and the web
server that puts them together (``server``). The command itself is
``commands/serve.py``.

May import: ``workbench.core``, aiohttp and textual-serve. Never Textual, the screens,
the app or the domain: the app runs in its own process, started by command line.
"""
