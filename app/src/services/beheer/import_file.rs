//! Reading a pupil export (CSV) into rows. Schools export from their administration package or
//! from Excel, so the reading is forgiving where that costs nothing (encoding, delimiter, column
//! names and order, date notation) and strict where a guess could write a wrong pupil or parent:
//! every refused row is named with its line, and the caller writes nothing while any is refused.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::usernames::fold;
use crate::auth::parse_email;
use crate::models::{FileProblem, RowError, RowProblem};

/// The largest upload read: far above a school's pupils with four parents each.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// A parent as the file gives them. `relation` is empty when the file names none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParentRow {
    pub relation: String,
    pub name: String,
    /// Trimmed and lowercase.
    pub email: Option<String>,
}

/// A pupil as the file gives them, with the line it stands on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    pub line: usize,
    pub external_id: String,
    pub class: String,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    pub parents: Vec<ParentRow>,
}

/// The good rows and what is wrong with the others, both in the order of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedFile {
    pub rows: Vec<ImportRow>,
    pub errors: Vec<RowError>,
}

/// The bytes of an upload as text. UTF-8 (with or without a byte order mark) is taken as is;
/// anything else is read as Windows-1252, which is what Excel writes on a Belgian Windows PC.
/// Because every byte is a Windows-1252 character, a spreadsheet, archive or image is recognised
/// by the control characters it contains.
pub fn decode(bytes: &[u8]) -> Result<String, FileProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    };
    if text.trim().is_empty() {
        return Err(FileProblem::Empty);
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
    {
        return Err(FileProblem::NotText);
    }
    Ok(text)
}

/// The columns a file must have, by their Dutch name, with the names (folded) that mean them.
const CLASS: (&str, &[&str]) = ("klas", &["klas", "class"]);
const FIRST_NAME: (&str, &[&str]) = ("voornaam", &["voornaam", "firstname"]);
const LAST_NAME: (&str, &[&str]) = (
    "achternaam",
    &["achternaam", "familienaam", "naam", "lastname", "surname"],
);
const BIRTH_DATE: (&str, &[&str]) = (
    "geboortedatum",
    &["geboortedatum", "birthdate", "dateofbirth", "dob"],
);
const EXTERNAL_ID: (&str, &[&str]) = (
    "stamnummer",
    &[
        "stamnummer",
        "leerlingnummer",
        "leerlingid",
        "externalid",
        "pupilid",
        "id",
    ],
);

/// How many parents a row can carry.
const PARENTS: u8 = 4;

#[derive(Clone, Copy)]
enum ParentField {
    Relation,
    Name,
    Email,
}

#[derive(Clone, Copy, Default)]
struct ParentColumns {
    relation: Option<usize>,
    name: Option<usize>,
    email: Option<usize>,
}

/// Where each field stands in the file.
struct Columns {
    count: usize,
    class: usize,
    first_name: usize,
    last_name: usize,
    birth_date: usize,
    external_id: usize,
    parents: [ParentColumns; PARENTS as usize],
}

impl Columns {
    fn from_header(header: &[String]) -> Result<Columns, FileProblem> {
        let keys: Vec<String> = header.iter().map(|name| fold(name)).collect();
        let mut missing = Vec::new();
        let mut find = |(canonical, aliases): (&str, &[&str])| {
            let found = keys.iter().position(|key| aliases.contains(&key.as_str()));
            if found.is_none() {
                missing.push(canonical.to_owned());
            }
            found.unwrap_or_default()
        };
        let class = find(CLASS);
        let first_name = find(FIRST_NAME);
        let last_name = find(LAST_NAME);
        let birth_date = find(BIRTH_DATE);
        let external_id = find(EXTERNAL_ID);
        if !missing.is_empty() {
            return Err(FileProblem::MissingColumns(missing));
        }
        let mut parents = [ParentColumns::default(); PARENTS as usize];
        for (index, key) in keys.iter().enumerate() {
            let Some((number, field)) = parent_column(key) else {
                continue;
            };
            let columns = &mut parents[usize::from(number - 1)];
            let slot = match field {
                ParentField::Relation => &mut columns.relation,
                ParentField::Name => &mut columns.name,
                ParentField::Email => &mut columns.email,
            };
            slot.get_or_insert(index);
        }
        Ok(Columns {
            count: header.len(),
            class,
            first_name,
            last_name,
            birth_date,
            external_id,
            parents,
        })
    }
}

/// A parent's column from its folded name: "ouder1naam", "parent2email", and the other way round
/// ("naamouder1", "emailouder2"), as administration packages write both.
fn parent_column(key: &str) -> Option<(u8, ParentField)> {
    ["ouder", "parent"].iter().find_map(|person| {
        let (number, field) = if let Some(rest) = key.strip_prefix(person) {
            let mut chars = rest.chars();
            (chars.next()?, chars.as_str())
        } else {
            let at = key.find(person)?;
            let mut chars = key[at + person.len()..].chars();
            let number = chars.next()?;
            if !chars.as_str().is_empty() {
                return None;
            }
            (number, &key[..at])
        };
        let number = u8::try_from(number.to_digit(10)?).ok()?;
        if !(1..=PARENTS).contains(&number) {
            return None;
        }
        let field = match field {
            "relatie" | "relation" | "relationship" => ParentField::Relation,
            "naam" | "name" => ParentField::Name,
            "email" | "mail" | "emailadres" | "mailadres" | "emailaddress" => ParentField::Email,
            _ => return None,
        };
        Some((number, field))
    })
}

/// The delimiter the header line uses most: `;` (Excel in Belgium), `,` or a tab. Only
/// delimiters outside quotes count.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default();
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some((_, count)) = counts.iter_mut().find(|(delimiter, _)| *delimiter == byte) {
                *count += 1;
            }
        }
    }
    // On a tie the first in the list wins: `max_by_key` keeps the last maximum, so look backwards.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map_or(b';', |(delimiter, _)| *delimiter)
}

/// The line a record starts on. The csv reader skips blank lines before a record but reports the
/// position where it began skipping, so the skipped line ends are counted here.
fn record_line(text: &str, position: Option<&csv::Position>) -> usize {
    let Some(position) = position else {
        return 0;
    };
    let start = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let skipped = text
        .as_bytes()
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take_while(|byte| matches!(byte, b'\r' | b'\n'))
        .filter(|byte| **byte == b'\n')
        .count();
    usize::try_from(position.line())
        .unwrap_or(usize::MAX)
        .saturating_add(skipped)
}

/// A date as Belgian schools write it: 14/03/2015, 4/3/2015, 14-03-2015 or 14.03.2015; or as
/// 2015-03-14. The year always has four digits, so no century is guessed.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let separator = text.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let [first, second, third] = parts.as_slice() else {
        return None;
    };
    let number = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        if lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse::<u32>().ok()
        } else {
            None
        }
    };
    let (year, month, day) = if separator == '-' && first.len() == 4 {
        (
            number(first, 4..=4)?,
            number(second, 1..=2)?,
            number(third, 1..=2)?,
        )
    } else {
        (
            number(third, 4..=4)?,
            number(second, 1..=2)?,
            number(first, 1..=2)?,
        )
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The pupils of a decoded file (see [`decode`]). The header names the columns, in any order and
/// in Dutch or English; a file without a pupil's class, names, birth date or number is refused as a
/// whole. Each row is checked on its own and the first problem found is kept; a pupil's number must
/// be unique in the file.
pub fn parse(text: &str) -> Result<ParsedFile, FileProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(FileProblem::Empty),
            Some(Err(_)) => return Err(FileProblem::NotCsv),
            Some(Ok(record)) if record.iter().all(|name| name.trim().is_empty()) => continue,
            Some(Ok(record)) => break record,
        }
    };
    let header: Vec<String> = header.iter().map(|name| name.trim().to_owned()).collect();
    if header.len() < 2 {
        return Err(FileProblem::NotCsv);
    }
    let columns = Columns::from_header(&header)?;

    let mut parsed = ParsedFile {
        rows: Vec::new(),
        errors: Vec::new(),
    };
    let mut first_lines: HashMap<String, usize> = HashMap::new();
    for record in records {
        let record = record.map_err(|_| FileProblem::NotCsv)?;
        let fields: Vec<&str> = record.iter().map(str::trim).collect();
        if fields.iter().all(|field| field.is_empty()) {
            continue;
        }
        let line = record_line(text, record.position());
        match read_row(&columns, &fields, line, &mut first_lines) {
            Ok(row) => parsed.rows.push(row),
            Err(problem) => parsed.errors.push(RowError { line, problem }),
        }
    }
    if parsed.rows.is_empty() && parsed.errors.is_empty() {
        return Err(FileProblem::NoRows);
    }
    Ok(parsed)
}

/// One row, its fields trimmed. `first_lines` holds the line each pupil number was first seen on;
/// it learns this row's number even when the row is refused for something else, so a later row
/// with the same number is still caught.
fn read_row(
    columns: &Columns,
    fields: &[&str],
    line: usize,
    first_lines: &mut HashMap<String, usize>,
) -> Result<ImportRow, RowProblem> {
    if fields.len() != columns.count {
        return Err(RowProblem::FieldCount);
    }
    let field = |index: usize| fields.get(index).copied().unwrap_or_default();
    let external_id = field(columns.external_id);
    let first_line = if external_id.is_empty() {
        None
    } else {
        match first_lines.entry(external_id.to_owned()) {
            Entry::Occupied(seen) => Some(*seen.get()),
            Entry::Vacant(new) => {
                new.insert(line);
                None
            }
        }
    };

    let required = |(canonical, _): (&str, &[&str]), index: usize| {
        let value = field(index);
        if value.is_empty() {
            Err(RowProblem::Missing(canonical.to_owned()))
        } else {
            Ok(value)
        }
    };
    let class = required(CLASS, columns.class)?;
    let first_name = required(FIRST_NAME, columns.first_name)?;
    let last_name = required(LAST_NAME, columns.last_name)?;
    let birth_date = required(BIRTH_DATE, columns.birth_date)?;
    let external_id = required(EXTERNAL_ID, columns.external_id)?;
    if let Some(first_line) = first_line {
        return Err(RowProblem::DuplicateId {
            id: external_id.to_owned(),
            first_line,
        });
    }
    let birth_date =
        parse_date(birth_date).ok_or_else(|| RowProblem::BadDate(birth_date.to_owned()))?;

    let mut parents = Vec::new();
    for (number, parent) in (1..=PARENTS).zip(columns.parents) {
        let optional = |index: Option<usize>| index.map(field).unwrap_or_default();
        let (relation, name, email) = (
            optional(parent.relation),
            optional(parent.name),
            optional(parent.email),
        );
        if name.is_empty() {
            if relation.is_empty() && email.is_empty() {
                continue;
            }
            return Err(RowProblem::ParentWithoutName(number));
        }
        let email = if email.is_empty() {
            None
        } else {
            Some(parse_email(email).map_err(|_| RowProblem::BadEmail(email.to_owned()))?)
        };
        parents.push(ParentRow {
            relation: relation.to_owned(),
            name: name.to_owned(),
            email,
        });
    }

    Ok(ImportRow {
        line,
        external_id: external_id.to_owned(),
        class: class.to_owned(),
        first_name: first_name.to_owned(),
        last_name: last_name.to_owned(),
        birth_date,
        parents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Klas;Voornaam;Achternaam;Geboortedatum;Stamnummer;\
                          Ouder1 relatie;Ouder1 naam;Ouder1 e-mail;\
                          Ouder2 relatie;Ouder2 naam;Ouder2 e-mail";

    fn file(rows: &[&str]) -> String {
        std::iter::once(HEADER)
            .chain(rows.iter().copied())
            .collect::<Vec<_>>()
            .join("\r\n")
    }

    fn parsed(text: &str) -> ParsedFile {
        parse(text).expect("a readable file")
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("a date")
    }

    fn error(line: usize, problem: RowProblem) -> RowError {
        RowError { line, problem }
    }

    #[test]
    fn utf8_is_taken_as_is() {
        let text = "klas;voornaam\n1A;Chloë Çelik\n";
        assert_eq!(decode(text.as_bytes()), Ok(text.to_owned()));
    }

    #[test]
    fn the_utf8_byte_order_mark_is_dropped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("klas;voornaam\n1A;Zoë\n".as_bytes());
        assert_eq!(decode(&bytes), Ok("klas;voornaam\n1A;Zoë\n".to_owned()));
    }

    #[test]
    fn text_that_is_no_utf8_is_read_as_windows_1252() {
        let bytes = b"klas;voornaam;achternaam\r\n1A;Chlo\xEB;Fran\xE7ois\r\n2B;Ren\xE9e;\x80\r\n";
        assert_eq!(
            decode(bytes),
            Ok("klas;voornaam;achternaam\r\n1A;Chloë;François\r\n2B;Renée;€\r\n".to_owned())
        );
    }

    #[test]
    fn a_spreadsheet_archive_or_image_is_no_text() {
        let zip = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        let jpeg = b"\xFF\xD8\xFF\xE0\x00\x10JFIF";
        for bytes in [&zip[..], &png[..], &jpeg[..]] {
            assert_eq!(decode(bytes), Err(FileProblem::NotText));
        }
        assert_eq!(
            decode(b"klas;voornaam\n1A;Lotte\x00\n"),
            Err(FileProblem::NotText)
        );
    }

    #[test]
    fn tabs_and_both_line_ends_are_text() {
        let text = "klas\tvoornaam\r\n1A\tLotte\n";
        assert_eq!(decode(text.as_bytes()), Ok(text.to_owned()));
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert_eq!(decode(b""), Err(FileProblem::Empty));
        assert_eq!(decode(b" \r\n\t\n"), Err(FileProblem::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(FileProblem::Empty));
        assert_eq!(parse(""), Err(FileProblem::Empty));
        assert_eq!(parse("\n\n"), Err(FileProblem::Empty));
    }

    #[test]
    fn a_file_above_the_limit_is_refused_before_reading() {
        assert_eq!(
            decode(&vec![b'a'; MAX_BYTES + 1]),
            Err(FileProblem::TooLarge)
        );
        assert_eq!(decode(&vec![0; MAX_BYTES + 1]), Err(FileProblem::TooLarge));
        assert!(decode(&vec![b'a'; MAX_BYTES]).is_ok());
    }

    #[test]
    fn a_semicolon_file_as_excel_writes_it_in_belgium() {
        let text = file(&[
            "1A;Chloë;Van De Velde;14/03/2015;1001;moeder;An Peeters; An.Peeters@Example.BE ;vader;Jan Van De Velde;",
            "2B; Jean-Luc ;D'Hondt;4/3/2014;1002;;;;;;",
        ]);
        let parsed = parsed(&text);
        assert_eq!(parsed.errors, []);
        assert_eq!(
            parsed.rows,
            [
                ImportRow {
                    line: 2,
                    external_id: "1001".into(),
                    class: "1A".into(),
                    first_name: "Chloë".into(),
                    last_name: "Van De Velde".into(),
                    birth_date: date(2015, 3, 14),
                    parents: vec![
                        ParentRow {
                            relation: "moeder".into(),
                            name: "An Peeters".into(),
                            email: Some("an.peeters@example.be".into()),
                        },
                        ParentRow {
                            relation: "vader".into(),
                            name: "Jan Van De Velde".into(),
                            email: None,
                        },
                    ],
                },
                ImportRow {
                    line: 3,
                    external_id: "1002".into(),
                    class: "2B".into(),
                    first_name: "Jean-Luc".into(),
                    last_name: "D'Hondt".into(),
                    birth_date: date(2014, 3, 4),
                    parents: vec![],
                },
            ]
        );
    }

    #[test]
    fn a_comma_file_with_english_headers() {
        let text = "Class,First name,Last name,Date of birth,Pupil ID,Parent1 relation,Parent1 name,Parent1 email\n\
                    3C,Zoë,Çelik,2013-11-30,P-7,mother,Ayşe Çelik,ayse@example.com\n";
        let parsed = parsed(text);
        assert_eq!(parsed.errors, []);
        let [row] = parsed.rows.as_slice() else {
            panic!("one row expected: {parsed:?}");
        };
        assert_eq!(
            (
                row.class.as_str(),
                row.first_name.as_str(),
                row.last_name.as_str()
            ),
            ("3C", "Zoë", "Çelik")
        );
        assert_eq!(
            (row.external_id.as_str(), row.birth_date),
            ("P-7", date(2013, 11, 30))
        );
        assert_eq!(
            row.parents,
            [ParentRow {
                relation: "mother".into(),
                name: "Ayşe Çelik".into(),
                email: Some("ayse@example.com".into()),
            }]
        );
    }

    #[test]
    fn a_tab_file() {
        let text =
            "klas\tvoornaam\tnaam\tgeboortedatum\tstamnummer\n1A\tLotte\tPeeters\t01.09.2016\t5\n";
        let parsed = parsed(text);
        assert_eq!(parsed.errors, []);
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(parsed.rows[0].last_name, "Peeters");
        assert_eq!(parsed.rows[0].birth_date, date(2016, 9, 1));
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses_outside_quotes() {
        assert_eq!(sniff_delimiter("klas;voornaam;achternaam"), b';');
        assert_eq!(sniff_delimiter("klas,voornaam,achternaam"), b',');
        assert_eq!(sniff_delimiter("klas\tvoornaam\tachternaam"), b'\t');
        assert_eq!(sniff_delimiter("\n\"klas;groep\",voornaam,naam"), b',');
        assert_eq!(sniff_delimiter("klas;voornaam,achternaam"), b';');
        assert_eq!(sniff_delimiter("klas"), b';');
    }

    #[test]
    fn column_names_ignore_case_accents_spaces_and_punctuation() {
        let text = "KLAS;Voor-naam;Familienaam;Geboorte_Datum;Leerling ID;\
                    Relatie ouder 1;Naam ouder 1;E-mailadres ouder 1;OUDER 4 - Naam;Ouder.4.Mail\n\
                    1A;Lotte;Peeters;1/9/2016;5;Moeder;An;an@example.be;Nonkel Piet;PIET@EXAMPLE.BE\n";
        let parsed = parsed(text);
        assert_eq!(parsed.errors, []);
        assert_eq!(
            parsed.rows[0].parents,
            [
                ParentRow {
                    relation: "Moeder".into(),
                    name: "An".into(),
                    email: Some("an@example.be".into()),
                },
                ParentRow {
                    relation: String::new(),
                    name: "Nonkel Piet".into(),
                    email: Some("piet@example.be".into()),
                },
            ]
        );
    }

    #[test]
    fn quoted_fields_may_hold_the_delimiter_and_a_line_break() {
        let text = "klas;voornaam;achternaam;geboortedatum;stamnummer;ouder1 naam\n\
                    1A;\"Anna;Marie\";Peeters;01/02/2015;1;\"Jan\nPeeters\"\n\
                    1B;Bram;\"Claes \"\"de Kleine\"\"\";2015-03-04;2;\n\
                    1B;Cas;;2015-03-04;3;\n";
        let parsed = parsed(text);
        assert_eq!(
            parsed.errors,
            [error(5, RowProblem::Missing("achternaam".into()))]
        );
        let lines: Vec<usize> = parsed.rows.iter().map(|row| row.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(parsed.rows[0].first_name, "Anna;Marie");
        assert_eq!(parsed.rows[0].parents[0].name, "Jan\nPeeters");
        assert_eq!(parsed.rows[1].last_name, "Claes \"de Kleine\"");
    }

    #[test]
    fn blank_lines_are_skipped_and_still_counted() {
        let text = "\nklas,voornaam,achternaam,geboortedatum,stamnummer\n\
                    \n\
                    1A,Lotte,Peeters,01/09/2016,5\n\
                    \r\n\
                    ,,,,\n\
                    \n\
                    1A,Lies,Peeters,31/09/2016,6\n\
                    \n";
        let parsed = parsed(text);
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(parsed.rows[0].line, 4);
        assert_eq!(
            parsed.errors,
            [error(8, RowProblem::BadDate("31/09/2016".into()))]
        );
    }

    #[test]
    fn missing_columns_are_named_in_dutch() {
        assert_eq!(
            parse("Klas;Naam;Geboortedatum\n1A;Peeters;01/09/2016\n"),
            Err(FileProblem::MissingColumns(vec![
                "voornaam".into(),
                "stamnummer".into()
            ]))
        );
        assert_eq!(
            parse("a,b\n1,2\n"),
            Err(FileProblem::MissingColumns(vec![
                "klas".into(),
                "voornaam".into(),
                "achternaam".into(),
                "geboortedatum".into(),
                "stamnummer".into(),
            ]))
        );
    }

    #[test]
    fn text_without_columns_is_no_csv() {
        assert_eq!(
            parse("Beste ouders\nHierbij de lijst.\n"),
            Err(FileProblem::NotCsv)
        );
        assert_eq!(parse("klas\n1A\n"), Err(FileProblem::NotCsv));
    }

    #[test]
    fn a_header_without_pupils_has_no_rows() {
        assert_eq!(
            parse("klas;voornaam;achternaam;geboortedatum;stamnummer\n"),
            Err(FileProblem::NoRows)
        );
        assert_eq!(
            parse(&file(&["", ";;;;;;;;;;", "   "])),
            Err(FileProblem::NoRows)
        );
    }

    #[test]
    fn each_row_problem_is_named_with_its_line() {
        let text = file(&[
            "1A;Lotte;Peeters;01/09/2016;5;;;;;;",
            ";Lies;Peeters;01/09/2016;6;;;;;;",
            "1A;Lies;Peeters;01/09/2016;;;;;;;",
            "1A;Lies;Peeters;1 september 2016;7;;;;;;",
            "1A;Lies;Peeters;01/09/2016;8;moeder;An;an at example.be;;;",
            "1A;Lies;Peeters;01/09/2016;5;;;;;;",
            "1A;Lies;Peeters;01/09/2016;9;;;;vader;;jan@example.be",
            "1A;Lies;Peeters;01/09/2016;10",
            "1A;Lies;Peeters;01/09/2016;11;;;;;;;extra",
            "1A;Mats;Peeters;01/09/2016;12;;Jan;;;;",
        ]);
        let parsed = parsed(&text);
        assert_eq!(
            parsed.errors,
            [
                error(3, RowProblem::Missing("klas".into())),
                error(4, RowProblem::Missing("stamnummer".into())),
                error(5, RowProblem::BadDate("1 september 2016".into())),
                error(6, RowProblem::BadEmail("an at example.be".into())),
                error(
                    7,
                    RowProblem::DuplicateId {
                        id: "5".into(),
                        first_line: 2
                    }
                ),
                error(8, RowProblem::ParentWithoutName(2)),
                error(9, RowProblem::FieldCount),
                error(10, RowProblem::FieldCount),
            ]
        );
        let lines: Vec<usize> = parsed.rows.iter().map(|row| row.line).collect();
        assert_eq!(lines, [2, 11]);
        assert_eq!(
            parsed.rows[1].parents,
            [ParentRow {
                relation: String::new(),
                name: "Jan".into(),
                email: None,
            }]
        );
    }

    #[test]
    fn a_refused_row_still_claims_its_number() {
        let text = file(&[
            "1A;Lotte;Peeters;99/99/2016;5;;;;;;",
            "1A;Lies;Peeters;01/09/2016;5;;;;;;",
        ]);
        assert_eq!(
            parsed(&text).errors,
            [
                error(2, RowProblem::BadDate("99/99/2016".into())),
                error(
                    3,
                    RowProblem::DuplicateId {
                        id: "5".into(),
                        first_line: 2
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_parent_with_only_a_relation_or_an_address_has_no_name() {
        let text = file(&[
            "1A;Lotte;Peeters;01/09/2016;5;moeder;;;;;",
            "1A;Lies;Peeters;01/09/2016;6;;;an@example.be;;;",
        ]);
        assert_eq!(
            parsed(&text).errors,
            [
                error(2, RowProblem::ParentWithoutName(1)),
                error(3, RowProblem::ParentWithoutName(1)),
            ]
        );
    }

    #[test]
    fn addresses_must_look_like_an_address() {
        for bad in [
            "an@example",
            "an.example.be",
            "an@@example.be",
            "@example.be",
            "an@.be",
            "an@example.",
            "an peeters@example.be",
            "an@example.be; jan@example.be",
        ] {
            let text = file(&[&format!(
                "1A;Lotte;Peeters;01/09/2016;5;moeder;An;\"{bad}\";;;"
            )]);
            assert_eq!(
                parsed(&text).errors,
                [error(2, RowProblem::BadEmail(bad.into()))],
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_as_schools_write_them() {
        for text in ["14/03/2015", "14-03-2015", "14.03.2015", "2015-03-14"] {
            assert_eq!(parse_date(text), Some(date(2015, 3, 14)), "{text}");
        }
        for text in ["4/3/2015", "04/03/2015", "4-3-2015", "4.3.2015", "2015-3-4"] {
            assert_eq!(parse_date(text), Some(date(2015, 3, 4)), "{text}");
        }
        for text in [
            "",
            "14/03/15",
            "31/02/2015",
            "14/13/2015",
            "2015/03/14",
            "2015.03.14",
            "14/03-2015",
            "14/03/2015/1",
            "14 maart 2015",
            "14/03/2015 00:00",
            "+4/03/2015",
            "014/03/2015",
            "42079",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn a_windows_1252_export_reads_end_to_end() {
        let mut bytes = b"Klas;Voornaam;Achternaam;Geboortedatum;Stamnummer\r\n".to_vec();
        bytes.extend_from_slice(b"1A;Chlo\xEB;Van De Velde;14/03/2015;1001\r\n");
        let text = decode(&bytes).expect("text");
        let parsed = parsed(&text);
        assert_eq!(parsed.errors, []);
        assert_eq!(parsed.rows[0].first_name, "Chloë");
    }

    #[test]
    fn a_byte_order_mark_left_in_the_text_does_not_hide_the_first_column() {
        let text = "\u{feff}klas;voornaam;achternaam;geboortedatum;stamnummer\n1A;Lotte;Peeters;01/09/2016;5\n";
        assert_eq!(parsed(text).rows.len(), 1);
    }
}
