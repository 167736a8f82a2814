// segrules workbench: the editor, the panels and saving. Plain JavaScript, no libraries.
"use strict";
(function () {
  const token = document.body.dataset.token;
  const $ = (id) => document.getElementById(id);
  const source = $("source");
  const state = {
    lang: document.body.dataset.lang || "en", texts: {}, base: null, path: "", seq: 0, shown: 0,
    analysis: null, answers: {}, trySeq: 0, timer: null, charWidth: 7.8, lineHeight: 20, busy: 0,
  };

  // ------------------------------------------------------------------ helpers
  function t(key, values) {
    const table = state.texts[state.lang] || {};
    let s = table[key] !== undefined ? table[key] : key;
    for (const k in values || {}) s = s.split("{" + k + "}").join(String(values[k]));
    return s;
  }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      if (k === "class") e.className = attrs[k];
      else if (k === "text") e.textContent = attrs[k];
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) e.setAttribute(k, attrs[k]);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  // Enter or Space on an element that acts as a button (a problem in the list)
  function activate(e, action) {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); action(); }
  }
  async function api(path, body) {
    // the page's language, in which the workbench words its refusals too
    const init = { headers: { "X-Segrules-Token": token, "Accept-Language": state.lang } };
    if (body !== undefined) {
      init.method = "POST";
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const doc = await response.json().catch(() => ({ code: "SR921", detail: response.statusText }));
    if (!response.ok) {
      const err = new Error(doc.detail || response.statusText);
      err.code = doc.code; err.status = response.status;
      throw err;
    }
    return doc;
  }
  function setStatus(text, cls) {
    const s = $("status");
    s.textContent = text;
    s.className = cls || "";
  }
  // the tests (and anyone watching) can tell when the page shows the text now in the editor
  function markBusy() { document.body.dataset.state = "busy"; }
  function markIdle() {
    if (!state.timer && !state.busy && !state.tryBusy && state.analysedText === source.value) document.body.dataset.state = "idle";
  }
  function dirty() { return state.base !== null && source.value !== state.base.text; }
  function refreshStatus() {
    if (state.busy) setStatus(t("checking"));
    else if (dirty()) setStatus(t("unsaved"), "unsaved");
    else if (!state.savedNote) setStatus("");
    else setStatus(state.savedNote);
  }

  // ------------------------------------------------------------------ the words of the page
  function translatePage() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = t(e.dataset.t); });
    document.title = t("title") + (state.path ? " – " + state.path.split("/").pop() : "");  // the tab, too
    $("lang").value = state.lang;
    refreshStatus();
  }

  // ------------------------------------------------------------------ the editor
  function measure() {
    const probe = el("span", { text: "0".repeat(100) });
    probe.style.cssText = "position:absolute;visibility:hidden;white-space:pre;font:" + getComputedStyle(source).font;
    document.body.append(probe);
    state.charWidth = probe.getBoundingClientRect().width / 100;
    probe.remove();
    state.lineHeight = parseFloat(getComputedStyle(source).lineHeight) || 20;
  }
  function lineCount() { return source.value.split("\n").length; }
  function renderGutter() {
    const diags = state.analysis ? state.analysis.diagnostics : [];
    const worst = {};
    for (const d of diags) if (d.line) worst[d.line] = worst[d.line] === "error" ? "error" : d.severity;
    const inner = $("gutter-inner");
    const n = lineCount();
    const frag = document.createDocumentFragment();
    for (let i = 1; i <= n; i++) {
      const cls = "n" + (worst[i] ? " " + worst[i] : "");
      frag.append(el("div", { class: cls, "data-line": i, text: String(i) }));
    }
    inner.replaceChildren(frag);
    syncScroll();
  }
  function syncScroll() {
    $("gutter-inner").style.transform = "translateY(" + -source.scrollTop + "px)";
    $("marks").style.transform = "translate(" + -source.scrollLeft + "px," + -source.scrollTop + "px)";
  }
  function columnsOf(line) {  // the width of a line as the textarea shows it (tabs to 8)
    let w = 0;
    for (const ch of line) w = ch === "\t" ? (Math.floor(w / 8) + 1) * 8 : w + 1;
    return w;
  }
  function renderMarks() {
    const marks = $("marks");
    const frag = document.createDocumentFragment();
    const lines = source.value.split("\n");
    const diags = state.analysis ? state.analysis.diagnostics : [];
    const byLine = {};
    for (const d of diags) if (d.line) (byLine[d.line] = byLine[d.line] || []).push(d);
    for (const line in byLine) {
      const list = byLine[line];
      const sev = list.some((d) => d.severity === "error") ? "error" : "warning";
      const top = (line - 1) * state.lineHeight;
      frag.append(el("div", { class: "mark-line " + sev, style: "top:" + top + "px" }));
      const text = lines[line - 1] || "";
      for (const d of list) {
        if (d.column) {
          const left = (columnsOf(text.slice(0, d.column - 1))) * state.charWidth;
          frag.append(el("div", { class: "mark-col", style: "top:" + (top + state.lineHeight - 4) + "px;left:" + left + "px" }));
        }
      }
      // on the line itself, after its text, never over the text (the full message is also
      // listed below the editor, and shown when the mouse rests on it)
      const visible = source.scrollLeft + source.clientWidth - 24;
      const d = list[0];
      const left = (columnsOf(text) + 3) * state.charWidth;
      const width = Math.max(320, visible - left);
      const more = list.length > 1 ? " (+" + (list.length - 1) + ")" : "";
      const box = el("div", { class: "problem-inline " + d.severity, "data-line": line, "data-code": d.code,
        style: "top:" + top + "px;left:" + left + "px;max-width:" + width + "px",
        title: d.code + " " + d.message + (d.hint ? " — " + t("hint") + ": " + d.hint : "") },
        el("b", { text: d.code }), d.message + more,
        d.hint ? el("span", { class: "hint", text: "— " + t("hint") + ": " + d.hint }) : null);
      frag.append(box);
    }
    marks.replaceChildren(frag);
    syncScroll();
  }
  function goToLine(line, column) {
    const lines = source.value.split("\n");
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, (column || 1) - 1);
    source.focus();
    source.setSelectionRange(offset, offset);
    source.scrollTop = Math.max(0, (line - 8) * state.lineHeight);
    source.scrollLeft = 0;
    syncScroll();
  }

  // ------------------------------------------------------------------ the panels
  function renderProblems(a) {
    const ul = $("problems");
    const items = a.diagnostics.map((d) => el("li", { class: d.severity, "data-line": d.line || "", "data-code": d.code,
        tabindex: d.line ? "0" : null, role: d.line ? "button" : null,
        onclick: () => d.line && goToLine(d.line, d.column), onkeydown: (e) => activate(e, () => d.line && goToLine(d.line, d.column)) },
      el("span", { class: "where", text: d.line ? t("line") + " " + d.line + (d.column ? ":" + d.column : "") : "" }),
      el("span", { class: "code", text: d.code }), t(d.severity) + ": " + d.message,
      d.hint ? el("span", { class: "hint", text: t("hint") + ": " + d.hint }) : null));
    if (!items.length) items.push(el("li", { class: "none", text: t("no_problems") }));
    ul.replaceChildren(...items);
    $("problem-count").textContent = a.diagnostics.length ? "(" + a.diagnostics.length + ")" : "";
  }
  function renderVerify(a) {
    const v = a.verify;
    const verdict = $("verdict");
    const checks = $("checks");
    $("verify-note").textContent = t("verify_note", { seconds: state.verifySeconds });
    if (!a.ok) {
      verdict.className = "verdict failed";
      verdict.textContent = t("not_loaded");
      checks.replaceChildren();
      return;
    }
    if (v.error) {
      verdict.className = "verdict undecided";
      verdict.textContent = v.error;
      checks.replaceChildren();
      return;
    }
    verdict.className = "verdict " + (v.proven ? "proven" : v.verdict_key === "verify.failed" ? "failed" : "undecided");
    verdict.textContent = v.verdict;
    checks.replaceChildren(...v.checks.map((c) => el("li", { "data-check": c.name, class: c.status },
      el("span", { class: "status " + c.status, text: c.status_text }),
      el("span", {}, (c.label || c.name) + ": " + c.summary, c.findings.length > 1 ? el("span", { class: "note", text: " (+" + (c.findings.length - 1) + ")" }) : null),
      ...c.findings.slice(0, 1).map((f) => el("div", { class: "finding" },
        f.message + (f.answer_sets ? " (" + f.answer_sets + ")" : ""),
        f.region ? el("div", { class: "region", text: t("region") + ": " + f.region }) : null,
        ...f.rules.map((r) => el("div", { class: "rules", text: "#" + r.number + (r.line ? " (" + t("line") + " " + r.line + ")" : "") + ": " + r.text })),
        f.witness ? el("code", { text: JSON.stringify(f.witness) }) : null,
        f.witness ? el("button", { type: "button", class: "try-witness", text: t("try_witness"),
          onclick: () => { state.answers = Object.assign({}, f.witness); renderForm(); tryAnswers(); $("form-panel").scrollIntoView(); } }) : null)))));
  }
  function renderDiagram(a) {
    const box = $("diagram");
    if (a.diagram) box.innerHTML = a.diagram;  // SVG drawn by segrules itself, labels escaped
    else box.replaceChildren(el("p", { class: "note", text: a.ok ? t("no_diagram", { reason: a.diagram_problem }) : t("not_loaded") }));
  }
  function renderExamples(a) {
    const body = $("examples").tBodies[0];
    const rows = a.examples.map((x) => el("tr", { class: x.passed ? "passed" : "failed" },
      el("td", { class: "line" }, x.line ? el("a", { text: String(x.line), href: "#L" + x.line,
        onclick: (e) => { e.preventDefault(); goToLine(x.line, 1); } }) : ""),
      el("td", { text: x.name }), el("td", { text: x.expect }),
      el("td", { text: x.error ? x.error : x.got || "" }),
      el("td", { class: "pass", text: x.passed ? "✓ " + t("ok") : "✗ " + t("fail") })));
    body.replaceChildren(...rows);
    const failed = a.examples.filter((x) => !x.passed).length;
    $("example-count").textContent = a.examples.length ? "(" + (a.examples.length - failed) + "/" + a.examples.length + ")" : "";
    if (a.ok && !a.examples.length) body.replaceChildren(el("tr", {}, el("td", { colspan: 5, class: "note", text: t("no_examples") })));
  }
  function renderSizes(a) {
    const body = $("sizes").tBodies[0];
    const s = a.sizes;
    if (!s) { body.replaceChildren(); $("sizes-note").textContent = ""; return; }
    const row = (cls, label, n) => el("tr", { class: cls },
      el("td", { text: label }), el("td", { class: "bar" }, el("span", { style: "width:" + (100 * n / s.n) + "%" })),
      el("td", { class: "n", text: (100 * n / s.n).toFixed(1).replace(".", state.lang === "en" ? "." : ",") + " %" }));
    const rows = s.segments.map((g) => row("", g.label, g.count));
    if (s.none) rows.push(row("none", t("no_segment"), s.none));
    body.replaceChildren(...rows);
    $("sizes-note").textContent = t("sizes_note", { n: s.n });
  }

  // ------------------------------------------------------------------ the form
  function renderForm() {
    const a = state.good ? state.good.analysis : state.analysis;
    const form = $("form");
    if (!a || !a.ok) { form.replaceChildren(el("p", { class: "note", text: t("not_loaded") })); return; }
    const fields = a.form.map((f) => {
      let input;
      if (f.kind === "integer") {
        input = el("input", { type: "number", min: f.min, max: f.max, step: 1, name: f.id, id: "in-" + f.id,
          value: state.answers[f.id] !== undefined ? state.answers[f.id] : "" });
      } else {
        input = el("select", { name: f.id, id: "in-" + f.id }, el("option", { value: "", text: t("not_answered") }),
          ...f.options.map((o) => el("option", { value: JSON.stringify(o.value),
            text: o.label !== null ? o.label : (o.value === true ? t("yes") : o.value === false ? t("no") : String(o.value)) })));
        input.value = state.answers[f.id] !== undefined ? JSON.stringify(state.answers[f.id]) : "";
      }
      input.addEventListener("change", () => {
        const raw = input.value;
        if (raw === "") delete state.answers[f.id];
        else state.answers[f.id] = f.kind === "integer" ? Number(raw) : JSON.parse(raw);
        tryAnswers();
      });
      // the question's help, as the respondent reads it, under the question (and read out with it)
      const help = f.help ? el("p", { class: "help", id: "help-" + f.id, text: f.help }) : null;
      if (help) input.setAttribute("aria-describedby", "help-" + f.id);
      return el("div", { class: "field" + (f.asked_when ? " conditional" : ""), "data-input": f.id, title: f.asked_when || "" },
        el("label", { for: "in-" + f.id }, f.text,
          el("span", { class: "tag", text: "(" + f.respondent_text + (f.optional ? ", " + t("optional") : "") + ")" })),
        help, input);
    });
    form.replaceChildren(...fields);
  }
  async function tryAnswers() {
    const a = state.good ? state.good.analysis : null;
    if (!a || !a.ok) { $("decision").replaceChildren(); return; }
    const seq = ++state.trySeq;
    let doc;
    state.tryBusy = (state.tryBusy || 0) + 1;
    markBusy();
    try {
      doc = await api("api/try", { text: state.good.text, answers: state.answers, lang: state.lang });
    } catch (err) {
      if (seq === state.trySeq) $("decision").replaceChildren(el("p", { class: "error-box", text: (err.code || "") + " " + err.message }));
      return;
    } finally {
      state.tryBusy--;
      setTimeout(markIdle, 0);
    }
    if (seq !== state.trySeq) return;
    document.querySelectorAll("#form .field").forEach((f) => { f.hidden = !doc.asked[f.dataset.input]; });
    const box = $("decision");
    if (doc.decision) {
      const d = doc.decision;
      box.replaceChildren(
        el("h2", { text: t("decision") }),
        el("div", { class: "segment", "data-segment": d.segment, text: d.label + " (" + d.segment + ")" }),
        el("h2", { text: t("explanation") }), el("pre", { text: d.explanation }),
        el("h2", { text: t("pathway") }),
        el("table", {}, el("tbody", {}, ...d.pathway.map((r) => el("tr", {}, el("th", { text: r[0] }), el("td", { text: r[1] }))))));
    } else if (doc.error) {
      box.replaceChildren(el("h2", { text: t("decision") }), el("p", { class: "error-box", "data-code": doc.error.code, text: doc.error.code + " " + doc.error.message }));
    } else {
      box.replaceChildren(el("h2", { text: t("decision") }), el("p", { class: "missing", text: t("still_missing") }),
        el("ul", {}, ...doc.problems.slice(0, 4).map((p) => el("li", { "data-code": p.code, text: (p.text || p.input) + " (" + p.code + ")" })),
          doc.problems.length > 4 ? el("li", { class: "note", text: "… +" + (doc.problems.length - 4) }) : null));
    }
  }

  // ------------------------------------------------------------------ analysing the text
  async function analyse() {
    const seq = ++state.seq;
    const text = source.value;
    markBusy();
    state.busy++;
    refreshStatus();
    let a;
    try {
      a = await api("api/analyse", { text: text, lang: state.lang });
    } catch (err) {
      a = null;
      if (seq === state.seq) $("problems").replaceChildren(el("li", { text: t("request_failed") + ": " + (err.code || "") + " " + err.message }));
    } finally {
      state.busy--;
    }
    if (a && seq === state.seq) {
      state.analysis = a;
      state.analysedText = text;
      document.body.dataset.analysed = String(seq);
      $("ruleset-id").textContent = a.ruleset ? a.ruleset.id + " " + a.ruleset.version : "";
      if (a.ok) state.good = { analysis: a, text: text };
      const shown = a.ok || !state.good ? a : state.good.analysis;
      renderProblems(a); renderGutter(); renderMarks(); renderVerify(a);
      renderDiagram(shown); renderExamples(shown); renderSizes(shown); renderForm();
      document.querySelectorAll("#diagram-panel, #examples-panel, #sizes-panel, #form-panel").forEach((p) => p.classList.toggle("dim", !a.ok));
      await tryAnswers();
    }
    refreshStatus();
    markIdle();
  }
  function scheduleAnalysis() {
    clearTimeout(state.timer);
    markBusy();
    state.timer = setTimeout(() => { state.timer = null; analyse(); }, 500);
  }

  // ------------------------------------------------------------------ saving
  function openModal() {
    state.focusBefore = document.activeElement;
    $("modal").hidden = false;
    ($("confirm-save").disabled ? $("cancel") : $("confirm-save")).focus();
  }
  function closeModal() {
    $("modal").hidden = true;
    if (state.focusBefore && state.focusBefore.focus) state.focusBefore.focus();
  }
  async function startSave() {
    $("confirm-save").disabled = true;
    $("save-error").hidden = true; $("reload").hidden = true; $("confirm-save").hidden = false;
    state.diffedText = source.value;  // what Save writes: the text whose changes the dialog shows
    let doc;
    try {
      doc = await api("api/diff", { base: state.base.text, text: state.diffedText });
    } catch (err) {  // e.g. a text over the size limit: said, not lost in the console
      setStatus(t("request_failed") + ": " + (err.code || "") + " " + err.message, "unsaved");
      return;
    }
    const pre = $("diff");
    if (!doc.changed) pre.replaceChildren(el("span", { text: t("no_changes") }));
    else pre.replaceChildren(...doc.lines.filter((l, i) => i > 1 || !/^(---|\+\+\+) /.test(l)).map((l) => el("span", {
      class: l.startsWith("@@") ? "hunk" : l.startsWith("+") && !l.startsWith("+++") ? "add" : l.startsWith("-") && !l.startsWith("---") ? "del" : "",
      text: l + "\n" })));
    const errors = state.analysis && state.analysedText === source.value ? state.analysis.errors : 0;
    const warning = $("save-warning");
    warning.hidden = !errors;
    warning.textContent = errors ? t("save_with_problems", { n: errors }) : "";
    $("confirm-save").disabled = !doc.changed;
    openModal();
  }
  async function confirmSave() {
    const text = state.diffedText;
    try {
      const doc = await api("api/save", { text: text, base_hash: state.base.hash });
      state.base = { text: text, hash: doc.hash };
      const time = new Date(doc.saved_at).toLocaleTimeString(state.lang);
      state.savedNote = t("saved", { time: time, backup: doc.backup.split("/").pop() });
      document.body.dataset.saved = doc.hash;
      closeModal();
    } catch (err) {
      const box = $("save-error");
      box.hidden = false;
      box.dataset.code = err.code || "";
      box.textContent = (err.code === "SR951" ? t("changed_on_disk") + " " : "") + "(" + (err.code || "") + ": " + err.message + ")";
      $("reload").hidden = err.code !== "SR951";
      $("confirm-save").hidden = err.code === "SR951";
    }
    refreshStatus();
  }
  async function reloadFromDisk() {
    markBusy();
    const doc = await api("api/file");
    state.base = { text: doc.text, hash: doc.hash };
    source.value = doc.text;
    closeModal();
    renderGutter();
    analyse();
  }

  // ------------------------------------------------------------------ start
  async function start() {
    measure();
    const doc = await api("api/file");
    state.texts = doc.texts;
    state.base = { text: doc.text, hash: doc.hash };
    state.path = doc.path;
    state.verifySeconds = doc.verify_seconds;
    state.lang = doc.lang;
    $("file-name").textContent = doc.path;
    source.value = doc.text;
    translatePage();
    renderGutter();
    source.addEventListener("input", () => { state.savedNote = ""; renderGutter(); renderMarks(); refreshStatus(); scheduleAnalysis(); });
    source.addEventListener("scroll", () => {
      if (source.scrollLeft !== state.scrollLeft) { state.scrollLeft = source.scrollLeft; renderMarks(); } else syncScroll();
    });
    source.addEventListener("keydown", (e) => {  // Tab indents with two spaces (YAML has no tabs);
      if (e.key === "Escape") { state.tabLeaves = true; return; }  // Escape, then Tab, leaves the editor
      const leave = state.tabLeaves;
      state.tabLeaves = false;
      if (e.key === "Tab" && !e.ctrlKey && !e.altKey && !e.metaKey && !leave) {
        e.preventDefault();
        document.execCommand("insertText", false, "  ");
      }
    });
    $("lang").addEventListener("change", () => { state.lang = $("lang").value; translatePage(); analyse(); });
    $("save").addEventListener("click", startSave);
    document.addEventListener("keydown", (e) => {  // Ctrl+S (Cmd+S) saves, Escape closes the dialog
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") { e.preventDefault(); if ($("modal").hidden) startSave(); }
      else if (e.key === "Escape" && !$("modal").hidden) closeModal();
    });
    $("cancel").addEventListener("click", closeModal);
    $("confirm-save").addEventListener("click", confirmSave);
    $("reload").addEventListener("click", reloadFromDisk);
    $("clear").addEventListener("click", () => { state.answers = {}; renderForm(); tryAnswers(); });
    window.addEventListener("beforeunload", (e) => { if (dirty()) { e.preventDefault(); e.returnValue = ""; } });
    window.addEventListener("resize", () => { measure(); renderMarks(); });
    await analyse();
  }
  start().catch((err) => setStatus(t("request_failed") + ": " + err.message));
})();
