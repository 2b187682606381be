"""ApiConfig: TLS verification stays on except for plain http on loopback."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from hydrodesk.api.config import ApiConfig


def test_defaults_point_at_hydrobit_with_tls_verification() -> None:
    config = ApiConfig()
    assert config.base_url == "https://api.hydrobit.ag"
    assert config.iot_url == "https://iot.hydrobit.ag"
    assert config.tls_verify() is True


@pytest.mark.parametrize(
    "url",
    ["https://api.hydrobit.ag", "https://127.0.0.1:8443", "http://192.168.1.10:8000", "http://example.test"],
)
def test_turning_verification_off_is_refused_off_loopback_http(url: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        ApiConfig.single_origin(url, verify=False)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"])
def test_turning_verification_off_is_allowed_for_loopback_http(url: str) -> None:
    assert ApiConfig.single_origin(url, verify=False).verify is False


def test_trailing_slashes_are_dropped_so_paths_join_cleanly() -> None:
    config = ApiConfig(base_url="https://api.hydrobit.ag/", iot_url="https://iot.hydrobit.ag/")
    assert config.base_url == "https://api.hydrobit.ag"
    assert config.iot_url == "https://iot.hydrobit.ag"


@pytest.mark.parametrize("url", ["ftp://api.hydrobit.ag", "api.hydrobit.ag", "https://"])
def test_urls_must_be_http_or_https_with_a_host(url: str) -> None:
    with pytest.raises(ValueError, match="http"):
        ApiConfig(base_url=url)


def test_timeouts_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        ApiConfig(timeout=0)


def test_a_custom_ca_bundle_becomes_a_verifying_ssl_context() -> None:
    bundle = Path(ssl.get_default_verify_paths().cafile or "/etc/ssl/certs/ca-certificates.crt")
    context = ApiConfig(ca_bundle=bundle).tls_verify()
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname is True
