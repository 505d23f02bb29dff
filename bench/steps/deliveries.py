"""The custody register of a heavy user: 200k delivery lines, 120k sign-offs (one chain).

Three years of deliveries to every outlet through ``deliveries.add_delivery``
(application forms with serial ranges, brochures, posters, original policies...)
and ``chain.sign_off`` by the outlet's staff, so every sign-off extends the
hash chain exactly as at the counter. About 40k sign-offs cover two lines; the last
week's lines still await a signature. Original policies signed more than ``SETTLED_DAYS``
ago have their receipt (回执) and callback (回访) recorded through ``receipts``, as a
working manager's would, except one in ``FORGOTTEN``: the open ones are the recent and
the forgotten, not every policy ever sold.
"""

from __future__ import annotations

from datetime import timedelta

from workbench.register import chain, deliveries, receipts

from .context import Context, batches

LINES = 200_000
SIGNOFFS = 120_000
AWAITING = 2_000  # last week's lines not signed yet
DAYS = 3 * 365
SETTLED_DAYS = 45  # older originals have their receipt and callback back
FORGOTTEN = 30  # one in this many older originals still has both open


def generate(ctx: Context) -> None:
    rng = ctx.rng("deliveries")
    db, config = ctx.db, ctx.config
    cfg = config.deliveries
    kinds = [k for k in cfg.kinds if k != "other"]
    n_lines, n_signoffs = ctx.n(LINES), ctx.n(SIGNOFFS)
    pairs = n_lines - n_signoffs - ctx.n(AWAITING)  # sign-offs covering two lines
    staff_of: dict[int, list[int]] = {}
    for staff_id, outlet_id in db.execute("SELECT id, outlet_id FROM staff WHERE active = 1"):
        staff_of.setdefault(outlet_id, []).append(staff_id)
    outlets_with_staff = [o for o in ctx.outlet_ids if o in staff_of]
    start = ctx.today - timedelta(days=DAYS)
    serial = 10_000_000
    policy = 0
    # Plan the lines: (day, outlet, kind); two-line visits share day and outlet.
    plan: list[tuple[int, int, int]] = []  # (day offset, outlet, lines in this sign-off)
    signed = 0
    while signed < n_signoffs:
        plan.append((rng.randrange(DAYS - 7), rng.choice(outlets_with_staff),
                     2 if signed < pairs else 1))
        signed += 1
    plan.sort()
    awaiting = n_lines - sum(size for _, _, size in plan)
    for _ in range(max(0, awaiting)):
        plan.append((DAYS - rng.randint(0, 6), rng.choice(outlets_with_staff), 0))
    for lo, hi in batches(len(plan), 2000):
        with db.atomic():
            for offset, outlet_id, size in plan[lo:hi]:
                day = start + timedelta(days=offset)
                at = ctx.at(day, rng.choice((9, 10, 11, 14, 15)), rng.choice((0, 15, 30, 45)))
                ids = []
                for _ in range(max(1, size)):
                    kind = rng.choice(kinds)
                    extra: dict = {}
                    if kind in cfg.serial_kinds:
                        qty = rng.choice((10, 20, 50))
                        extra = {"quantity": qty,
                                 "serials": f"TB{serial:08d}-TB{serial + qty - 1:08d}"}
                        serial += qty
                    elif kind == cfg.policy_kind:
                        policy += 1
                        extra = {"policy_no": f"P{2023000000 + policy}", "customer": "张先生"}
                    else:
                        extra = {"quantity": rng.choice((5, 10, 20, 50))}
                    ids.append(deliveries.add_delivery(db, config, outlet_id=outlet_id, kind=kind,
                                                       delivered_at=at, now=at, **extra))
                if size:
                    signer = rng.choice(staff_of[outlet_id])
                    signed = at + timedelta(minutes=20)
                    chain.sign_off(db, outlet_id=outlet_id, delivery_ids=ids,
                                   staff_id=signer, now=signed)
                    if (ctx.today - day).days > SETTLED_DAYS:
                        _settle(ctx, rng, ids, signed)


def _settle(ctx: Context, rng, ids: list[int], signed) -> None:
    """Record the receipt and the callback of the original policies among ``ids``."""
    db, config = ctx.db, ctx.config
    for delivery_id in ids:
        if deliveries.get_line(db, delivery_id).kind != config.deliveries.policy_kind:
            continue
        if rng.randrange(FORGOTTEN) == 0:
            continue
        received = signed.date() + timedelta(days=rng.randint(2, 10))
        called = received + timedelta(days=rng.randint(3, 15))
        now = ctx.at(called, 17)
        receipts.mark_receipt_returned(db, config, delivery_id, received.isoformat(), now)
        receipts.mark_callback_done(db, config, delivery_id, called.isoformat(), now)
