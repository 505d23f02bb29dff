"""Command-palette provider: rate today's mood and log a policy from anywhere."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.core.i18n import t
from workbench.core.matching import command_score

# Words that find each command without an IME: English, pinyin initials, full pinyin.
COMMAND_WORDS = {"m": "mood morning score rate zcdf zaochendafen df dafen xq xinqing 早晨打分 心情",
                 "n": "policy sold sale log bd baodan cd chudan jbd 保单 出单"}


class SelfCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        return [(t("palette.self_mood"), "m", self._mood),
                (t("palette.self_policy"), "n", self._policy)]

    def _mood(self) -> None:
        from workbench.screens.assessment.forms import open_mood_form

        if self.app.db is not None:
            open_mood_form(self.app)

    def _policy(self) -> None:
        from workbench.screens.assessment.forms import open_policy_form

        if self.app.db is not None:
            open_policy_form(self.app)

    async def discover(self) -> Hits:
        for label, _, action in self._commands():
            yield DiscoveryHit(label, action)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, key, action in self._commands():
            score = command_score(query, (label,), (COMMAND_WORDS[key],))
            if score > 0:
                yield Hit(score, matcher.highlight(label), action)
