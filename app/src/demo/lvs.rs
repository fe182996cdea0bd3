//! The demo's LVS texts: the kinds of remark every pupil gets and the absences they had. Pure
//! data; `super::modules` turns it into rows.

use crate::models::HalfDay;

/// A kind of LVS remark: who sees it, when it was noted, and what it may say.
pub(super) struct RemarkKind {
    pub(super) visible_to_pupil: bool,
    pub(super) visible_to_parents: bool,
    pub(super) school_days_ago: i64,
    pub(super) variants: &'static [(&'static str, &'static str)],
}

/// Every pupil gets one remark of each kind. The texts tell their audience: one addressed to the
/// pupil ("je"), one to the parents ("u"), two for both, and an internal note for staff.
pub(super) const REMARKS: &[RemarkKind] = &[
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

/// A half day (or whole day) that was not plain presence.
pub(super) struct Absence {
    pub(super) code: &'static str,
    pub(super) halves: &'static [HalfDay],
    pub(super) note: &'static str,
}

/// Every pupil gets three of these in a row (three to five half days), starting at a different
/// one.
pub(super) const ABSENCES: &[Absence] = &[
    Absence {
        code: "Z",
        halves: &[HalfDay::Morning, HalfDay::Afternoon],
        note: "Ziek, met doktersattest",
    },
    Absence {
        code: "L",
        halves: &[HalfDay::Morning],
        note: "Te laat (10 minuten): de bus had vertraging",
    },
    Absence {
        code: "D",
        halves: &[HalfDay::Afternoon],
        note: "Doktersbezoek: tandarts",
    },
    Absence {
        code: "R",
        halves: &[HalfDay::Morning],
        note: "Gewettigd afwezig: begrafenis van de grootvader",
    },
    Absence {
        code: "Z",
        halves: &[HalfDay::Morning],
        note: "Ziek, briefje van de ouders",
    },
    Absence {
        code: "L",
        halves: &[HalfDay::Afternoon],
        note: "Te laat na de middagpauze",
    },
];
