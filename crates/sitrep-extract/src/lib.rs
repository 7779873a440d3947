//! The extraction pipeline: triggers, slots, news vs background, links.
