"""How the company's template options read on screen: `field_worker` shows as "Field worker" (or its translation).

The options are the server's values, so an unknown one (a company's own position, say) is still shown, in a
readable form made from the value itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hydrodesk.domain.roster import option_label


def _known() -> dict[str, str]:
    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
    return {
        # positions
        "field_worker": translate("WorkerOptions", "Field worker"),
        "harvester": translate("WorkerOptions", "Harvester"),
        "supervisor": translate("WorkerOptions", "Supervisor"),
        "irrigator": translate("WorkerOptions", "Irrigator"),
        "tractor_driver": translate("WorkerOptions", "Tractor driver"),
        "quality_inspector": translate("WorkerOptions", "Quality inspector"),
        "packer": translate("WorkerOptions", "Packer"),
        "scout": translate("WorkerOptions", "Scout"),
        # employment types
        "full_time": translate("WorkerOptions", "Full time"),
        "part_time": translate("WorkerOptions", "Part time"),
        "seasonal": translate("WorkerOptions", "Seasonal"),
        "temporary": translate("WorkerOptions", "Temporary"),
        "contractor": translate("WorkerOptions", "Contractor"),
        # statuses
        "active": translate("WorkerOptions", "Active"),
        "inactive": translate("WorkerOptions", "Inactive"),
        "on_leave": translate("WorkerOptions", "On leave"),
        "terminated": translate("WorkerOptions", "Terminated"),
        # skills
        "harvesting": translate("WorkerOptions", "Harvesting"),
        "pruning": translate("WorkerOptions", "Pruning"),
        "irrigation": translate("WorkerOptions", "Irrigation"),
        "fertigation": translate("WorkerOptions", "Fertigation"),
        "spraying": translate("WorkerOptions", "Spraying"),
        "pest_scouting": translate("WorkerOptions", "Pest scouting"),
        "tractor_operation": translate("WorkerOptions", "Tractor operation"),
        "quality_control": translate("WorkerOptions", "Quality control"),
        "packing": translate("WorkerOptions", "Packing"),
        "planting": translate("WorkerOptions", "Planting"),
        "first_aid": translate("WorkerOptions", "First aid"),
    }


_cache: dict[str, dict[str, str]] = {}


def label_for(value: str | None) -> str:
    """The words for an option value in the UI language; "" for no value."""
    if not value:
        return ""
    # Tables ask for every cell: the translated table is built once per language (one look-up tells which).
    language = QCoreApplication.translate("WorkerOptions", "Field worker")
    known = _cache.get(language)
    if known is None:
        _cache.clear()
        known = _cache[language] = _known()
    return known.get(value) or option_label(value)
