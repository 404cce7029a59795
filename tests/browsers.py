"""Headless Chromium for the tests that look at pages and pictures as users do: Debian's chromium through
selenium and chromedriver (no browser is ever downloaded: the executables' paths are always given).

Without /usr/bin/chromium and /usr/bin/chromedriver (or selenium) the browser tests skip with the reason
printed; under CI=true they FAIL instead, since CI installs them. ``browser_fixture()`` makes a
module-scoped fixture: one browser serves the whole module.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def _missing() -> str | None:
    """Why the browser cannot run here, or None."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            return f"{program} is missing: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
    try:
        import selenium.webdriver  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install 'selenium>=4.20')"
    return None


def start_browser(width: int = 1400, height: int = 900):
    """Headless Chromium through chromedriver, both Debian's; selenium-manager is never asked for anything."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="explore-chromium-")
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", f"--window-size={width},{height}", "--force-device-scale-factor=1",
    ):  # fmt: skip
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    try:
        driver = webdriver.Chrome(service=service, options=options)
    except Exception:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    driver.profile_dir = profile
    return driver


def stop_browser(driver) -> None:
    profile = getattr(driver, "profile_dir", None)
    driver.quit()
    if profile:
        shutil.rmtree(profile, ignore_errors=True)


def browser_fixture(width: int = 1400, height: int = 900, viewport: bool = False):
    """A module-scoped fixture yielding a browser with that window (``viewport=True``: that exact viewport)."""

    @pytest.fixture(scope="module")
    def driver():
        reason = _missing()
        if reason:
            if os.environ.get("CI") == "true":
                pytest.fail(f"CI=true but the browser tests cannot run: {reason}")
            print(f"\nskipping the browser tests: {reason}")
            pytest.skip(reason)
        browser = start_browser(width, height)
        if viewport:
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        yield browser
        stop_browser(browser)

    return driver
