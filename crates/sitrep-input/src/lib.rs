//! Reading articles from text files, JSON Lines, folders and stdin, with clear errors.
