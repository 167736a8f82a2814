"""The texts people read, in Finnish, Swedish and English: one catalogue for the outputs.

Every output a user reads (a decision and its explanation, ``describe``, ``test``,
``crosswalk``, reports) takes its headings, phrases and the names of the fixed codes of the
DSL (service models, service menu, channels, service use, quadrant levels, respondents) from
here, so that ``--lang fi`` prints no English. The labels written in a ruleset itself (segment
names, input texts) come from the ruleset.

``TEXTS[lang][key]`` is a format string; a key ending in ``.one`` is the singular form of
the key without it (Finnish and Swedish, like English, use a different form for one).
Pictures keep their own catalogue of the same shape next to their drawing code
(``segrules.diagram.TEXTS``, ``segrules.population.render.TEXTS``); the tests check that every
catalogue has every key in all three languages.

``DEFAULT_LANG`` is the one language every command and API function uses when none is given.
"""

from __future__ import annotations

from typing import Any, Mapping

from .dsl import ast
from .errors import UsageError

__all__ = ["DEFAULT_LANG", "LANGUAGES", "TEXTS", "CODES", "check_lang", "text", "count", "form", "code_label", "codes_label", "quadrant_text"]

#: The three languages of every output; Finnish is required in rulesets.
LANGUAGES = ast.LANGUAGES

#: The language of every command's output and of ``Decision.explain()`` when none is given:
#: English, like the error messages and the documentation, so that a default run reads in one
#: language from end to end.
DEFAULT_LANG = "en"


TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        # a decision
        "segment": "Segmentti",
        "overridden_note": "(henkilön valitsema; säännöt ehdottivat segmenttiä {id} ({label}))",
        "also_called": "Muut nimet",
        "service_use": "Palvelujen käyttö",
        "quadrant": "Nelikenttä",
        "quadrant_value": "voimavarat: {resources}, tilanteen haasteellisuus: {complexity}",
        "pathway": "Asiakkuuspolku",
        "scores": "Pistemäärät",
        "why": "Perustelu",
        "ruleset": "Säännöstö",
        "assessed_at": "Arvioitu",
        "reassess_on": "Uusi arvio",
        # explain()
        "rule": "sääntö {n}",
        "line": "rivi {n}",
        "because": "koska",
        "overridden": "henkilö valitsi toisen segmentin: säännöt ehdottivat segmenttiä {id} ({label}); perustelu: {reason}",
        # pathway fields
        "contact": "yhteydenotto",
        "appointments": "käynnit",
        "coordination": "koordinointi",
        "professional_role": "ammattilaisen rooli",
        "self_care": "omahoito",
        "first_visit": "ensikäynti",
        "booking": "ajanvaraus",
        "follow_up": "seuranta",
        "follow_up_visits": "seurantakäynnit",
        "service_model": "palvelumalli",
        "service_menu": "palveluvalikoima",
        "channels": "asiointikanavat",
        "reassess_after_months": "uusi arvio",
        "months": "{n} kuukauden kuluttua",
        # describe
        "id": "tunnus",
        "version": "versio",
        "file": "tiedosto",
        "hit_policy": "sääntöjen valinta",
        "aliases": "muut nimet",
        "label": "nimi",
        "scales": "Asteikot",
        "inputs": "Kysymykset",
        "groups": "Ryhmät",
        "axes": "Akselit",
        "axes_value": "voimavarat = {resources}, tilanteen haasteellisuus = {complexity}",
        "segments": "Segmentit",
        "rules": "Säännöt",
        "rules_heading": "Säännöt ({n}, {policy})",
        "pathways": "Asiakkuuspolut",
        "optional": "vapaaehtoinen",
        "asked_when": "kysytään, kun",
        "integer": "kokonaisluku {lo}–{hi}",
        "boolean": "kyllä/ei: true | false",
        "scale": "asteikko {scale}: {lo}–{hi}",
        "enum": "vaihtoehdot",
        "none": "–",
        # test
        "pass": "OK",
        "fail": "VIRHE",
        "expected_got": "odotettiin {expect}, saatiin {got}",
        "expected_error": "odotettiin {expect}, mutta {error}",
        "no_examples": "ei esimerkkejä",
        "passed_failed": "{passed} onnistui, {failed} epäonnistui",
        "not_loaded": "esimerkkejä ei voi ajaa: säännöstö ei lataudu",
        "total": "yhteensä {files}: {passed} onnistui, {failed} epäonnistui",
        "files": "{n} tiedostoa",
        "files.one": "{n} tiedosto",
        # crosswalk
        "crosswalk_ok": "kunnossa: {rulesets} säännöstöä, {positions} paikkaa; jokaisella segmentillä on täsmälleen yksi paikka omassa nelikentässään",
        "crosswalk_invalid": "{n} virhettä: vastaavuustaulukko ei ole kelvollinen",
        "crosswalk_invalid.one": "{n} virhe: vastaavuustaulukko ei ole kelvollinen",
        "is_also_called": "{id}: muut nimet: {aliases}",
        # the verification report (segrules verify, text and HTML)
        "verify.title": "Verifiointiraportti",
        "verify.proven": "TODISTETTU: jokainen mahdollinen vastausjoukko johtaa täsmälleen yhteen segmenttiin",
        "verify.failed": "EI TODISTETTU (osa tarkistuksista epäonnistui)",
        "verify.undecided": "EI TODISTETTU (osaa tarkistuksista ei voitu ratkaista)",
        "verify.stopped": "PYSÄYTETTY: aikaraja tuli vastaan ennen kuin tarkistukset valmistuivat; ei tulosta (aja uudelleen pidemmällä aikarajalla)",
        "verify.space": "vastausavaruus: {size} vastausjoukkoa; menetelmä: {method}; {seconds} s",
        "verify.forced": "menetelmä valittiin komentorivillä (--method {method}), ei automaattisesti",
        "verify.affected": "vastausjoukkoja",
        "verify.witness": "esimerkki",
        "verify.note": "huom",
        "status.passed": "ok",
        "status.failed": "VIRHE",
        "status.undecided": "AUKI",
        "status.stopped": "PYSÄYTETTY",
        "status.not_applicable": "–",
        "report.generated": "Laadittu",
        "report.command": "Komento",
        "report.versions": "Ohjelmistoversiot",
        "report.libyaml": "libyaml käytössä",
        "report.yes": "kyllä",
        "report.no": "ei",
        "report.provenance": "Alkuperä",
        "report.rules": "Säännöt",
        "report.inputs": "Syötteet",
        "report.examples": "Esimerkit",
        "report.checks": "Tarkistukset",
        "report.hash": "Sisällön tiiviste (SHA-256) lasketaan sääntöjoukon YAML-dokumentin kanonisesta muodosta; ohje sen laskemiseen itsenäisesti:",
        "report.no_examples": "Ei esimerkkejä.",
        "report.expected": "odotettu",
        "report.got": "tulos",
        "report.passed": "läpäisi",
        "report.example_failed": "EI LÄPÄISSYT",
        "report.rule": "sääntö",
        "report.segment": "segmentti",
        "report.where": "sijainti",
        "report.input": "syöte",
        "report.question": "kysymys",
        "report.answers": "vastaukset",
        "report.asked_when": "kysytään kun",
        "report.optional": "vapaaehtoinen",
        "report.respondent": "vastaaja",
    },
    "sv": {
        "segment": "Segment",
        "overridden_note": "(valt av en person; reglerna föreslog segmentet {id} ({label}))",
        "also_called": "Andra namn",
        "service_use": "Tjänsteanvändning",
        "quadrant": "Fyrfält",
        "quadrant_value": "resurser: {resources}, situationens komplexitet: {complexity}",
        "pathway": "Kundstig",
        "scores": "Poäng",
        "why": "Motivering",
        "ruleset": "Regeluppsättning",
        "assessed_at": "Bedömd",
        "reassess_on": "Ny bedömning",
        "rule": "regel {n}",
        "line": "rad {n}",
        "because": "eftersom",
        "overridden": "en person valde ett annat segment: reglerna föreslog {id} ({label}); motivering: {reason}",
        "contact": "kontakt",
        "appointments": "besök",
        "coordination": "koordinering",
        "professional_role": "yrkespersonens roll",
        "self_care": "egenvård",
        "first_visit": "första besök",
        "booking": "tidsbokning",
        "follow_up": "uppföljning",
        "follow_up_visits": "uppföljningsbesök",
        "service_model": "servicemodell",
        "service_menu": "tjänsteutbud",
        "channels": "kanaler",
        "reassess_after_months": "ny bedömning",
        "months": "efter {n} månader",
        "months.one": "efter {n} månad",
        "id": "id",
        "version": "version",
        "file": "fil",
        "hit_policy": "val av regel",
        "aliases": "andra namn",
        "label": "namn",
        "scales": "Skalor",
        "inputs": "Frågor",
        "groups": "Grupper",
        "axes": "Axlar",
        "axes_value": "resurser = {resources}, situationens komplexitet = {complexity}",
        "segments": "Segment",
        "rules": "Regler",
        "rules_heading": "Regler ({n}, {policy})",
        "pathways": "Kundstigar",
        "optional": "frivillig",
        "asked_when": "frågas när",
        "integer": "heltal {lo}–{hi}",
        "boolean": "ja/nej: true | false",
        "scale": "skala {scale}: {lo}–{hi}",
        "enum": "alternativ",
        "none": "–",
        "pass": "OK",
        "fail": "FEL",
        "expected_got": "väntade {expect}, fick {got}",
        "expected_error": "väntade {expect}, men {error}",
        "no_examples": "inga exempel",
        "passed_failed": "{passed} godkända, {failed} underkända",
        "not_loaded": "exemplen kan inte köras: regeluppsättningen laddas inte",
        "total": "totalt {files}: {passed} godkända, {failed} underkända",
        "files": "{n} filer",
        "files.one": "{n} fil",
        "crosswalk_ok": "ok: {rulesets} regeluppsättningar, {positions} positioner; varje segment har exakt en position, i sitt eget fyrfält",
        "crosswalk_invalid": "{n} fel: korstabellen är inte giltig",
        "is_also_called": "{id} kallas även: {aliases}",
        # the verification report (segrules verify, text and HTML)
        "verify.title": "Verifieringsrapport",
        "verify.proven": "BEVISAT: varje möjlig svarsuppsättning leder till exakt ett segment",
        "verify.failed": "INTE BEVISAT (några kontroller misslyckades)",
        "verify.undecided": "INTE BEVISAT (några kontroller kunde inte avgöras)",
        "verify.stopped": "STOPPAD: tidsgränsen nåddes innan kontrollerna var klara; inget resultat (kör igen med en längre tidsgräns)",
        "verify.space": "svarsrymd: {size} svarsuppsättningar; metod: {method}; {seconds} s",
        "verify.forced": "metoden valdes på kommandoraden (--method {method}), inte automatiskt",
        "verify.affected": "svarsuppsättningar",
        "verify.witness": "exempel",
        "verify.note": "obs",
        "status.passed": "ok",
        "status.failed": "FEL",
        "status.undecided": "OAVGJORD",
        "status.stopped": "STOPPAD",
        "status.not_applicable": "–",
        "report.generated": "Skapad",
        "report.command": "Kommando",
        "report.versions": "Programversioner",
        "report.libyaml": "libyaml används",
        "report.yes": "ja",
        "report.no": "nej",
        "report.provenance": "Ursprung",
        "report.rules": "Regler",
        "report.inputs": "Indata",
        "report.examples": "Exempel",
        "report.checks": "Kontroller",
        "report.hash": "Innehållets hash (SHA-256) beräknas ur regeluppsättningens YAML-dokument i kanonisk form; så här beräknar du den själv:",
        "report.no_examples": "Inga exempel.",
        "report.expected": "förväntat",
        "report.got": "resultat",
        "report.passed": "godkänt",
        "report.example_failed": "UNDERKÄNT",
        "report.rule": "regel",
        "report.segment": "segment",
        "report.where": "plats",
        "report.input": "indata",
        "report.question": "fråga",
        "report.answers": "svar",
        "report.asked_when": "frågas när",
        "report.optional": "frivillig",
        "report.respondent": "svarande",
    },
    "en": {
        "segment": "Segment",
        "overridden_note": "(chosen by a person; the rules suggested {id} ({label}))",
        "also_called": "Also called",
        "service_use": "Service use",
        "quadrant": "Quadrant",
        "quadrant_value": "resources {resources}, complexity {complexity}",
        "pathway": "Pathway",
        "scores": "Scores",
        "why": "Why",
        "ruleset": "Ruleset",
        "assessed_at": "Assessed at",
        "reassess_on": "Re-assess on",
        "rule": "rule {n}",
        "line": "line {n}",
        "because": "because",
        "overridden": "overridden by a person: the rules suggested {id} ({label}); reason: {reason}",
        "contact": "contact",
        "appointments": "appointments",
        "coordination": "coordination",
        "professional_role": "professional role",
        "self_care": "self-care",
        "first_visit": "first visit",
        "booking": "booking",
        "follow_up": "follow-up",
        "follow_up_visits": "follow-up visits",
        "service_model": "service model",
        "service_menu": "service menu",
        "channels": "channels",
        "reassess_after_months": "re-assess after",
        "months": "{n} months",
        "months.one": "{n} month",
        "id": "id",
        "version": "version",
        "file": "file",
        "hit_policy": "hit policy",
        "aliases": "aliases",
        "label": "label",
        "scales": "Scales",
        "inputs": "Inputs",
        "groups": "Groups",
        "axes": "Axes",
        "axes_value": "resources = {resources}, complexity = {complexity}",
        "segments": "Segments",
        "rules": "Rules",
        "rules_heading": "Rules ({n}, {policy})",
        "pathways": "Pathways",
        "optional": "optional",
        "asked_when": "asked when",
        "integer": "integer {lo}..{hi}",
        "boolean": "boolean: true | false",
        "scale": "scale {scale}: {lo}..{hi}",
        "enum": "enum",
        "none": "-",
        "pass": "PASS",
        "fail": "FAIL",
        "expected_got": "expected {expect}, got {got}",
        "expected_error": "expected {expect}, but {error}",
        "no_examples": "no examples",
        "passed_failed": "{passed} passed, {failed} failed",
        "not_loaded": "cannot run the examples: the ruleset does not load",
        "total": "total of {files}: {passed} passed, {failed} failed",
        "files": "{n} files",
        "files.one": "{n} file",
        "crosswalk_ok": "ok: {rulesets} rulesets, {positions} positions; every segment has exactly one position, in its own quadrant",
        "crosswalk_invalid": "{n} errors: the crosswalk is not valid",
        "crosswalk_invalid.one": "{n} error: the crosswalk is not valid",
        "is_also_called": "{id} is also called: {aliases}",
        # the verification report (segrules verify, text and HTML)
        "verify.title": "Verification report",
        "verify.proven": "PROVEN: every possible answer set maps to exactly one segment",
        "verify.failed": "NOT PROVEN (some checks failed)",
        "verify.undecided": "NOT PROVEN (some checks could not be decided)",
        "verify.stopped": "STOPPED: the time limit was reached before the checks were done; no verdict (rerun with a longer time limit)",
        "verify.space": "answer space: {size} answer sets; method: {method}; {seconds} s",
        "verify.forced": "the method was forced on the command line (--method {method}), not chosen automatically",
        "verify.affected": "answer sets affected",
        "verify.witness": "witness",
        "verify.note": "note",
        "status.passed": "ok",
        "status.failed": "FAILED",
        "status.undecided": "UNDECIDED",
        "status.stopped": "STOPPED",
        "status.not_applicable": "n/a",
        "report.generated": "Generated",
        "report.command": "Command",
        "report.versions": "Software versions",
        "report.libyaml": "libyaml used",
        "report.yes": "yes",
        "report.no": "no",
        "report.provenance": "Provenance",
        "report.rules": "Rules",
        "report.inputs": "Inputs",
        "report.examples": "Examples",
        "report.checks": "Checks",
        "report.hash": "The content hash (SHA-256) is computed from the canonical form of the ruleset's YAML document; how to recompute it independently:",
        "report.no_examples": "No examples.",
        "report.expected": "expected",
        "report.got": "result",
        "report.passed": "passed",
        "report.example_failed": "FAILED",
        "report.rule": "rule",
        "report.segment": "segment",
        "report.where": "file:line",
        "report.input": "input",
        "report.question": "question",
        "report.answers": "answers",
        "report.asked_when": "asked when",
        "report.optional": "optional",
        "report.respondent": "respondent",
    },
}

#: Names of the fixed codes of the DSL, by kind: ``CODES[kind][code][lang]``.
CODES: dict[str, dict[str, dict[str, str]]] = {
    "service_model": {
        "value_shop": {"fi": "arvopaja", "sv": "värdeverkstad", "en": "value shop"},
        "value_chain": {"fi": "arvoketju", "sv": "värdekedja", "en": "value chain"},
        "value_network": {"fi": "arvoverkko", "sv": "värdenätverk", "en": "value network"},
    },
    "service_menu": {
        "reception": {"fi": "vastaanotto", "sv": "mottagning", "en": "reception"},
        "phone": {"fi": "puhelinpalvelu", "sv": "telefontjänst", "en": "phone service"},
        "group_reception": {"fi": "ryhmävastaanotto", "sv": "gruppmottagning", "en": "group reception"},
        "group": {"fi": "ryhmätoiminta", "sv": "gruppverksamhet", "en": "group activity"},
        "network_meeting": {"fi": "verkostopalaveri", "sv": "nätverksmöte", "en": "network meeting"},
        "digital": {"fi": "digitaaliset palvelut", "sv": "digitala tjänster", "en": "digital services"},
    },
    "channels": {
        "in_person": {"fi": "käynti paikan päällä", "sv": "besök på plats", "en": "in person"},
        "phone": {"fi": "puhelin", "sv": "telefon", "en": "phone"},
        "video": {"fi": "videoyhteys", "sv": "videosamtal", "en": "video"},
        "digital": {"fi": "verkkoasiointi", "sv": "e-tjänst", "en": "online"},
    },
    "service_use": {
        "occasional": {"fi": "satunnainen", "sv": "tillfällig", "en": "occasional"},
        "heavy": {"fi": "runsas", "sv": "omfattande", "en": "heavy"},
    },
    "resources_level": {
        "low": {"fi": "vähäiset", "sv": "små", "en": "low"},
        "high": {"fi": "runsaat", "sv": "stora", "en": "high"},
    },
    "complexity_level": {
        "low": {"fi": "vähäinen", "sv": "låg", "en": "low"},
        "high": {"fi": "suuri", "sv": "hög", "en": "high"},
    },
    "respondent": {
        "client": {"fi": "asiakas", "sv": "klient", "en": "client"},
        "professional": {"fi": "ammattilainen", "sv": "yrkesperson", "en": "professional"},
        "record": {"fi": "potilastiedot", "sv": "journal", "en": "record"},
    },
    "hit_policy": {
        "unique": {"fi": "vain yksi sääntö saa täyttyä", "sv": "endast en regel får gälla", "en": "unique"},
        "first": {"fi": "ensimmäinen täyttyvä sääntö", "sv": "första regeln som gäller", "en": "first"},
    },
}


def check_lang(lang: str) -> str:
    """The language itself, or SR500 naming the three there are."""
    if lang not in TEXTS:
        raise UsageError(f"unknown language {lang!r}: use fi, sv or en", code="SR500")
    return lang


def text(lang: str, key: str, **values: Any) -> str:
    """The catalogue text ``key`` in ``lang``, with ``values`` filled in."""
    return TEXTS[check_lang(lang)][key].format(**values)


def form(texts: Mapping[str, str], key: str, n: int) -> str:
    """The form of ``key`` for a count ``n`` in one language's catalogue: ``key.one`` for 1."""
    return texts.get(key + ".one", texts[key]) if n == 1 else texts[key]


def count(lang: str, key: str, n: int, **values: Any) -> str:
    """``text`` for a count: the ``.one`` form when ``n`` is 1 and the language has one."""
    return form(TEXTS[check_lang(lang)], key, n).format(n=n, **values)


def code_label(kind: str, code: str, lang: str) -> str:
    """The name of a fixed DSL code (e.g. ``value_shop``) in ``lang``; an unknown code as it is."""
    names: Mapping[str, str] | None = CODES.get(kind, {}).get(code)
    return names[check_lang(lang)] if names is not None else code


def codes_label(kind: str, codes: tuple[str, ...] | list[str], lang: str) -> str:
    """Several codes of one kind as their names in ``lang``, joined by commas."""
    return ", ".join(code_label(kind, c, lang) for c in codes)


def quadrant_text(quadrant: Any, lang: str) -> str:
    """A segment's quadrant in words: its resources and its complexity, low or high."""
    return text(
        lang, "quadrant_value",
        resources=code_label("resources_level", quadrant.resources, lang),
        complexity=code_label("complexity_level", quadrant.complexity, lang),
    )
