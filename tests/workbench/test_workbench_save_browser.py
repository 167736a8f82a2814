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
