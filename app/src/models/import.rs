//! What the import of a pupil export can find wrong in a file or a row.
