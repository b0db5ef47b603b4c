"""Word lists and sentence templates for the fictional demo initiatives (Dutch, as entered by
initiatives themselves). Kept apart from ``demo.py`` so the generator reads as logic."""

from __future__ import annotations

# Name parts. Combined with a place they make names like "Ouderinitiatief De Linde".
NAME_CORES = [
    "De Linde",
    "De Eik",
    "'t Hofje",
    "De Zonnebloem",
    "Het Anker",
    "De Regenboog",
    "De Brug",
    "Het Kompas",
    "De Vlinder",
    "De Boomgaard",
    "De Wilg",
    "Het Erf",
    "De Horizon",
    "Het Vogelnest",
    "De Kastanje",
    "De Meander",
    "Het Baken",
    "De Zonnehoek",
    "De Klaproos",
    "De Hazelaar",
    "Het Palet",
    "Samen Thuis",
    "De Korenbloem",
    "De Waterlelie",
    "Het Vlot",
    "De Vuurtoren",
    "De Notenboom",
    "Het Klaverblad",
    "De Berk",
    "De Esdoorn",
    "De Duizendpoot",
    "Het Zonnehuis",
    "De Lindehof",
    "Het Wilgenhof",
    "De Ster",
    "De Zwaluw",
    "Het Lichtpunt",
    "De Heide",
    "De Wending",
    "De Kern",
    "Thuishaven",
    "Op Eigen Wijze",
    "Buitenzorg",
    "Middenin",
    "De Parel",
    "De Molen",
    "Het Gouden Hart",
    "De Fluitekruid",
    "De Spreeuw",
    "Het Rietveld",
]

FARM_CORES = [
    "De Hoeve",
    "De Veldhoeve",
    "De Groene Weide",
    "Het Boerenerf",
    "De Klompenhoeve",
    "De Eikenhorst",
    "Het Melkhuis",
    "De Appelgaard",
    "De Hooiberg",
    "De Schapenweide",
    "Het Geitenpad",
    "De Kruidentuin",
]

NAME_PREFIXES = {
    "relatives_residents": [
        "Ouderinitiatief",
        "Wooninitiatief",
        "Stichting Wooninitiatief",
        "Woongroep",
        "Ouderinitiatief",
        "Bewonersinitiatief",
    ],
    "care_entrepreneur": [
        "Zorgvilla",
        "Woonzorghuis",
        "Kleinschalig Wonen",
        "Huize",
        "Zorghuis",
        "Wooninitiatief",
    ],
    "care_institution": [
        "Woonlocatie",
        "Kleinschalig Wonen",
        "Woongroep",
        "Paviljoen",
        "Woonhuis",
    ],
}

FARM_PREFIXES = ["Zorgboerderij", "Zorgboerderij", "Woonboerderij"]

STREETS = [
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Schoolstraat",
    "Stationsweg",
    "Julianastraat",
    "Beatrixlaan",
    "Wilhelminastraat",
    "Eikenlaan",
    "Beukenlaan",
    "Lindelaan",
    "Kastanjelaan",
    "Berkenlaan",
    "Esdoornstraat",
    "Populierenweg",
    "Hoofdstraat",
    "Brink",
    "Nieuwstraat",
    "Emmastraat",
    "Oranjestraat",
    "Parallelweg",
    "Heideweg",
    "Boslaan",
    "Rozenstraat",
    "Tulpstraat",
    "Merelstraat",
    "Lijsterlaan",
    "Spoorstraat",
    "Havenstraat",
    "Prins Bernhardlaan",
    "Van Goghstraat",
    "Rembrandtlaan",
    "Burgemeester de Vriesstraat",
    "Meidoornlaan",
    "Zonnebloemstraat",
    "Vogelzang",
    "Ambachtstraat",
    "Marktstraat",
    "Torenstraat",
    "Gasthuisstraat",
]

RURAL_STREETS = [
    "Zandweg",
    "Akkerweg",
    "Dijkweg",
    "Polderweg",
    "Veldweg",
    "Oude Rijksweg",
    "Weidelaan",
    "Klaverweg",
    "Esweg",
    "Hessenweg",
    "Buitenweg",
    "Landweg",
]

# Towns across the country with their phone area code and the first two digits of their
# postcodes; a demo initiative gets those of the nearest of these towns.
TOWNS = {
    "Amsterdam": ("020", 10),
    "Rotterdam": ("010", 30),
    "Den Haag": ("070", 25),
    "Utrecht": ("030", 35),
    "Groningen": ("050", 97),
    "Eindhoven": ("040", 56),
    "Tilburg": ("013", 50),
    "Breda": ("076", 48),
    "'s-Hertogenbosch": ("073", 52),
    "Nijmegen": ("024", 65),
    "Arnhem": ("026", 68),
    "Apeldoorn": ("055", 73),
    "Zwolle": ("038", 80),
    "Enschede": ("053", 75),
    "Hengelo": ("074", 75),
    "Deventer": ("0570", 74),
    "Leeuwarden": ("058", 89),
    "Maastricht": ("043", 62),
    "Heerlen": ("045", 64),
    "Sittard": ("046", 61),
    "Venlo": ("077", 59),
    "Roermond": ("0475", 60),
    "Weert": ("0495", 60),
    "Haarlem": ("023", 20),
    "Leiden": ("071", 23),
    "Delft": ("015", 26),
    "Dordrecht": ("078", 33),
    "Zoetermeer": ("079", 27),
    "Gouda": ("0182", 28),
    "Gorinchem": ("0183", 42),
    "Spijkenisse": ("0181", 32),
    "Naaldwijk": ("0174", 26),
    "Alphen aan den Rijn": ("0172", 24),
    "Alkmaar": ("072", 18),
    "Zaandam": ("075", 15),
    "Purmerend": ("0299", 14),
    "Hoorn": ("0229", 16),
    "Den Helder": ("0223", 17),
    "Hilversum": ("035", 12),
    "Amersfoort": ("033", 38),
    "Almere": ("036", 13),
    "Lelystad": ("0320", 82),
    "Dronten": ("0321", 82),
    "Emmeloord": ("0527", 83),
    "Assen": ("0592", 94),
    "Emmen": ("0591", 78),
    "Hoogeveen": ("0528", 79),
    "Meppel": ("0522", 79),
    "Middelburg": ("0118", 43),
    "Goes": ("0113", 44),
    "Terneuzen": ("0115", 45),
    "Hulst": ("0114", 45),
    "Bergen op Zoom": ("0164", 46),
    "Roosendaal": ("0165", 47),
    "Oss": ("0412", 53),
    "Helmond": ("0492", 57),
    "Veghel": ("0413", 54),
    "Heerenveen": ("0513", 84),
    "Sneek": ("0515", 86),
    "Drachten": ("0512", 92),
    "Harlingen": ("0517", 88),
    "Dokkum": ("0519", 91),
    "Ede": ("0318", 67),
    "Wageningen": ("0317", 67),
    "Barneveld": ("0342", 37),
    "Harderwijk": ("0341", 38),
    "Tiel": ("0344", 40),
    "Culemborg": ("0345", 41),
    "Doetinchem": ("0314", 70),
    "Zutphen": ("0575", 72),
    "Winterswijk": ("0543", 71),
    "Almelo": ("0546", 76),
    "Hardenberg": ("0523", 77),
    "Steenwijk": ("0521", 83),
    "Woerden": ("0348", 34),
    "Doorn": ("0343", 39),
    "Veendam": ("0598", 96),
    "Stadskanaal": ("0599", 95),
    "Delfzijl": ("0596", 99),
    "Winschoten": ("0597", 96),
}

# Dutch postcodes avoid F, I, O, Q, U and Y, and never use the pairs SA, SD and SS.
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
POSTCODE_LETTERS_UNUSED = {"SA", "SD", "SS"}

TARGET_GROUP_PHRASES = {
    "intellectual_disability": "volwassenen met een verstandelijke beperking",
    "physical_disability": "mensen met een lichamelijke beperking",
    "autism": "mensen met autisme",
    "mental_health": "mensen met een psychische aandoening",
    "dementia_elderly": "ouderen met dementie",
    "acquired_brain_injury": "mensen met niet-aangeboren hersenletsel (NAH)",
    "multiple_disabilities": "mensen met een meervoudige beperking",
    "young_people": "jongeren en jongvolwassenen",
}

OPENINGS = {
    "relatives_residents": [
        "{name} is een ouderinitiatief in {place}, opgericht door ouders die een fijne plek "
        "zochten voor hun kinderen.",
        "In {place} hebben ouders en familie samen {name} opgezet: een kleinschalig "
        "wooninitiatief waar zij zelf het bestuur vormen.",
        "{name} is een wooninitiatief van bewoners en hun families in {place}.",
    ],
    "care_entrepreneur": [
        "{name} is een kleinschalige woonvoorziening in {place}, opgezet door een "
        "zorgondernemer met jarenlange ervaring.",
        "In een ruim huis in {place} biedt {name} wonen met zorg en begeleiding.",
        "{name} in {place} is een particulier wooninitiatief met een vast team.",
    ],
    "care_institution": [
        "{name} is een kleinschalige woonlocatie van een zorginstelling in {place}.",
        "In {place} biedt {name} kleinschalig wonen, onderdeel van een grotere zorgorganisatie.",
    ],
}

FARM_OPENINGS = [
    "{name} is een zorgboerderij bij {place}, met koeien, kippen en een grote moestuin.",
    "Op {name}, een boerderij aan de rand van {place}, wonen bewoners midden tussen de dieren.",
]

GROUP_SENTENCES = [
    "Er wonen {capacity} {groups}.",
    "Het huis biedt plaats aan {capacity} {groups}.",
    "We bieden {capacity} woonplekken voor {groups}.",
]

DAILY_LIFE = [
    "Iedere bewoner heeft een eigen appartement met badkamer; de woonkamer en keuken delen we.",
    "Bewoners koken samen en eten aan één grote tafel.",
    "Er is 24 uur per dag begeleiding aanwezig, 's nachts met een wakende wacht.",
    "Veel bewoners gaan overdag naar werk of dagbesteding buiten het huis.",
    "We werken met vaste begeleiders, zodat bewoners weten wie er komt.",
    "In de tuin kunnen bewoners werken, en er is een werkplaats.",
    "Het huis ligt dicht bij winkels en de bushalte.",
    "Familie is altijd welkom en denkt mee over het dagelijks leven.",
]

FARM_DAILY_LIFE = [
    "Bewoners helpen mee op de boerderij: dieren voeren, de stal schoonmaken en oogsten.",
    "De zorgboerderij biedt ook dagbesteding aan mensen uit de buurt.",
]

GROUP_EXTRAS = {
    "autism": "We zorgen voor rust, duidelijkheid en een vaste structuur, wat mensen met "
    "autisme helpt.",
    "dementia_elderly": "Het huis is ingericht voor mensen met dementie, met een veilige "
    "tuin en een herkenbare dagindeling.",
    "young_people": "Jongeren leren hier stap voor stap zelfstandig wonen.",
    "acquired_brain_injury": "De begeleiding is ervaren met de gevolgen van hersenletsel.",
    "mental_health": "Begeleiders zijn getraind in herstelgericht werken.",
}

FUNDING_SENTENCES = {
    "pgb": "Bewoners betalen hun zorg met een persoonsgebonden budget (pgb).",
    "natura": "De zorg wordt geleverd als zorg in natura; bewoners hebben geen pgb nodig.",
    "mixed": "Bewoners kunnen kiezen: met een pgb of met zorg in natura (vpt of mpt).",
}

STATEMENTS = {
    "conscious_choice": [
        "Voor iemand komt wonen, voeren we een kennismakingsgesprek over wat een pgb "
        "betekent. We verwijzen naar het bewuste-keuzegesprek van het zorgkantoor.",
        "Nieuwe bewoners en hun vertegenwoordiger krijgen uitleg over de taken van een "
        "budgethouder. Wie dat niet kan of wil, helpen we zoeken naar zorg in natura.",
    ],
    "individual_care": [
        "Bewoners kiezen zelf welke individuele zorg zij inkopen, ook bij een andere "
        "zorgverlener dan het huis.",
        "In het zorgplan staat per bewoner welke zorg hij of zij apart inkoopt. Dat "
        "bespreken we ieder halfjaar.",
    ],
    "day_activities_outside": [
        "Dagbesteding buiten het huis is mogelijk. Een aantal bewoners werkt overdag elders.",
        "Bewoners mogen dagbesteding buiten het wooninitiatief kiezen; wij helpen met vervoer.",
    ],
    "collective_share_known": [
        "Het collectieve deel is {share} procent van het pgb. Dat staat in de "
        "overeenkomst die bewoners vóór hun komst krijgen.",
        "Vooraf krijgt iedere bewoner een begroting met daarin het collectieve deel "
        "({share} procent).",
        "Vóór de verhuizing bespreken we de begroting. Daarin staat welk deel van het pgb "
        "naar gezamenlijke kosten gaat, zoals de nachtdienst.",
    ],
    "spending_insight": [
        "Elk kwartaal krijgen bewoners en hun vertegenwoordigers een overzicht van de "
        "uitgaven, collectief en individueel.",
        "De jaarrekening van het collectieve deel is voor alle bewoners in te zien.",
    ],
    "tailored_offer": [
        "Iedere bewoner krijgt een zorgovereenkomst op maat. Het pgb wordt niet "
        "automatisch in zijn geheel overgemaakt.",
        "We maken per bewoner een eigen aanbod; alleen de afgesproken zorg wordt gedeclareerd.",
    ],
    "say_at_location": [
        "Een bewonersraad beslist mee over het collectieve budget, nieuwe medewerkers, "
        "het eten en de activiteiten.",
        "Bewoners en familie zitten in de sollicitatiecommissie en bespreken maandelijks "
        "de menu's en uitjes.",
    ],
}

CERTIFICATE_PREFIXES = {
    "hkz_kleine_organisaties": "HKZ",
    "prezo": "PREZO",
    "kiwa_zzp": "KIWA",
    "iso_9001": "ISO",
    "flz_kwaliteit_laat_je_zien": "FLZ",
}
