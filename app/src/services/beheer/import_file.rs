//! Reading a pupil export (CSV) into rows.
