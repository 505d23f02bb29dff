"""Command-palette provider: jump to an outlet by name, code or pinyin initials."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.core.i18n import t
from workbench.roster import outlets


class OutletCommands(Provider):
    async def startup(self) -> None:
        db = self.app.db
        self.rows = outlets.all_active_outlets(db) if db is not None else []

    def _open(self, outlet_id: int) -> None:
        self.app.open_outlet(outlet_id)

    async def discover(self) -> Hits:
        for outlet_id, code, name, _ in self.rows[:10]:
            yield DiscoveryHit(f"{t('palette.outlet')}: {name} ({code})",
                               partial(self._open, outlet_id))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        q = query.strip().lower()
        for outlet_id, code, name, initials in self.rows:
            label = f"{t('palette.outlet')}: {name} ({code})"
            score = matcher.match(label)
            # Pinyin initials (jsyh -> 建设银行) and code prefixes match outright.
            if q and (q in initials or code.lower().startswith(q)):
                prefix = code.lower().startswith(q) or any(
                    variant.startswith(q) for variant in initials.split())
                score = max(score, 0.9 if prefix else 0.7)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self._open, outlet_id),
                          help=t("palette.outlet_help"))
