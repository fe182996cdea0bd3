//! The mails of the account services, in Dutch.

use super::Auth;
use crate::db::entities::sub_account;
use crate::mail::Mail;

fn greeting(person: &sub_account::Model) -> String {
    format!("Beste {}", person.first_name)
}

pub(super) fn confirmation_mail(
    auth: &Auth,
    person: &sub_account::Model,
    email: &str,
    token: &str,
) -> Mail {
    Mail::with_link(
        email,
        "Bevestig uw e-mailadres",
        &greeting(person),
        &[
            "U vulde dit e-mailadres in op het schoolplatform. Bevestig het met de knop hieronder.",
            "Daarna kan u zelf uw account terug activeren als die wordt uitgeschakeld, en meldingen per e-mail ontvangen.",
            "Uw e-mailadres wordt niet gedeeld met andere partijen en wordt enkel binnen het schoolplatform gebruikt.",
            "Vroeg u dit niet aan? Dan mag u deze e-mail negeren.",
        ],
        "Bevestig e-mailadres",
        &auth.link("/e-mail-bevestigen", token),
    )
}

pub(super) fn reset_mail(
    auth: &Auth,
    person: &sub_account::Model,
    username: &str,
    email: &str,
    token: &str,
) -> Mail {
    let intro = format!(
        "Er werd een nieuw wachtwoord gevraagd voor de gebruikersnaam {username}. Met de knop hieronder kiest u een nieuw wachtwoord; de link werkt één keer en twee uur lang."
    );
    Mail::with_link(
        email,
        "Nieuw wachtwoord kiezen",
        &greeting(person),
        &[
            &intro,
            "Uw huidige wachtwoord blijft werken tot u een nieuw kiest. Vroeg u niets aan? Dan mag u deze e-mail negeren.",
        ],
        "Kies een nieuw wachtwoord",
        &auth.link("/wachtwoord-herstellen", token),
    )
}

pub(super) fn reactivation_mail(
    auth: &Auth,
    person: &sub_account::Model,
    email: &str,
    token: &str,
) -> Mail {
    Mail::with_link(
        email,
        "Aanmelden even geblokkeerd",
        &greeting(person),
        &[
            "Er werd te vaak een verkeerd wachtwoord ingegeven voor uw gebruikersnaam. Aanmelden is daarom even geblokkeerd: eerst één minuut, bij herhaling langer. Wie al aangemeld is, blijft aangemeld.",
            "Was u dit zelf? Met de knop hieronder kan u meteen weer aanmelden; u hoeft dit niet te melden aan de school.",
        ],
        "Meteen weer aanmelden",
        &auth.link("/heractiveren", token),
    )
}

pub(super) fn withdrawn_mail(
    auth: &Auth,
    person: &sub_account::Model,
    username: &str,
    email: &str,
    token: &str,
) -> Mail {
    let intro = format!(
        "Een andere persoon van de gebruikersnaam {username} (de leerling of een andere ouder) probeerde zonet uw wachtwoord als het zijne in te stellen. Daarom werkt uw wachtwoord niet meer en werden al uw aanmeldingen beëindigd."
    );
    Mail::with_link(
        email,
        "Kies een nieuw wachtwoord",
        &greeting(person),
        &[
            &intro,
            "Kies met de knop hieronder een nieuw wachtwoord; de link werkt één keer en twee uur lang. Daarna kan u ook altijd \"Wachtwoord vergeten?\" gebruiken.",
        ],
        "Kies een nieuw wachtwoord",
        &auth.link("/wachtwoord-herstellen", token),
    )
}

pub(super) fn email_changed_mail(
    auth: &Auth,
    person: &sub_account::Model,
    old: &str,
    new: &str,
) -> Mail {
    let what = format!(
        "Het e-mailadres van uw account op het schoolplatform werd zonet gewijzigd van {old} naar {new}. Meldingen en links gaan voortaan naar het nieuwe adres."
    );
    Mail::with_link(
        old,
        "Uw e-mailadres werd gewijzigd",
        &greeting(person),
        &[
            &what,
            "Was u dit niet? Neem dan meteen contact op met de school.",
        ],
        "Naar het schoolplatform",
        &auth.base_url,
    )
}

pub(super) fn password_changed_mail(auth: &Auth, person: &sub_account::Model, email: &str) -> Mail {
    Mail::with_link(
        email,
        "Uw wachtwoord werd gewijzigd",
        &greeting(person),
        &[
            "Uw wachtwoord op het schoolplatform werd zonet gewijzigd. Uw andere aanmeldingen werden beëindigd.",
            "Was u dit niet? Neem dan meteen contact op met de school.",
        ],
        "Naar het schoolplatform",
        &auth.base_url,
    )
}
