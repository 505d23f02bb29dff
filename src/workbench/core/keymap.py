"""The ids of every key binding the app declares, as plain data for the config check.

``[keymap]`` rebinds keys by binding id, and an id nobody declares would be ignored
without a word. The config is checked in core, before the app opens and without
importing Textual or the screens (that would cost the first paint), so the ids are
listed here; ``tests/screens/common/test_binding_ids.py`` collects the ``BINDINGS`` of
the app and every screen and fails when this set and those differ, or a binding has no
id. Grouped by the class that declares them.
"""

from __future__ import annotations

BINDING_IDS = frozenset({
    # app.WorkbenchApp
    "mode_plan", "mode_outlets", "mode_deliveries", "mode_self", "mode_week", "sign_off",
    "help", "quit", "palette", "mode_customers",
    # screens.assessment.assessment.AssessmentScreen
    "self_mood", "self_policy", "self_tick", "self_void", "self_register", "self_skip",
    "self_setback", "self_five_q", "self_range", "self_grade", "self_goal", "self_edit_goal",
    "self_next_tab", "self_prev_tab",
    # screens.common.form.FormScreen
    "form_cancel", "form_save",
    # screens.common.tables.FitTable
    "table_first_row", "table_last_row",
    # screens.common.pickers.OutletPicker
    "picker_cancel",
    # screens.common.search_select.ChoicePicker
    "choice_cancel",
    # screens.plan.plan.PlanScreen
    "plan_next_section", "plan_prev_section", "plan_act", "plan_add_task", "plan_done",
    "plan_snooze", "plan_contact", "plan_check_out", "plan_mood", "plan_first_run",
    "plan_calendar", "plan_prospect",
    # screens.register.register.DeliveriesScreen
    "deliveries_register", "deliveries_due", "deliveries_stock", "deliveries_forms",
    "deliveries_day", "deliveries_new", "deliveries_void", "deliveries_mark",
    "deliveries_review", "deliveries_hand_over", "deliveries_filter_outlet",
    "deliveries_filter_kind", "deliveries_filter_status", "deliveries_filter_dates",
    "deliveries_next_page", "deliveries_prev_page",
    # screens.register.sign_off.SignOffScreen
    "signoff_cancel", "signoff_sign", "signoff_toggle_all",
    # screens.review.week.ConfirmScreen
    "confirm_yes", "confirm_no",
    # screens.review.week.WeekScreen
    "week_prev", "week_next", "week_this", "week_edit_summary", "week_leave_summary",
    "week_export_md", "week_export_csv", "week_export_xlsx",
    # screens.roster.card.OutletCardScreen
    "card_back", "card_edit", "card_add_staff", "card_edit_staff", "card_deactivate_staff",
    "card_check_in", "card_check_out",
    "card_next_part",  # tab: the card's fields, staff and visits in turn (80x24)
    "card_target",  # the outlet's targets (screens.roster.targets)
    # screens.targets.campaigns.CampaignsScreen
    "campaigns_back", "campaigns_add", "campaigns_edit",
    # screens.roster.roster.OutletsScreen
    "roster_filter", "roster_filter_done", "roster_add", "roster_edit", "roster_check_in",
    "roster_check_out", "roster_sort", "roster_deactivate", "roster_inactive",
    "roster_next_page", "roster_prev_page", "roster_import", "roster_import_staff",
    # screens.customers (the list and the card)
    "customers_add", "customers_stage", "customers_edit", "customers_talk", "customers_import",
    "customer_back",
    "customer_talk", "customer_edit", "customer_deposit", "customer_case", "customer_convert",
    "customer_erase",
    # screens.onboarding.import_outlets.ImportOutletsScreen
    "import_close", "import_complete",
})
# The field work: the plan's, the roster's and the card's keys, and the route screen's.
BINDING_IDS |= {"plan_route", "plan_training", "plan_displays", "roster_training",
                "roster_displays", "card_training", "card_displays", "route_close",
                "route_up", "route_down", "route_add"}
