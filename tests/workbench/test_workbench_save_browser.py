"""Saving in the workbench, in headless Chromium: the diff is shown before saving, the file is
written with a backup of the previous version, and a save over a file changed on disk is refused."""

from __future__ import annotations

import pytest

from workbench_browser import Page, Server, copy_model, skip_reason, start_browser

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")



@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    path = copy_model(tmp_path_factory.mktemp("workbench-save"), "rulesets/keski_suomi/segmentation.yaml", "malli.yaml")
    server = Server(path, "--lang", "fi")
    driver = None
    try:
        driver = start_browser()
        yield Page(driver, server), path
    finally:
        if driver is not None:
            driver.quit()
        server.stop()


def test_save_shows_the_diff_keeps_a_backup_and_refuses_a_file_changed_on_disk(bench):
    page, path = bench
    original = path.read_text("utf-8")
    title = next(line.strip() for line in original.splitlines() if line.strip().startswith("fi: "))
    page.open()
    page.type_over(title, title + " (oma versio)")
    assert page.js("return document.getElementById('status').className") == "unsaved"
    page.js("document.getElementById('save').click()")
    page.wait(lambda: page.js("return !document.getElementById('modal').hidden"), what="the diff")
    added = page.js("return [...document.querySelectorAll('#diff .add')].map(e => e.textContent.trim())")
    removed = page.js("return [...document.querySelectorAll('#diff .del')].map(e => e.textContent.trim())")
    assert added == ["+" + page.text.splitlines()[page.line_of(title) - 1]]
    assert removed == ["-" + original.splitlines()[page.line_of(title) - 1]]
    assert path.read_text("utf-8") == original  # nothing written before the confirmation
    page.screenshot("tallennus")
    page.js("document.getElementById('confirm-save').click()")
    page.wait(lambda: page.js("return document.getElementById('modal').hidden"), what="the save")
    saved = path.read_text("utf-8")
    assert saved == page.text and "(oma versio)" in saved
    assert (path.parent / "malli.yaml.bak").read_text("utf-8") == original
    assert page.js("return document.getElementById('status').className") == ""

    # someone else changes the file; a save from the page is refused and the file keeps their change
    theirs = saved.replace("(oma versio)", "(kollegan versio)")
    path.write_text(theirs, "utf-8")
    page.type_over("(oma versio)", "(toinen muutos)")
    page.js("document.getElementById('save').click()")
    page.wait(lambda: page.js("return !document.getElementById('modal').hidden"), what="the diff")
    page.js("document.getElementById('confirm-save').click()")
    page.wait(lambda: page.js("return !document.getElementById('save-error').hidden"), what="the refusal")
    assert page.js("return document.getElementById('save-error').dataset.code") == "SR951"
    assert "muutettu levyllä" in page.js("return document.getElementById('save-error').textContent")
    assert path.read_text("utf-8") == theirs
    assert (path.parent / "malli.yaml.bak").read_text("utf-8") == original
    # the version on disk can be opened instead
    page.js("document.getElementById('reload').click()")
    page.wait(lambda: page.text == theirs, what="the version on disk")
    page.wait_idle()
    assert page.text == theirs and page.js("return document.getElementById('modal').hidden")


def test_the_keyboard_can_leave_the_editor_and_the_dialog_holds_the_focus(bench):
    """Tab indents, Escape and then Tab leaves the editor (no keyboard trap); the save dialog
    takes the focus, so keys typed there never change the text it shows, and it stands above
    the sticky decision box; a problem in the list can be reached with the keyboard."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    page, path = bench
    page.open()
    assert page.driver.title == "Mallin työpöytä – malli.yaml"  # the tab in the page's language
    before = page.text
    page.js("const s = document.getElementById('source'); s.focus(); s.setSelectionRange(0, 0);")
    ActionChains(page.driver).send_keys(Keys.TAB).perform()
    assert page.text == "  " + before and page.js("return document.activeElement.id") == "source"
    ActionChains(page.driver).send_keys(Keys.ESCAPE).send_keys(Keys.TAB).perform()
    assert page.text == "  " + before and page.js("return document.activeElement.id") != "source"
    assert page.js("return document.getElementById('source').getAttribute('aria-describedby')") == "editor-keys"

    page.js("const s = document.getElementById('source'); s.focus();")
    ActionChains(page.driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    page.wait(lambda: page.js("return !document.getElementById('modal').hidden"), what="the diff")
    assert page.js("return document.activeElement.id") == "confirm-save"
    shown = page.text
    ActionChains(page.driver).send_keys("xyz").perform()
    assert page.text == shown  # typed into the dialog, not the text behind it
    assert int(page.js("return getComputedStyle(document.getElementById('modal')).zIndex")) > 1
    ActionChains(page.driver).send_keys(Keys.ESCAPE).perform()
    page.wait(lambda: page.js("return document.getElementById('modal').hidden"), what="the dialog to close")
    assert page.js("return document.activeElement.id") == "source" and path.read_text("utf-8") != page.text

    page.type_over("version:", "versio:")  # a problem, at its line, in the list
    item = "document.querySelector('#problems li[data-line]:not([data-line=\"\"])')"
    assert page.js(f"return {item}.tabIndex") == 0 and page.js(f"return {item}.getAttribute('role')") == "button"
