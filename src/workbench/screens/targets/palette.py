"""Command-palette provider: the campaign list, a new campaign, the profile settings."""

from __future__ import annotations

from workbench.core.i18n import t
from workbench.screens.common.palette import FixedCommands

# Words that find each command without an IME: English, pinyin initials, full pinyin.
COMMAND_WORDS = {
    "campaigns": "campaign campaigns launch incentive jlfa jilifangan xxztg huodong hd "
                 "激励方案 新险种推广 活动",
    "new_campaign": "new campaign add launch incentive xzhd xinzeng huodong 新增活动",
    "settings": "settings profile grade name period sz shezhi grzl gerenziliao zj zhiji "
                "设置 个人资料 职级",
    "import_targets": "import targets target sheet task drrw daoru renwu wdrw 导入 任务 网点任务",
}


class TargetCommands(FixedCommands):
    WORDS = COMMAND_WORDS

    def commands(self) -> list[tuple[str, str, object]]:
        return [(t("palette.campaigns"), "campaigns", self._campaigns),
                (t("campaign.add_title"), "new_campaign", self._new_campaign),
                (t("palette.settings"), "settings", self._settings),
                (t("palette.import_targets"), "import_targets", self._import_targets)]

    def _import_targets(self) -> None:
        from workbench.screens.targets.import_targets import open_target_import

        if self.app.db is not None:
            open_target_import(self.app)

    def _campaigns(self) -> None:
        from workbench.screens.targets.campaigns import CampaignsScreen

        if self.app.db is not None:
            self.app.push_screen(CampaignsScreen())

    def _new_campaign(self) -> None:
        from workbench.screens.targets.campaigns import open_campaign_form

        if self.app.db is not None:
            open_campaign_form(self.app)

    def _settings(self) -> None:
        from workbench.screens.targets.settings import open_settings

        open_settings(self.app)
