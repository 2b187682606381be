"""Which release is newer, and what of a feed counts as a release."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

from hydrodesk.update_check import acceptable_url, is_newer, latest_release


@pytest.mark.parametrize(
    ("candidate", "current", "newer"),
    [
        ("v0.2.0", "0.1.0", True),
        ("0.1.0", "0.1.0", False),
        ("v0.1", "0.1.0", False),
        ("0.10.0", "0.9.3", True),
        ("1.0.0rc1", "1.0.0", False),
        ("1.0.0", "1.0.0rc2", True),
        ("1.0.0b2", "1.0.0a9", True),
        ("0.1.0", "0.2.0.dev3", False),
    ],
)
def test_versions_compare_as_releases_do(
    candidate: str, current: str, newer: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert is_newer(candidate, current) is newer
    # The same answers without `packaging` (not a declared dependency), from the small comparator.
    real_import = builtins.__import__

    def without_packaging(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("packaging"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_packaging)
    assert is_newer(candidate, current) is newer


def test_a_feed_is_one_release_or_a_list_whose_first_final_release_counts() -> None:
    page = "https://github.com/hydrobit/hydrodesk/releases/tag/v0.3.0"
    assert latest_release({"tag_name": "v0.3.0", "html_url": page}) == ("v0.3.0", page)
    listed = [
        {"tag_name": "v0.4.0rc1", "prerelease": True, "html_url": page},
        {"tag_name": "v0.4.0", "draft": True, "html_url": page},
        {"tag_name": "v0.3.0", "html_url": page},
    ]
    assert latest_release(listed) == ("v0.3.0", page)
    assert latest_release({"message": "Not Found"}) is None
    # A download page HydroDesk would not open: plain http to another machine.
    assert latest_release({"tag_name": "v9", "html_url": "http://evil.example/x"}) is None


def test_feed_addresses_are_https_or_this_computer() -> None:
    assert acceptable_url("https://api.github.com/repos/hydrobit/hydrodesk/releases/latest")
    assert acceptable_url("http://127.0.0.1:8123/latest.json")
    assert acceptable_url("http://localhost/feed")
    assert not acceptable_url("http://updates.example.com/feed")
    assert not acceptable_url("ftp://127.0.0.1/feed")
    assert not acceptable_url("not a url")
