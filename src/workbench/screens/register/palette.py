"""Command-palette commands of the register: sign for deliveries at an outlet, log one."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.core.i18n import t
from workbench.core.matching import command_score
from workbench.register import deliveries
from workbench.roster import outlets

# Words that name each command without an IME: English, pinyin initials, full pinyin.
COMMAND_WORDS = {"sign": "sign signoff sign-off counter qs qianshou gtqs guitaiqianshou 签收 签",
                 "log": "log deliver delivery dj dengji sd songda 登记 送达 送"}


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
        for label, action, initials, code, _, command in self._commands():
            # "sign jsyh", "qs ccb-101", "签收 jtyhdx": the command's words and the place.
            score = command_score(query, (label,), (COMMAND_WORDS[command],),
                                  (code, label), (initials,))
            if score > 0:
                yield Hit(score, matcher.highlight(label), action,
                          help=t(f"palette.{command}_help"))
