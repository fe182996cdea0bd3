//! What the demo knows of each subject (vak): rooms, lesson topics, planned work, evaluations,
//! course files, a link and live sessions. Pure data; `super::modules` turns it into rows.

use crate::models::AgendaKind;

/// What the demo knows of a subject (vak): everything a course of that name gets.
pub(super) struct Subject {
    pub(super) name: &'static str,
    /// Its share of the week's lesson hours, relative to the class's other courses.
    pub(super) weight: u32,
    /// The rooms its lessons are in, taken in turn over the week.
    pub(super) rooms: &'static [&'static str],
    /// Lesson topics, in the order they are taught (two lessons per topic).
    pub(super) topics: &'static [&'static str],
    /// Planned work, one of each kind among them; every course gets four items, going round.
    pub(super) agenda: &'static [Planned],
    /// The four scored evaluations, in the order of `HELD` in `super::modules`.
    pub(super) evaluations: [Scored; 4],
    /// The evaluation that is scored but not yet published.
    pub(super) pending: Scored,
    pub(super) files: &'static [File],
    pub(super) link: Link,
    /// Titles of live sessions, taken in turn.
    pub(super) live: &'static [&'static str],
}

pub(super) struct Planned {
    pub(super) kind: AgendaKind,
    pub(super) title: &'static str,
    pub(super) description: &'static str,
}

pub(super) struct Scored {
    pub(super) name: &'static str,
    pub(super) max: f64,
}

pub(super) struct File {
    pub(super) title: &'static str,
    pub(super) file_name: &'static str,
    pub(super) text: &'static str,
}

pub(super) struct Link {
    pub(super) title: &'static str,
    pub(super) url: &'static str,
}

const fn task(title: &'static str, description: &'static str) -> Planned {
    Planned {
        kind: AgendaKind::Task,
        title,
        description,
    }
}

const fn test(title: &'static str, description: &'static str) -> Planned {
    Planned {
        kind: AgendaKind::Test,
        title,
        description,
    }
}

const fn assignment(title: &'static str, description: &'static str) -> Planned {
    Planned {
        kind: AgendaKind::Assignment,
        title,
        description,
    }
}

const fn scored(name: &'static str, max: f64) -> Scored {
    Scored { name, max }
}

pub(super) const SUBJECTS: &[Subject] = &[
    Subject {
        name: "Wiskunde",
        weight: 5,
        rooms: &["Lokaal 12", "Lokaal 12", "Computerklas"],
        topics: &[
            "Breuken vereenvoudigen",
            "Breuken optellen en aftrekken",
            "Vermenigvuldigen met breuken",
            "Procenten berekenen",
            "Vergelijkingen oplossen",
            "Hoeken meten en tekenen",
            "Driehoeken construeren",
            "Omtrek en oppervlakte",
            "Machten en vierkantswortels",
            "Herhalingsoefeningen",
        ],
        agenda: &[
            task(
                "Oefeningen breuken",
                "Maak oefeningen 1 tot 12 op p. 54 van het werkboek. Noteer telkens je tussenstappen.",
            ),
            test(
                "Toets breuken en procenten",
                "Leerstof: hoofdstuk 3 (breuken) en hoofdstuk 4 (procenten). Breng je rekenmachine \
                 en geodriehoek mee.",
            ),
            assignment(
                "Project: wiskunde in de supermarkt",
                "Zoek in reclamefolders vijf kortingen en reken uit hoeveel procent je echt \
                 bespaart. Verslag van één A4, in groepjes van twee.",
            ),
            task(
                "Herhaling vergelijkingen",
                "Los de vergelijkingen op het werkblad op en verbeter zelf met de oplossingen bij \
                 het lesmateriaal.",
            ),
        ],
        evaluations: [
            scored("Toets getallenkennis", 20.0),
            scored("Taak meetkunde", 10.0),
            scored("Toets breuken", 25.0),
            scored("Herhalingstoets hoofdstuk 1 tot 3", 50.0),
        ],
        pending: scored("Toets procenten", 20.0),
        files: &[
            File {
                title: "Leerstof hoofdstuk 3: breuken",
                file_name: "hoofdstuk-3-breuken.txt",
                text: "Hoofdstuk 3: breuken\n\
                       \n\
                       1. Een breuk vereenvoudigen\n\
                       Deel teller en noemer door hun grootste gemeenschappelijke deler.\n\
                       Voorbeeld: 12/18 = (12 : 6) / (18 : 6) = 2/3\n\
                       \n\
                       2. Breuken optellen en aftrekken\n\
                       Zet de breuken eerst op dezelfde noemer.\n\
                       Voorbeeld: 1/4 + 2/3 = 3/12 + 8/12 = 11/12\n\
                       \n\
                       3. Breuken vermenigvuldigen\n\
                       Teller maal teller, noemer maal noemer, en vereenvoudig daarna.\n\
                       Voorbeeld: 2/3 x 3/5 = 6/15 = 2/5\n\
                       \n\
                       Oefen verder met reeks A en B in het werkboek.\n",
            },
            File {
                title: "Formularium meetkunde",
                file_name: "formularium-meetkunde.txt",
                text: "Formularium meetkunde\n\
                       \n\
                       Vierkant met zijde z: omtrek 4 x z, oppervlakte z x z\n\
                       Rechthoek met lengte l en breedte b: omtrek 2 x (l + b), oppervlakte l x b\n\
                       Driehoek met basis b en hoogte h: oppervlakte b x h : 2\n\
                       Cirkel met straal r: omtrek 2 x pi x r, oppervlakte pi x r x r\n\
                       \n\
                       Vergeet de eenheden niet: cm voor een omtrek, cm² voor een oppervlakte.\n",
            },
        ],
        link: Link {
            title: "Breuken op Wikipedia",
            url: "https://nl.wikipedia.org/wiki/Breuk_(wiskunde)",
        },
        live: &["Vragenuur breuken", "Online herhaling: procenten"],
    },
    Subject {
        name: "Nederlands",
        weight: 5,
        rooms: &["Lokaal 14", "Lokaal 14", "Mediatheek"],
        topics: &[
            "Werkwoordspelling: de tegenwoordige tijd",
            "Werkwoordspelling: de verleden tijd",
            "Zinsontleding: onderwerp en persoonsvorm",
            "Leesstrategieën",
            "Een zakelijke e-mail schrijven",
            "Leesdossier bespreken",
            "Een spreekbeurt voorbereiden",
            "Spreekwoorden en gezegden",
            "Trappen van vergelijking",
            "Bijwoordelijke bepalingen",
        ],
        agenda: &[
            task(
                "Werkwoordspelling oefenen",
                "Maak reeks B van de werkwoordspelling (p. 32) en leer de regel van 't kofschip.",
            ),
            test(
                "Toets zinsontleding",
                "Onderwerp, persoonsvorm, gezegde en lijdend voorwerp. Leer de schema's uit je \
                 schrift.",
            ),
            assignment(
                "Leesdossier",
                "Lees een jeugdroman naar keuze en vul het leesdossier in: samenvatting, \
                 personages en je eigen mening (minstens 300 woorden).",
            ),
            task(
                "Zakelijke e-mail",
                "Schrijf een e-mail aan de directie met een voorstel voor de schoolfuif. Let op \
                 de aanhef en het slot.",
            ),
        ],
        evaluations: [
            scored("Dictee werkwoordspelling", 20.0),
            scored("Leesvaardigheid", 25.0),
            scored("Toets zinsontleding", 20.0),
            scored("Schrijfopdracht: zakelijke e-mail", 10.0),
        ],
        pending: scored("Spreekbeurt", 20.0),
        files: &[
            File {
                title: "Schema werkwoordspelling",
                file_name: "werkwoordspelling-schema.txt",
                text: "Schema werkwoordspelling\n\
                       \n\
                       Tegenwoordige tijd\n\
                       - ik + stam: ik werk\n\
                       - jij, u, hij, zij + stam + t: hij werkt (maar: werk jij?)\n\
                       - wij, jullie, zij + hele werkwoord: wij werken\n\
                       \n\
                       Verleden tijd (zwakke werkwoorden)\n\
                       Eindigt de stam op een medeklinker uit 't kofschip (t, k, f, s, ch, p)?\n\
                       Dan -te(n), anders -de(n).\n\
                       Voorbeelden: werken - werkte, leven - leefde (kijk naar de v van leven).\n\
                       \n\
                       Voltooid deelwoord\n\
                       ge + stam + t of d: gewerkt, geleefd.\n",
            },
            File {
                title: "Opdracht leesdossier",
                file_name: "leesdossier-opdracht.txt",
                text: "Opdracht leesdossier\n\
                       \n\
                       1. Kies een jeugdroman uit de lijst in de mediatheek.\n\
                       2. Schrijf een korte samenvatting (ongeveer 150 woorden).\n\
                       3. Beschrijf twee personages: uiterlijk, karakter en wat ze willen.\n\
                       4. Geef je mening over het boek en leg uit waarom.\n\
                       \n\
                       Indienen via de leerkracht, getypt of netjes geschreven.\n",
            },
        ],
        link: Link {
            title: "Woordenlijst Nederlandse Taal (Groene Boekje)",
            url: "https://woordenlijst.org/",
        },
        live: &["Schrijfatelier: de zakelijke e-mail", "Vragenuur zinsontleding"],
    },
    Subject {
        name: "Frans",
        weight: 4,
        rooms: &["Lokaal 21"],
        topics: &[
            "Passé composé met avoir",
            "Passé composé met être",
            "Les articles partitifs",
            "Les nombres jusqu'à 100",
            "Vocabulaire: la famille",
            "Vocabulaire: à l'école",
            "Le futur proche",
            "Les adjectifs possessifs",
            "Luistervaardigheid: à la gare",
            "Dialoog: au restaurant",
        ],
        agenda: &[
            task(
                "Vocabulaire leren",
                "Leer de woordenlijst 'La famille' (p. 45) in beide richtingen.",
            ),
            test(
                "Interrogation passé composé",
                "Vervoeg regelmatige werkwoorden in de passé composé. Ken ook de lijst met \
                 werkwoorden die être als hulpwerkwoord nemen.",
            ),
            assignment(
                "Présentation: ma famille",
                "Stel je familie voor in een korte presentatie van twee minuten, in het Frans. \
                 Gebruik minstens vijf bezittelijke voornaamwoorden.",
            ),
            task(
                "Exercices futur proche",
                "Maak oefening 3 en 4 uit het werkboek, p. 61.",
            ),
        ],
        evaluations: [
            scored("Vocabulaire: les couleurs", 10.0),
            scored("Interrogation: être et avoir", 20.0),
            scored("Compréhension à la lecture", 25.0),
            scored("Expression orale", 10.0),
        ],
        pending: scored("Interrogation passé composé", 20.0),
        files: &[File {
            title: "Grammaire: le passé composé",
            file_name: "passe-compose.txt",
            text: "Le passé composé\n\
                   \n\
                   Vorm: hulpwerkwoord (avoir of être) + participe passé.\n\
                   - werkwoorden op -er: parler - j'ai parlé\n\
                   - werkwoorden op -ir: finir - j'ai fini\n\
                   - werkwoorden op -re: vendre - j'ai vendu\n\
                   \n\
                   Met être: werkwoorden van beweging (aller, venir, partir, arriver, entrer, \
                   sortir, ...) en wederkerende werkwoorden.\n\
                   Het participe passé past zich dan aan het onderwerp aan:\n\
                   elle est allée, ils sont partis.\n",
        }],
        link: Link {
            title: "Frans op Wikipedia",
            url: "https://nl.wikipedia.org/wiki/Frans",
        },
        live: &["Conversation en ligne", "Vragenuur passé composé"],
    },
    Subject {
        name: "Engels",
        weight: 3,
        rooms: &["Lokaal 23"],
        topics: &[
            "Present simple en present continuous",
            "Past simple: irregular verbs",
            "Vocabulary: hobbies and free time",
            "Reading: a short story",
            "Giving directions",
            "Comparatives and superlatives",
            "Writing an informal email",
            "Listening: at the train station",
            "Question tags",
            "Speaking: talking about the weekend",
        ],
        agenda: &[
            task(
                "Irregular verbs",
                "Leer de eerste 30 onregelmatige werkwoorden van de lijst: infinitive, past \
                 simple en past participle.",
            ),
            test(
                "Test present simple en present continuous",
                "Grammatica uit unit 2 en de woordenschat 'hobbies and free time'.",
            ),
            assignment(
                "Writing: my perfect weekend",
                "Schrijf een tekst van 150 woorden over je ideale weekend. Gebruik de past \
                 simple en minstens drie linking words.",
            ),
            task(
                "Listening exercise",
                "Beluister track 14 op het leerplatform en beantwoord de vragen in je werkboek.",
            ),
        ],
        evaluations: [
            scored("Vocabulary test unit 1", 10.0),
            scored("Grammar test: to be and to have", 20.0),
            scored("Reading comprehension", 25.0),
            scored("Irregular verbs", 50.0),
        ],
        pending: scored("Listening test", 20.0),
        files: &[File {
            title: "Irregular verbs (lijst 1)",
            file_name: "irregular-verbs.txt",
            text: "Irregular verbs (lijst 1)\n\
                   \n\
                   be - was/were - been\n\
                   begin - began - begun\n\
                   buy - bought - bought\n\
                   come - came - come\n\
                   do - did - done\n\
                   eat - ate - eaten\n\
                   go - went - gone\n\
                   have - had - had\n\
                   know - knew - known\n\
                   see - saw - seen\n\
                   take - took - taken\n\
                   write - wrote - written\n",
        }],
        link: Link {
            title: "Cambridge Dictionary",
            url: "https://dictionary.cambridge.org/",
        },
        live: &["Online speaking practice", "Vragenuur irregular verbs"],
    },
    Subject {
        name: "Geschiedenis",
        weight: 2,
        rooms: &["Lokaal 8", "Lokaal 8", "Mediatheek"],
        topics: &[
            "Bronnen en tijdlijnen",
            "De prehistorie: jagers en verzamelaars",
            "De neolithische revolutie",
            "Het oude Egypte: leven langs de Nijl",
            "Farao's en piramides",
            "Het schrift in Mesopotamië",
            "De Griekse stadstaten",
            "Athene en de democratie",
            "De Romeinen in onze streken",
            "Bronnenonderzoek in groep",
        ],
        agenda: &[
            task(
                "Tijdlijn prehistorie",
                "Vervolledig de tijdlijn in je cursus met de belangrijkste uitvindingen van de \
                 prehistorie.",
            ),
            test(
                "Toets het oude Egypte",
                "Hoofdstuk 2: de Nijl, de samenleving en de godsdienst. Ken ook het kaartje van \
                 Egypte.",
            ),
            assignment(
                "Bronnenonderzoek",
                "Zoek een foto van een historisch gebouw in je gemeente en beschrijf de bron met \
                 de vijf W-vragen.",
            ),
            task(
                "Kaart Griekse stadstaten",
                "Duid Athene, Sparta, Olympia en Delphi aan op de blinde kaart.",
            ),
        ],
        evaluations: [
            scored("Toets prehistorie", 20.0),
            scored("Taak tijdlijn", 10.0),
            scored("Toets het oude Egypte", 25.0),
            scored("Bronnenonderzoek", 20.0),
        ],
        pending: scored("Toets de Grieken", 20.0),
        files: &[
            File {
                title: "Samenvatting: het oude Egypte",
                file_name: "samenvatting-egypte.txt",
                text: "Samenvatting: het oude Egypte\n\
                       \n\
                       - De Nijl overstroomt elk jaar en laat vruchtbaar slib achter.\n\
                       - De farao is koning en wordt als een god vereerd.\n\
                       - Schrijvers houden de oogst en de belastingen bij in hiërogliefen.\n\
                       - Piramides zijn graftombes voor farao's, zoals die van Cheops in Gizeh.\n\
                       - De Egyptenaren geloven in een leven na de dood: daarom mummificeren ze.\n",
            },
            File {
                title: "Tijdlijn prehistorie",
                file_name: "tijdlijn-prehistorie.txt",
                text: "Tijdlijn prehistorie\n\
                       \n\
                       ca. 2 500 000 v.Chr.  eerste stenen werktuigen\n\
                       ca. 500 000 v.Chr.    gebruik van vuur\n\
                       ca. 10 000 v.Chr.     begin van landbouw en veeteelt\n\
                       ca. 3 200 v.Chr.      eerste schrift: einde van de prehistorie\n",
            },
        ],
        link: Link {
            title: "Het oude Egypte op Wikipedia",
            url: "https://nl.wikipedia.org/wiki/Oude_Egypte",
        },
        live: &[
            "Virtuele rondleiding: het oude Egypte",
            "Vragenuur bronnenonderzoek",
        ],
    },
    Subject {
        name: "Biologie",
        weight: 2,
        rooms: &["Labo 2", "Lokaal 5"],
        topics: &[
            "De cel onder de microscoop",
            "Fotosynthese",
            "Het verteringsstelsel",
            "Bloedsomloop en hart",
            "De ademhaling",
            "Ecosystemen en voedselketens",
            "Erfelijkheid: genen en chromosomen",
            "Practicum: bladgroenkorrels",
            "Het zenuwstelsel",
            "Gezonde voeding",
        ],
        agenda: &[
            task(
                "Schema verteringsstelsel",
                "Benoem de delen van het verteringsstelsel op het werkblad en kleur ze in.",
            ),
            test(
                "Toets de cel",
                "De bouw van plantaardige en dierlijke cellen, en het gebruik van de microscoop.",
            ),
            assignment(
                "Labo-verslag fotosynthese",
                "Werk het verslag van het practicum uit volgens het sjabloon: hypothese, \
                 werkwijze, waarnemingen en besluit.",
            ),
            task(
                "Voedingsdagboek",
                "Houd drie dagen bij wat je eet en drinkt en vergelijk met de voedingsdriehoek.",
            ),
        ],
        evaluations: [
            scored("Toets de cel", 20.0),
            scored("Labo-verslag microscoop", 10.0),
            scored("Toets vertering", 25.0),
            scored("Practicum fotosynthese", 20.0),
        ],
        pending: scored("Toets bloedsomloop", 25.0),
        files: &[File {
            title: "Sjabloon labo-verslag",
            file_name: "labo-verslag-sjabloon.txt",
            text: "Sjabloon labo-verslag\n\
                   \n\
                   1. Onderzoeksvraag: wat wil je te weten komen?\n\
                   2. Hypothese: wat verwacht je en waarom?\n\
                   3. Materiaal en werkwijze: wat heb je gebruikt en hoe ben je te werk gegaan?\n\
                   4. Waarnemingen: wat zie je? Gebruik een tabel of een tekening.\n\
                   5. Besluit: klopt je hypothese?\n",
        }],
        link: Link {
            title: "Fotosynthese op Wikipedia",
            url: "https://nl.wikipedia.org/wiki/Fotosynthese",
        },
        live: &["Online practicum: de microscoop", "Vragenuur de cel"],
    },
    Subject {
        name: "Lichamelijke opvoeding",
        weight: 2,
        rooms: &["Sporthal"],
        topics: &[
            "Basketbal: dribbelen en passen",
            "Volleybal: de bovenhandse toets",
            "Turnen: rol voorwaarts en radslag",
            "Atletiek: verspringen",
            "Conditietraining",
            "Badminton: de hoge service",
            "Ploegsporten: spelregels en fair play",
            "Dans: een choreografie in groep",
        ],
        agenda: &[
            task(
                "Sportgerief in orde",
                "Breng een T-shirt van de school, een korte broek en zaalschoenen met lichte zolen \
                 mee.",
            ),
            test(
                "Coopertest",
                "Loop twaalf minuten zo ver mogelijk. Eet een uur vooraf niet te zwaar en breng \
                 een drinkfles mee.",
            ),
            assignment(
                "Opwarming in groep",
                "Bedenk in groepjes van vier een opwarming van tien minuten en leid ze in de les.",
            ),
            task(
                "Bewegingsdagboek",
                "Noteer een week lang hoeveel minuten je per dag beweegt, ook buiten de school.",
            ),
        ],
        evaluations: [
            scored("Basketbal: technieken", 10.0),
            scored("Turnen: oefenreeks", 20.0),
            scored("Coopertest", 10.0),
            scored("Volleybal in spelsituatie", 20.0),
        ],
        pending: scored("Badminton", 10.0),
        files: &[File {
            title: "Afspraken lichamelijke opvoeding",
            file_name: "afspraken-lo.txt",
            text: "Afspraken lichamelijke opvoeding\n\
                   \n\
                   - Sportkledij: T-shirt van de school, korte broek, zaalschoenen.\n\
                   - Juwelen en uurwerken gaan uit voor de les begint.\n\
                   - Kan je niet meedoen? Breng een briefje van je ouders of een doktersattest.\n\
                   - Na de les: vijf minuten om je om te kleden, daarna naar de volgende les.\n",
        }],
        link: Link {
            title: "Sport Vlaanderen",
            url: "https://www.sport.vlaanderen/",
        },
        live: &["Online theorie: een goede opwarming", "Vragenuur sportdag"],
    },
];

/// For a course the table above does not know: neutral content that fits any subject.
pub(super) const ANY_SUBJECT: Subject = Subject {
    name: "",
    weight: 2,
    rooms: &["Lokaal 3"],
    topics: &[
        "Nieuwe leerstof",
        "Oefeningen",
        "Groepswerk",
        "Herhaling",
        "Verbetering van de toets",
    ],
    agenda: &[
        task(
            "Oefeningen",
            "Maak de oefeningen die in de les werden opgegeven.",
        ),
        test("Toets", "Leerstof: het laatste hoofdstuk uit de cursus."),
        assignment(
            "Opdracht",
            "Werk de opdracht uit volgens de richtlijnen uit de les.",
        ),
        task("Herhaling", "Herhaal de leerstof van deze week."),
    ],
    evaluations: [
        scored("Toets hoofdstuk 1", 20.0),
        scored("Taak", 10.0),
        scored("Toets hoofdstuk 2", 20.0),
        scored("Opdracht", 25.0),
    ],
    pending: scored("Toets hoofdstuk 3", 20.0),
    files: &[File {
        title: "Leerstofoverzicht",
        file_name: "leerstofoverzicht.txt",
        text: "Leerstofoverzicht\n\
               \n\
               De leerstof van dit trimester, hoofdstuk per hoofdstuk, met de bijhorende \
               oefeningen uit het werkboek.\n",
    }],
    link: Link {
        title: "Onderwijs Vlaanderen",
        url: "https://www.onderwijs.vlaanderen.be/",
    },
    live: &["Online les", "Vragenuur"],
};
