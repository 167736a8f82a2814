"""The texts segrules itself shows people, in Finnish, Swedish and English.

One catalogue: ``TEXTS[key]`` holds every language (``LANGUAGES``), ``text(key, lang, **values)``
picks one and fills in ``{name}`` fields. Rulesets carry their own labels; these are the
words around them (headings, verdicts, table heads). A key missing a language is an error at
import time, never an English word in a Finnish report.
"""

from __future__ import annotations

from .dsl.ast import LANGUAGES

__all__ = ["LANGUAGES", "TEXTS", "text"]

TEXTS: dict[str, dict[str, str]] = {
    # the verification report (segrules verify, text and HTML)
    "verify.title": {"fi": "Verifiointiraportti", "sv": "Verifieringsrapport", "en": "Verification report"},
    "verify.proven": {
        "fi": "TODISTETTU: jokainen mahdollinen vastausjoukko johtaa täsmälleen yhteen segmenttiin",
        "sv": "BEVISAT: varje möjlig svarsuppsättning leder till exakt ett segment",
        "en": "PROVEN: every possible answer set maps to exactly one segment",
    },
    "verify.failed": {
        "fi": "EI TODISTETTU (osa tarkistuksista epäonnistui)",
        "sv": "INTE BEVISAT (några kontroller misslyckades)",
        "en": "NOT PROVEN (some checks failed)",
    },
    "verify.undecided": {
        "fi": "EI TODISTETTU (osaa tarkistuksista ei voitu ratkaista)",
        "sv": "INTE BEVISAT (några kontroller kunde inte avgöras)",
        "en": "NOT PROVEN (some checks could not be decided)",
    },
    "verify.space": {
        "fi": "vastausavaruus: {size} vastausjoukkoa; menetelmä: {method}; {seconds} s",
        "sv": "svarsrymd: {size} svarsuppsättningar; metod: {method}; {seconds} s",
        "en": "answer space: {size} answer sets; method: {method}; {seconds} s",
    },
    "verify.forced": {
        "fi": "menetelmä valittiin komentorivillä (--method {method}), ei automaattisesti",
        "sv": "metoden valdes på kommandoraden (--method {method}), inte automatiskt",
        "en": "the method was forced on the command line (--method {method}), not chosen automatically",
    },
    "verify.affected": {"fi": "vastausjoukkoja", "sv": "svarsuppsättningar", "en": "answer sets affected"},
    "verify.witness": {"fi": "esimerkki", "sv": "exempel", "en": "witness"},
    "verify.note": {"fi": "huom", "sv": "obs", "en": "note"},
    "status.passed": {"fi": "ok", "sv": "ok", "en": "ok"},
    "status.failed": {"fi": "VIRHE", "sv": "FEL", "en": "FAILED"},
    "status.undecided": {"fi": "AUKI", "sv": "OAVGJORD", "en": "UNDECIDED"},
    "status.not_applicable": {"fi": "–", "sv": "–", "en": "n/a"},
    "report.generated": {"fi": "Laadittu", "sv": "Skapad", "en": "Generated"},
    "report.command": {"fi": "Komento", "sv": "Kommando", "en": "Command"},
    "report.versions": {"fi": "Ohjelmistoversiot", "sv": "Programversioner", "en": "Software versions"},
    "report.libyaml": {"fi": "libyaml käytössä", "sv": "libyaml används", "en": "libyaml used"},
    "report.yes": {"fi": "kyllä", "sv": "ja", "en": "yes"},
    "report.no": {"fi": "ei", "sv": "nej", "en": "no"},
    "report.provenance": {"fi": "Alkuperä", "sv": "Ursprung", "en": "Provenance"},
    "report.rules": {"fi": "Säännöt", "sv": "Regler", "en": "Rules"},
    "report.inputs": {"fi": "Syötteet", "sv": "Indata", "en": "Inputs"},
    "report.examples": {"fi": "Esimerkit", "sv": "Exempel", "en": "Examples"},
    "report.checks": {"fi": "Tarkistukset", "sv": "Kontroller", "en": "Checks"},
    "report.hash": {
        "fi": "Sisällön tiiviste (SHA-256) lasketaan sääntöjoukon YAML-dokumentin kanonisesta muodosta; "
              "ohje sen laskemiseen itsenäisesti:",
        "sv": "Innehållets hash (SHA-256) beräknas ur regeluppsättningens YAML-dokument i kanonisk form; "
              "så här beräknar du den själv:",
        "en": "The content hash (SHA-256) is computed from the canonical form of the ruleset's YAML "
              "document; how to recompute it independently:",
    },
    "report.no_examples": {"fi": "Ei esimerkkejä.", "sv": "Inga exempel.", "en": "No examples."},
    "report.expected": {"fi": "odotettu", "sv": "förväntat", "en": "expected"},
    "report.got": {"fi": "tulos", "sv": "resultat", "en": "result"},
    "report.passed": {"fi": "läpäisi", "sv": "godkänt", "en": "passed"},
    "report.example_failed": {"fi": "EI LÄPÄISSYT", "sv": "UNDERKÄNT", "en": "FAILED"},
    "report.rule": {"fi": "sääntö", "sv": "regel", "en": "rule"},
    "report.segment": {"fi": "segmentti", "sv": "segment", "en": "segment"},
    "report.where": {"fi": "sijainti", "sv": "plats", "en": "file:line"},
    "report.input": {"fi": "syöte", "sv": "indata", "en": "input"},
    "report.question": {"fi": "kysymys", "sv": "fråga", "en": "question"},
    "report.answers": {"fi": "vastaukset", "sv": "svar", "en": "answers"},
    "report.asked_when": {"fi": "kysytään kun", "sv": "frågas när", "en": "asked when"},
    "report.optional": {"fi": "vapaaehtoinen", "sv": "frivillig", "en": "optional"},
    "report.respondent": {"fi": "vastaaja", "sv": "svarande", "en": "respondent"},
}

for _key, _texts in TEXTS.items():
    _missing = [lang for lang in LANGUAGES if not _texts.get(lang)]
    if _missing:  # pragma: no cover - caught by the tests on any change
        raise RuntimeError(f"the text {_key!r} has no {', '.join(_missing)} translation")


def text(key: str, lang: str, **values) -> str:
    """The text ``key`` in ``lang`` (fi, sv or en), with ``{name}`` fields filled in."""
    if lang not in LANGUAGES:
        raise ValueError(f"no such language {lang!r}: use one of {', '.join(LANGUAGES)}")
    t = TEXTS[key][lang]
    return t.format(**values) if values else t
