"""Command-palette commands of the register: sign for deliveries at an outlet, log one."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.core.i18n import t
from workbench.register import deliveries
from workbench.roster import outlets

# Words that name each command, in both languages and as pinyin initials.
COMMAND_WORDS = {"sign": ("sign", "qs", "qianshou", "签收", "签"),
                 "log": ("log", "deliver", "dj", "sd", "登记", "送达", "送")}


class DeliveryCommands(Provider):
    async def startup(self) -> None:
        db = self.app.db
        self.rows = outlets.all_active_outlets(db) if db is not None else []
        self.awaiting = deliveries.awaiting_counts(db) if db is not None else {}

    def _sign(self, outlet_id: int) -> None:
        from workbench.screens.register.sign_off import open_sign_off

        open_sign_off(self.app, outlet_id)

    def _log(self, outlet_id: int) -> None:
        from workbench.screens.register.forms import open_log_delivery

        open_log_delivery(self.app, outlet_id)

    def _commands(self):
        for outlet_id, code, name, initials in self.rows:
            n = self.awaiting.get(outlet_id, 0)
            sign = t("palette.sign_at", name=name, code=code)
            if n:
                sign += " " + t("signoff.awaiting_hint", count=n)
            yield (sign, partial(self._sign, outlet_id), initials, code, n, "sign")
            yield (t("palette.log_at", name=name, code=code), partial(self._log, outlet_id),
                   initials, code, 0, "log")

    async def discover(self) -> Hits:
        for label, action, _, _, n, command in self._commands():
            if n:
                yield DiscoveryHit(label, action, help=t(f"palette.{command}_help"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = query.strip().lower().split()
        for label, action, initials, code, _, command in self._commands():
            score = matcher.match(label)
            # "sign jsyh", "qs ccb-101", "签收 jsyh": a command word plus pinyin initials
            # or a code prefix.
            place = [w for w in words if w in initials or code.lower().startswith(w)]
            rest = [w for w in words if w not in place]
            if place:
                said = any(k.startswith(w) for w in rest for k in COMMAND_WORDS[command])
                score = max(score, 0.5 + (0.4 if said else 0) - (0.2 if rest and not said else 0))
            if score > 0:
                yield Hit(score, matcher.highlight(label), action,
                          help=t(f"palette.{command}_help"))
