//! Usernames the way families know them: `voornaam.achternaam`, plain letters and digits only, so
//! that they can be typed on any keyboard and read out over the phone.

use std::collections::HashSet;

/// Lowercase ASCII letters and digits only: accents folded ("ë" → "e", "ç" → "c"), everything
/// else (spaces, dashes, apostrophes) left out.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The username families know: first name, a dot, last name, both folded. A part that folds to
/// nothing is left out with the dot; a pupil with neither gets "leerling".
pub fn base_username(first_name: &str, last_name: &str) -> String {
    let (first, last) = (fold(first_name), fold(last_name));
    match (first.is_empty(), last.is_empty()) {
        (false, false) => format!("{first}.{last}"),
        (false, true) => first,
        (true, false) => last,
        (true, true) => "leerling".to_owned(),
    }
}

/// `base` if it is not taken, otherwise `base2`, `base3`, …; the chosen one is added to `taken`,
/// so that the next pupil of the same name gets the next number.
pub fn unique_username(base: &str, taken: &mut HashSet<String>) -> String {
    let mut username = base.to_owned();
    let mut number = 1u64;
    while taken.contains(&username) {
        number += 1;
        username = format!("{base}{number}");
    }
    taken.insert(username.clone());
    username
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_spaces_and_apostrophes_are_folded_away() {
        assert_eq!(base_username("Chloë", "Van De Velde"), "chloe.vandevelde");
        assert_eq!(base_username("Jean-Luc", "D'Hondt"), "jeanluc.dhondt");
        assert_eq!(base_username("Zoë", "Çelik"), "zoe.celik");
        assert_eq!(
            base_username("  Émile ", "Dubois-Lefèvre"),
            "emile.duboislefevre"
        );
        assert_eq!(base_username("Jürgen", "Groß"), "jurgen.gross");
    }

    #[test]
    fn a_part_that_folds_to_nothing_is_left_out_with_the_dot() {
        assert_eq!(base_username("Lotte", ""), "lotte");
        assert_eq!(base_username("", "Peeters"), "peeters");
        assert_eq!(base_username("--", "Peeters"), "peeters");
        assert_eq!(base_username("Lotte", "' -"), "lotte");
        assert_eq!(base_username("", ""), "leerling");
        assert_eq!(base_username(" . ", "'"), "leerling");
    }

    #[test]
    fn digits_stay() {
        assert_eq!(base_username("Lotte 2", "Peeters"), "lotte2.peeters");
    }

    #[test]
    fn fold_keeps_only_lowercase_letters_and_digits() {
        assert_eq!(fold("Ouder 1 – E-mail"), "ouder1email");
        assert_eq!(fold("Geboortedatum"), "geboortedatum");
        assert_eq!(fold("Élève_Nr."), "elevenr");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn namesakes_get_the_next_free_number() {
        let mut taken = HashSet::new();
        assert_eq!(
            unique_username("chloe.vandevelde", &mut taken),
            "chloe.vandevelde"
        );
        assert_eq!(
            unique_username("chloe.vandevelde", &mut taken),
            "chloe.vandevelde2"
        );
        assert_eq!(
            unique_username("chloe.vandevelde", &mut taken),
            "chloe.vandevelde3"
        );
        assert_eq!(taken.len(), 3);
        assert!(taken.contains("chloe.vandevelde3"));
    }

    #[test]
    fn usernames_already_in_use_are_skipped() {
        let mut taken: HashSet<String> = ["lotte.peeters", "lotte.peeters2", "lotte.peeters4"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(
            unique_username("lotte.peeters", &mut taken),
            "lotte.peeters3"
        );
        assert_eq!(
            unique_username("lotte.peeters", &mut taken),
            "lotte.peeters5"
        );
        assert_eq!(unique_username("zoe.celik", &mut taken), "zoe.celik");
    }
}
