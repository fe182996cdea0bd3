//! Demo content for the shared modules: timetable, schoolagenda, results, course materials, live
//! sessions and the LVS (remarks and attendance) of every class and pupil of one demo school.
//!
//! All dates are relative to the moment of seeding (`now`), not fixed in the calendar: the demo is
//! seeded once, into an empty database, and whoever opens it then should find this week's lessons,
//! tests coming up in the next days, freshly published results and last week's absences, whatever
//! the date is. The content is deterministic: the variation between classes, courses and pupils
//! comes from their positions, never from chance, so every seed of the same day looks the same.

use std::cmp::Reverse;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::entities::account::{self, AccountKind};
use super::entities::{
    agenda_item, attendance, class, course, evaluation, lesson, live_session, lvs_remark, material,
    platform, score,
};
use crate::models::AgendaKind;
use crate::services::time::{is_school_day, monday_of, school_today};

/// Rows per `INSERT`, well below the bind-parameter limits of SQLite and PostgreSQL.
const ROWS_PER_INSERT: usize = 200;

// ---------------------------------------------------------------------------------------------
// Static content per subject
// ---------------------------------------------------------------------------------------------

/// What the demo knows of a subject (vak): everything a course of that name gets.
struct Subject {
    name: &'static str,
    /// Its share of the week's lesson hours, relative to the class's other courses.
    weight: u32,
    /// The rooms its lessons are in, taken in turn over the week.
    rooms: &'static [&'static str],
    /// Lesson topics, in the order they are taught (two lessons per topic).
    topics: &'static [&'static str],
    /// Planned work, one of each kind among them; every course gets four items, going round.
    agenda: &'static [Planned],
    /// The four scored evaluations, in the order of [`HELD`].
    evaluations: [Scored; 4],
    /// The evaluation that is scored but not yet published.
    pending: Scored,
    files: &'static [File],
    link: Link,
    /// Titles of live sessions, taken in turn.
    live: &'static [&'static str],
}

struct Planned {
    kind: AgendaKind,
    title: &'static str,
    description: &'static str,
}

struct Scored {
    name: &'static str,
    max: f64,
}

struct File {
    title: &'static str,
    file_name: &'static str,
    text: &'static str,
}

struct Link {
    title: &'static str,
    url: &'static str,
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

const SUBJECTS: &[Subject] = &[
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
const ANY_SUBJECT: Subject = Subject {
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

fn subject(course_name: &str) -> &'static Subject {
    SUBJECTS
        .iter()
        .find(|subject| subject.name == course_name)
        .unwrap_or(&ANY_SUBJECT)
}

/// The item at `index` of a non-empty static table, going round.
fn pick<T>(items: &[T], index: usize) -> &T {
    &items[index % items.len()]
}

// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

/// The lesson hours of a Flemish secondary school, with the breaks at 10:05 and 12:00.
const HOURS: [((u32, u32), (u32, u32)); 6] = [
    ((8, 25), (9, 15)),
    ((9, 15), (10, 5)),
    ((10, 20), (11, 10)),
    ((11, 10), (12, 0)),
    ((13, 0), (13, 50)),
    ((13, 50), (14, 40)),
];

/// How many of [`HOURS`] are taught, Monday to Friday: Wednesday afternoon is free, Friday ends
/// an hour early.
const HOURS_PER_DAY: [usize; 5] = [6, 6, 4, 6, 5];

/// The timetable runs from this many weeks before the current week …
const WEEKS_BACK: i64 = 3;
/// … to this many weeks after it.
const WEEKS_AHEAD: i64 = 6;

/// Due days of planned work in school days from today, in the order the items are made. The
/// first three fall within the coming two weeks, so every class has work coming up.
const AGENDA_DAYS: [i64; 16] = [1, 4, 8, -3, 11, -9, 2, 16, -13, 6, 21, -6, 13, -1, 24, -11];

/// The period of each scored evaluation and how many days ago it was held (less two days per
/// course, so that a class does not have all its tests on one day): period 1 six to ten weeks
/// ago, period 2 in the last five weeks.
const HELD: [(i16, i64); 4] = [(1, 66), (1, 48), (2, 30), (2, 13)];

/// Results are published this many days after the evaluation.
const PUBLISHED_AFTER_DAYS: i64 = 3;

/// Live sessions per class: school days from today, start and length in minutes. Two in the
/// past week, three in the coming two weeks.
const LIVE: [(i64, (u32, u32), i64); 5] = [
    (-3, (16, 0), 45),
    (-1, (19, 0), 45),
    (1, (16, 0), 50),
    (4, (19, 0), 45),
    (7, (16, 30), 45),
];

/// The school day `count` school days after `day` (before it when negative).
fn school_days_from(day: NaiveDate, count: i64) -> NaiveDate {
    let step = Duration::days(count.signum());
    let mut day = day;
    for _ in 0..count.abs() {
        day += step;
        while !is_school_day(day) {
            day += step;
        }
    }
    day
}

/// `day` itself if it is a school day, else the school day before it.
fn school_day_on_or_before(day: NaiveDate) -> NaiveDate {
    let mut day = day;
    while !is_school_day(day) {
        day -= Duration::days(1);
    }
    day
}

fn at(day: NaiveDate, (hour, minute): (u32, u32)) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default())
}

/// A number in `0.0..1.0` that varies irregularly with `a` and `b`: a stand-in for chance that
/// gives the same answer every time.
fn spread(a: usize, b: usize) -> f64 {
    let x = (a * 31 + b * 17 + 7) % 101;
    (x * x % 101) as f64 / 101.0
}

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------

/// One class with what its content is made from.
struct ClassPlan<'a> {
    /// The class's position in its school, to vary content between classes.
    index: usize,
    class: &'a class::Model,
    courses: Vec<(&'a course::Model, &'static Subject)>,
    /// The pupils with their position in the school.
    pupils: Vec<(usize, &'a account::Model)>,
    /// Who may write the pupils' LVS remarks: the class's teachers, else any staff member.
    authors: Vec<i32>,
    url_prefix: String,
    today: NaiveDate,
    now: DateTime<Utc>,
}

/// Seeds the modules of platform `platform_id`, whose classes, courses, staff and pupils exist.
pub async fn seed<C: ConnectionTrait>(
    db: &C,
    platform_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let platform = platform::Entity::find_by_id(platform_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("platform {platform_id}")))?;
    let classes = class::Entity::find()
        .filter(class::Column::PlatformId.eq(platform_id))
        .order_by_asc(class::Column::Id)
        .all(db)
        .await?;
    let courses = course::Entity::find()
        .filter(course::Column::PlatformId.eq(platform_id))
        .order_by_asc(course::Column::Id)
        .all(db)
        .await?;
    let (pupils, staff): (Vec<account::Model>, Vec<account::Model>) = account::Entity::find()
        .filter(account::Column::PlatformId.eq(platform_id))
        .order_by_asc(account::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .partition(|account| account.kind == AccountKind::Pupil);

    let today = school_today(now);
    for (index, class) in classes.iter().enumerate() {
        let class_courses: Vec<_> = courses
            .iter()
            .filter(|course| course.class_id == class.id)
            .map(|course| (course, subject(&course.name)))
            .collect();
        let mut authors: Vec<i32> = class_courses
            .iter()
            .map(|(course, _)| course.teacher_id)
            .collect();
        authors.sort_unstable();
        authors.dedup();
        if authors.is_empty() {
            authors = staff.iter().map(|account| account.id).collect();
        }
        let plan = ClassPlan {
            index,
            class,
            courses: class_courses,
            pupils: pupils
                .iter()
                .enumerate()
                .filter(|(_, pupil)| pupil.class_id == Some(class.id))
                .collect(),
            authors,
            url_prefix: format!(
                "https://meet.example/{}-{}",
                platform.slug,
                url_part(&class.name)
            ),
            today,
            now,
        };
        insert_rows(db, lessons(&plan)).await?;
        insert_rows(db, agenda_items(&plan)).await?;
        seed_results(db, &plan).await?;
        insert_rows(db, materials(&plan)).await?;
        insert_rows(db, live_sessions(&plan)).await?;
        insert_rows(db, remarks(&plan)).await?;
        insert_rows(db, absences(&plan)).await?;
    }
    Ok(())
}

/// Inserts `rows` in batches; nothing for none.
async fn insert_rows<C, A>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        <A::Entity as EntityTrait>::insert_many(batch)
            .exec(db)
            .await?;
    }
    Ok(())
}

/// "2B", "Nederlands" → "2b", "nederlands".
fn url_part(name: &str) -> String {
    name.to_lowercase().replace(' ', "-")
}

/// Which course (by position) teaches each lesson hour of a week: every course gets hours in
/// proportion to its subject's weight, spread over the week (smooth weighted round-robin).
fn weekly_timetable(weights: &[u32], hours: usize) -> Vec<usize> {
    let total: i64 = weights.iter().copied().map(i64::from).sum();
    let mut credit = vec![0_i64; weights.len()];
    (0..hours)
        .map(|_| {
            for (credit, weight) in credit.iter_mut().zip(weights) {
                *credit += i64::from(*weight);
            }
            let chosen = (0..credit.len())
                .max_by_key(|&which| (credit[which], Reverse(which)))
                .unwrap_or_default();
            credit[chosen] -= total;
            chosen
        })
        .collect()
}

/// The same weekly timetable for every week, each course in its own room, while the topics move
/// on from lesson to lesson.
fn lessons(plan: &ClassPlan) -> Vec<lesson::ActiveModel> {
    if plan.courses.is_empty() {
        return Vec::new();
    }
    let weights: Vec<u32> = plan
        .courses
        .iter()
        .map(|(_, subject)| subject.weight)
        .collect();
    let timetable = weekly_timetable(&weights, HOURS_PER_DAY.iter().sum());
    let first_monday = monday_of(plan.today) - Duration::weeks(WEEKS_BACK);
    let mut taught = vec![0; plan.courses.len()];
    let mut rows = Vec::new();
    for week in 0..=WEEKS_BACK + WEEKS_AHEAD {
        let monday = first_monday + Duration::weeks(week);
        let mut hour_of_week = 0;
        for (weekday, hours) in (0..).zip(HOURS_PER_DAY) {
            let day = monday + Duration::days(weekday);
            for (start, end) in HOURS.into_iter().take(hours) {
                // Classes start the week at a different place in the timetable.
                let which = *pick(&timetable, hour_of_week + 7 * plan.index);
                let (course, subject) = plan.courses[which];
                rows.push(lesson::ActiveModel {
                    course_id: Set(course.id),
                    starts_at: Set(at(day, start)),
                    ends_at: Set(at(day, end)),
                    room: Set((*pick(subject.rooms, hour_of_week)).to_owned()),
                    topic: Set(Some((*pick(subject.topics, taught[which] / 2)).to_owned())),
                    ..Default::default()
                });
                taught[which] += 1;
                hour_of_week += 1;
            }
        }
    }
    rows
}

/// Four planned items per course, the courses taking turns, due on the days of [`AGENDA_DAYS`].
/// Course by course the items start at a different kind, so that in a class of three courses or
/// more the first three (all in the next two weeks) are a task, a test and an assignment.
fn agenda_items(plan: &ClassPlan) -> Vec<agenda_item::ActiveModel> {
    let mut rows = Vec::new();
    for round in 0..4 {
        for (which, (course, subject)) in plan.courses.iter().enumerate() {
            let planned = pick(subject.agenda, round + which);
            let days = *pick(&AGENDA_DAYS, rows.len());
            rows.push(agenda_item::ActiveModel {
                course_id: Set(course.id),
                kind: Set(planned.kind),
                due_on: Set(school_days_from(plan.today, days)),
                title: Set(planned.title.to_owned()),
                description: Set(planned.description.to_owned()),
                ..Default::default()
            });
        }
    }
    rows
}

/// Three or four published evaluations per course, one unpublished one per class, and a score for
/// every pupil on each.
async fn seed_results<C: ConnectionTrait>(db: &C, plan: &ClassPlan<'_>) -> Result<(), DbErr> {
    let mut evaluations = Vec::new();
    for (which, (course, subject)) in plan.courses.iter().enumerate() {
        // Every other course has one evaluation less in period 2.
        let count = if which % 2 == 0 { 4 } else { 3 };
        for (scored, (period, days_ago)) in subject.evaluations.iter().zip(HELD).take(count) {
            let held_on = school_day_on_or_before(
                plan.today - Duration::days(days_ago - 2 * (which % 4) as i64),
            );
            let published_at =
                Utc.from_utc_datetime(&at(held_on + Duration::days(PUBLISHED_AFTER_DAYS), (15, 0)));
            evaluations.push(
                insert_evaluation(db, course.id, period, scored, held_on, published_at).await?,
            );
        }
    }
    let published = evaluations.len();
    if let Some((course, subject)) = plan.courses.get(plan.index % plan.courses.len().max(1)) {
        let held_on = school_days_from(plan.today, -2);
        let published_at = plan.now + Duration::days(7);
        evaluations.push(
            insert_evaluation(db, course.id, 2, &subject.pending, held_on, published_at).await?,
        );
    }

    let mut scores = Vec::new();
    for (number, evaluation) in evaluations.iter().enumerate() {
        for &(pupil_index, pupil) in &plan.pupils {
            // Each pupil fails one published evaluation, so the red band shows.
            let failed = number == (pupil_index * 5 + 1) % published.max(1);
            let share = if failed {
                0.38 + 0.03 * (pupil_index % 3) as f64
            } else {
                1.0 - 0.62 * spread(pupil_index, number).powi(2)
            };
            let points = (evaluation.max_score * share * 2.0).round() / 2.0;
            let feedback = ((pupil_index + number) % 3 == 0)
                .then(|| (*pick(feedback_for(share), pupil_index + number)).to_owned());
            scores.push(score::ActiveModel {
                evaluation_id: Set(evaluation.id),
                pupil_id: Set(pupil.id),
                points: Set(points),
                feedback: Set(feedback),
                ..Default::default()
            });
        }
    }
    insert_rows(db, scores).await
}

async fn insert_evaluation<C: ConnectionTrait>(
    db: &C,
    course_id: i32,
    period: i16,
    scored: &Scored,
    held_on: NaiveDate,
    published_at: DateTime<Utc>,
) -> Result<evaluation::Model, DbErr> {
    evaluation::ActiveModel {
        course_id: Set(course_id),
        period: Set(period),
        name: Set(scored.name.to_owned()),
        held_on: Set(held_on),
        max_score: Set(scored.max),
        published_at: Set(published_at),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A teacher's comment that fits a score of `share` of the maximum.
fn feedback_for(share: f64) -> &'static [&'static str] {
    if share < 0.5 {
        &[
            "Deze leerstof zit nog niet goed. Herhaal de oefeningen en kom gerust naar de \
             inhaalles op dinsdagmiddag.",
            "Jammer, je kan beter. Bekijk de verbeterde toets thuis en maak de extra oefeningen \
             uit het werkboek.",
        ]
    } else if share < 0.7 {
        &[
            "Voldoende, maar let op slordigheidsfouten. Lees de vragen altijd twee keer.",
            "Je bent op de goede weg. Oefen nog wat extra op de moeilijkere vragen.",
        ]
    } else {
        &[
            "Heel goed gedaan! Je beheerst deze leerstof.",
            "Knap werk, mooi en verzorgd uitgewerkt.",
        ]
    }
}

/// The subject's files and link for every course.
fn materials(plan: &ClassPlan) -> Vec<material::ActiveModel> {
    let mut rows = Vec::new();
    for (course, subject) in &plan.courses {
        for file in subject.files {
            let content = format!(
                "{} - klas {}\n\n{}",
                course.name, plan.class.name, file.text
            )
            .into_bytes();
            rows.push(material::ActiveModel {
                course_id: Set(course.id),
                title: Set(file.title.to_owned()),
                url: Set(None),
                file_name: Set(Some(file.file_name.to_owned())),
                content_type: Set(Some("text/plain; charset=utf-8".to_owned())),
                size: Set(Some(i64::try_from(content.len()).unwrap_or_default())),
                content: Set(Some(content)),
                created_at: Set(plan.now),
                ..Default::default()
            });
        }
        rows.push(material::ActiveModel {
            course_id: Set(course.id),
            title: Set(subject.link.title.to_owned()),
            url: Set(Some(subject.link.url.to_owned())),
            file_name: Set(None),
            content_type: Set(None),
            size: Set(None),
            content: Set(None),
            created_at: Set(plan.now),
            ..Default::default()
        });
    }
    rows
}

/// The sessions of [`LIVE`], the courses taking turns; each course has its own meeting room.
fn live_sessions(plan: &ClassPlan) -> Vec<live_session::ActiveModel> {
    if plan.courses.is_empty() {
        return Vec::new();
    }
    (0..)
        .zip(LIVE)
        .map(|(number, (days, start, minutes))| {
            let (course, subject) = *pick(&plan.courses, plan.index + number);
            let starts_at = at(school_days_from(plan.today, days), start);
            live_session::ActiveModel {
                course_id: Set(course.id),
                starts_at: Set(starts_at),
                ends_at: Set(starts_at + Duration::minutes(minutes)),
                title: Set((*pick(subject.live, number)).to_owned()),
                url: Set(format!("{}-{}", plan.url_prefix, url_part(&course.name))),
                ..Default::default()
            }
        })
        .collect()
}

/// A kind of LVS remark: who sees it, when it was noted, and what it may say.
struct RemarkKind {
    visible_to_pupil: bool,
    visible_to_parents: bool,
    school_days_ago: i64,
    variants: &'static [(&'static str, &'static str)],
}

/// Every pupil gets one remark of each kind. The texts tell their audience: one addressed to the
/// pupil ("je"), one to the parents ("u"), two for both, and an internal note for staff.
const REMARKS: &[RemarkKind] = &[
    RemarkKind {
        visible_to_pupil: true,
        visible_to_parents: false,
        school_days_ago: 3,
        variants: &[
            (
                "Studiehouding",
                "Tip voor jou: plan je studeerwerk voor de toetsen vooraf in je agenda. Zo kom \
                 je niet in tijdsnood en blijft de leerstof beter hangen.",
            ),
            (
                "Attitude",
                "Even tussen ons: je stelt de laatste tijd heel goede vragen in de les. Blijf dat \
                 doen, zo leer je het meest!",
            ),
        ],
    },
    RemarkKind {
        visible_to_pupil: false,
        visible_to_parents: true,
        school_days_ago: 8,
        variants: &[
            (
                "Zorg",
                "Beste ouders, uw kind lijkt de laatste weken vaak moe in de les. Wilt u de \
                 klastitularis contacteren voor een kort gesprek?",
            ),
            (
                "Studiehouding",
                "Beste ouders, de taken worden niet altijd op tijd ingediend. Kunt u thuis mee \
                 opvolgen of de agenda goed bijgehouden wordt?",
            ),
        ],
    },
    RemarkKind {
        visible_to_pupil: true,
        visible_to_parents: true,
        school_days_ago: 14,
        variants: &[
            (
                "Compliment",
                "Proficiat met de mooie inzet bij het groepswerk: neemt spontaan \
                 verantwoordelijkheid en helpt klasgenoten.",
            ),
            (
                "Compliment",
                "Sterk gepresenteerd tijdens de spreekbeurt: rustig, duidelijk en goed \
                 voorbereid.",
            ),
        ],
    },
    RemarkKind {
        visible_to_pupil: true,
        visible_to_parents: true,
        school_days_ago: 20,
        variants: &[
            (
                "Attitude",
                "Vergat deze week twee keer het cursusmateriaal. Afgesproken om de boekentas de \
                 avond voordien klaar te zetten.",
            ),
            (
                "Attitude",
                "Praat soms door de uitleg heen. Na een gesprek gaat het al beter; we volgen dit \
                 verder op.",
            ),
        ],
    },
    RemarkKind {
        visible_to_pupil: false,
        visible_to_parents: false,
        school_days_ago: 26,
        variants: &[
            (
                "Zorg",
                "Interne notitie: besproken op de klassenraad. De leerlingbegeleiding volgt het \
                 welbevinden verder op.",
            ),
            (
                "Zorg",
                "Interne notitie: extra tijd bij toetsen toegekend volgens het handelingsplan. \
                 Evalueren op de volgende klassenraad.",
            ),
        ],
    },
];

fn remarks(plan: &ClassPlan) -> Vec<lvs_remark::ActiveModel> {
    if plan.authors.is_empty() {
        return Vec::new();
    }
    let mut rows = Vec::new();
    for &(pupil_index, pupil) in &plan.pupils {
        for (number, kind) in REMARKS.iter().enumerate() {
            let (category, text) = *pick(kind.variants, pupil_index);
            let days_ago = kind.school_days_ago + (pupil_index % 3) as i64;
            rows.push(lvs_remark::ActiveModel {
                pupil_id: Set(pupil.id),
                author_id: Set(*pick(&plan.authors, pupil_index + number)),
                noted_on: Set(school_days_from(plan.today, -days_ago)),
                category: Set(category.to_owned()),
                text: Set(text.to_owned()),
                visible_to_pupil: Set(kind.visible_to_pupil),
                visible_to_parents: Set(kind.visible_to_parents),
                ..Default::default()
            });
        }
    }
    rows
}

/// A half day (or whole day) that was not plain presence.
struct Absence {
    code: &'static str,
    halves: &'static [&'static str],
    note: &'static str,
}

/// Every pupil gets three of these in a row (three to five half days), starting at a different
/// one.
const ABSENCES: &[Absence] = &[
    Absence {
        code: "Z",
        halves: &["vm", "nm"],
        note: "Ziek, met doktersattest",
    },
    Absence {
        code: "L",
        halves: &["vm"],
        note: "Te laat (10 minuten): de bus had vertraging",
    },
    Absence {
        code: "D",
        halves: &["nm"],
        note: "Doktersbezoek: tandarts",
    },
    Absence {
        code: "R",
        halves: &["vm"],
        note: "Gewettigd afwezig: begrafenis van de grootvader",
    },
    Absence {
        code: "Z",
        halves: &["vm"],
        note: "Ziek, briefje van de ouders",
    },
    Absence {
        code: "L",
        halves: &["nm"],
        note: "Te laat na de middagpauze",
    },
];

fn absences(plan: &ClassPlan) -> Vec<attendance::ActiveModel> {
    let mut rows = Vec::new();
    for &(pupil_index, pupil) in &plan.pupils {
        for number in 0..3 {
            let absence = pick(ABSENCES, pupil_index + number);
            // Eight school days apart, all within the last five weeks.
            let days_ago = 3 + 8 * number as i64 + (pupil_index % 4) as i64;
            let mut day = school_days_from(plan.today, -days_ago);
            if day.weekday() == Weekday::Wed && absence.halves.contains(&"nm") {
                // No lessons on Wednesday afternoon.
                day -= Duration::days(1);
            }
            for half in absence.halves {
                rows.push(attendance::ActiveModel {
                    pupil_id: Set(pupil.id),
                    day: Set(day),
                    half: Set((*half).to_owned()),
                    code: Set(absence.code.to_owned()),
                    note: Set(Some(absence.note.to_owned())),
                    ..Default::default()
                });
            }
        }
    }
    rows
}
