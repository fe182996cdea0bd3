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
    ErrInvalidCredentials,
    ErrRateLimited,
    ErrBusy,
    ErrSignedOut,
    ErrPasswordChangeRequired,
    ErrForbidden,
    ErrInvalidEmail,
    ErrInvalidLink,
    ErrDisabledBySchool,
    PwTooShort,
    PwTooLong,
    PwTooCommon,
    PwSameAsUsername,
    PwSameAsOther,
    PwMismatch,
    PwUnchanged,
    Welcome,
    SignOut,
    SignedInAsPupil,
    SignedInAsCoAccount,
    SignedInAsStaff,
    ChangePasswordTitle,
    ChangePasswordIntro,
    StartPasswordNotice,
    NewPassword,
    RepeatPassword,
    SavePassword,
    EmailTitle,
    EmailBenefitReactivate,
    EmailBenefitNotify,
    EmailPrivate,
    EmailLabel,
    ConfirmEmailButton,
    EmailBanner,
    EmailSentTo,
    ResendButton,
    ForgotIntro,
    ForgotButton,
    ForgotDone,
    ResetDone,
    ReactivateTitle,
    ReactivateIntro,
    ReactivateButton,
    ReactivateDone,
    ConfirmEmailTitle,
    ConfirmEmailIntro,
    EmailConfirmed,
    DoneTitle,
    ToSignIn,
    ToStart,
    Working,
    AccountNav,
    EmailPending,
    EmailOk,
    ChangePasswordLink,
    ModMyChildren,
    ModAgenda,
    ModResults,
    ModCourses,
    ModLiveSessions,
    ModLvs,
    ModMessages,
    ModMyDocuments,
    ModOudercontact,
    ModProfile,
    ModBeheer,
    GoTo,
    ModulesNav,
    ChildOf,
    Today,
    PrevWeek,
    NextWeek,
    ThisWeek,
    WeekOf,
    NoLessons,
    Lessons,
    Planned,
    KindTask,
    KindTest,
    KindAssignment,
    Period,
    Evaluation,
    Date,
    Score,
    ClassAverage,
    Feedback,
    Total,
    NoResults,
    Details,
    BackToResults,
    BandLow,
    BandMid,
    BandHigh,
    Teacher,
    NoMaterials,
    NoCourses,
    Download,
    OpenLink,
    Join,
    Past,
    NoLiveSessions,
    Remarks,
    Attendance,
    Category,
    Author,
    NoRemarks,
    NoAbsences,
    Morning,
    Afternoon,
    Code,
    CodeLegend,
    Upload,
    FileLabel,
    Delete,
    NoDocuments,
    MaxSize,
    DocumentsPrivate,
    Uploaded,
    Size,
    UploadDone,
    DeleteDone,
    ErrFileTooLarge,
    ErrNoFile,
    MessagesToYou,
    NoMessages,
    Upcoming,
    NoUpcoming,
    LatestResults,
    AllResults,
    FullAgenda,
    OudercontactNone,
    ChoosePupil,
    NoPupils,
    Class,
    OtherPupil,
    ForbiddenTitle,
    HelpMyChildren,
    AddChildren,
    AddChildrenIntro,
    SeparatedNotice,
    LinkButton,
    LinkDone,
    ErrAlreadyLinked,
    LinkedChildren,
    Unlink,
    UnlinkQuestion,
    UnlinkYes,
    Cancel,
    UnlinkDone,
    OwnChild,
    Timeline,
    AllChildren,
    NewResult,
    NoTimeline,
    ShowChild,
    HelpFamily,
    HelpAgenda,
    HelpResults,
    HelpCourses,
    HelpLive,
    HelpLvs,
    HelpDocuments,
    HelpOudercontact,
    FolderInbox,
    FolderSent,
    FolderDrafts,
    FolderArchive,
    FolderTrash,
    AddressSecretariaat,
    AddressDirectie,
    AddressZorg,
    ClassTeacher,
    ClassWord,
    ParentsOfClass,
    ParentsOf,
    Of,
    NewMessage,
    FoldersNav,
    SearchMessages,
    SearchButton,
    ClearSearch,
    SenderCol,
    ToCol,
    SubjectCol,
    DateCol,
    Unread,
    UnreadCount,
    Flagged,
    HasAttachment,
    EmptyFolder,
    NoSearchHits,
    PreviousPage,
    NextPage,
    PageWord,
    EmptyTrash,
    EmptyTrashQuestion,
    EmptyTrashConfirm,
    Reply,
    ReplyAll,
    Forward,
    MarkUnread,
    FlagAction,
    UnflagAction,
    ArchiveAction,
    TrashAction,
    RestoreAction,
    EditDraft,
    Attachments,
    RemoteImagesBlocked,
    ShowImages,
    BackToFolder,
    RecipientsHint,
    GroupSchool,
    GroupTeachers,
    GroupEarlier,
    NoRecipients,
    BodyLabel,
    BodyHint,
    AttachLabel,
    AttachHint,
    AttachedAlready,
    SendButton,
    SaveDraftButton,
    MsgSent,
    DraftSaved,
    DoneMoved,
    DoneTrash,
    DoneEmptied,
    DoneUnread,
    ErrNoRecipient,
    ErrNoSubject,
    ErrMessageTooLong,
    ErrAttachmentsTooLarge,
    ErrMessageFailed,
    NotificationsTitle,
    NotifyMessagesLabel,
    NotifyMessagesHint,
    SaveSettings,
    SettingsSaved,
    AllMessages,
    NoSubjectShown,
    DraftWord,
    MessagesPersonal,
    HelpMessages,
    OcParentIntro,
    OcTeacherIntro,
    OcBooked,
    OcCancelled,
    OcOpened,
    OcHoursSaved,
    OcOnline,
    OcOnSite,
    OcOpensOn,
    OcOpenUntil,
    OcClosed,
    OcFamilyBookings,
    OcNoTeachers,
    OcClassTeacher,
    OcSlotWith,
    OcTopic,
    OcBookedAt,
    OcNoFreeSlots,
    OcBook,
    OcSuggestion,
    OcSuggestionIntro,
    OcBookSeries,
    OcNoBookings,
    OcCancel,
    OcBookedBy,
    OcNoMoments,
    OcFrom,
    OcUntil,
    OcBreakFrom,
    OcBreakUntil,
    OcSaveHours,
    OcNotAvailable,
    OcPrintable,
    OcPrint,
    OcTime,
    OcChild,
    OcParent,
    OcFree,
    OcMoments,
    OcTalksBooked,
    OcNoHoursYet,
    OcBookedOfTalks,
    OcNewMoment,
    OcTitle,
    OcFirstDay,
    OcLastDay,
    OcDayStarts,
    OcDayEnds,
    OcSlotMinutes,
    OcGapMinutes,
    OcOpensAt,
    OcClosesAt,
    OcPlace,
    OcClasses,
    OcOpenMoment,
    ErrSlotTaken,
    ErrAlreadyBooked,
    ErrBookingClosed,
    ErrInvalidSchedule,
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
        ErrInvalidCredentials => ("Gebruikersnaam of wachtwoord is niet correct.", "Nom d'utilisateur ou mot de passe incorrect.", "Username or password is not correct."),
        ErrRateLimited => ("Te veel pogingen. Wacht enkele minuten en probeer opnieuw.", "Trop de tentatives. Attendez quelques minutes et réessayez.", "Too many attempts. Wait a few minutes and try again."),
        ErrBusy => ("Het platform is even erg druk. Probeer het over enkele seconden opnieuw.", "La plateforme est très occupée. Réessayez dans quelques secondes.", "The platform is very busy. Try again in a few seconds."),
        ErrSignedOut => ("U bent niet (meer) aangemeld. Meld u opnieuw aan.", "Vous n'êtes pas (plus) connecté. Reconnectez-vous.", "You are not signed in (any more). Please sign in again."),
        ErrPasswordChangeRequired => ("Kies eerst een nieuw wachtwoord.", "Choisissez d'abord un nouveau mot de passe.", "Choose a new password first."),
        ErrForbidden => ("U hebt geen toegang tot deze gegevens.", "Vous n'avez pas accès à ces données.", "You have no access to this information."),
        ErrInvalidEmail => ("Dit e-mailadres is niet geldig. Controleer het en probeer opnieuw.", "Cette adresse e-mail n'est pas valide. Vérifiez-la et réessayez.", "This e-mail address is not valid. Check it and try again."),
        ErrInvalidLink => ("Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.", "Ce lien est invalide, déjà utilisé ou expiré. Demandez-en un nouveau.", "This link is invalid, already used or expired. Ask for a new one."),
        ErrDisabledBySchool => ("Uw account werd door de school uitgeschakeld. Neem contact op met de school.", "Votre compte a été désactivé par l'école. Contactez l'école.", "Your account was disabled by the school. Please contact the school."),
        PwTooShort => ("Uw wachtwoord moet minstens 8 tekens lang zijn.", "Votre mot de passe doit compter au moins 8 caractères.", "Your password must be at least 8 characters long."),
        PwTooLong => ("Uw wachtwoord mag hoogstens 128 tekens lang zijn.", "Votre mot de passe peut compter au plus 128 caractères.", "Your password may be at most 128 characters long."),
        PwTooCommon => ("Dit wachtwoord wordt te vaak gebruikt. Kies een ander.", "Ce mot de passe est trop courant. Choisissez-en un autre.", "This password is too common. Choose another one."),
        PwSameAsUsername => ("Uw wachtwoord mag niet gelijk zijn aan de gebruikersnaam.", "Votre mot de passe ne peut pas être identique au nom d'utilisateur.", "Your password may not equal the username."),
        PwSameAsOther => ("Dit wachtwoord is al in gebruik door een andere persoon op deze gebruikersnaam (de leerling of een andere ouder). Kies een ander wachtwoord.", "Ce mot de passe est déjà utilisé par une autre personne de ce nom d'utilisateur (l'élève ou un autre parent). Choisissez-en un autre.", "Another person on this username (the pupil or another parent) already uses this password. Choose another one."),
        PwMismatch => ("De twee wachtwoorden zijn niet gelijk.", "Les deux mots de passe ne sont pas identiques.", "The two passwords do not match."),
        PwUnchanged => ("Kies een ander wachtwoord dan uw huidige.", "Choisissez un autre mot de passe que l'actuel.", "Choose a password other than your current one."),
        Welcome => ("Welkom", "Bienvenue", "Welcome"),
        SignOut => ("Afmelden", "Se déconnecter", "Sign out"),
        SignedInAsPupil => ("U bent aangemeld als leerling.", "Vous êtes connecté en tant qu'élève.", "You are signed in as a pupil."),
        SignedInAsCoAccount => ("U bent aangemeld met een co-account van", "Vous êtes connecté avec un co-compte de", "You are signed in with a co-account of"),
        SignedInAsStaff => ("U bent aangemeld als personeelslid van", "Vous êtes connecté en tant que membre du personnel de", "You are signed in as a staff member of"),
        ChangePasswordTitle => ("Kies een nieuw wachtwoord", "Choisissez un nouveau mot de passe", "Choose a new password"),
        ChangePasswordIntro => ("Kies uw eigen wachtwoord: minstens 8 tekens. Een zin van enkele woorden is sterk en makkelijk te onthouden.", "Choisissez votre propre mot de passe : au moins 8 caractères. Une phrase de quelques mots est solide et facile à retenir.", "Choose your own password: at least 8 characters. A sentence of a few words is strong and easy to remember."),
        StartPasswordNotice => ("U meldde zich aan met een startwachtwoord. Kies eerst uw eigen wachtwoord.", "Vous vous êtes connecté avec un mot de passe initial. Choisissez d'abord votre propre mot de passe.", "You signed in with a start password. First choose your own password."),
        NewPassword => ("Nieuw wachtwoord", "Nouveau mot de passe", "New password"),
        RepeatPassword => ("Herhaal het nieuwe wachtwoord", "Répétez le nouveau mot de passe", "Repeat the new password"),
        SavePassword => ("Wachtwoord opslaan", "Enregistrer le mot de passe", "Save password"),
        EmailTitle => ("Vul uw e-mailadres in", "Indiquez votre adresse e-mail", "Enter your e-mail address"),
        EmailBenefitReactivate => ("Als uw account wordt uitgeschakeld, ontvangt u via e-mail een link om deze zelf terug te activeren. Zo hoeft u dit niet te melden aan de beheerder van uw school.", "Si votre compte est désactivé, vous recevez par e-mail un lien pour le réactiver vous-même, sans passer par l'administrateur de l'école.", "If your account is disabled, you receive a link by e-mail to reactivate it yourself, without asking the school's administrator."),
        EmailBenefitNotify => ("U kan meldingen van nieuwe items via e-mail ontvangen.", "Vous pouvez recevoir par e-mail des notifications des nouveaux éléments.", "You can receive notifications of new items by e-mail."),
        EmailPrivate => ("Uw e-mailadres wordt niet gedeeld met andere partijen en wordt enkel binnen het schoolplatform gebruikt.", "Votre adresse e-mail n'est pas partagée et n'est utilisée qu'au sein de la plateforme scolaire.", "Your e-mail address is not shared with anyone and is only used within the school platform."),
        EmailLabel => ("Uw e-mailadres", "Votre adresse e-mail", "Your e-mail address"),
        ConfirmEmailButton => ("Bevestig e-mailadres", "Confirmer l'adresse e-mail", "Confirm e-mail address"),
        EmailBanner => ("We merken dat u uw e-mailadres nog niet bevestigd heeft in uw profiel. Indien het ingevulde e-mailadres niet correct is, kan u het hieronder aanpassen.", "Vous n'avez pas encore confirmé votre adresse e-mail. Si l'adresse indiquée n'est pas correcte, vous pouvez la modifier ci-dessous.", "You have not confirmed your e-mail address yet. If the address is not correct, you can change it below."),
        EmailSentTo => ("We stuurden een bevestigingslink naar", "Nous avons envoyé un lien de confirmation à", "We sent a confirmation link to"),
        ResendButton => ("Opslaan en opnieuw versturen", "Enregistrer et renvoyer", "Save and send again"),
        ForgotIntro => ("Vul uw gebruikersnaam in. Wie op deze gebruikersnaam een bevestigd e-mailadres heeft, krijgt op dat adres een link om een nieuw wachtwoord te kiezen. Uw huidige wachtwoord blijft werken tot u een nieuw kiest.", "Indiquez votre nom d'utilisateur. Chaque personne de ce nom d'utilisateur ayant une adresse e-mail confirmée reçoit un lien pour choisir un nouveau mot de passe.", "Enter your username. Everyone on this username with a confirmed e-mail address receives a link there to choose a new password. Your current password keeps working until you choose a new one."),
        ForgotButton => ("Verstuur link", "Envoyer le lien", "Send link"),
        ForgotDone => ("Als er bij deze gebruikersnaam een bevestigd e-mailadres hoort, is er nu een e-mail met een link onderweg. Geen e-mail ontvangen? Dan helpt de beheerder van de school u verder.", "Si une adresse e-mail confirmée correspond à ce nom d'utilisateur, un e-mail avec un lien est en route. Rien reçu ? L'administrateur de l'école vous aidera.", "If a confirmed e-mail address belongs to this username, an e-mail with a link is on its way. Nothing received? The school's administrator will help you."),
        ResetDone => ("Uw wachtwoord is gewijzigd. Meld u aan met uw nieuwe wachtwoord.", "Votre mot de passe a été modifié. Connectez-vous avec votre nouveau mot de passe.", "Your password has been changed. Sign in with your new password."),
        ReactivateTitle => ("Account terug activeren", "Réactiver le compte", "Reactivate your account"),
        ReactivateIntro => ("Uw account werd uitgeschakeld na te veel verkeerde wachtwoorden. Met de knop activeert u het zelf opnieuw.", "Votre compte a été désactivé après trop de mots de passe erronés. Réactivez-le avec ce bouton.", "Your account was disabled after too many wrong passwords. Reactivate it with the button."),
        ReactivateButton => ("Activeer mijn account", "Réactiver mon compte", "Reactivate my account"),
        ReactivateDone => ("Uw account is terug actief. U kan zich opnieuw aanmelden.", "Votre compte est de nouveau actif. Vous pouvez vous reconnecter.", "Your account is active again. You can sign in."),
        ConfirmEmailTitle => ("E-mailadres bevestigen", "Confirmer l'adresse e-mail", "Confirm your e-mail address"),
        ConfirmEmailIntro => ("Klik op de knop om dit e-mailadres te bevestigen.", "Cliquez sur le bouton pour confirmer cette adresse e-mail.", "Click the button to confirm this e-mail address."),
        EmailConfirmed => ("Uw e-mailadres is bevestigd.", "Votre adresse e-mail est confirmée.", "Your e-mail address is confirmed."),
        DoneTitle => ("Gelukt", "C'est fait", "Done"),
        ToSignIn => ("Naar aanmelden", "Vers la connexion", "To sign in"),
        ToStart => ("Naar de startpagina", "Vers la page d'accueil", "To the start page"),
        Working => ("Even geduld…", "Un instant…", "One moment…"),
        AccountNav => ("Uw account", "Votre compte", "Your account"),
        EmailPending => ("Nog niet bevestigd", "Pas encore confirmée", "Not confirmed yet"),
        EmailOk => ("Bevestigd", "Confirmée", "Confirmed"),
        ChangePasswordLink => ("Wachtwoord wijzigen", "Modifier le mot de passe", "Change password"),

        ModMyChildren => ("Mijn kinderen", "Mes enfants", "My children"),
        ModAgenda => ("Schoolagenda", "Journal de classe", "School diary"),
        ModResults => ("Resultaten", "Résultats", "Results"),
        ModCourses => ("Vakken", "Cours", "Courses"),
        ModLiveSessions => ("Live-sessies", "Sessions en direct", "Live sessions"),
        ModLvs => ("Leerlingvolgsysteem", "Suivi de l'élève", "Pupil tracking"),
        ModMessages => ("Berichten", "Messages", "Messages"),
        ModMyDocuments => ("Mijn documenten", "Mes documents", "My documents"),
        ModOudercontact => ("Oudercontact", "Réunion de parents", "Parent-teacher meetings"),
        ModProfile => ("Profiel", "Profil", "Profile"),
        ModBeheer => ("Beheer", "Gestion", "Administration"),
        GoTo => ("Ga naar", "Aller à", "Go to"),
        ModulesNav => ("Modules", "Modules", "Modules"),
        ChildOf => ("Gegevens van", "Données de", "Details of"),
        Today => ("Vandaag", "Aujourd'hui", "Today"),
        PrevWeek => ("Vorige week", "Semaine précédente", "Previous week"),
        NextWeek => ("Volgende week", "Semaine suivante", "Next week"),
        ThisWeek => ("Deze week", "Cette semaine", "This week"),
        WeekOf => ("Week van", "Semaine du", "Week of"),
        NoLessons => ("Geen lessen", "Pas de cours", "No lessons"),
        Lessons => ("Lessen", "Cours", "Lessons"),
        Planned => ("Gepland", "Prévu", "Planned"),
        KindTask => ("Taak", "Devoir", "Task"),
        KindTest => ("Toets", "Interrogation", "Test"),
        KindAssignment => ("Opdracht", "Travail", "Assignment"),
        Period => ("Periode", "Période", "Period"),
        Evaluation => ("Evaluatie", "Évaluation", "Evaluation"),
        Date => ("Datum", "Date", "Date"),
        Score => ("Score", "Score", "Score"),
        ClassAverage => ("Klasgemiddelde", "Moyenne de la classe", "Class average"),
        Feedback => ("Feedback", "Commentaire", "Feedback"),
        Total => ("Totaal", "Total", "Total"),
        NoResults => ("Er zijn nog geen resultaten gepubliceerd.", "Aucun résultat n'a encore été publié.", "No results have been published yet."),
        Details => ("Details", "Détails", "Details"),
        BackToResults => ("Terug naar de resultaten", "Retour aux résultats", "Back to the results"),
        BandLow => ("onvoldoende", "insuffisant", "insufficient"),
        BandMid => ("voldoende", "suffisant", "sufficient"),
        BandHigh => ("goed", "bien", "good"),
        Teacher => ("Leerkracht", "Enseignant", "Teacher"),
        NoMaterials => ("Nog geen documenten of links.", "Pas encore de documents ni de liens.", "No documents or links yet."),
        NoCourses => ("Er zijn geen vakken.", "Il n'y a pas de cours.", "There are no courses."),
        Download => ("Downloaden", "Télécharger", "Download"),
        OpenLink => ("Link openen", "Ouvrir le lien", "Open link"),
        Join => ("Deelnemen", "Rejoindre", "Join"),
        Past => ("Afgelopen", "Terminée", "Over"),
        NoLiveSessions => ("Er zijn geen live-sessies gepland.", "Aucune session en direct n'est prévue.", "No live sessions are planned."),
        Remarks => ("Opmerkingen", "Remarques", "Remarks"),
        Attendance => ("Afwezigheden", "Absences", "Absences"),
        Category => ("Categorie", "Catégorie", "Category"),
        Author => ("Door", "Par", "By"),
        NoRemarks => ("Er zijn geen opmerkingen.", "Il n'y a pas de remarques.", "There are no remarks."),
        NoAbsences => ("Er zijn geen afwezigheden geregistreerd.", "Aucune absence n'a été enregistrée.", "No absences have been recorded."),
        Morning => ("Voormiddag", "Matin", "Morning"),
        Afternoon => ("Namiddag", "Après-midi", "Afternoon"),
        Code => ("Code", "Code", "Code"),
        CodeLegend => ("Z = ziek, L = te laat, D = doktersbezoek, R = gewettigd afwezig", "Z = malade, L = en retard, D = visite médicale, R = absence justifiée", "Z = ill, L = late, D = doctor's visit, R = excused absence"),
        Upload => ("Opladen", "Téléverser", "Upload"),
        FileLabel => ("Bestand", "Fichier", "File"),
        Delete => ("Verwijderen", "Supprimer", "Delete"),
        NoDocuments => ("U hebt nog geen documenten.", "Vous n'avez pas encore de documents.", "You have no documents yet."),
        MaxSize => ("Maximaal 5 MB per bestand.", "5 Mo maximum par fichier.", "At most 5 MB per file."),
        DocumentsPrivate => ("Alleen u ziet deze documenten; ook andere gebruikers van dezelfde gebruikersnaam zien ze niet.", "Vous seul voyez ces documents ; les autres utilisateurs du même identifiant ne les voient pas.", "Only you see these documents; other users of the same username do not."),
        Uploaded => ("Opgeladen", "Téléversé", "Uploaded"),
        Size => ("Grootte", "Taille", "Size"),
        UploadDone => ("Het bestand is opgeladen.", "Le fichier a été téléversé.", "The file has been uploaded."),
        DeleteDone => ("Het bestand is verwijderd.", "Le fichier a été supprimé.", "The file has been deleted."),
        ErrFileTooLarge => ("Dit bestand is groter dan 5 MB. Kies een kleiner bestand.", "Ce fichier dépasse 5 Mo. Choisissez un fichier plus petit.", "This file is larger than 5 MB. Choose a smaller file."),
        ErrNoFile => ("Kies eerst een bestand dat niet leeg is.", "Choisissez d'abord un fichier non vide.", "First choose a file that is not empty."),
        MessagesToYou => ("Berichten aan u", "Messages pour vous", "Messages to you"),
        NoMessages => ("Er zijn nog geen berichten voor u.", "Il n'y a pas encore de messages pour vous.", "There are no messages for you yet."),
        Upcoming => ("Taken, toetsen en opdrachten", "Devoirs, interrogations et travaux", "Tasks, tests and assignments"),
        NoUpcoming => ("Niets gepland in de komende twee weken.", "Rien de prévu dans les deux prochaines semaines.", "Nothing planned in the next two weeks."),
        LatestResults => ("Laatste resultaten", "Derniers résultats", "Latest results"),
        AllResults => ("Alle resultaten", "Tous les résultats", "All results"),
        FullAgenda => ("Volledige schoolagenda", "Journal de classe complet", "Full school diary"),
        OudercontactNone => ("Er is momenteel geen oudercontact gepland. Zodra de school een moment opent, kunt u hier een gesprek boeken.", "Aucune réunion de parents n'est prévue pour le moment. Dès que l'école en ouvre une, vous pourrez réserver ici.", "No parent-teacher meeting is planned at the moment. As soon as the school opens one, you can book a conversation here."),
        ChoosePupil => ("Kies een leerling", "Choisissez un élève", "Choose a pupil"),
        NoPupils => ("Er zijn geen leerlingen om te tonen.", "Il n'y a aucun élève à afficher.", "There are no pupils to show."),
        Class => ("Klas", "Classe", "Class"),
        OtherPupil => ("Andere leerling", "Autre élève", "Other pupil"),
        ForbiddenTitle => ("Geen toegang", "Accès refusé", "No access"),
        HelpMyChildren => ("Op Mijn kinderen ziet u in één oogopslag de berichten aan u, de taken, toetsen en opdrachten van de komende twee weken en de laatste resultaten van uw kind.", "« Mes enfants » montre d'un coup d'œil les messages qui vous sont adressés, les devoirs, interrogations et travaux des deux prochaines semaines et les derniers résultats de votre enfant.", "My children shows at a glance the messages to you, the tasks, tests and assignments of the next two weeks and your child's latest results."),
        HelpAgenda => ("De schoolagenda toont per week de lessen (uur, vak, leerkracht, lokaal, onderwerp) en wat gepland is. Met Vorige week en Volgende week blader je; vandaag is gemarkeerd.", "Le journal de classe montre par semaine les cours (heure, cours, enseignant, local, sujet) et ce qui est prévu. Naviguez avec Semaine précédente et Semaine suivante ; aujourd'hui est mis en évidence.", "The school diary shows each week's lessons (time, course, teacher, room, topic) and what is planned. Use Previous week and Next week to move; today is highlighted."),
        HelpResults => ("Resultaten verschijnen zodra de leerkracht ze publiceert, per periode en per vak, met het klasgemiddelde. Rood is onvoldoende, oranje voldoende, groen goed.", "Les résultats apparaissent dès que l'enseignant les publie, par période et par cours, avec la moyenne de la classe. Rouge : insuffisant, orange : suffisant, vert : bien.", "Results appear as soon as the teacher publishes them, per period and course, with the class average. Red is insufficient, orange sufficient, green good."),
        HelpCourses => ("Bij Vakken vindt u per vak de documenten en links van de leerkracht.", "Dans Cours, vous trouvez par cours les documents et liens de l'enseignant.", "Courses lists each course's documents and links from the teacher."),
        HelpLive => ("Live-sessies zijn online lessen. De knop Deelnemen opent de les in een nieuw venster.", "Les sessions en direct sont des cours en ligne. Le bouton Rejoindre ouvre le cours dans une nouvelle fenêtre.", "Live sessions are online lessons. The Join button opens the lesson in a new window."),
        HelpLvs => ("In het leerlingvolgsysteem staan opmerkingen van de school en de afwezigheden per halve dag. De school bepaalt welke opmerkingen leerling en ouders zien.", "Le suivi de l'élève contient les remarques de l'école et les absences par demi-journée. L'école décide quelles remarques l'élève et les parents voient.", "Pupil tracking holds the school's remarks and absences per half day. The school decides which remarks pupil and parents see."),
        HelpDocuments => ("Mijn documenten is persoonlijk: wat u hier oplaadt, ziet alleen u, niet uw kind en niet de andere ouder. Een bestand mag tot 5 MB groot zijn.", "Mes documents est personnel : ce que vous y téléversez, vous seul le voyez, ni votre enfant ni l'autre parent. Un fichier peut faire jusqu'à 5 Mo.", "My documents is personal: what you upload here only you see, not your child nor the other parent. A file may be up to 5 MB."),
        HelpOudercontact => ("Zodra de school een oudercontact opent, ziet u hier de leerkrachten van het gekozen kind met hun vrije momenten. Boek per leerkracht één gesprek en voeg eventueel een onderwerp toe; u krijgt een bevestiging met een agenda-afspraak per e-mail. Beide ouders zien de afspraken, van al uw kinderen samen, en kunnen annuleren zolang de inschrijvingen open zijn. Hebt u meer kinderen of leerkrachten, dan stellen we gesprekken na elkaar voor. Leerkrachten geven hier per dag hun uren op en drukken hun planning af; de beheerder opent een oudercontact en ziet per leerkracht hoeveel gesprekken er geboekt zijn en wie nog geen uren opgaf. Leerlingen zien deze module niet.", "Dès que l'école ouvre une réunion de parents, vous voyez ici les enseignants de l'enfant choisi et leurs créneaux libres. Réservez un entretien par enseignant et ajoutez éventuellement un sujet ; vous recevez une confirmation avec un rendez-vous d'agenda par e-mail. Les deux parents voient les rendez-vous, de tous vos enfants ensemble, et peuvent annuler tant que les inscriptions sont ouvertes. Avec plusieurs enfants ou enseignants, nous proposons des entretiens à la suite. Les enseignants indiquent ici leurs heures par jour et impriment leur planning ; l'administrateur ouvre une réunion et voit, par enseignant, les entretiens réservés et qui n'a pas encore indiqué ses heures. Les élèves ne voient pas ce module.", "As soon as the school opens a parent-teacher meeting, you see the chosen child's teachers and their free times here. Book one conversation per teacher and add a topic if you like; you receive a confirmation with a calendar appointment by email. Both parents see the appointments, of all your children together, and can cancel as long as booking is open. With several children or teachers, we suggest conversations back to back. Teachers give their hours per day here and print their schedule; the admin opens a meeting and sees, per teacher, how many conversations are booked and who has not given hours yet. Pupils do not see this module."),
        FolderInbox => ("Postvak IN", "Boîte de réception", "Inbox"),
        FolderSent => ("Verzonden", "Envoyés", "Sent"),
        FolderDrafts => ("Concepten", "Brouillons", "Drafts"),
        FolderArchive => ("Archief", "Archives", "Archive"),
        FolderTrash => ("Prullenbak", "Corbeille", "Trash"),
        AddressSecretariaat => ("Secretariaat", "Secrétariat", "Secretariat"),
        AddressDirectie => ("Directie", "Direction", "Principal's office"),
        AddressZorg => ("Zorgcoördinator", "Coordinateur de l'accompagnement", "Care coordinator"),
        ClassTeacher => ("klastitularis", "titulaire", "class teacher"),
        ClassWord => ("Klas", "Classe", "Class"),
        ParentsOfClass => ("Ouders van klas", "Parents de la classe", "Parents of class"),
        ParentsOf => ("Ouders van", "Parents de", "Parents of"),
        Of => ("van", "de", "of"),
        NewMessage => ("Nieuw bericht", "Nouveau message", "New message"),
        FoldersNav => ("Mappen", "Dossiers", "Folders"),
        SearchMessages => ("Zoeken op afzender of onderwerp", "Rechercher par expéditeur ou objet", "Search by sender or subject"),
        SearchButton => ("Zoeken", "Rechercher", "Search"),
        ClearSearch => ("Alle berichten tonen", "Afficher tous les messages", "Show all messages"),
        SenderCol => ("Van", "De", "From"),
        ToCol => ("Aan", "À", "To"),
        SubjectCol => ("Onderwerp", "Objet", "Subject"),
        DateCol => ("Datum", "Date", "Date"),
        Unread => ("Ongelezen", "Non lu", "Unread"),
        UnreadCount => ("ongelezen", "non lus", "unread"),
        Flagged => ("Gemarkeerd", "Marqué", "Flagged"),
        HasAttachment => ("Met bijlage", "Avec pièce jointe", "With attachment"),
        EmptyFolder => ("Deze map is leeg.", "Ce dossier est vide.", "This folder is empty."),
        NoSearchHits => ("Geen berichten gevonden voor deze zoekterm.", "Aucun message trouvé pour cette recherche.", "No messages found for this search."),
        PreviousPage => ("Vorige pagina", "Page précédente", "Previous page"),
        NextPage => ("Volgende pagina", "Page suivante", "Next page"),
        PageWord => ("Pagina", "Page", "Page"),
        EmptyTrash => ("Prullenbak leegmaken", "Vider la corbeille", "Empty the trash"),
        EmptyTrashQuestion => ("Alle berichten in de prullenbak definitief verwijderen?", "Supprimer définitivement tous les messages de la corbeille ?", "Delete every message in the trash for good?"),
        EmptyTrashConfirm => ("Ja, leegmaken", "Oui, vider", "Yes, empty it"),
        Reply => ("Beantwoorden", "Répondre", "Reply"),
        ReplyAll => ("Allen beantwoorden", "Répondre à tous", "Reply all"),
        Forward => ("Doorsturen", "Transférer", "Forward"),
        MarkUnread => ("Markeer als ongelezen", "Marquer comme non lu", "Mark as unread"),
        FlagAction => ("Markeren", "Marquer", "Flag"),
        UnflagAction => ("Markering weghalen", "Retirer la marque", "Remove flag"),
        ArchiveAction => ("Archiveren", "Archiver", "Archive"),
        TrashAction => ("Naar prullenbak", "Mettre à la corbeille", "Move to trash"),
        RestoreAction => ("Terugzetten", "Restaurer", "Restore"),
        EditDraft => ("Concept bewerken", "Modifier le brouillon", "Edit draft"),
        Attachments => ("Bijlagen", "Pièces jointes", "Attachments"),
        RemoteImagesBlocked => ("Afbeeldingen van buiten het platform worden niet getoond, zodat hun afzender niet ziet wanneer u dit bericht leest.", "Les images extérieures à la plateforme ne sont pas affichées, afin que leur expéditeur ne voie pas quand vous lisez ce message.", "Images from outside the platform are not shown, so that their sender cannot see when you read this message."),
        ShowImages => ("Afbeeldingen toch tonen", "Afficher quand même les images", "Show the images anyway"),
        BackToFolder => ("Terug naar", "Retour à", "Back to"),
        RecipientsHint => ("Kies een of meer ontvangers.", "Choisissez un ou plusieurs destinataires.", "Choose one or more recipients."),
        GroupSchool => ("School", "École", "School"),
        GroupTeachers => ("Leerkrachten", "Enseignants", "Teachers"),
        GroupEarlier => ("Schreven u eerder", "Vous ont écrit", "Wrote to you before"),
        NoRecipients => ("Er is niemand aan wie u kunt schrijven.", "Il n'y a personne à qui vous pouvez écrire.", "There is nobody you can write to."),
        BodyLabel => ("Bericht", "Message", "Message"),
        BodyHint => ("**vet**, *schuin*, lijstjes met \"- \" en links worden opgemaakt.", "**gras**, *italique*, listes avec \"- \" et liens sont mis en forme.", "**bold**, *italic*, lists with \"- \" and links are formatted."),
        AttachLabel => ("Bijlagen toevoegen", "Joindre des fichiers", "Add attachments"),
        AttachHint => ("Samen hoogstens 10 MB.", "10 Mo au total au maximum.", "At most 10 MB together."),
        AttachedAlready => ("Gaan mee", "Joints", "Going along"),
        SendButton => ("Verzenden", "Envoyer", "Send"),
        SaveDraftButton => ("Bewaren als concept", "Enregistrer comme brouillon", "Save as draft"),
        MsgSent => ("Uw bericht is verzonden.", "Votre message a été envoyé.", "Your message was sent."),
        DraftSaved => ("Het concept is bewaard.", "Le brouillon est enregistré.", "The draft was saved."),
        DoneMoved => ("Het bericht is verplaatst.", "Le message a été déplacé.", "The message was moved."),
        DoneTrash => ("Het bericht staat in de prullenbak.", "Le message est dans la corbeille.", "The message is in the trash."),
        DoneEmptied => ("De prullenbak is leeggemaakt.", "La corbeille a été vidée.", "The trash was emptied."),
        DoneUnread => ("Het bericht is als ongelezen gemarkeerd.", "Le message est marqué comme non lu.", "The message is marked as unread."),
        ErrNoRecipient => ("Kies minstens één ontvanger.", "Choisissez au moins un destinataire.", "Choose at least one recipient."),
        ErrNoSubject => ("Geef het bericht een onderwerp.", "Donnez un objet au message.", "Give the message a subject."),
        ErrMessageTooLong => ("Dit bericht is te lang: hoogstens 100 000 tekens.", "Ce message est trop long : 100 000 caractères au maximum.", "This message is too long: at most 100,000 characters."),
        ErrAttachmentsTooLarge => ("De bijlagen zijn samen groter dan 10 MB. Kies kleinere bestanden.", "Les pièces jointes dépassent 10 Mo au total. Choisissez des fichiers plus petits.", "The attachments are larger than 10 MB together. Choose smaller files."),
        ErrMessageFailed => ("Het bericht kon niet verzonden worden. Probeer het opnieuw.", "Le message n'a pas pu être envoyé. Réessayez.", "The message could not be sent. Please try again."),
        NotificationsTitle => ("Meldingen", "Notifications", "Notifications"),
        NotifyMessagesLabel => ("Stuur mij een e-mail bij elk nieuw bericht", "M'envoyer un e-mail à chaque nouveau message", "Email me about every new message"),
        NotifyMessagesHint => ("Naar uw bevestigde e-mailadres; de e-mail zegt van wie het bericht is, niet wat erin staat.", "À votre adresse confirmée ; l'e-mail dit de qui vient le message, pas ce qu'il contient.", "To your confirmed address; the email says who the message is from, not what it says."),
        SaveSettings => ("Bewaren", "Enregistrer", "Save"),
        SettingsSaved => ("Uw keuze is bewaard.", "Votre choix est enregistré.", "Your choice was saved."),
        AllMessages => ("Alle berichten", "Tous les messages", "All messages"),
        NoSubjectShown => ("(geen onderwerp)", "(sans objet)", "(no subject)"),
        DraftWord => ("Concept", "Brouillon", "Draft"),
        MessagesPersonal => ("Uw berichten zijn alleen voor u: niemand anders met dezelfde gebruikersnaam ziet ze.", "Vos messages ne sont que pour vous : personne d'autre avec le même nom d'utilisateur ne les voit.", "Your messages are for you alone: nobody else with the same username sees them."),
        HelpMessages => ("Berichten is persoonlijk: elke leerling, elke ouder en elk personeelslid heeft een eigen postvak. Ouders en leerlingen schrijven aan het secretariaat, de directie, de zorgcoördinator, de klastitularis en de leerkrachten van het kind; nooit aan andere gezinnen. Schrijf met **vet**, *schuin* en lijstjes; bijlagen mogen samen 10 MB groot zijn. Afbeeldingen van buiten het platform ziet u pas als u erom vraagt. Op uw startpagina zet u een e-mail bij nieuwe berichten aan.", "Les messages sont personnels : chaque élève, chaque parent et chaque membre du personnel a sa propre boîte. Parents et élèves écrivent au secrétariat, à la direction, au coordinateur de l'accompagnement, au titulaire et aux enseignants de l'enfant ; jamais à d'autres familles. Écrivez en **gras**, *italique* et listes ; les pièces jointes peuvent faire 10 Mo au total. Les images extérieures ne s'affichent que si vous le demandez. Sur votre page d'accueil, activez un e-mail pour les nouveaux messages.", "Messages are personal: every pupil, every parent and every staff member has a mailbox of their own. Parents and pupils write to the secretariat, the principal's office, the care coordinator, the class teacher and the child's teachers; never to other families. Write with **bold**, *italic* and lists; attachments may be 10 MB together. Images from outside the platform only show when you ask. On your start page you can turn on an email for new messages."),
        AddChildren => ("Voeg kinderen toe", "Ajouter des enfants", "Add children"),
        AddChildrenIntro => ("Vul de gegevens in van de co-account van uw andere kind: het Smartschoolplatform van zijn school, zijn gebruikersnaam en het wachtwoord van die co-account. Het kind mag op een andere school zitten.", "Saisissez les données du co-compte de votre autre enfant : la plateforme Smartschool de son école, son nom d'utilisateur et le mot de passe de ce co-compte. L'enfant peut être dans une autre école.", "Enter the details of your other child's co-account: the Smartschool platform of its school, its username and that co-account's password. The child may be at another school."),
        SeparatedNotice => ("Let op: wie deze co-account gebruikt, ziet alle kinderen die eraan gekoppeld zijn. Koppel hier dus geen kinderen uit een nieuw gezin. Bent u gescheiden of vormt u een nieuw gezin? Vraag de school dan om een aparte co-account.", "Attention : quiconque utilise ce co-compte voit tous les enfants qui y sont liés. Ne liez donc pas ici les enfants d'une nouvelle famille. Vous êtes séparés ou formez une nouvelle famille ? Demandez un co-compte distinct à l'école.", "Note: whoever uses this co-account sees every child linked to it. So do not link children of a new family here. Are you separated or forming a new family? Ask the school for a separate co-account."),
        LinkButton => ("Kind koppelen", "Lier l'enfant", "Link child"),
        LinkDone => ("Het kind is gekoppeld. Klik op zijn foto bovenaan om zijn gegevens te zien.", "L'enfant est lié. Cliquez sur sa photo en haut pour voir ses données.", "The child is linked. Click its photo at the top to see its details."),
        ErrAlreadyLinked => ("Dit kind is al gekoppeld aan uw gezin.", "Cet enfant est déjà lié à votre famille.", "This child is already linked to your family."),
        LinkedChildren => ("Gekoppelde kinderen", "Enfants liés", "Linked children"),
        Unlink => ("Ontkoppelen", "Délier", "Unlink"),
        UnlinkQuestion => ("Wilt u dit kind ontkoppelen? U en de andere gebruikers van uw co-accounts zien zijn gegevens dan niet meer, tot iemand het opnieuw koppelt.", "Voulez-vous délier cet enfant ? Vous et les autres utilisateurs de vos co-comptes ne verrez plus ses données, jusqu'à ce que quelqu'un le lie à nouveau.", "Do you want to unlink this child? You and the other users of your co-accounts will no longer see its details until someone links it again."),
        UnlinkYes => ("Ja, ontkoppel", "Oui, délier", "Yes, unlink"),
        Cancel => ("Annuleren", "Annuler", "Cancel"),
        UnlinkDone => ("Het kind is ontkoppeld.", "L'enfant est délié.", "The child is unlinked."),
        OwnChild => ("uw eigen co-account", "votre propre co-compte", "your own co-account"),
        Timeline => ("Tijdlijn van al uw kinderen", "Chronologie de tous vos enfants", "Timeline of all your children"),
        AllChildren => ("Alle kinderen", "Tous les enfants", "All children"),
        NewResult => ("Resultaat", "Résultat", "Result"),
        NoTimeline => ("Niets gepland en geen nieuwe resultaten.", "Rien de prévu et pas de nouveaux résultats.", "Nothing planned and no new results."),
        ShowChild => ("Toon", "Afficher", "Show"),
        HelpFamily => ("Met Voeg kinderen toe koppelt u de co-account van een ander kind, ook op een andere school, met de gebruikersnaam van dat kind en het wachtwoord van die co-account. Daarna ziet u bovenaan de foto's van al uw kinderen: klik op een foto om naar dat kind over te schakelen. Ontkoppelen kan op Mijn kinderen.", "Avec Ajouter des enfants, vous liez le co-compte d'un autre enfant, même dans une autre école, avec le nom d'utilisateur de cet enfant et le mot de passe de ce co-compte. Ensuite, les photos de tous vos enfants apparaissent en haut : cliquez sur une photo pour passer à cet enfant. Délier se fait dans Mes enfants.", "With Add children you link another child's co-account, also at another school, with that child's username and that co-account's password. The photos of all your children then appear at the top: click a photo to switch to that child. Unlinking is on My children."),
        SchoolsLoadFailed => (
            "De scholen konden niet geladen worden. Herlaad de pagina over enkele ogenblikken.",
            "Les écoles n'ont pas pu être chargées. Rechargez la page dans quelques instants.",
            "The schools could not be loaded. Reload the page in a moment.",
        ),
        OcParentIntro => ("Boek per leerkracht één gesprek voor uw kind en voeg eventueel een onderwerp toe. Annuleren kan zolang de inschrijvingen open zijn.", "Réservez un entretien par enseignant pour votre enfant et ajoutez éventuellement un sujet. Vous pouvez annuler tant que les inscriptions sont ouvertes.", "Book one conversation per teacher for your child and add a topic if you like. You can cancel as long as booking is open."),
        OcTeacherIntro => ("Geef per dag uw uren op (met een pauze als u wil); de gesprekken worden daaruit gemaakt. Geboekte gesprekken blijven altijd staan.", "Indiquez vos heures par jour (avec une pause si vous le souhaitez) ; les créneaux en sont tirés. Les entretiens réservés restent toujours.", "Give your hours per day (with a break if you like); the slots are made from them. Booked conversations always stay."),
        OcBooked => ("Uw afspraak is geboekt. U krijgt een bevestiging per e-mail.", "Votre rendez-vous est réservé. Vous recevez une confirmation par e-mail.", "Your appointment is booked. You will receive a confirmation by email."),
        OcCancelled => ("De afspraak is geannuleerd.", "Le rendez-vous est annulé.", "The appointment is cancelled."),
        OcOpened => ("Het oudercontact is geopend.", "La réunion de parents est ouverte.", "The parent-teacher meeting is open."),
        OcHoursSaved => ("Uw uren zijn bewaard.", "Vos heures sont enregistrées.", "Your hours are saved."),
        OcOnline => ("Online", "En ligne", "Online"),
        OcOnSite => ("Op school", "À l'école", "At school"),
        OcOpensOn => ("Inschrijven kan vanaf", "Inscriptions à partir du", "Booking opens on"),
        OcOpenUntil => ("Inschrijven en annuleren kan tot", "Réserver et annuler jusqu'au", "Book and cancel until"),
        OcClosed => ("De inschrijvingen zijn afgesloten.", "Les inscriptions sont clôturées.", "Booking is closed."),
        OcFamilyBookings => ("Afspraken van uw kinderen", "Rendez-vous de vos enfants", "Your children's appointments"),
        OcNoTeachers => ("De leerkrachten van uw kind hebben nog geen uren opgegeven.", "Les enseignants de votre enfant n'ont pas encore indiqué leurs heures.", "Your child's teachers have not given their hours yet."),
        OcClassTeacher => ("klastitularis", "titulaire", "class teacher"),
        OcSlotWith => ("Moment bij", "Créneau avec", "Time with"),
        OcTopic => ("Onderwerp", "Sujet", "Topic"),
        OcBookedAt => ("Geboekt:", "Réservé :", "Booked:"),
        OcNoFreeSlots => ("Er zijn geen vrije momenten meer bij deze leerkracht.", "Il n'y a plus de créneau libre chez cet enseignant.", "This teacher has no free times left."),
        OcBook => ("Boek", "Réserver", "Book"),
        OcSuggestion => ("Voorstel: gesprekken na elkaar", "Proposition : entretiens à la suite", "Suggestion: conversations back to back"),
        OcSuggestionIntro => ("Deze gesprekken sluiten op elkaar aan, ook over uw kinderen heen. U boekt ze samen of niet.", "Ces entretiens se suivent, pour tous vos enfants. Vous les réservez ensemble ou pas.", "These conversations follow one another, for all your children. You book them together or not at all."),
        OcBookSeries => ("Boek deze reeks", "Réserver cette série", "Book this series"),
        OcNoBookings => ("Nog geen afspraken.", "Pas encore de rendez-vous.", "No appointments yet."),
        OcCancel => ("Annuleer", "Annuler", "Cancel"),
        OcBookedBy => ("geboekt door", "réservé par", "booked by"),
        OcNoMoments => ("Er is geen oudercontact gepland.", "Aucune réunion de parents n'est prévue.", "No parent-teacher meeting is planned."),
        OcFrom => ("Van", "De", "From"),
        OcUntil => ("Tot", "À", "Until"),
        OcBreakFrom => ("Pauze van", "Pause de", "Break from"),
        OcBreakUntil => ("Pauze tot", "Pause jusqu'à", "Break until"),
        OcSaveHours => ("Bewaar uren", "Enregistrer les heures", "Save hours"),
        OcNotAvailable => ("Niet beschikbaar op deze dag.", "Pas disponible ce jour-là.", "Not available on this day."),
        OcPrintable => ("Afdrukbare planning", "Planning imprimable", "Printable schedule"),
        OcPrint => ("Afdrukken", "Imprimer", "Print"),
        OcTime => ("Tijd", "Heure", "Time"),
        OcChild => ("Kind", "Enfant", "Child"),
        OcParent => ("Ouder", "Parent", "Parent"),
        OcFree => ("vrij", "libre", "free"),
        OcMoments => ("Oudercontacten", "Réunions de parents", "Parent-teacher meetings"),
        OcTalksBooked => ("gesprekken geboekt", "entretiens réservés", "conversations booked"),
        OcBookedOfTalks => ("Geboekt / gesprekken", "Réservés / créneaux", "Booked / slots"),
        OcNoHoursYet => ("nog geen uren opgegeven", "pas encore d'heures indiquées", "no hours given yet"),
        OcNewMoment => ("Nieuw oudercontact", "Nouvelle réunion de parents", "New parent-teacher meeting"),
        OcTitle => ("Titel", "Titre", "Title"),
        OcFirstDay => ("Eerste dag", "Premier jour", "First day"),
        OcLastDay => ("Laatste dag", "Dernier jour", "Last day"),
        OcDayStarts => ("Begin van de dag", "Début de la journée", "Start of the day"),
        OcDayEnds => ("Einde van de dag", "Fin de la journée", "End of the day"),
        OcSlotMinutes => ("Duur van een gesprek (minuten)", "Durée d'un entretien (minutes)", "Length of a conversation (minutes)"),
        OcGapMinutes => ("Tijd tussen gesprekken (minuten)", "Temps entre les entretiens (minutes)", "Time between conversations (minutes)"),
        OcOpensAt => ("Inschrijven vanaf", "Inscriptions à partir de", "Booking opens"),
        OcClosesAt => ("Inschrijven tot", "Inscriptions jusqu'à", "Booking closes"),
        OcPlace => ("Plaats", "Lieu", "Place"),
        OcClasses => ("Klassen", "Classes", "Classes"),
        OcOpenMoment => ("Open oudercontact", "Ouvrir la réunion", "Open the meeting"),
        ErrSlotTaken => ("Dit moment is net geboekt door iemand anders. Kies een ander moment.", "Ce créneau vient d'être réservé par quelqu'un d'autre. Choisissez-en un autre.", "This time was just booked by someone else. Please choose another time."),
        ErrAlreadyBooked => ("Uw kind heeft al een afspraak bij deze leerkracht.", "Votre enfant a déjà un rendez-vous avec cet enseignant.", "Your child already has an appointment with this teacher."),
        ErrBookingClosed => ("De inschrijvingen zijn niet open: boeken en annuleren kan nu niet. Er is niets gewijzigd.", "Les inscriptions ne sont pas ouvertes : réserver et annuler n'est pas possible maintenant. Rien n'a changé.", "Booking is not open: booking and cancelling are not possible now. Nothing was changed."),
        ErrInvalidSchedule => ("Controleer de data en uren: het einde moet na het begin liggen, alles moet binnen het oudercontact vallen en er moet minstens één klas gekozen zijn.", "Vérifiez les dates et les heures : la fin doit suivre le début, tout doit tenir dans la réunion et au moins une classe doit être choisie.", "Check the dates and times: the end must come after the start, everything must fall within the meeting and at least one class must be chosen."),
    }
}

/// The message a person sees for an error, in the interface language.
pub fn error_key(error: &crate::error::AppError) -> Key {
    use crate::error::AppError;
    use crate::models::PasswordProblem;
    match error {
        AppError::NotFound => Key::NotFoundText,
        AppError::Internal | AppError::Transport(_) => Key::ServerErrorText,
        AppError::SignedOut => Key::ErrSignedOut,
        AppError::PasswordChangeRequired => Key::ErrPasswordChangeRequired,
        AppError::Forbidden => Key::ErrForbidden,
        AppError::InvalidCredentials => Key::ErrInvalidCredentials,
        AppError::RateLimited => Key::ErrRateLimited,
        AppError::Busy => Key::ErrBusy,
        AppError::InvalidEmail => Key::ErrInvalidEmail,
        AppError::InvalidLink => Key::ErrInvalidLink,
        AppError::DisabledBySchool => Key::ErrDisabledBySchool,
        AppError::FileTooLarge => Key::ErrFileTooLarge,
        AppError::AlreadyLinked => Key::ErrAlreadyLinked,
        AppError::NoFile => Key::ErrNoFile,
        AppError::NoRecipient => Key::ErrNoRecipient,
        AppError::NoSubject => Key::ErrNoSubject,
        AppError::MessageTooLong => Key::ErrMessageTooLong,
        AppError::SlotTaken => Key::ErrSlotTaken,
        AppError::AlreadyBooked => Key::ErrAlreadyBooked,
        AppError::BookingClosed => Key::ErrBookingClosed,
        AppError::InvalidSchedule => Key::ErrInvalidSchedule,
        AppError::Password(problem) => match problem {
            PasswordProblem::TooShort => Key::PwTooShort,
            PasswordProblem::TooLong => Key::PwTooLong,
            PasswordProblem::TooCommon => Key::PwTooCommon,
            PasswordProblem::SameAsUsername => Key::PwSameAsUsername,
            PasswordProblem::SameAsOtherPerson => Key::PwSameAsOther,
            PasswordProblem::Mismatch => Key::PwMismatch,
            PasswordProblem::Unchanged => Key::PwUnchanged,
        },
    }
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
    let text = if (value - value.round()).abs() < 0.05 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
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
