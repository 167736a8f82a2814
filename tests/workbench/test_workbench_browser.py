"""The workbench in headless Chromium: a typo shown at its line and cleared, a gap shown and
closed, a conditional question appearing, in one browser session on one workbench process."""

from __future__ import annotations

import pytest

from workbench_browser import Page, Server, copy_model, skip_reason, start_browser

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")

RULE = "omatoimi  when resources >= 3 and complexity < 3"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = copy_model(tmp_path_factory.mktemp("workbench"))
    server = Server(path, "--lang", "fi")
    driver = None
    try:
        driver = start_browser()
        yield Page(driver, server)
    finally:
        if driver is not None:
            driver.quit()
        server.stop()


def inline(page: Page) -> list[tuple[str, str, str]]:
    """The problems drawn in the editor: (line, code, text)."""
    return page.js("return [...document.querySelectorAll('#marks .problem-inline')]"
                   ".map(e => [e.dataset.line, e.dataset.code, e.textContent])")


def verdict(page: Page) -> str:
    return page.js("return document.getElementById('verdict').className")


def test_a_typo_is_shown_at_its_line_with_its_hint_and_clears_when_fixed(page):
    page.open()
    assert inline(page) == []
    line = page.line_of(RULE)
    page.type_over("resources", "resorces", within=RULE)
    shown = inline(page)
    assert [(l, c) for l, c, _ in shown] == [(str(line), "SR210")]
    assert "resorces" in shown[0][2] and "vihje: tarkoititko 'resources'?" in shown[0][2]  # one language
    assert page.js(f"return document.querySelector('#gutter .n[data-line=\"{line}\"]').className") == "n error"
    listed = page.js("return [...document.querySelectorAll('#problems li')].map(e => [e.dataset.line, e.dataset.code])")
    assert listed == [[str(line), "SR210"]]
    assert verdict(page) == "verdict failed"  # does not load: nothing to verify
    page.js("document.querySelector('#problems li').click()")  # the editor goes to the line
    page.screenshot("kirjoitusvirhe")

    page.type_over("resorces", "resources", within=RULE.replace("resources", "resorces"))
    assert inline(page) == []
    assert page.js("return document.querySelectorAll('#gutter .n.error').length") == 0
    assert page.js("return document.querySelector('#problems li').className") == "none"
    assert verdict(page) == "verdict proven"


def test_a_gap_is_shown_with_a_witness_and_closed(page):
    page.open()
    assert verdict(page) == "verdict proven"
    assert page.js("return document.querySelector('#diagram svg') !== null")
    line = page.line_of(RULE)
    page.type_over(">=", ">", within=RULE)
    assert verdict(page) == "verdict failed"
    assert page.js("return document.querySelector('#checks li[data-check=completeness]').className") == "failed"
    # the quadrant hatches the gap red; examples on the boundary fail; sizes count the gap
    assert "url(#wb-gap)" in page.js("return document.getElementById('diagram').innerHTML")
    failed = page.js("return [...document.querySelectorAll('#examples tr.failed td:nth-child(2)')].map(e => e.textContent)")
    assert "resources exactly 3.0 with six answers counts as high" in failed
    assert page.js("return document.querySelector('#sizes tr.none') !== null")
    page.scroll_to_line(line)
    page.screenshot("aukko")
    # the witness, tried in the form, gets no segment
    page.js("document.querySelector('#checks li[data-check=completeness] .try-witness').click()")
    page.wait_idle()
    assert page.js("return document.querySelector('#decision .error-box').dataset.code") == "SR401"

    page.type_over(">", ">=", within=RULE.replace(">=", ">"))
    assert verdict(page) == "verdict proven"
    assert "url(#wb-gap)" not in page.js("return document.getElementById('diagram').innerHTML")
    assert page.js("return document.querySelectorAll('#examples tr.failed').length") == 0
    assert page.js("return document.querySelector('#sizes tr.none')") is None


def visible(page: Page, input_id: str) -> bool:
    return page.js(f"return !document.querySelector('#form .field[data-input={input_id}]').hidden")


def test_a_conditional_question_appears_when_its_condition_holds(page):
    page.open()
    assert visible(page, "battery") and visible(page, "c_daily_life")
    # a question's help is shown under it and read out with its answer field
    help_text = page.js("return document.getElementById('help-c_close_support').textContent")
    assert help_text.startswith("Jos sinulla ei ole läheisiä")
    assert page.js("return document.getElementById('in-c_close_support').getAttribute('aria-describedby')") == "help-c_close_support"
    assert not visible(page, "p_ill_conditions") and not visible(page, "p_reh_goals")
    page.select("battery", '"illness"')
    assert visible(page, "p_ill_conditions") and visible(page, "p_ill_monitoring")
    assert not visible(page, "p_reh_goals") and not visible(page, "p_soc_housing")
    missing = page.js("return [...document.querySelectorAll('#decision li')].map(e => e.dataset.code)")
    assert missing and set(missing) <= {"SR304", None}
    # answer every question now asked: the decision and its explanation appear
    for input_id in page.js("return [...document.querySelectorAll('#form .field:not([hidden]) select')]"
                            ".filter(s => s.value === '').map(s => s.name)"):
        page.select(input_id, "4")
    assert page.js("return document.querySelector('#decision .segment').dataset.segment") == "yhteistyo"
    assert "Yhteistyöasiakkuus" in page.js("return document.getElementById('decision').textContent")
    page.js("document.activeElement.blur(); document.getElementById('form-panel').scrollIntoView();"
            "document.querySelector('#form .field[data-input=battery]').scrollIntoView({block: 'center'});")
    page.screenshot("lomake")
    page.select("battery", '"rehabilitation"')
    assert visible(page, "p_reh_goals") and not visible(page, "p_ill_conditions")
    # the page and the labels in another language
    page.js("const l = document.getElementById('lang'); l.value = 'sv'; l.dispatchEvent(new Event('change'));")
    page.wait_idle()
    assert "Frågebatteri" in page.js("return document.querySelector('#form .field[data-input=battery] label').textContent")
    assert page.js("return document.querySelector('[data-t=form]').textContent") == "Pröva svar"
