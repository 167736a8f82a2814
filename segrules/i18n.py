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

``DEFAULT_LANG`` is the language of last resort. Which language a run speaks is decided in
one place, ``resolve_lang``: the ``--lang`` or ``lang=`` given, else ``SEGRULES_LANG``, else
the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as POSIX orders them), else English. The
service reads ``Accept-Language`` with ``accept_language``. Numbers a reader sees are written
by ``decimal``, with the language's decimal separator.
"""

from __future__ import annotations

import os
from fractions import Fraction
from typing import Any, Mapping

from .dsl import ast
from .dsl.printer import to_words
from .errors import UsageError

__all__ = [
    "DEFAULT_LANG", "LANGUAGES", "TEXTS", "CODES", "LANG_VARIABLE", "check_lang", "resolve_lang", "locale_lang",
    "accept_language", "decimal", "value_words", "words", "names_in", "rule_words", "text", "count", "form", "code_label", "codes_label", "quadrant_text",
]

#: The three languages of every output; Finnish is required in rulesets.
LANGUAGES = ast.LANGUAGES

#: The language of every output when neither the caller, ``SEGRULES_LANG`` nor the locale
#: names one of the three: English, like the documentation.
DEFAULT_LANG = "en"

#: The environment variable that sets the language of every command (fi, sv or en).
LANG_VARIABLE = "SEGRULES_LANG"

#: The locale variables that name the language of messages, strongest first (POSIX).
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


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
        # explain(): a rule in the model's own words
        "rule_when": "sääntö {n} (rivi {line}): {segment}, kun {condition}",
        "rule_otherwise": "sääntö {n} (rivi {line}): {segment} muissa tapauksissa",
        "fact": "{name} = {value}",
        "facts_and": " ja ",
        "reassess_line": "uusi arvio {months}",
        "word.and": "ja",
        "word.or": "tai",
        "word.not": "ei",
        "word.if": "jos",
        "word.then": "niin",
        "word.else": "muuten",
        "word.in": "on jokin seuraavista",
        "word.true": "kyllä",
        "word.false": "ei",
        "word.answered": "vastattu",
        "word.mean": "keskiarvo",
        "word.sum": "summa",
        "word.min": "pienin",
        "word.max": "suurin",
        "word.count": "vastattujen määrä",
        "word.count_true": "kyllä-vastausten määrä",
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
        # replay
        # batch
        "batch.summary": "luettu {records} ({rows}), segmentoitu {segmented}, hylätty {rejected}, {seconds} s ({engine})",
        "batch.records": "{n} tietuetta",
        "batch.records.one": "{n} tietue",
        "batch.rows": "{n} riviä",
        "batch.rows.one": "{n} rivi",
        "batch.missing": "huom: sarakkeita ei ole: {columns}; luetaan vastaamattomina",
        "batch.output": "tulos:",
        "batch.rejects": "hylätyt:",
        "replay.same": "SAMA: säännöstö {ruleset} vahvistaa tietueen",
        "replay.differs": "EROAA: tietueen ja säännöstön {ruleset} välillä on {n} eroa",
        "replay.differs.one": "EROAA: tietueen ja säännöstön {ruleset} välillä on {n} ero",
        "replay.record": "tietue",
        "replay.ruleset": "säännöstö",
        "replay.assessed_at": "arvioitu",
        "replay.segment": "segmentti",
        "replay.hash": "{what}, sisällön tiiviste {hash}",
        "replay.suggested": "(säännöt ehdottivat: {segment})",
        "replay.rule": "sääntö {n}",
        "replay.stored": "tallennettu",
        "replay.now": "nyt",
        "replay.why": "syy",
        "replay.note": "huom",
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
        # exact counts and segrules diff
        "outcome.none": "ei segmenttiä",
        "outcome.several": "useita segmenttejä",
        "outcome.error": "laskentavirhe",
        "outcome.invalid": "ei kelvollinen vastausjoukko",
        "verify.sizes": "segmenttien koot (tarkat)",
        "verify.not_counted": "ei laskettu: {reason}",
        "diff.title": "Kahden version ero",
        "diff.old": "vanha",
        "diff.new": "uusi",
        "diff.method": "menetelmä",
        "diff.equal": "SAMAT (todistettu): jokainen vastausjoukko saa molemmista versioista saman tuloksen.",
        "diff.different": "ERI: vastausjoukot siirtyvät {n} tavalla.",
        "diff.different.one": "ERI: vastausjoukot siirtyvät {n} tavalla.",
        "diff.undecided": "RATKAISEMATTA: siirtyviä vastausjoukkoja ei löytynyt, mutta kaikkia soluja ei ratkaistu budjetin puitteissa; tämä ei ole todistus.",
        "diff.stopped": "PYSÄYTETTY: aikaraja tuli vastaan ennen kuin kaikki solut ratkaistiin; ei tulosta (aja uudelleen pidemmällä aikarajalla).",
        "diff.only_old": "kysymykset vain vanhassa versiossa",
        "diff.only_new": "kysymykset vain uudessa versiossa",
        "diff.changed": "kysymykset, joiden vastaukset tai kysyminen muuttui",
        "diff.corner": "vanha \\ uusi",
        "diff.legend": "(- todistetusti tyhjä, ? ratkaisematta, luku: tarkka määrä, + vastausjoukkoja on, ei laskettu)",
        "diff.hidden": "jätetty pois, todistetusti tyhjinä kaikkialla: {outcomes}",
        "diff.legend_page": "– todistetusti tyhjä, ? ratkaisematta; luvut ovat tarkkoja määriä ja osuuksia vastausavaruudesta",
        "diff.moved": "Siirtyvät vastausjoukot",
        "diff.cell": "{count} vastausjoukkoa ({share} vastausavaruudesta)",
        "diff.not_counted_cell": "ei laskettu",
        "diff.where": "missä",
        "diff.more_regions": "ja {n} muuta aluetta",
        "diff.more_regions.one": "ja {n} muu alue",
        "diff.example": "esimerkiksi (ajettu uudelleen molemmilla versioilla)",
        "diff.scores": "pisteet",
        "diff.counted.structural": "Määrät ovat tarkkoja: ne on laskettu koko {size} vastausjoukon avaruudesta pisteiden rakenteesta (osioiden arvojakaumien konvoluutiona) vastausjoukkoja luettelematta.",
        "diff.counted.enumeration": "Määrät ovat tarkkoja: molempien versioiden jokainen vastausjoukko arvioitiin.",
        "diff.not_counted": "Määriä ei laskettu ({reason}); jokainen solu on silti todistettu tyhjäksi tai näytetty esimerkillä.",
        "diff.valid_only": "Vertailussa ovat vastausjoukot, jotka kelpaavat ainakin toiselle versiolle; ”{invalid}” merkitsee niitä, jotka kelpaavat vain toiselle.",
        "diff.note": "huom",
        "diff.empty": "ei yhtään (todistettu)",
        "diff.undecided_cell": "ratkaisematta",
        "diff.some": "joitakin (ei laskettu)",
        "diff.undecided_reason": "ratkaisematta ({reason})",
        "diff.meta": "segrules {version} · raportin skeema {schema}",
        "diff.generated": "luotu {time}",
        "suggest.heading": "ehdotus (ei tehty; tarkistettu kopiolla: TODISTETTU)",
        "suggest.move_threshold": "siirrä säännön {rule} raja-arvoa ({subject}) {old} → {new}",
        "suggest.widen": "laajenna säännön {rule} ehtoa: {old} → {new}",
        "suggest.narrow": "kavenna säännön {rule} ehtoa: {old} → {new}",
        "suggest.add_rule": "lisää sääntö kattamattomalle alueelle: {rule}",
        "suggest.first": "valitse ensimmäinen täyttyvä sääntö (hit_policy: first), sääntö {first} ennen sääntöä {second}",
        "suggest.sizes": "segmenttien koot muutoksen jälkeen",
        "suggest.insert": "lisää rivi",
        "suggest.remove": "poista rivi",
        "suggest.none": "ehdotukset: mikään {tried} kokeillusta muutoksesta ei tee säännöstöstä todistettua",
        "suggest.title": "Ehdotukset",
        "suggest.not_applicable": "ehdotukset: vain epäonnistuneelle kattavuuden, poissulkevuuden tai saavutettavuuden tarkistukselle",
        "sizes.outcome": "tulos",
        "sizes.answer_sets": "vastausjoukkoja",
        "sizes.share": "osuus vastausavaruudesta",
        # segrules serve: the lines for its operator
        "serve.serving": "tarjolla {id} {version} ({hash}) tiedostosta {file}",
        "serve.gone": "{file} ei ole enää tarjolla",
        "serve.status": "tila {status}",
        "serve.listening": "kuuntelee osoitteessa {url}",
        "serve.not_loaded": "{file}: ei lataudu: {first}",
        "serve.more": " (ja {n} muuta)",
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
        "rule_when": "regel {n} (rad {line}): {segment} när {condition}",
        "rule_otherwise": "regel {n} (rad {line}): {segment} i övriga fall",
        "fact": "{name} = {value}",
        "facts_and": " och ",
        "reassess_line": "ny bedömning {months}",
        "word.and": "och",
        "word.or": "eller",
        "word.not": "inte",
        "word.if": "om",
        "word.then": "så",
        "word.else": "annars",
        "word.in": "är något av",
        "word.true": "ja",
        "word.false": "nej",
        "word.answered": "besvarad",
        "word.mean": "medelvärde",
        "word.sum": "summa",
        "word.min": "minsta",
        "word.max": "största",
        "word.count": "antal besvarade",
        "word.count_true": "antal ja-svar",
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
        "batch.summary": "{records} lästa ({rows}), {segmented} segmenterade, {rejected} avvisade, {seconds} s ({engine})",
        "batch.records": "{n} poster",
        "batch.records.one": "{n} post",
        "batch.rows": "{n} rader",
        "batch.rows.one": "{n} rad",
        "batch.missing": "obs: kolumner saknas för {columns}: läses som obesvarade",
        "batch.output": "utdata:",
        "batch.rejects": "avvisade:",
        "replay.same": "SAMMA: posten bekräftas av {ruleset}",
        "replay.differs": "SKILLNAD: {n} skillnader mellan posten och {ruleset}",
        "replay.differs.one": "SKILLNAD: {n} skillnad mellan posten och {ruleset}",
        "replay.record": "post",
        "replay.ruleset": "regeluppsättning",
        "replay.assessed_at": "bedömd",
        "replay.segment": "segment",
        "replay.hash": "{what}, innehållets hash {hash}",
        "replay.suggested": "(reglerna föreslog {segment})",
        "replay.rule": "regel {n}",
        "replay.stored": "sparat",
        "replay.now": "nu",
        "replay.why": "orsak",
        "replay.note": "obs",
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
        # exact counts and segrules diff
        "outcome.none": "inget segment",
        "outcome.several": "flera segment",
        "outcome.error": "beräkningsfel",
        "outcome.invalid": "ingen giltig svarsuppsättning",
        "verify.sizes": "segmentens storlekar (exakta)",
        "verify.not_counted": "inte räknat: {reason}",
        "diff.title": "Skillnad mellan två versioner",
        "diff.old": "gammal",
        "diff.new": "ny",
        "diff.method": "metod",
        "diff.equal": "LIKA (bevisat): varje svarsuppsättning får samma resultat av båda versionerna.",
        "diff.different": "OLIKA: svarsuppsättningar flyttas på {n} sätt.",
        "diff.different.one": "OLIKA: svarsuppsättningar flyttas på {n} sätt.",
        "diff.undecided": "OAVGJORT: ingen svarsuppsättning som flyttas hittades, men alla celler avgjordes inte inom budgeten; detta är inget bevis.",
        "diff.stopped": "STOPPAD: tidsgränsen nåddes innan alla celler var avgjorda; inget resultat (kör igen med en längre tidsgräns).",
        "diff.only_old": "frågor bara i den gamla versionen",
        "diff.only_new": "frågor bara i den nya versionen",
        "diff.changed": "frågor vars svar eller villkor för att ställas har ändrats",
        "diff.corner": "gammal \\ ny",
        "diff.legend": "(- bevisat tom, ? oavgjort, tal: exakt antal, + några svarsuppsättningar, inte räknat)",
        "diff.hidden": "utelämnade, bevisat tomma överallt: {outcomes}",
        "diff.legend_page": "– bevisat tom, ? oavgjort; talen är exakta antal och andelar av svarsrymden",
        "diff.moved": "Svarsuppsättningar som flyttas",
        "diff.cell": "{count} svarsuppsättningar ({share} av svarsrymden)",
        "diff.not_counted_cell": "inte räknat",
        "diff.where": "där",
        "diff.more_regions": "och {n} områden till",
        "diff.more_regions.one": "och {n} område till",
        "diff.example": "till exempel (körd på nytt med båda versionerna)",
        "diff.scores": "poäng",
        "diff.counted.structural": "Antalen är exakta: de är beräknade över hela svarsrymden på {size} svarsuppsättningar utifrån poängens struktur (faltning av delarnas värdefördelningar), utan att räkna upp svarsuppsättningarna.",
        "diff.counted.enumeration": "Antalen är exakta: varje svarsuppsättning i båda versionerna utvärderades.",
        "diff.not_counted": "Antalen räknades inte ({reason}); varje cell är ändå bevisat tom eller visad med ett exempel.",
        "diff.valid_only": "Jämförda är svarsuppsättningar som är giltiga för minst en version; ”{invalid}” markerar dem som är giltiga för bara den ena.",
        "diff.note": "obs",
        "diff.empty": "inga (bevisat)",
        "diff.undecided_cell": "oavgjort",
        "diff.some": "några (inte räknat)",
        "diff.undecided_reason": "oavgjort ({reason})",
        "diff.meta": "segrules {version} · rapportschema {schema}",
        "diff.generated": "skapad {time}",
        "suggest.heading": "förslag (inte gjort; kontrollerat på en kopia: BEVISAT)",
        "suggest.move_threshold": "flytta gränsvärdet ({subject}) i regel {rule}: {old} → {new}",
        "suggest.widen": "vidga villkoret i regel {rule}: {old} → {new}",
        "suggest.narrow": "snäva in villkoret i regel {rule}: {old} → {new}",
        "suggest.add_rule": "lägg till en regel för det område som inte täcks: {rule}",
        "suggest.first": "ta den första regeln som gäller (hit_policy: first), regel {first} före regel {second}",
        "suggest.sizes": "segmentens storlekar efter ändringen",
        "suggest.insert": "lägg till raden",
        "suggest.remove": "ta bort raden",
        "suggest.none": "förslag: ingen av de {tried} prövade ändringarna gör regeluppsättningen bevisad",
        "suggest.title": "Förslag",
        "suggest.not_applicable": "förslag: bara för en misslyckad kontroll av täckning, uteslutning eller nåbarhet",
        "sizes.outcome": "resultat",
        "sizes.answer_sets": "svarsuppsättningar",
        "sizes.share": "andel av svarsrymden",
        # segrules serve: the lines for its operator
        "serve.serving": "tillhandahåller {id} {version} ({hash}) från {file}",
        "serve.gone": "{file} tillhandahålls inte längre",
        "serve.status": "status {status}",
        "serve.listening": "lyssnar på {url}",
        "serve.not_loaded": "{file}: laddas inte: {first}",
        "serve.more": " (och {n} till)",
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
        "rule_when": "rule {n} (line {line}): {segment} when {condition}",
        "rule_otherwise": "rule {n} (line {line}): {segment} otherwise",
        "fact": "{name} = {value}",
        "facts_and": " and ",
        "reassess_line": "re-assess after {months}",
        "word.and": "and",
        "word.or": "or",
        "word.not": "not",
        "word.if": "if",
        "word.then": "then",
        "word.else": "else",
        "word.in": "is one of",
        "word.true": "yes",
        "word.false": "no",
        "word.answered": "answered",
        "word.mean": "mean",
        "word.sum": "sum",
        "word.min": "min",
        "word.max": "max",
        "word.count": "number answered",
        "word.count_true": "number of yes answers",
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
        "batch.summary": "{records} read ({rows}), {segmented} segmented, {rejected} rejected, in {seconds} s ({engine})",
        "batch.records": "{n} records",
        "batch.records.one": "{n} record",
        "batch.rows": "{n} rows",
        "batch.rows.one": "{n} row",
        "batch.missing": "note: no column for {columns}: read as unanswered",
        "batch.output": "output:",
        "batch.rejects": "rejects:",
        "replay.same": "SAME: the record is confirmed by {ruleset}",
        "replay.differs": "DIFFERS: {n} differences between the record and {ruleset}",
        "replay.differs.one": "DIFFERS: {n} difference between the record and {ruleset}",
        "replay.record": "record",
        "replay.ruleset": "ruleset",
        "replay.assessed_at": "assessed at",
        "replay.segment": "segment",
        "replay.hash": "{what}, content hash {hash}",
        "replay.suggested": "(the rules suggested {segment})",
        "replay.rule": "rule {n}",
        "replay.stored": "stored",
        "replay.now": "now",
        "replay.why": "why",
        "replay.note": "note",
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
        # exact counts and segrules diff
        "outcome.none": "no segment",
        "outcome.several": "several segments",
        "outcome.error": "evaluation error",
        "outcome.invalid": "not a valid answer set",
        "verify.sizes": "segment sizes (exact)",
        "verify.not_counted": "not counted: {reason}",
        "diff.title": "Difference between two versions",
        "diff.old": "old",
        "diff.new": "new",
        "diff.method": "method",
        "diff.equal": "EQUAL (proven): every answer set gets the same result from both versions.",
        "diff.different": "DIFFERENT: answer sets move in {n} ways.",
        "diff.different.one": "DIFFERENT: answer sets move in {n} way.",
        "diff.undecided": "UNDECIDED: no answer set was found to move, but not every cell was decided within the budget; this is not a proof.",
        "diff.stopped": "STOPPED: the time limit was reached before every cell was decided; no verdict (rerun with a longer time limit).",
        "diff.only_old": "inputs only in the old version",
        "diff.only_new": "inputs only in the new version",
        "diff.changed": "inputs whose answers or questions changed",
        "diff.corner": "old \\ new",
        "diff.legend": "(- proven empty, ? undecided, a number: the exact count, + some answer sets, not counted)",
        "diff.hidden": "left out, proven empty throughout: {outcomes}",
        "diff.legend_page": "– proven empty, ? undecided; the numbers are exact counts and shares of the answer space",
        "diff.moved": "Answer sets that move",
        "diff.cell": "{count} answer sets ({share} of the answer space)",
        "diff.not_counted_cell": "not counted",
        "diff.where": "where",
        "diff.more_regions": "and {n} more regions",
        "diff.more_regions.one": "and {n} more region",
        "diff.example": "for example (re-run through both versions)",
        "diff.scores": "scores",
        "diff.counted.structural": "Counts are exact: computed over the whole answer space of {size} answer sets from the structure of the scores (the convolution of the items' value distributions), without enumerating it.",
        "diff.counted.enumeration": "Counts are exact: every answer set of both versions was evaluated.",
        "diff.not_counted": "Counts: not counted ({reason}); every cell is still proven empty or shown with a witness.",
        "diff.valid_only": "Answer sets valid for at least one version are compared; “{invalid}” marks those valid for only one of them.",
        "diff.note": "note",
        "diff.empty": "none (proven)",
        "diff.undecided_cell": "undecided",
        "diff.some": "some (not counted)",
        "diff.undecided_reason": "undecided ({reason})",
        "diff.meta": "segrules {version} · report schema {schema}",
        "diff.generated": "generated {time}",
        "suggest.heading": "suggestion (not applied; re-verified on a copy: PROVEN)",
        "suggest.move_threshold": "move the threshold of {subject} in rule {rule} from {old} to {new}",
        "suggest.widen": "widen the condition of rule {rule}: {old} → {new}",
        "suggest.narrow": "narrow the condition of rule {rule}: {old} → {new}",
        "suggest.add_rule": "add a rule for the uncovered region: {rule}",
        "suggest.first": "take the first rule that holds (hit_policy: first), rule {first} before rule {second}",
        "suggest.sizes": "segment sizes then",
        "suggest.insert": "insert the line",
        "suggest.remove": "remove the line",
        "suggest.none": "suggestions: none of the {tried} edits tried makes the ruleset PROVEN",
        "suggest.title": "Suggestions",
        "suggest.not_applicable": "suggestions: only for a failed completeness, exclusivity or reachability check",
        "sizes.outcome": "outcome",
        "sizes.answer_sets": "answer sets",
        "sizes.share": "share of the answer space",
        # segrules serve: the lines for its operator
        "serve.serving": "serving {id} {version} ({hash}) from {file}",
        "serve.gone": "{file} is no longer served",
        "serve.status": "status {status}",
        "serve.listening": "listening on {url}",
        "serve.not_loaded": "{file}: does not load: {first}",
        "serve.more": " (and {n} more)",
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
    'report.answer_sets.one': (
        '{size} vastausjoukko',
        '{size} svarsuppsättning',
        '{size} answer set',
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
    'verify.internal_error': (
        'EI VERIFIOITU: sisäinen virhe {code}: {message} (virhe segrulesissa; --debug näyttää lisää)',
        'INTE VERIFIERAD: internt fel {code}: {message} (ett fel i segrules; --debug visar mer)',
        'NOT VERIFIED: internal error {code}: {message} (a bug in segrules; run with --debug for details)',
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
    'region.everywhere': (
        'jokainen vastausjoukko',
        'varje svarsuppsättning',
        'every answer set',
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
    # the checks' names in text: English keeps the id that the JSON gives
    'checkname.totality': ('arvioitavuus', 'utvärderbarhet', 'totality'),
    'checkname.completeness': ('kattavuus', 'fullständighet', 'completeness'),
    'checkname.exclusivity': ('yksiselitteisyys', 'entydighet', 'exclusivity'),
    'checkname.masked_rules': ('peittyvät säännöt', 'dolda regler', 'masked_rules'),
    'checkname.segments_reachable': ('segmentteihin pääsy', 'nåbara segment', 'segments_reachable'),
    'checkname.rules_fire': ('sääntöjen täyttyminen', 'regler som gäller', 'rules_fire'),
    'checkname.inputs_used': ('syötteiden vaikutus', 'indata som påverkar', 'inputs_used'),
    'checkname.pathways_labels': ('polut ja nimet', 'kundstigar och namn', 'pathways_labels'),
    'checkname.examples': ('esimerkit', 'exempel', 'examples'),
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
        'varje segment har en kundstig och finska namn',
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
        'varje segment har en kundstig och finska namn',
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
    'sum.failed.one': (
        '{n} havainto',
        '{n} fynd',
        '{n} finding',
    ),
    'sum.failed.totality': (
        '{n} erilaista arviointivirhettä',
        '{n} slags utvärderingsfel',
        '{n} kind(s) of evaluation error',
    ),
    'sum.failed.totality.one': (
        '{n} erilainen arviointivirhe',
        '{n} slags utvärderingsfel',
        '{n} kind of evaluation error',
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
    'sum.failed.masked_rules.one': (
        '{n} sääntö jää aiempien sääntöjen taakse',
        '{n} regel döljs av tidigare regler',
        '{n} rule is masked by earlier rules',
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
    'sum.failed.rules_fire.one': (
        '{n} sääntö ei voi koskaan täyttyä',
        '{n} regel kan aldrig gälla',
        '{n} rule can never fire',
    ),
    'sum.failed.inputs_used': (
        '{n} syötettä ei voi koskaan muuttaa tulosta',
        '{n} indata kan aldrig ändra resultatet',
        '{n} input(s) can never change the result',
    ),
    'sum.failed.inputs_used.one': (
        '{n} syöte ei voi koskaan muuttaa tulosta',
        '{n} indata kan aldrig ändra resultatet',
        '{n} input can never change the result',
    ),
    'sum.failed.examples': (
        '{n} esimerkkiä ei mene läpi',
        '{n} exempel går inte igenom',
        '{n} example(s) fail',
    ),
    'sum.failed.examples.one': (
        '{n} esimerkki ei mene läpi',
        '{n} exempel går inte igenom',
        '{n} example fails',
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
        '{subject}: kundstig eller finsk text saknas',
        '{subject}: a pathway or a Finnish text is missing',
    ),
    'finding.SR608.expects': (
        'esimerkki {name} odottaa segmenttiä {expect}, mutta saa {got}',
        'exemplet {name} väntar sig segmentet {expect} men får {got}',
        'example {name} expects {expect} but gets {got}',
    ),
    'finding.SR608.error': (
        'esimerkki {name}: {code} {message}',
        'exemplet {name}: {code} {message}',
        'example {name}: {code} {message}',
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
    'size.digits': (
        '{size} ({n} numeroa)',
        '{size} ({n} siffror)',
        '{size} ({n} digits)',
    ),
    # why something was not counted or decided (verify's segment sizes, diff's cells)
    'reason.ran_out': (
        '{budget} loppui',
        '{budget} tog slut',
        'the {budget} ran out',
    ),
    'reason.beyond': (
        '{budget} ylittyi',
        '{budget} överskreds',
        'beyond the {budget}',
    ),
    'reason.depth': (
        'lausekkeet ovat liian syvälle sisäkkäisiä',
        'uttrycken är för djupt nästlade',
        'the expressions are nested too deeply',
    ),
    'reason.memory': (
        'muisti loppui',
        'minnet tog slut',
        'the verifier ran out of memory',
    ),
    'reason.not_asked': (
        'laskemista ei pyydetty',
        'räkning begärdes inte',
        'counting was not asked for',
    ),
    'reason.other_inputs': (
        'versioissa ei ole samoja kysymyksiä, ja yhteinen laskenta koskee vain versioita, jotka kysyvät samat kysymykset',
        'versionerna har inte samma frågor, och den gemensamma räkningen gäller bara versioner som ställer samma frågor',
        'the versions do not have the same inputs, and the joint count covers versions that ask the same questions',
    ),
    'reason.changed_inputs': (
        'kysymysten {ids} vastausvaihtoehdot tai kysymisen ehto muuttuivat, ja yhteinen laskenta koskee vain versioita, jotka kysyvät samat kysymykset',
        'svaren på eller villkoret för {ids} ändrades, och den gemensamma räkningen gäller bara versioner som ställer samma frågor',
        'the answers or the asking of {ids} changed, and the joint count covers versions that ask the same questions',
    ),
    'reason.too_many': (
        'versioilla on yhteensä {size} vastausjoukkoa, enemmän kuin luetteloitavissa olevat {limit}',
        'versionerna har tillsammans {size} svarsuppsättningar, fler än de {limit} som kan räknas upp',
        'the two versions have {size} answer sets together, more than {limit} to enumerate',
    ),
    'reason.not_a_proof': (
        'ratkaisija ei ratkaissut; rakenteellinen laskenta ei löydä tästä yhtään vastausjoukkoa, mutta se ei ole todistus',
        'lösaren avgjorde inte; den strukturella räkningen hittar ingen svarsuppsättning här, men det är inget bevis',
        'the solver did not decide; the structural count finds no answer set here, which is not a proof',
    ),
    'reason.nothing_ran': (
        'ratkaisijaa eikä laskentamenetelmää voitu ajaa',
        'varken lösaren eller någon räknemetod kunde köras',
        'neither the solver nor a counting method could run',
    ),
    'reason.no_z3': (
        "SMT-ratkaisijaa z3 ei ole asennettu (pip install 'segrules[verify]')",
        "SMT-lösaren z3 är inte installerad (pip install 'segrules[verify]')",
        "the SMT solver z3 is not installed (pip install 'segrules[verify]')",
    ),
    'reason.encoding': (
        'ratkaisija ei pysty kuvaamaan versioita',
        'lösaren kan inte koda versionerna',
        'the solver cannot encode the versions',
    ),
    'reason.other': (
        'ratkaisija ei päässyt ratkaisuun',
        'lösaren kom inte fram till något',
        'the solver could not decide',
    ),
    'reason.ran_out.size': (
        '{budget} loppui ({size})',
        '{budget} tog slut ({size})',
        'the {budget} ran out ({size})',
    ),
    'reason.method.passed': (
        'menetelmä ({method}) ei löytänyt ongelmaa',
        'metoden ({method}) hittade inget problem',
        'the {method} method found no problem',
    ),
    'reason.method.unshown': (
        'menetelmä ({method}) ilmoitti ongelmasta, jota se ei voi näyttää vastausjoukolla',
        'metoden ({method}) rapporterade ett problem som den inte kan visa med en svarsuppsättning',
        'the {method} method reported a problem it cannot show with an answer set',
    ),
    'reason.method.undecided': (
        'menetelmä ({method}) ei myöskään ratkaissut',
        'metoden ({method}) avgjorde inte heller',
        'the {method} method did not decide either',
    ),
    'sum.undecided.why': (
        'ei ratkaistu: {why}',
        'inte avgjord: {why}',
        'not decided: {why}',
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


def locale_lang(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the locale asks for, if it is one of the three: ``fi_FI.UTF-8`` gives fi.

    The first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set decides, as POSIX
    orders them; ``C``, ``POSIX`` and other languages give None. Swedish in Finland
    (``sv_FI``) and in Sweden are both sv.
    """
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            language = value.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
            return language if language in LANGUAGES else None
    return None


def resolve_lang(lang: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of a run: ``lang`` if given, else ``SEGRULES_LANG``, else the locale, else en.

    A language that is not fi, sv or en, given or in ``SEGRULES_LANG``, is SR500.
    """
    if lang is not None:
        return check_lang(lang)
    env = os.environ if environ is None else environ
    chosen = env.get(LANG_VARIABLE, "").strip()
    if chosen:
        if chosen.lower() not in TEXTS:
            raise UsageError(f"{LANG_VARIABLE}={chosen!r} is not a language segrules speaks: use fi, sv or en", code="SR500")
        return chosen.lower()
    return locale_lang(env) or DEFAULT_LANG


def accept_language(header: str | None) -> str | None:
    """The best of fi, sv and en by an HTTP ``Accept-Language`` header (RFC 9110, with
    q-values), or None when the header names none of them.

    ``fi-FI, sv;q=0.8`` gives fi; ``de, sv;q=0.5, *;q=0.1`` gives sv; a range with ``q=0`` is
    refused; ``*`` alone gives None (the caller's own default). Ties go to the earlier range.
    """
    if not header:
        return None
    best: tuple[Fraction, int, str] | None = None
    for position, part in enumerate(header.split(",")[:50]):
        fields = [f.strip() for f in part.split(";")]
        tag = fields[0].lower()
        weight = Fraction(1)
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = Fraction(value.strip()[:5])
                except (ValueError, ZeroDivisionError):
                    weight = Fraction(0)
        language = tag.split("-")[0]
        if language not in TEXTS or not 0 < weight <= 1:
            continue
        if best is None or (weight, -position) > (best[0], -best[1]):
            best = (weight, position, language)
    return best[2] if best is not None else None


def decimal(value: Any, lang: str, places: int = 2) -> str:
    """A number for a reader in ``lang``: at most ``places`` decimals, rounded half away from
    zero, with the language's separator (``4,14`` in fi and sv, ``4.14`` in en).

    Exact numbers stay exact where they have few decimals (``3``, ``3,5``); answers that
    are not numbers (a code, true or false) are returned as they are written.
    """
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
        return value if isinstance(value, str) else str(value).lower()
    f = Fraction(value)
    scaled = abs(f) * 10**places
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    try:
        digits = str(whole).rjust(places + 1, "0")
    except ValueError:  # past Python's limit on int-to-text: its order of magnitude, as format_number shows it
        from .engine.runtime import _int_text  # (the engine imports this module)
        return ("-" if f < 0 else "") + _int_text(abs(f.numerator) // f.denominator)
    head, tail = digits[:-places] if places else digits, digits[-places:].rstrip("0") if places else ""
    sign = "-" if f < 0 and whole else ""
    return sign + head + (decimal_point(lang) + tail if tail else "")


def decimal_point(lang: str) -> str:
    """The language's decimal separator: ``,`` in fi and sv, ``.`` in en."""
    return "." if check_lang(lang) == "en" else ","


def value_words(value: Any, lang: str) -> str:
    """A value for a reader: a number by ``decimal``, yes/no in ``lang``, a code as it is."""
    if isinstance(value, bool):
        return text(lang, "word.true" if value else "word.false")
    if value is None:
        return text(lang, "none")
    return decimal(value, lang)


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


def names_in(expr: Any) -> dict[str, str | ast.Labels]:
    """The inputs and scores an expression reads, each with its label (the id where the
    expression does not carry one)."""
    out: dict[str, str | ast.Labels] = {}
    for node in ast.walk(expr) if expr is not None else ():
        if isinstance(node, (ast.InputRef, ast.ScoreRef, ast.Name)) and node.id not in out:
            out[node.id] = getattr(node, "label", None) or node.id
    return out


def _label(value: str | ast.Labels, lang: str) -> str:
    return value if isinstance(value, str) else value.get(lang)


def words(expr: Any, lang: str) -> str:
    """An expression of a checked ruleset in the model's own words: labels for names (in
    quotes where the label is a question), an enum code as its label, numbers with the
    language's decimal separator and the words of ``lang`` for ``and``, ``or`` and the rest."""
    check_lang(lang)
    names = names_in(expr)

    def name(id_: str) -> str:
        label = names.get(id_, id_)
        shown = _label(label, lang)
        return f"”{shown}”" if shown.endswith("?") or len(shown) > 40 else shown

    def value(operand: Any, literal: Any) -> str:
        for choice in getattr(operand, "choices", ()):
            if choice.code == literal.value:
                return f"”{choice.label.get(lang)}”"
        return f'"{literal.value}"'

    return to_words(
        expr, words=lambda w: TEXTS[lang].get("word." + w, w), name=name,
        number=lambda n: decimal(n, lang, places=6), value=value,
    )


def rule_words(rule: ast.Rule, segment: ast.Labels | str, lang: str) -> str:
    """A rule as a reader reads it: its number and line, the segment's name in ``lang`` and
    its condition in the model's own words (``words``)."""
    line = rule.span.line if rule.span is not None else "–"
    name = _label(segment, lang)
    if rule.condition is None:
        return text(lang, "rule_otherwise", n=rule.index + 1, line=line, segment=name)
    return text(lang, "rule_when", n=rule.index + 1, line=line, segment=name, condition=words(rule.condition, lang))
