//! Language packs: schema, loader, validator and the built-in French and English packs.
