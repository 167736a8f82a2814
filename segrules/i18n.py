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

#: The texts of the verification report (``segrules verify``, text and HTML): key → (fi, sv, en).
VERIFY_REPORT: dict[str, tuple[str, str, str]] = {
    'report.intro': (
        'Alla olevista säännöstöistä segrules verify on ratkaissut koko äärellisen vastausavaruuden yli, johtaako jokainen mahdollinen vastausjoukko täsmälleen yhteen segmenttiin, sekä muut luetellut tarkistukset. Jokaisella virheellä on esimerkkivastausjoukko, joka on ajettu uudelleen viitearvioijan ja decide-komennon läpi ennen raportointia.',
        'För varje regeluppsättning nedan har segrules verify avgjort, över hela det ändliga svarsrummet, om varje möjlig svarsuppsättning leder till exakt ett segment, och de övriga kontrollerna. Varje fel har en konkret exempelsvarsuppsättning, som körts om genom referensutvärderaren och decide innan det rapporterades.',
        'For every ruleset below, segrules verify decided over the entire finite answer space whether every possible answer set maps to exactly one segment, and the other checks listed. Every failure comes with a concrete witness answer set, re-run through the reference evaluator and decide before it was reported.',
    ),
    'report.proven_count': (
        'Todistettuja säännöstöjä: {proven} / {total}.',
        'Bevisade regeluppsättningar: {proven} av {total}.',
        '{proven} of {total} rulesets proven.',
    ),
    'report.none_verified': (
        'Yhtään säännöstöä ei verifioitu.',
        'Ingen regeluppsättning verifierades.',
        'No ruleset was verified.',
    ),
    'report.ruleset': (
        'säännöstö',
        'regeluppsättning',
        'ruleset',
    ),
    'report.version': (
        'versio',
        'version',
        'version',
    ),
    'report.verdict': (
        'tulos',
        'resultat',
        'verdict',
    ),
    'report.file': (
        'tiedosto',
        'fil',
        'file',
    ),
    'report.ruleset_id': (
        'säännöstön tunniste',
        'regeluppsättningens id',
        'ruleset id',
    ),
    'report.content_hash': (
        'sisällön tiiviste (SHA-256)',
        'innehållets hashvärde (SHA-256)',
        'content hash (SHA-256)',
    ),
    'report.hit_policy': (
        'sääntöjen valintatapa',
        'regelval',
        'hit policy',
    ),
    'report.answer_space': (
        'vastausavaruus',
        'svarsrymd',
        'answer space',
    ),
    'report.answer_sets': (
        '{size} vastausjoukkoa',
        '{size} svarsuppsättningar',
        '{size} answer sets',
    ),
    'report.method': (
        'menetelmä',
        'metod',
        'method',
    ),
    'report.time': (
        'aika',
        'tid',
        'time',
    ),
    'report.aliases': (
        'muut nimet',
        'andra namn',
        'also known as',
    ),
    'report.budgets': (
        'budjetit',
        'budgetar',
        'budgets',
    ),
    'report.check': (
        'tarkistus',
        'kontroll',
        'check',
    ),
    'report.proves': (
        'mitä se todistaa',
        'vad den bevisar',
        'what it proves',
    ),
    'report.status': (
        'tila',
        'status',
        'status',
    ),
    'report.written': (
        'raportti kirjoitettu tiedostoon {path}',
        'rapporten skrevs till {path}',
        'report written to {path}',
    ),
    'verify.by': (
        'ratkaisijat:',
        'avgjord av',
        'by',
    ),
    'report.decided_by': (
        'ratkaisija',
        'avgjord av',
        'decided by',
    ),
    'report.summary': (
        'yhteenveto',
        'sammanfattning',
        'summary',
    ),
    'report.findings': (
        'Havainnot',
        'Fynd',
        'Findings',
    ),
    'report.no_findings': (
        'Ei havaintoja: mikään tarkistus ei löytänyt ongelmaa.',
        'Inga fynd: ingen kontroll hittade något problem.',
        'None: no check found a problem.',
    ),
    'report.notes': (
        'Huomiot',
        'Anmärkningar',
        'Notes',
    ),
    'report.code': (
        'koodi',
        'kod',
        'code',
    ),
    'report.affected': (
        'vastausjoukkoja, joita asia koskee',
        'berörda svarsuppsättningar',
        'answer sets affected',
    ),
    'report.region': (
        'alue',
        'område',
        'region',
    ),
    'report.rules_involved': (
        'säännöt, joita asia koskee',
        'berörda regler',
        'rules involved',
    ),
    'report.rule_at': (
        'sääntö {n} kohdassa',
        'regel {n} på',
        'rule {n} at',
    ),
    'report.witness': (
        'esimerkkivastausjoukko (JSON; anna se komennolle segrules decide --answers)',
        'exempelsvarsuppsättning (JSON; ge den till segrules decide --answers)',
        'witness answer set (JSON; give it to segrules decide --answers)',
    ),
    'report.witness_scores': (
        'sen pistemäärät',
        'dess poäng',
        'its scores',
    ),
    'report.scores': (
        'pistemäärät',
        'poäng',
        'scores',
    ),
    'report.segments': (
        'Segmentit',
        'Segment',
        'Segments',
    ),
    'report.id': (
        'tunniste',
        'id',
        'id',
    ),
    'report.label': (
        'nimi',
        'namn',
        'label',
    ),
    'report.quadrant': (
        'nelikenttä',
        'fyrfält',
        'quadrant',
    ),
    'report.service_use': (
        'palvelujen käyttö',
        'tjänsteanvändning',
        'service use',
    ),
    'report.plane': (
        'Pistemäärien alueet ja niiden segmentit',
        'Poängområden och deras segment',
        'Score regions and their segments',
    ),
    'report.plane_missing': (
        'Nelikenttäkuvaa ei ole: verifioija ei laskenut pistemäärien tasoa (ks. huomiot yllä).',
        'Fyrfältsbilden saknas: verifieraren beräknade inte poängplanet (se anmärkningarna ovan).',
        'The quadrant picture is not available: the verifier did not compute the score plane (see the notes above).',
    ),
    'report.plane_text': (
        'Jokainen saavutettavissa oleva kahden akselin pistemäärien yhdistelmä väritettynä sen segmentin mukaan, johon sen vastausjoukot johtavat; paksut viivat näyttävät, missä segmentti vaihtuu, ja punainen viivoitus kohdan, jossa jokin vastausjoukko ei saa segmenttiä tai saa useita.',
        'Varje nåbar kombination av de två axlarnas poäng, färgad efter det segment dess svarsuppsättningar får; tjocka linjer visar var segmentet byts, och röd skraffering ett ställe där någon svarsuppsättning inte får något segment eller får flera.',
        'Every reachable combination of the two axis scores, coloured by the segment its answer sets get; thick lines mark where the segment changes, and a red hatch marks a place where some answer set gets no segment or several.',
    ),
    'report.no_position': (
        '(ei sijaintia)',
        '(ingen position)',
        '(no position)',
    ),
    'report.yes_no': (
        'kyllä / ei',
        'ja / nej',
        'yes / no',
    ),
    'verdict.proven': (
        'TODISTETTU',
        'BEVISAT',
        'PROVEN',
    ),
    'verdict.failed': (
        'EI TODISTETTU: osa tarkistuksista epäonnistui',
        'INTE BEVISAT: några kontroller misslyckades',
        'NOT PROVEN: some checks failed',
    ),
    'verdict.undecided': (
        'EI TODISTETTU: osaa tarkistuksista ei voitu ratkaista',
        'INTE BEVISAT: några kontroller kunde inte avgöras',
        'NOT PROVEN: some checks could not be decided',
    ),
    'verdict.stopped': (
        'PYSÄYTETTY: aikaraja tuli vastaan; ei tulosta',
        'STOPPAD: tidsgränsen nåddes; inget resultat',
        'STOPPED: the time limit was reached; no verdict',
    ),
    'method.enumeration': (
        'luettelointi: jokainen vastausjoukko arvioitiin',
        'uppräkning: varje svarsuppsättning utvärderades',
        'enumeration: every answer set was evaluated',
    ),
    'method.structural': (
        'rakenteellinen: vastausavaruus ratkaistiin tarkasti sen rakenteesta luettelematta jokaista vastausjoukkoa',
        'strukturell: svarsrymden avgjordes exakt utifrån dess struktur, utan att varje svarsuppsättning räknades upp',
        'structural: the answer space was decided exactly by its structure, without listing every answer set',
    ),
    'method.gave_up': (
        '{method}: laskentamenetelmä ei valmistunut budjettinsa puitteissa (ks. huomiot); tarkistukset perustuvat SMT-todistimeen',
        '{method}: räknemetoden blev inte klar inom sin budget (se anmärkningarna); kontrollerna vilar på SMT-bevisaren',
        '{method}: the counting method did not finish within its budget (see the notes); the checks rest on the SMT prover',
    ),
    'method.smt': (
        'pelkkä SMT-todistin (ei lukumääriä)',
        'endast SMT-bevisaren (inga antal)',
        'the SMT prover alone (no counts)',
    ),
    'method.stopped': (
        '{method}: pysäytetty aikarajaan',
        '{method}: stoppad vid tidsgränsen',
        '{method}: stopped at the time limit',
    ),
    'by.smt': (
        'SMT-todistin',
        'SMT-bevisaren',
        'smt',
    ),
    'by.enumeration': (
        'luettelointi',
        'uppräkning',
        'enumeration',
    ),
    'by.structural': (
        'rakenteellinen',
        'strukturell',
        'structural',
    ),
    'by.definition': (
        'määrittely',
        'definitionen',
        'definition',
    ),
    'by.reference': (
        'viitearvioija',
        'referensutvärderaren',
        'reference',
    ),
    'check.totality': (
        'arviointi onnistuu aina: ei nollalla jakamista, tyhjää keskiarvoa eikä puuttuvaa vastausta',
        'utvärderingen lyckas alltid: ingen division med noll, inget tomt medelvärde, inget saknat svar',
        'evaluation is total: no division by zero, empty mean or missing answer',
    ),
    'check.completeness': (
        'jokainen vastausjoukko saa segmentin (ei aukkoja)',
        'varje svarsuppsättning får ett segment (inga luckor)',
        'every answer set gets a segment (no gaps)',
    ),
    'check.exclusivity': (
        'mikään vastausjoukko ei täytä kahden segmentin sääntöjä (ei päällekkäisyyksiä)',
        'ingen svarsuppsättning uppfyller två segments regler (inga överlappningar)',
        'no answer set satisfies the rules of two segments (no overlaps)',
    ),
    'check.masked_rules': (
        'mikään sääntö ei jää aiempien sääntöjen taakse (ensimmäinen täyttyvä sääntö)',
        'ingen regel döljs bakom tidigare regler (första regeln som gäller)',
        'no rule is hidden behind earlier rules (hit policy first)',
    ),
    'check.segments_reachable': (
        'jokaiseen segmenttiin voi päätyä',
        'varje segment kan nås',
        'every segment is reachable',
    ),
    'check.rules_fire': (
        'jokainen sääntö voi täyttyä',
        'varje regel kan gälla',
        'every rule can fire',
    ),
    'check.inputs_used': (
        'jokainen syöte voi muuttaa tulosta',
        'varje indata kan ändra resultatet',
        'every input can change the result',
    ),
    'check.pathways_labels': (
        'jokaisella segmentillä on asiakkuuspolku ja suomenkieliset nimet',
        'varje segment har en vårdstig och finska namn',
        'every segment has a pathway and Finnish labels',
    ),
    'check.examples': (
        'säännöstön omat esimerkit menevät läpi',
        'regeluppsättningens egna exempel går igenom',
        "the ruleset's own examples pass",
    ),
    'sum.passed.totality': (
        'jokainen vastausjoukko arvioidaan virheettä',
        'varje svarsuppsättning utvärderas utan fel',
        'every answer set evaluates without error',
    ),
    'sum.passed.completeness': (
        'jokainen vastausjoukko saa segmentin',
        'varje svarsuppsättning får ett segment',
        'every answer set gets a segment',
    ),
    'sum.passed.exclusivity': (
        'mikään vastausjoukko ei täytä kahden segmentin sääntöjä',
        'ingen svarsuppsättning uppfyller två segments regler',
        'no answer set satisfies the rules of two segments',
    ),
    'sum.passed.masked_rules': (
        'mikään sääntö ei jää aiempien sääntöjen taakse',
        'ingen regel döljs av tidigare regler',
        'no rule is masked by earlier rules',
    ),
    'sum.passed.segments_reachable': (
        'jokaiseen segmenttiin johtaa jokin vastausjoukko',
        'varje segment nås av någon svarsuppsättning',
        'every segment is reached by some answer set',
    ),
    'sum.passed.rules_fire': (
        'jokainen sääntö täyttyy jollakin vastausjoukolla',
        'varje regel gäller för någon svarsuppsättning',
        'every rule holds for some answer set',
    ),
    'sum.passed.inputs_used': (
        'jokainen syöte voi muuttaa tulosta',
        'varje indata kan ändra resultatet',
        'every input can change the result',
    ),
    'sum.passed.pathways_labels': (
        'jokaisella segmentillä on asiakkuuspolku ja suomenkieliset nimet',
        'varje segment har en vårdstig och finska namn',
        'every segment has a pathway and Finnish labels',
    ),
    'sum.passed.examples': (
        'kaikki esimerkit menevät läpi',
        'alla exempel går igenom',
        'all examples pass',
    ),
    'sum.failed': (
        '{n} havaintoa',
        '{n} fynd',
        '{n} finding(s)',
    ),
    'sum.failed.totality': (
        '{n} erilaista arviointivirhettä',
        '{n} slags utvärderingsfel',
        '{n} kind(s) of evaluation error',
    ),
    'sum.failed.completeness': (
        'osa vastausjoukoista ei saa segmenttiä',
        'några svarsuppsättningar får inget segment',
        'some answer sets get no segment',
    ),
    'sum.failed.exclusivity': (
        'osa vastausjoukoista täyttää kahden tai useamman segmentin säännöt',
        'några svarsuppsättningar uppfyller två eller flera segments regler',
        'some answer sets satisfy the rules of two or more segments',
    ),
    'sum.failed.masked_rules': (
        '{n} sääntöä jää aiempien sääntöjen taakse',
        '{n} regler döljs av tidigare regler',
        '{n} rule(s) are masked by earlier rules',
    ),
    'sum.failed.segments_reachable': (
        '{n} segmenttiin ei voi koskaan päätyä',
        '{n} segment kan aldrig nås',
        '{n} segment(s) can never be reached',
    ),
    'sum.failed.rules_fire': (
        '{n} sääntöä ei voi koskaan täyttyä',
        '{n} regler kan aldrig gälla',
        '{n} rule(s) can never fire',
    ),
    'sum.failed.inputs_used': (
        '{n} syötettä ei voi koskaan muuttaa tulosta',
        '{n} indata kan aldrig ändra resultatet',
        '{n} input(s) can never change the result',
    ),
    'sum.failed.examples': (
        '{n} esimerkkiä ei mene läpi',
        '{n} exempel går inte igenom',
        '{n} example(s) fail',
    ),
    'sum.undecided.budget': (
        'ei ratkaistu: {budget} loppui',
        'inte avgjord: {budget} tog slut',
        'not decided: the {budget} ran out',
    ),
    'sum.undecided': (
        'ei ratkaistu (ks. huomiot)',
        'inte avgjord (se anmärkningarna)',
        'not decided (see the notes)',
    ),
    'sum.stopped': (
        'pysäytetty aikarajaan',
        'stoppad vid tidsgränsen',
        'stopped: time limit',
    ),
    'sum.na.masked_rules': (
        'koskee vain valintatapaa ensimmäinen täyttyvä sääntö',
        'gäller endast regelvalet första regeln som gäller',
        'only for hit policy first',
    ),
    'sum.na.exclusivity': (
        'valintatapa ensimmäinen täyttyvä sääntö ottaa ensimmäisen täyttyvän säännön',
        'regelvalet första regeln som gäller tar den första regel som gäller',
        'hit policy first takes the first rule that holds',
    ),
    'sum.na': (
        'ei koske tätä säännöstöä',
        'gäller inte denna regeluppsättning',
        'does not apply',
    ),
    'budget.solver': (
        'ratkaisijan budjetti (z3:n resurssiyksiköt)',
        'lösarens budget (z3:s resursenheter)',
        'solver budget (z3 resource units)',
    ),
    'budget.solver_call': (
        'yhden ratkaisijakyselyn budjetti (z3:n resurssiyksiköt)',
        'budgeten för en lösarfråga (z3:s resursenheter)',
        'budget of one solver query (z3 resource units)',
    ),
    'budget.answer_sets': (
        'luetteloinnin budjetti (vastausjoukot)',
        'uppräkningens budget (svarsuppsättningar)',
        'enumeration budget (answer sets)',
    ),
    'budget.steps': (
        'rakenteellisen menetelmän budjetti (askeleet)',
        'den strukturella metodens budget (steg)',
        'structural budget (steps)',
    ),
    'budget.max_cases': (
        'kysymysten esittämisen ratkaisevien vastausyhdistelmien raja',
        'gränsen för svarskombinationer som avgör vilka frågor som ställs',
        'limit of combinations of the answers that decide which questions are asked',
    ),
    'budget.max_states': (
        'osatilojen raja',
        'gränsen för delstillstånd',
        'limit of partial states',
    ),
    'budget.max_product': (
        'yhdessä arvioitavien arvoyhdistelmien raja',
        'gränsen för värdekombinationer som utvärderas tillsammans',
        'limit of value combinations evaluated together',
    ),
    'budget.time_limit': (
        'aikaraja',
        'tidsgränsen',
        'time limit',
    ),
    'finding.SR601': (
        'aukko: mikään sääntö ei täyty',
        'lucka: ingen regel gäller',
        'gap: no rule holds',
    ),
    'finding.SR602': (
        'päällekkäisyys: segmenttien {segments} säännöt täyttyvät yhtä aikaa',
        'överlappning: reglerna för {segments} gäller samtidigt',
        'overlap: the rules of {segments} all hold',
    ),
    'finding.SR603': (
        'sääntö {subject} ei koskaan ratkaise: aina kun se täyttyy, jokin aiempi sääntö täyttyy myös',
        'regel {subject} avgör aldrig: när den gäller, gäller också en tidigare regel',
        'rule {subject} never fires: whenever it holds, an earlier rule holds too',
    ),
    'finding.SR604': (
        'segmenttiin {subject} ei johda mikään vastausjoukko',
        'ingen svarsuppsättning leder till segmentet {subject}',
        'segment {subject} is never reached: no answer set leads to it',
    ),
    'finding.SR605': (
        'sääntö {subject} ei täyty millään vastausjoukolla',
        'regel {subject} gäller aldrig för någon svarsuppsättning',
        'rule {subject} never holds for any answer set',
    ),
    'finding.SR606': (
        'syöte {subject} on käyttämätön: sen vastauksen muuttaminen yksinään ei muuta segmenttiä',
        'indata {subject} används inte: att ändra enbart dess svar ändrar aldrig segmentet',
        'input {subject} is unused: no change of its answer alone changes the segment',
    ),
    'finding.SR607': (
        '{subject}: asiakkuuspolku tai suomenkielinen teksti puuttuu',
        '{subject}: vårdstig eller finsk text saknas',
        '{subject}: a pathway or a Finnish text is missing',
    ),
    'finding.SR608': (
        'esimerkki {subject} ei anna odotettua segmenttiä',
        'exemplet {subject} ger inte det förväntade segmentet',
        'example {subject} does not give the segment it expects',
    ),
    'finding.SR610': (
        'ei voitu ratkaista, voiko syöte {subject} muuttaa tulosta',
        'kunde inte avgöra om indata {subject} kan ändra resultatet',
        'could not decide whether input {subject} can change the result',
    ),
    'finding.SR692': (
        'kaksi menetelmää ovat eri mieltä: ohjelmistovirhe segrulesissa, tarkistus jää ratkaisematta',
        'de två metoderna är oeniga: ett fel i segrules, kontrollen förblir oavgjord',
        'the two methods disagree: a bug in segrules, and the check is not decided',
    ),
    'finding.error': (
        '{code}: arviointi epäonnistuu tällä vastausjoukolla (selitys: segrules explain {code})',
        '{code}: utvärderingen misslyckas för denna svarsuppsättning (förklaring: segrules explain {code})',
        '{code}: the evaluation fails for this answer set (explained by segrules explain {code})',
    ),
    'finding.asked': (
        '{code}: ei voida päätellä, kysytäänkö kysymys (selitys: segrules explain {code})',
        '{code}: det går inte att avgöra om frågan ställs (förklaring: segrules explain {code})',
        '{code}: cannot tell whether a question is asked (explained by segrules explain {code})',
    ),
    'note.smt': (
        'SMT-todistin ({solver}): {n} ratkaisijakutsua',
        'SMT-bevisaren ({solver}): {n} lösaranrop',
        'SMT prover ({solver}): {n} solver calls',
    ),
    'note.enumerated': (
        'jokainen vastausavaruuden {size} vastausjoukosta arvioitiin',
        'var och en av svarsrymdens {size} svarsuppsättningar utvärderades',
        'every one of the {size} answer sets was evaluated',
    ),
    'note.beyond': (
        'laskentamenetelmä ei valmistunut: {budget} loppui',
        'räknemetoden blev inte klar: {budget} tog slut',
        'the counting method did not finish: the {budget} ran out',
    ),
    'note.beyond_other': (
        'laskentamenetelmä ei valmistunut (menetelmän rajat ylittyivät)',
        'räknemetoden blev inte klar (bortom metodens gränser)',
        'the counting method did not finish (beyond the method)',
    ),
    'note.code': (
        '{code}: ks. segrules explain {code}',
        '{code}: se segrules explain {code}',
        '{code}: see segrules explain {code}',
    ),
    'note.stopped': (
        'pysäytetty: aikaraja {seconds} s tuli vastaan (turvaraja, ei budjetti); ei tulosta; aja uudelleen pidemmällä aikarajalla',
        'stoppad: tidsgränsen {seconds} s nåddes (en säkerhetsgräns, ingen budget); inget resultat; kör igen med en längre tidsgräns',
        'stopped: the time limit of {seconds} s was reached (a safety stop, not a budget); no verdict; rerun with a longer time limit',
    ),
}
for _key, _texts in VERIFY_REPORT.items():
    for _lang, _text in zip(("fi", "sv", "en"), _texts):
        TEXTS[_lang][_key] = _text

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
