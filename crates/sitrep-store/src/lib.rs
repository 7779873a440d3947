//! The Store trait and its embedded SQLite backend.
