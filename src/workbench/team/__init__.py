"""Team roll-up (渠道经理的团队视图): signed weekly bundles, a verified merge, a dashboard.

A manager makes a bundle of their file (``bundle``: a masked snapshot and a manifest
signed with their key, ``keys``); the channel manager registers each manager's public
key and merges bundles into one team database (``schema``, ``merge``), which Datasette
serves with a login and a dashboard (``dashboard``, ``serve``). Needs the ``team`` extra.
"""
