//! Integration tests of the extraction pipeline: the packs' examples, robustness on
//! arbitrary text, and gold scores with floors.

mod examples;
mod gold;
mod robustness;
