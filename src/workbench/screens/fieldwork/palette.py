"""Command-palette commands of the field work: record a training or 早会 at an outlet,
check an outlet's displays, plan today's route (``px 大兴``, ``zh``, ``luxian``)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.core.i18n import t
from workbench.core.matching import command_score, matches
from workbench.roster import outlets

# Words that find each command without an IME: English, pinyin initials, full pinyin.
COMMAND_WORDS = {
    "training": "training meeting px peixun zh zaohui cxh chanshuohui xd xuandao "
                "培训 早会 产说会 宣导",
    "displays": "display poster bz buzhi hb haibao zb zhanban 布置 海报 展板",
    "route": "route plan lx luxian jrlx jinriluxian 路线 今日路线",
}


class FieldworkCommands(Provider):
    async def startup(self) -> None:
        db = self.app.db
        self.rows = outlets.all_active_outlets(db) if db is not None else []

    def _outlet(self, command: str, outlet_id: int) -> None:
        from workbench.screens.fieldwork import actions

        if command == "training":
            actions.record_training(self.app, outlet_id)
        else:
            actions.check_displays(self.app, outlet_id)

    def _route(self) -> None:
        from workbench.screens.fieldwork.route import open_route

        open_route(self.app)

    async def discover(self) -> Hits:
        yield DiscoveryHit(t("palette.route"), self._route, help=t("palette.route_help"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        label = t("palette.route")
        score = command_score(query, (label,), (COMMAND_WORDS["route"],))
        if score > 0:
            yield Hit(score, matcher.highlight(label), self._route, help=t("palette.route_help"))
        for command in ("training", "displays"):
            # An outlet's name alone opens its card; the command's word asks for this.
            if not any(matches(word, (), (COMMAND_WORDS[command],)) for word in query.split()):
                continue
            for outlet_id, code, name, initials in self.rows:
                label = t(f"palette.{command}_at", name=name, code=code)
                score = command_score(query, (label,), (COMMAND_WORDS[command],),
                                      (name, code), (initials,))
                if score > 0:
                    yield Hit(score, matcher.highlight(label),
                              partial(self._outlet, command, outlet_id),
                              help=t(f"palette.{command}_help"))
