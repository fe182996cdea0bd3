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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    ProductName,
    ChooseSchool,
    ChooseSchoolIntro,
    SchoolsNav,
    SignInTitle,
    SignInIntro,
    PlatformLabel,
    UsernameLabel,
    PasswordLabel,
    ShowPassword,
    SignInButton,
    ForgotPassword,
    CoAccountHint,
    ChildrenNav,
    Help,
    HelpTitle,
    HelpSignIn,
    HelpCoAccount,
    HelpForgot,
    LanguageLabel,
    ChangeLanguage,
    MainContent,
    NotFoundTitle,
    NotFoundText,
    ServerErrorTitle,
    ServerErrorText,
    BackHome,
    OtherSchool,
    FooterPrivacy,
    Loading,
    SchoolsLoadFailed,
}

/// Looks up `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    let (nl, fr, en) = texts(key);
    match lang {
        Lang::Nl => nl,
        Lang::Fr => fr,
        Lang::En => en,
    }
}

fn texts(key: Key) -> (&'static str, &'static str, &'static str) {
    use Key::*;
    match key {
        ProductName => ("Schoolplatform", "Plateforme scolaire", "School platform"),
        ChooseSchool => ("Kies je school", "Choisissez votre école", "Choose your school"),
        ChooseSchoolIntro => (
            "Meld je aan op het platform van de school van je kind.",
            "Connectez-vous à la plateforme de l'école de votre enfant.",
            "Sign in on the platform of your child's school.",
        ),
        SchoolsNav => ("Scholen", "Écoles", "Schools"),
        SignInTitle => ("Aanmelden", "Se connecter", "Sign in"),
        SignInIntro => (
            "Leerlingen en ouders melden zich aan met de gebruikersnaam van de leerling.",
            "Élèves et parents se connectent avec le nom d'utilisateur de l'élève.",
            "Pupils and parents sign in with the pupil's username.",
        ),
        PlatformLabel => ("Smartschoolplatform", "Plateforme Smartschool", "Smartschool platform"),
        UsernameLabel => ("Gebruikersnaam", "Nom d'utilisateur", "Username"),
        PasswordLabel => ("Wachtwoord", "Mot de passe", "Password"),
        ShowPassword => ("Toon wachtwoord", "Afficher le mot de passe", "Show password"),
        SignInButton => ("Aanmelden", "Se connecter", "Sign in"),
        ForgotPassword => ("Wachtwoord vergeten?", "Mot de passe oublié ?", "Forgot your password?"),
        CoAccountHint => (
            "Ouder? Gebruik de gebruikersnaam van je kind met je eigen wachtwoord (co-account).",
            "Parent ? Utilisez le nom d'utilisateur de votre enfant avec votre propre mot de passe (co-compte).",
            "Parent? Use your child's username with your own password (co-account).",
        ),
        ChildrenNav => ("Mijn kinderen", "Mes enfants", "My children"),
        Help => ("Help", "Aide", "Help"),
        HelpTitle => ("Hulp", "Aide", "Help"),
        HelpSignIn => (
            "Kies de school van je kind en meld je aan met een gebruikersnaam en een wachtwoord. Het wachtwoord bepaalt wie zich aanmeldt: de leerling of een ouder.",
            "Choisissez l'école de votre enfant et connectez-vous avec un nom d'utilisateur et un mot de passe. Le mot de passe détermine qui se connecte : l'élève ou un parent.",
            "Choose your child's school and sign in with a username and a password. The password decides who signs in: the pupil or a parent.",
        ),
        HelpCoAccount => (
            "Een co-account is gekoppeld aan de account van je kind. Je ziet dezelfde informatie als je kind, behalve de berichten, oudercontact en eigen documenten: die zijn strikt gescheiden.",
            "Un co-compte est lié au compte de votre enfant. Vous voyez les mêmes informations que votre enfant, sauf les messages, les contacts parents et les documents personnels : ceux-ci sont strictement séparés.",
            "A co-account is linked to your child's account. You see the same information as your child, except messages, parent-teacher conferences and personal documents: those are strictly separate.",
        ),
        HelpForgot => (
            "Wachtwoord vergeten? Vul je gebruikersnaam in via \"Wachtwoord vergeten?\" op de aanmeldpagina. Je krijgt dan een e-mail op het adres dat je bij je eerste aanmelding bevestigde.",
            "Mot de passe oublié ? Indiquez votre nom d'utilisateur via « Mot de passe oublié ? » sur la page de connexion. Vous recevrez un e-mail à l'adresse confirmée lors de votre première connexion.",
            "Forgot your password? Enter your username through \"Forgot your password?\" on the sign-in page. You will receive an e-mail at the address you confirmed at your first sign-in.",
        ),
        LanguageLabel => ("Taal", "Langue", "Language"),
        ChangeLanguage => ("Wijzig taal", "Changer de langue", "Change language"),
        MainContent => ("Naar de inhoud", "Aller au contenu", "Skip to content"),
        NotFoundTitle => ("Pagina niet gevonden", "Page introuvable", "Page not found"),
        NotFoundText => (
            "Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar het begin.",
            "Cette page n'existe pas (ou plus). Vérifiez l'adresse ou retournez à l'accueil.",
            "This page does not exist (any more). Check the address or go back to the start.",
        ),
        ServerErrorTitle => ("Er ging iets mis", "Une erreur s'est produite", "Something went wrong"),
        ServerErrorText => (
            "Het platform kon je vraag nu niet verwerken. Probeer het over enkele ogenblikken opnieuw.",
            "La plateforme n'a pas pu traiter votre demande. Réessayez dans quelques instants.",
            "The platform could not handle your request. Please try again in a moment.",
        ),
        BackHome => ("Terug naar het begin", "Retour à l'accueil", "Back to the start"),
        OtherSchool => ("Andere school kiezen", "Choisir une autre école", "Choose another school"),
        FooterPrivacy => (
            "Je gegevens worden enkel binnen het schoolplatform gebruikt.",
            "Vos données ne sont utilisées qu'au sein de la plateforme scolaire.",
            "Your data is only used within the school platform.",
        ),
        Loading => ("Laden…", "Chargement…", "Loading…"),
        SchoolsLoadFailed => (
            "De scholen konden niet geladen worden. Herlaad de pagina over enkele ogenblikken.",
            "Les écoles n'ont pas pu être chargées. Rechargez la page dans quelques instants.",
            "The schools could not be loaded. Reload the page in a moment.",
        ),
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

/// The language of the request being rendered (server) or of the page being hydrated (browser).
pub fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| {
                let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
                Lang::from_cookie_header(header)
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

pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

/// Translates `key` into the current language.
pub fn tr(key: Key) -> &'static str {
    t(use_lang(), key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_language_codes_fall_back_to_dutch() {
        assert_eq!(Lang::from_code("de"), Lang::Nl);
        assert_eq!(Lang::from_code(""), Lang::Nl);
        assert_eq!(Lang::from_code("FR-be"), Lang::Fr);
        assert_eq!(Lang::from_code("en"), Lang::En);
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
