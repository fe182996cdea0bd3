//! The letters with start passwords as one printable document: one A4 page per person, nothing of
//! the site around it on paper. Drawn on the server for the letters' own request (a form post),
//! because the start passwords exist only in that answer.

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

use crate::i18n::{fill, t, Key, Lang};
use crate::models::Letter;

const STYLE: &str = r#"
@page { size: A4; margin: 20mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 0; }
.screen { max-width: 48rem; margin: 1rem auto; padding: 1rem; background: #eef3f8; border-radius: 8px; }
.screen a, .screen button { font: inherit; min-height: 44px; padding: .5rem 1rem; margin-right: .5rem; }
.letter { max-width: 48rem; margin: 1rem auto; padding: 2rem; border: 1px solid #ccd; page-break-after: always; break-after: page; }
.letter:last-of-type { page-break-after: auto; break-after: auto; }
.letter h1 { font-size: 16pt; margin: 0 0 .25rem; }
.letter .school { color: #444; margin: 0 0 1.5rem; }
.credentials { border: 2px solid #1b1f24; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
.credentials dt { font-weight: 600; }
.credentials dd { margin: 0; font-family: ui-monospace, "Cascadia Mono", Menlo, monospace; font-size: 12pt; }
.letter h2 { font-size: 12pt; margin: 1rem 0 .25rem; }
@media print {
  .screen { display: none; }
  .letter { border: 0; margin: 0; padding: 0; max-width: none; }
}
"#;

/// The whole document.
/// `nonce` lets the page's own style and print button run under its content security policy.
pub fn letters_document(
    lang: Lang,
    letters: Vec<Letter>,
    in_use: Vec<String>,
    nonce: &str,
) -> String {
    let count = letters.len();
    let body = view! {
        <div class="screen">
            <p role="status">
                {if count == 0 {
                    t(lang, Key::LettersNone).to_owned()
                } else {
                    fill(lang, Key::LettersReady, &[&count.to_string()])
                }}
            </p>
            {(count > 0).then(|| view! { <p>{t(lang, Key::LettersReplaced)}</p> })}
            {(!in_use.is_empty()).then(|| view! {
                <p>{fill(lang, Key::LettersInUse, &[&in_use.join(", ")])}</p>
            })}
            <p>
                <button type="button" id="print">{t(lang, Key::PrintButton)}</button>
                <a href="/beheer/leerlingen">{t(lang, Key::BackToBeheer)}</a>
            </p>
        </div>
        {letters.into_iter().map(|letter| view! { <LetterPage letter lang/> }).collect_view()}
    }
    .to_html();
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\">\
         <title>{}</title><style nonce=\"{nonce}\">{STYLE}</style></head><body>{body}\
         <script nonce=\"{nonce}\">document.getElementById('print').addEventListener('click', () => window.print());</script>\
         </body></html>",
        lang.code(),
        t(lang, Key::LettersTitle),
    )
}

#[component]
fn LetterPage(letter: Letter, lang: Lang) -> impl IntoView {
    let greeting = fill(lang, Key::LetterGreeting, &[&letter.person]);
    let intro = if letter.co_account {
        vec![
            fill(lang, Key::LetterCoIntro, &[&letter.pupil, &letter.school]),
            fill(lang, Key::LetterCoHow, &[&letter.pupil]),
            t(lang, Key::LetterCoSees).to_owned(),
        ]
    } else {
        vec![fill(lang, Key::LetterPupilIntro, &[&letter.school])]
    };
    let who = match (&letter.relation, letter.co_account) {
        (Some(relation), true) => fill(lang, Key::LetterRelationOf, &[relation, &letter.pupil]),
        _ => letter
            .class
            .clone()
            .map_or_else(String::new, |class| fill(lang, Key::ClassNamed, &[&class])),
    };
    view! {
        <article class="letter">
            <h1>{t(lang, Key::LettersTitle)}</h1>
            <p class="school">{letter.school.clone()}" · "{who}</p>
            <p>{greeting}</p>
            {intro.into_iter().map(|paragraph| view! { <p>{paragraph}</p> }).collect_view()}
            <dl class="credentials">
                <dt>{t(lang, Key::LetterAddress)}</dt><dd>{letter.address.clone()}</dd>
                <dt>{t(lang, Key::UsernameLabel)}</dt><dd class="username">{letter.username.clone()}</dd>
                <dt>{t(lang, Key::LetterStartPassword)}</dt><dd class="start-password">{letter.start_password.clone()}</dd>
            </dl>
            <h2>{t(lang, Key::LetterStepsTitle)}</h2>
            <ol>
                <li>{fill(lang, Key::LetterStep1, &[&letter.address])}</li>
                <li>{t(lang, Key::LetterStep2)}</li>
                <li>{t(lang, Key::LetterStep3)}</li>
                <li>{t(lang, Key::LetterStep4)}</li>
            </ol>
            {letter.co_account.then(|| view! { <p>{t(lang, Key::LetterMoreChildren)}</p> })}
            <p>{t(lang, Key::LetterKeepSafe)}</p>
        </article>
    }
}
