#!/usr/bin/env python3
"""Generates profiles/middelgrote-gemeente-portfolio.csv: a sample application portfolio of
about 300 applications for the mid-sized demo municipality.

Reference component names are real GEMMA names (GEMMA Online, checked 2026-11-30; two are the
older GEMMA 1 names that old exports still carry and that the shipped mapping does not know, so
the sample shows how unknown components are listed). Package and supplier names are fictional.
Contract dates, notice periods and costs are plausible, not real; the yearly costs add up to
about the demo profile's software line (EUR 1.68 million), so `software = "portfolio"` gives a
nulmeting of the same size. The tax applications run at the profile's regional tax
collaboration (column Samenwerking). The output is reproducible:
a fixed seed, no clock. Run: python3 tools/gen_portfolio.py > profiles/middelgrote-gemeente-portfolio.csv
"""
import random
import sys

rng = random.Random(16)

SUPPLIERS = [
    "Polderware BV", "Dijkstra Software", "Lindeboom ICT", "Noordkaap Systems", "Veenhof Digitaal",
    "Kade Solutions", "Molenaar Software", "Waterkant IT", "Duinland Data", "Rivierkader BV",
    "Groenstrook Software", "Klaproos Informatica", "Brugwachter Systemen", "Heidelicht BV",
]
US_SUPPLIERS = ["Cloudspan Inc.", "Northwind Apps Inc."]

# (component(s), owner, how many packages, name stems, flags)
FAMILIES = [
    (["GBA-administratiecomponent"], "Publiekszaken", 3, ["BRPlus", "Persona", "Inwonerbasis"], {"bsn": True}),
    (["Burgerzakencomponent"], "Publiekszaken", 5, ["Aktewerk", "Burgerwijs", "Standregister"], {"bsn": True}),
    (["Baliecomponent", "Afsprakenbeheercomponent"], "Publiekszaken", 6, ["Baliegemak", "Loketlijn", "Afspraakt"], {"digid": 0.5}),
    (["Afsprakenbeheercomponent"], "Publiekszaken", 6, ["Tijdvak", "Afspraakklok"], {"digid": 0.3}),
    (["Gevonden en verloren voorwerpencomponent"], "Publiekszaken", 2, ["Vondstbeheer"], {}),
    (["Belastingencomponent"], "Belastingen", 12, ["Heffingsdesk", "Taxanet", "Aanslagpunt", "Invorder"], {"bsn": True, "digid": 0.4}),
    (["Budgetadvies- en schuldhulpverleningcomponent"], "Sociaal Domein", 10, ["Schuldwijzer", "Budgetkompas", "Hulplijn"], {"bsn": True, "special": 0.6}),
    (["Generieke Zaakafhandelcomponent"], "Informatievoorziening", 14, ["Zaakwijs", "Flowdossier", "Zaakstroom"], {"bsn": 0.5}),
    (["Zaakregistratiecomponent", "Zaaktypecataloguscomponent"], "Informatievoorziening", 6, ["Zaakbron", "Typotheek"], {}),
    (["Documentregistratiecomponent", "Documentbeheercomponent"], "Informatievoorziening", 16, ["Dossierkast", "Docuvault", "Archiefsleutel"], {"bsn": 0.3}),
    (["Scanning- en imagingcomponent"], "Informatievoorziening", 6, ["Scanstraat", "Postkamer"], {}),
    (["Archiefbeheercomponent", "Archiefregistratiecomponent"], "Informatievoorziening", 8, ["Edepot", "Bewaarwijzer"], {}),
    (["Archiefportaalcomponent"], "Informatievoorziening", 3, ["Archiefvenster"], {}),
    (["Servicebuscomponent", "Notificatierouteringcomponent"], "Informatievoorziening", 8, ["Koppelhuis", "Berichtenbus", "Seintje"], {}),
    (["Mijngemeentecomponent"], "Publiekszaken", 5, ["MijnPlein", "Inwonerportaal"], {"digid": 1.0, "bsn": True}),
    (["Callcentercomponent"], "Publiekszaken", 6, ["Belcentrale", "KCC-lijn"], {}),
    (["Meldingen openbare ruimtecomponent"], "Openbare Ruimte", 14, ["Meldpunt", "Straatbeeld", "Fiksit"], {}),
    (["Meldingen openbare ruimtecomponent"], "Veiligheid", 6, ["Handhaafwijzer", "BOA-boek"], {"wpg": True}),
    (["Afvalbeheercomponent"], "Openbare Ruimte", 10, ["Containerkaart", "Afvalroute", "Pasjesbeheer"], {}),
    (["Accommodatiebeheercomponent"], "Bedrijfsvoering", 10, ["Zaalverhuur", "Sporthal Online"], {}),
    (["Aanwezigheid- en toegangscontrolecomponent"], "Bedrijfsvoering", 8, ["Toegangspas", "Deurwachter"], {}),
    (["Bedrijven- en instellingen-registratiecomponent"], "Ruimte", 6, ["Bedrijvenregister", "Vestigingsbeeld"], {}),
    (["BAG-administratie"], "Ruimte", 8, ["Adresbron", "Pandkaart"], {}),
    (["Begraafplaatsenadministratie"], "Openbare Ruimte", 4, ["Grafregister"], {"bsn": True}),
]
# Applications without reference components: the municipality's own class in the file.
OWN = [
    ("Bedrijfsvoering", "intern", ["Planbord", "Roosterwerk", "Voorraadlijst", "Wagenpark", "Inkoopmap", "Contractkluis", "Vergaderzaal", "Sleutelbeheer"], 55),
    ("Ruimte", "openbaar", ["Kaartviewer", "Omgevingsplan Online", "Projectenkaart", "Open Data Portaal"], 20),
    ("Sociaal Domein", "bijzondere persoonsgegevens", ["Wmo-dossier", "Jeugdlijn", "Participatiewijzer", "Inkomensdesk"], 24),
    ("Bedrijfsvoering", "persoonsgegevens", ["Salarisdesk", "Verlofplanner", "Opleidingsportaal", "Declaratie-app"], 16),
]
SUFFIXES = ["", " Pro", " Online", " Connect", " Plus", " Suite", " Web", " Direct", " Flow", " Go"]
YESNO = {True: "ja", False: "nee"}


def flag(spec, key):
    v = spec.get(key, False)
    if isinstance(v, bool):
        return v
    return rng.random() < v


def contract_end():
    year = rng.choice([2026, 2027, 2027, 2028, 2028, 2029, 2029, 2030, 2031])
    month = rng.randint(1, 12)
    if year == 2026:
        month = rng.randint(12, 12)
    day = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(month, 31)
    if rng.random() < 0.25:
        day = 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def cost(low, high):
    # Log-uniform between low and high, in cents; Dutch style with a decimal comma.
    import math
    x = math.exp(rng.uniform(math.log(low), math.log(high)))
    return f"{x:.2f}".replace(".", ",")


def hosting_row():
    r = rng.random()
    if r < 0.52:
        return "on-premises", "NL", "NL", rng.random() < 0.35
    if r < 0.80:
        loc = rng.choice(["NL", "NL", "EU"])
        return "SaaS", loc, loc if loc == "NL" else "EU", True
    return "hosted", "NL", "NL", rng.random() < 0.5


HEADER = [
    "Pakket", "Leverancier", "Pakketversie", "Referentiecomponenten", "Gegevensklasse",
    "Beschikbaarheid", "Integriteit", "Vertrouwelijkheid", "BSN", "Bijzondere persoonsgegevens",
    "Wpg", "DigiD", "Hostingvorm", "Hostinglocatie", "Jurisdictie", "SaaS beschikbaar",
    "Einddatum contract", "Opzegtermijn (maanden)", "Kosten per jaar", "Eigenaar",
    "Samenwerking",
]


def quote(cell):
    if any(c in cell for c in ';"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


rows = []
used = set()


def name(stems):
    for _ in range(100):
        n = rng.choice(stems) + rng.choice(SUFFIXES)
        if n not in used:
            used.add(n)
            return n
    n = f"{rng.choice(stems)} {len(used)}"
    used.add(n)
    return n


for comps, owner, count, stems, spec in FAMILIES:
    for _ in range(count):
        hosting, loc, jur, saas = hosting_row()
        collaboration = ""
        if owner == "Belastingen":
            # Taxes and WOZ run at the regional tax collaboration of the demo profile.
            hosting, loc, jur, collaboration = "hosted", "NL", "NL", "Regionale belastingsamenwerking"
        supplier = rng.choice(SUPPLIERS)
        rows.append([
            name(stems), supplier, f"{rng.randint(1, 12)}.{rng.randint(0, 9)}",
            ", ".join(comps), "", "", "", "",
            YESNO[flag(spec, "bsn")], YESNO[flag(spec, "special")], YESNO[flag(spec, "wpg")],
            YESNO[flag(spec, "digid")], hosting, loc, jur, YESNO[saas],
            "" if rng.random() < 0.04 else contract_end(),
            str(rng.choice([1, 2, 3, 3, 3, 6, 6, 12])), cost(400, 30000), owner, collaboration,
        ])

for owner, klass, stems, count in OWN:
    for _ in range(count):
        hosting, loc, jur, saas = hosting_row()
        supplier = rng.choice(SUPPLIERS)
        levels = ["laag", "midden", "hoog"]
        rows.append([
            name(stems), supplier, f"{rng.randint(1, 9)}.{rng.randint(0, 20)}", "", klass,
            rng.choice(levels), rng.choice(levels), rng.choice(levels),
            YESNO[klass in ("persoonsgegevens", "bijzondere persoonsgegevens")],
            YESNO[klass == "bijzondere persoonsgegevens"], "nee", "nee", hosting, loc, jur,
            YESNO[saas], "" if rng.random() < 0.04 else contract_end(),
            str(rng.choice([1, 3, 3, 6, 12])), cost(150, 10000), owner, "",
        ])

# Office and collaboration tools from US vendors: SaaS, hosted in the EU, US jurisdiction.
for pkg, owner, klass in [
    ("Kantoorpakket Online", "Informatievoorziening", "persoonsgegevens"),
    ("Videovergaderen", "Informatievoorziening", "persoonsgegevens"),
    ("Enquêtetool", "Bedrijfsvoering", "persoonsgegevens"),
    ("Projectbord", "Bedrijfsvoering", "intern"),
    ("Wijkteam Chat", "Sociaal Domein", "bijzondere persoonsgegevens"),
]:
    rows.append([
        pkg, rng.choice(US_SUPPLIERS), "2026", "", klass, "midden", "midden", "midden",
        YESNO[klass != "intern"], YESNO[klass == "bijzondere persoonsgegevens"], "nee", "nee",
        "SaaS", "EU", "US", "ja", contract_end(), "1", cost(1500, 15000), owner, "",
    ])

# Two rows with a line break in a quoted cell (as a Softwarecatalogus export may have).
rows[7][3] = rows[7][3].replace(", ", ",\n")
rows[40][3] = rows[40][3].replace(", ", ",\n")

rng.shuffle(rows)
out = sys.stdout
out.write(";".join(HEADER) + "\r\n")
for r in rows:
    out.write(";".join(quote(c) for c in r) + "\r\n")
