"""A small complete ruleset for tests: the example of docs/ruleset-format.md with all four
pathways written out. ``write_ruleset`` writes it (or a variant) into a test's folder."""

from __future__ import annotations

from pathlib import Path

EXAMPLE = """\
format: 1
id: example.quadrant
version: 1.0.0
title:
  fi: Esimerkkimalli
  sv: Exempelmodell
  en: Example model
hit_policy: unique
provenance: |
  Illustrative: every question and threshold here is invented.

scales:
  agree5:
    label: {fi: Samaa mieltä -asteikko, sv: Instämmandeskala, en: Agreement scale}
    values:
      1: {fi: Täysin eri mieltä, sv: Helt av annan åsikt, en: Strongly disagree}
      2: {fi: Jokseenkin eri mieltä, sv: Delvis av annan åsikt, en: Disagree}
      3: {fi: Ei samaa eikä eri mieltä, sv: Varken eller, en: Neither}
      4: {fi: Jokseenkin samaa mieltä, sv: Delvis av samma åsikt, en: Agree}
      5: {fi: Täysin samaa mieltä, sv: Helt av samma åsikt, en: Strongly agree}

inputs:
  battery:
    respondent: professional
    type: enum
    values:
      illness: {fi: Sairauden hoito, sv: Behandling av sjukdom, en: Treatment of illness}
      risk: {fi: Terveys- ja hyvinvointiriski, sv: Hälso- och välfärdsrisk, en: Health and wellbeing risk}
    text: {fi: Kysymyspatteristo, sv: Frågebatteri, en: Question battery}
  c_manage:
    respondent: client
    type: scale
    scale: agree5
    text: {fi: Pärjään arjessa itsenäisesti., sv: Jag klarar vardagen själv., en: I cope with everyday life on my own.}
  c_support:
    respondent: client
    type: scale
    scale: agree5
    optional: true
    text: {fi: Saan apua läheisiltä., sv: Jag får hjälp av mina närstående., en: My close ones help me.}
  p_illness:
    respondent: professional
    type: scale
    scale: agree5
    asked_when: battery = "illness"
    text: {fi: Hoito on monimutkaista., sv: Vården är komplicerad., en: The care is complex.}
  p_risk:
    respondent: professional
    type: scale
    scale: agree5
    asked_when: battery = "risk"
    text: {fi: Riski on suuri., sv: Risken är stor., en: The risk is high.}
  visits_last_year:
    respondent: record
    type: integer
    min: 0
    max: 50
    text: {fi: Käynnit viimeisen vuoden aikana, sv: Besök under det senaste året, en: Visits in the last year}

groups:
  client_resources: [c_manage, c_support]
  complexity_items: [p_illness, p_risk]

scores:
  resources:
    label: {fi: Voimavarat, sv: Resurser, en: Resources}
    expr: mean(client_resources)
  complexity:
    label: {fi: Tilanteen haasteellisuus, sv: Situationens komplexitet, en: Complexity}
    expr: mean(complexity_items) + (if visits_last_year > 12 then 1 else 0)

axes:
  resources: resources
  complexity: complexity

segments:
  omatoimi:
    label: {fi: Omatoimiasiakkuus, sv: Självständig kund, en: Self-care client}
    aliases: [pärjääjä]
    quadrant: {resources: high, complexity: low}
    service_use: occasional
  yhteiso:
    label: {fi: Yhteisöasiakkuus, sv: Gemenskapskund, en: Community client}
    quadrant: {resources: low, complexity: low}
    service_use: occasional
  yhteistyo:
    label: {fi: Yhteistyöasiakkuus, sv: Samarbetskund, en: Collaboration client}
    quadrant: {resources: high, complexity: high}
    service_use: heavy
  verkosto:
    label: {fi: Verkostoasiakkuus, sv: Nätverkskund, en: Network client}
    quadrant: {resources: low, complexity: high}
    service_use: heavy

rules:
  - omatoimi  when resources >= 3 and complexity < 3
  - yhteiso   when resources < 3 and complexity < 3
  - yhteistyo when resources >= 3 and complexity >= 3
  - verkosto  when resources < 3 and complexity >= 3

pathways:
  omatoimi:
    contact: {fi: Sähköinen asiointi, sv: Digital kontakt, en: Digital contact}
    appointments:
      - {fi: Digitaalinen palvelu, sv: Digital tjänst, en: Digital service}
    coordination: {fi: Asiakas itse, sv: Kunden själv, en: The client}
    self_care: {fi: Omahoito-ohjelmat, sv: Egenvårdsprogram, en: Self-care programmes}
    reassess_after_months: 24
  yhteiso:
    contact: {fi: Puhelin, sv: Telefon, en: Phone}
    appointments:
      - {fi: Ryhmävastaanotto, sv: Gruppmottagning, en: Group reception}
    coordination: {fi: Omahoitaja, sv: Egen skötare, en: Named nurse}
    self_care: {fi: Vertaistuki, sv: Kamratstöd, en: Peer support}
    reassess_after_months: 12
  yhteistyo:
    contact: {fi: Omalääkäri, sv: Egen läkare, en: Named doctor}
    appointments:
      - {fi: Vastaanotto, sv: Mottagning, en: Reception}
    coordination: {fi: Omalääkäri, sv: Egen läkare, en: Named doctor}
    professional_role: {fi: Asiantuntija, sv: Expert, en: Expert}
    self_care: {fi: Hoitosuunnitelma, sv: Vårdplan, en: Care plan}
    reassess_after_months: 12
  verkosto:
    contact: {fi: Vastuuhenkilö, sv: Kontaktperson, en: Key worker}
    appointments:
      - {fi: Verkostopalaveri, sv: Nätverksmöte, en: Network meeting}
    coordination: {fi: Vastuuhenkilö, sv: Kontaktperson, en: Key worker}
    self_care: {fi: Läheisten tuki, sv: Stöd av närstående, en: Support of close ones}
    reassess_after_months: 6

examples:
  - name: copes well, simple situation
    answers: {battery: illness, c_manage: 5, c_support: 4, p_illness: 1, visits_last_year: 2}
    expect: omatoimi
  - name: few resources, high risk
    answers: {battery: risk, c_manage: 1, p_risk: 5, visits_last_year: 20}
    expect: verkosto
"""

# A variant with a question that is asked only after an optional one was answered, and a
# yes/no record field: the conditions a sampler has to get right.
NESTED = EXAMPLE.replace(
    """  visits_last_year:
""",
    """  c_support_daily:
    respondent: client
    type: boolean
    asked_when: answered(c_support) and c_support >= 4
    text: {fi: Apua on saatavilla päivittäin., sv: Hjälp finns varje dag., en: Help is available daily.}
  home_care:
    respondent: record
    type: boolean
    optional: true
    text: {fi: Kotihoidon asiakas, sv: Hemvårdskund, en: Home care client}
  visits_last_year:
""",
).replace("c_support: 4, p_illness: 1", "c_support: 4, c_support_daily: true, p_illness: 1")


# A variant whose texts drive a terminal: a segment label (in Finnish and English) and an
# example's name with escape sequences, written in a file whose name holds one too. The
# commands show them with the escapes written out (\x1b), never raw.
HOSTILE = EXAMPLE.replace(
    "label: {fi: Omatoimiasiakkuus, sv: Självständig kund, en: Self-care client}",
    'label: {fi: "Omatoimi\\e[31m", sv: Självständig kund, en: "Self\\e]0;pwn\\acare"}',
).replace("- name: copes well, simple situation", '- name: "evil \\e[31mRED\\e[0m name"')
HOSTILE_NAME = "ev\x1b[31mil.yaml"


def write_ruleset(folder: Path, text: str = EXAMPLE, name: str = "example.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
