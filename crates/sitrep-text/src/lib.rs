//! Text primitives: normalisation with an offset map, sentences, tokens, lexicon matching.
