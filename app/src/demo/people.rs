//! The demo's people: its two schools with their classes, staff, courses, pupils and co-accounts,
//! and the family that links Heidi's two co-accounts. Pure data; `super` seeds it.
//!
//! Tests, the start-up banner and the end-to-end tests sign in with these names and passwords:
//! change them only together.

use crate::db::entities::account::AccountKind;
use crate::models::AddressKind;

pub struct School {
    pub slug: &'static str,
    pub name: &'static str,
    pub city: &'static str,
    pub max_co_accounts: i32,
    pub classes: &'static [&'static str],
    /// Class and the username of its class teacher (klastitularis).
    pub class_teachers: &'static [(&'static str, &'static str)],
    /// The school's important addresses and the staff username behind each.
    pub addresses: &'static [(AddressKind, &'static str)],
    pub staff: &'static [Staff],
    pub courses: &'static [Course],
    pub pupils: &'static [Pupil],
}

pub struct Staff {
    pub username: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub kind: AccountKind,
    pub password: &'static str,
}

pub struct Course {
    pub class: &'static str,
    pub name: &'static str,
    pub teacher: &'static str,
}

pub struct Pupil {
    pub username: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub class: &'static str,
    pub password: &'static str,
    pub co_accounts: &'static [CoAccount],
}

pub struct CoAccount {
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub relation: &'static str,
    pub password: &'static str,
    /// A confirmed address, so that the mailed flows (forgotten password, reactivation) work.
    pub email: Option<&'static str>,
    /// A one-time start password, as on the letter a pupil takes home: the first sign-in must change it.
    pub start_password: bool,
}

const fn staff(
    kind: AccountKind,
    username: &'static str,
    first_name: &'static str,
    last_name: &'static str,
    password: &'static str,
) -> Staff {
    Staff {
        username,
        first_name,
        last_name,
        kind,
        password,
    }
}

const fn course(class: &'static str, name: &'static str, teacher: &'static str) -> Course {
    Course {
        class,
        name,
        teacher,
    }
}

const fn parent(
    first_name: &'static str,
    last_name: &'static str,
    relation: &'static str,
    password: &'static str,
) -> CoAccount {
    CoAccount {
        first_name,
        last_name,
        relation,
        password,
        email: None,
        start_password: false,
    }
}

const fn with_email(co_account: CoAccount, email: &'static str) -> CoAccount {
    CoAccount {
        email: Some(email),
        ..co_account
    }
}

const fn with_start_password(co_account: CoAccount) -> CoAccount {
    CoAccount {
        start_password: true,
        ..co_account
    }
}

pub const SCHOOLS: &[School] = &[
    School {
        slug: "sintclara",
        name: "Sint-Claracollege",
        city: "Arendonk",
        max_co_accounts: 3,
        classes: &["1A", "2B"],
        class_teachers: &[("1A", "an.claes"), ("2B", "pieter.wuyts")],
        addresses: &[
            (AddressKind::Secretariaat, "beheer"),
            (AddressKind::Directie, "beheer"),
            (AddressKind::Zorg, "bart.jacobs"),
        ],
        staff: &[
            staff(
                AccountKind::Teacher,
                "an.claes",
                "An",
                "Claes",
                "An-leerkracht-2026",
            ),
            staff(
                AccountKind::Teacher,
                "pieter.wuyts",
                "Pieter",
                "Wuyts",
                "Pieter-leerkracht-2026",
            ),
            staff(
                AccountKind::Teacher,
                "bart.jacobs",
                "Bart",
                "Jacobs",
                "Bart-leerkracht-2026",
            ),
            staff(
                AccountKind::Admin,
                "beheer",
                "Marc",
                "Verhoeven",
                "Beheer-sintclara-2026",
            ),
        ],
        courses: &[
            course("1A", "Wiskunde", "an.claes"),
            course("1A", "Nederlands", "an.claes"),
            course("1A", "Frans", "pieter.wuyts"),
            course("1A", "Geschiedenis", "pieter.wuyts"),
            course("2B", "Wiskunde", "pieter.wuyts"),
            course("2B", "Nederlands", "an.claes"),
            course("2B", "Engels", "pieter.wuyts"),
            course("2B", "Lichamelijke opvoeding", "bart.jacobs"),
        ],
        pupils: &[
            Pupil {
                username: "lotte.peeters",
                first_name: "Lotte",
                last_name: "Peeters",
                class: "1A",
                password: "Lotte-leerling-2026",
                co_accounts: &[
                    with_email(
                        parent("Heidi", "Peeters", "moeder", "Heidi-mama-2026"),
                        "heidi.peeters@gezin.example",
                    ),
                    with_email(
                        parent("Tom", "Peeters", "vader", "Tom-papa-2026"),
                        "tom.peeters@gezin.example",
                    ),
                ],
            },
            Pupil {
                username: "emma.janssens",
                first_name: "Emma",
                last_name: "Janssens",
                class: "1A",
                password: "Emma-leerling-2026",
                co_accounts: &[with_start_password(parent(
                    "Sarah",
                    "Wouters",
                    "moeder",
                    "Start-Sarah-4821",
                ))],
            },
            Pupil {
                username: "noah.maes",
                first_name: "Noah",
                last_name: "Maes",
                class: "2B",
                password: "Noah-leerling-2026",
                co_accounts: &[
                    with_email(
                        parent("Ines", "Maes", "moeder", "Ines-mama-2026"),
                        "ines.maes@gezin.example",
                    ),
                    parent("Kevin", "Maes", "vader", "Kevin-papa-2026"),
                    parent("Nathalie", "Goossens", "stiefmoeder", "Nathalie-2026"),
                ],
            },
        ],
    },
    School {
        slug: "sintjozef",
        name: "Sint-Jozefinstituut",
        city: "Geel",
        max_co_accounts: 2,
        classes: &["3C"],
        class_teachers: &[("3C", "sofie.mertens")],
        addresses: &[
            (AddressKind::Secretariaat, "beheer"),
            (AddressKind::Directie, "beheer"),
            (AddressKind::Zorg, "jan.desmet"),
        ],
        staff: &[
            staff(
                AccountKind::Teacher,
                "sofie.mertens",
                "Sofie",
                "Mertens",
                "Sofie-leerkracht-2026",
            ),
            staff(
                AccountKind::Teacher,
                "jan.desmet",
                "Jan",
                "De Smet",
                "Jan-leerkracht-2026",
            ),
            staff(
                AccountKind::Admin,
                "beheer",
                "Els",
                "Jacobs",
                "Beheer-sintjozef-2026",
            ),
        ],
        courses: &[
            course("3C", "Wiskunde", "sofie.mertens"),
            course("3C", "Biologie", "sofie.mertens"),
            course("3C", "Nederlands", "jan.desmet"),
            course("3C", "Frans", "jan.desmet"),
        ],
        pupils: &[
            Pupil {
                username: "wout.peeters",
                first_name: "Wout",
                last_name: "Peeters",
                class: "3C",
                password: "Wout-leerling-2026",
                co_accounts: &[with_email(
                    parent("Heidi", "Peeters", "moeder", "Heidi-mama-2026"),
                    "heidi.peeters@gezin.example",
                )],
            },
            Pupil {
                username: "lina.vermeulen",
                first_name: "Lina",
                last_name: "Vermeulen",
                class: "3C",
                password: "Lina-leerling-2026",
                co_accounts: &[parent("Joke", "Vermeulen", "voogd", "Joke-voogd-2026")],
            },
        ],
    },
];

/// Co-accounts linked into one family (school, username, first name of the co-account): Heidi's
/// two, so that a new user sees one parent with children at both schools.
pub const FAMILIES: &[&[(&str, &str, &str)]] = &[&[
    ("sintclara", "lotte.peeters", "Heidi"),
    ("sintjozef", "wout.peeters", "Heidi"),
]];
