"""Command-palette provider: open an outlet, or check in there, by name, code or pinyin
initials (``jtyhdx``, ``qd jtyhdx``, ``checkin 大兴``) through core.matching."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.core.i18n import t
from workbench.core.matching import command_score, matches
from workbench.roster import outlets

# Words that find each command without an IME: English, pinyin initials, full pinyin.
COMMAND_WORDS = {"open": "open card outlet wd wangdian zyk ziyuanka 网点 资源卡",
                 "checkin": "checkin check-in arrive qd qiandao zd zhudian 签到 驻点"}


class OutletCommands(Provider):
    async def startup(self) -> None:
        db = self.app.db
        self.rows = outlets.all_active_outlets(db) if db is not None else []

    def _open(self, outlet_id: int) -> None:
        self.app.open_outlet(outlet_id)

    def _check_in(self, outlet_id: int) -> None:
        from workbench.screens.roster.visit_actions import check_in

        if self.app.db is not None:
            check_in(self.app.screen, outlet_id)

    async def discover(self) -> Hits:
        for outlet_id, code, name, _ in self.rows[:10]:
            yield DiscoveryHit(f"{t('palette.outlet')}: {name} ({code})",
                               partial(self._open, outlet_id))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        asked = any(matches(word, (), (COMMAND_WORDS["checkin"],)) for word in query.split())
        for outlet_id, code, name, initials in self.rows:
            for command, label, action, help_key in (
                    ("open", f"{t('palette.outlet')}: {name} ({code})", self._open,
                     "palette.outlet_help"),
                    ("checkin", t("palette.checkin_at", name=name, code=code), self._check_in,
                     "palette.checkin_help")):
                # Opening is what an outlet's name asks for: the outlet is the command.
                score = (command_score(query, (label, code), (COMMAND_WORDS[command], initials))
                         if command == "open" else
                         command_score(query, (label,), (COMMAND_WORDS[command],),
                                       (name, code), (initials,)))
                if command == "checkin" and not asked:
                    continue  # an outlet's name alone opens its card; "qd" asks to check in
                if score > 0:
                    yield Hit(score, matcher.highlight(label), partial(action, outlet_id),
                              help=t(help_key))
