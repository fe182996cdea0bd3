//! What the import of a pupil export can find wrong in a file or a row.

use serde::{Deserialize, Serialize};

/// Why a whole file is refused; nothing is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    Empty,
    TooLarge,
    /// Not a text file: a spreadsheet, an archive, an image…
    NotText,
    /// Text, but no table with columns.
    NotCsv,
    /// The columns the header lacks, by their Dutch names ("klas", "voornaam", …).
    MissingColumns(Vec<String>),
    /// A header, but no pupils under it.
    NoRows,
}

/// Why one row is refused; the whole file then writes nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowProblem {
    /// The column, by its Dutch name, that is empty in this row.
    Missing(String),
    /// The text that is no date.
    BadDate(String),
    /// The text that is no e-mail address.
    BadEmail(String),
    /// The same pupil number twice in the file.
    DuplicateId { id: String, first_line: usize },
    /// Parent 1 to 4 has a relation or an e-mail address but no name.
    ParentWithoutName(u8),
    /// The row has more or fewer fields than the header.
    FieldCount,
}

/// A refused row and where it is: the line in the file, the header being line 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: usize,
    pub problem: RowProblem,
}
