"""Command-palette provider: rate today's mood and log a policy from anywhere."""

from __future__ import annotations

from workbench.core.i18n import t
from workbench.screens.common.palette import FixedCommands

# Words that find each command without an IME: English, pinyin initials, full pinyin.
COMMAND_WORDS = {"m": "mood morning score rate zcdf zaochendafen df dafen xq xinqing 早晨打分 心情",
                 "n": "policy sold sale log bd baodan cd chudan jbd 保单 出单"}


class SelfCommands(FixedCommands):
    WORDS = COMMAND_WORDS

    def commands(self) -> list[tuple[str, str, object]]:
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
