"""Command-palette commands of the register: sign for deliveries at an outlet, log one."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .. import deliveries, outlets
from ..i18n import t


class DeliveryCommands(Provider):
    async def startup(self) -> None:
        db = self.app.db
        self.rows = outlets.all_active_outlets(db) if db is not None else []
        self.awaiting = deliveries.awaiting_counts(db) if db is not None else {}

    def _sign(self, outlet_id: int) -> None:
        from .sign_off import open_sign_off

        open_sign_off(self.app, outlet_id)

    def _log(self, outlet_id: int) -> None:
        from .delivery_forms import open_log_delivery

        open_log_delivery(self.app, outlet_id)

    def _commands(self):
        for outlet_id, code, name, initials in self.rows:
            n = self.awaiting.get(outlet_id, 0)
            sign = t("palette.sign_at", name=name, code=code)
            if n:
                sign += " " + t("signoff.awaiting_hint", count=n)
            yield (sign, partial(self._sign, outlet_id), initials, code, n, "palette.sign_help")
            yield (t("palette.log_at", name=name, code=code), partial(self._log, outlet_id),
                   initials, code, 0, "palette.log_help")

    async def discover(self) -> Hits:
        for label, action, _, _, n, help_key in self._commands():
            if n:
                yield DiscoveryHit(label, action, help=t(help_key))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = query.strip().lower().split()
        for label, action, initials, code, _, help_key in self._commands():
            score = matcher.match(label)
            # "qs jsyh" / "sign ccb-101": a command word plus pinyin initials or a code.
            if words and any(w in initials or code.lower().startswith(w) for w in words[-1:]):
                score = max(score, 0.5 + 0.4 * matcher.match(label.split(":")[0]))
            if score > 0:
                yield Hit(score, matcher.highlight(label), action, help=t(help_key))
