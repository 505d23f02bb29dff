"""Command-palette commands of the plan: add a task, log a contact, from any screen."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.core.i18n import t

# Words that find each command, in both languages and as pinyin initials.
COMMAND_WORDS = {"add_task": ("task", "todo", "rw", "renwu", "任务", "待办"),
                 "log_contact": ("contact", "lx", "lianxi", "联系", "客户", "员工")}


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
                               help=t("palette.plan_help"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        q = query.strip().lower()
        for command, words in COMMAND_WORDS.items():
            label = t(f"palette.plan_{command}")
            score = matcher.match(label)
            if q and any(w.startswith(q) or q in w for w in words):
                score = max(score, 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(label), lambda c=command: self._run(c),
                          help=t("palette.plan_help"))
