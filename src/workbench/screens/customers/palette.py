"""Command-palette provider: the customers list, a new prospect, and each customer's card
by masked name or the pinyin stored with it (``kh`` / ``kehu`` / ``客户``)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.core.i18n import t
from workbench.core.matching import command_score
from workbench.customers import records

# Words that find each command without an IME: English, pinyin initials, full pinyin.
COMMAND_WORDS = {"list": "customers clients kh kehu khlb 客户 客户列表",
                 "prospect": "prospect new customer zkh zhunkehu xkh 准客户 新客户 推荐",
                 "open": "customer card kh kehu khk 客户 客户卡"}


class CustomerCommands(Provider):
    async def startup(self) -> None:
        db = self.app.db
        self.rows = [c for c in records.list_customers(db, limit=5000) if not c.erased] \
            if db is not None else []

    def _mode(self) -> None:
        self.app.switch_mode("customers")

    def _prospect(self) -> None:
        from workbench.screens.customers.forms import add_customer

        if self.app.db is not None:
            add_customer(self.app, prospect=True)

    def _open(self, customer_id: int) -> None:
        from workbench.screens.customers.customers import open_card

        self.app.switch_mode("customers")
        open_card(self.app, customer_id)

    async def discover(self) -> Hits:
        yield DiscoveryHit(t("palette.customers_mode"), self._mode,
                           help=t("palette.customers_help"))
        yield DiscoveryHit(t("palette.new_prospect"), self._prospect,
                           help=t("palette.new_prospect_help"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for key, label, action, help_key in (
                ("list", t("palette.customers_mode"), self._mode, "palette.customers_help"),
                ("prospect", t("palette.new_prospect"), self._prospect,
                 "palette.new_prospect_help")):
            score = command_score(query, (label,), (COMMAND_WORDS[key],))
            if score > 0:
                yield Hit(score, matcher.highlight(label), action, help=t(help_key))
        for c in self.rows:
            # Found by the pinyin stored with the name; shown masked (a palette is read
            # over a shoulder as easily as a list).
            label = f"{t('palette.customer')}: {c.masked_name} · {c.outlet_name or ''}"
            score = command_score(query, (label,), (COMMAND_WORDS["open"], c.initials))
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self._open, c.id),
                          help=t("palette.customer_help"))
