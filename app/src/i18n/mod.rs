//! The one translation layer. Every string the interface shows is a [`Key`] looked up for a [`Lang`].
//!
//! Dutch is the default because the product speaks to Flemish families; French and English follow
//! because Belgium is trilingual. Keys are an enum so that a missing translation is a compile error,
//! not a blank on screen.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::Fr, Lang::En];

    /// The BCP 47 code, as used in `<html lang>` and in the `lang` cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Reads a language code; anything unknown falls back to Dutch.
    pub fn from_code(code: &str) -> Lang {
        match code.trim().to_ascii_lowercase().get(..2) {
            Some("fr") => Lang::Fr,
            Some("en") => Lang::En,
            _ => Lang::Nl,
        }
    }

    /// The language's own name, so that a reader of that language finds it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }
}

mod keys;

use keys::texts;
pub use keys::Key;

/// Looks up `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    let (nl, fr, en) = texts(key);
    match lang {
        Lang::Nl => nl,
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// Looks up `key` in `lang` and puts `args` in its places `{0}`, `{1}`…, so that a sentence with a
/// name or a number in it keeps each language's word order.
pub fn fill(lang: Lang, key: Key, args: &[&str]) -> String {
    let mut text = t(lang, key).to_owned();
    for (index, arg) in args.iter().enumerate() {
        text = text.replace(&format!("{{{index}}}"), arg);
    }
    text
}

/// "maandag 30 november", in the interface language.
pub fn long_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const DAYS: [[&str; 7]; 3] = [
        [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ],
        [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
    ];
    let day = DAYS[lang_index(lang)][date.weekday().num_days_from_monday() as usize];
    format!("{day} {}", short_date(lang, date))
}

/// "30 november", in the interface language.
pub fn short_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [[&str; 12]; 3] = [
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
    ];
    let month = MONTHS[lang_index(lang)][date.month0() as usize];
    match lang {
        Lang::En => format!("{month} {}", date.day()),
        Lang::Nl | Lang::Fr => format!("{} {month}", date.day()),
    }
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Nl => 0,
        Lang::Fr => 1,
        Lang::En => 2,
    }
}

/// A number as people write it here: a decimal comma in Dutch and French, at most one decimal.
pub fn number(lang: Lang, value: f64) -> String {
    let whole = value.round();
    // Most figures are whole (14 / 20, 75 %): written as an integer, without float formatting's
    // exact rounding, which costs some 2,000 instructions a figure.
    if (value - whole).abs() < 0.05 && whole.abs() < 1e15 {
        return (whole as i64).to_string();
    }
    let text = format!("{value:.1}");
    match lang {
        Lang::En => text,
        Lang::Nl | Lang::Fr => text.replace('.', ","),
    }
}

/// The name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

impl Lang {
    /// The language remembered in a `Cookie` request header, if any.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        header
            .split(';')
            .filter_map(|pair| pair.split_once('='))
            .find(|(name, _)| name.trim() == LANG_COOKIE)
            .map(|(_, value)| Lang::from_code(value))
    }
}

impl Lang {
    /// The language a browser asks for first in its `Accept-Language` header, among the three
    /// (`nl-BE`, `fr;q=0.9`…); none when it asks for none of them.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for range in header.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let quality = parts
                .find_map(|param| param.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .unwrap_or(0.0);
            let primary = tag.split('-').next().unwrap_or_default();
            let lang = match primary {
                "nl" => Lang::Nl,
                "fr" => Lang::Fr,
                "en" => Lang::En,
                _ => continue,
            };
            if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
                best = Some((lang, quality));
            }
        }
        best.map(|(lang, _)| lang)
    }
}

/// The language of the request being rendered (server) or of the page being hydrated (browser):
/// the person's choice (a cookie), else what the browser asks for, else Dutch.
pub fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| {
                let header = |name| parts.headers.get(name)?.to_str().ok();
                header(http::header::COOKIE)
                    .and_then(Lang::from_cookie_header)
                    .or_else(|| {
                        header(http::header::ACCEPT_LANGUAGE).and_then(Lang::from_accept_language)
                    })
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        // The server wrote the language into <html lang>; reading it back keeps hydration in step.
        leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .map(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
}

/// Makes the request's language available to every component below.
pub fn provide_lang() {
    leptos::prelude::provide_context(request_lang());
}

/// The language of the page; in an island in the browser, where the page's context does not
/// reach, the one the server wrote into `<html lang>`.
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_else(request_lang)
}

/// Translates `key` into the current language.
pub fn tr(key: Key) -> &'static str {
    t(use_lang(), key)
}

/// Translates `key` into the current language with `args` in its places (see [`fill`]).
pub fn tr_fill(key: Key, args: &[&str]) -> String {
    fill(use_lang(), key, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_whole_or_with_one_decimal() {
        assert_eq!(number(Lang::Nl, 14.0), "14");
        assert_eq!(number(Lang::Nl, 13.96), "14");
        assert_eq!(number(Lang::Nl, 7.5), "7,5");
        assert_eq!(number(Lang::Fr, 7.25), "7,2");
        assert_eq!(number(Lang::En, 66.666), "66.7");
        assert_eq!(number(Lang::En, -2.0), "-2");
        assert_eq!(number(Lang::Nl, -0.01), "0");
        // Every tenth reads as the float formatting wrote it.
        for tenths in -2_000..2_000 {
            let value = f64::from(tenths) / 10.0;
            let expected = if tenths % 10 == 0 {
                format!("{value:.0}")
            } else {
                format!("{value:.1}").replace('.', ",")
            };
            assert_eq!(number(Lang::Nl, value), expected, "{value}");
        }
    }

    #[test]
    fn unknown_language_codes_fall_back_to_dutch() {
        assert_eq!(Lang::from_code("de"), Lang::Nl);
        assert_eq!(Lang::from_code(""), Lang::Nl);
        assert_eq!(Lang::from_code("FR-be"), Lang::Fr);
        assert_eq!(Lang::from_code("en"), Lang::En);
    }

    #[test]
    fn a_first_visit_follows_the_browsers_languages_among_the_three() {
        assert_eq!(
            Lang::from_accept_language("fr-BE,fr;q=0.9,nl;q=0.8"),
            Some(Lang::Fr)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,de;q=0.9,en;q=0.7,nl;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_accept_language("en;q=0.4, nl-BE"),
            Some(Lang::Nl)
        );
        assert_eq!(
            Lang::from_accept_language("fr;q=0, en;q=0.2"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de, es;q=0.8"), None);
        assert_eq!(Lang::from_accept_language("*"), None);
        assert_eq!(Lang::from_accept_language("fr;q=abc, en"), Some(Lang::En));
    }

    #[test]
    fn every_language_code_reads_back_as_itself() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), lang);
        }
    }

    #[test]
    fn the_lang_cookie_is_found_among_others() {
        assert_eq!(
            Lang::from_cookie_header("a=1; lang=fr; b=2"),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_cookie_header("lang=en"), Some(Lang::En));
        assert_eq!(Lang::from_cookie_header("slang=fr; x=y"), None);
        assert_eq!(Lang::from_cookie_header(""), None);
    }

    #[test]
    fn the_seed_terms_are_the_dutch_defaults() {
        assert_eq!(
            t(Lang::default(), Key::ForgotPassword),
            "Wachtwoord vergeten?"
        );
        assert_eq!(t(Lang::default(), Key::UsernameLabel), "Gebruikersnaam");
        assert_eq!(t(Lang::default(), Key::ChildrenNav), "Mijn kinderen");
        assert_ne!(
            t(Lang::Fr, Key::UsernameLabel),
            t(Lang::Nl, Key::UsernameLabel)
        );
    }
}
