"""Small builders shared by the self-assessment tests: a policy as typed in the form."""

from __future__ import annotations

from workbench.assessment import policies
from workbench.core.config import GoalsConfig

GOALS = GoalsConfig()


def draft(**kw) -> policies.PolicyDraft:
    """A ten-year policy of 50,000 CNY sold at CCB-1 on 2026-11-20; ``kw`` changes fields."""
    base = dict(policy_no="P2026001", outlet="CCB-1", product="鑫享年金", premium="50000",
                term_years="10", issue_date="2026-11-20", customer_name="张三丰",
                customer_phone="13812345678")
    return policies.PolicyDraft(**{**base, **kw})
