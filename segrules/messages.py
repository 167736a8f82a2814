"""Diagnostics in the reader's language: the title of every code, and the messages and hints
of the problems a model owner meets, in Finnish and Swedish.

A message is composed in English, with its parameters, at the place the problem is found
(``sink.report("SR210", f"in {what}: unknown name {name!r}", ...)``): English is the language
of the code, the logs and ``docs/errors.md``. ``translate(code, message, lang)`` gives the
message in fi or sv by the English templates below, the parameters (names, values,
file:line:col) carried over as they are. A parameter named ``what...`` is itself a phrase
("rule 3", "the label of segment 'verkosto'"), translated by ``PHRASES``; in a Finnish
template ``{what:gen}`` is its genitive ("segmentin 'verkosto'").

A message that no template fits is given as its code's title in the language, followed by the
values it quotes, so that no line mixes two languages; a hint no template fits is left out.
``tests/test_messages_i18n.py`` runs every command over the shipped models and a file with
the common mistakes, in fi and sv, and finds no English sentence of this catalogue.

``Diagnostic.format(lang)`` and ``Diagnostic.to_json(lang)`` use this module; so can every
other output (the verify report, ``diff``, the service): ``translate``, ``translate_hint``,
``title`` and ``word``.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable

from .i18n import TEXTS as I18N_TEXTS, check_lang

__all__ = [
    "TITLES", "MESSAGES", "HINTS", "PHRASES", "WORDS", "EXPLANATIONS", "translate", "translate_error", "translate_hint",
    "title", "word", "translated", "EXAMPLE_WORDS", "REASONS", "VALUE_WORDS", "RECORD_PROBLEMS", "REFERENCE_PROBLEMS", "translate_value", "MODEL_OWNER_RANGES", "for_model_owners", "explanation", "explain",
]


#: The title of every code in Finnish and Swedish (the English one is in ``codes.CODES``).
TITLES: dict[str, tuple[str, str]] = {
    "SR000": ("segrules-ongelma, jolla ei ole tarkempaa koodia", "Ett segrules-problem utan mer specifik kod"),
    "SR001": ("Säännöstötiedostoa ei voi lukea", "Regelfilen kan inte läsas"),
    "SR002": ("Tiedosto on suurempi kuin 1 MiB", "Filen är större än 1 MiB"),
    "SR003": ("Tiedosto ei ole UTF-8-tekstiä", "Filen är inte UTF-8-text"),
    "SR010": ("YAML-syntaksivirhe", "Syntaxfel i YAML"),
    "SR011": ("Sama avain kahdesti samassa kohdassa", "En nyckel förekommer två gånger i samma mappning"),
    "SR012": ("YAML-ankkurit ja -viittaukset eivät ole sallittuja", "YAML-ankare och alias är inte tillåtna"),
    "SR013": ("Sana, jonka YAML lukee arvoksi true tai false", "Ett ord som YAML läser som true eller false"),
    "SR014": ("YAML-tagit eivät ole sallittuja", "YAML-taggar är inte tillåtna"),
    "SR015": ("Luku, jonka YAML-versiot lukevat eri tavoin", "Ett tal som YAML-versioner läser olika"),
    "SR100": ("Säännöstön osa on väärän muotoinen", "En del av regeluppsättningen har fel form"),
    "SR101": ("Pakollinen osa puuttuu", "En obligatorisk del saknas"),
    "SR110": ("Tuntematon avain", "Okänd nyckel"),
    "SR111": ("Tunnus ei kelpaa", "Ett id är inte giltigt"),
    "SR112": ("Arvo ei ole sallittu", "Ett värde är inte tillåtet"),
    "SR113": ("Nimi on käytössä kahdesti", "Ett namn används två gånger"),
    "SR120": ("Kysymys käyttää tuntematonta asteikkoa", "En fråga använder en okänd skala"),
    "SR121": ("Asteikon, lukualueen, vaihtoehtojen tai ryhmän arvot eivät kelpaa",
              "Värdena för en skala, ett intervall, en alternativlista eller en grupp är inte giltiga"),
    "SR130": ("Nimeltä puuttuu suomenkielinen teksti, tai teksti on tyhjä", "En etikett saknar finsk text, eller en text är tom"),
    "SR131": ("Nimeltä puuttuu ruotsin- tai englanninkielinen teksti (varoitus)",
              "En etikett saknar svensk eller engelsk text (varning)"),
    "SR132": ("Nimi on annettu tuntemattomalla kielellä", "En etikett är given på ett okänt språk"),
    "SR140": ("Säännöstö on liian suuri tai liian syvälle sisäkkäinen", "Regeluppsättningen är för stor eller för djupt nästlad"),
    "SR200": ("Sääntökielen syntaksivirhe", "Syntaxfel i regelspråket"),
    "SR201": ("Lauseke on liian pitkä tai liian syvälle sisäkkäinen", "Ett uttryck är för långt eller för djupt nästlat"),
    "SR210": ("Tuntematon nimi", "Okänt namn"),
    "SR211": ("Arvo on väärää tyyppiä", "Ett värde har fel typ"),
    "SR212": ("Tuntematon funktio, tai funktiota käytetään väärin", "Okänd funktion, eller en funktion används fel"),
    "SR213": ("Nimet riippuvat toisistaan kehässä", "Namn beror av varandra i en cirkel"),
    "SR214": ("Vaihtoehto, jota kysymyksellä ei ole", "Ett alternativ som frågan inte har"),
    "SR215": ("Ryhmä tai pistemäärä paikassa, jossa sitä ei voi käyttää", "En grupp eller poäng där den inte kan användas"),
    "SR220": ("Sääntö nimeää tuntemattoman segmentin", "En regel nämner ett okänt segment"),
    "SR221": ("Segmentillä ei ole sääntöä", "Ett segment har ingen regel"),
    "SR222": ("Asiakkuuspolku puuttuu tai on annettu tuntemattomalle segmentille",
              "En kundstig saknas eller är given för ett okänt segment"),
    "SR223": ("'otherwise' on käytetty väärin", "'otherwise' används fel"),
    "SR224": ("Akselit ja segmenttien nelikenttäpaikat eivät sovi yhteen", "Axlarna och segmentens fyrfält passar inte ihop"),
    "SR230": ("Esimerkki odottaa tuntematonta segmenttiä", "Ett exempel väntar sig ett okänt segment"),
    "SR231": ("Esimerkin vastaukset eivät kelpaa", "Ett exempels svar är inte giltiga"),
    "SR300": ("Vastaukset eivät kelpaa", "Svaren är inte giltiga"),
    "SR301": ("Vastaus kysymykseen, jota säännöstössä ei ole", "Ett svar på en fråga som regeluppsättningen inte har"),
    "SR302": ("Vastaus sallittujen arvojen ulkopuolella", "Ett svar utanför de tillåtna värdena"),
    "SR303": ("Vastaus on väärää lajia", "Ett svar av fel slag"),
    "SR304": ("Pakollinen vastaus puuttuu", "Ett obligatoriskt svar saknas"),
    "SR305": ("Vastaus kysymykseen, jota ei kysytä", "Ett svar på en fråga som inte ställs"),
    "SR306": ("Vastaukset eivät ole avain–arvo-pareja", "Svaren är inte en mappning"),
    "SR307": ("Vastaukset ovat suurempia kuin 1 MiB", "Svaren är större än 1 MiB"),
    "SR308": ("Vastausten JSON on liian syvälle sisäkkäinen tai siinä on liian pitkä luku",
              "Svarens JSON är för djupt nästlad eller har ett för långt tal"),
    "SR400": ("Kelvollisia vastauksia ei voitu arvioida", "Giltiga svar kunde inte utvärderas"),
    "SR401": ("Mikään sääntö ei täyty näillä vastauksilla", "Ingen regel gäller för dessa svar"),
    "SR402": ("Usean segmentin säännöt täyttyvät näillä vastauksilla", "Regler för flera segment gäller för dessa svar"),
    "SR403": ("Nollalla jakaminen", "Division med noll"),
    "SR404": ("Koostefunktiolla ei ole yhtään vastattua kysymystä", "En aggregatfunktion har inga besvarade frågor"),
    "SR405": ("Vastaamatonta kysymystä käytetään suoraan", "En obesvarad fråga används direkt"),
    "SR500": ("Kirjastoa tai komentoriviä käytettiin väärin", "Biblioteket eller kommandoraden användes fel"),
    "SR501": ("Ei tämän säännöstön segmentti", "Inte ett segment i denna regeluppsättning"),
    "SR502": ("Segmentin vaihtaminen vaatii sekä segmentin että perustelun", "En ändring av segmentet kräver både segment och motivering"),
    "SR515": ("Mukana tulevista malleista mikään ei ole tällä tunnuksella", "Ingen medföljande modell har detta id"),
    "SR510": ("Vastaustiedostoa ei voi lukea", "Svarsfilen kan inte läsas"),
    "SR511": ("Vastaukset eivät ole kelvollista JSONia", "Svaren är inte giltig JSON"),
    "SR512": ("Arviointiaika ei ole kelvollinen päivämäärä ja kellonaika", "Bedömningstiden är inte ett giltigt datum och klockslag"),
    "SR513": ("Kelvollista vastausjoukkoa ei saatu arvottua", "Ingen giltig svarsuppsättning kunde lottas"),
    "SR514": ("Tuntematon virhekoodi", "Okänd felkod"),
    "SR520": ("Tulostiedosto on yksi syötteistä tai sisältää mallin", "Utdatafilen är en av indatafilerna eller innehåller en modell"),
    "SR521": ("Tulostiedostoa ei voi kirjoittaa", "Utdatafilen kan inte skrivas"),
    "SR522": ("Tuloste on kansio, laite tai putki, jota mikään ei lue", "Utdata är en mapp, en enhet eller ett rör som ingen läser"),
    "SR523": ("Tuloste on symbolinen linkki puuttuvaan tiedostoon", "Utdata är en symbolisk länk till en fil som saknas"),
    "SR524": ("Arviointiaika on sallitun alueen ulkopuolella", "Bedömningstiden ligger utanför det tillåtna intervallet"),
    "SR525": ("Nelikenttä on liian suuri piirrettäväksi", "Fyrfältet är för stort för att ritas"),
    "SR550": ("Arviointiajalta puuttuu UTC-ero", "Bedömningstiden saknar UTC-förskjutning"),
    "SR551": ("Segmentin vaihto samaan segmenttiin, jota säännöt ehdottavat", "Ett byte till samma segment som reglerna föreslår"),
    "SR553": ("Ei kelvollinen päätöstietue", "Inte en giltig beslutspost"),
    "SR554": ("Tietueen on tehnyt toinen säännöstö", "Posten gjordes av en annan regeluppsättning"),
    "SR555": ("Säännöstöä ei voi tallentaa picklellä tai lukea siitä", "En regeluppsättning kan inte picklas eller avpicklas"),
    "SR556": ("Picklestä luettua päätöstä ei voi muuttaa", "Ett avpicklat beslut kan inte ändras"),
    "SR557": ("Päätöstietuetiedostoa ei voi lukea", "Filen med beslutsposten kan inte läsas"),
    "SR601": ("Verifiointi löysi aukon: vastauksia, joilla mikään sääntö ei täyty",
              "Verifieringen hittade en lucka: svar för vilka ingen regel gäller"),
    "SR602": ("Verifiointi löysi päällekkäisyyden: usean segmentin säännöt täyttyvät yhtä aikaa",
              "Verifieringen hittade en överlappning: regler för flera segment gäller samtidigt"),
    "SR603": ("Verifiointi löysi säännön, joka ei koskaan ratkaise: aiempi sääntö ehtii aina ensin",
              "Verifieringen hittade en regel som aldrig avgör: en tidigare regel tar alltid över"),
    "SR604": ("Verifiointi löysi segmentin, johon mitkään vastaukset eivät johda",
              "Verifieringen hittade ett segment som inga svar leder till"),
    "SR605": ("Verifiointi löysi säännön, joka ei koskaan täyty", "Verifieringen hittade en regel som aldrig gäller"),
    "SR606": ("Verifiointi löysi kysymyksen, joka ei koskaan muuta segmenttiä",
              "Verifieringen hittade en fråga som aldrig ändrar segmentet"),
    "SR607": ("Verifiointi löysi puutteellisen asiakkuuspolun tai segmentin nimen",
              "Verifieringen hittade en ofullständig kundstig eller segmentetikett"),
    "SR608": ("Verifiointi löysi esimerkin, joka ei toteudu", "Verifieringen hittade ett exempel som inte stämmer"),
    "SR610": ("Verifiointi ei voinut ratkaista, voiko kysymys muuttaa segmenttiä",
              "Verifieringen kunde inte avgöra om en fråga kan ändra segmentet"),
    "SR690": ("Verifioinnin omat ristiintarkistukset ovat ristiriidassa (sisäinen virhe)",
              "Verifieringens egna korskontroller är oeniga (internt fel)"),
    "SR691": ("Epätarkka luku päätyi laskentaan (sisäinen virhe)", "Ett inexakt tal nådde utvärderingen (internt fel)"),
    "SR640": ("Kysymys on eri lajia kahdessa verrattavassa versiossa", "En fråga är av olika slag i de två versioner som jämförs"),
    "SR641": ("Kahden version vertailun menetelmät ovat ristiriidassa", "Metoderna som jämför två versioner motsäger varandra"),
    "SR620": ("SMT-todistinta ei ole asennettu, joten tarkistuksia ei voi todistaa",
              "SMT-beviset är inte installerat, så kontrollerna kan inte bevisas"),
    "SR621": ("SMT-ratkaisin ei ratkaissut tarkistusta annetussa ajassa", "SMT-lösaren kunde inte avgöra en kontroll inom budgeten"),
    "SR692": ("Rakenteellinen menetelmä ja SMT-todistin ovat eri mieltä (sisäinen virhe)",
              "Den strukturella metoden och SMT-beviset är oeniga (internt fel)"),
    "SR693": ("SMT-ratkaisimen löytämä esimerkki ei toistu (sisäinen virhe)",
              "Ett exempel som SMT-lösaren hittade går inte att upprepa (internt fel)"),
    "SR700": ("Vastaavuustaulukko ei ole oikeassa muodossa", "Korstabellen har inte rätt format"),
    "SR701": ("Vastaavuustaulukon säännöstöä ei löydy tai se ei lataudu", "En regeluppsättning i korstabellen hittas inte eller laddas inte"),
    "SR702": ("Säännöstöllä ei ole nelikentän akseleita", "Regeluppsättningen har inga fyrfältsaxlar"),
    "SR703": ("Paikan nelikenttä ei kelpaa tai on annettu kahdesti", "En positions fyrfält är inte giltigt eller är givet två gånger"),
    "SR704": ("Paikka nimeää säännöstön tai segmentin, jota ei ole", "En position nämner en regeluppsättning eller ett segment som inte finns"),
    "SR705": ("Segmentti on sijoitettu eri nelikenttään kuin sen säännöstö antaa",
              "Ett segment är placerat i ett annat fyrfält än dess regeluppsättning anger"),
    "SR706": ("Vastaavuustaulukko ei ole kattava", "Korstabellen är inte fullständig"),
    "SR707": ("Vastaavuustaulukko ei ole yksi yhteen: segmentti on kahdessa paikassa",
              "Korstabellen är inte ett-till-ett: ett segment finns i två positioner"),
    "SR708": ("Ei vastaavuustaulukon säännöstö", "Inte en regeluppsättning i korstabellen"),
    "SR709": ("Ei tämän säännöstön segmentti", "Inte ett segment i den regeluppsättningen"),
    "SR800": ("Säännöstöä ei voi laskea SQL:ssä tarkasti", "Regeluppsättningen kan inte beräknas exakt i SQL"),
    "SR801": ("Tuntematon SQL-murre tai syötteen muoto", "Okänd SQL-dialekt eller indataform"),
    "SR802": ("Samaan kysymykseen on vastattu kahdesti samassa tietueessa", "En fråga besvaras mer än en gång för samma post"),
    "SR803": ("Eräajon syötettä ei voi lukea", "Indata till batchkörningen kan inte läsas"),
    "SR804": ("Eräajon tulosta ei voi kirjoittaa", "Utdata från batchkörningen kan inte skrivas"),
    "SR805": ("SQL-lisäosaa ei ole asennettu", "SQL-tillägget är inte installerat"),
    "SR806": ("Tietokanta ilmoitti virheestä", "Databasen rapporterade ett fel"),
    "SR807": ("Vastausten sarakkeen nimi esiintyy kahdesti", "En kolumn i svaren har samma namn två gånger"),
    "SR808": ("Sama tietueen avain on annettu useammalle tietueelle", "En postnyckel är given för mer än en post"),
    "SR809": ("Vastausten sarakkeella on tulossarakkeen nimi", "En kolumn i svaren har namnet på en resultatkolumn"),
    "SR810": ("PostgreSQL-moottori lukee ja kirjoittaa vain PostgreSQL-tauluja",
              "PostgreSQL-motorn läser och skriver bara PostgreSQL-tabeller"),
    "SR850": ("Pienimmän näytettävän määrän on oltava vähintään 1", "Det minsta antal som visas måste vara minst 1"),
    "SR851": ("Eräajon tulos ei ole tästä säännöstöstä", "Batchresultatet kommer inte från denna regeluppsättning"),
    "SR852": ("Vertailujakaumaa ei voi käyttää", "Referensfördelningen kan inte användas"),
    "SR853": ("Kahden version vertailu tarvitsee vastaukset, ei eräajon tulosta",
              "En jämförelse av två versioner behöver svaren, inte ett batchresultat"),
    "SR854": ("Eräajon tuloksesta puuttuu raportin tarvitsema sarake", "Batchresultatet saknar en kolumn som rapporten behöver"),
    "SR855": ("Raportin tarkastus tarvitsee z3-ratkaisimen", "Rapportens granskning behöver lösaren z3"),
    "SR900": ("Ei mitään tarjottavaa", "Inget att tillhandahålla"),
    "SR901": ("Kaksi tarjottua tiedostoa ilmoittaa saman säännöstön tunnuksen", "Två tillhandahållna filer anger samma id"),
    "SR902": ("Säännöstöä ei tarjota: sen omat esimerkit eivät toteudu", "Regeluppsättningen tillhandahålls inte: dess egna exempel misslyckas"),
    "SR903": ("Säännöstöä ei tarjota: sitä ei ole todistettu", "Regeluppsättningen tillhandahålls inte: den är inte bevisad"),
    "SR904": ("Tunnistetiedostoa ei voi käyttää", "Tokenfilen kan inte användas"),
    "SR905": ("Päätöslokia ei voi kirjoittaa", "Beslutsloggen kan inte skrivas"),
    "SR906": ("Palvelun asetus ei kelpaa", "Ett tjänstealternativ är inte giltigt"),
    "SR907": ("Uutta versiota ei voitu tarkistaa", "En ny version kunde inte kontrolleras"),
    "SR910": ("Ei kelvollista tunnistetta (bearer token)", "Ingen giltig bearer-token"),
    "SR911": ("Tällaista säännöstöä ei tarjota", "Ingen sådan regeluppsättning tillhandahålls"),
    "SR912": ("Tarjottu versio ei ole se, jonka kutsuja kiinnitti", "Den tillhandahållna versionen är inte den som anroparen låste"),
    "SR913": ("Pyynnön runko ei ole kelvollista JSONia", "Begärans innehåll är inte giltig JSON"),
    "SR914": ("Pyynnön asiakirja on väärän muotoinen", "Begärans dokument har fel form"),
    "SR915": ("Pyynnön runko on liian suuri", "Begärans innehåll är för stort"),
    "SR916": ("Pyyntö kesti liian kauan", "Begäran tog för lång tid"),
    "SR917": ("Rungon mediatyyppiä ei hyväksytä", "Innehållets medietyp godtas inte"),
    "SR918": ("Tällaista päätepistettä ei ole", "Ingen sådan slutpunkt"),
    "SR919": ("Palvelu ei ole valmis", "Tjänsten är inte redo"),
    "SR920": ("Erä on liian pitkä", "Batchen är för lång"),
    "SR921": ("Palvelun sisäinen virhe", "Internt fel i tjänsten"),
    "SR922": ("Pyyntö ei ole HTTP-pyyntö", "Begäran är inte en HTTP-begäran"),
    "SR923": ("Selaimen toisesta alkuperästä tekemää pyyntöä ei sallita",
              "Webbläsarens begäran från ett annat ursprung tillåts inte"),
    "SR930": ("Ei QuestionnaireResponse-resurssi, tai virheellinen sellainen", "Inte ett QuestionnaireResponse, eller ett felaktigt"),
    "SR931": ("Vastaus koskee toista lomaketta tai toista versiota", "Svaret gäller ett annat formulär eller en annan version"),
    "SR932": ("Vastauksen kohta, joka ei ole lomakkeen kysymys", "En svarspost som inte är en fråga i formuläret"),
    "SR933": ("Kysymykseen on vastattu useammin kuin kerran", "En fråga besvaras mer än en gång"),
    "SR934": ("Vastaus on väärää FHIR-tyyppiä", "Ett svar av fel FHIR-typ"),
    "SR935": ("Koodi toisesta koodistosta", "En kodning från ett annat kodsystem"),
    "SR936": ("Kaksi vastausta antaa samaan kysymykseen eri vastauksen", "Två svar ger olika svar på samma fråga"),
    "SR937": ("Vastaukset koskevat eri henkilöitä", "Svaren gäller olika personer"),
    "SR938": ("Vastaus, jota ei ole merkitty valmiiksi", "Ett svar som inte är slutfört"),
    "SR939": ("Ei lomakkeen vastaaja", "Inte en svarande i ett formulär"),
    "SR940": ("Ehtoa ei voi viedä FHIRPath-lausekkeeksi", "Ett villkor som inte kan exporteras som FHIRPath"),
    "SR941": ("CarePlan ilman kohdehenkilöä", "En CarePlan utan subjekt"),
    "SR942": ("FHIR-validointi tarvitsee fhir.resources-kirjaston", "FHIR-validering behöver fhir.resources"),
    "SR943": ("Ei kelvollinen FHIR R4 -resurssi", "Inte en giltig FHIR R4-resurs"),
    "SR950": ("Ei kelvollista työpöydän tunnistetta", "Ingen giltig token för arbetsbänken"),
    "SR951": ("Tiedostoa muutettiin levyllä sen jälkeen, kun työpöytä avasi sen", "Filen ändrades på disken efter att arbetsbänken öppnade den"),
    "SR952": ("Työpöytä ei voi kokeilla vastauksia: säännöstö ei lataudu", "Arbetsbänken kan inte pröva svar: regeluppsättningen laddas inte"),
}

#: Words of the diagnostics' frame: severity, "hint", the counts under ``check``.
WORDS: dict[str, dict[str, str]] = {
    "fi": {"error": "virhe", "warning": "varoitus", "hint": "vihje", "errors": "{n} virhettä", "errors.one": "{n} virhe",
           "warnings": "{n} varoitusta", "warnings.one": "{n} varoitus", "ok": "kunnossa",
           "more": "ja {n} muuta ongelmaa", "more.one": "ja {n} muu ongelma",
           "answer_problems": "vastauksissa on {n} ongelmaa:", "answer_problems.one": "vastauksissa on {n} ongelma:",
           "not_loaded": "EI VERIFIOITU: säännöstö ei lataudu; korjaa yllä luetellut ongelmat",
           "crosswalk_of": "vastaavuustaulukko, {n} säännöstöä", "crosswalk": "vastaavuustaulukko"},
    "sv": {"error": "fel", "warning": "varning", "hint": "tips", "errors": "{n} fel", "warnings": "{n} varningar",
           "warnings.one": "{n} varning", "ok": "ok",
           "more": "och {n} problem till", "answer_problems": "{n} problem med svaren:",
           "not_loaded": "INTE VERIFIERAD: regeluppsättningen laddas inte; rätta problemen ovan",
           "crosswalk_of": "korstabell för {n} regeluppsättningar", "crosswalk": "korstabell"},
    "en": {"error": "error", "warning": "warning", "hint": "hint", "errors": "{n} errors", "errors.one": "{n} error",
           "warnings": "{n} warnings", "warnings.one": "{n} warning", "ok": "ok",
           "more": "and {n} more problems", "more.one": "and {n} more problem",
           "answer_problems": "{n} problems with the answers:", "answer_problems.one": "{n} problem with the answers:",
           "not_loaded": "NOT VERIFIED: the ruleset does not load; fix the problems listed above",
           "crosswalk_of": "crosswalk of {n} rulesets", "crosswalk": "crosswalk"},
}

# --------------------------------------------------------------------------- phrases

#: What a message is about ("rule 3", "the label of segment 'x'"): English, then Finnish in the
#: nominative and the genitive, then Swedish. ``{what}`` inside is a phrase again.
PHRASES: list[tuple[str, str, str, str]] = [
    ("rule {n}", "sääntö {n}", "säännön {n}", "regel {n}"),
    ("score {id}", "pistemäärä {id}", "pistemäärän {id}", "poängen {id}"),
    ("group {id}", "ryhmä {id}", "ryhmän {id}", "gruppen {id}"),
    ("input {id}", "kysymys {id}", "kysymyksen {id}", "frågan {id}"),
    ("segment {id}", "segmentti {id}", "segmentin {id}", "segmentet {id}"),
    ("scale {id}", "asteikko {id}", "asteikon {id}", "skalan {id}"),
    ("example {id}", "esimerkki {id}", "esimerkin {id}", "exemplet {id}"),
    ("pathway {id}", "asiakkuuspolku {id}", "asiakkuuspolun {id}", "kundstigen {id}"),
    ("the pathway of {id}", "segmentin {id} asiakkuuspolku", "segmentin {id} asiakkuuspolun", "kundstigen för {id}"),
    ("value {v} of {what}", "{what:gen} vaihtoehto {v}", "{what:gen} vaihtoehdon {v}", "alternativet {v} för {what}"),
    ("value of {what}", "{what:gen} vaihtoehto", "{what:gen} vaihtoehdon", "alternativ för {what}"),
    ("an entry of {what}", "{what:gen} kohta", "{what:gen} kohdan", "en post i {what}"),
    ("{what}, item {n}", "{what}, kohta {n}", "{what:gen} kohdan {n}", "{what}, post {n}"),
    ("the ruleset", "säännöstö", "säännöstön", "regeluppsättningen"),
    ("a ruleset file", "säännöstötiedosto", "säännöstötiedoston", "en regelfil"),
    ("the ruleset id", "säännöstön tunnus", "säännöstön tunnuksen", "regeluppsättningens id"),
    ("the ruleset aliases", "säännöstön muut nimet", "säännöstön muiden nimien", "regeluppsättningens alias"),
    ("the version", "versio", "version", "versionen"),
    ("the title", "otsikko", "otsikon", "titeln"),
    ("the resources axis", "voimavara-akseli", "voimavara-akselin", "resursaxeln"),
    ("the complexity axis", "haasteellisuusakseli", "haasteellisuusakselin", "komplexitetsaxeln"),
    ("the resources side of {what}", "{what:gen} voimavarat", "{what:gen} voimavarojen", "resurssidan för {what}"),
    ("the complexity side of {what}", "{what:gen} tilanteen haasteellisuus", "{what:gen} tilanteen haasteellisuuden",
     "komplexitetssidan för {what}"),
    ("the label of {what}", "{what:gen} nimi", "{what:gen} nimen", "etiketten för {what}"),
    ("the text of {what}", "{what:gen} teksti", "{what:gen} tekstin", "texten för {what}"),
    ("the help of {what}", "{what:gen} ohjeteksti", "{what:gen} ohjetekstin", "hjälptexten för {what}"),
    ("the type of {what}", "{what:gen} tyyppi", "{what:gen} tyypin", "typen för {what}"),
    ("the respondent of {what}", "{what:gen} vastaaja", "{what:gen} vastaajan", "svaranden för {what}"),
    ("the scale of {what}", "{what:gen} asteikko", "{what:gen} asteikon", "skalan för {what}"),
    ("the values of {what}", "{what:gen} vaihtoehdot", "{what:gen} vaihtoehtojen", "alternativen för {what}"),
    ("the quadrant of {what}", "{what:gen} paikka nelikentässä", "{what:gen} nelikenttäpaikan", "fyrfältet för {what}"),
    ("the aliases of {what}", "{what:gen} muut nimet", "{what:gen} muiden nimien", "aliasen för {what}"),
    ("the description of {what}", "{what:gen} kuvaus", "{what:gen} kuvauksen", "beskrivningen av {what}"),
    ("the name of {what}", "{what:gen} nimi", "{what:gen} nimen", "namnet på {what}"),
    ("the answers of {what}", "{what:gen} vastaukset", "{what:gen} vastausten", "svaren i {what}"),
    ("expect of {what}", "{what:gen} expect-kohta", "{what:gen} expect-kohdan", "expect i {what}"),
    ("{key} of {what}", "{what:gen} {key}-kohta", "{what:gen} {key}-kohdan", "{key} i {what}"),
    # what a request's JSON is (segrules serve)
    ("the body", "pyynnön runko", "pyynnön rungon", "begärans innehåll"),
    ("line {n}", "rivi {n}", "rivin {n}", "rad {n}"),
    # where an inexact number was met (SR691)
    ("a precomputed value", "ennalta laskettu arvo", "ennalta lasketun arvon", "ett förberäknat värde"),
    ("a precomputed aggregate", "ennalta laskettu koostearvo", "ennalta lasketun koostearvon", "ett förberäknat aggregat"),
    ("a number written in the ruleset", "säännöstöön kirjoitettu luku", "säännöstöön kirjoitetun luvun",
     "ett tal skrivet i regeluppsättningen"),
    ("the answer to {id}", "kysymyksen {id} vastaus", "kysymyksen {id} vastauksen", "svaret på {id}"),
    ("the score {id}", "pistemäärä {id}", "pistemäärän {id}", "poängen {id}"),
    ("a mean", "keskiarvo", "keskiarvon", "ett medelvärde"),
    ("a division", "jakolasku", "jakolaskun", "en division"),
    ("a score", "pistemäärä", "pistemäärän", "en poäng"),
    ("'{op}'", "'{op}'", "'{op}'", "'{op}'"),
    ("{key}", "kohta {key}", "kohdan {key}", "avsnittet {key}"),
]

#: Kinds of values (``Type.describe``, ``Domain.describe``), where a message names one.
KINDS: list[tuple[str, str, str]] = [
    ("a number", "luku", "ett tal"),
    ("a yes/no value", "kyllä/ei-arvo", "ett ja/nej-värde"),
    ("a text", "teksti", "en text"),
    ("a choice ({values})", "valinta ({values})", "ett val ({values})"),
    ("a whole number from {lo} to {hi}", "kokonaisluku {lo}–{hi}", "ett heltal från {lo} till {hi}"),
    ("true or false", "true tai false", "true eller false"),
    ("one of {values} (scale {scale})", "jokin arvoista {values} (asteikko {scale})", "ett av {values} (skala {scale})"),
    ("one of {values}", "jokin arvoista {values}", "ett av {values}"),
    ("a mapping", "avain–arvo-pareja (mapping)", "en mappning"),
    ("a list", "luettelo", "en lista"),
    ("a single value", "yksi arvo", "ett enda värde"),
    ("an input", "kysymys", "en fråga"),
    ("a group", "ryhmä", "en grupp"),
    ("a score", "pistemäärä", "en poäng"),
    # in a decision record (engine.record)
    ("a whole number", "kokonaisluku", "ett heltal"),
    ("an exact number", "tarkka luku", "ett exakt tal"),
    ("a code", "koodi", "en kod"),
    ("an object", "objekti", "ett objekt"),
    ("null", "null", "null"),
    ('{"exact": ...}', '{"exact": ...}', '{"exact": ...}'),
    # an input's kind in two versions (segrules diff)
    ("yes/no", "kyllä/ei", "ja/nej"),
    ("a choice", "valinta", "ett val"),
    # a JSON value where a FHIR resource was expected
    ("a {type} resource", "{type}-resurssi", "en {type}-resurs"),
    ("an object without a resourceType", "objekti ilman resourceType-kenttää", "ett objekt utan resourceType"),
    ("a value of another kind", "muunlainen arvo", "ett värde av annat slag"),
    ("true", "true", "true"),
    ("false", "false", "false"),
]

# --------------------------------------------------------------------------- messages

#: The messages: code, English template, Finnish, Swedish. ``{what...}`` is a phrase,
#: ``{kind...}`` a kind of value; every other parameter is carried over as it is.
MESSAGES: list[tuple[str, str, str, str]] = [
    # segrules report
    ("SR854", "--by {column}: {name} is a column of the batch result, which the report counts, not a column to count by; "
     "give a column of the answers, or one that segrules batch --carry carried",
     "--by {column}: {name} on eräajon tuloksen sarake, jota raportti laskee, ei sarake, jonka mukaan ryhmitellä; "
     "anna vastausten sarake tai sarake, jonka segrules batch --carry toi mukanaan",
     "--by {column}: {name} är en kolumn i batchresultatet, som rapporten räknar, inte en kolumn att gruppera efter; "
     "ange en kolumn i svaren eller en som segrules batch --carry tog med"),
    ("SR854", "--by {column}: the report has a table of its own called {name}, which the table of this column "
     "could not be told from; give the column another name in the input",
     "--by {column}: raportissa on oma taulukko nimeltä {name}, josta tämän sarakkeen taulukkoa ei voisi erottaa; "
     "anna sarakkeelle syötteessä toinen nimi",
     "--by {column}: rapporten har en egen tabell som heter {name}, som den här kolumnens tabell inte kunde skiljas "
     "från; ge kolumnen ett annat namn i indata"),
    ("SR854", "--by {column}: every record has a value of its own in {name} (a record key?); a report by it would "
     "show each record's segment; count by a column that groups records",
     "--by {column}: jokaisella tietueella on oma arvonsa sarakkeessa {name} (tietueen avain?); sen mukainen raportti "
     "näyttäisi jokaisen tietueen segmentin; ryhmittele sarakkeella, joka kokoaa tietueita ryhmiksi",
     "--by {column}: varje post har ett eget värde i {name} (en postnyckel?); en rapport efter den skulle visa "
     "varje posts segment; gruppera efter en kolumn som samlar poster i grupper"),
    ("SR854", "{input}: no column {names} to count by (--by); the columns are: {columns}",
     "{input}: ei saraketta {names}, jonka mukaan ryhmitellä (--by); sarakkeet ovat: {columns}",
     "{input}: ingen kolumn {names} att gruppera efter (--by); kolumnerna är: {columns}"),
    ("SR852", "the reference distribution is not usable: {reference_problems}",
     "vertailujakaumaa ei voi käyttää: {reference_problems}", "referensfördelningen kan inte användas: {reference_problems}"),
    ("SR852", "{file}: the reference must be a mapping of segment to percent",
     "{file}: vertailujakauman on oltava segmenttien ja prosenttien luettelo (mapping)",
     "{file}: referensfördelningen måste vara en mappning från segment till procent"),
    ("SR851", "the batch result was made by a ruleset with the content hash {hash}, not by {ruleset} {version} ({own}): "
     "run segrules batch again, or give the ruleset that made it",
     "eräajon tuloksen on tehnyt säännöstö, jonka sisällön tiiviste on {hash}, ei {ruleset} {version} ({own}): "
     "aja segrules batch uudelleen tai anna säännöstö, joka sen teki",
     "batchresultatet gjordes av en regeluppsättning med innehållets hash {hash}, inte av {ruleset} {version} ({own}): "
     "kör segrules batch igen, eller ange regeluppsättningen som gjorde det"),
    ("SR851", "the batch result has segment(s) {names} that ruleset {ruleset} does not have: is it the result of another ruleset?",
     "eräajon tuloksessa on segmenttejä {names}, joita säännöstössä {ruleset} ei ole: onko se toisen säännöstön tulos?",
     "batchresultatet har segment {names} som regeluppsättningen {ruleset} inte har: är det resultatet av en annan regeluppsättning?"),
    # the workbench (a model owner's page)
    ("SR950", "this address needs the workbench's token: open the whole address that `segrules workbench` printed, "
     "with its ?token=",
     "tämä osoite tarvitsee työpöydän tunnisteen: avaa koko osoite, jonka `segrules workbench` tulosti, "
     "?token=-osineen",
     "den här adressen behöver arbetsbänkens token: öppna hela adressen som `segrules workbench` skrev ut, "
     "med dess ?token="),
    ("SR951", "{file} was changed on disk after it was opened in the workbench; nothing was saved",
     "tiedostoa {file} muutettiin levyllä sen jälkeen, kun se avattiin työpöydällä; mitään ei tallennettu",
     "{file} ändrades på disken efter att den öppnades i arbetsbänken; ingenting sparades"),
    ("SR952", "the ruleset does not load; fix its problems first",
     "säännöstö ei lataudu; korjaa ensin sen ongelmat", "regeluppsättningen laddas inte; rätta först dess problem"),
    # why `segrules serve` does not serve a file (its operator's lines; the JSON keeps English)
    ("SR900", "{file}: the folder holds no ruleset", "{file}: kansiossa ei ole säännöstöä",
     "{file}: mappen innehåller ingen regeluppsättning"),
    ("SR900", "{file}: no such file or folder", "{file}: tiedostoa tai kansiota ei ole", "{file}: ingen sådan fil eller mapp"),
    ("SR901", "{file}: the ruleset id or alias {name} is already served from {other}",
     "{file}: säännöstön tunnus tai alias {name} on jo tarjolla tiedostosta {other}",
     "{file}: regeluppsättningens id eller alias {name} tillhandahålls redan från {other}"),
    ("SR902", "{file}: {n} example(s) fail, e.g. {name}: expected {expected}, got {got}",
     "{file}: toteutumattomia esimerkkejä {n}, esim. {name}: odotettiin {expected}, saatiin {got}",
     "{file}: {n} exempel misslyckas, t.ex. {name}: väntat {expected}, fick {got}"),
    ("SR902", "{file}: {n} example(s) fail, e.g. {name}: {error}",
     "{file}: toteutumattomia esimerkkejä {n}, esim. {name}: {error:answer}",
     "{file}: {n} exempel misslyckas, t.ex. {name}: {error:answer}"),
    ("SR903", "{file}: not proven ({checks})", "{file}: ei todistettu ({checks})", "{file}: inte bevisad ({checks})"),
    ("SR907", "{file}: the new version could not be checked: the reload worker stopped ({why})",
     "{file}: uutta versiota ei voitu tarkistaa: uudelleenlatauksen työprosessi pysähtyi ({why})",
     "{file}: den nya versionen kunde inte kontrolleras: omladdningsprocessen stannade ({why})"),
    ("SR907", "{file}: the new version could not be checked ({why})", "{file}: uutta versiota ei voitu tarkistaa ({why})",
     "{file}: den nya versionen kunde inte kontrolleras ({why})"),
    ("SR907", "{file}: the verifier failed: {why}", "{file}: verifiointi epäonnistui: {why}",
     "{file}: verifieringen misslyckades: {why}"),
    ("SR906", "cannot listen on {address}: the port is already in use (another program, or another segrules, listens on it)",
     "osoitteessa {address} ei voi kuunnella: portti on jo käytössä (sitä kuuntelee toinen ohjelma tai toinen segrules)",
     "kan inte lyssna på {address}: porten används redan (ett annat program, eller en annan segrules, lyssnar på den)"),
    ("SR906", "cannot listen on {address}: no permission to use the port (ports below 1024 need the system's permission)",
     "osoitteessa {address} ei voi kuunnella: porttia ei saa käyttää (alle 1024:n portit vaativat järjestelmän luvan)",
     "kan inte lyssna på {address}: ingen behörighet att använda porten (portar under 1024 kräver systemets tillstånd)"),
    ("SR906", "cannot listen on {address}: the address is not one of this machine's",
     "osoitteessa {address} ei voi kuunnella: osoite ei ole tämän koneen", "kan inte lyssna på {address}: adressen tillhör inte den här datorn"),
    ("SR906", "cannot listen on {address}: {reason}", "osoitteessa {address} ei voi kuunnella: {reason}",
     "kan inte lyssna på {address}: {reason}"),
    # reading the file
    ("SR001", "cannot read {file}: there is no such file", "tiedostoa {file} ei voi lukea: sitä ei ole",
     "{file} kan inte läsas: filen finns inte"),
    ("SR001", "{file} is a folder, not a file", "{file} on kansio eikä tiedosto", "{file} är en mapp, inte en fil"),
    ("SR001", "cannot read {file}: {reason}", "tiedostoa {file} ei voi lukea: {reason}", "{file} kan inte läsas: {reason}"),
    ("SR002", "the file is {n} bytes; a ruleset may be at most {max} bytes",
     "tiedostossa on {n} tavua; säännöstössä saa olla enintään {max} tavua",
     "filen är {n} byte; en regeluppsättning får vara högst {max} byte"),
    ("SR002", "{file} is larger than {max} bytes", "{file} on suurempi kuin {max} tavua", "{file} är större än {max} byte"),
    ("SR002", "the ruleset text is over the limit of {max} bytes", "säännöstön teksti ylittää {max} tavun rajan",
     "regeluppsättningens text är över gränsen på {max} byte"),
    ("SR003", "the file is not valid UTF-8 text", "tiedosto ei ole kelvollista UTF-8-tekstiä",
     "filen är inte giltig UTF-8-text"),
    ("SR003", "the file on disk is not valid UTF-8 text", "levyllä oleva tiedosto ei ole kelvollista UTF-8-tekstiä",
     "filen på disken är inte giltig UTF-8-text"),
    ("SR003", "the text holds a lone surrogate (U+{hex}), which is not a character",
     "tekstissä on pariton korvausmerkin puolisko (U+{hex}), joka ei ole merkki",
     "texten innehåller ett ensamt surrogattecken (U+{hex}), som inte är ett tecken"),
    ("SR010", "YAML syntax error: the escape {escape} is a lone surrogate, which is not a character",
     "YAML-syntaksivirhe: merkintä {escape} on pariton korvausmerkin puolisko, joka ei ole merkki",
     "syntaxfel i YAML: escapesekvensen {escape} är ett ensamt surrogattecken, som inte är ett tecken"),
    ("SR012", "YAML anchors and aliases (&name, *name) are not allowed in a ruleset",
     "YAML-ankkurit ja -viittaukset (&nimi, *nimi) eivät ole sallittuja säännöstössä",
     "YAML-ankare och alias (&namn, *namn) är inte tillåtna i en regeluppsättning"),
    ("SR010", "YAML syntax error: found character '\\t' that cannot start any token",
     "YAML-syntaksivirhe: sarkainmerkki (tab) rivin alussa",
     "syntaxfel i YAML: ett tabbtecken i början av raden"),
    ("SR010", "YAML syntax error: {yaml}; the {open} opened at line {line}, column {column} is not closed",
     "YAML-syntaksivirhe: {yaml}; rivillä {line} sarakkeessa {column} avattua merkkiä {open} ei ole suljettu",
     "syntaxfel i YAML: {yaml}; {open} som öppnades på rad {line}, kolumn {column} är inte stängd"),
    ("SR010", "YAML syntax error: the text in quotes opened at line {line}, column {column} is not closed on its line: "
     "it runs on to the {quote} at line {line2}, column {column2}",
     "YAML-syntaksivirhe: rivillä {line} sarakkeessa {column} alkavaa lainausmerkeissä olevaa tekstiä ei ole suljettu "
     "samalla rivillä: se jatkuu merkkiin {quote} rivillä {line2}, sarakkeessa {column2}",
     "syntaxfel i YAML: texten inom citattecken som börjar på rad {line}, kolumn {column} stängs inte på sin rad: "
     "den fortsätter till {quote} på rad {line2}, kolumn {column2}"),
    ("SR010", "YAML syntax error: the text in quotes opened at line {line}, column {column} is never closed",
     "YAML-syntaksivirhe: rivillä {line} sarakkeessa {column} alkavaa lainausmerkeissä olevaa tekstiä ei suljeta "
     "koskaan",
     "syntaxfel i YAML: texten inom citattecken som börjar på rad {line}, kolumn {column} stängs aldrig"),
    ("SR010", "YAML syntax error: {yaml}", "YAML-syntaksivirhe: {yaml}", "syntaxfel i YAML: {yaml}"),
    ("SR010", "{name} (U+{hex}) is not allowed in a YAML file", "merkki {name} (U+{hex}) ei ole sallittu YAML-tiedostossa",
     "{name} (U+{hex}) är inte tillåtet i en YAML-fil"),
    ("SR011", "duplicate key {key} (first given at line {line})", "avain {key} on annettu kahdesti (ensin rivillä {line})",
     "nyckeln {key} förekommer två gånger (först på rad {line})"),
    ("SR013", "{text} is read as a yes/no value by YAML", "YAML lukee sanan {text} kyllä/ei-arvoksi",
     "{text} läses som ett ja/nej-värde av YAML"),
    ("SR015", "{text} is read as different numbers (or as text) by different YAML versions",
     "YAML-versiot lukevat arvon {text} eri lukuina (tai tekstinä)",
     "{text} läses som olika tal (eller som text) av olika YAML-versioner"),
    ("SR014", "the YAML tag {tag} is not allowed in a ruleset", "YAML-tagi {tag} ei ole sallittu säännöstössä",
     "YAML-taggen {tag} är inte tillåten i en regeluppsättning"),
    ("SR100", "the file is empty; it must hold a YAML mapping",
     "tiedosto on tyhjä; siinä on oltava YAML-rakenne avain–arvo-pareja", "filen är tom; den måste innehålla en YAML-mappning"),
    ("SR100", "a mapping key must be a plain word", "avaimen on oltava tavallinen sana", "en nyckel måste vara ett enkelt ord"),
    ("SR140", "the YAML is nested more than {n} levels deep", "YAML on sisäkkäin yli {n} tasoa syvältä",
     "YAML är nästlad mer än {n} nivåer djupt"),
    # the format
    ("SR110", "unknown key {key} in {what}", "tuntematon avain {key}: {what}", "okänd nyckel {key} i {what}"),
    ("SR101", "{what} is missing the required key {key}", "{what:gen} pakollinen avain {key} puuttuu",
     "{what} saknar den obligatoriska nyckeln {key}"),
    ("SR100", "{what} must be {kind}", "{what}: arvon on oltava {kind}", "{what} måste vara {kind}"),
    ("SR100", "{what} must be text", "{what}: arvon on oltava tekstiä", "{what} måste vara text"),
    ("SR100", "{what} must be a whole number", "{what}: arvon on oltava kokonaisluku", "{what} måste vara ett heltal"),
    ("SR100", "{what} must be true or false", "{what}: arvon on oltava true tai false", "{what} måste vara true eller false"),
    ("SR100", "{what} must be an expression", "{what}: arvon on oltava lauseke", "{what} måste vara ett uttryck"),
    ("SR100", "example {name}: the answer to {key} must be a single value",
     "esimerkki {name}: kysymyksen {key} vastauksen on oltava yksi arvo",
     "exemplet {name}: svaret på {key} måste vara ett enda värde"),
    ("SR112", "{what} must be between {lo} and {hi}, not {value}", "{what}: arvon on oltava välillä {lo}–{hi}, ei {value}",
     "{what} måste vara mellan {lo} och {hi}, inte {value}"),
    ("SR112", "{what} must be one of: {choices} (not {value})", "{what}: arvon on oltava jokin näistä: {choices} (ei {value})",
     "{what} måste vara ett av: {choices} (inte {value})"),
    ("SR112", "this version of segrules reads ruleset format {n} only", "tämä segrules-versio lukee vain säännöstömuotoa {n}",
     "denna version av segrules läser endast regelformat {n}"),
    ("SR112", "version {v} is not a semantic version", "versio {v} ei ole muotoa MAJOR.MINOR.PATCH",
     "versionen {v} är inte en semantisk version"),
    ("SR111", "{value} is not a valid ruleset id", "{value} ei kelpaa säännöstön tunnukseksi", "{value} är inte ett giltigt id för en regeluppsättning"),
    ("SR111", "{value} is not a valid {what} id", "{value} ei kelpaa tunnukseksi ({what})", "{value} är inte ett giltigt id ({what})"),
    ("SR132", "{name} in {what} is not a language: a language needs a space after its ':'",
     "{name} ({what}) ei ole kieli: kielen ':'-merkin jälkeen tarvitaan välilyönti",
     "{name} ({what}) är inte ett språk: ett språk behöver ett mellanslag efter sitt ':'"),
    ("SR132", "{word} in {what} is not a language: the comma before it ended the {lang} label, because the label is not in quotes",
     "{word} ({what}) ei ole kieli: sitä edeltävä pilkku päätti kielen {lang} tekstin, koska tekstiä ei ole lainausmerkeissä",
     "{word} ({what}) är inte ett språk: kommatecknet före det avslutade texten på {lang}, eftersom texten inte står inom citattecken"),
    ("SR132", "unknown language {lang} in {what}", "tuntematon kieli {lang}: {what}", "okänt språk {lang} i {what}"),
    ("SR130", "the {lang} label of {what} is empty", "{what:gen} kielen {lang} teksti on tyhjä", "texten på {lang} för {what} är tom"),
    ("SR130", "{what} has no Finnish (fi) label", "{what:gen} suomenkielinen teksti (fi) puuttuu", "{what} saknar finsk text (fi)"),
    ("SR131", "{what} has no Swedish (sv) label", "{what:gen} ruotsinkielinen teksti (sv) puuttuu", "{what} saknar svensk text (sv)"),
    ("SR131", "{what} has no English (en) label", "{what:gen} englanninkielinen teksti (en) puuttuu", "{what} saknar engelsk text (en)"),
    ("SR121", "{what}: a scale value must be a whole number", "{what}: asteikon arvon on oltava kokonaisluku",
     "{what}: ett skalvärde måste vara ett heltal"),
    ("SR121", "{what}: values must be in increasing order", "{what}: arvojen on oltava nousevassa järjestyksessä",
     "{what}: värdena måste stå i stigande ordning"),
    ("SR121", "{what} has no values", "{what:gen} arvot puuttuvat", "{what} har inga värden"),
    ("SR121", "{what} is empty", "{what} on tyhjä", "{what} är tom"),
    ("SR121", "{what}: max ({hi}) is smaller than min ({lo})", "{what}: max ({hi}) on pienempi kuin min ({lo})",
     "{what}: max ({hi}) är mindre än min ({lo})"),
    ("SR121", "{what}: the range {lo}..{hi} has more than {n} values", "{what}: välillä {lo}..{hi} on yli {n} arvoa",
     "{what}: intervallet {lo}..{hi} har mer än {n} värden"),
    ("SR140", "questions depend on the answers to other questions more than {n} levels deep (at input {id})",
     "kysymykset riippuvat toisten kysymysten vastauksista yli {n} tason syvyydeltä (kysymyksen {id} kohdalla)",
     "frågorna beror av svaren på andra frågor mer än {n} nivåer djupt (vid frågan {id})"),
    ("SR140", "scores build on other scores more than {n} levels deep (at score {id})",
     "pistemäärät rakentuvat toisten pistemäärien varaan yli {n} tason syvyydeltä (pistemäärän {id} kohdalla)",
     "poängen bygger på andra poäng mer än {n} nivåer djupt (vid poängen {id})"),
    ("SR140", "the ruleset has {n} inputs; at most {max} are allowed", "säännöstössä on {n} kysymystä; enintään {max} on sallittu",
     "regeluppsättningen har {n} frågor; högst {max} är tillåtna"),
    ("SR140", "{what} has more than {n} values", "{what:gen} arvoja on yli {n}", "{what} har mer än {n} värden"),
    ("SR101", "the ruleset has no inputs", "säännöstössä ei ole kysymyksiä", "regeluppsättningen har inga frågor"),
    ("SR101", "the ruleset has no segments", "säännöstössä ei ole segmenttejä", "regeluppsättningen har inga segment"),
    ("SR101", "the ruleset has no rules", "säännöstössä ei ole sääntöjä", "regeluppsättningen har inga regler"),
    ("SR101", "{what} has type {type} but no {key}", "{what}: tyyppi on {type}, mutta {key} puuttuu",
     "{what} har typen {type} men ingen {key}"),
    ("SR101", "{what} is empty", "{what} on tyhjä", "{what} är tom"),
    ("SR110", "{what}: {key} does not go with type {type}", "{what}: {key} ei sovi tyypille {type}",
     "{what}: {key} passar inte med typen {type}"),
    ("SR120", "{what} uses the unknown scale {name}", "{what} käyttää tuntematonta asteikkoa {name}",
     "{what} använder den okända skalan {name}"),
    ("SR113", "the name {name} is used for {kind_a} and {kind_b} (line {line})",
     "nimi {name} on käytössä kahdesti: {kind_a} ja {kind_b} (rivi {line})",
     "namnet {name} används för både {kind_a} och {kind_b} (rad {line})"),
    ("SR113", "group {group} lists {name} twice", "ryhmässä {group} on {name} kahdesti", "gruppen {group} tar upp {name} två gånger"),
    # the rule language
    ("SR200", "in {what}: {message}", "{what}: {message}", "{what}: {message}"),
    ("SR201", "in {what}: {message}", "{what}: {message}", "{what}: {message}"),
    ("SR200", "a '(' is not closed", "sulkua '(' ei ole suljettu", "en '(' är inte stängd"),
    ("SR200", "this ')' has no matching '('", "tälle sululle ')' ei ole parina sulkua '('", "denna ')' saknar en matchande '('"),
    ("SR200", "the expression ends too early", "lauseke loppuu kesken", "uttrycket slutar för tidigt"),
    ("SR200", "the expression ends too early: something must follow the last word or operator",
     "lauseke loppuu kesken: viimeisen sanan tai operaattorin jälkeen pitää tulla jotain",
     "uttrycket slutar för tidigt: något måste följa efter det sista ordet eller operatorn"),
    ("SR200", "the expression is empty", "lauseke on tyhjä", "uttrycket är tomt"),
    ("SR200", "invalid expression", "virheellinen lauseke", "ogiltigt uttryck"),
    ("SR200", "text is written in double quotes", "teksti kirjoitetaan lainausmerkkeihin \"…\"", "text skrivs inom dubbla citattecken"),
    ("SR200", "a decimal number is written with a point", "desimaaliluvussa käytetään pistettä", "ett decimaltal skrivs med punkt"),
    ("SR200", "a decimal number starts with a digit", "desimaaliluku alkaa numerolla", "ett decimaltal börjar med en siffra"),
    ("SR200", "{char} is not part of the rule language", "{char} ei kuulu sääntökieleen", "{char} hör inte till regelspråket"),
    ("SR200", "unexpected character {char}", "odottamaton merkki {char}", "oväntat tecken {char}"),
    ("SR200", "to compare, write a single '=' (not '==')", "vertailussa kirjoitetaan yksi '=' (ei '==')",
     "för att jämföra skriver du ett '=' (inte '==')"),
    ("SR200", "'=>' and '=<' are not operators", "'=>' ja '=<' eivät ole operaattoreita", "'=>' och '=<' är inte operatorer"),
    ("SR200", "two conditions must be joined with 'and' or 'or'", "kaksi ehtoa yhdistetään sanalla 'and' tai 'or'",
     "två villkor måste förenas med 'and' eller 'or'"),
    ("SR200", "an 'if ... then ...' needs an 'else' part: if <condition> then <value> else <value>",
     "'if ... then ...' tarvitsee myös else-osan: if <ehto> then <arvo> else <arvo>",
     "en 'if ... then ...' behöver en 'else'-del: if <villkor> then <värde> else <värde>"),
    ("SR200", "the values after 'in' are written in parentheses", "sanan 'in' jälkeiset arvot kirjoitetaan sulkuihin",
     "värdena efter 'in' skrivs inom parentes"),
    ("SR200", "unexpected {token}: a rule is written '<segment> when <condition>'",
     "odottamaton {token}: sääntö kirjoitetaan '<segmentti> when <ehto>'",
     "oväntat {token}: en regel skrivs '<segment> when <villkor>'"),
    ("SR200", "a rule is written '<segment> when <condition>'", "sääntö kirjoitetaan '<segmentti> when <ehto>'",
     "en regel skrivs '<segment> when <villkor>'"),
    ("SR200", "unexpected {token}: the words of the rule language are written in lower case",
     "odottamaton {token}: sääntökielen sanat kirjoitetaan pienin kirjaimin",
     "oväntat {token}: regelspråkets ord skrivs med små bokstäver"),
    ("SR200", "unexpected {token}: it belongs to an 'if'", "odottamaton {token}: se kuuluu if-lausekkeeseen",
     "oväntat {token}: det hör till en 'if'"),
    ("SR200", "an 'if ... then ... else ...' inside a calculation or comparison must be in parentheses",
     "laskutoimituksen tai vertailun sisällä 'if ... then ... else ...' kirjoitetaan sulkuihin",
     "en 'if ... then ... else ...' i en beräkning eller jämförelse måste stå inom parentes"),
    ("SR200", "{word} cannot stand here", "{word} ei voi olla tässä", "{word} kan inte stå här"),
    ("SR200", "unexpected {token}: an operator (such as <, =, +) or 'and'/'or' is missing before it",
     "odottamaton {token}: sen edeltä puuttuu operaattori (kuten <, =, +) tai 'and'/'or'",
     "oväntat {token}: en operator (som <, =, +) eller 'and'/'or' saknas före det"),
    ("SR200", "unexpected {token}: the list after 'in' holds fixed values only",
     "odottamaton {token}: sanan 'in' jälkeisessä luettelossa voi olla vain kiinteitä arvoja",
     "oväntat {token}: listan efter 'in' får bara innehålla fasta värden"),
    ("SR200", "unexpected {token}: a name or a value is missing before it", "odottamaton {token}: sen edeltä puuttuu nimi tai arvo",
     "oväntat {token}: ett namn eller ett värde saknas före det"),
    ("SR200", "unexpected {token}, expected {expected}", "odottamaton {token}; odotettiin: {expected}",
     "oväntat {token}; väntade: {expected}"),
    ("SR200", "unexpected {token}", "odottamaton {token}", "oväntat {token}"),
    ("SR201", "the expression is {n} characters long; at most {max} are allowed",
     "lausekkeessa on {n} merkkiä; enintään {max} on sallittu", "uttrycket är {n} tecken långt; högst {max} är tillåtna"),
    ("SR201", "the expression is nested more than {n} levels deep", "lauseke on sisäkkäin yli {n} tasoa syvältä",
     "uttrycket är nästlat mer än {n} nivåer djupt"),
    ("SR201", "the expression is too deeply nested", "lauseke on liian syvälle sisäkkäin", "uttrycket är för djupt nästlat"),
    # names and types
    ("SR210", "in {what}: unknown name {name}", "{what}: tuntematon nimi {name}", "{what}: okänt namn {name}"),
    ("SR211", "{what} needs numbers, but this is {kind}", "{what} tarvitsee lukuja, mutta tämä on {kind}",
     "{what} behöver tal, men detta är {kind}"),
    ("SR211", "{what} needs yes/no values, but this is {kind}", "{what} tarvitsee kyllä/ei-arvoja, mutta tämä on {kind}",
     "{what} behöver ja/nej-värden, men detta är {kind}"),
    ("SR211", "{what}: the condition must be {kind} (true or false), but this is {kind2}",
     "{what}: ehdon on oltava {kind} (true tai false), mutta tämä on {kind2}",
     "{what}: villkoret måste vara {kind} (true eller false), men detta är {kind2}"),
    ("SR211", "in {what}: {message}", "{what}: {message}", "{what}: {message}"),
    ("SR211", "the 'then' part is {kind} but the 'else' part is {kind2}", "then-osa on {kind}, mutta else-osa on {kind2}",
     "'then'-delen är {kind} men 'else'-delen är {kind2}"),
    ("SR211", "{op} compares numbers, but this is {kind}", "{op} vertaa lukuja, mutta tämä on {kind}",
     "{op} jämför tal, men detta är {kind}"),
    ("SR211", "{op} compares {kind} with {kind2}", "{op} vertaa arvoa {kind} arvoon {kind2}", "{op} jämför {kind} med {kind2}"),
    ("SR211", "{func}(...) needs {kind}, but this is {kind2}", "{func}(...) tarvitsee: {kind}, mutta tämä on {kind2}",
     "{func}(...) behöver {kind}, men detta är {kind2}"),
    ("SR211", "score {id} is a text; a score must be a number, yes/no or a choice",
     "pistemäärä {id} on tekstiä; pistemäärän on oltava luku, kyllä/ei tai valinta",
     "poängen {id} är en text; en poäng måste vara ett tal, ja/nej eller ett val"),
    ("SR212", "in {what}: {message}", "{what}: {message}", "{what}: {message}"),
    ("SR212", "unknown function {func}", "tuntematon funktio {func}", "okänd funktion {func}"),
    ("SR212", "{func}() needs at least one input", "{func}() tarvitsee vähintään yhden kysymyksen", "{func}() behöver minst en fråga"),
    ("SR212", "answered(...) takes exactly one input", "answered(...) ottaa täsmälleen yhden kysymyksen",
     "answered(...) tar exakt en fråga"),
    ("SR212", "count(...) counts answered inputs: give inputs or groups",
     "count(...) laskee vastatut kysymykset: anna kysymyksiä tai ryhmiä",
     "count(...) räknar besvarade frågor: ange frågor eller grupper"),
    ("SR213", "input {id} is asked depending on its own answer", "kysymyksen {id} kysyminen riippuu sen omasta vastauksesta",
     "frågan {id} ställs beroende på sitt eget svar"),
    ("SR213", "the {noun}s {cycle} depend on each other in a circle (through {via})",
     "nämä riippuvat toisistaan kehässä: {cycle}", "dessa beror av varandra i en cirkel: {cycle}"),
    ("SR214", "in {what}: {message}", "{what}: {message}", "{what}: {message}"),
    ("SR215", "in {what}: {message}", "{what}: {message}", "{what}: {message}"),
    ("SR215", "the group {id} can only be used inside mean, sum, min, max, count or count_true",
     "ryhmää {id} voi käyttää vain funktioiden mean, sum, min, max, count tai count_true sisällä",
     "gruppen {id} kan bara användas i mean, sum, min, max, count eller count_true"),
    ("SR215", "asked_when can only use other inputs, not the {noun} {id}",
     "asked_when voi käyttää vain muita kysymyksiä, ei tätä: {id}", "asked_when kan bara använda andra frågor, inte {id}"),
    ("SR220", "rule {n} names the unknown segment {id}", "sääntö {n} nimeää tuntemattoman segmentin {id}",
     "regel {n} nämner det okända segmentet {id}"),
    ("SR221", "segment {id} has no rule, so no client can ever be placed in it",
     "segmentillä {id} ei ole sääntöä, joten yhtään asiakasta ei voi koskaan sijoittaa siihen",
     "segmentet {id} har ingen regel, så ingen klient kan någonsin placeras i det"),
    ("SR222", "segment {id} has no pathway", "segmentillä {id} ei ole asiakkuuspolkua", "segmentet {id} har ingen kundstig"),
    ("SR222", "a pathway is given for the unknown segment {id}", "asiakkuuspolku on annettu tuntemattomalle segmentille {id}",
     "en kundstig är given för det okända segmentet {id}"),
    ("SR223", "'otherwise' can only be used with hit_policy: first", "'otherwise' on käytettävissä vain, kun hit_policy: first",
     "'otherwise' kan bara användas med hit_policy: first"),
    ("SR223", "an 'otherwise' rule must be the last rule", "otherwise-säännön on oltava viimeinen sääntö",
     "en 'otherwise'-regel måste vara den sista regeln"),
    ("SR224", "the {side} axis names {id}, which is not a score", "akseli {side} nimeää kohteen {id}, joka ei ole pistemäärä",
     "axeln {side} nämner {id}, som inte är en poäng"),
    ("SR224", "the {side} axis score {id} must be a number", "akselin {side} pistemäärän {id} on oltava luku",
     "poängen {id} på axeln {side} måste vara ett tal"),
    ("SR224", "segment {id} has no quadrant, but the ruleset has axes", "segmentillä {id} ei ole paikkaa nelikentässä, vaikka säännöstöllä on akselit",
     "segmentet {id} har inget fyrfält, men regeluppsättningen har axlar"),
    ("SR224", "segments {a} and {b} are placed in the same quadrant", "segmentit {a} ja {b} on sijoitettu samaan nelikentän osaan",
     "segmenten {a} och {b} är placerade i samma fyrfält"),
    ("SR230", "example {name} expects the unknown segment {id}", "esimerkki {name} odottaa tuntematonta segmenttiä {id}",
     "exemplet {name} väntar sig det okända segmentet {id}"),
    ("SR231", "example {name}: {input}: {message} ({answer_code})", "esimerkki {name}: {input}: {message:answer} ({answer_code})",
     "exemplet {name}: {input}: {message:answer} ({answer_code})"),
    # answers
    ("SR301", "{input}: {message}", "{input}: {message}", "{input}: {message}"),
    ("SR302", "{input}: {message}", "{input}: {message}", "{input}: {message}"),
    ("SR303", "{input}: {message}", "{input}: {message}", "{input}: {message}"),
    ("SR304", "{input}: {message}", "{input}: {message}", "{input}: {message}"),
    ("SR305", "{input}: {message}", "{input}: {message}", "{input}: {message}"),
    ("SR301", "there is no such input in this ruleset; did you mean {name}?",
     "säännöstössä ei ole tällaista kysymystä; tarkoititko {name}?", "regeluppsättningen har ingen sådan fråga; menade du {name}?"),
    ("SR301", "there is no such input in this ruleset", "säännöstössä ei ole tällaista kysymystä", "regeluppsättningen har ingen sådan fråga"),
    ("SR302", "{value} is not allowed; expected {kind}", "{value} ei ole sallittu; odotettiin: {kind}",
     "{value} är inte tillåtet; väntade {kind}"),
    ("SR303", "{value} is of type {type}, not a plain whole number (convert it with int()), but the answer must be {kind}",
     "{value} on tyyppiä {type} eikä tavallinen kokonaisluku (muunna se funktiolla int()); vastauksen on oltava {kind}",
     "{value} är av typen {type}, inte ett vanligt heltal (konvertera det med int()); svaret måste vara {kind}"),
    ("SR303", "{value} is of type {type}, not a plain text (convert it with str()), but the answer must be {kind}",
     "{value} on tyyppiä {type} eikä tavallinen teksti (muunna se funktiolla str()); vastauksen on oltava {kind}",
     "{value} är av typen {type}, inte en vanlig text (konvertera den med str()); svaret måste vara {kind}"),
    ("SR303", "{value} is of type {type}, not a plain yes/no value (convert it with bool()), but the answer must be {kind}",
     "{value} on tyyppiä {type} eikä tavallinen kyllä/ei-arvo (muunna se funktiolla bool()); vastauksen on oltava {kind}",
     "{value} är av typen {type}, inte ett vanligt ja/nej-värde (konvertera det med bool()); svaret måste vara {kind}"),
    ("SR303", "{value} is {kind2}, but the answer must be {kind}", "{value} on väärää lajia; vastauksen on oltava {kind}",
     "{value} är av fel slag; svaret måste vara {kind}"),
    ("SR304", "an answer is required", "vastaus on pakollinen", "ett svar krävs"),
    ("SR304", "an answer is required (it is asked whatever the answer to {names} is)",
     "vastaus on pakollinen (kysymys esitetään, vastattiinpa kysymykseen {names} mitä tahansa)",
     "ett svar krävs (frågan ställs oavsett svaret på {names})"),
    ("SR305", "answered, but the question is not asked with these answers",
     "vastattu, mutta kysymystä ei esitetä näillä vastauksilla", "besvarad, men frågan ställs inte med dessa svar"),
    ("SR305", "answered, but the question is not asked, whatever the answer to {names} is",
     "vastattu, mutta kysymystä ei esitetä, vastattiinpa kysymykseen {names} mitä tahansa",
     "besvarad, men frågan ställs inte, oavsett svaret på {names}"),
    ("SR502", "the reason for an override must be text, not a value of type {type}",
     "segmentin vaihtamisen perustelun on oltava tekstiä, ei tyypin {type} arvo",
     "motiveringen till en ändring av segmentet måste vara text, inte ett värde av typen {type}"),
    ("SR306", "the answers must be a mapping of input id to answer", "vastausten on oltava kysymyksen tunnus–vastaus-pareja",
     "svaren måste vara en mappning från frågans id till svar"),
    ("SR306", "the answers must be a JSON object of input id to answer",
     "vastausten on oltava JSON-objekti, jossa on kysymyksen tunnus ja vastaus", "svaren måste vara ett JSON-objekt från frågans id till svar"),
    ("SR511", "the answers are not valid JSON: {reason}", "vastaukset eivät ole kelvollista JSONia: {reason}",
     "svaren är inte giltig JSON: {reason}"),
    ("SR510", "cannot read the answers from {file}: it is a folder", "vastauksia ei voi lukea: {file} on kansio",
     "svaren kan inte läsas från {file}: det är en mapp"),
    ("SR510", "cannot read the answers from {file}: {reason}", "vastauksia ei voi lukea tiedostosta {file}: {reason}",
     "svaren kan inte läsas från {file}: {reason}"),
    ("SR510", "the answers file is not valid UTF-8 text", "vastaustiedosto ei ole kelvollista UTF-8-tekstiä",
     "svarsfilen är inte giltig UTF-8-text"),
    ("SR511", "the answers are not valid: the key {key} is given twice", "vastaukset eivät kelpaa: avain {key} on annettu kahdesti",
     "svaren är inte giltiga: nyckeln {key} förekommer två gånger"),
    # answers over the limit (a file, standard input, a line of JSON Lines); how large, by VALUE_WORDS
    ("SR307", "{file} line {line}: {value}; one answer set may be at most {max} bytes",
     "{file} rivi {line}: {value}; yksi vastausjoukko saa olla enintään {max} tavua",
     "{file} rad {line}: {value}; en svarsuppsättning får vara högst {max} byte"),
    ("SR307", "{file}: {value}; one answer set may be at most {max} bytes",
     "{file}: {value}; yksi vastausjoukko saa olla enintään {max} tavua",
     "{file}: {value}; en svarsuppsättning får vara högst {max} byte"),
    # the items of a FHIR QuestionnaireResponse
    ("SR932", "{input}: no item has this linkId in the questionnaire of {id}; did you mean {name}?",
     "{input}: säännöstön {id} lomakkeessa ei ole kohtaa, jolla on tämä linkId; tarkoititko {name}?",
     "{input}: ingen post i formuläret för {id} har detta linkId; menade du {name}?"),
    ("SR932", "{input}: no item has this linkId in the questionnaire of {id}",
     "{input}: säännöstön {id} lomakkeessa ei ole kohtaa, jolla on tämä linkId",
     "{input}: ingen post i formuläret för {id} har detta linkId"),
    ("SR932", "{input}: not an item of {url}; another respondent answers it",
     "{input}: ei lomakkeen {url} kohta; siihen vastaa toinen vastaaja",
     "{input}: inte en post i {url}; en annan svarande besvarar den"),
    ("SR932", "{input}: this item is not a question and takes no answer",
     "{input}: tämä kohta ei ole kysymys, eikä siihen vastata", "{input}: posten är ingen fråga och tar inget svar"),
    ("SR932", "(responses): and {n} more items that are not questions of the questionnaire",
     "(vastaukset): ja {n} muuta kohtaa, jotka eivät ole lomakkeen kysymyksiä",
     "(svaren): och {n} poster till som inte är frågor i formuläret"),
    ("SR932", "(responses): and {n} more item that are not questions of the questionnaire",
     "(vastaukset): ja {n} muu kohta, joka ei ole lomakkeen kysymys",
     "(svaren): och {n} post till som inte är en fråga i formuläret"),
    ("SR933", "{input}: the item appears more than once in response {k}",
     "{input}: kohta on vastauksessa {k} useammin kuin kerran", "{input}: posten förekommer mer än en gång i svar {k}"),
    ("SR933", "{input}: the item appears more than once in bundle entry {k}",
     "{input}: kohta on Bundlen kohdassa {k} useammin kuin kerran",
     "{input}: posten förekommer mer än en gång i Bundle-posten {k}"),
    ("SR933", "{input}: the item appears more than once in response",
     "{input}: kohta on vastauksessa useammin kuin kerran", "{input}: posten förekommer mer än en gång i svaret"),
    ("SR933", "{input}: {n} answers given; the item takes one",
     "{input}: annettu {n} vastausta; kohtaan annetaan yksi", "{input}: {n} svar givna; posten tar ett"),
    ("SR933", "(responses): and {n} more repetitions of an item",
     "(vastaukset): ja {n} muuta toistettua kohtaa", "(svaren): och {n} upprepade poster till"),
    ("SR933", "(responses): and {n} more repetition of an item",
     "(vastaukset): ja {n} muu toistettu kohta", "(svaren): och {n} upprepad post till"),
    # the segment of an override
    ("SR501", "{name} names several segments of {id}: {ids}; give the segment id",
     "{name} on usean säännöstön {id} segmentin nimi: {ids}; anna segmentin tunnus",
     "{name} är namnet på flera segment i {id}: {ids}; ange segmentets id"),
    ("SR501", "{name} is not a segment of {id}; segments: {ids}", "{name} ei ole säännöstön {id} segmentti; segmentit: {ids}",
     "{name} är inte ett segment i {id}; segment: {ids}"),
    # a stored decision record (segrules replay)
    ("SR557", "{file} is larger than {max} bytes; it is not a decision record",
     "{file} on suurempi kuin {max} tavua; se ei ole päätöstietue", "{file} är större än {max} byte; den är inte en beslutspost"),
    ("SR557", "cannot read the record {file}: {reason}", "päätöstietuetta {file} ei voi lukea: {reason}",
     "beslutsposten {file} kan inte läsas: {reason}"),
    ("SR557", "{file}: the record is not UTF-8 text", "{file}: päätöstietue ei ole UTF-8-tekstiä",
     "{file}: beslutsposten är inte UTF-8-text"),
    ("SR557", "{file}: the record is not valid JSON: {reason}", "{file}: päätöstietue ei ole kelvollista JSONia: {reason}",
     "{file}: beslutsposten är inte giltig JSON: {reason}"),
    ("SR557", "{file}: the record is not valid: the key {key} is given twice",
     "{file}: päätöstietue ei kelpaa: avain {key} on annettu kahdesti",
     "{file}: beslutsposten är inte giltig: nyckeln {key} förekommer två gånger"),
    ("SR557", "{file}: the record is nested too deeply to be a decision record",
     "{file}: tiedosto on liian syvälle sisäkkäinen ollakseen päätöstietue",
     "{file}: filen är för djupt nästlad för att vara en beslutspost"),
    ("SR553", "not a valid decision record: {problem}", "ei kelvollinen päätöstietue: {problem}",
     "inte en giltig beslutspost: {problem}"),
    ("SR553", "not a valid decision record ({n} problems):\n  {problems}",
     "ei kelvollinen päätöstietue ({n} ongelmaa):\n  {problems}", "inte en giltig beslutspost ({n} problem):\n  {problems}"),
    # outputs (every command that writes a file)
    ("SR522", "'-' is not standard output here, and a file named '-' is not written: give a file name "
     "(a command that prints its result does so without an output option)",
     "'-' ei tässä ole vakiotuloste, eikä tiedostoa nimeltä '-' kirjoiteta: anna tiedoston nimi "
     "(komento, joka tulostaa tuloksensa, tekee sen ilman tulostevalitsinta)",
     "'-' är inte standard ut här, och en fil med namnet '-' skrivs inte: ange ett filnamn "
     "(ett kommando som skriver ut sitt resultat gör det utan utdataalternativ)"),
    ("SR522", "cannot write {file}: it is a folder; give a file name", "tiedostoa {file} ei voi kirjoittaa: se on kansio; anna tiedoston nimi",
     "{file} kan inte skrivas: det är en mapp; ange ett filnamn"),
    ("SR522", "cannot write {file}: it is a pipe or a device, and this output is written as a whole file and renamed "
     "into place; give a file name",
     "tiedostoa {file} ei voi kirjoittaa: se on putki tai laite, ja tämä tuloste kirjoitetaan kokonaisena tiedostona, "
     "joka nimetään paikalleen; anna tiedoston nimi",
     "{file} kan inte skrivas: det är ett rör eller en enhet, och denna utdata skrivs som en hel fil som sedan byter "
     "namn; ange ett filnamn"),
    ("SR522", "cannot write {file}: it is not a regular file (a device or a socket), and it is not replaced",
     "tiedostoa {file} ei voi kirjoittaa: se ei ole tavallinen tiedosto (vaan laite tai pistoke), eikä sitä korvata",
     "{file} kan inte skrivas: det är inte en vanlig fil (en enhet eller en socket), och den ersätts inte"),
    ("SR522", "cannot write {file}: it names an already open file, and this output is written as a whole file and "
     "renamed into place; give a file name",
     "tiedostoa {file} ei voi kirjoittaa: se on jo avoimen tiedoston nimi, ja tämä tuloste kirjoitetaan kokonaisena "
     "tiedostona, joka nimetään paikalleen; anna tiedoston nimi",
     "{file} kan inte skrivas: det är namnet på en redan öppen fil, och denna utdata skrivs som en hel fil som sedan "
     "byter namn; ange ett filnamn"),
    ("SR522", "cannot write {file}: it is a pipe that nothing reads", "tiedostoa {file} ei voi kirjoittaa: se on putki, jota mikään ei lue",
     "{file} kan inte skrivas: det är ett rör som ingen läser"),
    ("SR523", "cannot write {file}: it is a symbolic link to {target}, which does not exist",
     "tiedostoa {file} ei voi kirjoittaa: se on symbolinen linkki kohteeseen {target}, jota ei ole",
     "{file} kan inte skrivas: det är en symbolisk länk till {target}, som inte finns"),
    ("SR520", "{file} is also an input of this command; writing to it would destroy it (give another output file)",
     "{file} on myös tämän komennon syöte; siihen kirjoittaminen tuhoaisi sen (anna toinen tulostiedosto)",
     "{file} är också indata till detta kommando; att skriva till den skulle förstöra den (ange en annan utdatafil)"),
    ("SR520", "{file} holds a segrules model; writing to it would replace the model (give another output file, or "
     "--force to replace it)",
     "{file} sisältää segrules-mallin; siihen kirjoittaminen korvaisi mallin (anna toinen tulostiedosto, tai --force, "
     "jos malli korvataan)",
     "{file} innehåller en segrules-modell; att skriva till den skulle ersätta modellen (ange en annan utdatafil, "
     "eller --force för att ersätta den)"),
    ("SR520", "{file} is also the input of this run; writing to it would destroy it (give another output)",
     "{file} on myös tämän ajon syöte; siihen kirjoittaminen tuhoaisi sen (anna toinen tuloste)",
     "{file} är också indata i denna körning; att skriva till den skulle förstöra den (ange en annan utdata)"),
    ("SR520", "{file} is also {option} of this run; writing to it would destroy it (give another output)",
     "{file} on myös tämän ajon {option}; siihen kirjoittaminen tuhoaisi sen (anna toinen tuloste)",
     "{file} är också {option} i denna körning; att skriva till den skulle förstöra den (ange en annan utdata)"),
    ("SR520", "{file} is also {option} of this run; one would replace the other (give another file)",
     "{file} on myös tämän ajon {option}; toinen korvaisi toisen (anna toinen tiedosto)",
     "{file} är också {option} i denna körning; den ena skulle ersätta den andra (ange en annan fil)"),
    ("SR520", "the decision log {file} already holds a segrules model; appending to it would spoil it "
     "(give a new file, or an existing decision log)",
     "päätöslokissa {file} on jo segrules-malli; sen perään kirjoittaminen pilaisi sen "
     "(anna uusi tiedosto tai olemassa oleva päätösloki)",
     "beslutsloggen {file} innehåller redan en segrules-modell; att skriva till den skulle förstöra den "
     "(ange en ny fil eller en befintlig beslutslogg)"),
    ("SR520", "the decision log {file} already holds something that is not a decision log; appending to it would spoil "
     "it (give a new file, or an existing decision log)",
     "päätöslokissa {file} on jo jotain muuta kuin päätöslokia; sen perään kirjoittaminen pilaisi sen "
     "(anna uusi tiedosto tai olemassa oleva päätösloki)",
     "beslutsloggen {file} innehåller redan något som inte är en beslutslogg; att skriva till den skulle förstöra den "
     "(ange en ny fil eller en befintlig beslutslogg)"),
    ("SR521", "cannot write the output: {reason}", "tulostetta ei voi kirjoittaa: {reason}", "utdata kan inte skrivas: {reason}"),
    ("SR521", "cannot write {file}: {reason}", "tiedostoa {file} ei voi kirjoittaa: {reason}", "{file} kan inte skrivas: {reason}"),
    # batch
    ("SR808", "{file}: rows without a record key ({key} is empty) cannot be told apart: they would all be read as "
              "the answers of one record; give every row its record's key, or delete those rows",
     "{file}: rivejä, joilla ei ole tietueen avainta ({key} on tyhjä), ei voi erottaa toisistaan: ne luettaisiin "
     "kaikki yhden tietueen vastauksiksi; anna jokaiselle riville sen tietueen avain tai poista ne rivit",
     "{file}: rader utan postnyckel ({key} är tom) kan inte skiljas åt: de skulle alla läsas som svaren för en "
     "post; ge varje rad dess posts nyckel, eller ta bort de raderna"),
    ("SR808", "{file}: 1 record has no record key ({key} is empty); give every record its key, or delete the empty rows",
     "{file}: 1 tietueelta puuttuu tietueen avain ({key} on tyhjä); anna jokaiselle tietueelle sen avain tai poista "
     "tyhjät rivit",
     "{file}: 1 post saknar postnyckel ({key} är tom); ge varje post dess nyckel, eller ta bort de tomma raderna"),
    ("SR808", "{file}: {count} records have no record key ({key} is empty); give every record its key, or delete the "
              "empty rows",
     "{file}: {count} tietueelta puuttuu tietueen avain ({key} on tyhjä); anna jokaiselle tietueelle sen avain tai "
     "poista tyhjät rivit",
     "{file}: {count} poster saknar postnyckel ({key} är tom); ge varje post dess nyckel, eller ta bort de tomma "
     "raderna"),
    ("SR803", "{file}: cannot be read as CSV: line {line} ends in {end}, the header in {header}; a file has one kind "
     "of line end (save it again, or convert it, e.g. dos2unix)",
     "{file}: ei voi lukea CSV-tiedostona: rivi {line} päättyy merkkeihin {end}, otsikkorivi merkkeihin {header}; "
     "tiedoston rivinvaihtojen on oltava samaa lajia (tallenna se uudelleen tai muunna se, esim. dos2unix)",
     "{file}: kan inte läsas som CSV: rad {line} slutar med {end}, rubrikraden med {header}; en fil har ett slags "
     "radslut (spara den igen, eller konvertera den, t.ex. dos2unix)"),
    ("SR801", "the long shape, a row per answer, carries no column ({column}): a column of its rows is not one of "
     "the record's; carry it with the wide shape",
     "pitkä muoto, rivi vastausta kohden, ei tuo mukaan sarakkeita ({column}): sen rivien sarake ei ole tietueen "
     "sarake; tuo se mukaan leveässä muodossa",
     "den långa formen, en rad per svar, tar inte med några kolumner ({column}): en kolumn i dess rader är inte "
     "postens; ta med den i den breda formen"),
    ("SR809", "the carried column {name} has the name of a column the result writes; the result would have two "
     "columns of that name",
     "mukaan tuotavalla sarakkeella {name} on tuloksen sarakkeen nimi; tuloksessa olisi kaksi samannimistä "
     "saraketta",
     "kolumnen {name} som tas med har namnet på en kolumn som resultatet skriver; resultatet skulle få två "
     "kolumner med det namnet"),
    ("SR803", "{file}: no such file", "{file}: tiedostoa ei ole", "{file}: filen finns inte"),
    ("SR803", "{file}: it is not a regular file (a named pipe, a device or a socket); the input is read more than "
     "once: save it to a file and give that",
     "{file}: se ei ole tavallinen tiedosto (nimetty putki, laite tai pistoke); syöte luetaan useammin kuin kerran: "
     "tallenna se tiedostoon ja anna se",
     "{file}: det är ingen vanlig fil (ett namngivet rör, en enhet eller en socket); indata läses mer än en gång: "
     "spara den i en fil och ange den"),
    ("SR803", "{file}: cannot be read: {reason}", "{file}: ei voi lukea: {reason}", "{file}: kan inte läsas: {reason}"),
    ("SR803", "{file}: no such DuckDB database", "{file}: DuckDB-tietokantaa ei ole", "{file}: DuckDB-databasen finns inte"),
    ("SR803", "{file}: it is a folder; give a file", "{file}: se on kansio; anna tiedosto", "{file}: det är en mapp; ange en fil"),
    ("SR803", "{file}: the first line is empty; a CSV file starts with its header (the column names)",
     "{file}: ensimmäinen rivi on tyhjä; CSV-tiedosto alkaa otsikkorivillä (sarakkeiden nimet)",
     "{file}: första raden är tom; en CSV-fil börjar med sin rubrikrad (kolumnernas namn)"),
    ("SR803", "{file}: the header line is longer than {n} bytes; is it a CSV file?",
     "{file}: otsikkorivi on pidempi kuin {n} tavua; onko se CSV-tiedosto?",
     "{file}: rubrikraden är längre än {n} byte; är det en CSV-fil?"),
    ("SR803", "{file}: the file is empty: it has no line with a JSON object (a record)",
     "{file}: tiedosto on tyhjä: siinä ei ole yhtään riviä, jolla on JSON-objekti (tietue)",
     "{file}: filen är tom: den har ingen rad med ett JSON-objekt (en post)"),
    ("SR803", "{file}: the kind of file is not known; use .csv, .parquet or .jsonl, a DuckDB table (file.duckdb#table) "
     "or a PostgreSQL table (postgresql://...#table)",
     "{file}: tiedoston lajia ei tunneta; käytä päätettä .csv, .parquet tai .jsonl, DuckDB-taulua "
     "(tiedosto.duckdb#taulu) tai PostgreSQL-taulua (postgresql://...#taulu)",
     "{file}: filens slag är okänt; använd .csv, .parquet eller .jsonl, en DuckDB-tabell (fil.duckdb#tabell) "
     "eller en PostgreSQL-tabell (postgresql://...#tabell)"),
    ("SR803", "{file}: line {line} is not JSON: a comma before a closing bracket, NaN or Infinity (decide refuses it; "
     "DuckDB's reader would let it through); write it as JSON",
     "{file}: rivi {line} ei ole JSONia: pilkku ennen sulkevaa sulkua, NaN tai Infinity (decide hylkää sen; DuckDB:n "
     "lukija päästäisi sen läpi); kirjoita se JSONina",
     "{file}: rad {line} är inte JSON: ett kommatecken före en avslutande parentes, NaN eller Infinity (decide avvisar "
     "den; DuckDB:s läsare skulle släppa igenom den); skriv den som JSON"),
    ("SR803", "{file}: a line is not JSON: a comma before a closing bracket, NaN or Infinity (decide refuses it; "
     "DuckDB's reader would let it through); write it as JSON",
     "{file}: rivi ei ole JSONia: pilkku ennen sulkevaa sulkua, NaN tai Infinity (decide hylkää sen; DuckDB:n "
     "lukija päästäisi sen läpi); kirjoita se JSONina",
     "{file}: en rad är inte JSON: ett kommatecken före en avslutande parentes, NaN eller Infinity (decide avvisar "
     "den; DuckDB:s läsare skulle släppa igenom den); skriv den som JSON"),
    ("SR803", "{file}: line {line} has the empty key \"\", a column without a name; name it or delete it",
     "{file}: rivillä {line} on tyhjä avain \"\", sarake ilman nimeä; nimeä se tai poista se",
     "{file}: rad {line} har den tomma nyckeln \"\", en kolumn utan namn; namnge den eller ta bort den"),
    ("SR803", "{file}: a line has the empty key \"\", a column without a name; name it or delete it",
     "{file}: rivillä on tyhjä avain \"\", sarake ilman nimeä; nimeä se tai poista se",
     "{file}: en rad har den tomma nyckeln \"\", en kolumn utan namn; namnge den eller ta bort den"),
    ("SR803", "{file}: the name holds a byte that is not UTF-8; DuckDB, PostgreSQL and Spark take UTF-8 names only: "
     "rename it",
     "{file}: nimessä on tavu, joka ei ole UTF-8:aa; DuckDB, PostgreSQL ja Spark hyväksyvät vain UTF-8-nimet: "
     "nimeä se uudelleen",
     "{file}: namnet innehåller en byte som inte är UTF-8; DuckDB, PostgreSQL och Spark tar bara UTF-8-namn: "
     "byt namn på den"),
    ("SR803", "{file}: there is no record key column {key} (give it with --key); the columns are: {columns}",
     "{file}: tietueen avainsaraketta {key} ei ole (anna se valitsimella --key); sarakkeet ovat: {columns}",
     "{file}: nyckelkolumnen {key} finns inte (ange den med --key); kolumnerna är: {columns}"),
    ("SR803", "{file}: no column {names} to carry; the columns are: {columns}",
     "{file}: ei saraketta {names} tuotavaksi mukaan; sarakkeet ovat: {columns}",
     "{file}: ingen kolumn {names} att ta med; kolumnerna är: {columns}"),
    ("SR803", "{file}: the long shape, a row per answer, carries no column ({column}): a column of its rows is not "
     "one of the record's; carry it with the wide shape, or join it to the result by the record key",
     "{file}: pitkä muoto, rivi vastausta kohden, ei tuo mukaan sarakkeita ({column}): sen rivien sarake ei ole "
     "tietueen sarake; tuo se mukaan leveässä muodossa tai liitä se tulokseen tietueen avaimella",
     "{file}: den långa formen, en rad per svar, tar inte med några kolumner ({column}): en kolumn i dess rader är "
     "inte postens; ta med den i den breda formen, eller foga den till resultatet med postens nyckel"),
    ("SR810", "{option} {file}: --engine postgres reads and writes tables of a PostgreSQL database, not files; load the "
     "file into a table (psql: \\copy answers FROM 'answers.csv' WITH (FORMAT csv, HEADER)) and give "
     "postgresql://...#answers, or segment files with --engine duckdb (the default), which gives the same results",
     "{option} {file}: --engine postgres lukee ja kirjoittaa PostgreSQL-tietokannan tauluja, ei tiedostoja; lataa "
     "tiedosto tauluun (psql: \\copy answers FROM 'answers.csv' WITH (FORMAT csv, HEADER)) ja anna "
     "postgresql://...#answers, tai segmentoi tiedostot valitsimella --engine duckdb (oletus), joka antaa samat tulokset",
     "{option} {file}: --engine postgres läser och skriver tabeller i en PostgreSQL-databas, inte filer; läs in "
     "filen i en tabell (psql: \\copy answers FROM 'answers.csv' WITH (FORMAT csv, HEADER)) och ange "
     "postgresql://...#answers, eller segmentera filer med --engine duckdb (standard), som ger samma resultat"),
    ("SR810", "{option} is a PostgreSQL table, which only --engine postgres reads and writes (inside the server); add "
     "--engine postgres, with the input, output and rejects all tables of one database",
     "{option} on PostgreSQL-taulu, jota vain --engine postgres lukee ja kirjoittaa (palvelimen sisällä); lisää "
     "--engine postgres, ja anna syöte, tulos ja hylätyt saman tietokannan tauluina",
     "{option} är en PostgreSQL-tabell, som bara --engine postgres läser och skriver (inne i servern); lägg till "
     "--engine postgres, med indata, utdata och avvisade poster som tabeller i samma databas"),
    ("SR810", "--engine postgres reads and writes tables of one PostgreSQL database: give --input, --output (and "
     "--rejects) as postgresql://...#table with the same connection",
     "--engine postgres lukee ja kirjoittaa yhden PostgreSQL-tietokannan tauluja: anna --input, --output (ja "
     "--rejects) muodossa postgresql://...#taulu samalla yhteydellä",
     "--engine postgres läser och skriver tabeller i en PostgreSQL-databas: ange --input, --output (och "
     "--rejects) som postgresql://...#tabell med samma anslutning"),
    # evaluation
    ("SR401", "no segment rule holds for these answers", "mikään segmentin sääntö ei täyty näillä vastauksilla",
     "ingen segmentregel gäller för dessa svar"),
    ("SR402", "rules of several segments hold for these answers: {names}", "usean segmentin säännöt täyttyvät näillä vastauksilla: {names}",
     "regler för flera segment gäller för dessa svar: {names}"),
    ("SR403", "division by zero", "nollalla jakaminen", "division med noll"),
    ("SR404", "{func}(...) has no answered inputs to work on", "funktiolla {func}(...) ei ole yhtään vastattua kysymystä",
     "{func}(...) har inga besvarade frågor att arbeta med"),
    ("SR405", "input {id} has no answer, but is used here; the ruleset should check answered({bare}) first or use it inside an aggregate",
     "kysymykseen {id} ei ole vastattu, mutta sitä käytetään tässä; säännöstön pitäisi ensin tarkistaa answered({bare}) tai käyttää kysymystä koostefunktion sisällä",
     "frågan {id} har inget svar men används här; regeluppsättningen borde först kontrollera answered({bare}) eller använda den i en aggregatfunktion"),
    # notes (replay)
    ("SR000", "rule {n} is on line {line} of this file; the record says line {old}",
     "sääntö {n} on tämän tiedoston rivillä {line}; tietueen mukaan rivillä {old}",
     "regel {n} står på rad {line} i denna fil; posten säger rad {old}"),
    # using the command line
    ("SR500", "unknown language {lang}: use fi, sv or en", "tuntematon kieli {lang}: käytä fi, sv tai en",
     "okänt språk {lang}: använd fi, sv eller en"),
    ("SR500", "SEGRULES_LANG={lang} is not a language segrules speaks: use fi, sv or en",
     "SEGRULES_LANG={lang} ei ole kieli, jota segrules puhuu: käytä fi, sv tai en",
     "SEGRULES_LANG={lang} är inte ett språk som segrules talar: använd fi, sv eller en"),
    ("SR514", "unknown error code {code}; `segrules explain --list` lists every code",
     "tuntematon virhekoodi {code}; `segrules explain --list` luettelee kaikki koodit",
     "okänd felkod {code}; `segrules explain --list` listar alla koder"),
    # crosswalks (segrules crosswalk --check, and a lookup)
    ("SR700", "ruleset {id} is listed twice (first at line {line})", "säännöstö {id} on luettelossa kahdesti (ensin rivillä {line})",
     "regeluppsättningen {id} står två gånger i listan (först på rad {line})"),
    ("SR701", "no ruleset with id {id} was found under {folder}", "kansiosta {folder} ei löytynyt säännöstöä, jonka tunnus on {id}",
     "ingen regeluppsättning med id {id} hittades under {folder}"),
    ("SR701", "ruleset id {id} is declared by several files: {paths}", "säännöstön tunnus {id} on useamman tiedoston tunnus: {paths}",
     "regeluppsättningens id {id} deklareras av flera filer: {paths}"),
    ("SR701", "ruleset {id} ({path}) does not load: {problem}", "säännöstö {id} ({path}) ei lataudu; segrules check näyttää miksi",
     "regeluppsättningen {id} ({path}) laddas inte; segrules check visar varför"),
    ("SR702", "ruleset {id} has no axes, so its segments have no place in the four fields",
     "säännöstöllä {id} ei ole akseleita, joten sen segmenteillä ei ole paikkaa nelikentässä",
     "regeluppsättningen {id} har inga axlar, så dess segment har ingen plats i fyrfältet"),
    ("SR703", "the quadrant resources {resources}, complexity {complexity} is given twice (first at line {line})",
     "nelikentän kenttä resources {resources}, complexity {complexity} on annettu kahdesti (ensin rivillä {line})",
     "fältet resources {resources}, complexity {complexity} är givet två gånger (först på rad {line})"),
    ("SR703", "quadrant must be a mapping {resources: high|low, complexity: high|low}",
     "quadrant-kohdan on oltava avain–arvo-pareja {resources: high|low, complexity: high|low}",
     "quadrant måste vara en mappning {resources: high|low, complexity: high|low}"),
    ("SR703", "quadrant {key} must be high or low", "quadrant-kohdan {key} on oltava high tai low",
     "quadrant {key} måste vara high eller low"),
    ("SR703", "quadrant is missing {axis} (high or low)", "quadrant-kohdasta puuttuu {axis} (high tai low)",
     "quadrant saknar {axis} (high eller low)"),
    ("SR704", "{id} is not one of the crosswalk's rulesets", "{id} ei ole vastaavuustaulukon säännöstöjä",
     "{id} är inte en av korstabellens regeluppsättningar"),
    ("SR704", "ruleset {rid} has no segment {sid}", "säännöstössä {rid} ei ole segmenttiä {sid}",
     "regeluppsättningen {rid} har inget segment {sid}"),
    ("SR705", "segment {sid} of {rid} has the quadrant resources {resources}, complexity {complexity} in its ruleset, "
     "not the one of {where}",
     "säännöstön {rid} segmentillä {sid} on säännöstössään nelikentän kenttä resources {resources}, complexity "
     "{complexity}, ei tämän paikan kenttä",
     "segmentet {sid} i {rid} har fältet resources {resources}, complexity {complexity} i sin regeluppsättning, "
     "inte denna positions fält"),
    ("SR706", "segment {sid} of {rid} appears in no position{rest}: the crosswalk must be total",
     "säännöstön {rid} segmentti {sid} ei ole missään paikassa: vastaavuustaulukon on katettava kaikki segmentit",
     "segmentet {sid} i {rid} finns inte i någon position: korstabellen måste täcka alla segment"),
    ("SR706", "{where} names no segment of {rid}: the crosswalk must be total",
     "paikka ei nimeä säännöstön {rid} segmenttiä: vastaavuustaulukon on katettava kaikki segmentit",
     "positionen nämner inget segment i {rid}: korstabellen måste täcka alla segment"),
    ("SR706", "segment {sid} of {rid} has no position in the crosswalk",
     "säännöstön {rid} segmentillä {sid} ei ole paikkaa vastaavuustaulukossa",
     "segmentet {sid} i {rid} har ingen position i korstabellen"),
    ("SR707", "segment {sid} of {rid} appears in two positions (first at line {line}): the crosswalk must be one-to-one",
     "säännöstön {rid} segmentti {sid} on kahdessa paikassa (ensin rivillä {line}): vastaavuuksien on oltava yksi yhteen",
     "segmentet {sid} i {rid} finns i två positioner (först på rad {line}): korstabellen måste vara ett-till-ett"),
    ("SR708", "{name} is not a ruleset of the crosswalk {file}; its rulesets are: {ids} (did you mean {close}?)",
     "{name} ei ole vastaavuustaulukon {file} säännöstö; sen säännöstöt ovat: {ids} (tarkoititko {close}?)",
     "{name} är inte en regeluppsättning i korstabellen {file}; dess regeluppsättningar är: {ids} (menade du {close}?)"),
    ("SR708", "{name} is not a ruleset of the crosswalk {file}; its rulesets are: {ids}",
     "{name} ei ole vastaavuustaulukon {file} säännöstö; sen säännöstöt ovat: {ids}",
     "{name} är inte en regeluppsättning i korstabellen {file}; dess regeluppsättningar är: {ids}"),
    ("SR709", "{name} names several segments of {rid}: {ids}; give the segment id",
     "{name} on usean säännöstön {rid} segmentin nimi: {ids}; anna segmentin tunnus",
     "{name} är namnet på flera segment i {rid}: {ids}; ange segmentets id"),
    ("SR709", "{name} is not a segment of {rid}; its segments are: {ids}",
     "{name} ei ole säännöstön {rid} segmentti; sen segmentit ovat: {ids}",
     "{name} är inte ett segment i {rid}; dess segment är: {ids}"),
    ("SR702", "ruleset {id} has no quadrant axes, so there is no quadrant to draw",
     "säännöstöllä {id} ei ole nelikentän akseleita, joten nelikenttää ei voi piirtää",
     "regeluppsättningen {id} har inga fyrfältsaxlar, så det finns inget fyrfält att rita"),
    # ---- the messages an operator meets (the library, batch and SQL, report, serve, workbench, FHIR)
    # answers
    ("SR308", "the answers nest lists or objects more than {n} levels deep",
     "vastauksissa on sisäkkäisiä luetteloita tai objekteja yli {n} tasoa", "svaren nästlar listor eller objekt mer än {n} nivåer djupt"),
    ("SR308", "{what} nests lists or objects more than {n} levels deep (at line {line} column {column})",
     "{what} sisältää sisäkkäisiä luetteloita tai objekteja yli {n} tasoa (rivillä {line}, sarakkeessa {column})",
     "{what} nästlar listor eller objekt mer än {n} nivåer djupt (på rad {line}, kolumn {column})"),
    ("SR301", "and {n} more answers to inputs this ruleset does not have",
     "ja {n} muuta vastausta kysymyksiin, joita tässä säännöstössä ei ole",
     "och {n} svar till på frågor som den här regeluppsättningen inte har"),
    ("SR301", "and {n} more answer to inputs this ruleset does not have",
     "ja {n} muu vastaus kysymykseen, jota tässä säännöstössä ei ole",
     "och {n} svar till på en fråga som den här regeluppsättningen inte har"),
    ("SR500", "answers from standard input need the stream", "vakiosyötteestä luettavat vastaukset tarvitsevat syötevirran",
     "svar från standard in behöver strömmen"),
    # the library: times, overrides, pickles
    ("SR512", "--at {time} is not an ISO 8601 date-time; write e.g. 2024-03-01T09:30:00+02:00",
     "--at {time} ei ole ISO 8601 -muotoinen päivämäärä ja kellonaika; kirjoita esim. 2024-03-01T09:30:00+02:00",
     "--at {time} är inte ett datum och klockslag enligt ISO 8601; skriv t.ex. 2024-03-01T09:30:00+02:00"),
    ("SR550", "the time {time} has no UTC offset; write e.g. {local}+02:00, or {local2}Z for UTC",
     "ajalta {time} puuttuu UTC-ero; kirjoita esim. {local}+02:00 tai UTC-aikana {local2}Z",
     "tiden {time} saknar UTC-förskjutning; skriv t.ex. {local}+02:00, eller {local2}Z för UTC"),
    ("SR550", "the assessment time must be a datetime with a UTC offset, not {type}",
     "arviointiajan on oltava datetime, jolla on UTC-ero, ei {type}",
     "bedömningstiden måste vara en datetime med UTC-förskjutning, inte {type}"),
    ("SR550", "the assessment time {time} has no UTC offset; give it one, e.g. datetime(2024, 3, 1, 9, 30, "
     "tzinfo=timezone.utc) or 2024-03-01T09:30:00+02:00",
     "arviointiajalta {time} puuttuu UTC-ero; anna se, esim. datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc) "
     "tai 2024-03-01T09:30:00+02:00",
     "bedömningstiden {time} saknar UTC-förskjutning; ange en, t.ex. datetime(2024, 3, 1, 9, 30, "
     "tzinfo=timezone.utc) eller 2024-03-01T09:30:00+02:00"),
    ("SR524", "the assessment time {time} is too late: the re-assessment date would pass the year 9999; give a time "
     "before the year {year}",
     "arviointiaika {time} on liian myöhään: uudelleenarvioinnin päivä menisi vuoden 9999 yli; anna aika ennen "
     "vuotta {year}",
     "bedömningstiden {time} är för sen: datumet för en ny bedömning skulle gå förbi år 9999; ange en tid före "
     "år {year}"),
    ("SR502", "a reason was given, but no segment to override with; give the segment id too",
     "perustelu annettiin, mutta ei segmenttiä, johon vaihtaa; anna myös segmentin tunnus",
     "en motivering gavs, men inget segment att byta till; ange också segmentets id"),
    ("SR502", "overriding the suggested segment needs a reason, so that the choice can be followed later",
     "ehdotetun segmentin vaihtaminen vaatii perustelun, jotta valinnan voi myöhemmin jäljittää",
     "en ändring av det föreslagna segmentet kräver en motivering, så att valet kan följas upp senare"),
    ("SR551", "{id} is the segment the rules suggest; an override chooses another segment (to confirm the "
     "suggestion, keep the decision as it is)",
     "{id} on segmentti, jota säännöt ehdottavat; vaihdolla valitaan toinen segmentti (jos haluat vahvistaa "
     "ehdotuksen, pidä päätös ennallaan)",
     "{id} är segmentet som reglerna föreslår; en ändring väljer ett annat segment (för att bekräfta förslaget, "
     "behåll beslutet som det är)"),
    ("SR555", "the pickled ruleset {name} loads here with the content hash {hash}, not {hash2}; the two sides run "
     "different versions of segrules",
     "picklellä tallennettu säännöstö {name} latautuu tässä sisällön tiivisteellä {hash}, ei {hash2}; osapuolet "
     "käyttävät segrulesin eri versioita",
     "den picklade regeluppsättningen {name} laddas här med innehållets hash {hash}, inte {hash2}; de två sidorna "
     "kör olika versioner av segrules"),
    ("SR555", "only a ruleset loaded from a file or a text can be pickled",
     "vain tiedostosta tai tekstistä ladatun säännöstön voi tallentaa picklellä",
     "bara en regeluppsättning som laddats från en fil eller en text kan picklas"),
    ("SR556", "this decision was unpickled without its ruleset, so it cannot be overridden here; decide again with "
     "ruleset.decide(decision.answers, assessed_at=decision.assessed_at, override=..., reason=...), or read its "
     "record with Decision.from_json(record, ruleset)",
     "tämä päätös luettiin picklestä ilman säännöstöään, joten sen segmenttiä ei voi vaihtaa tässä; tee päätös "
     "uudelleen: ruleset.decide(decision.answers, assessed_at=decision.assessed_at, override=..., reason=...), "
     "tai lue sen tietue: Decision.from_json(record, ruleset)",
     "det här beslutet avpicklades utan sin regeluppsättning, så det kan inte ändras här; fatta beslutet igen "
     "med ruleset.decide(decision.answers, assessed_at=decision.assessed_at, override=..., reason=...), eller "
     "läs dess post med Decision.from_json(record, ruleset)"),
    ("SR513", "could not draw a valid answer set for {id} in {n} attempts: the asked_when conditions cannot be "
     "evaluated (run `segrules verify` to see why)",
     "säännöstölle {id} ei saatu arvottua kelvollista vastausjoukkoa {n} yrityksellä: asked_when-ehtoja ei voi "
     "arvioida (aja `segrules verify` nähdäksesi miksi)",
     "ingen giltig svarsuppsättning kunde lottas för {id} på {n} försök: villkoren i asked_when kan inte "
     "utvärderas (kör `segrules verify` för att se varför)"),
    ("SR514", "the explanations of error codes are not available in this version",
     "virhekoodien selitykset eivät ole saatavilla tässä versiossa", "felkodernas förklaringar finns inte i den här versionen"),
    ("SR515", "no shipped model has the id {id} (did you mean {close}?); the shipped models are: {ids}",
     "mukana tulevista malleista millään ei ole tunnusta {id} (tarkoititko {close}?); mukana tulevat mallit ovat: {ids}",
     "ingen medföljande modell har id {id} (menade du {close}?); de medföljande modellerna är: {ids}"),
    ("SR515", "no shipped model has the id {id}; the shipped models are: {ids}",
     "mukana tulevista malleista millään ei ole tunnusta {id}; mukana tulevat mallit ovat: {ids}",
     "ingen medföljande modell har id {id}; de medföljande modellerna är: {ids}"),
    ("SR525", "the quadrant of ruleset {id} is too large to draw: its axes read {n} inputs, and a diagram is drawn "
     "for at most {max}",
     "säännöstön {id} nelikenttä on liian suuri piirrettäväksi: sen akselit lukevat {n} kysymystä, ja kaavio "
     "piirretään enintään {max} kysymyksestä",
     "fyrfältet för regeluppsättningen {id} är för stort för att ritas: dess axlar läser {n} frågor, och ett "
     "diagram ritas för högst {max}"),
    ("SR702", "the score plane of ruleset {id} could not be computed: the verifier could not decide it",
     "säännöstön {id} pistetasoa ei voitu laskea: verifiointi ei pystynyt ratkaisemaan sitä",
     "poängplanet för regeluppsättningen {id} kunde inte beräknas: verifieringen kunde inte avgöra det"),
    # two versions compared (segrules diff)
    ("SR640", "input {id} is {kind_old} in the old version and {kind_new} in the new one: an answer cannot be both; "
     "give the changed input a new id",
     "kysymys {id} on vanhassa versiossa {kind_old} ja uudessa {kind_new}: vastaus ei voi olla molempia; anna "
     "muuttuneelle kysymykselle uusi tunnus",
     "frågan {id} är {kind_old} i den gamla versionen och {kind_new} i den nya: ett svar kan inte vara båda; ge "
     "den ändrade frågan ett nytt id"),
    ("SR641", "the witness {answers} of {r} -> {c} gives {r2} -> {c2} when re-run; nothing is claimed (a bug in segrules)",
     "muutoksen {r} -> {c} esimerkki {answers} antaa uudelleen ajettuna {r2} -> {c2}; mitään ei väitetä "
     "(virhe segrulesissa)",
     "exemplet {answers} för {r} -> {c} ger {r2} -> {c2} när det körs igen; ingenting påstås (ett fel i segrules)"),
    ("SR641", "the solver proved {r} -> {c} empty, but {n} answer sets were counted in it; nothing is claimed "
     "(a bug in segrules)",
     "ratkaisin todisti muutoksen {r} -> {c} tyhjäksi, mutta siihen laskettiin {n} vastausjoukkoa; mitään ei "
     "väitetä (virhe segrulesissa)",
     "lösaren bevisade att {r} -> {c} är tom, men {n} svarsuppsättningar räknades i den; ingenting påstås "
     "(ett fel i segrules)"),
    ("SR641", "the solver found an answer set {r} -> {c} that the count did not count; nothing is claimed "
     "(a bug in segrules)",
     "ratkaisin löysi muutoksen {r} -> {c} vastausjoukon, jota laskenta ei laskenut; mitään ei väitetä "
     "(virhe segrulesissa)",
     "lösaren hittade en svarsuppsättning {r} -> {c} som räkningen inte räknade; ingenting påstås "
     "(ett fel i segrules)"),
    # the verifier's own cross-checks (a bug in segrules)
    ("SR690", "a witness does not reproduce the finding {finding}: reference gives {got}",
     "esimerkki ei toista havaintoa {finding}: viite-evaluaattori antaa {got}",
     "ett exempel återger inte fyndet {finding}: referensutvärderaren ger {got}"),
    ("SR690", "the verifier accounted for {n} answer sets out of {size}",
     "verifiointi kävi läpi {n} vastausjoukkoa, kun niitä on {size}",
     "verifieringen redovisade {n} svarsuppsättningar av {size}"),
    ("SR690", "the compiled engine fails on {answers} where the reference evaluator does not",
     "käännetty evaluaattori epäonnistuu vastauksilla {answers}, viite-evaluaattori ei",
     "den kompilerade utvärderaren misslyckas med {answers} där referensutvärderaren inte gör det"),
    ("SR690", "the compiled engine gives rules {rules} for {answers}, the reference evaluator {ref}",
     "käännetty evaluaattori antaa vastauksille {answers} säännöt {rules}, viite-evaluaattori {ref}",
     "den kompilerade utvärderaren ger reglerna {rules} för {answers}, referensutvärderaren {ref}"),
    ("SR690", "the compiled engine and the reference evaluator differ on {answers}",
     "käännetty evaluaattori ja viite-evaluaattori ovat eri mieltä vastauksista {answers}",
     "den kompilerade utvärderaren och referensutvärderaren skiljer sig åt för {answers}"),
    ("SR690", "the segment sizes add up to {n} answer sets, the tally to {m}",
     "segmenttien koot ovat yhteensä {n} vastausjoukkoa, kokonaislaskenta {m}",
     "segmentens storlekar blir sammanlagt {n} svarsuppsättningar, summeringen {m}"),
    ("SR690", "counted {n} answer sets out of {size}", "laskettiin {n} vastausjoukkoa, kun niitä on {size}",
     "räknade {n} svarsuppsättningar av {size}"),
    ("SR690", "the joint count accounted for {n} answer sets out of {size}",
     "yhteislaskenta kävi läpi {n} vastausjoukkoa, kun niitä on {size}",
     "den gemensamma räkningen redovisade {n} svarsuppsättningar av {size}"),
    ("SR691", "the inexact number {number} reached the evaluator ({what}); every number must be an int or a Fraction",
     "epätarkka luku {number} päätyi evaluaattoriin ({what}); jokaisen luvun on oltava int tai Fraction",
     "det inexakta talet {number} nådde utvärderaren ({what}); varje tal måste vara en int eller en Fraction"),
    # batch and SQL
    ("SR800", "ruleset {id} needs integers of up to {n} digits in SQL, more than the 38 an exact SQL integer type "
     "holds; simplify the scores (fewer nested divisions and products)",
     "säännöstö {id} tarvitsee SQL:ssä enintään {n}-numeroisia kokonaislukuja, enemmän kuin tarkan SQL-"
     "kokonaislukutyypin 38 numeroa; yksinkertaista pistemääriä (vähemmän sisäkkäisiä jakoja ja kertolaskuja)",
     "regeluppsättningen {id} behöver heltal med upp till {n} siffror i SQL, fler än de 38 som en exakt "
     "heltalstyp i SQL rymmer; förenkla poängen (färre nästlade divisioner och produkter)"),
    ("SR800", "the SQL for ruleset {id} would be {n} characters long; nest the conditions less deeply",
     "säännöstön {id} SQL olisi {n} merkkiä pitkä; sijoita ehtoja vähemmän syvälle sisäkkäin",
     "SQL-koden för regeluppsättningen {id} skulle bli {n} tecken lång; nästla villkoren mindre djupt"),
    ("SR800", "the asked_when of an input reads {names}, whose answers fall into {n} combinations (more than {max}); "
     "the SQL tries each when an answer is missing or invalid; let the condition read fewer inputs",
     "kysymyksen asked_when lukee kysymyksiä {names}, joiden vastauksista tulee {n} yhdistelmää (yli {max}); "
     "SQL kokeilee jokaista, kun vastaus puuttuu tai on virheellinen; anna ehdon lukea vähemmän kysymyksiä",
     "asked_when för en fråga läser {names}, vars svar faller i {n} kombinationer (fler än {max}); SQL-koden "
     "prövar var och en när ett svar saknas eller är ogiltigt; låt villkoret läsa färre frågor"),
    ("SR800", "input {id} allows numbers of more than {n} digits, which the SQL does not read",
     "kysymys {id} sallii yli {n}-numeroiset luvut, joita SQL ei lue",
     "frågan {id} tillåter tal med fler än {n} siffror, som SQL-koden inte läser"),
    ("SR801", "--typed is for the wide shape: the long shape's value column holds every kind of answer",
     "--typed on leveää muotoa varten: pitkän muodon value-sarakkeessa on kaikenlaisia vastauksia",
     "--typed är för den breda formen: den långa formens value-kolumn rymmer alla slags svar"),
    ("SR801", "unknown engine {name}; use one of: {names}", "tuntematon moottori {name}; käytä jotakin näistä: {names}",
     "okänd motor {name}; använd en av: {names}"),
    ("SR801", "unknown input shape {name}; use one of: {names}", "tuntematon syötteen muoto {name}; käytä jotakin näistä: {names}",
     "okänd form på indata {name}; använd en av: {names}"),
    ("SR801", "unknown SQL dialect {name}; use one of: {names}", "tuntematon SQL-murre {name}; käytä jotakin näistä: {names}",
     "okänd SQL-dialekt {name}; använd en av: {names}"),
    ("SR801", "--spark-master is for --engine spark", "--spark-master on valitsinta --engine spark varten",
     "--spark-master är för --engine spark"),
    ("SR801", "--carry is for the duckdb and python engines; PostgreSQL carries every non-input column",
     "--carry on duckdb- ja python-moottoreita varten; PostgreSQL tuo mukaan jokaisen sarakkeen, joka ei ole kysymys",
     "--carry är för motorerna duckdb och python; PostgreSQL tar med varje kolumn som inte är en fråga"),
    ("SR801", "JSON columns are read by DuckDB and PostgreSQL, not in {dialect} SQL",
     "JSON-sarakkeita lukevat DuckDB ja PostgreSQL, ei {dialect}-SQL",
     "JSON-kolumner läses av DuckDB och PostgreSQL, inte i {dialect}-SQL"),
    ("SR803", "segrules report reads files and DuckDB tables; run segrules batch --engine postgres first",
     "segrules report lukee tiedostoja ja DuckDB-tauluja; aja ensin segrules batch --engine postgres",
     "segrules report läser filer och DuckDB-tabeller; kör först segrules batch --engine postgres"),
    ("SR803", "{file}: is not UTF-8 text; save it as UTF-8, or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 ({detail})",
     "{file}: ei ole UTF-8-tekstiä; tallenna se UTF-8-muodossa tai muunna se, esim. iconv -f WINDOWS-1252 -t UTF-8 "
     "({detail})",
     "{file}: är inte UTF-8-text; spara den som UTF-8, eller konvertera den, t.ex. iconv -f WINDOWS-1252 -t UTF-8 "
     "({detail})"),
    ("SR803", "{file}: is not UTF-8 text; save it as UTF-8 (in a spreadsheet: 'CSV UTF-8'), or convert it, "
     "e.g. iconv -f WINDOWS-1252 -t UTF-8 ({detail})",
     "{file}: ei ole UTF-8-tekstiä; tallenna se UTF-8-muodossa (taulukko-ohjelmassa: 'CSV UTF-8') tai muunna se, "
     "esim. iconv -f WINDOWS-1252 -t UTF-8 ({detail})",
     "{file}: är inte UTF-8-text; spara den som UTF-8 (i ett kalkylprogram: 'CSV UTF-8'), eller konvertera den, "
     "t.ex. iconv -f WINDOWS-1252 -t UTF-8 ({detail})"),
    ("SR803", "{file}: is not UTF-8 text; save it as UTF-8 (in a spreadsheet: 'CSV UTF-8'), or convert it, "
     "e.g. iconv -f WINDOWS-1252 -t UTF-8",
     "{file}: ei ole UTF-8-tekstiä; tallenna se UTF-8-muodossa (taulukko-ohjelmassa: 'CSV UTF-8') tai muunna se, "
     "esim. iconv -f WINDOWS-1252 -t UTF-8",
     "{file}: är inte UTF-8-text; spara den som UTF-8 (i ett kalkylprogram: 'CSV UTF-8'), eller konvertera den, "
     "t.ex. iconv -f WINDOWS-1252 -t UTF-8"),
    ("SR803", "{file}: cannot be read as CSV: {detail}. Every row must have the header's columns, a field with the "
     "delimiter, a quote or a line break quoted (\"...\", a quote inside doubled), one kind of line end",
     "{file}: ei voi lukea CSV-tiedostona: {detail}. Jokaisella rivillä on oltava otsikkorivin sarakkeet, kenttä, "
     "jossa on erotin, lainausmerkki tai rivinvaihto, lainausmerkeissä (\"...\", lainausmerkki sisällä "
     "kahdennettuna), ja rivinvaihtojen on oltava samaa lajia",
     "{file}: kan inte läsas som CSV: {detail}. Varje rad måste ha rubrikradens kolumner, ett fält med "
     "avgränsaren, ett citattecken eller en radbrytning inom citattecken (\"...\", ett citattecken inuti "
     "dubblerat), ett slags radslut"),
    ("SR803", "{file}: cannot open the DuckDB database: {detail}", "{file}: DuckDB-tietokantaa ei voi avata: {detail}",
     "{file}: DuckDB-databasen kan inte öppnas: {detail}"),
    ("SR803", "{file}: cannot be read: {detail}", "{file}: ei voi lukea: {detail}", "{file}: kan inte läsas: {detail}"),
    ("SR803", "{file}: column {n} of the header has no name; name it, or delete the column",
     "{file}: otsikkorivin sarakkeella {n} ei ole nimeä; nimeä se tai poista sarake",
     "{file}: kolumn {n} i rubrikraden har inget namn; namnge den eller ta bort kolumnen"),
    ("SR803", "{file}: the long shape needs the columns {key}, question and value; missing: {names}",
     "{file}: pitkä muoto tarvitsee sarakkeet {key}, question ja value; puuttuu: {names}",
     "{file}: den långa formen behöver kolumnerna {key}, question och value; saknas: {names}"),
    ("SR804", "{file}: cannot open the DuckDB database: {detail}", "{file}: DuckDB-tietokantaa ei voi avata: {detail}",
     "{file}: DuckDB-databasen kan inte öppnas: {detail}"),
    ("SR804", "{file}: the folder {folder} does not exist", "{file}: kansiota {folder} ei ole",
     "{file}: mappen {folder} finns inte"),
    ("SR804", "{file}: the old output cannot be moved aside; nothing was changed",
     "{file}: vanhaa tulostetta ei voi siirtää syrjään; mitään ei muutettu",
     "{file}: den gamla utdatan kan inte flyttas undan; ingenting ändrades"),
    ("SR804", "{file}: the new output cannot be put in place; the old one is kept",
     "{file}: uutta tulostetta ei voi siirtää paikalleen; vanha säilytetään",
     "{file}: den nya utdatan kan inte sättas på plats; den gamla behålls"),
    ("SR804", "{file} is written, but the old output could not be removed: {path}",
     "{file} on kirjoitettu, mutta vanhaa tulostetta ei voitu poistaa: {path}",
     "{file} är skriven, men den gamla utdatan kunde inte tas bort: {path}"),
    ("SR804", "cannot write the Python engine's working file in {folder}: {reason}; it holds every record's result "
     "until the output is written: make room there, or set TMPDIR to a folder with room",
     "Python-moottorin työtiedostoa ei voi kirjoittaa kansioon {folder}: {reason}; siinä on jokaisen tietueen tulos, "
     "kunnes tuloste on kirjoitettu: vapauta sieltä tilaa tai aseta TMPDIR kansioon, jossa on tilaa",
     "Python-motorns arbetsfil kan inte skrivas i {folder}: {reason}; den rymmer varje posts resultat tills utdatan "
     "är skriven: frigör utrymme där, eller sätt TMPDIR till en mapp med utrymme"),
    ("SR805", "segrules report needs DuckDB: pip install 'segrules[sql]'",
     "segrules report tarvitsee DuckDB:n: pip install 'segrules[sql]'", "segrules report behöver DuckDB: pip install 'segrules[sql]'"),
    ("SR805", "batch runs need the optional 'sql' extra: pip install 'segrules[sql]'",
     "eräajot tarvitsevat valinnaisen lisäosan 'sql': pip install 'segrules[sql]'",
     "batchkörningar behöver det valfria tillägget 'sql': pip install 'segrules[sql]'"),
    ("SR805", "PostgreSQL needs the optional 'sql' extra: pip install 'segrules[sql]'",
     "PostgreSQL tarvitsee valinnaisen lisäosan 'sql': pip install 'segrules[sql]'",
     "PostgreSQL behöver det valfria tillägget 'sql': pip install 'segrules[sql]'"),
    ("SR805", "SQL needs the optional 'sql' extra: pip install 'segrules[sql]'",
     "SQL tarvitsee valinnaisen lisäosan 'sql': pip install 'segrules[sql]'",
     "SQL behöver det valfria tillägget 'sql': pip install 'segrules[sql]'"),
    ("SR805", "--engine spark needs the optional 'spark' extra: pip install 'segrules[spark]' (and Java 17 or later)",
     "--engine spark tarvitsee valinnaisen lisäosan 'spark': pip install 'segrules[spark]' (ja Java 17 tai uudempi)",
     "--engine spark behöver det valfria tillägget 'spark': pip install 'segrules[spark]' (och Java 17 eller senare)"),
    ("SR806", "DuckDB could not segment {file}: {detail}", "DuckDB ei pystynyt segmentoimaan syötettä {file}: {detail}",
     "DuckDB kunde inte segmentera {file}: {detail}"),
    ("SR806", "Spark could not segment {file}: {detail}", "Spark ei pystynyt segmentoimaan syötettä {file}: {detail}",
     "Spark kunde inte segmentera {file}: {detail}"),
    ("SR806", "Spark did not start on {master}: {detail}", "Spark ei käynnistynyt ({master}): {detail}",
     "Spark startade inte på {master}: {detail}"),
    ("SR806", "the Spark master did not listen on 127.0.0.1:{port} within {seconds} s",
     "Sparkin master-prosessi ei alkanut kuunnella osoitteessa 127.0.0.1:{port} {seconds} sekunnissa",
     "Spark-mastern lyssnade inte på 127.0.0.1:{port} inom {seconds} s"),
    ("SR806", "the Spark master stopped at start:\n{log}", "Sparkin master-prosessi pysähtyi käynnistyessään:\n{log}",
     "Spark-mastern stannade vid starten:\n{log}"),
    ("SR806", "cannot connect to PostgreSQL: {detail}", "PostgreSQL-yhteyttä ei voi muodostaa: {detail}",
     "kan inte ansluta till PostgreSQL: {detail}"),
    ("SR807", "{file}: line {line} gives the key {key} twice; decide refuses such a line too: keep one value for each key",
     "{file}: rivillä {line} avain {key} on kahdesti; myös decide hylkää tällaisen rivin: jätä kullekin avaimelle yksi arvo",
     "{file}: rad {line} har nyckeln {key} två gånger; decide avvisar också en sådan rad: behåll ett värde för varje "
     "nyckel"),
    ("SR803", "{file}: cannot be read as JSON Lines (one JSON object a line): line {line} is not one JSON object, as "
     "decide reads a line; write each record as one JSON object on a line of its own",
     "{file}: ei ole luettavissa JSON Lines -muodossa (yksi JSON-objekti rivillä): rivi {line} ei ole yksi "
     "JSON-objekti niin kuin decide lukee rivin; kirjoita kukin tietue yhdeksi JSON-objektiksi omalle rivilleen",
     "{file}: kan inte läsas som JSON Lines (ett JSON-objekt per rad): rad {line} är inte ett JSON-objekt så som "
     "decide läser en rad; skriv varje post som ett JSON-objekt på en egen rad"),
    ("SR803", "{file}: cannot be read as JSON Lines (one JSON object a line): {detail}",
     "{file}: ei ole luettavissa JSON Lines -muodossa (yksi JSON-objekti rivillä): {detail}",
     "{file}: kan inte läsas som JSON Lines (ett JSON-objekt per rad): {detail}"),
    ("SR807", "{file}: the keys {first} and {second} name one column (column names ignore case); write each key in "
     "one spelling",
     "{file}: avaimet {first} ja {second} nimeävät saman sarakkeen (sarakkeiden nimissä isot ja pienet kirjaimet "
     "ovat samat); kirjoita kukin avain aina samoin",
     "{file}: nycklarna {first} och {second} namnger samma kolumn (kolumnnamn skiljer inte på stora och små "
     "bokstäver); skriv varje nyckel på ett sätt"),
    ("SR807", "{file}: the header names the column {name} twice (as {first} and {second}; column names ignore case); "
     "it is not known which one holds the answers: keep one column of that name",
     "{file}: otsikkorivillä on sarake {name} kahdesti ({first} ja {second}; sarakkeiden nimissä isot ja pienet "
     "kirjaimet ovat samat); ei tiedetä, kummassa vastaukset ovat: jätä yksi sen niminen sarake",
     "{file}: rubrikraden namnger kolumnen {name} två gånger (som {first} och {second}; kolumnnamn skiljer inte "
     "på stora och små bokstäver); det går inte att veta vilken som har svaren: behåll en kolumn med det namnet"),
    ("SR807", "{file}: the header names the column {name} twice; it is not known which one holds the answers: keep "
     "one column of that name",
     "{file}: otsikkorivillä on sarake {name} kahdesti; ei tiedetä, kummassa vastaukset ovat: jätä yksi sen "
     "niminen sarake",
     "{file}: rubrikraden namnger kolumnen {name} två gånger; det går inte att veta vilken som har svaren: behåll "
     "en kolumn med det namnet"),
    ("SR808", "{file}: the record key {key} = {shown} is given to {n} records (and {k} other keys more than once); "
     "each record needs a key of its own (keep the latest row of each key, or give --key a column that is unique)",
     "{file}: tietueen avain {key} = {shown} on annettu {n} tietueelle (ja {k} muuta avainta useammin kuin kerran); "
     "jokainen tietue tarvitsee oman avaimen (säilytä kunkin avaimen uusin rivi tai anna valitsimelle --key "
     "sarake, jonka arvot ovat yksilöllisiä)",
     "{file}: postnyckeln {key} = {shown} är given till {n} poster (och {k} andra nycklar mer än en gång); varje "
     "post behöver en egen nyckel (behåll den senaste raden för varje nyckel, eller ge --key en kolumn som är unik)"),
    ("SR808", "{file}: the record key {key} = {shown} is given to {n} records (and {k} other key more than once); "
     "each record needs a key of its own (keep the latest row of each key, or give --key a column that is unique)",
     "{file}: tietueen avain {key} = {shown} on annettu {n} tietueelle (ja {k} muu avain useammin kuin kerran); "
     "jokainen tietue tarvitsee oman avaimen (säilytä kunkin avaimen uusin rivi tai anna valitsimelle --key "
     "sarake, jonka arvot ovat yksilöllisiä)",
     "{file}: postnyckeln {key} = {shown} är given till {n} poster (och {k} annan nyckel mer än en gång); varje "
     "post behöver en egen nyckel (behåll den senaste raden för varje nyckel, eller ge --key en kolumn som är unik)"),
    ("SR808", "{file}: the record key {key} = {shown} is given to {n} records; each record needs a key of its own "
     "(keep the latest row of each key, or give --key a column that is unique)",
     "{file}: tietueen avain {key} = {shown} on annettu {n} tietueelle; jokainen tietue tarvitsee oman avaimen "
     "(säilytä kunkin avaimen uusin rivi tai anna valitsimelle --key sarake, jonka arvot ovat yksilöllisiä)",
     "{file}: postnyckeln {key} = {shown} är given till {n} poster; varje post behöver en egen nyckel (behåll "
     "den senaste raden för varje nyckel, eller ge --key en kolumn som är unik)"),
    ("SR809", "{file}: the column {names} has the name of a column the result writes, and would be lost; rename it "
     "in the answers (e.g. previous_segment), or leave it out of the extract",
     "{file}: sarakkeella {names} on tuloksen kirjoittaman sarakkeen nimi, ja se menetettäisiin; nimeä se "
     "vastauksissa uudelleen (esim. previous_segment) tai jätä se pois poiminnasta",
     "{file}: kolumnen {names} har namnet på en kolumn som resultatet skriver, och skulle gå förlorad; byt namn "
     "på den i svaren (t.ex. previous_segment), eller lämna den utanför uttaget"),
    ("SR809", "{file}: the columns {names} have the name of a column the result writes, and would be lost; rename it "
     "in the answers (e.g. previous_segment), or leave it out of the extract",
     "{file}: sarakkeilla {names} on tuloksen kirjoittamien sarakkeiden nimet, ja ne menetettäisiin; nimeä ne "
     "vastauksissa uudelleen (esim. previous_segment) tai jätä ne pois poiminnasta",
     "{file}: kolumnerna {names} har namn på kolumner som resultatet skriver, och skulle gå förlorade; byt namn "
     "på dem i svaren (t.ex. previous_segment), eller lämna dem utanför uttaget"),
    # segrules report
    ("SR850", "the smallest count shown must be at least 1, not {n}", "pienimmän näytettävän lukumäärän on oltava vähintään 1, ei {n}",
     "det minsta antal som visas måste vara minst 1, inte {n}"),
    ("SR853", "{file} is a batch result; --compare segments the same answers with both versions, so give the answers "
     "as --input",
     "{file} on eräajon tulos; --compare segmentoi samat vastaukset molemmilla versioilla, joten anna vastaukset "
     "valitsimella --input",
     "{file} är ett batchresultat; --compare segmenterar samma svar med båda versionerna, så ange svaren som --input"),
    ("SR854", "the batch result has no column {names}; its columns are: {columns}",
     "eräajon tuloksessa ei ole saraketta {names}; sen sarakkeet ovat: {columns}",
     "batchresultatet har ingen kolumn {names}; dess kolumner är: {columns}"),
    ("SR854", "{file}: cannot be read: {detail}", "{file}: ei voi lukea: {detail}", "{file}: kan inte läsas: {detail}"),
    ("SR855", "segrules report audits its suppression with the solver z3, which is not installed: "
     "pip install 'segrules[sql]'",
     "segrules report tarkastaa pienten lukujen piilottamisen z3-ratkaisimella, jota ei ole asennettu: "
     "pip install 'segrules[sql]'",
     "segrules report granskar sin undertryckning av små tal med lösaren z3, som inte är installerad: "
     "pip install 'segrules[sql]'"),
    # segrules serve: its settings and files
    ("SR904", "cannot read the token file {file}: {reason}", "tunnistetiedostoa {file} ei voi lukea: {reason}",
     "tokenfilen {file} kan inte läsas: {reason}"),
    ("SR904", "the token in {file} has spaces or several lines; write one token",
     "tiedoston {file} tunnisteessa on välilyöntejä tai useita rivejä; kirjoita yksi tunniste",
     "token i {file} har mellanslag eller flera rader; skriv en token"),
    ("SR904", "the token in {file} is {n} characters long; use at least {min} random characters",
     "tiedoston {file} tunniste on {n} merkkiä pitkä; käytä vähintään {min} satunnaista merkkiä",
     "token i {file} är {n} tecken lång; använd minst {min} slumpmässiga tecken"),
    ("SR904", "the token file {file} is not a regular file (a pipe, a device or a socket); write the token into a file",
     "tunnistetiedosto {file} ei ole tavallinen tiedosto (se on putki, laite tai pistoke); kirjoita tunniste tiedostoon",
     "tokenfilen {file} är inte en vanlig fil (ett rör, en enhet eller en socket); skriv token i en fil"),
    ("SR904", "the token file {file} is larger than {max} bytes; it must hold one token",
     "tunnistetiedosto {file} on suurempi kuin {max} tavua; siinä saa olla vain yksi tunniste",
     "tokenfilen {file} är större än {max} byte; den får bara innehålla en token"),
    ("SR904", "the token file {file} is not UTF-8 text", "tunnistetiedosto {file} ei ole UTF-8-tekstiä",
     "tokenfilen {file} är inte UTF-8-text"),
    ("SR905", "cannot open the decision log {file}: it is a pipe that nothing reads",
     "päätöslokia {file} ei voi avata: se on putki, jota mikään ei lue",
     "beslutsloggen {file} kan inte öppnas: den är ett rör som ingen läser"),
    ("SR905", "cannot open the decision log {file}: {reason}", "päätöslokia {file} ei voi avata: {reason}",
     "beslutsloggen {file} kan inte öppnas: {reason}"),
    ("SR905", "cannot open the decision log {file}: {why}", "päätöslokia {file} ei voi avata: {why}",
     "beslutsloggen {file} kan inte öppnas: {why}"),
    ("SR906", "segrules {command} needs the serve extra ({name} is missing): pip install 'segrules[serve]'",
     "segrules {command} tarvitsee lisäosan serve ({name} puuttuu): pip install 'segrules[serve]'",
     "segrules {command} behöver tillägget serve ({name} saknas): pip install 'segrules[serve]'"),
    ("SR906", "the timeout must be more than 0 and at most {max} seconds, not {value}",
     "aikakatkaisun on oltava yli 0 ja enintään {max} sekuntia, ei {value}",
     "tidsgränsen måste vara mer än 0 och högst {max} sekunder, inte {value}"),
    ("SR906", "the port must be a whole number from 0 to 65535, not {value}",
     "portin on oltava kokonaisluku 0–65535, ei {value}", "porten måste vara ett heltal från 0 till 65535, inte {value}"),
    ("SR906", "the reload priority must be idle or normal, not {value}",
     "uudelleenlatauksen prioriteetin on oltava idle tai normal, ei {value}",
     "omladdningens prioritet måste vara idle eller normal, inte {value}"),
    ("SR906", "the decision-log policy must be block or drop, not {value}",
     "päätöslokin käytännön on oltava block tai drop, ei {value}",
     "beslutsloggens policy måste vara block eller drop, inte {value}"),
    ("SR906", "the body size limit must be greater than zero, not {value}",
     "pyynnön rungon kokorajan on oltava suurempi kuin nolla, ei {value}",
     "storleksgränsen för begärans innehåll måste vara större än noll, inte {value}"),
    ("SR906", "the batch line limit must be greater than zero, not {value}",
     "erän rivimäärän rajan on oltava suurempi kuin nolla, ei {value}",
     "gränsen för antalet rader i en batch måste vara större än noll, inte {value}"),
    ("SR906", "the decision-log queue must be greater than zero, not {value}",
     "päätöslokin jonon on oltava suurempi kuin nolla, ei {value}",
     "beslutsloggens kö måste vara större än noll, inte {value}"),
    ("SR906", "the watch interval must be greater than zero, not {value}",
     "tiedostojen seurantavälin on oltava suurempi kuin nolla, ei {value}",
     "bevakningsintervallet måste vara större än noll, inte {value}"),
    ("SR907", "{file}: the new version could not be checked: the reload worker runs another installation of segrules "
     "than the service; restart the service",
     "{file}: uutta versiota ei voitu tarkistaa: uudelleenlatauksen työprosessi käyttää eri segrules-asennusta kuin "
     "palvelu; käynnistä palvelu uudelleen",
     "{file}: den nya versionen kunde inte kontrolleras: omladdningsprocessen kör en annan installation av segrules "
     "än tjänsten; starta om tjänsten"),
    # segrules serve: its requests
    ("SR910", "this service needs a valid bearer token", "tämä palvelu tarvitsee kelvollisen tunnisteen (bearer token)",
     "den här tjänsten behöver en giltig bearer-token"),
    ("SR911", "no ruleset {name} is served; served: {ids}", "säännöstöä {name} ei tarjota; tarjolla: {ids}",
     "ingen regeluppsättning {name} tillhandahålls; tillhandahålls: {ids}"),
    ("SR912", "{id} is served in version {version} with content hash {hash}, not {given}",
     "säännöstöä {id} tarjotaan versiona {version}, jonka sisällön tiiviste on {hash}, ei {given}",
     "{id} tillhandahålls i version {version} med innehållets hash {hash}, inte {given}"),
    ("SR913", "{what} is not UTF-8 (byte {n})", "{what} ei ole UTF-8-muotoista (tavu {n})", "{what} är inte UTF-8 (byte {n})"),
    ("SR913", "{what} is not valid JSON: {reason} (line {line} column {column})",
     "{what} ei ole kelvollista JSONia: {reason} (rivi {line}, sarake {column})",
     "{what} är inte giltig JSON: {reason} (rad {line}, kolumn {column})"),
    ("SR913", "{what} is not valid JSON: the key {key} is given twice",
     "{what} ei ole kelvollista JSONia: avain {key} on annettu kahdesti",
     "{what} är inte giltig JSON: nyckeln {key} förekommer två gånger"),
    ("SR913", "{what} is not valid JSON: {reason}", "{what} ei ole kelvollista JSONia: {reason}",
     "{what} är inte giltig JSON: {reason}"),
    ("SR913", "{what} cannot be read as JSON", "{what} ei ole luettavissa JSONina", "{what} kan inte läsas som JSON"),
    ("SR914", "{name} must be an ISO 8601 date-time as text",
     "{name} on annettava tekstinä, ISO 8601 -muotoisena päivämääränä ja kellonaikana",
     "{name} måste vara ett datum och klockslag enligt ISO 8601, som text"),
    ("SR914", "{name} {time} is not an ISO 8601 date-time; write e.g. 2024-03-01T09:30:00+02:00",
     "{name} {time} ei ole ISO 8601 -muotoinen päivämäärä ja kellonaika; kirjoita esim. 2024-03-01T09:30:00+02:00",
     "{name} {time} är inte ett datum och klockslag enligt ISO 8601; skriv t.ex. 2024-03-01T09:30:00+02:00"),
    ("SR914", "the body must be a JSON object with the answers under \"answers\"",
     "pyynnön rungon on oltava JSON-objekti, jonka kohdassa \"answers\" ovat vastaukset",
     "begärans innehåll måste vara ett JSON-objekt med svaren under \"answers\""),
    ("SR914", "unknown key {key} in the request; allowed: {keys}; put the answers under \"answers\"",
     "tuntematon avain {key} pyynnössä; sallitut: {keys}; anna vastaukset kohdassa \"answers\"",
     "okänd nyckel {key} i begäran; tillåtna: {keys}; lägg svaren under \"answers\""),
    ("SR914", "unknown key {key} in the request; allowed: {keys}", "tuntematon avain {key} pyynnössä; sallitut: {keys}",
     "okänd nyckel {key} i begäran; tillåtna: {keys}"),
    ("SR914", "the request has no \"answers\"", "pyynnössä ei ole kohtaa \"answers\"", "begäran har inga \"answers\""),
    ("SR914", "the parameter of a Parameters resource must be a list of parts",
     "Parameters-resurssin parameter-kohdan on oltava luettelo osia (part)",
     "parameter i en Parameters-resurs måste vara en lista med delar"),
    ("SR914", "each part of a Parameters resource must be an object with a name",
     "Parameters-resurssin jokaisen osan on oltava objekti, jolla on name",
     "varje del av en Parameters-resurs måste vara ett objekt med ett name"),
    ("SR914", "line {line} must be a JSON object of answers", "rivin {line} on oltava vastausten JSON-objekti",
     "rad {line} måste vara ett JSON-objekt med svar"),
    ("SR914", "the parameter {name} takes a valueCode or a valueString (text)",
     "parametrille {name} annetaan valueCode tai valueString (teksti)",
     "parametern {name} tar en valueCode eller en valueString (text)"),
    ("SR914", "unknown parameter {name}; $decide takes response, assessedAt, override, reason, carePlan",
     "tuntematon parametri {name}; $decide ottaa parametrit response, assessedAt, override, reason, carePlan",
     "okänd parameter {name}; $decide tar response, assessedAt, override, reason, carePlan"),
    ("SR914", "the parameter carePlan takes a valueBoolean", "parametrille carePlan annetaan valueBoolean",
     "parametern carePlan tar en valueBoolean"),
    ("SR914", "the body must be a JSON object with the keys {keys}",
     "pyynnön rungon on oltava JSON-objekti, jossa on avaimet {keys}",
     "begärans innehåll måste vara ett JSON-objekt med nycklarna {keys}"),
    ("SR915", "the body is {n} bytes; the limit is {max}", "pyynnön runko on {n} tavua; raja on {max}",
     "begärans innehåll är {n} byte; gränsen är {max}"),
    ("SR915", "the body is over the limit of {max} bytes", "pyynnön runko ylittää {max} tavun rajan",
     "begärans innehåll är över gränsen på {max} byte"),
    ("SR915", "line {line} is over {max} bytes", "rivi {line} on yli {max} tavua", "rad {line} är över {max} byte"),
    ("SR916", "the request was not done within {n} seconds", "pyyntö ei valmistunut {n} sekunnissa",
     "begäran blev inte klar inom {n} sekunder"),
    ("SR916", "no data came for {n} seconds", "dataa ei tullut {n} sekuntiin", "inga data kom på {n} sekunder"),
    ("SR916", "the request line and headers did not arrive within {n} seconds",
     "pyyntörivi ja otsakkeet eivät saapuneet {n} sekunnissa", "begäransraden och huvudena kom inte fram inom {n} sekunder"),
    ("SR917", "the body is {media}; send {types}", "pyynnön runko on {media}; lähetä {types}",
     "begärans innehåll är {media}; skicka {types}"),
    ("SR918", "no such file: {name}", "tiedostoa ei ole: {name}", "ingen sådan fil: {name}"),
    ("SR918", "no such page or action: {method} {path}", "tällaista sivua tai toimintoa ei ole: {method} {path}",
     "ingen sådan sida eller åtgärd: {method} {path}"),
    ("SR918", "no endpoint for {method} {path} (wrong method)", "ei päätepistettä: {method} {path} (väärä metodi)",
     "ingen slutpunkt för {method} {path} (fel metod)"),
    ("SR918", "no endpoint for {method} {path} (wrong path)", "ei päätepistettä: {method} {path} (väärä polku)",
     "ingen slutpunkt för {method} {path} (fel sökväg)"),
    ("SR919", "no ruleset is in service yet: see /health/ready", "yhtään säännöstöä ei ole vielä tarjolla: katso /health/ready",
     "ingen regeluppsättning tillhandahålls ännu: se /health/ready"),
    ("SR920", "a batch takes at most {n} lines", "erässä saa olla enintään {n} riviä", "en batch får ha högst {n} rader"),
    ("SR921", "the service failed on this request; it has been logged",
     "palvelu epäonnistui tämän pyynnön käsittelyssä; virhe on kirjattu lokiin",
     "tjänsten misslyckades med den här begäran; felet har loggats"),
    ("SR921", "internal error in the workbench (a bug in segrules)", "työpöydän sisäinen virhe (virhe segrulesissa)",
     "internt fel i arbetsbänken (ett fel i segrules)"),
    ("SR922", "the request is not HTTP/1.1: its request line or headers cannot be read, or more than 64 KiB came "
     "without the headers ending",
     "pyyntö ei ole HTTP/1.1-pyyntö: sen pyyntöriviä tai otsakkeita ei voi lukea, tai yli 64 KiB tuli ilman, että "
     "otsakkeet päättyivät",
     "begäran är inte HTTP/1.1: dess begäransrad eller huvuden kan inte läsas, eller mer än 64 KiB kom utan att "
     "huvudena tog slut"),
    # FHIR
    ("SR930", "expected a QuestionnaireResponse, a list of them or a Bundle",
     "odotettiin QuestionnaireResponse-resurssia, niiden luetteloa tai Bundlea",
     "väntade ett QuestionnaireResponse, en lista med sådana eller ett Bundle"),
    ("SR930", "expected a QuestionnaireResponse, got {kind}", "odotettiin QuestionnaireResponse-resurssia, saatiin {kind}",
     "väntade ett QuestionnaireResponse, fick {kind}"),
    ("SR930", "no QuestionnaireResponse was given", "yhtään QuestionnaireResponse-resurssia ei annettu",
     "inget QuestionnaireResponse gavs"),
    ("SR930", "{n} responses; at most {max} are read at once", "{n} vastausta; kerralla luetaan enintään {max}",
     "{n} svar; högst {max} läses åt gången"),
    ("SR930", "questionnaire must be a canonical URL", "questionnaire-kohdan on oltava kanoninen URL",
     "questionnaire måste vara en kanonisk URL"),
    ("SR930", "every item must be an object with a linkId ({n} are not)",
     "jokaisen kohdan (item) on oltava objekti, jolla on linkId ({n} ei ole)",
     "varje post (item) måste vara ett objekt med ett linkId ({n} är det inte)"),
    ("SR930", "every item must be an object with a linkId", "jokaisen kohdan (item) on oltava objekti, jolla on linkId",
     "varje post (item) måste vara ett objekt med ett linkId"),
    ("SR930", "items are nested more than {n} levels deep", "kohdat ovat sisäkkäin yli {n} tasoa",
     "posterna är nästlade mer än {n} nivåer djupt"),
    ("SR930", "a Bundle's entry is an object, not {kind}", "Bundlen kohdan (entry) on oltava objekti, ei {kind}",
     "en post (entry) i ett Bundle är ett objekt, inte {kind}"),
    ("SR931", "answers the questionnaire {url}, not one of ruleset {id}: {urls}",
     "vastaa lomakkeeseen {url}, joka ei ole säännöstön {id} lomake: {urls}",
     "besvarar formuläret {url}, inte ett av regeluppsättningen {id}: {urls}"),
    ("SR931", "answers version {version} of the questionnaire; the ruleset {id} is version {version2}",
     "vastaa lomakkeen versioon {version}; säännöstö {id} on versio {version2}",
     "besvarar version {version} av formuläret; regeluppsättningen {id} är version {version2}"),
    ("SR932", "and {n} more items that are not questions of the questionnaire",
     "ja {n} muuta kohtaa, jotka eivät ole lomakkeen kysymyksiä", "och {n} poster till som inte är frågor i formuläret"),
    ("SR932", "and {n} more item that are not questions of the questionnaire",
     "ja {n} muu kohta, joka ei ole lomakkeen kysymys", "och {n} post till som inte är en fråga i formuläret"),
    ("SR932", "this item is not a question and takes no answer", "tämä kohta ei ole kysymys, eikä siihen vastata",
     "posten är ingen fråga och tar inget svar"),
    ("SR933", "and {n} more repetitions of an item", "ja {n} muuta toistettua kohtaa", "och {n} upprepade poster till"),
    ("SR933", "and {n} more repetition of an item", "ja {n} muu toistettu kohta", "och {n} upprepad post till"),
    ("SR933", "{n} answers given; the item takes one", "annettu {n} vastausta; kohtaan annetaan yksi",
     "{n} svar givna; posten tar ett"),
    ("SR933", "the item appears more than once in response {k}", "kohta on vastauksessa {k} useammin kuin kerran",
     "posten förekommer mer än en gång i svar {k}"),
    ("SR933", "the item appears more than once in bundle entry {k}", "kohta on Bundlen kohdassa {k} useammin kuin kerran",
     "posten förekommer mer än en gång i Bundle-posten {k}"),
    ("SR933", "the item appears more than once in response", "kohta on vastauksessa useammin kuin kerran",
     "posten förekommer mer än en gång i svaret"),
    ("SR935", "the coding's system is {system}; the answers of this item are in {system2}",
     "koodin koodisto (system) on {system}; tämän kohdan vastaukset ovat koodistossa {system2}",
     "kodningens system är {system}; svaren på den här posten finns i {system2}"),
    ("SR935", "the code {code} is not a value of the scale {scale}", "koodi {code} ei ole asteikon {scale} arvo",
     "koden {code} är inte ett värde på skalan {scale}"),
    ("SR936", "response {a} answers {value}, response {b} answers {value2}",
     "vastauksessa {a} vastaus on {value}, vastauksessa {b} {value2}", "svar {a} svarar {value}, svar {b} svarar {value2}"),
    ("SR936", "bundle entry {a} answers {value}, bundle entry {b} answers {value2}",
     "Bundlen kohdassa {a} vastaus on {value}, kohdassa {b} {value2}",
     "Bundle-posten {a} svarar {value}, Bundle-posten {b} svarar {value2}"),
    ("SR938", "the response's status is {status}; only responses with the status {statuses} are decided",
     "vastauksen tila (status) on {status}; vain vastaukset, joiden tila on {statuses}, ratkaistaan",
     "svarets status är {status}; bara svar med status {statuses} avgörs"),
    # an item's problem after its linkId ("neg: valueString given, ..."): the linkId apart
    ("SR930", "the subject must be a Reference (an object with a reference), not {kind}",
     "kohteen (subject) on oltava Reference (objekti, jossa on reference); annettu: {kind}",
     "subject måste vara en Reference (ett objekt med en reference), inte {kind}"),
    ("SR934", "{input}: {message}", "{input}: {message}", "{input}: {message}"),
    ("SR934", "an answer must be an object with one value[x]", "vastauksen on oltava objekti, jossa on yksi value[x]",
     "ett svar måste vara ett objekt med ett value[x]"),
    ("SR934", "an answer must have exactly one value[x], got {n}", "vastauksessa on oltava tasan yksi value[x], nyt {n}",
     "ett svar måste ha exakt ett value[x], nu {n}"),
    ("SR934", "an answer to this item has no nested items", "tämän kohdan vastauksessa ei ole sisäkkäisiä kohtia (item)",
     "ett svar på den här posten har inga inbäddade poster (item)"),
    ("SR934", "{key} given, but the item takes {expected} ({kind})",
     "annettu {key}, mutta kohta ottaa vastaan {expected} ({kind})", "{key} angivet, men posten tar {expected} ({kind})"),
    ("SR934", "valueBoolean must be true or false, not {value}", "valueBoolean-arvon on oltava true tai false, ei {value}",
     "valueBoolean måste vara true eller false, inte {value}"),
    ("SR934", "valueDecimal must be a whole number, not {value}", "valueDecimal-arvon on oltava kokonaisluku, ei {value}",
     "valueDecimal måste vara ett heltal, inte {value}"),
    ("SR934", "valueInteger must be a whole number, not {value}", "valueInteger-arvon on oltava kokonaisluku, ei {value}",
     "valueInteger måste vara ett heltal, inte {value}"),
    ("SR934", "valueCoding must be a Coding with a code", "valueCoding-arvon on oltava Coding, jolla on koodi (code)",
     "valueCoding måste vara en Coding med en kod (code)"),
    ("SR934", "answer must be a list", "answer-kohdan on oltava lista", "answer måste vara en lista"),
    ("SR937", "the responses are about different subjects: {subjects}", "vastaukset koskevat eri henkilöitä: {subjects}",
     "svaren gäller olika personer: {subjects}"),
    ("SR939", "unknown respondent {name}; give client or professional, or none for the combined questionnaire",
     "tuntematon vastaaja {name}; anna client tai professional, tai ei mitään yhdistetylle lomakkeelle",
     "okänd svarande {name}; ange client eller professional, eller ingen för det sammanslagna formuläret"),
    ("SR940", "cannot export {type} to FHIRPath", "{type}-lauseketta ei voi viedä FHIRPath-muotoon",
     "{type} kan inte exporteras till FHIRPath"),
    ("SR940", "cannot export {type} to FHIRPath as a number", "{type}-lauseketta ei voi viedä FHIRPath-muotoon lukuna",
     "{type} kan inte exporteras till FHIRPath som ett tal"),
    ("SR940", "the asked_when of an input is too large to export as FHIRPath ({n} characters, at most {max})",
     "kysymyksen asked_when on liian suuri vietäväksi FHIRPath-muotoon ({n} merkkiä, enintään {max})",
     "asked_when för en fråga är för stort för att exporteras som FHIRPath ({n} tecken, högst {max})"),
    ("SR940", "the asked_when of {id} is too large to export as FHIRPath ({n} characters, at most {max})",
     "kysymyksen {id} asked_when on liian suuri vietäväksi FHIRPath-muotoon ({n} merkkiä, enintään {max})",
     "asked_when för {id} är för stort för att exporteras som FHIRPath ({n} tecken, högst {max})"),
    ("SR941", "a CarePlan needs the subject: give the QuestionnaireResponse a subject (a Patient reference)",
     "CarePlan tarvitsee kohdehenkilön (subject): anna QuestionnaireResponse-resurssille subject (viittaus Patient-resurssiin)",
     "en CarePlan behöver subjektet: ge QuestionnaireResponse ett subject (en referens till en Patient)"),
    ("SR942", "validating FHIR resources needs fhir.resources: pip install 'segrules[fhir]'",
     "FHIR-resurssien validointi tarvitsee fhir.resources-kirjaston: pip install 'segrules[fhir]'",
     "validering av FHIR-resurser behöver fhir.resources: pip install 'segrules[fhir]'"),
    ("SR943", "not a FHIR R4 resource: resourceType {type}", "ei FHIR R4 -resurssi: resourceType {type}",
     "inte en FHIR R4-resurs: resourceType {type}"),
    ("SR943", "the {type} is not valid FHIR R4: {detail}", "{type} ei ole kelvollinen FHIR R4 -resurssi: {detail}",
     "{type} är inte giltig FHIR R4: {detail}"),
]

#: The hints, as the messages (code None: a hint of any code).
HINTS: list[tuple[str | None, str, str, str]] = [
    (None, "did you mean {name}?", "tarkoititko {name}?", "menade du {name}?"),
    (None, "fi is required", "suomenkielinen teksti (fi) on pakollinen", "finsk text (fi) krävs"),
    (None, "put a label that contains a comma in quotes: {example}", "kirjoita pilkun sisältävä teksti lainausmerkkeihin: {example}",
     "skriv en text som innehåller kommatecken inom citattecken: {example}"),
    (None, "YAML does not allow tab characters for indentation; use spaces",
     "YAML ei salli sarkainmerkkejä (tab) sisennyksessä; käytä välilyöntejä",
     "YAML tillåter inte tabbtecken för indrag; använd mellanslag"),
    (None, "lines {line} and {line2} are indented differently; the keys of one block start in the same column",
     "rivit {line} ja {line2} on sisennetty eri tavoin; saman lohkon avaimet alkavat samasta sarakkeesta",
     "raderna {line} och {line2} är olika indragna; nycklarna i ett block börjar i samma kolumn"),
    (None, "line {line} is indented differently from the keys or list items ('- ') it belongs with; those of one "
     "block start in the same column",
     "rivi {line} on sisennetty eri tavoin kuin avaimet tai listan kohdat ('- '), joihin se kuuluu; saman lohkon "
     "avaimet ja kohdat alkavat samasta sarakkeesta",
     "rad {line} är indragen annorlunda än de nycklar eller listpunkter ('- ') den hör till; de i ett block börjar i "
     "samma kolumn"),
    (None, "write a space after the ':' ({example})", "kirjoita välilyönti ':'-merkin jälkeen ({example})",
     "skriv ett mellanslag efter ':' ({example})"),
    (None, "write a space after the ':' on line {line} ({example})", "kirjoita välilyönti ':'-merkin jälkeen rivillä "
     "{line} ({example})", "skriv ett mellanslag efter ':' på rad {line} ({example})"),
    (None, "close the text with {quote} on line {line}, before the ',' or '}' that ends it",
     "sulje teksti merkillä {quote} rivillä {line}, ennen sen päättävää merkkiä ',' tai '}'",
     "stäng texten med {quote} på rad {line}, före det ',' eller '}' som avslutar den"),
    (None, "close the text with {quote} on line {line}", "sulje teksti merkillä {quote} rivillä {line}",
     "stäng texten med {quote} på rad {line}"),
    (None, "line {line} is indented more than line {line2}, so YAML reads it as part of that line's value: indent it "
     "as far as the key above it",
     "rivi {line} on sisennetty enemmän kuin rivi {line2}, joten YAML lukee sen osaksi sen rivin arvoa: sisennä se "
     "yhtä paljon kuin yllä oleva avain",
     "rad {line} är mer indragen än rad {line2}, så YAML läser den som en del av den radens värde: dra in den lika "
     "mycket som nyckeln ovanför"),
    (None, "close the {open} with {close}, or put a value in it that contains ':' or ',' in quotes",
     "sulje {open} merkillä {close}, tai kirjoita sen sisällä oleva arvo, jossa on ':' tai ',', lainausmerkkeihin",
     "stäng {open} med {close}, eller skriv ett värde i den som innehåller ':' eller ',' inom citattecken"),
    (None, "a value that contains ': ' must be quoted, e.g. {example}",
     "arvo, jossa on ': ', kirjoitetaan lainausmerkkeihin, esim. {example}",
     "ett värde som innehåller ': ' skrivs inom citattecken, t.ex. {example}"),
    (None, "check the indentation and that every key is followed by ':'",
     "tarkista sisennys ja että jokaisen avaimen perässä on ':'", "kontrollera indraget och att varje nyckel följs av ':'"),
    (None, "a '[' or '{' opened before this place is not closed, or a value in it needs quotes",
     "ennen tätä kohtaa avattu '[' tai '{' on sulkematta, tai sen sisällä oleva arvo tarvitsee lainausmerkit",
     "en '[' eller '{' som öppnats före detta ställe är inte stängd, eller ett värde i den behöver citattecken"),
    (None, "add the missing ')'", "lisää puuttuva ')'", "lägg till den saknade ')'"),
    (None, "remove it, or add the missing '('", "poista se tai lisää puuttuva '('", "ta bort den eller lägg till den saknade '('"),
    (None, "a name must be declared under {kinds}; check the spelling",
     "nimi on esiteltävä kohdassa {kinds}; tarkista kirjoitusasu", "ett namn måste deklareras under {kinds}; kontrollera stavningen"),
    (None, "{name} is a segment; a condition can only use inputs and scores",
     "{name} on segmentti; ehdossa voi käyttää vain kysymyksiä ja pistemääriä",
     "{name} är ett segment; ett villkor kan bara använda frågor och poäng"),
    (None, "compare it with something, e.g. x >= 3", "vertaa sitä johonkin, esim. x >= 3", "jämför det med något, t.ex. x >= 3"),
    (None, "a condition compares values, e.g. {example}", "ehto vertaa arvoja, esim. {example}", "ett villkor jämför värden, t.ex. {example}"),
    (None, "put the text in quotes", "kirjoita teksti lainausmerkkeihin", "skriv texten inom citattecken"),
    (None, "e.g. {example}, without quotes", "esim. {example}, ilman lainausmerkkejä", "t.ex. {example}, utan citattecken"),
    (None, "e.g. {example}, not {wrong}", "esim. {example}, ei {wrong}", "t.ex. {example}, inte {wrong}"),
    (None, "write true or false, without quotes", "kirjoita true tai false ilman lainausmerkkejä",
     "skriv true eller false utan citattecken"),
    (None, "allowed keys: {keys}", "sallitut avaimet: {keys}", "tillåtna nycklar: {keys}"),
    (None, "add it under pathways:", "lisää se kohtaan pathways:", "lägg till den under pathways:"),
    (None, "declare it under segments:", "esittele se kohdassa segments:", "deklarera det under segments:"),
    (None, "declare it under scales:", "esittele se kohdassa scales:", "deklarera den under scales:"),
    (None, "add a rule such as {example}", "lisää sääntö, esim. {example}", "lägg till en regel som {example}"),
    (None, "ids are lower-case ASCII letters, digits and _, starting with a letter",
     "tunnuksissa käytetään pieniä ASCII-kirjaimia, numeroita ja alaviivaa _, ja ne alkavat kirjaimella",
     "id skrivs med små ASCII-bokstäver, siffror och _ och börjar med en bokstav"),
    (None, "ids are lower-case ASCII letters, digits and _, starting with a letter; put names with ä, ö or å into labels or aliases",
     "tunnuksissa käytetään pieniä ASCII-kirjaimia, numeroita ja alaviivaa _, ja ne alkavat kirjaimella; kirjoita ä-, ö- ja å-kirjaimia sisältävät nimet nimiin (label) tai muihin nimiin (aliases)",
     "id skrivs med små ASCII-bokstäver, siffror och _ och börjar med en bokstav; skriv namn med ä, ö eller å i etiketter eller alias"),
    (None, "{word} is a word of the rule language; choose another id", "{word} on sääntökielen sana; valitse toinen tunnus",
     "{word} är ett ord i regelspråket; välj ett annat id"),
    (None, "inputs, groups and scores share one set of names; rename one",
     "kysymyksillä, ryhmillä ja pistemäärillä on yhteiset nimet; nimeä toinen uudelleen",
     "frågor, grupper och poäng delar samma namn; byt namn på en av dem"),
    (None, "list each input once; an input listed twice would count twice in mean or sum",
     "luettele kukin kysymys kerran; kahdesti lueteltu kysymys laskettaisiin kahdesti keskiarvoon tai summaan",
     "ta upp varje fråga en gång; en fråga som står två gånger räknas två gånger i mean eller sum"),
    (None, "write '=' for 'equals'", "kirjoita '=' yhtäsuuruudelle", "skriv '=' för 'lika med'"),
    (None, "write >= for 'at least' and <= for 'at most'", "kirjoita >= (vähintään) ja <= (enintään)",
     "skriv >= för 'minst' och <= för 'högst'"),
    (None, "check for a doubled or missing word", "tarkista, puuttuuko sana tai onko sama sana kahdesti",
     "kontrollera om ett ord saknas eller står två gånger"),
    (None, "check for a doubled or missing word, e.g. {example}", "tarkista, puuttuuko sana tai onko sama sana kahdesti, esim. {example}",
     "kontrollera om ett ord saknas eller står två gånger, t.ex. {example}"),
    (None, "split it into named scores", "jaa se nimettyihin pistemääriin", "dela upp det i namngivna poäng"),
    (None, "each key may appear once in a mapping; remove or rename one of them",
     "kukin avain saa esiintyä vain kerran; poista tai nimeä toinen niistä uudelleen",
     "varje nyckel får förekomma en gång; ta bort eller byt namn på en av dem"),
    (None, "write true or false for a yes/no value, or {text} in quotes for the text",
     "kirjoita true tai false kyllä/ei-arvolle, tai {text} lainausmerkeissä tekstille",
     "skriv true eller false för ett ja/nej-värde, eller {text} inom citattecken för texten"),
    (None, "save the file as UTF-8 (the default of most editors)", "tallenna tiedosto UTF-8-muodossa (useimpien editorien oletus)",
     "spara filen som UTF-8 (standard i de flesta redigerare)"),
    (None, "give the path of a .yaml file", "anna .yaml-tiedoston polku", "ange sökvägen till en .yaml-fil"),
    (None, "check the file name and its folder", "tarkista tiedoston nimi ja kansio", "kontrollera filnamnet och mappen"),
    (None, "write it as 'key: value' lines, indented under it", "kirjoita se 'avain: arvo' -riveinä sisennettynä sen alle",
     "skriv den som rader 'nyckel: värde', indragna under den"),
    (None, "write it as lines that start with '- ', indented under it", "kirjoita se riveinä, jotka alkavat '- ', sisennettynä sen alle",
     "skriv den som rader som börjar med '- ', indragna under den"),
    (None, "write one value here, not a list or a mapping", "kirjoita tähän yksi arvo, ei luetteloa eikä avain–arvo-pareja",
     "skriv ett värde här, inte en lista eller en mappning"),
    (None, "comparisons are <, <=, >, >=, = and !=; a range is written 1 <= x <= 3",
     "vertailut ovat <, <=, >, >=, = ja !=; väli kirjoitetaan 1 <= x <= 3",
     "jämförelser är <, <=, >, >=, = och !=; ett intervall skrivs 1 <= x <= 3"),
    (None, "write if <condition> then <value> else <value>", "kirjoita if <ehto> then <arvo> else <arvo>",
     "skriv if <villkor> then <värde> else <värde>"),
    (None, "asked_when can only use the answers to other inputs", "asked_when voi käyttää vain muiden kysymysten vastauksia",
     "asked_when kan bara använda svaren på andra frågor"),
    (None, "{kind} cannot depend on itself, directly or through others; break the circle",
     "mikään ei voi riippua itsestään, suoraan tai muiden kautta; katkaise kehä",
     "inget kan bero av sig självt, direkt eller via andra; bryt cirkeln"),
    (None, "under hit_policy: unique every rule needs a 'when' condition",
     "kun hit_policy: unique, jokainen sääntö tarvitsee when-ehdon", "med hit_policy: unique behöver varje regel ett 'when'-villkor"),
    (None, "{name} is an alias of {id}; rules use segment ids", "{name} on segmentin {id} muu nimi; säännöissä käytetään segmenttien tunnuksia",
     "{name} är ett alias för {id}; regler använder segmentens id"),
    (None, "each segment takes its own quadrant: high or low resources, high or low complexity",
     "kukin segmentti saa oman osansa nelikentästä: voimavarat runsaat tai vähäiset, tilanteen haasteellisuus suuri tai vähäinen",
     "varje segment får sitt eget fyrfält: stora eller små resurser, hög eller låg komplexitet"),
    (None, "an axis is the id of a score declared under scores:", "akseli on kohdassa scores: esitellyn pistemäärän tunnus",
     "en axel är id för en poäng som deklarerats under scores:"),
    (None, "remove the character, or write it as an escape inside double quotes",
     "poista merkki, tai kirjoita se koodina lainausmerkkien sisään", "ta bort tecknet, eller skriv det som en escape inom dubbla citattecken"),
    (None, "remove it; it is invisible in most editors (try searching for it, or retype the line)",
     "poista se; se on näkymätön useimmissa editoreissa (etsi sitä tai kirjoita rivi uudelleen)",
     "ta bort det; det är osynligt i de flesta redigerare (sök efter det eller skriv om raden)"),
    (None, "a ruleset needs only a few levels; check the indentation and the brackets",
     "säännöstö tarvitsee vain muutaman tason; tarkista sisennykset ja sulut",
     "en regeluppsättning behöver bara några nivåer; kontrollera indragen och parenteserna"),
    (None, "a ruleset needs only a few levels; check the brackets", "säännöstö tarvitsee vain muutaman tason; tarkista sulut",
     "en regeluppsättning behöver bara några nivåer; kontrollera parenteserna"),
    (None, "type {type} takes: {keys}", "tyyppi {type} ottaa: {keys}", "typen {type} tar: {keys}"),
    (None, "lower-case ASCII words joined by dots, e.g. {example}", "pieniä ASCII-kirjaimia, sanat pisteillä erotettuina, esim. {example}",
     "ord med små ASCII-bokstäver förenade med punkter, t.ex. {example}"),
    (None, "write MAJOR.MINOR.PATCH, e.g. {example}", "kirjoita MAJOR.MINOR.PATCH, esim. {example}", "skriv MAJOR.MINOR.PATCH, t.ex. {example}"),
    (None, "write one JSON object, e.g. {example}", "kirjoita yksi JSON-objekti, esim. {example}", "skriv ett JSON-objekt, t.ex. {example}"),
    (None, "write the answer as a number, or leave the question out", "kirjoita vastaus lukuna tai jätä kysymys pois",
     "skriv svaret som ett tal, eller utelämna frågan"),
    (None, "give each input one answer", "anna kuhunkin kysymykseen yksi vastaus", "ge varje fråga ett svar"),
    (None, "write the character itself, or its pair of escapes (\\ud83d\\ude00)",
     "kirjoita merkki sellaisenaan tai sen koodipari (\\ud83d\\ude00)", "skriv tecknet självt, eller dess par av escapes (\\ud83d\\ude00)"),
    (None, "give each input one plain value", "anna kuhunkin kysymykseen yksi tavallinen arvo", "ge varje fråga ett enkelt värde"),
    (None, "functions: {names}", "funktiot: {names}", "funktioner: {names}"),
    (None, "use the inputs themselves; questions are asked before any score is computed",
     "käytä itse kysymyksiä; kysymykset esitetään ennen kuin yhtään pistemäärää lasketaan",
     "använd frågorna själva; frågorna ställs innan någon poäng beräknas"),
    (None, "compare a choice with one of its codes in double quotes, e.g. {example}",
     "vertaa valintaa johonkin sen koodeista lainausmerkeissä, esim. {example}",
     "jämför ett val med en av dess koder inom dubbla citattecken, t.ex. {example}"),
    (None, "combine steps: a {noun} can use several others at once, e.g. with sum(...) or +",
     "yhdistä vaiheita: yksi voi käyttää useaa muuta kerralla, esim. sum(...) tai +",
     "slå ihop steg: en kan använda flera andra på en gång, t.ex. med sum(...) eller +"),
    (None, "group the values into classes (an enum or a smaller range)", "ryhmittele arvot luokkiin (vaihtoehdot tai pienempi väli)",
     "gruppera värdena i klasser (ett val eller ett mindre intervall)"),
    (None, "remove the tag: a ruleset holds only text, numbers, true/false, lists and mappings",
     "poista tagi: säännöstössä on vain tekstiä, lukuja, true/false-arvoja, luetteloita ja avain–arvo-pareja",
     "ta bort taggen: en regeluppsättning innehåller bara text, tal, true/false, listor och mappningar"),
    (None, "a key is a single word or number before ':', not a list or a mapping",
     "avain on yksi sana tai luku ennen kaksoispistettä, ei luettelo eikä avain–arvo-pareja",
     "en nyckel är ett ord eller tal före ':', inte en lista eller en mappning"),
    (None, "write the repeated part out in full, so that each part reads on its own",
     "kirjoita toistuva osa kokonaan auki, jotta kukin osa on luettavissa sellaisenaan",
     "skriv ut den upprepade delen i sin helhet, så att varje del kan läsas för sig"),
    (None, "write the number in plain decimal digits (e.g. {example}), or {text} in quotes for the text",
     "kirjoita luku tavallisin numeroin (esim. {example}), tai {text} lainausmerkeissä tekstille",
     "skriv talet med vanliga siffror (t.ex. {example}), eller {text} inom citattecken för texten"),
    (None, "write it as one line of text; if it must contain ': ', put the whole text in double quotes",
     "kirjoita se yhdelle riville; jos siinä on oltava ': ', kirjoita koko teksti lainausmerkkeihin",
     "skriv den som en rad text; om den måste innehålla ': ', skriv hela texten inom dubbla citattecken"),
    (None, "write the character itself, or its code point: {example} for a character beyond U+FFFF "
     "(YAML does not join surrogate pairs)",
     "kirjoita merkki itse tai sen koodi: {example} merkille, joka on U+FFFF:n jälkeen (YAML ei yhdistä "
     "sijaismerkkipareja)",
     "skriv tecknet självt eller dess kodpunkt: {example} för ett tecken efter U+FFFF (YAML sammanfogar inte "
     "surrogatpar)"),
    (None, "save the file as UTF-8", "tallenna tiedosto UTF-8-muodossa", "spara filen som UTF-8"),
    (None, "the text was decoded from bytes that are not UTF-8; decode it as UTF-8",
     "teksti on muunnettu tavuista, jotka eivät ole UTF-8:aa; lue se UTF-8:na",
     "texten avkodades från byte som inte är UTF-8; avkoda den som UTF-8"),
    (None, "a quadrant has the keys resources and complexity", "nelikentän kentällä on avaimet resources ja complexity",
     "ett fält i fyrfältet har nycklarna resources och complexity"),
    (None, "add e.g. {example}", "lisää esim. {example}", "lägg till t.ex. {example}"),
    (None, "add the line `{id}: <segment id>`", "lisää rivi `{id}: <segmentin tunnus>`", "lägg till raden `{id}: <segmentets id>`"),
    (None, "run segrules check {path}", "aja segrules check {path}", "kör segrules check {path}"),
    # crosswalks
    (None, "add it to rulesets at the top, or correct the id", "lisää se alun luetteloon rulesets tai korjaa tunnus",
     "lägg till den i listan rulesets överst, eller rätta id"),
    (None, "each ruleset id must belong to one file; rename or remove a copy",
     "kunkin säännöstön tunnuksen on kuuluttava yhteen tiedostoon; nimeä kopio uudelleen tai poista se",
     "varje regeluppsättnings id får höra till en enda fil; byt namn på en kopia eller ta bort den"),
    (None, "each segment belongs to exactly one position", "kukin segmentti kuuluu täsmälleen yhteen paikkaan",
     "varje segment hör till exakt en position"),
    (None, "give the ruleset axes and a quadrant for each segment, or leave it out of the crosswalk",
     "anna säännöstölle akselit ja jokaiselle segmentille nelikentän kenttä, tai jätä se pois vastaavuustaulukosta",
     "ge regeluppsättningen axlar och varje segment ett fält i fyrfältet, eller lämna den utanför korstabellen"),
    (None, "labels are given in fi, sv and en", "nimet annetaan kielillä fi, sv ja en", "etiketter ges på fi, sv och en"),
    (None, "list each quadrant once and put all its segments there",
     "luettele kukin nelikentän kenttä kerran ja sen kaikki segmentit siihen",
     "ta upp varje fält en gång och lägg alla dess segment där"),
    (None, "list each ruleset once", "luettele kukin säännöstö kerran", "ta upp varje regeluppsättning en gång"),
    (None, "move it to the position of its own quadrant, or correct the ruleset",
     "siirrä se oman nelikentän kenttänsä paikkaan tai korjaa säännöstö",
     "flytta den till positionen för sitt eget fält, eller rätta regeluppsättningen"),
    (None, "name it under the position of its quadrant", "mainitse se nelikentän kenttänsä paikassa",
     "ange den under positionen för sitt fält"),
    # last, so that every hint above is matched first: an example after a fixed opening
    (None, "e.g. {example}", "esim. {example}", "t.ex. {example}"),
    (None, "write e.g. {example}", "kirjoita esim. {example}", "skriv t.ex. {example}"),
    (None, "write {example}", "kirjoita {example}", "skriv {example}"),
]

#: PyYAML's own words, as they appear in an SR010 message.
YAML_PROBLEMS: list[tuple[str, str, str]] = [
    ("expected {a} or {b}, but got a value", "odotettiin {a} tai {b}, mutta tuli arvo",
     "väntade {a} eller {b}, men fick ett värde"),
    ("expected the end of an indented block, but found a value",
     "sisennetyn lohkon piti päättyä, mutta löytyi arvo", "ett indraget block skulle sluta, men ett värde hittades"),
    ("expected the end of an indented block, but found a new key",
     "sisennetyn lohkon piti päättyä, mutta löytyi uusi avain",
     "ett indraget block skulle sluta, men en ny nyckel hittades"),
    ("expected the end of an indented block, but found a list",
     "sisennetyn lohkon piti päättyä, mutta löytyi lista", "ett indraget block skulle sluta, men en lista hittades"),
    ("expected the end of an indented block, but found {b}", "sisennetyn lohkon piti päättyä, mutta löytyi {b}",
     "ett indraget block skulle sluta, men {b} hittades"),
    ("expected {a} or {b}, but got {c}", "odotettiin {a} tai {b}, mutta tuli {c}", "väntade {a} eller {b}, men fick {c}"),
    ("expected {a}, but found {b}", "odotettiin {a}, mutta löytyi {b}", "väntade {a}, men hittade {b}"),
    ("mapping values are not allowed here", "kaksoispiste ei ole sallittu tässä (avain–arvo-pari väärässä kohdassa)",
     "kolon är inte tillåtet här (ett nyckel–värde-par på fel ställe)"),
    ("could not find expected ':'", "odotettua kaksoispistettä ':' ei löytynyt", "det väntade ':' hittades inte"),
    ("found unexpected end of stream", "tiedosto loppui kesken", "filen tog slut för tidigt"),
    ("found character {c} that cannot start any token", "merkki {c} ei voi aloittaa arvoa", "tecknet {c} kan inte inleda ett värde"),
    ("found undefined alias {a}", "määrittelemätön viittaus {a}", "odefinierat alias {a}"),
    ("found unexpected ':'", "odottamaton ':'", "oväntat ':'"),
    ("did not find expected key", "odotettua avainta ei löytynyt", "den väntade nyckeln hittades inte"),
    ("did not find expected '-' indicator", "odotettua '-'-merkkiä ei löytynyt", "den väntade '-'-markören hittades inte"),
    ("did not find expected node content", "odotettua arvoa ei löytynyt", "det väntade värdet hittades inte"),
    ("did not find expected ',' or ']'", "odotettua merkkiä ',' tai ']' ei löytynyt", "det väntade ',' eller ']' hittades inte"),
    ("did not find expected ',' or '}'", "odotettua merkkiä ',' tai '}' ei löytynyt", "det väntade ',' eller '}' hittades inte"),
    ("did not find expected comment or line break", "odotettua kommenttia tai rivinvaihtoa ei löytynyt",
     "den väntade kommentaren eller radbrytningen hittades inte"),
    ("invalid YAML", "virheellinen YAML", "ogiltig YAML"),
    ("the character {c} is not allowed in YAML", "merkki {c} ei ole sallittu YAMLissa", "tecknet {c} är inte tillåtet i YAML"),
]

#: Why a file could not be read or written (``files.os_reason``, ``files.folder_refusal``) or
#: is not JSON (``errors.json_reason``), as a ``{reason}`` parameter gives it: English, Finnish,
#: Swedish. A reason none of these fits makes its message's template not fit (no English
#: reason inside a Finnish or Swedish sentence).
REASONS: list[tuple[str, str, str]] = [
    # the operating system's
    ("there is no such file", "tiedostoa ei ole", "filen finns inte"),
    ("its folder does not exist", "sen kansiota ei ole", "dess mapp finns inte"),
    ("a part of the path is not a folder", "osa polusta ei ole kansio", "en del av sökvägen är inte en mapp"),
    ("permission denied", "käyttöoikeus puuttuu", "åtkomst nekad"),
    ("the file system is read-only", "tiedostojärjestelmään ei voi kirjoittaa", "filsystemet är skrivskyddat"),
    ("the disk is full", "levy on täynnä", "disken är full"),
    ("the disk quota is used up", "levykiintiö on käytetty loppuun", "diskkvoten är förbrukad"),
    ("it is a folder", "se on kansio", "det är en mapp"),
    ("the name is too long", "nimi on liian pitkä", "namnet är för långt"),
    ("it is a loop of symbolic links", "se on symbolisten linkkien silmukka", "det är en slinga av symboliska länkar"),
    ("the device failed to read or write it (an input/output error)",
     "laite ei pystynyt lukemaan tai kirjoittamaan sitä (siirtovirhe)",
     "enheten kunde inte läsa eller skriva den (ett in-/utmatningsfel)"),
    ("it is too large for the file system", "se on liian suuri tiedostojärjestelmälle", "den är för stor för filsystemet"),
    ("there is no such device", "laitetta ei ole", "enheten finns inte"),
    ("it is a program that is running", "se on käynnissä oleva ohjelma", "det är ett program som körs"),
    ("it is in use", "se on käytössä", "den används"),
    ("the operating system refused it (an invalid argument)", "käyttöjärjestelmä torjui sen (virheellinen argumentti)",
     "operativsystemet vägrade (ett ogiltigt argument)"),
    ("its folder {folder} does not exist", "sen kansiota {folder} ei ole", "dess mapp {folder} finns inte"),
    ("its folder {folder} takes no new files", "sen kansioon {folder} ei voi tehdä uusia tiedostoja",
     "dess mapp {folder} tar inte emot nya filer"),
    ("no file can be made in its folder {folder} ({reason})", "sen kansioon {folder} ei voi tehdä tiedostoa ({reason})",
     "ingen fil kan skapas i dess mapp {folder} ({reason})"),
    # JSON's
    ("a value was expected", "odotettiin arvoa", "ett värde väntades"),
    ("a key in double quotes was expected", "odotettiin lainausmerkeissä olevaa avainta",
     "en nyckel inom dubbla citattecken väntades"),
    ("a ':' was expected after the key", "avaimen jälkeen odotettiin merkkiä ':'", "ett ':' väntades efter nyckeln"),
    ("a ',' was expected between two members or items", "kahden jäsenen tai alkion välissä odotettiin merkkiä ','",
     "ett ',' väntades mellan två medlemmar eller element"),
    ("a text is not closed with a double quote", "tekstiä ei ole suljettu lainausmerkillä",
     "en text är inte avslutad med ett dubbelt citattecken"),
    ("a text holds a control character (write it as an escape)", "tekstissä on ohjausmerkki (kirjoita se koodina)",
     "en text innehåller ett styrtecken (skriv det som en escape)"),
    ("a text holds an escape \\u that is not four hexadecimal digits",
     "tekstin koodin \\u perässä ei ole neljää heksadesimaalinumeroa",
     "en text har en escape \\u som inte följs av fyra hexadecimala siffror"),
    ("a text holds a backslash that begins no escape", "tekstissä on kenoviiva, joka ei aloita koodia",
     "en text har ett omvänt snedstreck som inte inleder någon escape"),
    ("more follows the end of the JSON value", "JSON-arvon lopun jälkeen tulee vielä jotain",
     "mer följer efter slutet av JSON-värdet"),
    ("it begins with a byte-order mark", "se alkaa tavujärjestysmerkillä (BOM)", "den börjar med en byteordningsmarkering (BOM)"),
    ("a ',' comes before the end of an object or a list", "objektin tai luettelon lopun edellä on pilkku ','",
     "ett ',' står före slutet av ett objekt eller en lista"),
    ("it is not JSON", "se ei ole JSONia", "det är inte JSON"),
    ("a text holds an escape \\ud800 to \\udfff without its pair, which is no character",
     "tekstissä on koodi \\ud800–\\udfff ilman pariaan, eikä se ole mikään merkki",
     "en text har en escape \\ud800 till \\udfff utan sitt par, vilket inte är något tecken"),
    ("{value} is not a JSON number", "{value} ei ole JSON-luku", "{value} är inte ett JSON-tal"),
]

#: Values that a message or an output gives in words, not as they are (``errors.shown``, a
#: replay's difference): English, Finnish, Swedish.
VALUE_WORDS: list[tuple[str, str, str]] = [
    ("a whole number of about {n} digits", "noin {n} numeron kokonaisluku", "ett heltal med ungefär {n} siffror"),
    ("no decision ({code})", "ei päätöstä ({code})", "inget beslut ({code})"),
    # the size of answers over the limit (SR307)
    ("the answers are more than {n} bytes", "vastaukset ovat yli {n} tavua", "svaren är mer än {n} byte"),
    ("the answers are {n} bytes", "vastaukset ovat {n} tavua", "svaren är {n} byte"),
]

#: The problems of a reference distribution (segrules report --reference), each said on its
#: own: the message lists them all, separated by "; ".
REFERENCE_PROBLEMS: list[tuple[str, str, str]] = [
    ("the expected shares add up to {total} %, not 100 %",
     "odotettujen osuuksien summa on {total} %, ei 100 %",
     "de förväntade andelarna blir sammanlagt {total} %, inte 100 %"),
    ("{key} is not a segment of {ruleset}",
     "{key} ei ole säännöstön {ruleset} segmentti",
     "{key} är inte ett segment i {ruleset}"),
    ("{key} names several segments",
     "{key} nimeää useita segmenttejä",
     "{key} namnger flera segment"),
    ("{key}: {value} is not a percent (write 39 or \"38.6\")",
     "{key}: {value} ei ole prosenttiluku (kirjoita 39 tai \"38.6\")",
     "{key}: {value} är inte ett procenttal (skriv 39 eller \"38.6\")"),
    ("{key}: {value} is not between 0 and 100",
     "{key}: {value} ei ole välillä 0–100",
     "{key}: {value} ligger inte mellan 0 och 100"),
]


#: What is wrong with a decision record (``engine.record``), inside an SR553 message.
RECORD_PROBLEMS: list[tuple[str, str, str]] = [
    ("the object has none of the keys of a decision record ({keys})",
     "objektissa ei ole yhtään päätöstietueen avainta ({keys})", "objektet har ingen av en beslutsposts nycklar ({keys})"),
    ("answers is missing (a record made before records held the answers cannot be replayed)",
     "answers puuttuu (tietuetta, joka on tehty ennen kuin tietueisiin tallennettiin vastaukset, ei voi tehdä uudelleen)",
     "answers saknas (en post från tiden innan posterna innehöll svaren kan inte göras om)"),
    ("the schema is missing (a record says \"schema\": \"{schema}\")",
     "schema puuttuu (tietueessa lukee \"schema\": \"{schema}\")", "schema saknas (en post har \"schema\": \"{schema}\")"),
    ("the schema is {given}, not {schema}", "schema on {given}, ei {schema}", "schema är {given}, inte {schema}"),
    ("{field} is missing", "{field} puuttuu", "{field} saknas"),
    ("{field} must be 1 or more, not {number}", "{field} on oltava vähintään 1, ei {number}",
     "{field} måste vara minst 1, inte {number}"),
    ("{field} {number} is more than any ruleset has", "{field} {number} on suurempi kuin missään säännöstössä on",
     "{field} {number} är större än i någon regeluppsättning"),
    ("{field} is {number}, which is not a JSON number", "{field} on {number}, joka ei ole JSON-luku",
     "{field} är {number}, som inte är ett JSON-tal"),
    ("{field} nests lists or objects more than {n} levels deep",
     "{field} sisältää sisäkkäisiä luetteloita tai objekteja yli {n} tasoa",
     "{field} nästlar listor eller objekt mer än {n} nivåer djupt"),
    ("a decision record is a JSON object", "päätöstietue on JSON-objekti", "en beslutspost är ett JSON-objekt"),
    ("{field}.exact must be an exact number such as 3, 3.25 or 10/3, not {given}",
     "{field}.exact on oltava tarkka luku, kuten 3, 3.25 tai 10/3, ei {given}",
     "{field}.exact måste vara ett exakt tal som 3, 3.25 eller 10/3, inte {given}"),
    ('{field} must be {"exact": ...}, true, false or a code, not {kind}',
     '{field} on oltava {"exact": ...}, true, false tai koodi, ei {kind}',
     '{field} måste vara {"exact": ...}, true, false eller en kod, inte {kind}'),
    ("assessed_at {given} is not an ISO 8601 date and time", "assessed_at {given} ei ole ISO 8601 -muotoinen päivämäärä ja kellonaika",
     "assessed_at {given} är inte ett datum och klockslag enligt ISO 8601"),
    ("assessed_at {given} has no UTC offset", "assessed_at {given}: UTC-ero puuttuu", "assessed_at {given} saknar UTC-förskjutning"),
    ("overridden is {flag}, but the segment is {segment} and the suggested segment {suggested}",
     "overridden on {flag}, mutta segmentti on {segment} ja ehdotettu segmentti {suggested}",
     "overridden är {flag}, men segmentet är {segment} och det föreslagna segmentet {suggested}"),
    ("an overridden decision must give its override_reason", "vaihdetussa päätöksessä on oltava override_reason",
     "ett ändrat beslut måste ange sin override_reason"),
    ("override_reason is given, but the decision is not overridden", "override_reason on annettu, mutta päätöstä ei ole vaihdettu",
     "override_reason är angiven, men beslutet är inte ändrat"),
    # checked against the ruleset (replay)
    ("the record was made by {id} {version} (content hash {hash}), not by {id2} {version2} (content hash {hash2})",
     "tietueen on tehnyt {id} {version} (sisällön tiiviste {hash}), ei {id2} {version2} (sisällön tiiviste {hash2})",
     "posten gjordes av {id} {version} (innehållshash {hash}), inte av {id2} {version2} (innehållshash {hash2})"),
    ("{field} {sid} is not a segment of {id}", "{field} {sid} ei ole säännöstön {id} segmentti", "{field} {sid} är inte ett segment i {id}"),
    ("rule.number {number}: {id} has {n} rules", "rule.number {number}: säännöstössä {id} on {n} sääntöä",
     "rule.number {number}: {id} har {n} regler"),
    ("rule {number} gives {segment}, not the suggested segment {suggested}",
     "sääntö {number} antaa segmentin {segment}, ei ehdotettua segmenttiä {suggested}",
     "regel {number} ger {segment}, inte det föreslagna segmentet {suggested}"),
    ("the scores are {given}, but {id} has the scores {ids}", "pistemäärät ovat {given}, mutta säännöstön {id} pistemäärät ovat {ids}",
     "poängen är {given}, men {id} har poängen {ids}"),
    ("reassess_on {given} is not the date {id} gives for {segment} assessed at {at} ({date})",
     "reassess_on {given} ei ole päivä, jonka {id} antaa segmentille {segment}, kun arvioitu {at} ({date})",
     "reassess_on {given} är inte det datum som {id} ger för {segment} bedömt {at} ({date})"),
    ("{field} must be {kind}, not {kind2}", "{field} on oltava {kind}, ei {kind2}", "{field} måste vara {kind}, inte {kind2}"),
]


# --------------------------------------------------------------------------- matching


_FIELD = re.compile(r"\{(\w+)(?::\w+)?\}")


@functools.lru_cache(maxsize=None)
def _pattern(english: str) -> re.Pattern:
    parts, last = [], 0
    for m in _FIELD.finditer(english):
        parts.append(re.escape(english[last:m.start()]))
        # a parameter named *_code is an error code: "(SR302)" ends a message, not "(scale x)"
        parts.append(f"(?P<{m.group(1)}>SR[0-9]{{3}})" if m.group(1).endswith("_code") else f"(?P<{m.group(1)}>.+?)")
        last = m.end()
    parts.append(re.escape(english[last:]))
    return re.compile("".join(parts), re.DOTALL)


def _fill(template: str, values: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: values[m.group(0)[1:-1]], template)


def _match(entries: Iterable[tuple], text: str, lang: str, first: int) -> str | None:
    """``text`` by the first of ``entries`` whose English (at index ``first``) fits it and whose
    phrase parameters translate; None if none does."""
    index = {"fi": first + 1, "sv": first + 2}[lang]
    for entry in entries:
        m = _pattern(entry[first]).fullmatch(text)
        if m is None:
            continue
        values = _values(m.groupdict(), entry[index], lang)
        if values is not None:
            return _fill(entry[index], values)
    return None


def _values(found: dict[str, str], template: str, lang: str) -> dict[str, str] | None:
    """The parameters as the template uses them: phrases and kinds translated, the rest as is."""
    out: dict[str, str] = {}
    for m in _FIELD.finditer(template):
        key = m.group(0)[1:-1]
        name, _, form = key.partition(":")
        value = found[name]
        if name.startswith("what"):
            value = _phrase(value, lang, form or "nom")
        elif name.startswith("kind"):
            value = _match(KINDS, value, lang, 0) or None
        elif name == "yaml":
            value = _match(YAML_PROBLEMS, value, lang, 0)
        elif name == "reason":
            value = _match(REASONS, value, lang, 0)
        elif name == "input":  # an input's id, or where the problem is when no input is it
            value = _place(value, lang)
        elif name == "value":
            value = translate_value(value, lang)
        elif name == "reference_problems":  # several, separated by "; "
            parts = [_match(REFERENCE_PROBLEMS, part, lang, 0) for part in value.split("; ")]
            value = None if None in parts else "; ".join(parts)
        elif name in ("problem", "problems"):  # several on lines of their own
            parts = [_match(RECORD_PROBLEMS, part, lang, 0) for part in value.split("\n  ")]
            value = None if None in parts else "\n  ".join(parts)
        elif form == "answer" or (name == "message" and not form):
            value = _any_message(value, lang)
        elif name == "checks":
            value = _check_statuses(value, lang)
        if value is None:
            return None
        out[key] = value
    return out


#: Where an answer problem is when no input is it ("(answers): the answers must be ..."), as
#: an AnswerProblem's ``input`` names it: English, Finnish, Swedish ({n}: a number).
PLACES: list[tuple[str, str, str]] = [
    ("(answers)", "(vastaukset)", "(svaren)"),
    ("(response)", "(lomakevastaus)", "(formulärsvaret)"),
    ("(responses)", "(lomakevastaukset)", "(formulärsvaren)"),
    ("(response {n})", "(lomakevastaus {n})", "(formulärsvar {n})"),
    ("(bundle)", "(Bundle)", "(Bundle)"),
    ("(bundle entry {n})", "(Bundlen kohta {n})", "(Bundle-post {n})"),
    ("(subject)", "(kohde)", "(subjektet)"),
    ("(resource)", "(resurssi)", "(resursen)"),
]


def _place(value: str, lang: str) -> str:
    """An answer problem's ``input`` in ``lang``: a place in parentheses translated, an input's
    id as it is."""
    if not value.startswith("("):
        return value
    return _match(PLACES, value, lang, 0) or value


def _check_statuses(value: str, lang: str) -> str:
    """``"exclusivity failed, completeness undecided"`` (a check's name, its status) with each
    status as ``segrules verify`` writes it in ``lang`` (the names are ids, as there)."""
    out = []
    for item in value.split(", "):
        check, _, status = item.rpartition(" ")
        word = I18N_TEXTS[lang].get(f"status.{status}")
        out.append(f"{check} {word}" if check and word else item)
    return ", ".join(out)


@functools.lru_cache(maxsize=4096)
def _phrase(text: str, lang: str, form: str = "nom") -> str | None:
    column = {"nom": 1, "gen": 2}[form] if lang == "fi" else 3
    for entry in PHRASES:
        m = _pattern(entry[0]).fullmatch(text)
        if m is None:
            continue
        if entry[0] == "{key}" and not re.fullmatch(r"[a-z_]+", text):
            continue
        if entry[0] == "'{op}'" and not re.fullmatch(r"'[^']+'", text):
            continue
        values = _values(m.groupdict(), entry[column], lang)
        if values is not None:
            return _fill(entry[column], values)
    return None


def _any_message(text: str, lang: str) -> str | None:
    """A message inside a message (a DSL problem after "in rule 3: "), whatever its code."""
    return _match(MESSAGES, text, lang, 1)


#: A value quoted in a message: an apostrophe inside a word ("the coding's system") opens none.
_QUOTED = re.compile(r"(?<!\w)'[^']*'(?!\w)|(?<!\w)\"[^\"]*\"(?!\w)")


def translated(code: str, message: str, lang: str) -> str | None:
    """``message`` (of the problem ``code``) in ``lang`` by its template; None where no
    template fits. English stays as it is."""
    if check_lang(lang) == "en":
        return message
    found = _match((e for e in MESSAGES if e[0] == code), message, lang, 1)
    return found if found is not None else _match((e for e in MESSAGES if e[0] != code), message, lang, 1)


def translate(code: str, message: str, lang: str) -> str:
    """``message`` (of the problem ``code``) in ``lang``: by its template where one fits, else
    the code's title in ``lang`` and the values the message quotes. English stays as it is."""
    found = translated(code, message, lang)
    if found is not None:
        return found
    quoted = _QUOTED.findall(message)
    return title(code, lang) + (f" ({', '.join(dict.fromkeys(quoted))})" if quoted else "")


def translate_error(error: str, lang: str) -> str:
    """An error as ``CODE: message`` (an example's result, a verify result) in ``lang``."""
    code, sep, message = error.partition(": ")
    if not sep or not re.fullmatch(r"SR[0-9]{3}", code):
        return error if check_lang(lang) == "en" else title("SR000", lang)
    return f"{code}: {translate(code, message, lang)}"


def translate_value(value: str, lang: str) -> str:
    """A value as a message or an output shows it, in ``lang`` where it is given in words
    (``a whole number of about 5000 digits``, ``no decision (SR300)``); else as it is."""
    if check_lang(lang) == "en":
        return value
    return _match(VALUE_WORDS, value, lang, 0) or value


def translate_hint(hint: str | None, lang: str) -> str | None:
    """A hint in ``lang``; None where no template fits (no hint rather than one in English)."""
    if hint is None or check_lang(lang) == "en":
        return hint
    return _match(HINTS, hint, lang, 1)


def title(code: str, lang: str) -> str:
    """The one-line title of ``code`` in ``lang``."""
    if check_lang(lang) == "en":
        from .codes import CODES

        info = CODES.get(code)
        return info.title if info is not None else code
    fi, sv = TITLES.get(code, TITLES["SR000"])
    return fi if lang == "fi" else sv


def word(key: str, lang: str, n: int | None = None) -> str:
    """A word of the diagnostics' frame (``error``, ``hint``, ``errors`` for a count) in ``lang``."""
    texts = WORDS[check_lang(lang)]
    if n is None:
        return texts[key]
    return (texts.get(key + ".one", texts[key]) if n == 1 else texts[key]).format(n=n)


# --------------------------------------------------------------------------- long explanations

#: The long explanations (``segrules explain CODE``) in Finnish and Swedish: for each code, what
#: it means and how to fix it (the text after "Näin korjaat:" / "Så här rättar du:"). The
#: examples are the English explanation's own (``codes.py``), with the words in them that a
#: reader reads (a comment, an example's name) given in the language by ``EXAMPLE_WORDS``.
#: Every code has one, in both languages: those a model owner meets (``for_model_owners``) and
#: those only developers and operators meet (library and command-line usage, SQL, batch files
#: and reports, the service, FHIR).
EXPLANATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "SR000": {
        "fi": (
            "SR000 on segrulesin ongelmien yleiskoodi. Näet sen vain, kun mikään tarkempi koodi ei "
            "sovi; itse viesti kertoo, mikä meni vikaan.",
            "lue viesti. Jos se ei kerro, mitä pitää muuttaa, näytä se segrulesin ylläpitäjille: "
            "ongelma, jonka mallin omistaja voi kohdata, ansaitsee oman koodin ja selityksen.",
        ),
        "sv": (
            "SR000 är den allmänna koden för de problem som segrules rapporterar. Du ser den bara "
            "när ingen mer specifik kod passar; meddelandet säger vad som gick fel.",
            "läs meddelandet. Om det inte säger vad du ska ändra, visa det för dem som underhåller "
            "segrules: ett problem som en modellägare kan stöta på förtjänar en egen kod och förklaring.",
        ),
    },
    "SR001": {
        "fi": (
            "segrulesille annettua tiedostoa ei ole, se on kansio, tai sitä ei voi avata "
            "(esimerkiksi sinulla ei ole oikeutta lukea sitä).",
            "tarkista tiedoston ja sen kansion nimen kirjoitusasu. Anna itse .yaml-tiedoston polku, "
            "älä sen kansion, jossa tiedosto on.",
        ),
        "sv": (
            "Filen som gavs till segrules finns inte, är en mapp eller kan inte öppnas (du har till "
            "exempel inte rätt att läsa den).",
            "kontrollera stavningen av filnamnet och mappen. Ange sökvägen till själva .yaml-filen, "
            "inte till mappen där den ligger.",
        ),
    },
    "SR002": {
        "fi": (
            "Säännöstötiedosto saa olla enintään 1 MiB (1 048 576 tavua). Todellinen "
            "asiakkuussegmentoinnin malli vie muutamia kymmeniä kilotavuja, joten näin suuri "
            "tiedosto ei todennäköisesti ole säännöstö, tai siihen on liitetty paljon aineistoa "
            "(esimerkiksi tuhansia esimerkkejä).",
            "tarkista, että avasit oikean tiedoston. Pidä mallin omat esimerkit (`examples`) "
            "harvoina ja edustavina; suuret vastausaineistot kuuluvat erillisiin vastaustiedostoihin.",
        ),
        "sv": (
            "En regelfil får vara högst 1 MiB (1 048 576 byte). En verklig modell för "
            "kundsegmentering tar några tiotal kilobyte, så en så stor fil är troligen ingen "
            "regeluppsättning, eller så har en stor mängd data klistrats in i den (till exempel "
            "tusentals exempel).",
            "kontrollera att du öppnade rätt fil. Håll modellens egna exempel (`examples`) få och "
            "representativa; stora mängder svar hör hemma i separata svarsfiler.",
        ),
    },
    "SR003": {
        "fi": (
            "Säännöstötiedostot luetaan UTF-8-tekstinä, jotta ä, ö ja å näkyvät oikein kaikkialla. "
            "Tässä tiedostossa on tavuja, jotka eivät ole UTF-8:aa: se on tallennettu toisella "
            "merkistöllä (kuten Windows-1252 tai Latin-1), tai se ei ole tekstitiedosto lainkaan "
            "(vaan esimerkiksi Word- tai Excel-tiedosto). Sijainti on rivi, jolla ensimmäinen "
            "tällainen tavu on.",
            "avaa tiedosto tekstieditorissa ja tallenna se UTF-8-merkistöllä (useimpien "
            "editorien oletus). Kirjoita säännöstöt tekstieditorilla, älä tekstinkäsittelyohjelmalla.",
        ),
        "sv": (
            "Regelfiler läses som UTF-8-text, så att ä, ö och å blir rätt överallt. Den här filen "
            "innehåller byte som inte är UTF-8: den har sparats med en annan teckenkodning (som "
            "Windows-1252 eller Latin-1), eller så är den ingen textfil alls (utan till exempel ett "
            "Word- eller Excel-dokument). Positionen är raden där den första sådana byten finns.",
            "öppna filen i en textredigerare och spara den med teckenkodningen UTF-8 (standard i "
            "de flesta redigerare). Skriv regeluppsättningar i en textredigerare, inte i ett "
            "ordbehandlingsprogram.",
        ),
    },
    "SR010": {
        "fi": (
            "Tiedosto ei ole kelvollista YAMLia, joten segrules ei pysty lukemaan sen rakennetta. "
            "Sijainti on kohta, jossa YAML-lukija eksyi; itse virhe on usein juuri sitä ennen, "
            "samalla tai edellisellä rivillä. Tavallisia syitä: teksti, jossa on ': ' ilman "
            "lainausmerkkejä, epätasainen sisennys, rivin alussa sisennykseen käytetty sarkainmerkki "
            "(tab), sulkematon '[' tai '{', tai lainausmerkeissä kenoviivakoodi kuten \"\\ud800\", "
            "joka ei ole merkki vaan puolikas merkkiparista.",
            "kirjoita teksti, jossa on ': ' tai joka alkaa erikoismerkillä, lainausmerkkeihin. "
            "Sisennä vain välilyönneillä, ja sisennä saman tason avaimet yhtä paljon.",
        ),
        "sv": (
            "Filen är inte giltig YAML, så segrules kan inte läsa dess struktur. Positionen är där "
            "YAML-läsaren gick vilse; själva felet står ofta strax före, på samma eller föregående "
            "rad. Vanliga orsaker: en text som innehåller ': ' utan citattecken, ojämna indrag, ett "
            "tabbtecken som indrag i början av en rad, en '[' eller '{' som inte stängs, eller en "
            "kod med omvänt snedstreck inom citattecken, som \"\\ud800\", som inte är ett tecken "
            "utan en halva av ett teckenpar.",
            "skriv en text som innehåller ': ' eller börjar med ett specialtecken inom dubbla "
            "citattecken. Gör indrag med mellanslag, och lika stora indrag för nycklar på samma nivå.",
        ),
    },
    "SR011": {
        "fi": (
            "Sama avain saa esiintyä YAML-kuvauksessa vain kerran. Monet YAML-lukijat pitävät "
            "hiljaa viimeisen ja pudottavat ensimmäisen; segrules pysähtyy, koska pudotettu osa "
            "(toinen samanniminen kysymys, toinen `service_use`) muuttaisi mallia huomaamatta. "
            "Viesti kertoo, missä avain annettiin ensimmäisen kerran.",
            "säilytä toinen: päätä, kumpi arvo on oikea, ja poista toinen, tai nimeä toinen "
            "uudelleen, jos molempia tarvitaan.",
        ),
        "sv": (
            "Varje nyckel får förekomma bara en gång i en YAML-mappning. Många YAML-läsare behåller "
            "tyst den sista och tappar den första; segrules stannar i stället, eftersom den tappade "
            "delen (en andra fråga med samma id, en andra `service_use`) skulle ändra modellen utan "
            "att någon märker det. Meddelandet säger var nyckeln gavs första gången.",
            "behåll den ena: bestäm vilket värde som är rätt och ta bort det andra, eller byt namn "
            "på det ena om båda behövs.",
        ),
    },
    "SR012": {
        "fi": (
            "YAMLissa osan voi nimetä merkinnällä `&nimi` ja toistaa muualla merkinnällä `*nimi`. "
            "Säännöstössä tämä ei ole sallittua: jokaisen osan on oltava luettavissa sellaisenaan, "
            "jotta tarkastaja näkee koko nimen tai asiakkuuspolun siellä, missä sitä käytetään, "
            "eikä muutos yhdessä kohdassa voi hiljaa muuttaa toista.",
            "kirjoita toistuva osa kokonaan auki jokaiseen kohtaan.",
        ),
        "sv": (
            "I YAML kan en del namnges med `&namn` och upprepas på andra ställen med `*namn`. En "
            "regeluppsättning får inte göra så: varje del ska kunna läsas för sig, så att den som "
            "granskar ser hela etiketten eller kundstigen där den används, och en ändring på ett "
            "ställe inte tyst kan ändra ett annat.",
            "skriv ut den upprepade delen i sin helhet på varje ställe.",
        ),
    },
    "SR013": {
        "fi": (
            "Vanhempi YAML lukee paljaat sanat yes, no, on, off, y ja n (isoin tai pienin "
            "kirjaimin) arvoiksi tosi tai epätosi. Nimi `fi: no` tai vaihtoehto `no:` ei silloin "
            "olisikaan teksti \"no\". segrules hyväksyy kyllä/ei-arvoiksi vain sanat `true` ja "
            "`false` ja pysähtyy muihin, jotta tekstistä ei koskaan tule huomaamatta totuusarvoa.",
            "kirjoita kyllä/ei-asetukseen true tai false. Kirjoita teksti lainausmerkkeihin.",
        ),
        "sv": (
            "Äldre YAML läser de nakna orden yes, no, on, off, y och n (med stora eller små "
            "bokstäver) som sant eller falskt. En etikett `fi: no` eller ett alternativ `no:` vore "
            "då inte alls texten \"no\". segrules godtar bara `true` och `false` som ja/nej-värden "
            "och stannar vid de andra orden, så att en text aldrig tyst blir sant eller falskt.",
            "skriv true eller false för en ja/nej-inställning. Skriv en text inom dubbla citattecken.",
        ),
    },
    "SR014": {
        "fi": (
            "YAML-tagi (sana, joka alkaa merkillä ! tai !!, kuten !!str tai !!python/object) "
            "käskee YAML-lukijaa rakentamaan erityisen arvon. Säännöstössä on vain tekstiä, "
            "lukuja, totuusarvoja, luetteloita ja kuvauksia, joten tagit hylätään; jotkin tagit "
            "voivat jopa saada huolimattoman YAML-lukijan ajamaan ohjelmia.",
            "poista tagi. Jos arvo on tarkoitettu tekstiksi, kirjoita se lainausmerkkeihin.",
        ),
        "sv": (
            "En YAML-tagg (ett ord som börjar med ! eller !!, som !!str eller !!python/object) "
            "säger åt YAML-läsaren att bygga ett särskilt slags värde. En regeluppsättning "
            "innehåller bara text, tal, sant/falskt, listor och mappningar, så taggar avvisas; "
            "vissa taggar kan till och med få en slarvig YAML-läsare att köra program.",
            "ta bort taggen. Om värdet är menat som text, skriv det inom dubbla citattecken.",
        ),
    },
    "SR015": {
        "fi": (
            "YAML 1.1 ja YAML 1.2 lukevat jotkin lukujen kirjoitustavat eri tavoin: 010 on toisessa "
            "8 ja toisessa 10, 0x18, 0b11000 ja 2_4 ovat YAML 1.1:ssä 24, 0o30 ja 1e3 ovat lukuja "
            "vain YAML 1.2:ssa, ja 1:20 on YAML 1.1:ssä 80 (60-kantainen) mutta YAML 1.2:ssa "
            "tekstiä. Toinen samaa tiedostoa lukeva ohjelma voisi nähdä eri mallin, joten segrules "
            "hylkää nämä muodot.",
            "kirjoita luku tavallisin kymmenjärjestelmän numeroin, ilman etunollia, alaviivoja ja "
            "kaksoispisteitä. Jos tarkoitit tekstiä, kirjoita se lainausmerkkeihin.",
        ),
        "sv": (
            "YAML 1.1 och YAML 1.2 läser vissa sätt att skriva tal olika: 010 är 8 i den ena och 10 "
            "i den andra, 0x18, 0b11000 och 2_4 är 24 i YAML 1.1, 0o30 och 1e3 är tal bara i YAML "
            "1.2, och 1:20 är 80 (bas 60) i YAML 1.1 men text i YAML 1.2. Ett annat program som "
            "läser samma fil kunde se en annan modell, så segrules avvisar dessa former.",
            "skriv talet med vanliga decimala siffror, utan inledande nollor, understreck eller "
            "kolon. Om du menade text, skriv den inom dubbla citattecken.",
        ),
    },
    "SR100": {
        "fi": (
            "Säännöstön osa on väärän muotoinen: luettelo, kun odotetaan kuvausta (avain: arvo), "
            "yksittäinen arvo, kun odotetaan luetteloa, tekstiä, kun odotetaan kokonaislukua tai "
            "totuusarvoa, tai tiedosto on tyhjä. Viesti nimeää osan ja muodon, joka sillä pitää "
            "olla. Säännöstömuodossa kysymykset (inputs), asteikot, ryhmät, pistemäärät, segmentit "
            "ja asiakkuuspolut ovat tunnuksilla avattuja kuvauksia; säännöt, esimerkit ja "
            "tapaamiset ovat luetteloita; sääntö tai lauseke on yksi tekstirivi.",
            "kirjoita osa siinä muodossa, jonka säännöstömuoto kuvaa (ks. ruleset-format.md). "
            "Kuvaus kirjoitetaan `avain: arvo` -riveinä sisennettynä avaimensa alle, luettelo "
            "riveinä, jotka alkavat '- '.",
        ),
        "sv": (
            "En del av regeluppsättningen har fel form: en lista där en mappning (nyckel: värde) "
            "väntas, ett enskilt värde där en lista väntas, text där ett heltal eller sant/falskt "
            "väntas, eller så är filen tom. Meddelandet nämner delen och den form den ska ha. I "
            "formatet är frågor (inputs), skalor, grupper, poäng, segment och kundstigar "
            "mappningar med id som nycklar; regler, exempel och besök är listor; en regel eller ett "
            "uttryck är en textrad.",
            "skriv delen i den form som formatet beskriver (se ruleset-format.md). En mappning "
            "skrivs som `nyckel: värde`-rader med indrag under sin nyckel, en lista som rader som "
            "börjar med '- '.",
        ),
    },
    "SR101": {
        "fi": (
            "Muodon vaatima avain puuttuu (kuten `version` tai kysymyksen `text`), tai osio, jossa "
            "pitää olla kohtia, on tyhjä (ei kysymyksiä, segmenttejä tai sääntöjä, ei tapaamisia "
            "asiakkuuspolussa). Sijainti osoittaa kuvaukseen, josta avain puuttuu.",
            "lisää puuttuva avain tai puuttuvat kohdat.",
        ),
        "sv": (
            "En nyckel som formatet kräver saknas (som `version` eller en frågas `text`), eller så "
            "är ett avsnitt som måste ha poster tomt (inga frågor, segment eller regler, inga besök "
            "i en kundstig). Positionen pekar på mappningen där nyckeln saknas.",
            "lägg till den nyckel eller de poster som saknas.",
        ),
    },
    "SR110": {
        "fi": (
            "Avain ei kuulu säännöstömuotoon tässä kohdassa. Tuntemattomat avaimet ovat virheitä, "
            "jotta kirjoitusvirhe ei koskaan pudota osaa mallista huomaamatta: väärin kirjoitettu "
            "`asked_whn` tekisi muuten kysymyksestä aina kysytyn. Vihje ehdottaa lähintä tunnettua "
            "avainta. Samaa koodia käytetään avaimelle, joka ei sovi kysymyksen tyyppiin, kuten "
            "`min` asteikkokysymyksessä.",
            "korjaa kirjoitusasu tai poista avain. ruleset-format.md luettelee kaikki avaimet.",
        ),
        "sv": (
            "En nyckel hör inte till formatet på det här stället. Okända nycklar är fel, så att ett "
            "stavfel aldrig tyst tappar en del av modellen: en felstavad `asked_whn` skulle annars "
            "göra att frågan alltid ställs. Tipset föreslår den närmaste kända nyckeln. Samma kod "
            "används för en nyckel som inte passar frågans typ, som `min` för en skalfråga.",
            "rätta stavningen eller ta bort nyckeln. ruleset-format.md listar alla nycklar.",
        ),
    },
    "SR111": {
        "fi": (
            "Asteikkojen, kysymysten, ryhmien, pistemäärien, segmenttien ja vaihtoehtojen tunnukset "
            "kirjoitetaan pienillä ASCII-kirjaimilla: ensin kirjain, sitten kirjaimia, numeroita "
            "tai _. Sääntökielen sanat (and, or, not, when, otherwise, if, then, else, in, true, "
            "false) eivät käy tunnuksiksi. Säännöstön tunnus on tällaisia sanoja pisteillä "
            "yhdistettynä, kuten `helsinki.suuntima`. Suomenkieliset nimet, joissa on ä, ö tai å, "
            "kuuluvat nimiin (label) ja muihin nimiin (aliases), joita ihmiset lukevat.",
            "käytä ASCII-tunnusta, ja pidä suomenkielinen nimi nimenä (label) tai muuna nimenä (alias).",
        ),
        "sv": (
            "Id för skalor, frågor, grupper, poäng, segment och alternativ skrivs med små "
            "ASCII-bokstäver: först en bokstav, sedan bokstäver, siffror eller _. Regelspråkets ord "
            "(and, or, not, when, otherwise, if, then, else, in, true, false) kan inte vara id. "
            "Regeluppsättningens id är sådana ord förenade med punkter, som `helsinki.suuntima`. "
            "Finska namn med ä, ö och å hör hemma i etiketter (label) och alias, där människor "
            "läser dem.",
            "använd ett ASCII-id, och behåll det finska namnet som etikett eller alias.",
        ),
    },
    "SR112": {
        "fi": (
            "Arvon on oltava jokin kiinteistä vaihtoehdoista (hit_policy: unique tai first; "
            "respondent: client, professional tai record; type: scale, integer, boolean tai enum; "
            "service_use: occasional tai heavy; ...), oltava sallitulla välillä "
            "(reassess_after_months 1–60) tai noudatettava muotoa (version muodossa "
            "MAJOR.MINOR.PATCH; format 1). Viesti luettelee sallitut arvot.",
            "valitse jokin viestin luettelemista arvoista.",
        ),
        "sv": (
            "Värdet måste vara ett av en fast uppsättning (hit_policy: unique eller first; "
            "respondent: client, professional eller record; type: scale, integer, boolean eller "
            "enum; service_use: occasional eller heavy; ...), ligga inom ett intervall "
            "(reassess_after_months från 1 till 60) eller följa ett mönster (version som "
            "MAJOR.MINOR.PATCH; format 1). Meddelandet listar vad som är tillåtet.",
            "välj ett av de värden som meddelandet listar.",
        ),
    },
    "SR113": {
        "fi": (
            "Kysymyksillä, ryhmillä ja pistemäärillä on yhteinen nimiavaruus, koska sääntö viittaa "
            "kuhunkin pelkällä nimellä: jos sekä ryhmän että pistemäärän nimi olisi `resources`, "
            "säännöstä ei näkisi, kumpaa se tarkoittaa. Myös ryhmä, jossa sama kysymys on kahdesti, "
            "hylätään, koska kysymys laskettaisiin keskiarvoon tai summaan kahteen kertaan.",
            "nimeä toinen niistä uudelleen.",
        ),
        "sv": (
            "Frågor, grupper och poäng delar en uppsättning namn, eftersom en regel hänvisar till "
            "var och en med bara namnet: om både en grupp och en poäng hette `resources` kunde en "
            "regel inte säga vilken den menar. En grupp som räknar upp samma fråga två gånger "
            "avvisas också, eftersom frågan då skulle räknas två gånger i medelvärdet eller summan.",
            "byt namn på den ena.",
        ),
    },
    "SR120": {
        "fi": (
            "Asteikkokysymys (type: scale) viittaa asteikkoon, jota ei ole esitelty `scales:`-osiossa.",
            "käytä `scales`-osiossa esitellyn asteikon tunnusta (vihje ehdottaa lähintä) tai "
            "esittele asteikko.",
        ),
        "sv": (
            "En skalfråga (type: scale) nämner en skala som inte är deklarerad under `scales:`.",
            "använd id för en skala som är deklarerad under `scales` (tipset föreslår den "
            "närmaste), eller deklarera skalan.",
        ),
    },
    "SR121": {
        "fi": (
            "Asteikon arvojen on oltava kokonaislukuja kasvavassa järjestyksessä. "
            "Kokonaislukukysymyksen min ei saa olla suurempi kuin max, ja sen välillä saa olla "
            "enintään 10 000 arvoa. Vaihtoehtokysymyksellä (enum) ja asteikolla on oltava "
            "vähintään yksi arvo, ja ryhmän on lueteltava vähintään yksi kysymys.",
            "korjaa järjestys tai välin päät. Hyvin laaja väli kannattaa rajata siihen, mitä "
            "säännöt tarvitsevat, tai jakaa luokkiin (enum): verifiointi käy läpi jokaisen "
            "mahdollisen vastauksen, ja säännöt tarvitsevat vain tiedon siitä, mihin luokkaan "
            "arvo kuuluu.",
        ),
        "sv": (
            "En skalas värden måste vara heltal i stigande ordning. En heltalsfråga får inte ha "
            "min större än max, och dess intervall får rymma högst 10 000 värden. En "
            "alternativfråga (enum) och en skala behöver minst ett värde, och en grupp måste räkna "
            "upp minst en fråga.",
            "rätta ordningen eller ändpunkterna. Ett mycket brett intervall skärs hellre ner till "
            "det reglerna behöver, eller delas in i klasser (enum): verifieringen går igenom varje "
            "möjligt svar, och reglerna behöver bara veta i vilken klass ett värde faller.",
        ),
    },
    "SR130": {
        "fi": (
            "Jokainen teksti, jonka ihminen lukee (otsikko, nimet, kysymysten tekstit, "
            "asiakkuuspolkujen tekstit), annetaan kielittäin. Suomenkielinen teksti (fi) on "
            "pakollinen, eikä mikään teksti saa olla tyhjä.",
            "lisää suomenkielinen teksti.",
        ),
        "sv": (
            "Varje text som en person läser (titeln, etiketter, frågornas texter, kundstigarnas "
            "texter) ges per språk. Den finska texten (fi) är obligatorisk, och ingen text får vara tom.",
            "lägg till den finska texten.",
        ),
    },
    "SR131": {
        "fi": (
            "Tämä on varoitus: säännöstö latautuu ja toimii silti. Nimet odotetaan suomeksi, "
            "ruotsiksi ja englanniksi (fi, sv, en): Suomi on kaksikielinen, ja englanti palvelee "
            "henkilöstöä ja asiakkaita, jotka eivät lue kumpaakaan. Kun käännös puuttuu, näytetään "
            "suomenkielinen teksti.",
            "lisää puuttuvat käännökset.",
        ),
        "sv": (
            "Det här är en varning: regeluppsättningen laddas och fungerar ändå. Etiketter väntas "
            "på finska, svenska och engelska (fi, sv, en): Finland är tvåspråkigt, och engelskan "
            "betjänar personal och kunder som inte läser något av dem. Där en översättning "
            "saknas visas den finska texten.",
            "lägg till de översättningar som saknas.",
        ),
    },
    "SR132": {
        "fi": (
            "Nimet ja tekstit annetaan vain kielillä fi, sv ja en. Muu avain on todennäköisesti "
            "kirjoitusvirhe. Yhden rivin muodossa {fi: ..., sv: ...} pilkku päättää tekstin: jos "
            "tekstiä ei ole lainausmerkeissä, pilkun jälkeiset sanat luetaan uudeksi avaimeksi, ja "
            "viesti kertoo sen. Kirjoita tällainen teksti lainausmerkkeihin: "
            "{fi: \"Muistan asiat, joista on sovittu.\", sv: ...}.",
            "käytä suomelle fi, ruotsille sv ja englannille en.",
        ),
        "sv": (
            "Etiketter och texter ges bara på fi, sv och en. En annan nyckel är troligen ett "
            "stavfel. I en etikett på en rad, {fi: ..., sv: ...}, avslutar ett kommatecken texten: "
            "orden efter ett kommatecken i en etikett utan citattecken läses som en ny nyckel, och "
            "meddelandet säger det. Skriv en sådan etikett inom citattecken: "
            "{fi: \"Muistan asiat, joista on sovittu.\", sv: ...}.",
            "använd fi för finska, sv för svenska och en för engelska.",
        ),
    },
    "SR140": {
        "fi": (
            "segrules rajaa säännöstön koon, jotta jokaisen säännöstön voi tarkistaa ja verifioida "
            "kohtuullisessa ajassa: enintään 500 kysymystä, enintään 200 vaihtoehtoa yhdessä "
            "vaihtoehtokysymyksessä ja YAML enintään 40 tasoa sisäkkäin. Todellinen malli jää "
            "kauas näistä rajoista; rajan ylittyminen tarkoittaa yleensä, että malliin on liitetty "
            "aineistoa tai sulkeet eivät täsmää.",
            "pidä mallissa vain se, mitä säännöt tarvitsevat: ryhmittele arvot niihin luokkiin, "
            "jotka säännöt erottavat, ja jaa hyvin suuri malli useaksi säännöstöksi.",
        ),
        "sv": (
            "segrules begränsar storleken på en regeluppsättning, så att varje regeluppsättning kan "
            "kontrolleras och verifieras inom rimlig tid: högst 500 frågor, högst 200 alternativ i "
            "en alternativfråga och YAML kapslad högst 40 nivåer djupt. En verklig modell ligger "
            "långt under gränserna; att nå en av dem betyder oftast att data har klistrats in i "
            "modellen, eller att parenteser inte stämmer.",
            "behåll i modellen bara det reglerna behöver: gruppera värdena i de klasser som "
            "reglerna skiljer på, och dela upp en mycket stor modell i flera regeluppsättningar.",
        ),
    },
    "SR200": {
        "fi": (
            "Sääntö, pistemäärä tai asked_when-ehto ei ole kirjoitettu sääntökielellä (ks. dsl.md). "
            "Sijainti osoittaa kohtaan, jossa lauseke lakkasi olemasta järkevä; viesti ja vihje "
            "nimeävät todennäköisen virheen: '==' eikä '=', '=>' eikä '>=', desimaalipilkku, teksti "
            "heittomerkeissä, kaksi ehtoa ilman 'and' tai 'or' välissä, puuttuva ')' tai puuttuva "
            "'else'.",
            "kirjoita lauseke niin kuin viesti ja vihje ehdottavat. Desimaalit kirjoitetaan "
            "pisteellä (2.5).",
        ),
        "sv": (
            "En regel, en poäng eller ett asked_when-villkor är inte skrivet på regelspråket (se "
            "dsl.md). Positionen pekar på stället där uttrycket slutade vara begripligt; meddelandet "
            "och tipset nämner det troliga felet: '==' i stället för '=', '=>' i stället för '>=', "
            "ett decimalkomma, text inom enkla citattecken, två villkor utan 'and' eller 'or' "
            "emellan, en ')' eller ett 'else' som saknas.",
            "skriv uttrycket så som meddelandet och tipset föreslår. Decimaler skrivs med punkt (2.5).",
        ),
    },
    "SR201": {
        "fi": (
            "Lauseke saa olla enintään 4 000 merkkiä pitkä ja enintään 64 tasoa sisäkkäin. Sulkeet, "
            "'not', miinusmerkit ja if toisen if:n sisällä lisäävät kukin tason, samoin jokainen "
            "'+', '-', '*' tai '/' pitkässä ketjussa. Näin suurta lauseketta ihmisen on liian "
            "vaikea tarkastaa.",
            "jaa se nimettyihin pistemääriin ja käytä pistemääriä säännöissä. Laske monen "
            "kysymyksen summa tai keskiarvo ryhmästä funktioilla sum(...) tai mean(...), älä "
            "pitkällä '+'-ketjulla.",
        ),
        "sv": (
            "Ett uttryck får vara högst 4 000 tecken långt och kapslat högst 64 nivåer djupt. "
            "Parenteser, 'not', minustecken och en if inuti en if lägger var och en till en nivå, "
            "och så gör varje '+', '-', '*' eller '/' i en lång kedja. Ett så stort uttryck är för "
            "svårt för en människa att granska.",
            "dela upp det i namngivna poäng och använd poängen i reglerna. Räkna ihop många frågor "
            "med sum(...) eller mean(...) över en grupp, inte med en lång kedja av '+'.",
        ),
    },
    "SR210": {
        "fi": (
            "Lauseke tai ryhmä käyttää nimeä, jota ei ole esitelty: millään kysymyksellä, ryhmällä "
            "tai pistemäärällä ei ole tätä tunnusta. asked_when-ehdossa voi käyttää vain "
            "kysymyksiä, ja ryhmään voi luetella vain kysymyksiä. Useimmiten nimi on kirjoitettu "
            "väärin; vihje ehdottaa lähintä esiteltyä nimeä. Segmenttejä ei voi käyttää ehdoissa.",
            "korjaa kirjoitusasu, tai esittele kysymys tai pistemäärä.",
        ),
        "sv": (
            "Ett uttryck eller en grupp använder ett namn som inte är deklarerat: ingen fråga, "
            "grupp eller poäng har detta id. Ett asked_when-villkor får bara använda frågor, och en "
            "grupp får bara räkna upp frågor. Oftast är namnet felstavat; tipset föreslår det "
            "närmaste deklarerade namnet. Segment kan inte användas i villkor.",
            "rätta stavningen, eller deklarera frågan eller poängen.",
        ),
    },
    "SR211": {
        "fi": (
            "Sääntökielen jokaisella arvolla on tyyppi: luku (asteikko- ja kokonaislukukysymykset, "
            "laskutoimitukset, koostefunktiot), kyllä/ei-arvo (kyllä/ei-kysymykset, vertailut, "
            "and/or/not) tai vaihtoehto (vaihtoehtokysymykset). Tässä laskutoimitus sai väärän "
            "tyypin: säännön ehto on luku eikä kyllä/ei, vaihtoehdolla lasketaan, kyllä/ei-arvoja "
            "verrataan merkillä '<', vaihtoehtoa verrataan lukuun, tai if-lausekkeen then- ja "
            "else-osat antavat eri tyypit.",
            "ehto vertaa arvoja, kuten resources < 3. Vaihtoehtoa verrataan johonkin sen "
            "koodeista, lainausmerkeissä.",
        ),
        "sv": (
            "Varje värde i regelspråket har en typ: ett tal (skal- och heltalsfrågor, aritmetik, "
            "aggregatfunktioner), ett ja/nej-värde (ja/nej-frågor, jämförelser, and/or/not) eller "
            "ett alternativ (alternativfrågor). Här fick en operation fel typ: en regel vars "
            "villkor är ett tal i stället för ja/nej, aritmetik på ett alternativ, '<' mellan "
            "ja/nej-värden, ett alternativ som jämförs med ett tal, eller en if vars then- och "
            "else-delar ger olika typer.",
            "ett villkor jämför värden, som resources < 3. Ett alternativ jämförs med en av dess "
            "koder, inom dubbla citattecken.",
        ),
    },
    "SR212": {
        "fi": (
            "Sääntökielessä on funktiot mean, sum, min, max, count, count_true ja answered. Nimen, "
            "jota seuraa '(', on oltava jokin niistä. Kukin tarvitsee vähintään yhden kysymyksen; "
            "answered(...) ottaa tasan yhden kysymyksen; count(...) laskee vastatut kysymykset, "
            "joten se ottaa vain kysymyksiä ja ryhmiä.",
            "käytä jotakin funktioista niin kuin dsl.md ne kuvaa.",
        ),
        "sv": (
            "Regelspråket har funktionerna mean, sum, min, max, count, count_true och answered. "
            "Ett namn följt av '(' måste vara en av dem. Var och en behöver minst en fråga; "
            "answered(...) tar exakt en fråga; count(...) räknar besvarade frågor, så den tar bara "
            "frågor och grupper.",
            "använd en av funktionerna så som dsl.md beskriver dem.",
        ),
    },
    "SR213": {
        "fi": (
            "Pistemäärä käyttää itseään, suoraan tai muiden pistemäärien kautta (a käyttää b:tä ja "
            "b a:ta), joten mitään niistä ei voi laskea ensin. Sama koskee kysymyksiä: kysymyksen "
            "kysyminen ei voi riippua sen omasta vastauksesta eikä kysymyksestä, jonka kysyminen "
            "riippuu siitä.",
            "päätä, kumpi lasketaan ensin, ja laske toinen siitä, tai laske molemmat kysymysten "
            "vastauksista.",
        ),
        "sv": (
            "En poäng använder sig själv, direkt eller via andra poäng (a använder b och b "
            "använder a), så ingen av dem kan räknas ut först. Detsamma gäller frågor: om en fråga "
            "ställs kan inte bero på dess eget svar, eller på en fråga vars ställande beror på den.",
            "bestäm vilken som kommer först och räkna ut den andra från den, eller räkna ut båda "
            "från svaren på frågorna.",
        ),
    },
    "SR214": {
        "fi": (
            "Vaihtoehtokysymystä verrataan tekstiin, joka ei ole mikään sen koodeista. Tällainen "
            "vertailu ei koskaan toteutuisi (tai merkillä != toteutuisi aina), mikä on lähes aina "
            "kirjoitusvirhe. Koodit ovat kysymyksen `values:`-kohdan avaimet, eivät niiden nimet.",
            "käytä jotakin koodeista; vihje ehdottaa lähintä.",
        ),
        "sv": (
            "En alternativfråga jämförs med en text som inte är en av dess koder. En sådan "
            "jämförelse skulle aldrig gälla (eller, med !=, alltid gälla), vilket nästan alltid är "
            "ett stavfel. Koderna är nycklarna under frågans `values:`, inte deras etiketter.",
            "använd en av koderna; tipset föreslår den närmaste.",
        ),
    },
    "SR215": {
        "fi": (
            "Ryhmä on luettelo kysymyksiä, eikä sillä ole yhtä arvoa, joten sitä voi käyttää vain "
            "funktioiden mean, sum, min, max, count tai count_true sisällä. asked_when-ehto "
            "ratkaisee, mitä kysytään, samalla kun kysymyksiin vastataan, joten siinä voi käyttää "
            "vain muita kysymyksiä, ei pistemääriä eikä ryhmiä.",
            "kirjoita ryhmä koostefunktion sisään, tai käytä asked_when-ehdossa itse kysymyksiä.",
        ),
        "sv": (
            "En grupp är en lista med frågor och har inget enskilt värde, så den kan bara användas "
            "inuti mean, sum, min, max, count eller count_true. Ett asked_when-villkor avgör vilka "
            "frågor som ställs medan de besvaras, så det får bara använda andra frågor, inte poäng "
            "eller grupper.",
            "skriv gruppen inuti en aggregatfunktion, eller använd själva frågorna i asked_when.",
        ),
    },
    "SR220": {
        "fi": (
            "Sanan 'when' (tai 'otherwise') edellä on oltava `segments:`-osiossa esitellyn "
            "segmentin tunnus. Muut nimet (aliases), kuten pärjääjä, ovat ihmisten luettavaksi; "
            "säännöt käyttävät segmentin tunnusta.",
            "käytä segmentin tunnusta (vihje ehdottaa lähintä) tai esittele segmentti.",
        ),
        "sv": (
            "Ordet före 'when' (eller 'otherwise') måste vara id för ett segment som är deklarerat "
            "under `segments:`. Alias, som pärjääjä, är andra namn för människor att läsa; regler "
            "använder segmentets id.",
            "använd segmentets id (tipset föreslår det närmaste) eller deklarera segmentet.",
        ),
    },
    "SR221": {
        "fi": (
            "Mikään sääntö ei nimeä tätä segmenttiä, joten yhtäkään asiakasta ei voi koskaan "
            "sijoittaa siihen. Usein sääntö nimeää segmentin kirjoitusvirheellä (ks. SR220), tai "
            "segmentti lisättiin ja sen sääntö unohtui.",
            "lisää segmentille sääntö tai poista segmentti.",
        ),
        "sv": (
            "Ingen regel nämner det här segmentet, så ingen kund kan någonsin placeras i det. "
            "Ofta nämner en regel segmentet med ett stavfel (se SR220), eller så lades segmentet "
            "till och dess regel glömdes.",
            "lägg till en regel för segmentet, eller ta bort segmentet.",
        ),
    },
    "SR222": {
        "fi": (
            "Jokainen segmentti tarvitsee asiakkuuspolun (palvelupolun): miten sen asiakkaisiin "
            "otetaan yhteyttä, mitä tapaamisia tarjotaan, kuka koordinoi, miten omahoitoa tuetaan "
            "ja milloin asiakkuus arvioidaan uudelleen. Jokaisen asiakkuuspolun on kuuluttava "
            "esiteltyyn segmenttiin, segmentin tunnuksen alla.",
            "anna jokainen asiakkuuspolku segmenttinsä tunnuksella, ja anna yksi jokaiselle segmentille.",
        ),
        "sv": (
            "Varje segment behöver en kundstig: hur dess kunder kontaktas, vilka "
            "besök som erbjuds, vem som koordinerar, hur egenvården stöds och när segmentet "
            "bedöms på nytt. Varje kundstig måste höra till ett deklarerat segment, under "
            "segmentets id.",
            "ge varje kundstig under id för sitt segment, och ge en för varje segment.",
        ),
    },
    "SR223": {
        "fi": (
            "Sääntö `<segmentti> otherwise` sijoittaa jokaisen asiakkaan, jota mikään aiempi sääntö "
            "ei sijoittanut. Se on järkevä vain, kun säännöt käydään läpi järjestyksessä "
            "(hit_policy: first), ja vain viimeisenä sääntönä, koska sen jälkeistä sääntöä ei "
            "koskaan saavutettaisi. Kun hit_policy on unique (oletus), jokaisella säännöllä on "
            "oltava ehto, jotta jokaiselle asiakkaalle täyttyy tasan yksi sääntö.",
            "käytä hit_policy: first ja pidä 'otherwise' viimeisenä, tai anna säännölle ehto.",
        ),
        "sv": (
            "En regel `<segment> otherwise` placerar varje kund som ingen tidigare regel "
            "placerade. Den är meningsfull bara när reglerna prövas i ordning (hit_policy: first), "
            "och bara som sista regel, eftersom en regel efter den aldrig kunde nås. Med "
            "hit_policy: unique (standard) behöver varje regel ett villkor, så att exakt en regel "
            "gäller för varje kund.",
            "använd hit_policy: first och håll 'otherwise' sist, eller ge regeln ett villkor.",
        ),
    },
    "SR224": {
        "fi": (
            "Kun säännöstö nimeää akselinsa (asiakkaan voimavarat ja tilanteen kompleksisuus eli "
            "haasteellisuus), molempien on oltava lukuja antavia pistemääriä, ja jokaisella "
            "segmentillä on oltava oma nelikentän lohkonsa: voimavarat korkeat tai matalat, "
            "kompleksisuus korkea tai matala. Lohkot sijoittavat segmentit nelikenttäkuvaan ja "
            "tekevät alueiden mallien välisen vastaavuustaulukon mahdolliseksi.",
            "anna jokaiselle segmentille oma lohkonsa (quadrant), ja nimeä akseleiksi lukuja "
            "antavat pistemäärät.",
        ),
        "sv": (
            "När en regeluppsättning namnger sina axlar (kundens resurser och situationens "
            "komplexitet) måste båda vara poäng som ger tal, och varje segment måste ha ett eget "
            "fält i fyrfältet: höga eller låga resurser, hög eller låg komplexitet. Fälten placerar "
            "segmenten i fyrfältsdiagrammet och gör korstabeller mellan regionernas modeller möjliga.",
            "ge varje segment ett eget fält (quadrant), och namnge poäng som ger tal som axlar.",
        ),
    },
    "SR230": {
        "fi": (
            "Esimerkin `expect`-kohdan on oltava jonkin säännöstön segmentin tunnus.",
            "käytä segmentin tunnusta.",
        ),
        "sv": (
            "Ett exempels `expect` måste vara id för ett segment i regeluppsättningen.",
            "använd segmentets id.",
        ),
    },
    "SR231": {
        "fi": (
            "Esimerkin vastaukset tarkistetaan täsmälleen kuten todellisen arvioinnin vastaukset. "
            "Viesti nimeää esimerkin, kysymyksen ja ongelman, ongelman omalla koodilla (SR301–SR306).",
            "korjaa vastaukset; `segrules explain` ongelman omalla koodilla kertoo lisää.",
        ),
        "sv": (
            "Ett exempels svar kontrolleras precis som svaren vid en verklig bedömning. "
            "Meddelandet nämner exemplet, frågan och problemet, med problemets egen kod "
            "(SR301–SR306).",
            "rätta svaren; `segrules explain` med problemets egen kod berättar mer.",
        ),
    },
    "SR300": {
        "fi": (
            "Yhden arvioinnin vastaukset eivät sovi säännöstöön. SR300 tarkoittaa koko "
            "ongelmaluetteloa; jokaisella sen ongelmalla on oma koodinsa (SR301–SR306), ja se "
            "nimeää kysymyksen, jota se koskee. Kaikki ongelmat luetellaan kerralla.",
            "korjaa jokainen luetteloitu vastaus; kunkin ongelman koodin selitys kertoo, miten.",
        ),
        "sv": (
            "Svaren vid en bedömning passar inte regeluppsättningen. SR300 står för hela listan "
            "med problem; varje problem i den har sin egen kod (SR301–SR306) och nämner frågan det "
            "gäller. Alla problem listas på en gång.",
            "rätta varje listat svar; förklaringen av varje problems kod säger hur.",
        ),
    },
    "SR301": {
        "fi": (
            "Vastauksissa on kysymys, jota säännöstössä ei ole. Useimmiten tunnus on kirjoitettu "
            "väärin, tai vastaukset on tehty toiselle mallille tai sen toiselle versiolle.",
            "käytä tämän säännöstön kysymysten tunnuksia (`segrules describe` luettelee ne).",
        ),
        "sv": (
            "Svaren nämner en fråga som regeluppsättningen inte har. Oftast är id felstavat, eller "
            "så gjordes svaren för en annan modell eller en annan version av den.",
            "använd den här regeluppsättningens fråge-id (`segrules describe` listar dem).",
        ),
    },
    "SR302": {
        "fi": (
            "Vastaus on oikeaa lajia (kokonaisluku, koodi), mutta se ei ole mikään kysymyksen "
            "hyväksymistä arvoista: se on asteikon tai min..max-välin ulkopuolella, tai se ei ole "
            "mikään vaihtoehtojen koodeista. Koodeja verrataan tarkasti: \"Risk\" ei ole \"risk\".",
            "anna jokin viestin luettelemista arvoista.",
        ),
        "sv": (
            "Svaret är av rätt slag (ett heltal, en kod) men är inte ett av de värden som frågan "
            "godtar: det ligger utanför skalan eller intervallet min..max, eller är inte en av "
            "alternativens koder. Koder jämförs exakt: \"Risk\" är inte \"risk\".",
            "ge ett av de värden som meddelandet listar.",
        ),
    },
    "SR303": {
        "fi": (
            "Vastaus on väärää lajia: luku tekstinä (\"4\"), desimaaliluku kokonaislukukysymykseen, "
            "sana kyllä/ei-kysymykseen. Asteikko- ja kokonaislukukysymykset ottavat kokonaislukuja, "
            "kyllä/ei-kysymykset arvon true tai false, vaihtoehtokysymykset koodin tekstinä.",
            "anna vastaus siinä muodossa, jonka viesti nimeää.",
        ),
        "sv": (
            "Svaret är av fel slag: ett tal som text (\"4\"), ett decimaltal till en heltalsfråga, "
            "ett ord till en ja/nej-fråga. Skal- och heltalsfrågor tar heltal, ja/nej-frågor tar "
            "true eller false, alternativfrågor tar koden som text.",
            "ge svaret i den form som meddelandet nämner.",
        ),
    },
    "SR304": {
        "fi": (
            "Kysymykseen, joka kysytään (sen asked_when-ehto täyttyy, tai sillä ei ole ehtoa) ja "
            "joka ei ole valinnainen, ei ole vastausta. Pois jätetty vastaus ja null lasketaan "
            "molemmat vastaamattomiksi.",
            "anna vastaus. Jos kysymykseen saa todella jättää vastaamatta, mallin omistaja voi "
            "merkitä sen valinnaiseksi (`optional: true`).",
        ),
        "sv": (
            "En fråga som ställs (dess asked_when gäller, eller den har inget) och som inte är "
            "frivillig saknar svar. Att utelämna svaret och att ge null räknas båda som obesvarat.",
            "ge svaret. Om frågan verkligen får lämnas obesvarad kan modellägaren märka den som "
            "frivillig (`optional: true`).",
        ),
    },
    "SR305": {
        "fi": (
            "Kysymyksen asked_when-ehto ei täyty näillä vastauksilla, joten kysymystä ei kysytä "
            "eikä siihen saa vastata. Esimerkiksi p_risk kysytään vain, kun battery = \"risk\"; "
            "muulla patteristolla vastaus siihen hylätään, jotta toisesta tilanteesta jäänyt vastaus "
            "ei koskaan vaikuta segmenttiin.",
            "jätä pois vastaukset kysymyksiin, joita ei kysytä.",
        ),
        "sv": (
            "Frågans asked_when-villkor är falskt för dessa svar, så frågan ställs inte och får "
            "inte besvaras. Till exempel ställs p_risk bara när battery = \"risk\"; med ett annat "
            "frågebatteri avvisas ett svar på den, så att ett svar som blivit kvar från en annan "
            "situation aldrig påverkar segmentet.",
            "utelämna svaren på de frågor som inte ställs.",
        ),
    },
    "SR306": {
        "fi": (
            "Yhden arvioinnin vastausten on oltava kuvaus (JSON-objekti) kysymyksen tunnuksesta "
            "vastaukseen.",
            "nimeä jokainen vastaus sen kysymyksen tunnuksella.",
        ),
        "sv": (
            "Svaren vid en bedömning måste vara en mappning (ett JSON-objekt) från fråge-id till svar.",
            "namnge varje svar med id för sin fråga.",
        ),
    },
    "SR307": {
        "fi": (
            "Yhden arvioinnin vastaukset luetaan tiedostosta tai vakiosyötteestä enintään 1 MiB "
            "(1 048 576 tavua); todelliset vastaukset vievät muutamia satoja tavuja. Suurempi "
            "syöte ei ole yksi vastausjoukko: väärä tiedosto, laite kuten /dev/zero tai putki, joka "
            "ei lopu. Lukeminen pysähtyy rajaan, joten tällainen lähde ei voi täyttää muistia.",
            "anna tiedosto, jossa on yksi vastausten JSON-objekti.",
        ),
        "sv": (
            "Svaren vid en bedömning läses från en fil eller standard in upp till 1 MiB "
            "(1 048 576 byte); verkliga svar tar några hundra byte. Mer än så är ingen "
            "svarsuppsättning: en fel fil, en enhet som /dev/zero eller ett rör som aldrig tar "
            "slut. Läsningen stannar vid gränsen, så en sådan källa kan inte fylla minnet.",
            "ge den fil som innehåller ett JSON-objekt med svar.",
        ),
    },
    "SR308": {
        "fi": (
            "Vastaus on luku, teksti, true tai false. Vastauksissa (tiedostossa tai "
            "palvelupyynnön rungossa) on luetteloita tai objekteja yli 100 tasoa sisäkkäin; se ei "
            "voi olla vastaus, ja sen lukeminen voisi kuluttaa pinon loppuun. (Kokonaisluku "
            "luetaan tarkasti, oli siinä kuinka monta numeroa tahansa: 10^5000 hylätään kysymyksen "
            "välin perusteella, SR302, kuten kaikkialla.)",
            "anna jokaiselle kysymykselle yksi tavallinen arvo.",
        ),
        "sv": (
            "Ett svar är ett tal, en text, true eller false. Svaren (en fil, eller kroppen i en "
            "begäran till tjänsten) kapslar listor eller objekt mer än 100 nivåer djupt; det kan "
            "inte vara ett svar, och att läsa det kunde tömma stacken. (Ett heltal läses exakt hur "
            "många siffror det än har: 10^5000 avvisas av frågans intervall, SR302, som överallt.)",
            "ge varje fråga ett enkelt värde.",
        ),
    },
    "SR400": {
        "fi": (
            "Vastaukset ovat kelvollisia, mutta ne osuivat säännöstön omaan aukkoon: mikään sääntö "
            "ei täyty (SR401), usean segmentin säännöt täyttyvät (SR402), nollalla jakaminen "
            "(SR403), koostefunktio ilman vastattuja kysymyksiä (SR404) tai vastaamatonta "
            "kysymystä käytetään suoraan (SR405). Näin voi käydä vain säännöstölle, joka ei ole "
            "läpäissyt `segrules verify` -tarkistusta: verifiointi käy läpi jokaisen mahdollisen "
            "vastausjoukon ja luettelee jokaisen tällaisen tapauksen etukäteen.",
            "aja säännöstölle `segrules verify` ja korjaa, mitä se raportoi.",
        ),
        "sv": (
            "Svaren är giltiga, men de stötte på ett hål i själva regeluppsättningen: ingen regel "
            "gäller (SR401), regler för flera segment gäller (SR402), division med noll (SR403), "
            "en aggregatfunktion utan besvarade frågor (SR404) eller en obesvarad fråga som "
            "används direkt (SR405). Bara en regeluppsättning som inte har klarat `segrules "
            "verify` kan göra så: verifieringen går igenom varje möjlig svarsuppsättning och "
            "listar varje sådant fall i förväg.",
            "kör `segrules verify` på regeluppsättningen och rätta det den rapporterar.",
        ),
    },
    "SR401": {
        "fi": (
            "Säännöissä on aukko: näillä vastauksilla minkään säännön ehto ei täyty, joten "
            "segmenttiä ei voi antaa. Tyypillisesti kaksi kynnysarvoa ei kohtaa: yksi sääntö ottaa "
            "voimavarat > 3, toinen voimavarat < 3, eikä mikään ota tasan arvoa 3.",
            "tee ehdoista kaikki tapaukset kattavat, esimerkiksi käyttämällä toisessa säännössä >= "
            "ja toisessa <. `segrules verify` luettelee kaikki aukot.",
        ),
        "sv": (
            "Reglerna lämnar en lucka: för dessa svar gäller ingen regels villkor, så inget segment "
            "kan ges. Typiskt möts två tröskelvärden inte: en regel tar resurser > 3, den andra "
            "resurser < 3, och ingen tar exakt 3.",
            "låt villkoren täcka alla fall, till exempel genom att använda >= i den ena regeln och "
            "< i den andra. `segrules verify` listar alla luckor.",
        ),
    },
    "SR402": {
        "fi": (
            "Kun hit_policy on unique, millä tahansa vastauksilla saa täyttyä vain yhden segmentin "
            "säännöt. Tässä kahden tai useamman segmentin säännöt täyttyvät yhtä aikaa: säännöt "
            "ovat päällekkäisiä, eikä segrules arvaa, mitä tarkoitetaan.",
            "tee ehdoista toisensa poissulkevat. Jos säännöt on tarkoitus käydä läpi "
            "järjestyksessä, käytä hit_policy: first. `segrules verify` luettelee kaikki "
            "päällekkäisyydet.",
        ),
        "sv": (
            "Med hit_policy: unique får regler för bara ett segment gälla för vilka svar som "
            "helst. Här gäller regler för två eller fler segment samtidigt: reglerna överlappar, "
            "och segrules gissar inte vilken som avses.",
            "låt villkoren utesluta varandra. Om reglerna är menade att prövas i ordning, använd "
            "hit_policy: first. `segrules verify` listar alla överlappningar.",
        ),
    },
    "SR403": {
        "fi": (
            "Lauseke jakaa arvolla, joka on näillä vastauksilla nolla, esimerkiksi vastattujen "
            "kysymysten määrällä, kun yhteenkään ei ole vastattu.",
            "käytä funktiota mean, tai tarkista jakaja ensin if-then-else-lausekkeella.",
        ),
        "sv": (
            "Ett uttryck dividerar med ett värde som är noll för dessa svar, till exempel med "
            "antalet besvarade frågor när ingen är besvarad.",
            "använd mean, eller pröva nämnaren först med if-then-else.",
        ),
    },
    "SR404": {
        "fi": (
            "Funktiot mean, min ja max tarvitsevat vähintään yhden vastatun kysymyksen: tyhjän "
            "keskiarvolla ei ole arvoa. (Tyhjän sum, count ja count_true ovat 0.) Näin käy, kun "
            "jokainen koostefunktion lukema kysymys on valinnainen tai kysytään vain joskus, eikä "
            "yhteenkään vastattu.",
            "varmista, että ainakin yhteen kysymyksistä vastataan aina, tai tarkista ensin: "
            "if count(...) > 0 then mean(...) else oletusarvo.",
        ),
        "sv": (
            "mean, min och max behöver minst en besvarad fråga: medelvärdet av ingenting har inget "
            "värde. (sum, count och count_true av ingenting är 0.) Det här händer när varje fråga "
            "som en aggregatfunktion läser är frivillig eller ställs bara ibland, och ingen av dem "
            "besvarades.",
            "se till att minst en av frågorna alltid besvaras, eller pröva först: "
            "if count(...) > 0 then mean(...) else ett standardvärde.",
        ),
    },
    "SR405": {
        "fi": (
            "Valinnaisella kysymyksellä, tai kysymyksellä, joka kysytään vain joskus, ei ole "
            "vastausta, ja lauseke käyttää sitä suoraan (ei koostefunktion sisällä, joka ohittaisi "
            "sen). (Jos lausekkeen lukema vastaus annettiin mutta se on virheellinen, raportoidaan "
            "sen vastauksen oma ongelma, ja siitä riippuvat kysymykset tarkistetaan jokaisella "
            "arvolla, joka sillä olisi voinut olla.) Tarkista ensin answered(x): 'and' ja 'or' "
            "luetaan vasemmalta oikealle ja pysähtyvät heti, kun tulos tiedetään, ja "
            "if-then-else laskee vain valitsemansa osan.",
            "tarkista, onko kysymykseen vastattu, ennen kuin käytät sitä, tai käytä sitä "
            "koostefunktion sisällä.",
        ),
        "sv": (
            "En frivillig fråga, eller en som ställs bara ibland, saknar svar, och ett uttryck "
            "använder den direkt (inte inuti en aggregatfunktion, som skulle hoppa över den). (När "
            "svaret som uttrycket läser gavs men är ogiltigt rapporteras det svarets eget problem i "
            "stället, och frågorna som beror på det kontrolleras mot varje svar det kunde ha haft.) "
            "Pröva answered(x) först: 'and' och 'or' räknas från vänster till höger och stannar så "
            "snart resultatet är känt, och if-then-else räknar bara den del den väljer.",
            "pröva om frågan är besvarad innan du använder den, eller använd den inuti en "
            "aggregatfunktion.",
        ),
    },
    "SR500": {
        "fi": (
            "Tämä on käyttövirheiden yleiskoodi: segrulesin kutsu tai komento ei sovi siihen, mitä se "
            "odottaa. Tarkemmat koodit SR501–SR514 nimeävät tavalliset syyt.",
            "lue viesti; `segrules KOMENTO --help` näyttää, mitä komento odottaa.",
        ),
        "sv": (
            "Det här är den allmänna koden för användningsfel: ett anrop till segrules eller ett "
            "kommando som inte passar det som väntas. De mer specifika koderna SR501–SR514 anger de "
            "vanliga orsakerna.",
            "läs meddelandet; `segrules KOMMANDO --help` visar vad ett kommando väntar sig.",
        ),
    },
    "SR501": {
        "fi": (
            "Päätöksen segmentin vaihtamiseksi (tai segmentin hakemiseksi) annettu segmentti ei ole "
            "säännöstön segmentti, tai nimi sopii useaan segmenttiin. Segmentin voi nimetä "
            "tunnuksella, jollakin sen muista nimistä (alias) tai nimellä millä tahansa kielellä, "
            "isoin tai pienin kirjaimin, ja tarkkeet voi jättää pois (pärjääjä tai parjaaja). Viesti "
            "luettelee segmentit.",
            "anna segmentin tunnus, jokin sen muista nimistä tai sen nimi niin, että se sopii vain "
            "yhteen segmenttiin.",
        ),
        "sv": (
            "Ett segment som angavs för att ändra ett beslut (eller för att slå upp ett segment) är "
            "inte ett segment i regeluppsättningen, eller så passar namnet flera segment. Ett segment "
            "kan anges med sitt id, ett av sina alias eller sin etikett på vilket språk som helst, med "
            "stora eller små bokstäver, och accenter kan utelämnas (pärjääjä eller parjaaja). "
            "Meddelandet listar segmenten.",
            "ange id, ett alias eller en etikett för ett enda segment.",
        ),
    },
    "SR502": {
        "fi": (
            "Ihminen voi valita toisen segmentin kuin säännöt ehdottavat. Päätökseen kirjataan silloin "
            "sekä ehdotus että valinta, ja perustelu vaaditaan, jotta valinnan voi myöhemmin "
            "jäljittää. Myös perustelu ilman segmenttiä hylätään.",
            "anna valinnan perustelu.",
        ),
        "sv": (
            "En person kan välja ett annat segment än det reglerna föreslår. Beslutet registrerar då "
            "både förslaget och valet, och en motivering krävs, så att valet kan följas upp senare. En "
            "motivering utan segment avvisas också.",
            "ange motiveringen för valet.",
        ),
    },
    "SR510": {
        "fi": (
            "Valitsimella --answers annettua tiedostoa ei ole, sitä ei voi avata tai se ei ole "
            "UTF-8-tekstiä.",
            "tarkista tiedoston nimi ja tallenna tiedosto UTF-8-tekstinä.",
        ),
        "sv": (
            "Filen som angavs med --answers finns inte, kan inte öppnas eller är inte UTF-8-text.",
            "kontrollera filnamnet och spara filen som UTF-8-text.",
        ),
    },
    "SR511": {
        "fi": (
            "Vastausten on oltava yksi JSON-objekti. Tiedosto ei ole kelvollista JSONia (sijainti "
            "näyttää, mihin lukeminen pysähtyi), se antaa saman kysymyksen kahdesti, tai siinä oleva "
            "teksti koodaa kenoviivalla pelkän puolikkaan merkkiparista (`\\ud800` ilman sitä "
            "`\\udc00`:aa, joka tekee niistä yhden merkin).",
            "käytä kaksinkertaisia lainausmerkkejä, älä kirjoita pilkkua viimeisen vastauksen jälkeen, "
            "ja anna kukin kysymys vain kerran.",
        ),
        "sv": (
            "Svaren måste vara ett enda JSON-objekt. Filen är inte giltig JSON (positionen visar var "
            "läsningen stannade), den anger samma fråga två gånger, eller så kodar en text i den med "
            "omvänt snedstreck en ensam halva av ett teckenpar (`\\ud800` utan det `\\udc00` som gör "
            "dem till ett tecken).",
            "använd dubbla citattecken, inget kommatecken efter det sista svaret och varje fråga bara "
            "en gång.",
        ),
    },
    "SR512": {
        "fi": (
            "Valitsimella --at annetun ajan on oltava ISO 8601 -muotoinen päivämäärä ja kellonaika "
            "UTC-eroineen, esimerkiksi 2024-03-01T09:30:00+02:00 tai 2024-03-01T07:30:00Z. Aika ilman "
            "UTC-eroa on SR550.",
            "kirjoita päivämäärä muodossa vuosi-kuukausi-päivä, sitten T ja kellonaika.",
        ),
        "sv": (
            "Tiden som anges med --at måste vara ett datum och klockslag enligt ISO 8601 med "
            "UTC-förskjutning, till exempel 2024-03-01T09:30:00+02:00 eller 2024-03-01T07:30:00Z. En "
            "tid utan förskjutning är SR550.",
            "skriv datumet som år-månad-dag, sedan T och klockslaget.",
        ),
    },
    "SR513": {
        "fi": (
            "`segrules sample` arpoo satunnaisia kelvollisia vastausjoukkoja. Tälle säännöstölle se ei "
            "löytänyt yhtäkään: sen asked_when-ehtoja ei voi laskea (ne käyttävät vastaamattomia "
            "kysymyksiä suoraan), joten mikään vastausjoukko ei läpäise tarkistusta.",
            "aja `segrules verify` nähdäksesi, mikä ehto epäonnistuu, ja korjaa se (ks. SR405).",
        ),
        "sv": (
            "`segrules sample` lottar slumpmässiga giltiga svarsuppsättningar. För den här "
            "regeluppsättningen hittade den ingen: dess asked_when-villkor kan inte beräknas (de "
            "använder obesvarade frågor direkt), så ingen svarsuppsättning klarar valideringen.",
            "kör `segrules verify` för att se vilket villkor som misslyckas, och rätta det (se SR405).",
        ),
    },
    "SR514": {
        "fi": (
            "`segrules explain` sai koodin, jota ei ole olemassa, tai selitykset eivät ole saatavilla. "
            "Koodit ovat muotoa SR ja kolme numeroa.",
            "`segrules explain --list` luettelee kaikki koodit.",
        ),
        "sv": (
            "`segrules explain` fick en kod som inte finns, eller så är förklaringarna inte "
            "tillgängliga. Koderna består av SR följt av tre siffror.",
            "`segrules explain --list` listar alla koder.",
        ),
    },
    "SR515": {
        "fi": (
            "segrules tuo `rulesets`-kansionsa alueelliset mallit mukanaan paketissa, jotta ne voi "
            "luetella ja ladata tunnuksella ilman lähdekoodin kopiota. Annettu tunnus ei ole mikään "
            "niistä; viesti luettelee olemassa olevat tunnukset. Oman säännöstötiedoston voi ladata "
            "antamalla sen polun.",
            "käytä jotakin luetelluista tunnuksista (`segrules.rulesets.ids()`).",
        ),
        "sv": (
            "segrules levererar de regionala modellerna i sin mapp `rulesets` inuti paketet, så att de "
            "kan listas och laddas med id utan en utcheckad kopia av källkoden. Det angivna id:t är "
            "inte ett av dem; meddelandet listar de id som finns. En egen regelfil laddas genom att "
            "ange dess sökväg.",
            "använd ett av de listade id:na (`segrules.rulesets.ids()`).",
        ),
    },
    "SR520": {
        "fi": (
            "Komentoa pyydettiin kirjoittamaan tulosteensa (HTML-raportti, kaavio) tiedostoon, joka on "
            "sen oma syöte tällä tai toisella nimellä, tai tiedostoon, jossa on säännöstö tai "
            "vastaavuustaulukko. Kirjoittaminen tuhoaisi mallin, joten segrules pysähtyy eikä kirjoita "
            "mitään. Näin käy useimmiten, kun valitsimen arvo jää pois, kuten `--report model.yaml`. "
            "Samoin `segrules batch` ei hyväksy tulostetta tai hylättyjen tiedostoa tai taulua, joka "
            "on sen syöte tai sen toinen tuloste. `segrules serve --decision-log` ei hyväksy "
            "säännöstöä, jota se tarjoaa, eikä olemassa olevaa tiedostoa, jossa on jotain muuta kuin "
            "päätösloki (JSON-rivien lisääminen pilaisi sen); tyhjään tiedostoon tai aiempaan "
            "päätöslokiin lisätään rivejä.",
            "anna tulosteelle oma tiedostonimi. Jos todella haluat korvata mallitiedoston, joka ei ole "
            "syöte, lisää --force.",
        ),
        "sv": (
            "Ett kommando ombads skriva sin utdata (en HTML-rapport, ett diagram) till en fil som är "
            "en av dess egna indatafiler, under det här eller ett annat namn, eller till en fil som "
            "innehåller en regeluppsättning eller en korstabell. Att skriva skulle förstöra modellen, "
            "så segrules stannar och skriver ingenting. Oftast händer det när ett alternativs värde "
            "har utelämnats, som i `--report model.yaml`. På samma sätt avvisar `segrules batch` en "
            "utdata- eller avvisningsfil eller -tabell som är dess indata eller den andra utdatan. "
            "`segrules serve --decision-log` avvisar en regeluppsättning som den tillhandahåller och "
            "varje befintlig fil som innehåller något annat än en beslutslogg (att lägga till "
            "JSON-rader i den skulle förstöra den); till en tom fil eller en tidigare beslutslogg "
            "läggs rader till.",
            "ge utdatan ett eget filnamn. Om du verkligen vill ersätta en modellfil som inte är "
            "indata, lägg till --force.",
        ),
    },
    "SR521": {
        "fi": (
            "segrules ei voinut kirjoittaa tulostiedostoa: sen kansiota ei ole, tiedostojärjestelmä on "
            "vain luettavissa, sinulla ei ole oikeutta kirjoittaa sinne, tai levy on täynnä. Viesti "
            "nimeää tiedoston ja syyn. Mitään ei kirjoiteta puoliksi: jo ollut tiedosto jää ennalleen.",
            "luo kansio, valitse paikka, johon saat kirjoittaa, tai vapauta levytilaa.",
        ),
        "sv": (
            "segrules kunde inte skriva utdatafilen: dess mapp finns inte, filsystemet är "
            "skrivskyddat, du har inte rätt att skriva där, eller disken är full. Meddelandet nämner "
            "filen och orsaken. Ingenting skrivs till hälften: en fil som fanns lämnas som den var.",
            "skapa mappen, välj en plats där du får skriva, eller frigör diskutrymme.",
        ),
    },
    "SR522": {
        "fi": (
            "Tulosteen polku nimeää jotain muuta kuin tiedoston: kansion, laitteen, pistokkeen tai "
            "nimetyn putken, jota mikään ohjelma ei lue. segrules kirjoittaa tavalliseen tiedostoon "
            "(korvaten sen kokonaan), sellaiseen osoittavan symbolisen linkin kautta tai suoraan "
            "putkeen tai päätteeseen, kuten /dev/stdout, eikä koskaan korvaa mitään muuta. `segrules "
            "batch` kirjoittaa tulosteensa (ja hylätyt) kokonaisina tiedostoina, jotka nimetään "
            "paikalleen, joten se ei hyväksy myöskään putkea, päätettä eikä /dev/stdout-laitetta.",
            "anna tiedoston nimi.",
        ),
        "sv": (
            "Sökvägen för utdata anger något som inte är en fil: en mapp, en enhet, en socket eller "
            "ett namngivet rör som inget program läser. segrules skriver till en vanlig fil (och "
            "ersätter den helt), via en symbolisk länk till en sådan, eller direkt till ett rör eller "
            "en terminal som /dev/stdout, och ersätter aldrig något annat. `segrules batch` skriver "
            "sin utdata (och de avvisade posterna) som hela filer som byter namn på plats, så den "
            "avvisar också ett rör, en terminal och /dev/stdout.",
            "ange ett filnamn.",
        ),
    },
    "SR523": {
        "fi": (
            "Tulosteen polku on symbolinen linkki, jonka kohdetta ei ole. segrules kirjoittaa linkin "
            "kautta sen nimeämään tiedostoon (linkki pysyy linkkinä), mutta ei arvaa, mihin orpo "
            "linkki pitäisi ohjata.",
            "osoita linkki olemassa olevaan tiedostoon, poista linkki tai kirjoita toiseen nimeen.",
        ),
        "sv": (
            "Sökvägen för utdata är en symbolisk länk vars mål inte finns. segrules skriver via en "
            "länk till den fil den pekar på (länken förblir en länk), men gissar inte vart en hängande "
            "länk borde leda.",
            "låt länken peka på en befintlig fil, ta bort länken eller skriv till ett annat namn.",
        ),
    },
    "SR524": {
        "fi": (
            "Arviointiaika on niin kaukana tulevaisuudessa, että sen jälkeinen uudelleenarvioinnin "
            "päivä (asiakkuuspolun reassess_after_months) menisi vuoden 9999 yli, eikä mikään "
            "päivämäärä voi olla sen jälkeen.",
            "anna arvioinnin todellinen aika.",
        ),
        "sv": (
            "Bedömningstiden ligger så långt fram i tiden att datumet för en ny bedömning efter den "
            "(kundstigens reassess_after_months) skulle hamna efter år 9999, vilket inget datum kan "
            "rymma.",
            "ange den verkliga tiden för bedömningen.",
        ),
    },
    "SR525": {
        "fi": (
            "`segrules diagram` piirtää nelikentän jokaisesta pistemääräparista, johon sen akselit "
            "voivat yltää. Tämän säännöstön kaksi akselipistemäärää lukevat useampaa kysymystä kuin "
            "kaavio piirretään (64; mukana tulevat mallit lukevat enintään 33), ja niiden tason "
            "laskeminen voisi kestää hyvin kauan, joten kaavion piirtäminen pysähtyy heti.",
            "piirrä pienemmän mallin nelikenttä, tai yhdistä kysymyksiä harvemmiksi pistemääriksi, "
            "joita akselit lukevat. `segrules verify` tarkistaa silti itse mallin.",
        ),
        "sv": (
            "`segrules diagram` ritar ett fyrfält utifrån varje poängpunkt som dess axlar kan nå. De "
            "två axelpoängen i den här regeluppsättningen läser fler frågor än ett diagram ritas för "
            "(64; de medföljande modellerna läser högst 33), och att räkna ut deras plan kunde ta "
            "mycket lång tid, så diagrammet stannar genast i stället.",
            "rita fyrfältet för en mindre modell, eller slå ihop frågor till färre poäng som axlarna "
            "läser. `segrules verify` kontrollerar ändå själva modellen.",
        ),
    },
    "SR550": {
        "fi": (
            "Päätökseen kirjataan, milloin arviointi tehtiin, ja uudelleenarvioinnin päivä lasketaan "
            "siitä. Päivämäärä ja kellonaika ilman UTC-eroa voisi olla paikallista aikaa missä "
            "tahansa, joten segrules ei arvaa: sekä kirjasto (assessed_at=...) että komentorivi (--at) "
            "hylkäävät sen. Ajan on myös oltava datetime (ei pelkkä päivämäärä eikä teksti) ja ennen "
            "vuotta 9995, jotta uudelleenarvioinnin päivä on olemassa.",
            "anna UTC-ero: UTC tai arviointipaikan paikallinen ero.",
        ),
        "sv": (
            "Ett beslut registrerar när bedömningen gjordes, och datumet för en ny bedömning följer av "
            "det. Ett datum och klockslag utan UTC-förskjutning kan vara lokal tid var som helst, så "
            "segrules gissar inte: både biblioteket (assessed_at=...) och kommandoraden (--at) avvisar "
            "det. Tiden måste också vara en datetime (inte ett datum eller en text) och före år 9995, "
            "så att datumet för en ny bedömning finns.",
            "ange förskjutningen: UTC, eller den lokala förskjutningen på den plats där bedömningen "
            "gjordes.",
        ),
    },
    "SR551": {
        "fi": (
            "Segmentin vaihto kirjaa, että ihminen valitsi toisen segmentin kuin säännöt ehdottavat. "
            "Ehdotetun segmentin valitseminen ei ole vaihto, ja sellaisen kirjaus väittäisi segmenttiä "
            "sekä ehdotetuksi että vaihdetuksi.",
            "jos haluat vahvistaa ehdotuksen, pidä päätös ennallaan; jos haluat vaihtaa, valitse "
            "toinen segmentti.",
        ),
        "sv": (
            "En ändring av segmentet registrerar att en person valde ett annat segment än det reglerna "
            "föreslår. Att välja det föreslagna segmentet självt är ingen ändring, och en sådan post "
            "skulle säga att segmentet både föreslogs och ändrades.",
            "för att bekräfta förslaget, behåll beslutet som det är; för att ändra, välj ett annat "
            "segment.",
        ),
    },
    "SR553": {
        "fi": (
            "Päätöstietue (JSON, jonka Decision.to_json() ja `segrules decide --json` kirjoittavat) on "
            "puutteellinen tai ei sovi säännöstöön: avain puuttuu tai on väärää lajia, sen nimeämää "
            "segmenttiä tai sääntöä ei ole, tai sen pistemäärät eivät ole tämän säännöstön "
            "pistemääriä. Jokainen ongelma luetellaan. Tietueita, jotka on kirjoitettu ennen kuin "
            "päätöstietueisiin tallennettiin vastaukset, ei voi ajaa uudelleen.",
            "anna tietue sellaisena kuin segrules sen kirjoitti, muuttamattomana.",
        ),
        "sv": (
            "En beslutspost (den JSON som Decision.to_json() och `segrules decide --json` skriver) är "
            "ofullständig eller passar inte regeluppsättningen: en nyckel saknas eller är av fel slag, "
            "ett segment eller en regel som den nämner finns inte, eller dess poäng är inte den här "
            "regeluppsättningens poäng. Varje problem listas. Poster som skrevs innan beslutsposterna "
            "innehöll svaren kan inte spelas upp igen.",
            "ange posten så som segrules skrev den, utan ändringar.",
        ),
    },
    "SR554": {
        "fi": (
            "Decision.from_json(record, ruleset) lukee tietueen takaisin sillä säännöstöllä, joka sen "
            "teki: sama tunnus, versio ja sisällön tiiviste. Tämä tietue nimeää toisen säännöstön. Jos "
            "haluat nähdä, mitä annettu säännöstö päättää tietueen vastauksista ja miten se eroaa, aja "
            "tietue uudelleen (replay).",
            "lataa säännöstön versio, jonka tietue nimeää, tai käytä kutsua segrules.replay(record, "
            "ruleset).",
        ),
        "sv": (
            "Decision.from_json(record, ruleset) läser tillbaka en post med den regeluppsättning som "
            "gjorde den: samma id, version och innehållets hash. Den här posten nämner en annan. För "
            "att se vad den angivna regeluppsättningen beslutar för postens svar, och hur det skiljer "
            "sig, spela upp posten igen (replay).",
            "ladda den version av regeluppsättningen som posten nämner, eller använd "
            "segrules.replay(record, ruleset).",
        ),
    },
    "SR555": {
        "fi": (
            "Säännöstö tallentuu picklellä lähdetekstinään ja sisällön tiivisteenään, ja se ladataan "
            "uudelleen, kun se luetaan picklestä. Lukeminen epäonnistui, koska teksti latautuu tässä "
            "eri sisällön tiivisteellä (kaksi prosessia käyttää eri segrules-versioita), tai "
            "säännöstöä ei ladattu tekstistä eikä sitä voi tallentaa picklellä lainkaan.",
            "käytä samaa segrules-versiota jokaisessa prosessissa; lataa säännöstöt kutsulla "
            "segrules.load().",
        ),
        "sv": (
            "En regeluppsättning picklas som sin källtext och innehållets hash och laddas på nytt när "
            "den avpicklas. Avpicklingen misslyckades eftersom texten här laddas med en annan hash för "
            "innehållet (de två processerna kör olika versioner av segrules), eller så laddades "
            "regeluppsättningen inte från en text och kan inte picklas alls.",
            "kör samma version av segrules i varje process; ladda regeluppsättningar med "
            "segrules.load().",
        ),
    },
    "SR556": {
        "fi": (
            "Päätös tallentuu picklellä pelkkänä datana ilman säännöstöään, joten toiseen prosessiin "
            "lähetetty päätös ei voi itse valita toista segmenttiä: segmentit ja asiakkuuspolut ovat "
            "säännöstössä.",
            "tee päätös uudelleen säännöstöllä ja anna segmentin vaihto, tai lue tietue takaisin "
            "säännöstön kanssa.",
        ),
        "sv": (
            "Ett beslut picklas som rena data, utan sin regeluppsättning, så ett beslut som skickats "
            "till en annan process kan inte själv välja ett annat segment: segmenten och kundstigarna "
            "finns i regeluppsättningen.",
            "fatta beslutet igen med regeluppsättningen och ange ändringen, eller läs tillbaka posten "
            "med den.",
        ),
    },
    "SR557": {
        "fi": (
            "`segrules replay` lukee yhden päätöstietueen: JSONin, jonka Decision.to_json() tai "
            "`segrules decide --json` kirjoitti. Tiedostoa ei ole, sitä ei voi lukea, se ei ole "
            "UTF-8-tekstiä, se ei ole kelvollista JSONia tai se on suurempi kuin tietue voi olla.",
            "tarkista tiedoston nimi ja anna tietue sellaisena kuin segrules sen kirjoitti.",
        ),
        "sv": (
            "`segrules replay` läser en beslutspost: den JSON som Decision.to_json() eller `segrules "
            "decide --json` skrev. Filen finns inte, kan inte läsas, är inte UTF-8, är inte giltig "
            "JSON eller är större än en post kan vara.",
            "kontrollera filnamnet och ange posten så som segrules skrev den.",
        ),
    },
    "SR601": {
        "fi": (
            "`segrules verify` kävi läpi jokaisen mahdollisen vastausjoukon ja löysi vastauksia, "
            "joilla mikään sääntö ei täyty (ks. SR401). Se näyttää yhden tällaisen vastausjoukon "
            "esimerkkinä ja kertoo, kuinka moni vastausjoukko osuu aukkoon.",
            "tee ehdoista kaikki tapaukset kattavat; esimerkki näyttää, mikä tapaus puuttuu.",
        ),
        "sv": (
            "`segrules verify` gick igenom varje möjlig svarsuppsättning och hittade svar för vilka "
            "ingen regel gäller (se SR401). Den visar en sådan svarsuppsättning som exempel, och "
            "hur många svarsuppsättningar som faller i luckan.",
            "låt villkoren täcka alla fall; exemplet visar vilket fall som saknas.",
        ),
    },
    "SR602": {
        "fi": (
            "`segrules verify` löysi vastauksia, joilla kahden tai useamman segmentin säännöt "
            "täyttyvät, kun hit_policy on unique (ks. SR402). Se näyttää täyttyvät säännöt ja "
            "yhden vastausjoukon esimerkkinä.",
            "tee ehdoista toisensa poissulkevat, tai käytä hit_policy: first, jos järjestys on "
            "tarkoituksellinen.",
        ),
        "sv": (
            "`segrules verify` hittade svar för vilka regler för två eller fler segment gäller med "
            "hit_policy: unique (se SR402). Den visar reglerna som gäller och en svarsuppsättning "
            "som exempel.",
            "låt villkoren utesluta varandra, eller använd hit_policy: first om ordningen är avsiktlig.",
        ),
    },
    "SR603": {
        "fi": (
            "Kun hit_policy on first, säännöt käydään läpi järjestyksessä. Tämä sääntö täyttyy "
            "joillakin vastauksilla, mutta aina kun se täyttyy, myös jokin aiempi sääntö täyttyy, "
            "joten se ei koskaan ratkaise mitään. Yleensä säännöt ovat väärässä järjestyksessä, tai "
            "aiempi sääntö on tarkoitettua laajempi.",
            "siirrä suppeampi sääntö ensin, tai rajaa aiempaa sääntöä.",
        ),
        "sv": (
            "Med hit_policy: first prövas reglerna i ordning. Den här regeln gäller för vissa svar, "
            "men närhelst den gäller, gäller också en tidigare regel, så den avgör aldrig något. "
            "Oftast står reglerna i fel ordning, eller så är den tidigare regeln bredare än avsett.",
            "sätt den snävare regeln först, eller gör den tidigare regeln snävare.",
        ),
    },
    "SR604": {
        "fi": (
            "Mikään mahdollinen vastausjoukko ei sijoita asiakasta tähän segmenttiin: sen säännöt "
            "eivät koskaan täyty, tai (kun hit_policy on first) aiemmat säännöt ehtivät aina "
            "ensin. Segmentti on olemassa vain paperilla.",
            "korjaa segmentin sääntöjen kynnysarvot tai poista segmentti.",
        ),
        "sv": (
            "Ingen möjlig svarsuppsättning placerar en kund i det här segmentet: dess regler "
            "gäller aldrig, eller (med hit_policy: first) tar tidigare regler alltid över. "
            "Segmentet finns bara på papperet.",
            "rätta tröskelvärdena i segmentets regler, eller ta bort segmentet.",
        ),
    },
    "SR605": {
        "fi": (
            "Mikään mahdollinen vastausjoukko ei tee tämän säännön ehdosta totta, joten säännön voi "
            "poistaa muuttamatta yhtäkään päätöstä. Usein kynnysarvo on pistemäärän vaihteluvälin "
            "ulkopuolella, tai ehdon kaksi osaa ovat ristiriidassa keskenään.",
            "korjaa ehto tai poista sääntö.",
        ),
        "sv": (
            "Ingen möjlig svarsuppsättning gör den här regelns villkor sant, så regeln kan tas bort "
            "utan att något beslut ändras. Ofta ligger ett tröskelvärde utanför poängens "
            "variationsområde, eller så motsäger två delar av villkoret varandra.",
            "rätta villkoret eller ta bort regeln.",
        ),
    },
    "SR606": {
        "fi": (
            "Mikä tahansa tämän kysymyksen vastaus on, segmentti pysyy samana: pelkän sen "
            "vastauksen muuttaminen ei muuta tulosta. Kysymys vie asiakkaan ja ammattilaisen aikaa "
            "turhaan, tai pistemäärä tai sääntö, jonka pitäisi käyttää sitä, ei käytä.",
            "käytä kysymystä siellä, missä mallin kuvauksen mukaan sillä on merkitystä, tai poista "
            "kysymys.",
        ),
        "sv": (
            "Vilket svaret på den här frågan än är, förblir segmentet detsamma: ingen ändring av "
            "enbart dess svar ändrar resultatet. Frågan tar kundens och yrkespersonens tid i "
            "onödan, eller så använder en poäng eller regel som borde använda den den inte.",
            "använd frågan där modellbeskrivningen säger att den spelar roll, eller ta bort frågan.",
        ),
    },
    "SR607": {
        "fi": (
            "Segmentiltä puuttuu asiakkuuspolku, tai segmentiltä tai sen asiakkuuspolulta puuttuu "
            "suomenkielinen teksti, jota henkilöstö tarvitsee toimiakseen päätöksen mukaan "
            "(yhteydenotto-, koordinointi- tai omahoitoteksti).",
            "kirjoita puuttuvat tekstit; asiakkuuspolun avaimet ovat ruleset-format.md:ssä.",
        ),
        "sv": (
            "Ett segment saknar kundstig, eller så saknar ett segment eller dess "
            "kundstig en finsk text som personalen behöver för att handla enligt beslutet "
            "(texten om kontakt, koordinering eller egenvård).",
            "skriv de texter som saknas; kundstigens nycklar finns i ruleset-format.md.",
        ),
    },
    "SR608": {
        "fi": (
            "Jokin mallin omistajan omista esimerkeistä ei anna odottamaansa segmenttiä, tai sen "
            "vastauksista ei voi tehdä päätöstä lainkaan (viesti nimeää ongelman ja sen koodin). "
            "Joko säännöt tai esimerkki on väärin.",
            "tarkista mallin kuvauksesta, kumpi on oikein: korjaa säännöt, tai esimerkin "
            "vastaukset tai odotettu segmentti. `segrules test` ajaa pelkät esimerkit.",
        ),
        "sv": (
            "Ett av modellägarens egna exempel ger inte det segment det väntar sig, eller så kan "
            "inget beslut alls fattas med dess svar (meddelandet nämner problemet och dess kod). "
            "Antingen reglerna eller exemplet är fel.",
            "kontrollera mot modellbeskrivningen vilket som är rätt: rätta reglerna, eller "
            "exemplets svar eller väntade segment. `segrules test` kör bara exemplen.",
        ),
    },
    "SR610": {
        "fi": (
            "`segrules verify` todistaa jokaisesta kysymyksestä, että jokin pelkän sen vastauksen "
            "muutos muuttaa segmentin (tai raportoi sen käyttämättömäksi, SR606). Tämän "
            "kysymyksen kohdalla tarkka menetelmä tuli kattavuutensa rajoille (viesti kertoo, "
            "mille), joten kysymystä ei ole todistettu käytetyksi eikä käyttämättömäksi. "
            "Tarkistus `inputs_used` ei silloin ole todistettu, ellei jokin toinen kysymys ole "
            "todistetusti käyttämätön, jolloin se epäonnistuu joka tapauksessa.",
            "mitään ei tiedetä olevan vialla. Jos vastausavaruus on tarpeeksi pieni, "
            "`segrules verify --method enumeration` ratkaisee asian; muuten yksinkertaista "
            "kysymyksen käyttöä, esimerkiksi anna kullekin kysymyspatteristolle oma pistemääränsä "
            "yhden usean patteriston keskiarvon sijaan.",
        ),
        "sv": (
            "`segrules verify` bevisar för varje fråga att någon ändring av enbart dess svar ändrar "
            "segmentet (eller rapporterar den oanvänd, SR606). För den här frågan nådde den exakta "
            "metoden gränserna för vad den täcker (meddelandet säger vilka), så frågan är varken "
            "bevisat använd eller bevisat oanvänd. Kontrollen `inputs_used` är då inte bevisad, "
            "utom om en annan fråga är bevisat oanvänd, vilket underkänner den ändå.",
            "inget är känt för att vara fel. Om svarsrymden är liten nog avgör "
            "`segrules verify --method enumeration` saken; annars kan du förenkla hur frågan "
            "används, till exempel ge varje frågebatteri en egen poäng i stället för ett "
            "medelvärde över flera batterier.",
        ),
    },
    "SR620": {
        "fi": (
            "Tarkistus todistetaan vain SMT-todistimella (ratkaisin z3) tai laskemalla jokainen "
            "vastausjoukko. z3 on segrulesin valinnainen osa, eikä sitä ole asennettu tähän, ja "
            "vastausavaruus on liian suuri jokaisen vastausjoukon laskemiseen, joten todistusta "
            "vaativat tarkistukset jäävät ratkaisematta. Esimerkkivastausjoukolla näytetyt virheet "
            "ovat silti todellisia.",
            "asenna verifioinnin lisäosa, esimerkiksi `pip install 'segrules[verify]'` "
            "(`make test` ja `make demo` asentavat sen), ja verifioi uudelleen.",
        ),
        "sv": (
            "En kontroll bevisas bara av SMT-beviset (lösaren z3) eller genom att varje "
            "svarsuppsättning räknas igenom. z3 är en frivillig del av segrules och är inte "
            "installerad här, och svarsrymden är för stor för att räkna igenom varje "
            "svarsuppsättning, så de kontroller som kräver ett bevis blir oavgjorda. Fel som visas "
            "med en exempelsvarsuppsättning är ändå verkliga.",
            "installera verifieringstillägget, till exempel `pip install 'segrules[verify]'` "
            "(`make test` och `make demo` installerar det), och verifiera på nytt.",
        ),
    },
    "SR621": {
        "fi": (
            "Ratkaisin ei vastannut \"tällainen vastausjoukko on\" eikä \"tällaista ei ole\": se "
            "käytti loppuun z3:n resurssiyksiköiden budjettinsa (rlimit; yhteenveto nimeää "
            "budjetin, koko todistimen tai yhden kyselyn) tai kohtasi laskentaa, jota se ei osaa "
            "ratkaista (kahden laajasti vaihtelevan pistemäärän tulo tai osamäärä). Tarkistus "
            "raportoidaan ratkaisemattomana, ei koskaan todistettuna. Budjetti lasketaan työnä, ei "
            "aikana, joten sama tapahtuu jokaisella koneella.",
            "anna suurempi budjetti valitsimella `--solver-budget UNITS`; jos se ei auta, "
            "yksinkertaista laskentaa (vertaa `a >= k * b` eikä `a / b >= k`) tai käytä pienelle "
            "mallille `--method enumeration`.",
        ),
        "sv": (
            "Lösaren svarade varken \"det finns en sådan svarsuppsättning\" eller \"det finns "
            "ingen\": den förbrukade sin budget av z3-resursenheter (rlimit; sammanfattningen "
            "nämner budgeten, hela bevisets eller en enskild frågas) eller mötte aritmetik den inte "
            "kan avgöra (en produkt eller kvot av två poäng som båda varierar över breda "
            "intervall). Kontrollen rapporteras som oavgjord, aldrig som bevisad. Budgeten räknas "
            "i arbete, inte i tid, så samma sak händer på varje maskin.",
            "ge en större budget med `--solver-budget UNITS`; om det inte hjälper, förenkla "
            "aritmetiken (jämför `a >= k * b` i stället för `a / b >= k`) eller använd "
            "`--method enumeration` på en liten modell.",
        ),
    },
    "SR640": {
        "fi": (
            "`segrules diff` vertaa kahta versiota saman vastausavaruuden yli: samanniminen "
            "kysymys on sama vastaus molemmissa. Tässä toinen versio kysyy samalla tunnuksella "
            "lukua ja toinen vaihtoehtoa tai kyllä/ei-arvoa, joten yhtäkään vastausta ei voi antaa "
            "molemmille, eikä versioita voi verrata.",
            "anna muuttuneelle kysymykselle uudessa versiossa uusi tunnus (esim. `age_group`); "
            "vertailu näyttää silloin vain toisessa versiossa kelvolliset vastausjoukot "
            "merkinnällä <invalid>.",
        ),
        "sv": (
            "`segrules diff` jämför två versioner över en svarsrymd: en fråga med samma id är "
            "samma svar i båda. Här frågar den ena versionen efter ett tal och den andra efter ett "
            "alternativ eller ett ja/nej-värde under samma id, så inget svar kan ges till båda, och "
            "versionerna kan inte jämföras.",
            "ge den ändrade frågan ett nytt id i den nya versionen (t.ex. `age_group`); jämförelsen "
            "visar då de svarsuppsättningar som är giltiga för bara en version som <invalid>.",
        ),
    },
    "SR641": {
        "fi": (
            "Siirtymätaulukon solu ratkaistaan SMT-ratkaisimella ja pienessä vastausavaruudessa "
            "laskemalla jokainen vastausjoukko, ja jokainen esimerkki ajetaan uudelleen molempien "
            "versioiden läpi. Tässä ne ovat eri mieltä, mikä on segrulesin virhe; kahdesta "
            "versiosta ei väitetä mitään.",
            "ilmoita siitä segrulesin ylläpitäjille ja liitä mukaan molemmat säännöstöt ja viesti.",
        ),
        "sv": (
            "En cell i övergångsmatrisen avgörs av SMT-lösaren och, i en liten svarsrymd, genom "
            "att varje svarsuppsättning räknas igenom, och varje exempel körs på nytt genom båda "
            "versionerna. Här är de oense, vilket är ett fel i segrules; inget påstås om de två "
            "versionerna.",
            "rapportera det till dem som underhåller segrules, med båda regeluppsättningarna och "
            "meddelandet.",
        ),
    },
    "SR690": {
        "fi": (
            "Verifiointi tarkistaa jokaisen havaintonsa uudelleen viite-evaluaattorilla. Tässä "
            "nämä kaksi ovat eri mieltä. Kyse on segrulesin virheestä, ei säännöstön ongelmasta, "
            "eikä verifioinnin tulokseen voi luottaa.",
            "ilmoita siitä segrulesin ylläpitäjille ja liitä mukaan säännöstö ja viesti.",
        ),
        "sv": (
            "Verifieringen kontrollerar vart och ett av sina fynd på nytt med referensutvärderaren. "
            "Här är de två oense. Det är ett fel i segrules, inte ett problem i "
            "regeluppsättningen, och verifieringens resultat går inte att lita på.",
            "rapportera det till dem som underhåller segrules, med regeluppsättningen och meddelandet.",
        ),
    },
    "SR691": {
        "fi": (
            "Jokainen luku, jolla segrules laskee, on tarkka: kokonaisluku tai murtoluku, jotta "
            "`10 / 3` on täsmälleen kymmenen kolmasosaa ja `0.1` täsmälleen yksi kymmenesosa. "
            "Tässä evaluaattoriin päätyi binäärinen liukuluku, joka voi vain likimääräistää "
            "tällaisia arvoja. Kyse on segrulesin virheestä, ei säännöstön tai vastausten "
            "ongelmasta; pyöristetyn tuloksen sijaan tulosta ei anneta lainkaan.",
            "ilmoita siitä segrulesin ylläpitäjille ja liitä mukaan säännöstö, vastaukset ja viesti.",
        ),
        "sv": (
            "Varje tal som segrules räknar med är exakt: ett heltal eller ett bråk, så att "
            "`10 / 3` är exakt tio tredjedelar och `0.1` exakt en tiondel. Här nådde ett binärt "
            "flyttal, som bara kan närma sig sådana värden, utvärderaren. Det är ett fel i "
            "segrules, inte ett problem i regeluppsättningen eller svaren; hellre inget resultat "
            "än ett avrundat.",
            "rapportera det till dem som underhåller segrules, med regeluppsättningen, svaren och "
            "meddelandet.",
        ),
    },
    "SR692": {
        "fi": (
            "Molemmat menetelmät (rakenteellinen menetelmä ja SMT-todistin) ratkaisivat saman "
            "tarkistuksen ja päätyivät eri tuloksiin. Ainakin toisessa on virhe; tarkistus "
            "raportoidaan ratkaisemattomana, eikä säännöstöä ole todistettu. Ongelma on "
            "segrulesissa, ei säännöstössä.",
            "ilmoita siitä segrulesin ylläpitäjille ja liitä mukaan säännöstö ja viesti; "
            "`--method enumeration` ratkaisee pienen mallin niistä riippumatta.",
        ),
        "sv": (
            "Båda metoderna (den strukturella metoden och SMT-beviset) avgjorde samma kontroll och "
            "kom fram till olika svar. Minst en av dem har ett fel; kontrollen rapporteras som "
            "oavgjord, och regeluppsättningen är inte bevisad. Problemet finns i segrules, inte i "
            "regeluppsättningen.",
            "rapportera det till dem som underhåller segrules, med regeluppsättningen och "
            "meddelandet; `--method enumeration` avgör en liten modell oberoende av dem.",
        ),
    },
    "SR693": {
        "fi": (
            "Jokainen ratkaisimen löytämä vastausjoukko ajetaan viite-evaluaattorin läpi ennen kuin "
            "se näytetään. Tämä ei näyttänyt ongelmaa, jota varten se löydettiin, joten "
            "SMT-koodaus ja evaluaattori ovat eri mieltä. Tarkistus raportoidaan "
            "ratkaisemattomana, ei koskaan tuomiona.",
            "ilmoita siitä segrulesin ylläpitäjille ja liitä mukaan säännöstö ja viesti.",
        ),
        "sv": (
            "Varje svarsuppsättning som lösaren hittar körs genom referensutvärderaren innan den "
            "visas. Den här visade inte problemet den hittades för, så SMT-kodningen och "
            "utvärderaren är oense. Kontrollen rapporteras som oavgjord, aldrig som ett utslag.",
            "rapportera det till dem som underhåller segrules, med regeluppsättningen och meddelandet.",
        ),
    },
    "SR700": {
        "fi": (
            "Vastaavuustaulukko on YAML-kuvaus, jossa on `format: 1`, valinnainen `title`, "
            "luettelo `rulesets` ja luettelo `positions`; jokaisella paikalla (position) on "
            "`quadrant`, valinnainen `label` ja `segments`. Jokin avain on tuntematon tai puuttuu, "
            "jokin osa on väärän muotoinen, tai säännöstö on lueteltu kahdesti. Muoto kuvataan "
            "sivulla docs/crosswalk.md.",
            "korjaa avain tai muoto, jonka viesti nimeää; vihje ehdottaa oikeaa avainta.",
        ),
        "sv": (
            "En korstabell är en YAML-mappning med `format: 1`, en frivillig `title`, listan "
            "`rulesets` och listan `positions`; varje position har en `quadrant`, en frivillig "
            "`label` och `segments`. En nyckel är okänd eller saknas, en del har fel form, eller så "
            "är en regeluppsättning listad två gånger. Formatet beskrivs i docs/crosswalk.md.",
            "rätta den nyckel eller form som meddelandet nämner; tipset föreslår rätt nyckel.",
        ),
    },
    "SR701": {
        "fi": (
            "Vastaavuustaulukko etsii jokaisen luettelemansa säännöstön sen tunnuksella (`id`) "
            "taulukon kansion ja sen alikansioiden YAML-tiedostoista (tai valitsimella "
            "--rulesets-dir annetusta kansiosta). Mikään tiedosto ei esittele tätä tunnusta, usea "
            "tiedosto esittelee sen, tai tiedosto ei lataudu.",
            "korjaa tunnus (se on säännöstötiedoston alussa oleva `id`, ei tiedoston nimi), anna "
            "säännöstöjen kansio valitsimella --rulesets-dir, tai korjaa säännöstö "
            "(`segrules check TIEDOSTO`).",
        ),
        "sv": (
            "Korstabellen hittar varje regeluppsättning den listar genom dess `id` bland "
            "YAML-filerna i korstabellens mapp och dess undermappar (eller i mappen som ges med "
            "--rulesets-dir). Ingen fil deklarerar detta id, flera filer gör det, eller så laddas "
            "filen inte.",
            "rätta id (det är `id` överst i regelfilen, inte filnamnet), ge regeluppsättningarnas "
            "mapp med --rulesets-dir, eller rätta regeluppsättningen (`segrules check FIL`).",
        ),
    },
    "SR702": {
        "fi": (
            "Vastaavuustaulukko yhdistää segmentit niiden paikan mukaan nelikentässä, ja "
            "nelikenttäkuva piirtää kaksi akselien pistemäärää; molemmat tarvitsevat säännöstön, "
            "jossa on `axes` ja jokaisella segmentillä `quadrant`. Seulontalomakkeella, joka "
            "erottaa vain satunnaiset ja runsaat palvelujen käyttäjät (kuten "
            "vantaa_kerava.identification_guide), ei ole akseleita. `segrules diagram` raportoi "
            "tämän koodin myös siinä harvinaisessa tapauksessa, että säännöstöllä on akselit, mutta "
            "verifiointi ei pystynyt selvittämään pistemäärien tasoa rajojensa sisällä (viesti "
            "kertoo silloin sen).",
            "anna säännöstölle `axes: {resources: <pistemäärä>, complexity: <pistemäärä>}` ja "
            "jokaiselle segmentille `quadrant`, tai jätä nelikenttä pois: vertaa tällaista "
            "säännöstöä segmenttien `service_use`-tiedon kautta.",
        ),
        "sv": (
            "En korstabell parar ihop segment efter deras plats i fyrfältet, och ett "
            "fyrfältsdiagram ritar de två axlarnas poäng; båda behöver en regeluppsättning med "
            "`axes` och en `quadrant` för varje segment. Ett screeningformulär som bara skiljer "
            "tillfälliga från omfattande användare av tjänster (som "
            "vantaa_kerava.identification_guide) har inga axlar. `segrules diagram` rapporterar "
            "också den här koden i det sällsynta fallet att regeluppsättningen har axlar men "
            "verifieringen inte kunde räkna ut poängens plan inom sina gränser (meddelandet säger "
            "det då).",
            "ge regeluppsättningen `axes: {resources: <poäng>, complexity: <poäng>}` och varje "
            "segment en `quadrant`, eller avstå från fyrfältet: jämför en sådan regeluppsättning genom "
            "segmentens `service_use`.",
        ),
    },
    "SR703": {
        "fi": (
            "Jokainen paikka (position) nimeää yhden nelikentän neljästä lohkosta: "
            "`quadrant: {resources: high tai low, complexity: high tai low}`. Kukin neljästä "
            "annetaan kerran, ja sen alle kaikkien säännöstöjen sen lohkon segmentit.",
            "kirjoita molemmille akseleille high tai low, ja luettele jokainen lohko kerran.",
        ),
        "sv": (
            "Varje position nämner ett av de fyra fälten: "
            "`quadrant: {resources: high eller low, complexity: high eller low}`. Vart och ett av "
            "de fyra ges en gång, med alla regeluppsättningarnas segment i det fältet under sig.",
            "skriv high eller low för båda axlarna, och lista varje fält en gång.",
        ),
    },
    "SR704": {
        "fi": (
            "Paikan `segments`-kohdassa jokaisen avaimen on oltava jokin `rulesets`-kohdassa "
            "luetelluista tunnuksista ja jokaisen arvon sen säännöstön segmentin tunnus. Muita "
            "nimiä (kuten pärjääjä) ei tässä hyväksytä: tiedosto nimeää segmentit tunnuksilla, "
            "jotta se luetaan samoin kaikilla kielillä.",
            "kirjoita segmentin tunnus (`segrules describe SÄÄNNÖSTÖ` luettelee ne).",
        ),
        "sv": (
            "Under en positions `segments` måste varje nyckel vara ett av de id som listas under "
            "`rulesets`, och varje värde ett segment-id i den regeluppsättningen. Alias och "
            "etiketter (som pärjääjä) godtas inte här: filen nämner segment med id, så att den "
            "läses likadant på alla språk.",
            "skriv segmentets id (`segrules describe REGELUPPSÄTTNING` listar dem).",
        ),
    },
    "SR705": {
        "fi": (
            "Jokaisella akselillisen säännöstön segmentillä on säännöstössä itsessään `quadrant`. "
            "Vastaavuustaulukon on sijoitettava se saman lohkon paikan alle; muuten taulukko ja "
            "säännöstö ovat eri mieltä siitä, missä segmentti on.",
            "siirrä segmentti oman lohkonsa paikkaan, tai korjaa säännöstön `quadrant`.",
        ),
        "sv": (
            "Varje segment i en regeluppsättning med axlar har en `quadrant` i själva "
            "regeluppsättningen. Korstabellen måste placera det under positionen för samma fält; "
            "annars är korstabellen och regeluppsättningen oense om var segmentet ligger.",
            "flytta segmentet till positionen för sitt eget fält, eller rätta regeluppsättningens "
            "`quadrant`.",
        ),
    },
    "SR706": {
        "fi": (
            "Jokaisen paikan on nimettävä segmentti jokaiselle luetellulle säännöstölle, ja "
            "jokaisen luetellun säännöstön jokaisen segmentin on oltava jossakin paikassa. Muuten "
            "haku voisi jäädä ilman vastausta: tämän segmentin asiakasta ei voisi kuvata toisen "
            "alueen malliin.",
            "lisää puuttuva segmentti lohkonsa paikan alle.",
        ),
        "sv": (
            "Varje position måste nämna ett segment för varje listad regeluppsättning, och varje "
            "segment i varje listad regeluppsättning måste finnas i någon position. Annars kunde "
            "en uppslagning bli utan svar: en kund i det segmentet kunde inte föras över till en "
            "annan regions modell.",
            "lägg till det segment som saknas under positionen för dess fält.",
        ),
    },
    "SR707": {
        "fi": (
            "Segmentti kuuluu täsmälleen yhteen nelikentän neljästä lohkosta, joten se saa "
            "esiintyä vain yhdessä paikassa. Viesti kertoo rivin, jolla se esiintyi ensimmäisen kerran.",
            "pidä segmentti oman lohkonsa paikassa ja nimeä toiseen oikea segmentti.",
        ),
        "sv": (
            "Ett segment hör till exakt ett av de fyra fälten, så det får förekomma i bara en "
            "position. Meddelandet anger raden där det förekom första gången.",
            "behåll segmentet i positionen för sitt fält och nämn rätt segment i den andra.",
        ),
    },
    "SR708": {
        "fi": (
            "Haku nimesi säännöstön, jota vastaavuustaulukko ei luettele. Säännöstön voi nimetä "
            "tunnuksella tai jollakin sen muista nimistä (helsinki.omasuuntima tarkoittaa "
            "helsinki.suuntima). Viesti luettelee taulukon säännöstöt.",
            "anna säännöstön koko tunnus.",
        ),
        "sv": (
            "En uppslagning nämnde en regeluppsättning som korstabellen inte listar. En "
            "regeluppsättning kan nämnas med sitt id eller ett av sina alias "
            "(helsinki.omasuuntima för helsinki.suuntima). Meddelandet listar korstabellens "
            "regeluppsättningar.",
            "ge regeluppsättningens fullständiga id.",
        ),
    },
    "SR709": {
        "fi": (
            "Haku nimesi segmentin, jota säännöstössä ei ole. Segmentin voi nimetä tunnuksella, "
            "jollakin sen muista nimistä tai nimellä millä tahansa kielellä, isoin tai pienin "
            "kirjaimin ja ä- ja ö-kirjaimin tai ilman (yhteisö, Yhteiso). Viesti luettelee "
            "segmentit. Nimi, joka sopii useaan segmenttiin, on annettava segmentin tunnuksena.",
            "käytä säännöstön omien segmenttien nimeä (tässä Vantaa–Kerava kutsuu tätä lohkoa "
            "nimellä huolenpito).",
        ),
        "sv": (
            "En uppslagning nämnde ett segment som regeluppsättningen inte har. Ett segment kan "
            "nämnas med sitt id, ett av sina alias eller en av sina etiketter, med stora eller små "
            "bokstäver och med eller utan ä och ö (yhteisö, Yhteiso). Meddelandet listar segmenten. "
            "Ett namn som passar flera segment måste ges som segmentets id.",
            "använd ett namn på regeluppsättningens egna segment (här kallar Vanda–Kervo det "
            "fältet huolenpito).",
        ),
    },
    "SR800": {
        "fi": (
            "SQL pitää jokaisen luvun kahden kokonaisluvun parina (osoittaja ja nimittäjä) eikä "
            "koskaan jaa tai pyöristä. Jokaisen arvon, jonka parit voivat saada, rajat lasketaan "
            "vastausten arvoalueista; tässä jokin välitulos voisi tarvita enemmän kuin ne 38 numeroa, "
            "jotka mahtuvat tarkkaan SQL:n kokonaislukutyyppiin (tai vastauksen arvoalue sallii yli "
            "18-numeroiset luvut, tai ehdot ovat niin syvällä sisäkkäin, että kysely olisi liian pitkä "
            "ajettavaksi). Säännöstö hylätään mieluummin kuin lasketaan epätarkasti.",
            "yksinkertaista pistemääriä: vähemmän jakolaskuja ja jakolaskujen tuloja, tai pienemmät "
            "lukuvälit.",
        ),
        "sv": (
            "SQL-koden håller varje tal som ett par av heltal (täljare och nämnare) och dividerar "
            "eller avrundar aldrig. Varje värde som paren kan anta begränsas utifrån svarens domäner; "
            "här kunde något mellanvärde behöva fler än de 38 siffror som en exakt heltalstyp i SQL "
            "rymmer (eller så tillåter ett svars domän tal med fler än 18 siffror, eller så är "
            "villkoren nästlade så djupt att frågan skulle bli för lång att köra). Regeluppsättningen "
            "avvisas hellre än beräknas inexakt.",
            "förenkla poängen: färre divisioner och produkter av divisioner, eller mindre "
            "talintervall.",
        ),
    },
    "SR801": {
        "fi": (
            "`segrules sql` ja `segrules batch` kirjoittavat SQL:ää murteille duckdb, postgres, spark "
            "tai trino, ja ne lukevat vastaukset leveässä muodossa (sarake kysymystä kohden) tai "
            "pitkässä muodossa (rivit: tietue, kysymys, arvo).",
            "käytä jotakin viestin luettelemista murteista ja muodoista.",
        ),
        "sv": (
            "`segrules sql` och `segrules batch` skriver SQL för duckdb, postgres, spark eller trino, "
            "och läser svar i den breda formen (en kolumn per fråga) eller den långa formen (rader med "
            "post, fråga, värde).",
            "använd en av de dialekter och former som meddelandet listar.",
        ),
    },
    "SR802": {
        "fi": (
            "Pitkässä muodossa jokainen vastaus on rivi (tietue, kysymys, arvo). Kaksi riviä antaa "
            "saman kysymyksen samalle tietueelle, joten ei tiedetä, kumpi vastaus pätee. Tietue "
            "hylätään tällä koodilla ja kysymys nimetään; tietueesta ei päätetä mitään muuta.",
            "jätä yksi rivi tietuetta ja kysymystä kohden (esimerkiksi viimeisin vastaus) ennen "
            "segmentointia.",
        ),
        "sv": (
            "I den långa formen är varje svar en rad (post, fråga, värde). Två rader anger samma fråga "
            "för samma post, så det är inte känt vilket svar som gäller. Posten avvisas med den här "
            "koden, och frågan nämns; inget annat avgörs för den.",
            "behåll en rad per post och fråga (till exempel det senaste svaret) före segmenteringen.",
        ),
    },
    "SR803": {
        "fi": (
            "`segrules batch --input` ottaa CSV-, Parquet- tai JSON Lines -tiedoston (päätteen "
            "mukaan), DuckDB-taulun (`tiedosto.duckdb#taulu`) tai PostgreSQL-taulun "
            "(`postgresql://...#taulu`). Tiedostoa ei ole, sen lajia ei tunneta, siitä puuttuu "
            "tietueen avainsarake (`--key`, oletus record_id) tai pitkässä muodossa sarakkeet question "
            "ja value, tai moottori ei osaa lukea sellaista syötettä (PostgreSQL-taulu luetaan "
            "valitsimella `--engine postgres`). CSV-tiedosto luetaan kokonaan UTF-8-tekstinä RFC "
            "4180:n mukaan (docs/population.md): tämä koodi tarkoittaa myös, ettei se ole UTF-8:aa, "
            "että otsikkorivin sarakkeella ei ole nimeä tai että rivi ei sovi otsikkoriviin (eri määrä "
            "kenttiä, sulkematon lainausmerkki, sekaisin eri rivinvaihtoja); JSON Lines -tiedostossa, "
            "että rivi ei ole yksi JSON-objekti (DuckDB:n antama syy, ja virheellinen rivi etsitään "
            "uudelleen: DuckDB nimeää sitä seuraavan rivin). Se tarkoittaa myös, että tiedoston "
            "nimessä on tavu, joka ei ole UTF-8:aa, eivätkä moottorit voi avata sitä. Viesti nimeää "
            "rivin, ei koskaan sen sisältöä.",
            "vie vastaukset CSV-muodossa (UTF-8; taulukko-ohjelmassa \"CSV UTF-8\") tai "
            "Parquet-muodossa, tai nimeä avainsarake valitsimella --key.",
        ),
        "sv": (
            "`segrules batch --input` tar en CSV-, Parquet- eller JSON Lines-fil (efter filändelsen), "
            "en DuckDB-tabell (`fil.duckdb#tabell`) eller en PostgreSQL-tabell "
            "(`postgresql://...#tabell`). Filen saknas, dess slag är okänt, den saknar postens "
            "nyckelkolumn (`--key`, standard record_id) eller, i den långa formen, kolumnerna question "
            "och value, eller så kan motorn inte läsa det slaget av indata (en PostgreSQL-tabell läses "
            "med `--engine postgres`). En CSV-fil läses i sin helhet som UTF-8-text enligt RFC 4180 "
            "(docs/population.md): koden betyder också att den inte är UTF-8, att en kolumn i "
            "rubrikraden saknar namn eller att en rad inte passar rubrikraden (ett annat antal fält, "
            "ett citattecken som inte stängs, blandade radslut); för en JSON Lines-fil att en rad inte "
            "är ett JSON-objekt (DuckDB:s orsak, med den felaktiga raden uppsökt på nytt: DuckDB "
            "nämner raden efter den). Den betyder också att filens namn innehåller en byte som inte är "
            "UTF-8, vilket motorerna inte kan öppna. Meddelandet nämner raden, aldrig dess innehåll.",
            "exportera svaren som CSV (UTF-8; i ett kalkylprogram \"CSV UTF-8\") eller Parquet, eller "
            "ange nyckelkolumnen med --key.",
        ),
    },
    "SR804": {
        "fi": (
            "Tulosteen (tai hylättyjen) sijaintiin ei voi kirjoittaa: kansiota ei ole tai siihen ei "
            "voi kirjoittaa, lajia ei tunnisteta päätteestä, nimessä on tavu, joka ei ole UTF-8:aa "
            "(moottorit hyväksyvät vain UTF-8-nimet), tai moottori ei osaa kirjoittaa sitä lajia. "
            "Tulosteet kirjoitetaan väliaikaiseen tiedostoon, joka korvaa vanhan tulosteen vasta "
            "valmistuttuaan, joten epäonnistunut ajo jättää vanhan tulosteen ennalleen.",
            "anna sijainti, johon voi kirjoittaa ja jonka pääte on .csv, .parquet tai .jsonl, tai "
            "taulu.",
        ),
        "sv": (
            "Platsen för utdata (eller avvisade poster) kan inte skrivas: mappen saknas eller är inte "
            "skrivbar, slaget framgår inte av filändelsen, namnet innehåller en byte som inte är UTF-8 "
            "(motorerna tar bara UTF-8-namn), eller så kan motorn inte skriva det slaget. Utdata "
            "skrivs till en tillfällig fil som ersätter den gamla utdatan först när den är klar, så en "
            "misslyckad körning lämnar den gamla utdatan som den var.",
            "ange en skrivbar plats som slutar på .csv, .parquet eller .jsonl, eller en tabell.",
        ),
    },
    "SR805": {
        "fi": (
            "SQL- ja eräajot tarvitsevat DuckDB:n, sqlglotin ja (PostgreSQL:ää varten) psycopgin, "
            "jotka segrules asentaa vain `sql`-lisäosansa mukana.",
            "`pip install 'segrules[sql]'` (`make demo` ja `make test` asentavat sen).",
        ),
        "sv": (
            "SQL- och batchkörningar behöver DuckDB, sqlglot och (för PostgreSQL) psycopg, som "
            "segrules installerar bara med sitt tillägg `sql`.",
            "`pip install 'segrules[sql]'` (`make demo` och `make test` installerar det).",
        ),
    },
    "SR806": {
        "fi": (
            "Eräajoa suorittava moottori (DuckDB tai PostgreSQL) hylkäsi kyselyn tai yhteyden: "
            "palvelimeen ei saada yhteyttä, taulua ei ole tai jokin oikeus puuttuu. Viestissä ovat "
            "tietokannan omat sanat. Mitään ei kirjoitettu.",
            "tarkista yhteyden URL, taulun nimi ja tietokantakäyttäjän oikeudet.",
        ),
        "sv": (
            "Motorn som kör batchkörningen (DuckDB eller PostgreSQL) avvisade frågan eller "
            "anslutningen: servern kan inte nås, tabellen finns inte, en behörighet saknas. "
            "Meddelandet återger databasens egna ord. Ingenting skrevs.",
            "kontrollera anslutningens URL, tabellnamnet och databasanvändarens rättigheter.",
        ),
    },
    "SR807": {
        "fi": (
            "CSV-tiedoston otsikkorivi nimeää saman sarakkeen kahdesti (sarakkeiden nimissä isot ja "
            "pienet kirjaimet ovat samat, kuten niitä lukevissa tietokannoissa), JSON Lines -tiedoston "
            "rivi antaa saman avaimen kahdesti, tai JSON Lines -tiedoston kaksi avainta eroavat vain "
            "kirjainkoolta. Ei tiedetä, kummassa on vastaus, joten ajo pysähtyy ennen kuin mitään "
            "kirjoitetaan; viesti nimeää sarakkeen. (`decide` hylkää JSON-vastausjoukon, joka antaa "
            "avaimen kahdesti, ja pitkä muoto hylkää koodilla SR802 tietueen, jossa samaan kysymykseen "
            "on vastattu kahdesti.)",
            "jätä kustakin nimestä yksi sarake (nimeä toinen uudelleen tai poista se) ja aja "
            "uudelleen.",
        ),
        "sv": (
            "En CSV-rubrikrad nämner samma kolumn två gånger (kolumnnamn skiljer inte på stora och små "
            "bokstäver, liksom i de databaser som läser dem), en rad i en JSON Lines-fil anger samma "
            "nyckel två gånger, eller så skiljer sig två nycklar i en JSON Lines-fil bara i skiftläge. "
            "Det är inte känt vilken av de två som innehåller svaret, så körningen stannar innan något "
            "skrivs; meddelandet nämner kolumnen. (`decide` avvisar en JSON-svarsuppsättning som anger "
            "en nyckel två gånger, och den långa formen avvisar med SR802 en post där en fråga "
            "besvarats två gånger.)",
            "behåll en kolumn med varje namn (byt namn på den andra eller ta bort den) och kör igen.",
        ),
    },
    "SR808": {
        "fi": (
            "Leveässä muodossa jokainen rivi on yksi tietue, joka erotetaan muista avaimensa "
            "perusteella (`--key`, oletus record_id). Tässä sama avain on annettu useammalle riville, "
            "tai riviltä puuttuu avain: niiden tuloksia ei voisi erottaa toisistaan, ja raportti "
            "laskisi saman asiakkaan kahdesti. Viesti nimeää avaimen, kertoo, monellako rivillä se on, "
            "ja kuinka moni muu avain toistuu. Pitkässä muodossa (rivi vastausta kohden, ryhmiteltynä "
            "avaimen mukaan) rivit ilman avainta hylätään samalla tavalla: ne kaikki luettaisiin yhden "
            "tietueen vastauksiksi. Mitään ei kirjoiteta.",
            "jätä yksi rivi tietuetta kohden (esimerkiksi kunkin asiakkaan viimeisin arviointi), anna "
            "tyhjille avaimille arvo tai nimeä valitsimella --key sarake, jonka arvot ovat "
            "yksilöllisiä.",
        ),
        "sv": (
            "I den breda formen är varje rad en post, som skiljs från de andra genom sin nyckel "
            "(`--key`, standard record_id). Här har en nyckel getts till mer än en rad, eller så "
            "saknar en rad nyckel: deras resultat kunde inte skiljas åt, och en rapport skulle räkna "
            "samma kund två gånger. Meddelandet nämner en nyckel, hur många rader som har den och hur "
            "många andra nycklar som upprepas. I den långa formen (en rad per svar, grupperade efter "
            "nyckel) avvisas raderna utan nyckel på samma sätt: de skulle alla läsas som svaren för en "
            "enda post. Ingenting skrivs.",
            "behåll en rad per post (till exempel den senaste bedömningen av varje kund), ge de tomma "
            "nycklarna deras värden, eller ange med --key en kolumn vars värden är unika.",
        ),
    },
    "SR809": {
        "fi": (
            "`segrules batch` tuo tulokseensa jokaisen vastausten sarakkeen, joka ei ole kysymys, "
            "niiden sarakkeiden rinnalle, jotka se kirjoittaa itse: segment, rule, resources_num, "
            "resources_den, complexity_num, complexity_den, error_codes, error_inputs, ruleset_id, "
            "ruleset_version ja ruleset_hash. Vastausten sarake, jolla on jokin näistä nimistä (isoin "
            "tai pienin kirjaimin), katoaisi tai luultaisiin uudeksi tulokseksi, joten ajo pysähtyy "
            "ennen kuin mitään kirjoitetaan.",
            "nimeä sarake otteessa uudelleen (esimerkiksi previous_segment) tai jätä se pois otteesta.",
        ),
        "sv": (
            "`segrules batch` tar med varje kolumn i svaren som inte är en fråga till sitt resultat, "
            "bredvid de kolumner den skriver själv: segment, rule, resources_num, resources_den, "
            "complexity_num, complexity_den, error_codes, error_inputs, ruleset_id, ruleset_version "
            "och ruleset_hash. En kolumn i svaren med ett av dessa namn (med stora eller små "
            "bokstäver) skulle gå förlorad eller misstas för det nya resultatet, så körningen stannar "
            "innan något skrivs.",
            "byt namn på kolumnen i uttaget (till exempel previous_segment), eller lämna den utanför "
            "uttaget.",
        ),
    },
    "SR810": {
        "fi": (
            "`--engine postgres` ajaa segmentoinnin PostgreSQL-palvelimen sisällä, jossa rekisteriote "
            "jo on: sen syöte, tuloste ja hylätyt ovat saman tietokannan tauluja "
            "(`postgresql://...#taulu`, sama yhteys kaikille kolmelle). Se ei lue eikä kirjoita "
            "tiedostoja: tiedostolle DuckDB (oletusmoottori) antaa samat tulokset tällä koneella, "
            "nopeammin kuin edestakainen matka palvelimen kautta, ja kopioimatta vastauksia "
            "tietokantaan, jota ei ole nimetty niille. Muut moottorit puolestaan eivät lue eivätkä "
            "kirjoita PostgreSQL-tauluja. Mitään ei kirjoiteta.",
            "segmentoi tiedosto DuckDB:llä (jätä --engine postgres pois), tai lataa se ensin tauluun "
            "(psql:n \\copy) ja aja --engine postgres taulusta tauluun.",
        ),
        "sv": (
            "`--engine postgres` kör segmenteringen inne i en PostgreSQL-server, där registeruttaget "
            "redan finns: dess indata, utdata och avvisade poster är tabeller i en och samma databas "
            "(`postgresql://...#tabell`, samma anslutning för alla tre). Den läser och skriver inga "
            "filer: för en fil ger DuckDB (standardmotorn) samma resultat på den här datorn, snabbare "
            "än en tur och retur via en server, och utan att kopiera svaren till en databas som inte "
            "angetts för dem. De andra motorerna läser och skriver omvänt inga PostgreSQL-tabeller. "
            "Ingenting skrivs.",
            "segmentera filen med DuckDB (utelämna --engine postgres), eller läs först in den i en "
            "tabell (med \\copy i psql) och kör --engine postgres från tabell till tabell.",
        ),
    },
    "SR850": {
        "fi": (
            "Väestöraportti piilottaa lukumäärät, jotka ovat pienempiä kuin --min-cell (oletus 5), "
            "jotta mikään julkaistu luku ei tunnistaisi ketään. Annettu arvo on alle 1: se ei "
            "piilottaisi mitään, eikä se ole kynnysarvo.",
            "anna pienin lukumäärä, jonka saa julkaista; tilastovirastot käyttävät arvoa 5 tai "
            "suurempaa.",
        ),
        "sv": (
            "En befolkningsrapport döljer antal som är mindre än --min-cell (5 som standard), så att "
            "inget publicerat tal identifierar en person. Det angivna värdet är under 1, vilket inte "
            "skulle dölja något och inte är någon tröskel.",
            "ange det minsta antal som får publiceras; statistikmyndigheter använder 5 eller mer.",
        ),
    },
    "SR851": {
        "fi": (
            "Eräajon tuloksen on tehnyt toinen säännöstö: sen rivit nimeävät toisen sisällön "
            "tiivisteen tai segmenttejä, joita säännöstössä ei ole (mallin toinen versio tai toisen "
            "alueen malli). Raportti tarvitsee säännöstön, joka teki tuloksen, jotta sen lukumäärät "
            "kuvaavat juuri sitä versiota.",
            "anna säännöstö, jolla eräajon tulos tehtiin, tai aja `segrules batch` uudelleen.",
        ),
        "sv": (
            "Batchresultatet gjordes av en annan regeluppsättning: dess rader nämner en annan hash för "
            "innehållet, eller segment som regeluppsättningen inte har (en annan version av modellen, "
            "eller en annan regions modell). En rapport behöver den regeluppsättning som gjorde "
            "resultatet, så att dess antal beskriver exakt den versionen.",
            "ange den regeluppsättning som batchresultatet gjordes med, eller kör `segrules batch` "
            "igen.",
        ),
    },
    "SR852": {
        "fi": (
            "--reference vertaa väestöä odotettuun jakaumaan: YAML- tai JSON-kuvaukseen, jossa "
            "kullekin segmentille (sen tunnus, muu nimi tai nimi) annetaan sen odotettu osuus "
            "prosentteina. Osuuksien on oltava lukuja 0–100, ja niiden summan on oltava tasan 100. "
            "Viesti kertoo, mikä on vialla.",
            "luettele jokainen segmentti kerran osuuksin, joiden summa on 100.",
        ),
        "sv": (
            "--reference jämför befolkningen med en förväntad fördelning: en YAML- eller JSON-mappning "
            "från varje segment (dess id, ett alias eller en etikett) till dess förväntade andel i "
            "procent. Andelarna måste vara tal från 0 till 100 och summera till exakt 100. Meddelandet "
            "säger vad som är fel.",
            "lista varje segment en gång, med andelar som summerar till 100.",
        ),
    },
    "SR853": {
        "fi": (
            "--compare näyttää, kuinka moni tietue siirtyisi segmentistä toiseen, jos malli muuttuisi. "
            "Sitä varten molempien versioiden on segmentoitava samat vastaukset, joten syötteen on "
            "oltava vastaukset (sama tiedosto, jonka `segrules batch` lukee), ei eräajon tulos, jossa "
            "on vain yhden version segmentit.",
            "anna syötteeksi vastaukset.",
        ),
        "sv": (
            "--compare visar hur många poster som skulle flytta mellan segment om modellen ändrades. "
            "För det måste båda versionerna segmentera samma svar, så indata måste vara svaren (samma "
            "fil som `segrules batch` läser), inte ett batchresultat, som bara innehåller en versions "
            "segment.",
            "ange svaren som indata.",
        ),
    },
    "SR854": {
        "fi": (
            "Raportti lukee sarakkeet, jotka `segrules batch` kirjoittaa (segment, error_codes ja "
            "nelikenttää varten pistemäärien sarakkeet), sekä jokaisen ryhmittelysarakkeen, joka on "
            "nimetty valitsimella --by. Viesti luettelee tiedoston sarakkeet.",
            "nimeä sarake, joka tuloksessa on. `segrules batch` tuo tulokseensa jokaisen vastausten "
            "sarakkeen, joka ei ole kysymys (yksikkö, kunta, ikäryhmä).",
        ),
        "sv": (
            "En rapport läser de kolumner som `segrules batch` skriver (segment, error_codes och, för "
            "fyrfältet, poängkolumnerna) och varje grupperingskolumn som anges med --by. Meddelandet "
            "listar filens kolumner.",
            "ange en kolumn som resultatet har. `segrules batch` tar med varje kolumn i svaren som "
            "inte är en fråga (en enhet, en kommun, en åldersgrupp) till sitt resultat.",
        ),
    },
    "SR855": {
        "fi": (
            "Ennen kuin väestöraportti tulostetaan tai kirjoitetaan, tarkka hyökkääjämalli tarkistaa "
            "sen pienten lukujen piilottamisen: kokonaislukuoptimointi z3-ratkaisimella kaikista "
            "luvuista, jotka raportti julkaisee. Ilman ratkaisinta raportti julkaistaisiin "
            "tarkastamatta, joten sitä ei tehdä lainkaan. z3 tulee `sql`-lisäosan (ja "
            "`verify`-lisäosan) mukana.",
            "asenna lisäosa: `pip install 'segrules[sql]'` (tai `pip install z3-solver`).",
        ),
        "sv": (
            "Innan en befolkningsrapport skrivs ut eller sparas kontrollerar en exakt angripare dess "
            "undertryckning av små tal: heltalsprogrammering, med lösaren z3, över varje tal som "
            "rapporten publicerar. Utan lösaren skulle rapporten publiceras ogranskad, så den görs "
            "inte alls. z3 följer med tillägget `sql` (och tillägget `verify`).",
            "installera tillägget: `pip install 'segrules[sql]'` (eller `pip install z3-solver`).",
        ),
    },
    "SR900": {
        "fi": (
            "`segrules serve` sai polun, jota ei ole, tai kansion, jossa ei ole säännöstöä. Kansiosta "
            "ja sen alikansioista etsitään `.yaml`- ja `.yml`-tiedostoja, joiden ylimmällä tasolla on "
            "`id` (vastaavuustaulukkotiedostossa sitä ei ole, joten se jätetään pois).",
            "nimeä säännöstötiedostot tai kansio, jossa ne ovat.",
        ),
        "sv": (
            "`segrules serve` fick en sökväg som inte finns, eller en mapp som inte innehåller någon "
            "regeluppsättning. I en mapp och dess undermappar söks `.yaml`- och `.yml`-filer vars "
            "översta nivå har ett `id` (en korstabellsfil har inget och lämnas utanför).",
            "ange regelfiler, eller en mapp som innehåller dem.",
        ),
    },
    "SR901": {
        "fi": (
            "Jokaista tarjottua säännöstöä kutsutaan URL-osoitteessa sen tunnuksella (tai jollakin sen "
            "aliaksista), joten tunnus tai alias saa kuulua vain yhdelle tarjotulle tiedostolle. "
            "Viesti nimeää molemmat tiedostot.",
            "tarjoa yksi tiedosto säännöstön tunnusta kohden: poista kopio tai anna sille oma tunnus.",
        ),
        "sv": (
            "Varje regeluppsättning som tillhandahålls anropas med sitt id (eller ett av sina alias) i "
            "URL:en, så ett id eller alias får höra till bara en tillhandahållen fil. Meddelandet "
            "nämner båda filerna.",
            "tillhandahåll en fil per regeluppsättnings id: ta bort kopian, eller ge den ett eget id.",
        ),
    },
    "SR902": {
        "fi": (
            "Palvelu ottaa säännöstön (tai uudelleenlatauksessa sen uuden version) käyttöön vain, kun "
            "se latautuu, jokainen sen `examples`-kohdan esimerkki saa odottamansa segmentin ja "
            "`segrules verify` todistaa sen. Jokin esimerkki ei toteutunut; uudelleenlatauksessa "
            "viimeisin toimiva versio pysyy tarjolla, ja `/health/ready` kertoo tilan `degraded` ja "
            "tämän syyn.",
            "aja `segrules test SÄÄNNÖSTÖ`, korjaa säännöt tai esimerkki ja lataa sitten uudelleen.",
        ),
        "sv": (
            "Tjänsten tar en regeluppsättning (eller, vid omladdning, en ny version av den) i drift "
            "bara när den laddas, varje exempel i dess `examples` får det segment det väntar sig och "
            "`segrules verify` bevisar den. Ett exempel misslyckades; vid omladdning fortsätter den "
            "senaste fungerande versionen att tillhandahållas, och `/health/ready` säger `degraded` "
            "med den här orsaken.",
            "kör `segrules test REGELUPPSÄTTNING`, rätta reglerna eller exemplet och ladda sedan om.",
        ),
    },
    "SR903": {
        "fi": (
            "`segrules verify` ei todistanut, että jokainen mahdollinen vastausjoukko johtaa "
            "täsmälleen yhteen segmenttiin (jokin tarkistus epäonnistui tai jäi ratkaisematta), joten "
            "palvelu ei ota säännöstöä käyttöön. Uudelleenlatauksessa viimeisin toimiva versio pysyy "
            "tarjolla, ja `/health/ready` kertoo tilan `degraded` ja tarkistukset, jotka eivät menneet "
            "läpi.",
            "aja `segrules verify SÄÄNNÖSTÖ`, korjaa se, minkä se näyttää vastaesimerkillään, ja lataa "
            "sitten uudelleen.",
        ),
        "sv": (
            "`segrules verify` bevisade inte att varje möjlig svarsuppsättning leder till exakt ett "
            "segment (en kontroll misslyckades eller kunde inte avgöras), så tjänsten tar inte "
            "regeluppsättningen i drift. Vid omladdning fortsätter den senaste fungerande versionen "
            "att tillhandahållas, och `/health/ready` säger `degraded` med de kontroller som inte gick "
            "igenom.",
            "kör `segrules verify REGELUPPSÄTTNING`, rätta det som den visar med sitt motexempel och "
            "ladda sedan om.",
        ),
    },
    "SR904": {
        "fi": (
            "`--token-file` nimeää tiedoston, jossa on tunniste (bearer token), joka jokaisen pyynnön "
            "on lähetettävä. Tiedostoa ei ole, sitä ei voi lukea, se ei ole tavallinen tiedosto (vaan "
            "putki, FIFO tai laite kuten /dev/zero, joka voisi pysäyttää käynnistyksen loputtomiin), "
            "se on suurempi kuin 4 KiB, se ei ole UTF-8:aa, tai sen tunniste on lyhyempi kuin 32 "
            "merkkiä (lyhyen tunnisteen voi arvata) tai siinä on välilyöntejä.",
            "kirjoita tiedostoon pitkä satunnainen tunniste, ja anna vain palvelun lukea tiedostoa.",
        ),
        "sv": (
            "`--token-file` anger en fil som innehåller den bearer-token som varje begäran måste "
            "skicka. Filen saknas, kan inte läsas, är inte en vanlig fil (ett rör, en FIFO eller en "
            "enhet som /dev/zero, som kunde hålla kvar starten för evigt), är större än 4 KiB, är inte "
            "UTF-8, eller innehåller en token som är kortare än 32 tecken (en kort token kan gissas) "
            "eller en med mellanslag i.",
            "skriv en lång slumpmässig token i filen, läsbar bara för tjänsten.",
        ),
    },
    "SR905": {
        "fi": (
            "`--decision-log POLKU` nimeää JSON Lines -tiedoston, johon palvelu lisää rivin jokaisesta "
            "päätöksestä. Tiedostoa ei voi avata lisäämistä varten (kansio puuttuu, oikeus puuttuu tai "
            "se on FIFO, jota mikään prosessi ei lue), tai kirjoittaminen epäonnistui palvelun ollessa "
            "käynnissä (levy täynnä). Kun kirjoittaminen epäonnistuu, palvelu jatkaa päätösten "
            "tekemistä, laskee menetetyt rivit kohdassa `/metrics` ja kertoo tilan `degraded` kohdassa "
            "`/health/ready`.",
            "nimeä tiedosto kansiossa, johon palvelu voi kirjoittaa, levyllä, jolla on tilaa.",
        ),
        "sv": (
            "`--decision-log SÖKVÄG` anger en JSON Lines-fil som tjänsten lägger till en rad i för "
            "varje beslut. Filen kan inte öppnas för tillägg (en mapp saknas, behörighet saknas, en "
            "FIFO som ingen process läser), eller så misslyckades en skrivning medan tjänsten var i "
            "drift (en full disk). När skrivningen misslyckas fortsätter tjänsten att fatta beslut, "
            "räknar de förlorade raderna i `/metrics` och säger `degraded` i `/health/ready`.",
            "ange en fil i en mapp som tjänsten kan skriva till, på en disk med utrymme.",
        ),
    },
    "SR906": {
        "fi": (
            "Palvelun asetus on sallitun alueensa ulkopuolella: portin on oltava 0–65535, pyynnön "
            "rungon kokorajan, aikakatkaisun ja päätöslokin jonon on oltava suurempia kuin nolla, ja "
            "lokin käytäntö on `block` tai `drop`.",
            "anna arvo viestin kertomalta alueelta.",
        ),
        "sv": (
            "Ett alternativ för tjänsten ligger utanför sitt intervall: porten måste vara 0 till "
            "65535, storleksgränsen för begärans innehåll, tidsgränsen och beslutsloggens kö måste "
            "vara större än noll, och loggens policy är `block` eller `drop`.",
            "ange ett värde i det intervall som meddelandet anger.",
        ),
    },
    "SR907": {
        "fi": (
            "Uudelleenlatauksessa palvelu tarkistaa kunkin tiedoston uuden version (lataus, esimerkit, "
            "todistus) omassa työprosessissaan, jotta käsittelyssä olevat pyynnöt eivät hidastu. "
            "Työprosessi pysähtyi ennen kuin se vastasi: koneen muisti loppui, prosessi tapettiin tai "
            "palvelu on pysähtymässä. Viimeisin toimiva versio pysyy tarjolla, ja `/health/ready` "
            "kertoo tilan `degraded`; seuraava uudelleenlataus käynnistää uuden työprosessin.",
            "lataa uudelleen (`kill -HUP`); jos näin käy taas, aja `segrules verify SÄÄNNÖSTÖ` "
            "nähdäksesi, mitä tarkistus tarvitsee.",
        ),
        "sv": (
            "Vid omladdning kontrollerar tjänsten varje fils nya version (laddning, exempel, bevis) i "
            "en egen arbetsprocess, så att de begäranden som besvaras inte blir långsammare. "
            "Arbetsprocessen stannade innan den svarade: datorn fick slut på minne, processen dödades, "
            "eller tjänsten håller på att stanna. Den senaste fungerande versionen fortsätter att "
            "tillhandahållas och `/health/ready` säger `degraded`; nästa omladdning startar en ny "
            "arbetsprocess.",
            "ladda om igen (`kill -HUP`); om det händer igen, kör `segrules verify REGELUPPSÄTTNING` "
            "för att se vad kontrollen behöver.",
        ),
    },
    "SR910": {
        "fi": (
            "Palvelu käynnistettiin valitsimella `--token-file`, ja pyynnössä ei ollut otsaketta "
            "`Authorization: Bearer TOKEN` tai siinä oli eri tunniste. Muuhun ei vastata: vain "
            "`/health/live` ja `/health/ready`-kohdan tilasana ovat avoinna ilman tunnistetta.",
            "lähetä palvelun tunnistetiedostossa oleva tunniste.",
        ),
        "sv": (
            "Tjänsten startades med `--token-file`, och begäran hade inget huvud `Authorization: "
            "Bearer TOKEN` eller en annan token. Inget annat besvaras: bara `/health/live` och "
            "statusordet i `/health/ready` är öppna utan token.",
            "skicka den token som står i tjänstens tokenfil.",
        ),
    },
    "SR911": {
        "fi": (
            "URL-osoite nimeää säännöstön tunnuksen (tai aliaksen), jota palvelu ei tarjoa. `GET "
            "/v1/rulesets` luettelee tarjotut säännöstöt.",
            "käytä tarjotun säännöstön tunnusta.",
        ),
        "sv": (
            "URL:en nämner ett id (eller alias) för en regeluppsättning som tjänsten inte "
            "tillhandahåller. `GET /v1/rulesets` listar de regeluppsättningar som tillhandahålls.",
            "använd id:t för en regeluppsättning som tillhandahålls.",
        ),
    },
    "SR912": {
        "fi": (
            "Pyyntö lähetti otsakkeen `If-Match` ja siinä säännöstön sisällön tiivisteen, ja tarjotun "
            "säännöstöversion tiiviste on eri (säännöstöä on muutettu ja se on ladattu uudelleen). "
            "Vastauksia ei pisteytetä, jotta yhdelle versiolle tehtyä lomaketta ei koskaan pisteytetä "
            "toisella. HTTP-vastauksen `ETag` on nyt tarjolla olevan version tiiviste.",
            "hae `GET /v1/rulesets/{id}`, rakenna lomake uudelleen nyt tarjolla olevalle versiolle ja "
            "lähetä sen tiiviste.",
        ),
        "sv": (
            "Begäran skickade `If-Match` med innehållets hash för en regeluppsättning, och den version "
            "av regeluppsättningen som tillhandahålls har en annan hash (den ändrades och laddades "
            "om). Svaren poängsätts inte, så att ett formulär som byggts för en version aldrig "
            "poängsätts av en annan. HTTP-svarets `ETag` är den hash som nu tillhandahålls.",
            "hämta `GET /v1/rulesets/{id}`, bygg om formuläret för den version som nu tillhandahålls "
            "och skicka dess hash.",
        ),
    },
    "SR913": {
        "fi": (
            "Pyynnön runko (tai erän rivi) ei ole yksi UTF-8-muotoinen JSON-dokumentti, tai se antaa "
            "saman avaimen kahdesti.",
            "lähetä yksi JSON-objekti UTF-8-muodossa, ilman loppupilkkuja ja toistuvia avaimia.",
        ),
        "sv": (
            "Begärans innehåll (eller en rad i en batch) är inte ett enda JSON-dokument i UTF-8, eller "
            "så anger det samma nyckel två gånger.",
            "skicka ett JSON-objekt, i UTF-8, utan avslutande kommatecken och upprepade nycklar.",
        ),
    },
    "SR914": {
        "fi": (
            "JSON on kelvollista, mutta ei sitä, mitä päätepiste ottaa: `decide` ja `validate` ottavat "
            "objektin, jossa on `answers` (objekti, joka antaa kunkin kysymyksen tunnukselle sen "
            "vastauksen) ja `decide`-päätepisteelle valinnaisesti `assessed_at` (ISO 8601 -muotoinen "
            "päivämäärä ja kellonaika), `override` ja `reason`; `lang` on fi, sv tai en. Viesti nimeää "
            "avaimen, joka on väärin. Muoto on kuvattu kohdassa `GET /openapi.json`.",
            "anna vastaukset kohdassa `answers`.",
        ),
        "sv": (
            "JSON-koden är giltig, men inte det som slutpunkten tar: `decide` och `validate` tar ett "
            "objekt med `answers` (ett objekt från frågans id till svaret) och, för `decide`, valfritt "
            "`assessed_at` (ett datum och klockslag enligt ISO 8601), `override` och `reason`; `lang` "
            "är fi, sv eller en. Meddelandet nämner nyckeln som är fel. Formen beskrivs i `GET "
            "/openapi.json`.",
            "lägg svaren under `answers`.",
        ),
    },
    "SR915": {
        "fi": (
            "Pyynnön rungon koko on rajoitettu (`--max-body-bytes`, oletus 1 MiB), samoin erän "
            "jokaisen rivin. Yhden arvioinnin vastaukset ovat paljon pienempiä; suurempi runko "
            "hylätään ennen kuin se luetaan.",
            "lähetä yksi arviointi kutakin decide-pyyntöä kohden, ja useita erän riveinä.",
        ),
        "sv": (
            "Begärans innehåll är begränsat (`--max-body-bytes`, 1 MiB som standard), och det är varje "
            "rad i en batch också. Svaren för en bedömning är mycket mindre; ett större innehåll "
            "avvisas innan det läses.",
            "skicka en bedömning per decide-begäran, och många som rader i en batch.",
        ),
    },
    "SR916": {
        "fi": (
            "Pyyntöä ei vastaanotettu tai siihen ei vastattu palvelun aikarajan (`--timeout`, oletus "
            "10 sekuntia) sisällä ensimmäisestä tavusta laskien: pyyntörivi ja otsakkeet tai runko "
            "tulivat liian hitaasti, tai erän rivi ei tullut ajoissa. Vastaanottamatta jääneestä "
            "osasta ei päätetty mitään, ja yhteys suljetaan. Yhteys, joka ei lähetä mitään, suljetaan "
            "saman ajan jälkeen ilman vastausta.",
            "lähetä koko runko kerralla; jaa hyvin suuret erät osiin.",
        ),
        "sv": (
            "Begäran togs inte emot eller besvarades inte inom tjänstens tidsgräns (`--timeout`, 10 "
            "sekunder som standard), räknat från dess första byte: begäransraden och huvudena eller "
            "innehållet kom för långsamt, eller så kom en rad i en batch inte i tid. Inget avgjordes "
            "för den del som inte togs emot, och anslutningen stängs. En anslutning som inte skickar "
            "något alls stängs efter samma tid, utan svar.",
            "skicka hela innehållet på en gång; dela upp mycket stora batcher.",
        ),
    },
    "SR917": {
        "fi": (
            "`decide` ja `validate` ottavat tyypin `application/json`; `batch` ottaa JSON Lines "
            "-muotoa (`application/jsonl` tai `application/x-ndjson`). Pyyntö ilman otsaketta "
            "`Content-Type` luetaan päätepisteen omana tyyppinä; `curl -d` lähettää lomaketyypin, "
            "ellei toisin kerrota.",
            "lähetä JSON sen omalla mediatyypillä.",
        ),
        "sv": (
            "`decide` och `validate` tar `application/json`; `batch` tar JSON Lines "
            "(`application/jsonl` eller `application/x-ndjson`). En begäran utan `Content-Type` läses "
            "som slutpunktens egen typ; `curl -d` skickar en formulärtyp om inget annat anges.",
            "skicka JSON med dess medietyp.",
        ),
    },
    "SR918": {
        "fi": (
            "Polku tai metodi ei ole sellainen, johon palvelu vastaa (404 tai 405). Päätepisteet "
            "luetellaan kohdassa `GET /openapi.json` ja palvelun dokumentaatiossa.",
            "käytä jonkin päätepisteen metodia ja polkua.",
        ),
        "sv": (
            "Sökvägen eller metoden är inte en som tjänsten svarar på (en 404 eller 405). "
            "Slutpunkterna listas i `GET /openapi.json` och i tjänstens dokumentation.",
            "använd metoden och sökvägen för en slutpunkt.",
        ),
    },
    "SR919": {
        "fi": (
            "Yhtään säännöstöä ei ole vielä käytössä: palvelu lataa ja verifioi niitä vielä, tai "
            "mitään niistä ei voitu ottaa käyttöön. `/health/ready` kertoo, kumpi, ja miksi.",
            "odota, kunnes `/health/ready` vastaa `ok` tai `degraded`; korjaa säännöstöt, jotka se "
            "nimeää.",
        ),
        "sv": (
            "Ingen regeluppsättning är i drift ännu: tjänsten håller fortfarande på att ladda och "
            "verifiera dem, eller så kunde ingen av dem tas i drift. `/health/ready` säger vilket, och "
            "varför.",
            "vänta tills `/health/ready` svarar `ok` eller `degraded`; rätta de regeluppsättningar som "
            "den nämner.",
        ),
    },
    "SR920": {
        "fi": (
            "Erässä on enemmän rivejä kuin palvelu ottaa yhdessä pyynnössä (`--max-batch-lines`, "
            "oletus 100 000). Rajaan asti olevat rivit saavat vastauksen; loppua ei lueta.",
            "jaa syöte useaan erään.",
        ),
        "sv": (
            "En batch har fler rader än tjänsten tar i en begäran (`--max-batch-lines`, 100 000 som "
            "standard). Raderna fram till gränsen besvaras; resten läses inte.",
            "dela upp indata i flera batcher.",
        ),
    },
    "SR921": {
        "fi": (
            "Palvelu epäonnistui pyynnön käsittelyssä tavalla, jota se ei odottanut: kyseessä on virhe "
            "segrulesissa. Vastaus kertoo vain tämän (ei tracebackia); palvelu jatkaa toimintaansa. "
            "Ilmoita virheestä ja liitä mukaan pyyntö, joka sen aiheutti.",
            "ilmoita virheestä; lähetä säännöstö ja pyyntö ilman henkilötietoja.",
        ),
        "sv": (
            "Tjänsten misslyckades med en begäran på ett sätt som den inte väntade sig: ett fel i "
            "segrules. Svaret säger bara detta (ingen traceback); tjänsten fortsätter att köra. "
            "Rapportera felet tillsammans med den begäran som orsakade det.",
            "rapportera felet; skicka regeluppsättningen och begäran, utan personuppgifter.",
        ),
    },
    "SR922": {
        "fi": (
            "Palvelu ei voinut lukea pyyntöriviä tai otsakkeita HTTP/1.1:nä: asiakasohjelma lähetti "
            "jotain muuta (TLS-kättelyn salaamattoman HTTP:n porttiin, rivin roskaa, otsakkeen, jossa "
            "on merkkejä, joita HTTP ei salli), tai yli 64 KiB tuli ilman, että otsakkeet päättyivät. "
            "Palvelu vastaa 400 tällä ongelmadokumentilla ja sulkee yhteyden.",
            "lähetä HTTP/1.1-pyyntö salaamattomana http://-osoitteeseen (sijoita TLS palvelun eteen "
            "käänteiseen välityspalvelimeen).",
        ),
        "sv": (
            "Tjänsten kunde inte läsa begäransraden eller huvudena som HTTP/1.1: klienten skickade "
            "något annat (ett TLS-handslag till porten för okrypterad HTTP, en rad skräp, ett huvud "
            "med tecken som HTTP inte tillåter), eller så kom mer än 64 KiB utan att huvudena tog "
            "slut. Tjänsten svarar 400 med det här problemdokumentet och stänger anslutningen.",
            "skicka en HTTP/1.1-begäran med okrypterad http:// (lägg TLS i en omvänd proxy framför "
            "tjänsten).",
        ),
    },
    "SR923": {
        "fi": (
            "Selain kysyi (CORS-esikysely: `OPTIONS`, jossa on `Origin` ja "
            "`Access-Control-Request-Method`), saako toisen alkuperän sivu kutsua palvelua, eikä "
            "alkuperä, metodi tai jokin kysytyistä otsakkeista ole sallittu: palvelu vastaa 400 tällä "
            "ongelmadokumentilla, joka nimeää, mitä ei sallittu, eikä selain lähetä pyyntöä. Vain "
            "valitsimella `--cors-origin` annetut alkuperät ovat sallittuja, metodeilla `GET` ja "
            "`POST` ja otsakkeilla `Authorization`, `Content-Type` ja `If-Match`.",
            "käynnistä palvelu niin, että sivun alkuperä on sallittu.",
        ),
        "sv": (
            "En webbläsare frågade (en CORS-preflight: `OPTIONS` med `Origin` och "
            "`Access-Control-Request-Method`) om en sida från ett annat ursprung får anropa tjänsten, "
            "och ursprunget, metoden eller ett av de efterfrågade huvudena är inte tillåtet: tjänsten "
            "svarar 400 med det här problemdokumentet, som nämner vad som avvisades, och webbläsaren "
            "skickar inte begäran. Bara de ursprung som anges med `--cors-origin` är tillåtna, med "
            "`GET` och `POST` och huvudena `Authorization`, `Content-Type` och `If-Match`.",
            "starta tjänsten så att sidans ursprung är tillåtet.",
        ),
    },
    "SR930": {
        "fi": (
            "Vastaukset annettiin FHIR-muodossa, mutta se, mitä tuli, ei ole "
            "QuestionnaireResponse-resurssi (eikä Bundle tai niiden luettelo), tai sen kohdat (item) "
            "eivät ole FHIR:n mukaisessa muodossa: jokaisen kohdan on oltava objekti, jolla on linkId, "
            "item- ja answer-kohtien on oltava luetteloita, sisäkkäisiä kohtia saa olla enintään 8 "
            "tasoa ja vastauksia enintään 10 kerralla.",
            "lähetä lomakkeen täyttöohjelman tuottama QuestionnaireResponse sellaisenaan.",
        ),
        "sv": (
            "Svaren gavs som FHIR, men det som kom är inte ett QuestionnaireResponse (eller ett Bundle "
            "eller en lista med sådana), eller så har dess poster (item) inte den form som FHIR anger: "
            "varje post ett objekt med ett linkId, item och answer som listor, högst 8 nivåer nästlade "
            "poster och högst 10 svar åt gången.",
            "skicka det QuestionnaireResponse som formulärverktyget gav, som det är.",
        ),
    },
    "SR931": {
        "fi": (
            "Vastauksen questionnaire-kohta nimeää Questionnaire-lomakkeen, joka ei ole tämän "
            "säännöstön lomake, tai sen toisen version. Mallin yhdelle versiolle tehtyä lomaketta ei "
            "koskaan pisteytetä toisella: kysymykset, vastausvaihtoehdot ja ehdot voivat erota.",
            "täytä säännöstön nykyisen version Questionnaire-lomake (`segrules fhir questionnaire "
            "SÄÄNNÖSTÖ`), tai tee päätös sillä versiolla, josta lomake tehtiin.",
        ),
        "sv": (
            "Svarets questionnaire nämner ett Questionnaire som inte är ett av den här "
            "regeluppsättningens, eller en annan version av det. Ett formulär som byggts för en "
            "version av en modell poängsätts aldrig av en annan: frågorna, svarsalternativen och "
            "villkoren kan skilja sig.",
            "fyll i Questionnaire för regeluppsättningens nuvarande version (`segrules fhir "
            "questionnaire REGELUPPSÄTTNING`), eller fatta beslutet med den version som formuläret "
            "byggdes från.",
        ),
    },
    "SR932": {
        "fi": (
            "Vastauksessa on kohta, jonka linkId ei ole sen Questionnaire-lomakkeen kysymys, johon se "
            "vastaa: väärin kirjoitettu tai poistettu kysymys, toisen vastaajan lomakkeen kysymys tai "
            "vastaus ryhmään tai ohjetekstiin.",
            "käytä lomakkeen linkId-tunnisteita; viesti ehdottaa lähintä.",
        ),
        "sv": (
            "Svaret har en post vars linkId inte är en fråga i det Questionnaire som det besvarar: en "
            "felstavad eller borttagen fråga, en fråga i den andra svarandens Questionnaire, eller ett "
            "svar på en grupp eller en hjälptext.",
            "använd formulärets linkId; meddelandet föreslår det närmaste.",
        ),
    },
    "SR933": {
        "fi": (
            "Kohta esiintyy samassa vastauksessa kahdesti, tai sillä on useita vastauksia. Jokaiseen "
            "segrules-kysymykseen annetaan täsmälleen yksi vastaus.",
            "jätä yksi vastaus kysymystä kohden.",
        ),
        "sv": (
            "Posten förekommer två gånger i ett svar, eller har flera svar. Varje fråga i segrules tar "
            "exakt ett svar.",
            "behåll ett svar per fråga.",
        ),
    },
    "SR934": {
        "fi": (
            "Vastauksen value[x] ei ole Questionnaire-lomakkeen kohdan tyyppiä: asteikko- ja "
            "valintakohtiin vastataan valueCoding-arvolla, kokonaislukukohtiin valueInteger-arvolla ja "
            "kyllä/ei-kohtiin valueBoolean-arvolla; kokonaislukukysymys, jonka arvoalue ylittää FHIR:n "
            "32-bittisen kokonaisluvun, on desimaalikohta, johon vastataan kokonaisella "
            "valueDecimal-arvolla (3000000000). Vastauksessa on täsmälleen yksi value[x].",
            "anna se value[x], jonka kohdan tyyppi nimeää.",
        ),
        "sv": (
            "Svarets value[x] är inte av postens typ i Questionnaire: skal- och valposter tar "
            "valueCoding, heltalsposter valueInteger, ja/nej-poster valueBoolean; en heltalsfråga vars "
            "intervall går utanför FHIR:s 32-bitars heltal är en decimalpost, som besvaras med ett "
            "helt valueDecimal (3000000000). Ett svar har exakt ett value[x].",
            "ange det value[x] som postens typ anger.",
        ),
    },
    "SR935": {
        "fi": (
            "Vastauksen koodi ei ole kohdan vastausvaihtoehtojen koodistosta (asteikon koodit ovat sen "
            "arvot kirjoitettuina kuten kokonaisluvut, luettelotyypin koodit ovat sen arvojen koodit), "
            "tai asteikon koodi ei ole asteikon arvo siinä muodossa, jossa koodisto sen kirjoittaa "
            "(\"4\", ei \"04\" eikä \"+4\").",
            "vastaa jollakin kohdan answerOption-koodeista, koodisto (system) mukaan lukien.",
        ),
        "sv": (
            "Svarets kodning kommer inte från kodsystemet för postens svarsalternativ (en skalas koder "
            "är dess värden, skrivna som heltal skrivs, en enums koder är dess värdekoder), eller så "
            "är en skalkod inte ett av skalans värden så som dess kodsystem skriver dem (\"4\", inte "
            "\"04\" eller \"+4\").",
            "svara med en av postens answerOption-kodningar, inklusive system.",
        ),
    },
    "SR936": {
        "fi": (
            "Kysymykseen on vastattu useammassa kuin yhdessä vastauksessa (vastaajan lomakkeessa ovat "
            "vain luettavina ne toisen osapuolen vastaukset, joista sen kysymykset riippuvat), ja "
            "vastaukset eroavat toisistaan.",
            "täytä vain luettava kopio toisen vastaajan vastauksesta muuttamattomana.",
        ),
        "sv": (
            "En fråga som besvaras i mer än ett svar (en svarandes formulär bär, skrivskyddade, de "
            "svar från den andra parten som dess frågor beror på) har olika svar i dem.",
            "fyll i den skrivskyddade kopian från den andra svarandens svar, utan ändringar.",
        ),
    },
    "SR937": {
        "fi": (
            "Yhdessä pisteytettävät vastaukset nimeävät eri kohdehenkilöt (subject). Yksi arviointi "
            "yhdistää vain yhtä asiakasta koskevat vastaukset.",
            "lähetä yhden asiakkaan vastaukset yhdessä.",
        ),
        "sv": (
            "Svaren som poängsätts tillsammans nämner olika subjekt. En bedömning kombinerar bara "
            "svaren om en enda kund.",
            "skicka svaren för en kund tillsammans.",
        ),
    },
    "SR938": {
        "fi": (
            "Päätös tehdään vain vastauksista, joiden tila (status) on completed tai amended: vastaus, "
            "jonka tila on in-progress, stopped tai entered-in-error, ei sisällä vastaajan lopullisia "
            "vastauksia.",
            "täytä lomake ensin loppuun.",
        ),
        "sv": (
            "Bara svar med status completed eller amended avgörs: ett svar med status in-progress, "
            "stopped eller entered-in-error bär inte den svarandes slutliga svar.",
            "slutför formuläret först.",
        ),
    },
    "SR939": {
        "fi": (
            "Questionnaire-lomake tehdään asiakkaalle, ammattilaiselle (joka näkee myös "
            "potilastiedoista tulevat kysymykset) tai molemmille (vastaajaa ei anneta). "
            "Potilastiedoista tulevilla kysymyksillä ei ole omaa lomaketta.",
            "anna client tai professional, tai jätä vastaaja pois.",
        ),
        "sv": (
            "Ett Questionnaire görs för kunden, för yrkespersonen (som också ser frågorna från "
            "journalen) eller för båda (ingen svarande anges). Frågorna från journalen har inget eget "
            "Questionnaire.",
            "ange client eller professional, eller utelämna den svarande.",
        ),
    },
    "SR940": {
        "fi": (
            "asked_when-ehdosta tulisi yli 20 000 merkin FHIRPath-lauseke (laskettujen arvojen min ja "
            "max kasvavat nopeasti), liian suuri annettavaksi lomakkeen täyttöohjelmalle.",
            "kirjoita ehto itse kysymyksistä, esimerkiksi `and`- ja `or`-operaattorein.",
        ),
        "sv": (
            "Ett asked_when-villkor skulle ge ett FHIRPath-uttryck på mer än 20 000 tecken (min och "
            "max över beräknade värden växer snabbt), för stort för att lämnas till ett "
            "formulärverktyg.",
            "skriv villkoret över själva frågorna, till exempel med `and` och `or`.",
        ),
    },
    "SR941": {
        "fi": (
            "CarePlan-resurssin on nimettävä kohdehenkilönsä (subject), eivätkä "
            "QuestionnaireResponse-resurssit antaneet sitä, joten asiakkuuspolkua ei voi kirjoittaa "
            "CarePlan-resurssiksi.",
            "anna vastauksille kohdehenkilö (subject, viittaus Patient-resurssiin), tai jätä CarePlan "
            "pois.",
        ),
        "sv": (
            "En CarePlan måste ange sitt subjekt, och QuestionnaireResponse-resurserna angav inget, så "
            "kundstigen kan inte skrivas som en CarePlan.",
            "ge svaren ett subjekt (en referens till en Patient), eller utelämna CarePlan.",
        ),
    },
    "SR942": {
        "fi": (
            "Resurssien tarkistaminen FHIR R4 -mallien mukaan käyttää fhir.resources-pakettia, joka on "
            "segrulesin valinnainen lisäosa.",
            "asenna lisäosa.",
        ),
        "sv": (
            "Att kontrollera resurser mot FHIR R4-modellerna använder paketet fhir.resources, som är "
            "ett valfritt tillägg till segrules.",
            "installera tillägget.",
        ),
    },
    "SR943": {
        "fi": (
            "Resurssi ei ole tyyppinsä FHIR R4 (R4B) -mallin mukainen; viesti nimeää virheelliset "
            "elementit.",
            "korjaa viestin nimeämät elementit.",
        ),
        "sv": (
            "Resursen validerar inte mot FHIR R4-modellen (R4B) för sin typ; meddelandet nämner de "
            "felaktiga elementen.",
            "rätta de element som meddelandet nämner.",
        ),
    },
    "SR950": {
        "fi": (
            "`segrules workbench` vastaa vain pyyntöihin, joissa on sen käynnistyessään tulostama "
            "satunnainen tunniste (osoitteessa `?token=...`). Tunniste vaihtuu joka "
            "käynnistyksellä, joten aiemman käynnistyksen osoite tai ilman tunnistetta kirjoitettu "
            "osoite hylätään. Tiedostosta ei näytetä mitään muuta.",
            "avaa koko osoite, jonka komento tulosti, tunniste mukaan lukien.",
        ),
        "sv": (
            "`segrules workbench` svarar bara på begäranden som bär den slumpmässiga token den "
            "skrev ut när den startade (i adressen, `?token=...`). Token byts vid varje start, så "
            "en adress från en tidigare körning, eller en som skrivits in utan token, avvisas. "
            "Inget annat om filen visas.",
            "öppna hela adressen som kommandot skrev ut, inklusive token.",
        ),
    },
    "SR951": {
        "fi": (
            "Työpöytä tallentaa vain avaamansa version päälle: joku (toinen editori, `git pull`, "
            "työtoveri) muutti säännöstötiedostoa levyllä välillä, ja tallentaminen olisi "
            "hävittänyt hänen muutoksensa. Mitään ei tallennettu; levyllä oleva tiedosto on "
            "sellaisena kuin hän sen jätti.",
            "kopioi muutoksesi talteen, avaa levyllä oleva versio työpöydälle (sen painike tekee "
            "tämän) ja tee muutoksesi uudelleen sen päälle.",
        ),
        "sv": (
            "Arbetsbänken sparar bara över den version den öppnade: någon (en annan redigerare, en "
            "`git pull`, en kollega) ändrade regelfilen på disken under tiden, och att spara skulle "
            "ha kastat bort deras ändringar. Inget sparades; filen på disken är som de lämnade den.",
            "kopiera dina ändringar åt sidan, öppna versionen på disken i arbetsbänken (dess knapp "
            "gör det) och gör dina ändringar på nytt ovanpå den.",
        ),
    },
    "SR952": {
        "fi": (
            "Vastauksia kokeillaan säännöstöön sellaisena kuin se on editorissa, ja siinä "
            "tekstissä on virheitä, joten päätökseen ei ole säännöstöä. Ongelmat luetellaan "
            "editorin vieressä.",
            "korjaa editorin näyttämät ongelmat; lomake toimii taas heti, kun säännöstö latautuu.",
        ),
        "sv": (
            "Svar prövas mot regeluppsättningen så som den är i redigeraren, och den texten har "
            "fel, så det finns ingen regeluppsättning att fatta beslut med. Problemen listas "
            "bredvid redigeraren.",
            "rätta problemen som redigeraren visar; formuläret fungerar igen så snart "
            "regeluppsättningen laddas.",
        ),
    },
}

#: The words inside the English examples that a reader reads, in fi and sv: (English, fi, sv).
EXAMPLE_WORDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "SR010": (("Note: the thresholds are illustrative.", "Huom: kynnysarvot ovat esimerkkejä.",
               "Obs: tröskelvärdena är exempel."),),
    "SR140": (("every municipality of Finland, 300 values", "Suomen kaikki kunnat, 300 arvoa",
               "alla Finlands kommuner, 300 värden"),),
    "SR230": (("copes well, simple situation", "pärjää hyvin, yksinkertainen tilanne", "klarar sig bra, enkel situation"),),
    "SR231": (("copes well, simple situation", "pärjää hyvin, yksinkertainen tilanne", "klarar sig bra, enkel situation"),),
    "SR608": (("copes well, simple situation", "pärjää hyvin, yksinkertainen tilanne", "klarar sig bra, enkel situation"),),
    "SR404": (('but with battery = "social" neither is asked', 'mutta kun battery = "social", kumpaakaan ei kysytä',
               'men med battery = "social" ställs ingendera'),),
    "SR604": (("the scale starts at 1: never true", "asteikko alkaa 1:stä: ei koskaan totta",
               "skalan börjar på 1: aldrig sant"),),
    "SR620": (("in an environment without z3", "ympäristössä, jossa ei ole z3:a", "i en miljö utan z3"),),
    "SR640": (("old.yaml: an input `age` with a number range; new.yaml: `age` with choices",
               "old.yaml: kysymys `age` lukuvälinä; new.yaml: `age` vaihtoehtoina",
               "old.yaml: en fråga `age` med ett talintervall; new.yaml: `age` med alternativ"),),
    "SR705": (("low resources, HIGH complexity", "matalat voimavarat, KORKEA kompleksisuus",
               "låga resurser, HÖG komplexitet"),),
    "SR706": (("keski_suomi.segmentation is missing", "keski_suomi.segmentation puuttuu",
               "keski_suomi.segmentation saknas"),),
    "SR951": (("the file is opened in the workbench, edited in another editor and saved there, then saved in the "
               "workbench",
               "tiedosto avataan työpöydälle, sitä muokataan toisessa editorissa ja tallennetaan siellä, ja sitten "
               "se tallennetaan työpöydällä",
               "filen öppnas i arbetsbänken, redigeras i en annan redigerare och sparas där, och sparas sedan i "
               "arbetsbänken"),),
    "SR502": (
        ("client asked for a named coordinator",
         "asiakas pyysi nimettyä koordinaattoria",
         "kunden bad om en namngiven koordinator"),
    ),
    "SR551": (
        ('"confirmed"', '"vahvistettu"', '"bekräftat"'),
        ("(when the rules suggest yhteistyo)",
         "(kun säännöt ehdottavat yhteistyo)",
         "(när reglerna föreslår yhteistyo)"),
    ),
    "SR556": (
        ('"reason"', '"perustelu"', '"motivering"'),
    ),
    "SR800": (
        ("over wide integer ranges", "laajoilla kokonaislukuväleillä", "över breda heltalsintervall"),
    ),
    "SR902": (
        ("copes well", "pärjää hyvin", "klarar sig bra"),
        ("the rules give omatoimi", "säännöt antavat omatoimi", "reglerna ger omatoimi"),
    ),
    "SR903": (
        ("resources = 3 matches both", "resources = 3 täyttää molemmat", "resources = 3 uppfyller båda"),
    ),
    "SR907": (
        ("while the reload worker is killed, or memory runs out",
         "kun uudelleenlatauksen työprosessi tapetaan tai muisti loppuu",
         "medan omladdningsprocessen dödas, eller minnet tar slut"),
    ),
    "SR912": (
        ("(the hash of last month's version)",
         "(viime kuun version tiiviste)",
         "(hashen för förra månadens version)"),
        ("(the content_hash from GET /v1/rulesets/{id})",
         "(content_hash vastauksesta GET /v1/rulesets/{id})",
         "(content_hash från GET /v1/rulesets/{id})"),
    ),
    "SR915": (
        ("(a body of 50 MB)", "(runko, jonka koko on 50 MB)", "(ett innehåll på 50 MB)"),
        ("(one answer set per line)", "(yksi vastausjoukko riviä kohden)", "(en svarsuppsättning per rad)"),
    ),
    "SR916": (
        ("a client that opens a request and sends its body a byte a second",
         "asiakasohjelma, joka avaa pyynnön ja lähettää sen rungon tavu sekunnissa",
         "en klient som öppnar en begäran och skickar dess innehåll en byte i sekunden"),
    ),
    "SR917": (
        ("(form-encoded)", "(lomakekoodattu)", "(formulärkodat)"),
    ),
    "SR919": (
        ("(right after start, before loading ended)",
         "(heti käynnistyksen jälkeen, ennen kuin lataus päättyi)",
         "(direkt efter start, innan laddningen var klar)"),
    ),
    "SR920": (
        ("one batch request with 10 million lines",
         "yksi eräpyyntö, jossa on 10 miljoonaa riviä",
         "en batchbegäran med 10 miljoner rader"),
        ("then one request per part", "sitten yksi pyyntö osaa kohden", "sedan en begäran per del"),
    ),
    "SR921": (
        ("(no example: this is a bug)",
         "(ei esimerkkiä: tämä on ohjelmavirhe)",
         "(inget exempel: det här är ett programfel)"),
    ),
    "SR923": (
        ("(a page on https://eservice.example calls it from the browser)",
         "(sivu osoitteessa https://eservice.example kutsuu sitä selaimesta)",
         "(en sida på https://eservice.example anropar den från webbläsaren)"),
    ),
    "SR931": (
        ("(the ruleset is 1.0.0)", "(säännöstö on 1.0.0)", "(regeluppsättningen är 1.0.0)"),
    ),
    "SR936": (
        ("professional's response:", "ammattilaisen vastaus:", "yrkespersonens svar:"),
        ("client's response:", "asiakkaan vastaus:", "kundens svar:"),
        ("both responses:", "molemmat vastaukset:", "båda svaren:"),
    ),
    "SR937": (
        ("client's response:", "asiakkaan vastaus:", "kundens svar:"),
        ("professional's:", "ammattilaisen:", "yrkespersonens:"),
        ("both responses:", "molemmat vastaukset:", "båda svaren:"),
    ),
    "SR941": (
        ("(the response has no subject)", "(vastauksella ei ole kohdehenkilöä)", "(svaret har inget subjekt)"),
    ),
    "SR942": (
        ("(fhir.resources not installed)",
         "(fhir.resources-kirjastoa ei ole asennettu)",
         "(fhir.resources är inte installerat)"),
    ),
}

#: The code ranges a model owner meets (reading and checking a ruleset, the answers,
#: evaluation, verification, crosswalks and quadrant diagrams, the workbench): (first code,
#: last code). The other codes are met only by developers and operators (SR5xx, SR8xx, and
#: the service and FHIR in SR9xx). Every code, of either kind, has its long explanation in fi
#: and sv.
MODEL_OWNER_RANGES: tuple[tuple[int, int], ...] = ((0, 499), (600, 799), (950, 959))

_HEADINGS = {
    "fi": ("Esimerkiksi:", "Näin korjaat:", "Korjattuna:"),
    "sv": ("Till exempel:", "Så här rättar du:", "Rättat:"),
}


def for_model_owners(code: str) -> bool:
    """Whether ``code`` is one a model owner meets (``MODEL_OWNER_RANGES``) rather than one only
    developers and operators meet; both kinds have their long explanation in fi and sv."""
    number = int(code[2:])
    return any(first <= number <= last for first, last in MODEL_OWNER_RANGES)


def _english_examples(code: str) -> tuple[str | None, str | None]:
    """The example and the corrected example of the English explanation, as shown (indented)."""
    from .codes import CODES

    blocks: dict[str, list[str]] = {"For example:": [], "Corrected:": []}
    current = None
    for paragraph in CODES[code].explanation.split("\n\n"):
        if paragraph in blocks:
            current = blocks[paragraph]
        elif current is not None and paragraph.startswith("    "):
            current.append(paragraph)
        else:
            current = None
    return tuple("\n\n".join(b) or None for b in blocks.values())  # type: ignore[return-value]


@functools.cache
def explanation(code: str, lang: str) -> str | None:
    """The long explanation of ``code`` in fi or sv, or None for a code that has none (not a code):
    what it means, an example, how to fix it and the corrected example, as in English."""
    from .codes import _prose

    entry = EXPLANATIONS.get(code, {}).get(check_lang(lang))
    if entry is None:
        return None
    meaning, fix = entry
    example, corrected = _english_examples(code)
    for en, fi, sv in EXAMPLE_WORDS.get(code, ()):
        translated = fi if lang == "fi" else sv
        example = example and example.replace(en, translated)
        corrected = corrected and corrected.replace(en, translated)
    for_example, how, corrected_heading = _HEADINGS[lang]
    parts = [_prose(meaning)]
    if example:
        parts += [for_example, example]
    parts.append(_prose(f"{how} {fix}"))
    if corrected:
        parts += [corrected_heading, corrected]
    return "\n\n".join(parts)


def explain(code: str, lang: str) -> str:
    """``segrules explain CODE`` in ``lang``: the title and the long explanation, both in the
    language (every code has its explanation in fi and sv; a code added without one would be
    shown whole in English, never half in one language, half in another)."""
    from .codes import explain as explain_en

    text = explain_en(code)  # the code as given (SR210, sr210, 210); SR514 when unknown
    if check_lang(lang) == "en":
        return text
    key = text.partition(":")[0]
    body = explanation(key, lang)
    if body is None:
        return text
    return f"{key}: {title(key, lang)}\n\n{body}"
