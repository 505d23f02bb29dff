"""Command-palette provider: rate today's mood and log a policy from anywhere."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.core.i18n import t


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
        for label, _, action in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), action)
