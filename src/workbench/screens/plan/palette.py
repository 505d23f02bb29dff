"""Command-palette commands of the plan: add a task, log a contact, write the calendar,
from any screen."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.core.i18n import t
from workbench.core.matching import command_score

# Words that find each command without an IME: English, pinyin initials, full pinyin.
COMMAND_WORDS = {"add_task": "task todo add rw renwu xzrw xinzengrenwu db daiban 任务 待办",
                 "log_contact": "contact call lx lianxi jllx jilulianxi kh kehu yg yuangong "
                                "联系 客户 员工"}
COMMAND_WORDS["calendar"] = "calendar ics export rl rili dcrl daochurili 日历 导出"
# The line under a command in the palette; the others open a form.
COMMAND_HELP = {"calendar": "palette.plan_calendar_help"}


class PlanCommands(Provider):
    def _run(self, command: str) -> None:
        from workbench.screens.plan.plan import PlanScreen

        app = self.app
        if app.db is None:
            return
        app.switch_mode("plan")
        screen = app.screen
        if isinstance(screen, PlanScreen):
            getattr(screen, f"action_{command}")()

    async def discover(self) -> Hits:
        for command in COMMAND_WORDS:
            yield DiscoveryHit(t(f"palette.plan_{command}"), lambda c=command: self._run(c),
                               help=t(COMMAND_HELP.get(command, "palette.plan_help")))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, words in COMMAND_WORDS.items():
            label = t(f"palette.plan_{command}")
            score = command_score(query, (label,), (words,))
            if score > 0:
                yield Hit(score, matcher.highlight(label), lambda c=command: self._run(c),
                          help=t(COMMAND_HELP.get(command, "palette.plan_help")))
