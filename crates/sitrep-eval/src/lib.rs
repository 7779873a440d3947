//! Gold reader and scorer for the gold annotation format.
